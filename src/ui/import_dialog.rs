//! Drawing File → Import table…: the choices on the left (layout, header
//! row, what the table does not say, the source), the first rows of the
//! table with the header marked, and how it reads: what `econlens import`
//! would print, the first values with their cells, or every problem with its
//! cell. The state and the threads are in [`super::import_flow`].

use clap::ValueEnum as _;

use crate::data::model::SourceKind;
use crate::i18n::Lang;
use crate::import::LayoutChoice;
use crate::import::RowsAre;
use crate::import::layout::FileFacts;
use crate::ui::import_flow::{Choices, ImportFlow, OpenedTable, Outcome, PREVIEW_ROWS, Preview};

/// Longest text shown in a preview cell.
const CELL_CHARS: usize = 18;

fn layout_label(choice: LayoutChoice, lang: Lang) -> &'static str {
    match choice {
        LayoutChoice::Auto => lang.tr("自动识别", "found from the header"),
        LayoutChoice::Long => lang.tr("长表（每行一个数值）", "long (one value per row)"),
        LayoutChoice::Wide => lang.tr("宽表（表头横向列出）", "wide (a dimension across the header)"),
    }
}

fn short(text: &str) -> String {
    if text.chars().count() <= CELL_CHARS {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(CELL_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

/// Draws the dialog; what it asks the app to do.
pub fn import_dialog_ui(ctx: &egui::Context, lang: Lang, flow: &mut ImportFlow) -> Option<Outcome> {
    let mut outcome = flow.poll(ctx);
    let screen = ctx.content_rect();
    let modal = egui::Modal::new(egui::Id::unique("econlens-import-dialog")).show(ctx, |ui| {
        ui.set_width((screen.width() - 48.0).clamp(320.0, 1000.0));
        ui.heading(lang.tr("导入表格", "Import a table"));
        ui.label(egui::RichText::new(flow.table_path.display().to_string()).weak());
        ui.separator();
        let body_height = (screen.height() - 220.0).max(160.0);
        egui::ScrollArea::vertical().max_height(body_height).auto_shrink([false, true]).show(ui, |ui| {
            body_ui(ui, lang, flow);
        });
        ui.separator();
        if let Some(done) = footer_ui(ui, lang, flow) {
            outcome = Some(done);
        }
    });
    // Escape closes it; a click beside it does not, so nothing typed is lost by a stray click.
    let escape = modal.response.ctx.input(|input| input.key_pressed(egui::Key::Escape));
    if escape && !flow.is_writing() {
        outcome = outcome.or(Some(Outcome::Close));
    }
    outcome
}

fn body_ui(ui: &mut egui::Ui, lang: Lang, flow: &mut ImportFlow) {
    match flow.opened.done() {
        None => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(lang.tr("正在读取表格…", "Reading the table…"));
            });
            return;
        }
        Some(Err(problem)) => {
            ui.colored_label(ui.visuals().error_fg_color, problem.render(lang));
            return;
        }
        Some(Ok(_)) => {}
    }
    let wide = ui.available_width() >= 760.0;
    if wide {
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width(300.0);
                choices_ui(ui, lang, flow);
            });
            ui.separator();
            ui.vertical(|ui| preview_ui(ui, lang, flow));
        });
    } else {
        choices_ui(ui, lang, flow);
        ui.separator();
        preview_ui(ui, lang, flow);
    }
}

fn text_row(ui: &mut egui::Ui, label: &str, hint: &str, value: &mut String) {
    let label = ui.label(label);
    ui.add(egui::TextEdit::singleline(value).hint_text(hint).desired_width(170.0)).labelled_by(label.id);
    ui.end_row();
}

fn choices_ui(ui: &mut egui::Ui, lang: Lang, flow: &mut ImportFlow) {
    let sheets = flow.table().map(|opened| opened.table.sheets.clone()).unwrap_or_default();
    // What a publisher's file says of itself: the fields below override it only when filled.
    let facts = flow.reading().and_then(|preview| preview.reading.facts.clone());
    let choices = &mut flow.choices;
    reading_choices_ui(ui, lang, choices, &sheets);
    ui.add_space(6.0);
    missing_choices_ui(ui, lang, choices);
    ui.add_space(6.0);
    source_choices_ui(ui, lang, choices, facts.as_ref());
}

