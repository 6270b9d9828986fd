//! A report laid out on A4 pages, for its PDF. Text (the title page,
//! headings, captions, tables, sources, page numbers) is laid out by egui
//! with the bundled fonts, the same way as a figure's text; each chart is
//! its exported vector figure, scaled to the page's width and placed where
//! its block was kept free. The result is one [`VectorFigure`] per page.
//!
//! Pagination works on groups of blocks that stay together: a tab's heading
//! with its first chart, a chart with its caption, a table's caption, head
//! and first row. A section starts a new page; a table that runs on repeats
//! its head on the next page.

use egui::{Align, Layout, Pos2, Rect, RichText, Sense, Vec2, vec2};

use crate::export::layout::{FIGURE_WIDTH, FigureLayout};
use crate::export::table::ChartTable;
use crate::export::vector::{VectorFigure, from_laid_out};
use crate::export::{ExportFormat, ExportJob, vector_figure};
use crate::report::Report;

/// An A4 page in points (CSS pixels; ¾ of a PDF point each).
pub const PAGE_SIZE: Vec2 = vec2(595.28 / 0.75, 841.89 / 0.75);
/// Space around the page's content.
const MARGIN: f32 = 60.0;
/// The page number's line at the foot of the page.
const FOOTER_HEIGHT: f32 = 28.0;
const CONTENT_WIDTH: f32 = PAGE_SIZE.x - 2.0 * MARGIN;
const CONTENT_HEIGHT: f32 = PAGE_SIZE.y - 2.0 * MARGIN - FOOTER_HEIGHT;
/// Pixels per point text is snapped to (as in a 2× PNG).
const TEXT_SCALE: f32 = 2.0;

/// One thing on a page. Charts and tables are numbered in report order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Block {
    Title,
    Heading(usize),
    Figure(usize),
    Caption(usize),
    TableCaption(usize),
    TableHead(usize),
    TableRow(usize, usize),
    SourcesHeading,
    Source(usize),
}

/// Blocks that go on one page together.
struct Group {
    blocks: Vec<Block>,
    /// Starts a new page (a section, the sources).
    new_page: bool,
    /// A row of this table: its head is repeated when the group opens a page.
    continues: Option<usize>,
}

/// The pages of `report`; `progress` hears the share done.
pub fn report_pages(
    report: &Report<'_>,
    layout: &FigureLayout,
    progress: &mut dyn FnMut(f32),
) -> Vec<VectorFigure> {
    let options = &report.options;
    let total = report.chart_count().max(1) as f32;
    let mut figures = Vec::with_capacity(report.chart_count());
    for (chart, _) in report.charts() {
        let job = ExportJob {
            chart_id: chart.id.clone(),
            format: ExportFormat::Pdf,
            scale: crate::export::DEFAULT_SCALE,
            lang: options.lang,
            theme: options.theme,
        };
        figures.push(vector_figure(chart, report.dataset, &job, layout));
        progress(0.8 * figures.len() as f32 / total);
    }
    let groups = groups(report);
    let heights = measure(report, layout, &groups, &figures);
    let pages = paginate(&groups, &|block| heights(block));
    let count = pages.len();
    let mut out = Vec::with_capacity(count);
    for (at, blocks) in pages.iter().enumerate() {
        let mut placed: Vec<(usize, Rect)> = Vec::new();
        let laid_out = layout.lay_out_page(PAGE_SIZE, options.theme, TEXT_SCALE, |ui| {
            page_ui(ui, report, blocks, (&figures, &mut placed));
            footer_ui(ui, report, at + 1, count);
        });
        let mut page = from_laid_out(&laid_out);
        for (number, rect) in placed {
            if let Some(figure) = figures.get(number) {
                page.place(figure, rect.min, rect.width() / figure.size.x);
            }
        }
        out.push(page);
        progress(0.8 + 0.2 * (at + 1) as f32 / count.max(1) as f32);
    }
    out
}

/// The report's blocks, grouped as they must stay together.
fn groups(report: &Report<'_>) -> Vec<Group> {
    let group = |blocks: Vec<Block>, new_page: bool| Group { blocks, new_page, continues: None };
    let mut groups = vec![group(vec![Block::Title], false)];
    let mut number = 0;
    for (at, section) in report.sections.iter().enumerate() {
        for index in 0..section.charts.len() {
            let mut blocks = if index == 0 { vec![Block::Heading(at)] } else { Vec::new() };
            blocks.extend([Block::Figure(number), Block::Caption(number)]);
            groups.push(group(blocks, index == 0));
            if let Some(Some(table)) = report.tables.get(number) {
                let head =
                    vec![Block::TableCaption(number), Block::TableHead(number), Block::TableRow(number, 0)];
                groups.push(group(head, false));
                for row in 1..table.rows.len() {
                    groups.push(Group {
                        blocks: vec![Block::TableRow(number, row)],
                        new_page: false,
                        continues: Some(number),
                    });
                }
            }
            number += 1;
        }
    }
    for at in 0..report.sources.len() {
        let blocks =
            if at == 0 { vec![Block::SourcesHeading, Block::Source(0)] } else { vec![Block::Source(at)] };
        groups.push(group(blocks, at == 0));
    }
    groups
}

