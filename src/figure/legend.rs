//! The legend under a plot: each series with its look (a bar's colour, a
//! line's colour and marker), then for line charts what the marker shapes
//! and dashes mean. It sits outside the plot so it never covers a value, in
//! the series' own order (the focus region first), and it is part of the
//! figure, so exports carry it too.

use egui::{Color32, Stroke};

use super::lines::{Mark, marks_to_explain, paint_marker};
use super::palette::{line_colour, series_bar_colours};
use crate::chart::{Chart, ChartKind, SeriesStyle};
use crate::i18n::Lang;

const SWATCH: egui::Vec2 = egui::vec2(22.0, 12.0);

pub fn legend_ui(ui: &mut egui::Ui, chart: &Chart, lang: Lang) {
    let dark_mode = ui.visuals().dark_mode;
    let marks = marks_to_explain(chart);
    // A single series needs no legend unless its marks need explaining.
    if chart.series.len() < 2 && marks.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        let mut series: Vec<_> = chart.series.iter().collect();
        // The focus region first; otherwise the chart's order.
        series.sort_by_key(|series| series.style != SeriesStyle::Focus);
        for series in series {
            let name = egui::RichText::new(series.name.get(lang)).small();
            keep_together(ui, SWATCH.x, &name);
            let (rect, _) = ui.allocate_exact_size(SWATCH, egui::Sense::hover());
            let painter = ui.painter();
            match chart.kind {
                ChartKind::Bars => {
                    let (fill, stroke) = series_bar_colours(series.style, series.colour, dark_mode);
                    let bar = rect.shrink2(egui::vec2(4.0, 1.0));
                    painter.rect_filled(bar, 0.0, fill);
                    painter.rect_stroke(bar, 0.0, Stroke::new(1.5, stroke), egui::StrokeKind::Inside);
                }
                ChartKind::Lines => {
                    let colour = line_colour(series.style, series.colour, dark_mode);
                    let width = if series.style == SeriesStyle::Focus { 2.5 } else { 1.8 };
                    painter
                        .line_segment([rect.left_center(), rect.right_center()], Stroke::new(width, colour));
                    painter.circle_filled(rect.center(), 3.0, colour);
                }
            }
            ui.add(egui::Label::new(name).extend());
            ui.add_space(8.0);
        }
        if !marks.is_empty() {
            ui.add_space(8.0);
            let ink: Color32 = ui.visuals().text_color();
            for mark in &marks {
                let label = egui::RichText::new(mark.label(lang)).small();
                keep_together(ui, 12.0, &label);
                let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                paint_marker(ui.painter(), rect.center(), *mark, ink);
                ui.add(egui::Label::new(label).extend());
                ui.add_space(6.0);
            }
            if marks.iter().any(|mark| matches!(mark, Mark::Estimate | Mark::Derived)) {
                ui.label(
                    egui::RichText::new(lang.tr(
                        "（虚线连到预计值或推算值）",
                        "(dashed lines lead to estimates or derived values)",
                    ))
                    .small(),
                );
            }
        }
    });
}

/// Starts a new row unless a key (a swatch `swatch_width` wide and its
/// label) fits on this one, so a key is never split across rows.
fn keep_together(ui: &mut egui::Ui, swatch_width: f32, label: &egui::RichText) {
    let galley = egui::WidgetText::from(label.clone()).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Small,
    );
    let needed = swatch_width + ui.spacing().item_spacing.x + galley.size().x;
    let left_on_row = ui.max_rect().right() - ui.cursor().min.x;
    if left_on_row < needed + 2.0 * ui.spacing().item_spacing.x
        && ui.cursor().min.x > ui.max_rect().min.x + 1.0
    {
        ui.end_row();
    }
}
