//! A chart as the user sees it: title, unit and period, the plot with a
//! reset button, and a footer naming every source, its kind, and whether
//! any value is derived. Export reuses the same layout.

use crate::chart::Chart;
use crate::data::model::Dataset;
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

/// One chart card; pushes [`Command::ResetChart`] when its reset button is clicked.
pub fn chart_card_ui(
    ui: &mut egui::Ui,
    chart: &Chart,
    dataset: &Dataset,
    lang: Lang,
    reset: bool,
    commands: &mut Vec<Command>,
) {
    egui::Frame::group(ui.style()).inner_margin(10.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.heading(chart.title.get(lang));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button(lang.tr("重置视图", "Reset view"))
                    .on_hover_text(lang.tr(
                        "恢复缩放与平移（也可双击图表）",
                        "Undo zoom and pan (or double-click the chart)",
                    ))
                    .clicked()
                {
                    commands.push(Command::ResetChart(chart.id.clone()));
                }
            });
        });
        ui.label(egui::RichText::new(subtitle(chart, lang)).weak());
        plot_ui(ui, chart, dataset, lang, reset);
        ui.label(egui::RichText::new(footer(chart, dataset, lang)).small());
        if let Some(note) = &chart.note {
            ui.label(egui::RichText::new(note.get(lang)).small().weak());
        }
    });
}
