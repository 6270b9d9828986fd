//! Data: every observation in one table, sortable by any column and
//! filtered by text and by view, with unit, status, source and quote.
//!
//! The filtered, sorted row order lives in [`super::data_rows`]; this file
//! draws the controls and the visible rows of the table.

use egui_extras::{Column, TableBuilder};

use super::TabContext;
use crate::data::model::{Dataset, Indicator, Observation, View};
use crate::export::data_table::TableFormat;
use crate::format::format_point_value;
use crate::format::group_count;
use crate::i18n::Lang;
use crate::ui::commands::Command;
use crate::ui::documents::Document;

pub use super::data_rows::{DataTabState, SortColumn};

fn column_label(column: SortColumn, lang: Lang) -> &'static str {
    match column {
        SortColumn::Indicator => lang.tr("指标", "Indicator"),
        SortColumn::Region => lang.tr("地区", "Region"),
        SortColumn::Period => lang.tr("时期", "Period"),
        SortColumn::Value => lang.tr("数值", "Value"),
        SortColumn::Status => lang.tr("状态", "Status"),
        SortColumn::Source => lang.tr("来源", "Source"),
    }
}

const SORTABLE: [SortColumn; 6] = [
    SortColumn::Indicator,
    SortColumn::Region,
    SortColumn::Period,
    SortColumn::Value,
    SortColumn::Status,
    SortColumn::Source,
];

pub fn data_ui(ui: &mut egui::Ui, ctx: &mut TabContext<'_>, state: &mut DataTabState, generation: u64) {
    let lang = ctx.lang;
    ui.heading(lang.tr("全部数据", "All data"));
    filters_ui(ui, state, lang);
    state.refresh(ctx.dataset, generation, lang);
    let (shown, total) = (group_count(state.visible_count()), group_count(state.total_count()));
    ui.horizontal(|ui| {
        ui.label(match lang {
            Lang::Zh => format!("显示 {shown} / {total} 项。点击列标题排序。"),
            Lang::En => format!("Showing {shown} of {total} values. Click a column title to sort."),
        });
        export_buttons_ui(ui, ctx, state);
    });
    table_ui(ui, ctx.dataset, state, lang);
}

/// The table as shown (filtered and sorted), as CSV or an Excel workbook.
fn export_buttons_ui(ui: &mut egui::Ui, ctx: &mut TabContext<'_>, state: &DataTabState) {
    let lang = ctx.lang;
    let enabled = state.visible_count() > 0;
    let hover = lang.tr("导出当前显示的行（按筛选和排序）", "Export the rows shown (as filtered and sorted)");
    for (format, text) in [
        (TableFormat::Csv, lang.tr("导出 CSV…", "Export CSV…")),
        (TableFormat::Xlsx, lang.tr("导出 Excel…", "Export Excel…")),
    ] {
        if ui.add_enabled(enabled, egui::Button::new(text)).on_hover_text(hover).clicked() {
            let rows = std::sync::Arc::new(state.shown());
            ctx.commands.push(Command::AskDocument(Document::Table { format, rows }));
        }
    }
}

/// The text filter and the view chooser.
fn filters_ui(ui: &mut egui::Ui, state: &mut DataTabState, lang: Lang) {
    ui.horizontal(|ui| {
        ui.label(lang.tr("筛选：", "Filter:"));
        ui.add(
            egui::TextEdit::singleline(&mut state.filter)
                .hint_text(lang.tr("指标、地区、来源或原文", "indicator, region, source or quote"))
                .desired_width(260.0),
        );
        egui::ComboBox::new("data-view", lang.tr("页面", "View"))
            .selected_text(state.view.map_or(lang.tr("全部页面", "All views"), |view| view.label(lang)))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.view, None, lang.tr("全部页面", "All views"));
                for view in View::ALL {
                    ui.selectable_value(&mut state.view, Some(view), view.label(lang));
                }
            });
    });
}

/// The table: column titles that sort, and only the rows in view.
fn table_ui(ui: &mut egui::Ui, dataset: &Dataset, state: &mut DataTabState, lang: Lang) {
    TableBuilder::new(ui)
        .striped(true)
        .resizable(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(220.0).at_least(80.0).clip(true))
        .column(Column::initial(90.0).at_least(50.0))
        .column(Column::initial(70.0).at_least(50.0))
        .column(Column::initial(140.0).at_least(60.0))
        .column(Column::initial(80.0).at_least(50.0))
        .column(Column::initial(240.0).at_least(80.0).clip(true))
        .column(Column::remainder().at_least(120.0).clip(true))
        .header(24.0, |mut header| {
            for column in SORTABLE {
                header.col(|ui| sort_button_ui(ui, state, column, lang));
            }
            header.col(|ui| {
                ui.strong(lang.tr("原文", "Quote"));
            });
        })
        .body(|body| {
            body.rows(22.0, state.visible_count(), |row| {
                if let Some((indicator, obs)) = state.visible_row(dataset, row.index()) {
                    row_ui(row, dataset, indicator, obs, lang);
                }
            });
        });
}

/// A column title: a click sorts by it, a second click reverses the order.
fn sort_button_ui(ui: &mut egui::Ui, state: &mut DataTabState, column: SortColumn, lang: Lang) {
    let arrow = match (state.sort == column, state.ascending) {
        (true, true) => " ▲",
        (true, false) => " ▼",
        _ => "",
    };
    if ui.button(format!("{}{arrow}", column_label(column, lang))).clicked() {
        if state.sort == column {
            state.ascending = !state.ascending;
        } else {
            state.sort = column;
            state.ascending = true;
        }
    }
}

/// One observation: indicator, region, period, value, status, source, quote.
fn row_ui(
    mut row: egui_extras::TableRow<'_, '_>,
    dataset: &Dataset,
    indicator: &Indicator,
    obs: &Observation,
    lang: Lang,
) {
    let source = dataset.source(obs.source);
    row.col(|ui| {
        ui.label(indicator.name.get(lang)).on_hover_text(&indicator.id);
    });
    row.col(|ui| {
        ui.label(dataset.region(obs.region).name.get(lang));
    });
    row.col(|ui| {
        ui.label(obs.period.to_string());
    });
    row.col(|ui| {
        ui.label(format_point_value(obs.value, obs.status, &indicator.unit, obs.qualifier, lang));
    });
    row.col(|ui| {
        let mut status = obs.status.label(lang).to_owned();
        if obs.conflict {
            status.push_str(lang.tr("·不一致", " · disputed"));
        }
        ui.label(status);
    });
    row.col(|ui| {
        ui.label(format!("{}{}", source.title, lang.aside(source.kind.label(lang)))).on_hover_text(format!(
            "{} · {}",
            source.publisher,
            source.date.as_deref().unwrap_or("")
        ));
    });
    row.col(|ui| {
        let quote = dataset.quote_of(obs).unwrap_or("");
        let note = dataset.note_of(obs).map(|note| format!("\n{note}")).unwrap_or_default();
        let response = ui.label(quote);
        if !quote.is_empty() || !note.is_empty() {
            response.on_hover_text(format!("{quote}{note}"));
        }
    });
}
