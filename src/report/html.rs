//! A report as one self-contained HTML page: no script, no external file.
//! Each chart is the same vector figure as its SVG export, inline, with
//! every glyph outline defined once for the page (a report's charts share
//! most of their characters), so Chinese looks the same without a Chinese
//! font; headings, captions, tables and sources are HTML text in the
//! reader's CJK font. It prints on A4, a tab's section starting a new page
//! and a chart never cut in two.

use std::fmt::Write as _;

use crate::chart::Chart;
use crate::export::layout::FigureLayout;
use crate::export::table::ChartTable;
use crate::export::vector::svg::{SharedGlyphs, escape};
use crate::export::{ExportFormat, ExportJob, description, vector, vector_figure};
use crate::figure::Theme;
use crate::report::Report;

/// Fonts a reader's system has for Chinese, in order of preference.
pub const CJK_FONTS: &str = "\"Microsoft YaHei\", \"微软雅黑\", \"PingFang SC\", \"Noto Sans CJK SC\", \
                             \"Noto Sans SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\", sans-serif";

/// The page of `report`; `progress` hears the share of charts drawn.
pub fn write_html(report: &Report<'_>, layout: &FigureLayout, progress: &mut dyn FnMut(f32)) -> String {
    let lang = report.options.lang;
    let mut glyphs = SharedGlyphs::default();
    let mut body = String::with_capacity(256 * 1024);
    push_title_page(&mut body, report);
    let total = report.chart_count().max(1) as f32;
    let mut number = 0;
    for section in &report.sections {
        let _ = writeln!(body, "<section>\n<h2>{}</h2>", escape(&section.heading));
        for &chart in &section.charts {
            let table = report.tables.get(number).and_then(Option::as_ref);
            number += 1;
            push_chart(&mut body, report, (number, chart, table), layout, &mut glyphs);
            progress(number as f32 / total);
        }
        body.push_str("</section>\n");
    }
    push_sources(&mut body, report);
    let mut out = String::with_capacity(body.len() + 64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"EconLens {}\">\n<title>{}</title>\n<style>\n{}</style>\n</head>\n\
         <body class=\"{}\">\n",
        lang.tag(),
        env!("CARGO_PKG_VERSION"),
        escape(&report.title),
        style(report.options.theme),
        match report.options.theme {
            Theme::Light => "light",
            Theme::Dark => "dark",
        },
    );
    out.push_str(&glyphs.defs());
    out.push_str(&body);
    out.push_str("</body>\n</html>\n");
    out
}

/// The page's look: A4 when printed, the reader's CJK font, the theme's colours.
fn style(theme: Theme) -> String {
    let (page, ink, faint, rule) = match theme {
        Theme::Light => ("#ffffff", "#1f1f1f", "#5f5f5f", "#c8c8c8"),
        Theme::Dark => ("#1b1b1b", "#e0e0e0", "#a8a8a8", "#4a4a4a"),
    };
    format!(
        "@page {{ size: A4; margin: 16mm; }}\n\
         html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}\n\
         body {{ font-family: {CJK_FONTS}; background: {page}; color: {ink}; max-width: 980px; \
         margin: 0 auto; padding: 24px; line-height: 1.5; }}\n\
         header.title-page {{ padding: 48px 0 24px; }}\n\
         h1 {{ font-size: 30px; margin-bottom: 24px; }}\n\
         h2 {{ font-size: 22px; border-bottom: 2px solid {rule}; padding-bottom: 4px; margin-top: 40px; }}\n\
         .facts {{ list-style: none; padding: 0; color: {faint}; font-size: 16px; }}\n\
         figure {{ margin: 24px 0 8px; break-inside: avoid; }}\n\
         figure svg {{ width: 100%; height: auto; display: block; }}\n\
         figcaption {{ font-weight: bold; margin-top: 6px; }}\n\
         table {{ border-collapse: collapse; margin: 8px 0 24px; font-size: 13px; }}\n\
         caption {{ text-align: left; color: {faint}; padding-bottom: 4px; }}\n\
         th, td {{ border: 1px solid {rule}; padding: 3px 8px; }}\n\
         td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}\n\
         .marks {{ color: {faint}; font-size: 12px; margin-left: 6px; }}\n\
         thead {{ display: table-header-group; }}\n\
         tr {{ break-inside: avoid; }}\n\
         ol.sources li {{ margin-bottom: 6px; }}\n\
         .details {{ color: {faint}; }}\n\
         a {{ color: inherit; word-break: break-all; }}\n\
         @media print {{ body {{ max-width: none; padding: 0; }} section {{ break-before: page; }} \
         header.title-page {{ padding-top: 30vh; min-height: 60vh; }} }}\n"
    )
}

fn push_title_page(out: &mut String, report: &Report<'_>) {
    let _ = writeln!(
        out,
        "<header class=\"title-page\">\n<h1>{}</h1>\n<ul class=\"facts\">",
        escape(&report.title)
    );
    for fact in &report.facts {
        let _ = writeln!(out, "<li>{}</li>", escape(fact));
    }
    out.push_str("</ul>\n</header>\n");
}

/// A chart as its inline vector figure with its caption, then its table.
fn push_chart(
    out: &mut String,
    report: &Report<'_>,
    (number, chart, table): (usize, &Chart, Option<&ChartTable>),
    layout: &FigureLayout,
    glyphs: &mut SharedGlyphs,
) {
    let options = &report.options;
    let job = ExportJob {
        chart_id: chart.id.clone(),
        format: ExportFormat::Svg,
        scale: crate::export::DEFAULT_SCALE,
        lang: options.lang,
        theme: options.theme,
    };
    let figure = vector_figure(chart, report.dataset, &job, layout);
    let about_text = description(chart, report.dataset, options.lang);
    let about = vector::Description {
        title: chart.title.get(options.lang),
        description: &about_text,
        lang: options.lang.tag(),
    };
    let _ = writeln!(out, "<figure id=\"{}\">", escape(&chart.id));
    out.push_str(&glyphs.element(&figure, &about));
    let _ = writeln!(out, "<figcaption>{}</figcaption>\n</figure>", escape(&report.caption(number, chart)));
    if let Some(table) = table {
        push_table(out, table, &report.table_heading(number));
    }
}

fn push_table(out: &mut String, table: &ChartTable, caption: &str) {
    let _ = write!(
        out,
        "<table>\n<caption>{}</caption>\n<thead><tr><th>{}</th>",
        escape(caption),
        escape(&table.corner)
    );
    for column in &table.columns {
        let _ = write!(out, "<th>{}</th>", escape(column));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", escape(&row.label));
        for cell in &row.cells {
            match cell {
                Some(cell) if cell.marks.is_empty() => {
                    let _ = write!(out, "<td class=\"num\">{}</td>", escape(&cell.text));
                }
                Some(cell) => {
                    let _ = write!(
                        out,
                        "<td class=\"num\">{}<span class=\"marks\">{}</span></td>",
                        escape(&cell.text),
                        escape(&cell.marks)
                    );
                }
                None => out.push_str("<td></td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn push_sources(out: &mut String, report: &Report<'_>) {
    let _ = writeln!(
        out,
        "<section class=\"sources\">\n<h2>{}</h2>\n<ol class=\"sources\">",
        report.sources_heading()
    );
    for source in &report.sources {
        let _ = write!(
            out,
            "<li><strong>{}</strong> <span class=\"details\">{}</span>",
            escape(&source.title),
            escape(&source.details)
        );
        if let Some(url) = &source.url {
            let url = escape(url);
            let _ = write!(out, "<br><a href=\"{url}\">{url}</a>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</section>\n");
}