/// Each block's height on the page: a figure's from its size, text measured by laying it all out once.
fn measure<'f>(
    report: &Report<'_>,
    layout: &FigureLayout,
    groups: &[Group],
    figures: &'f [VectorFigure],
) -> impl Fn(Block) -> f32 + 'f {
    let blocks: Vec<Block> = groups
        .iter()
        .flat_map(|group| group.blocks.iter().copied())
        .chain(groups.iter().filter_map(|group| group.continues.map(Block::TableHead)))
        .filter(|block| !matches!(block, Block::Figure(_)))
        .collect();
    let tall = vec2(PAGE_SIZE.x, 400.0 * blocks.len() as f32 + PAGE_SIZE.y);
    let mut measured: std::collections::HashMap<Block, f32> = std::collections::HashMap::new();
    layout.lay_out_page(tall, report.options.theme, TEXT_SCALE, |ui| {
        content_ui(ui, |ui| {
            for &block in &blocks {
                let top = ui.cursor().top();
                block_ui(ui, report, block);
                measured.insert(block, ui.cursor().top() - top);
            }
        });
    });
    move |block| match block {
        Block::Figure(number) => {
            figures.get(number).map_or(0.0, |figure| figure.size.y * CONTENT_WIDTH / FIGURE_WIDTH)
        }
        other => measured.get(&other).copied().unwrap_or(0.0),
    }
}

/// Groups onto pages, in order: a group that does not fit starts a new
/// page; a table's head is repeated above its rows on a page they continue on.
fn paginate(groups: &[Group], height: &dyn Fn(Block) -> f32) -> Vec<Vec<Block>> {
    let mut pages: Vec<Vec<Block>> = vec![Vec::new()];
    let mut used = 0.0;
    for group in groups {
        let needed: f32 = group.blocks.iter().map(|block| height(*block)).sum();
        let page_has_content = pages.last().is_some_and(|page| !page.is_empty());
        if page_has_content && (group.new_page || used + needed > CONTENT_HEIGHT) {
            pages.push(Vec::new());
            used = 0.0;
            if let Some(table) = group.continues {
                if let Some(page) = pages.last_mut() {
                    page.push(Block::TableHead(table));
                }
                used += height(Block::TableHead(table));
            }
        }
        if let Some(page) = pages.last_mut() {
            page.extend(group.blocks.iter().copied());
        }
        used += needed;
    }
    pages
}

/// The page's content area: inside the margins, above the footer.
fn content_ui(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    let rect = Rect::from_min_size(Pos2::new(MARGIN, MARGIN), vec2(CONTENT_WIDTH, ui.max_rect().height()));
    ui.scope_builder(egui::UiBuilder::new().max_rect(rect).layout(Layout::top_down(Align::Min)), |ui| {
        ui.set_width(CONTENT_WIDTH);
        add(ui);
    });
}

/// One page's blocks; a figure's block is kept free and its rectangle noted.
fn page_ui(
    ui: &mut egui::Ui,
    report: &Report<'_>,
    blocks: &[Block],
    (figures, placed): (&[VectorFigure], &mut Vec<(usize, Rect)>),
) {
    content_ui(ui, |ui| {
        for &block in blocks {
            if let Block::Figure(number) = block {
                let height =
                    figures.get(number).map_or(0.0, |figure| figure.size.y * CONTENT_WIDTH / FIGURE_WIDTH);
                let (rect, _) = ui.allocate_exact_size(vec2(CONTENT_WIDTH, height), Sense::hover());
                placed.push((number, rect));
            } else {
                block_ui(ui, report, block);
            }
        }
    });
}

/// The page number, centred at the foot; the report's title at the left.
fn footer_ui(ui: &mut egui::Ui, report: &Report<'_>, page: usize, count: usize) {
    let top = PAGE_SIZE.y - MARGIN - FOOTER_HEIGHT + 8.0;
    let rect = Rect::from_min_size(Pos2::new(MARGIN, top), vec2(CONTENT_WIDTH, FOOTER_HEIGHT));
    let painter = ui.painter_at(rect);
    let weak = ui.visuals().weak_text_color();
    let font = egui::FontId::proportional(10.5);
    painter.hline(rect.x_range(), rect.top(), egui::Stroke::new(0.5, weak));
    let number = match report.options.lang {
        crate::i18n::Lang::Zh => format!("第 {page} 页 / 共 {count} 页"),
        crate::i18n::Lang::En => format!("Page {page} of {count}"),
    };
    painter.text(rect.right_center(), egui::Align2::RIGHT_CENTER, number, font.clone(), weak);
    painter.text(rect.left_center(), egui::Align2::LEFT_CENTER, &report.title, font, weak);
}

