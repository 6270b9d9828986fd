//! A report as a Word document (`.docx`, with `docx-rs`) that Word, WPS and
//! LibreOffice open: a title page, a heading per tab (Word's built-in
//! "heading 1", so the navigation pane and a table of contents find it),
//! each chart as a 2× PNG from the same painter as a PNG export with its
//! title as a caption, its values as a Word table, and the sources at the
//! end. Text is in styles that name a CJK font for East Asian text
//! (微软雅黑 / Microsoft YaHei, which Word and WPS on Windows have; other
//! systems substitute their CJK font for it).

use docx_rs::{
    AlignmentType, BreakType, Docx, Hyperlink, HyperlinkType, PageMargin, Paragraph, Pic, Run, RunFonts,
    Style, StyleType, Table, TableCell, TableRow, WidthType,
};

use crate::export::png::{PngText, encode_png};
use crate::export::table::ChartTable;
use crate::export::{Drawer, ExportFormat, ExportJob, description};
use crate::report::{Report, ReportError};

/// The font named for East Asian text in every style.
pub const CJK_FONT: &str = "Microsoft YaHei";
/// A4 in twentieths of a point.
const PAGE_TWIPS: (u32, u32) = (11_906, 16_838);
/// 2.25 cm.
const MARGIN_TWIPS: i32 = 1_276;
const CONTENT_TWIPS: usize = 11_906 - 2 * 1_276;
/// English Metric Units per twip.
const EMU_PER_TWIP: u32 = 635;

/// The document of `report`; `progress` hears the share of charts drawn.
pub fn write_docx(
    report: &Report<'_>,
    drawer: &mut Drawer,
    progress: &mut dyn FnMut(f32),
) -> Result<Vec<u8>, ReportError> {
    let mut docx = styled(Docx::new())
        .page_size(PAGE_TWIPS.0, PAGE_TWIPS.1)
        .page_margin(
            PageMargin::new().top(MARGIN_TWIPS).bottom(MARGIN_TWIPS).left(MARGIN_TWIPS).right(MARGIN_TWIPS),
        )
        .created_at(&format!("{}T00:00:00Z", report.options.date));
    docx = title_page(docx, report);
    let total = report.chart_count().max(1) as f32;
    let mut number = 0;
    for section in &report.sections {
        docx = docx.add_paragraph(
            Paragraph::new()
                .style("Heading1")
                .page_break_before(true)
                .add_run(Run::new().add_text(&section.heading)),
        );
        for &chart in &section.charts {
            let table = report.tables.get(number).and_then(Option::as_ref);
            number += 1;
            docx = docx.add_paragraph(picture(report, chart, drawer)?.keep_next(true));
            docx = docx.add_paragraph(
                Paragraph::new().style("Caption").add_run(Run::new().add_text(report.caption(number, chart))),
            );
            if let Some(table) = table {
                docx = docx.add_paragraph(
                    Paragraph::new()
                        .style("TableCaption")
                        .keep_next(true)
                        .add_run(Run::new().add_text(report.table_heading(number))),
                );
                docx = docx.add_table(word_table(table));
                docx = docx.add_paragraph(Paragraph::new());
            }
            progress(number as f32 / total);
        }
    }
    docx = sources(docx, report);
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).map_err(|error| ReportError::Document(error.to_string()))?;
    Ok(bytes.into_inner())
}

/// The document's styles: body text, title, heading 1, caption, table text.
fn styled(docx: Docx) -> Docx {
    let fonts = || RunFonts::new().ascii("Calibri").hi_ansi("Calibri").east_asia(CJK_FONT).cs("Calibri");
    docx.default_fonts(fonts())
        .default_size(21)
        .add_style(Style::new("Title", StyleType::Paragraph).name("Title").size(56).bold().fonts(fonts()))
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .size(36)
                .bold()
                .fonts(fonts())
                .outline_lvl(0),
        )
        .add_style(Style::new("Caption", StyleType::Paragraph).name("caption").size(20).bold().fonts(fonts()))
        .add_style(
            Style::new("TableCaption", StyleType::Paragraph)
                .name("EconLens table caption")
                .size(18)
                .color("5F5F5F")
                .fonts(fonts()),
        )
        .add_style(
            Style::new("TableText", StyleType::Paragraph).name("EconLens table text").size(18).fonts(fonts()),
        )
}

