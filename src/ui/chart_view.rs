//! A chart as the user sees it and as it is exported: title, unit and
//! period, the plot, and a footer naming every source, its kind, and whether
//! any value is derived. On screen it adds an export menu and a reset button;
//! the exported figure is the same drawing without them.

use crate::chart::Chart;
use crate::data::model::Dataset;
use crate::export::{ExportFormat, SCALES};
use crate::i18n::Lang;
use crate::ui::commands::Command;
use crate::ui::plot::plot_ui;

/// `单位：亿元 · 2015–2025`.
pub fn subtitle(chart: &Chart, lang: Lang) -> String {
    format!("{}{} · {}", lang.tr("单位：", "Unit: "), chart.unit.label(lang), chart.period_label())
}

/// `来源：… (报纸)；…。含 EconLens 推算值。`
pub fn footer(chart: &Chart, dataset: &Dataset, lang: Lang) -> String {
    let sources: Vec<String> = chart
        .sources()
        .into_iter()
        .map(|ix| {
            let source = dataset.source(ix);
            let date = source.date.as_deref().map(|date| format!(", {date}")).unwrap_or_default();
            format!("{}（{}{date}）", source.title, source.kind.label(lang))
        })
        .collect();
    let mut text = format!("{}{}", lang.tr("来源：", "Sources: "), sources.join(lang.tr("；", "; ")));
    if chart.has_derived() {
        text.push_str(lang.tr(
            "。含 EconLens 由来源数值推算的值（已标注）。",
            ". Includes values derived by EconLens from stated figures (marked).",
        ));
    }
    text
}

/// The on-screen extras of a figure: its buttons and where they report.
pub struct CardControls<'a> {
    pub reset: bool,
    pub commands: &'a mut Vec<Command>,
}

/// The export choices, for the card's menu and the plot's context menu.
pub fn export_menu_ui(ui: &mut egui::Ui, chart: &Chart, lang: Lang, commands: &mut Vec<Command>) {
    for scale in SCALES {
        let label = match lang {
            Lang::Zh => format!("导出 PNG（{scale}×）…"),
            Lang::En => format!("Export PNG ({scale}×)…"),
        };
        if ui.button(label).clicked() {
            commands.push(Command::Export { chart_id: chart.id.clone(), format: ExportFormat::Png, scale });
            ui.close();
        }
    }
    if ui.button(lang.tr("导出 CSV（图表数据）…", "Export CSV (the chart's data)…")).clicked() {
        commands.push(Command::Export { chart_id: chart.id.clone(), format: ExportFormat::Csv, scale: 1 });
        ui.close();
    }
    if ui.button(lang.tr("复制图片", "Copy image")).clicked() {
        commands.push(Command::CopyImage(chart.id.clone()));
        ui.close();
    }
}

/// The figure: on screen with `controls`, for export without.
pub fn figure_ui(
    ui: &mut egui::Ui,
    chart: &Chart,
    dataset: &Dataset,
    lang: Lang,
    mut controls: Option<CardControls<'_>>,
) {
    ui.horizontal(|ui| {
        ui.heading(chart.title.get(lang));
        if let Some(controls) = controls.as_mut() {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button(lang.tr("重置视图", "Reset view"))
                    .on_hover_text(lang.tr(
                        "恢复缩放与平移（也可双击图表）",
                        "Undo zoom and pan (or double-click the chart)",
                    ))
                    .clicked()
                {
                    controls.commands.push(Command::ResetChart(chart.id.clone()));
                }
                ui.menu_button(lang.tr("导出", "Export"), |ui| {
                    export_menu_ui(ui, chart, lang, controls.commands);
                });
            });
        }
    });
    ui.label(egui::RichText::new(subtitle(chart, lang)).weak());
    let reset = controls.as_ref().is_some_and(|controls| controls.reset);
    let plot = plot_ui(ui, chart, dataset, lang, reset, controls.is_some());
    if let Some(controls) = controls.as_mut() {
        plot.response.context_menu(|ui| export_menu_ui(ui, chart, lang, controls.commands));
    }
    ui.label(egui::RichText::new(footer(chart, dataset, lang)).small());
    if let Some(note) = &chart.note {
        ui.label(egui::RichText::new(note.get(lang)).small().weak());
    }
}

/// One chart card on screen; its response tells whether the pointer is over
/// it (for "Export current chart") and how tall it is (for skipping it while
/// it is scrolled out of view).
pub fn chart_card_ui(
    ui: &mut egui::Ui,
    chart: &Chart,
    dataset: &Dataset,
    lang: Lang,
    controls: CardControls<'_>,
) -> egui::Response {
    egui::Frame::group(ui.style())
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            figure_ui(ui, chart, dataset, lang, Some(controls));
        })
        .response
}