/// Draws one text block at the cursor.
fn block_ui(ui: &mut egui::Ui, report: &Report<'_>, block: Block) {
    match block {
        Block::Title => title_ui(ui, report),
        Block::Heading(at) => {
            let heading = report.sections.get(at).map_or("", |section| section.heading.as_str());
            heading_ui(ui, heading);
        }
        Block::SourcesHeading => heading_ui(ui, report.sources_heading()),
        Block::Figure(_) => {}
        Block::Caption(number) => {
            if let Some((chart, _)) = report.charts().nth(number) {
                ui.add_space(4.0);
                ui.add(
                    egui::Label::new(RichText::new(report.caption(number + 1, chart)).strong().size(13.0))
                        .wrap(),
                );
                ui.add_space(14.0);
            }
        }
        Block::TableCaption(number) => {
            ui.label(RichText::new(report.table_heading(number + 1)).weak().size(12.0));
        }
        Block::TableHead(number) => {
            if let Some(table) = table_of(report, number) {
                let mut cells = vec![table.corner.clone()];
                cells.extend(table.columns.iter().cloned());
                row_ui(ui, &cells, true);
            }
        }
        Block::TableRow(number, row) => {
            if let Some(row) = table_of(report, number).and_then(|table| table.rows.get(row)) {
                let mut cells = vec![row.label.clone()];
                cells.extend(row.cells.iter().map(|cell| match cell {
                    Some(cell) if cell.marks.is_empty() => cell.text.clone(),
                    Some(cell) => format!("{}（{}）", cell.text, cell.marks),
                    None => String::new(),
                }));
                row_ui(ui, &cells, false);
            }
            if table_of(report, number).is_some_and(|table| row + 1 == table.rows.len()) {
                ui.add_space(18.0);
            }
        }
        Block::Source(at) => source_ui(ui, report, at),
    }
}

fn table_of<'r>(report: &'r Report<'_>, number: usize) -> Option<&'r ChartTable> {
    report.tables.get(number).and_then(Option::as_ref)
}

fn title_ui(ui: &mut egui::Ui, report: &Report<'_>) {
    ui.add_space(220.0);
    ui.add(egui::Label::new(RichText::new(&report.title).size(28.0).strong()).wrap());
    ui.add_space(28.0);
    for fact in &report.facts {
        ui.add(egui::Label::new(RichText::new(fact).size(14.0)).wrap());
        ui.add_space(4.0);
    }
}

fn heading_ui(ui: &mut egui::Ui, heading: &str) {
    ui.add(egui::Label::new(RichText::new(heading).size(22.0).strong()).wrap());
    let (rect, _) = ui.allocate_exact_size(vec2(CONTENT_WIDTH, 6.0), Sense::hover());
    ui.painter().hline(
        rect.x_range(),
        rect.center().y,
        egui::Stroke::new(1.5, ui.visuals().weak_text_color()),
    );
    ui.add_space(10.0);
}

/// A table row: the label column, then equal columns for the series; a rule under it.
fn row_ui(ui: &mut egui::Ui, cells: &[String], head: bool) {
    let columns = cells.len().saturating_sub(1).max(1) as f32;
    let label_width = (CONTENT_WIDTH * 0.3).min(CONTENT_WIDTH / (columns + 1.0) * 1.6);
    let width = (CONTENT_WIDTH - label_width) / columns;
    let spacing = ui.spacing().item_spacing.x;
    let response = ui.horizontal_top(|ui| {
        for (at, cell) in cells.iter().enumerate() {
            let cell_width = if at == 0 { label_width } else { width } - spacing;
            let align = if at == 0 || head { Align::Min } else { Align::Max };
            ui.allocate_ui_with_layout(vec2(cell_width, 0.0), Layout::top_down(align), |ui| {
                ui.set_width(cell_width);
                let text = RichText::new(cell).size(11.5);
                let text = if head { text.strong() } else { text };
                ui.add(egui::Label::new(text).wrap());
            });
        }
    });
    let bottom = response.response.rect.bottom() + 2.0;
    let stroke = egui::Stroke::new(if head { 1.0 } else { 0.5 }, ui.visuals().weak_text_color());
    ui.painter().hline(ui.max_rect().x_range(), bottom, stroke);
    ui.add_space(4.0);
}

fn source_ui(ui: &mut egui::Ui, report: &Report<'_>, at: usize) {
    let Some(source) = report.sources.get(at) else { return };
    ui.add(
        egui::Label::new(RichText::new(format!("[{}] {}", at + 1, source.title)).strong().size(12.0)).wrap(),
    );
    ui.add(egui::Label::new(RichText::new(&source.details).weak().size(11.5)).wrap());
    if let Some(url) = &source.url {
        ui.add(egui::Label::new(RichText::new(url).weak().size(11.0)).wrap());
    }
    ui.add_space(8.0);
}
