//! A chart on screen: the shared figure in a card, with a reset button and
//! an export menu beside its title and the same menu on a right click.

use crate::chart::Chart;
use crate::data::model::Dataset;
use crate::export::{DEFAULT_SCALE, ExportFormat, SCALES};
use crate::figure::{Interaction, figure_ui};
use crate::i18n::Lang;
use crate::ui::commands::Command;

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
    let vector = [
        (ExportFormat::Svg, ("导出 SVG（矢量，可编辑）…", "Export SVG (vector, editable)…")),
        (ExportFormat::Pdf, ("导出 PDF（矢量，用于打印）…", "Export PDF (vector, for print)…")),
        (ExportFormat::Csv, ("导出 CSV（图表数据）…", "Export CSV (the chart's data)…")),
        (
            ExportFormat::Xlsx,
            ("导出 Excel 工作簿（数据、图表和来源）…", "Export Excel workbook (data, chart and sources)…"),
        ),
    ];
    for (format, (zh, en)) in vector {
        if ui.button(lang.tr(zh, en)).clicked() {
            // Vector files are laid out at the default density (text snaps as in a 2× PNG).
            commands.push(Command::Export { chart_id: chart.id.clone(), format, scale: DEFAULT_SCALE });
            ui.close();
        }
    }
    if ui.button(lang.tr("复制图片", "Copy image")).clicked() {
        commands.push(Command::CopyImage(chart.id.clone()));
        ui.close();
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
    reset: bool,
    commands: &mut Vec<Command>,
) -> egui::Response {
    egui::Frame::group(ui.style())
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let mut header_tools = |ui: &mut egui::Ui| {
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
                ui.menu_button(lang.tr("导出", "Export"), |ui| export_menu_ui(ui, chart, lang, commands));
            };
            let interaction = Interaction { reset, header_tools: &mut header_tools };
            let plot = figure_ui(ui, chart, dataset, lang, Some(interaction));
            plot.context_menu(|ui| export_menu_ui(ui, chart, lang, commands));
        })
        .response
}