fn title_page(mut docx: Docx, report: &Report<'_>) -> Docx {
    for _ in 0..6 {
        docx = docx.add_paragraph(Paragraph::new());
    }
    docx = docx.add_paragraph(Paragraph::new().style("Title").add_run(Run::new().add_text(&report.title)));
    for fact in &report.facts {
        docx =
            docx.add_paragraph(Paragraph::new().add_run(Run::new().add_text(fact).size(24).color("404040")));
    }
    docx
}

/// The chart as a 2× PNG, as wide as the page's text.
fn picture(
    report: &Report<'_>,
    chart: &crate::chart::Chart,
    drawer: &mut Drawer,
) -> Result<Paragraph, ReportError> {
    let options = &report.options;
    let job = ExportJob {
        chart_id: chart.id.clone(),
        format: ExportFormat::Png,
        scale: crate::export::DEFAULT_SCALE,
        lang: options.lang,
        theme: options.theme,
    };
    let image = drawer.image(chart, report.dataset, &job)?;
    let about = description(chart, report.dataset, options.lang);
    let png = encode_png(&image, &PngText { title: chart.title.get(options.lang), description: &about })
        .map_err(crate::export::ExportError::from)?;
    let width_emu = CONTENT_TWIPS as u32 * EMU_PER_TWIP;
    let height_emu =
        (f64::from(width_emu) * f64::from(image.height) / f64::from(image.width.max(1))).round() as u32;
    let pic = Pic::new_with_dimensions(png, image.width, image.height).size(width_emu, height_emu);
    Ok(Paragraph::new().align(AlignmentType::Center).add_run(Run::new().add_image(pic)))
}

/// The chart's values as a Word table: label column, then a column per series.
fn word_table(table: &ChartTable) -> Table {
    let columns = table.columns.len().max(1);
    let label = (CONTENT_TWIPS * 3 / 10).min(CONTENT_TWIPS * 16 / (10 * (columns + 1)));
    let each = (CONTENT_TWIPS - label) / columns;
    let cell = |text: &str, width: usize, bold: bool, right: bool| {
        let run = Run::new().add_text(text);
        let run = if bold { run.bold() } else { run };
        let paragraph = Paragraph::new().style("TableText").add_run(run);
        let paragraph = if right { paragraph.align(AlignmentType::Right) } else { paragraph };
        TableCell::new().width(width, WidthType::Dxa).add_paragraph(paragraph)
    };
    let mut head = vec![cell(&table.corner, label, true, false)];
    head.extend(table.columns.iter().map(|column| cell(column, each, true, false)));
    let mut rows = vec![TableRow::new(head).cant_split()];
    for row in &table.rows {
        let mut cells = vec![cell(&row.label, label, false, false)];
        cells.extend(row.cells.iter().map(|value| match value {
            Some(value) if value.marks.is_empty() => cell(&value.text, each, false, true),
            Some(value) => cell(&format!("{}（{}）", value.text, value.marks), each, false, true),
            None => cell("", each, false, true),
        }));
        rows.push(TableRow::new(cells).cant_split());
    }
    let mut grid = vec![label];
    grid.extend(std::iter::repeat_n(each, columns));
    Table::new(rows).set_grid(grid).width(CONTENT_TWIPS, WidthType::Dxa)
}

fn sources(mut docx: Docx, report: &Report<'_>) -> Docx {
    docx = docx.add_paragraph(
        Paragraph::new()
            .style("Heading1")
            .page_break_before(true)
            .add_run(Run::new().add_text(report.sources_heading())),
    );
    for (at, source) in report.sources.iter().enumerate() {
        let mut paragraph = Paragraph::new()
            .add_run(Run::new().add_text(format!("[{}] {}", at + 1, source.title)).bold())
            .add_run(Run::new().add_break(BreakType::TextWrapping))
            .add_run(Run::new().add_text(&source.details).color("5F5F5F"));
        if let Some(url) = &source.url {
            paragraph = paragraph.add_run(Run::new().add_break(BreakType::TextWrapping)).add_hyperlink(
                Hyperlink::new(url, HyperlinkType::External)
                    .add_run(Run::new().add_text(url).color("1F5FA8")),
            );
        }
        docx = docx.add_paragraph(paragraph);
    }
    docx
}