/// How the table reads: its sheet, layout, header row and first column.
fn reading_choices_ui(ui: &mut egui::Ui, lang: Lang, choices: &mut Choices, sheets: &[String]) {
    ui.strong(lang.tr("如何读取", "How to read it"));
    egui::Grid::new("import-choices").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        if sheets.len() > 1 {
            let label = ui.label(lang.tr("工作表", "Sheet"));
            let current = choices.sheet.clone().or_else(|| sheets.first().cloned()).unwrap_or_default();
            egui::ComboBox::from_id_salt("import-sheet")
                .selected_text(&current)
                .show_ui(ui, |ui| {
                    for sheet in sheets {
                        if ui.selectable_label(*sheet == current, sheet).clicked() {
                            choices.sheet = Some(sheet.clone());
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
        }
        let label = ui.label(lang.tr("布局", "Layout"));
        egui::ComboBox::from_id_salt("import-layout")
            .selected_text(layout_label(choices.read.layout, lang))
            .show_ui(ui, |ui| {
                for choice in [LayoutChoice::Auto, LayoutChoice::Long, LayoutChoice::Wide] {
                    ui.selectable_value(&mut choices.read.layout, choice, layout_label(choice, lang));
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label(lang.tr("表头行", "Header row"));
        ui.horizontal(|ui| {
            let mut automatic = choices.read.header_row.is_none();
            if ui.checkbox(&mut automatic, lang.tr("自动", "found")).changed() {
                choices.read.header_row = if automatic { None } else { Some(1) };
            }
            if let Some(row) = &mut choices.read.header_row {
                ui.add(egui::DragValue::new(row).range(1..=crate::import::layout::HEAD_ROWS))
                    .labelled_by(label.id);
            }
        });
        ui.end_row();
        let label = ui.label(lang.tr("首列为", "First column lists"));
        let rows_label =
            |rows: Option<RowsAre>| rows.map_or(lang.tr("自动识别", "found"), |rows| rows.label(lang));
        egui::ComboBox::from_id_salt("import-rows")
            .selected_text(rows_label(choices.read.rows))
            .show_ui(ui, |ui| {
                for rows in [None, Some(RowsAre::Regions), Some(RowsAre::Indicators), Some(RowsAre::Periods)]
                {
                    ui.selectable_value(&mut choices.read.rows, rows, rows_label(rows));
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
    });
}

/// What the table does not say: year, period, region, indicator, unit.
fn missing_choices_ui(ui: &mut egui::Ui, lang: Lang, choices: &mut Choices) {
    ui.strong(lang.tr("表格未写明时", "Where the table does not say"));
    egui::Grid::new("import-missing").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        text_row(ui, lang.tr("年份", "Year"), lang.tr("如 2024", "e.g. 2024"), &mut choices.read.year);
        text_row(
            ui,
            lang.tr("时期", "Period"),
            lang.tr("如 2024年1-9月", "e.g. 2024年1-9月"),
            &mut choices.read.period,
        );
        text_row(
            ui,
            lang.tr("地区", "Region"),
            lang.tr("如 市中区", "e.g. 市中区"),
            &mut choices.read.region,
        );
        text_row(
            ui,
            lang.tr("指标", "Indicator"),
            lang.tr("如 地区生产总值（亿元）", "e.g. 地区生产总值（亿元）"),
            &mut choices.read.indicator,
        );
        text_row(ui, lang.tr("单位", "Unit"), lang.tr("如 亿元", "e.g. 亿元"), &mut choices.read.unit);
    });
}

/// The source written with the data, over what the file says of itself.
fn source_choices_ui(ui: &mut egui::Ui, lang: Lang, choices: &mut Choices, facts: Option<&FileFacts>) {
    ui.strong(lang.tr("来源", "Source"));
    if let Some(facts) = facts {
        let source = &facts.source;
        let said: Vec<&str> = [source.publisher.as_deref(), source.title.as_deref(), source.date.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        ui.label(
            egui::RichText::new(format!(
                "{}{}",
                lang.tr("文件已写明：", "The file says: "),
                said.join(lang.tr("，", ", "))
            ))
            .weak(),
        );
        ui.label(
            egui::RichText::new(
                lang.tr("以下各项留空即采用文件所写。", "Leave these empty to keep what the file says."),
            )
            .weak()
            .small(),
        );
    }
    egui::Grid::new("import-source").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        // Empty fields keep what the file says: shown as their hints.
        let said = |field: fn(&crate::import::SourceInfo) -> Option<&String>| {
            facts.and_then(|facts| field(&facts.source).cloned())
        };
        let title_hint = said(|source| source.title.as_ref())
            .unwrap_or_else(|| lang.tr("默认为文件名", "the file name if empty").to_owned());
        text_row(ui, lang.tr("标题", "Title"), &title_hint, &mut choices.source.title);
        let publisher_hint = said(|source| source.publisher.as_ref())
            .unwrap_or_else(|| lang.tr("如 济南市统计局", "e.g. 济南市统计局").to_owned());
        text_row(ui, lang.tr("发布者", "Publisher"), &publisher_hint, &mut choices.source.publisher);
        let label = ui.label(lang.tr("类型", "Kind"));
        let unstated = if facts.is_some() {
            lang.tr("按文件所写（官方发布）", "as the file says (official)")
        } else {
            lang.tr("未注明（记为官方文件转录）", "not given (a copy of an official document)")
        };
        let kind_label = |kind: Option<SourceKind>| kind.map_or(unstated, |kind| kind.label(lang));
        egui::ComboBox::from_id_salt("import-kind")
            .selected_text(kind_label(choices.source.kind))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut choices.source.kind, None, kind_label(None));
                for &kind in SourceKind::value_variants() {
                    ui.selectable_value(&mut choices.source.kind, Some(kind), kind_label(Some(kind)));
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        text_row(ui, lang.tr("网址", "Address"), "https://…", &mut choices.source.url);
        let date_hint = said(|source| source.date.as_ref())
            .unwrap_or_else(|| lang.tr("如 2024-10-20", "e.g. 2024-10-20").to_owned());
        text_row(ui, lang.tr("日期", "Date"), &date_hint, &mut choices.source.date);
    });
}

fn preview_ui(ui: &mut egui::Ui, lang: Lang, flow: &ImportFlow) {
    // The header found, else the row the user chose.
    let header_rows = flow
        .reading()
        .map(|preview| preview.reading.header_rows)
        .or_else(|| flow.choices.read.header_row.map(|row| (row.saturating_sub(1), None)));
    if let Some(opened) = flow.table() {
        table_head_ui(ui, lang, opened, header_rows);
        ui.add_space(6.0);
    }
    match flow.preview.as_ref().map(|stage| stage.done()) {
        None | Some(None) => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(lang.tr("正在按当前设置读取…", "Reading with these settings…"));
            });
        }
        Some(Some(Err(problems))) => {
            ui.strong(lang.tr("无法导入：", "Cannot be imported:"));
            for problem in problems.iter().take(20) {
                ui.colored_label(ui.visuals().error_fg_color, problem.render(lang));
            }
            if problems.len() > 20 {
                let more = problems.len() - 20;
                ui.label(lang.tr(&format!("另有 {more} 个问题"), &format!("and {more} more")));
            }
        }
        Some(Some(Ok(preview))) => read_values_ui(ui, lang, preview),
    }
}

/// The table's first rows as they are in the file, the header in blue.
fn table_head_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    opened: &OpenedTable,
    header_rows: Option<(usize, Option<usize>)>,
) {
    ui.strong(lang.tr("表格的前几行", "The table's first rows"));
    let width = opened.head.iter().take(PREVIEW_ROWS).map(Vec::len).max().unwrap_or(0).min(12);
    let is_header = |row: usize| header_rows.is_some_and(|(top, second)| row == top || Some(row) == second);
    let place = &opened.table.place;
    egui::ScrollArea::horizontal().id_salt("import-head").show(ui, |ui| {
        egui::Grid::new("import-head-grid").striped(true).spacing([10.0, 3.0]).show(ui, |ui| {
            ui.label("");
            for column in 0..width {
                ui.label(egui::RichText::new(place.column_name(column)).weak());
            }
            ui.end_row();
            for (at, row) in opened.head.iter().take(PREVIEW_ROWS).enumerate() {
                ui.label(egui::RichText::new(place.row_name(at)).weak());
                for column in 0..width {
                    let text = row.get(column).map(crate::import::cells::Cell::text).unwrap_or_default();
                    let mut rich = egui::RichText::new(short(&text));
                    if is_header(at) {
                        rich = rich.strong().color(ui.visuals().hyperlink_color);
                    }
                    ui.label(rich).on_hover_text(text);
                }
                ui.end_row();
            }
        });
    });
    if header_rows.is_some() {
        ui.label(egui::RichText::new(lang.tr("蓝色为表头。", "The header is in blue.")).weak().small());
    }
}

/// What was read, as `econlens import` prints it, and the first values with their cells.
fn read_values_ui(ui: &mut egui::Ui, lang: Lang, preview: &Preview) {
    ui.strong(lang.tr("读取结果", "As it reads"));
    ui.label(egui::RichText::new(preview.summary(lang).trim_end()).monospace());
    ui.add_space(4.0);
    egui::ScrollArea::horizontal().id_salt("import-values").show(ui, |ui| {
        egui::Grid::new("import-values-grid").striped(true).spacing([12.0, 3.0]).show(ui, |ui| {
            for title in [
                lang.tr("指标", "Indicator"),
                lang.tr("单位", "Unit"),
                lang.tr("地区", "Region"),
                lang.tr("时期", "Period"),
                lang.tr("数值", "Value"),
                lang.tr("单元格", "Cell"),
            ] {
                ui.strong(title);
            }
            ui.end_row();
            for row in &preview.values {
                ui.label(short(&row.indicator));
                ui.label(short(&row.unit));
                ui.label(short(&row.region));
                ui.label(row.period.label(lang));
                // The number as read, in full: what the file will hold.
                ui.label(egui::RichText::new(row.value.to_string()).monospace());
                ui.label(&row.cell);
                ui.end_row();
            }
        });
    });
}

fn footer_ui(ui: &mut egui::Ui, lang: Lang, flow: &mut ImportFlow) -> Option<Outcome> {
    let mut outcome = None;
    let out = flow.out.display().to_string();
    if let Some(error) = flow.write_error() {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("{}{}", lang.tr("无法导入：", "Could not import: "), error.get(lang)),
        );
    }
    if flow.asks_to_replace {
        ui.label(
            lang.tr(&format!("{out} 已存在。要替换它吗？"), &format!("{out} already exists. Replace it?")),
        );
        ui.horizontal(|ui| {
            if ui.button(lang.tr("替换", "Replace")).clicked() {
                flow.import(ui.ctx(), true);
            }
            if ui.button(lang.tr("取消", "Cancel")).clicked() {
                flow.asks_to_replace = false;
            }
        });
        return None;
    }
    ui.label(lang.tr(&format!("将写入：{out}"), &format!("Writes: {out}")));
    ui.horizontal(|ui| {
        let ready = flow.reading().is_some() && !flow.is_writing();
        if ui.add_enabled(ready, egui::Button::new(lang.tr("导入并打开", "Import and open"))).clicked() {
            flow.import(ui.ctx(), false);
        }
        if ui.add_enabled(!flow.is_writing(), egui::Button::new(lang.tr("取消", "Cancel"))).clicked() {
            outcome = Some(Outcome::Close);
        }
        if flow.is_writing() {
            ui.spinner();
            ui.label(lang.tr("正在写入…", "Writing…"));
        }
    });
    outcome
}
