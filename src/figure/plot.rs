//! Draws a [`Chart`] with egui_plot: bars per series in the style's colours,
//! value labels, unit on the value axis, years or names on the other, and a
//! hover target per bar that shows its provenance and names it for screen
//! readers.

use egui::{Align2, RichText, Sense, Vec2b};
use egui_plot::{AxisHints, Bar, BarChart, GridInput, GridMark, Legend, Plot, PlotPoint, Text as PlotText};

use super::palette::bar_colors;
use super::provenance::{Provenance, provenance_ui};
use crate::chart::{Chart, ChartPoint, XAxis};
use crate::data::model::Dataset;
use crate::i18n::Lang;

/// Value labels are drawn above bars only when they fit.
const MAX_LABELLED_BARS: usize = 16;

/// Category charts lie on their side so long Chinese names stay readable.
fn is_horizontal(chart: &Chart) -> bool {
    matches!(chart.axis, XAxis::Categories(_))
}

/// Where a point sits along the argument axis: categories run top to bottom.
fn argument(chart: &Chart, point: &ChartPoint) -> f64 {
    match &chart.axis {
        XAxis::Years => point.x,
        XAxis::Categories(labels) => (labels.len() as f64 - 1.0) - point.x,
    }
}

/// Height of the plot area for a chart, in points.
pub fn plot_height(chart: &Chart) -> f32 {
    match &chart.axis {
        XAxis::Years => 240.0,
        XAxis::Categories(labels) => (labels.len() as f32).mul_add(34.0, 70.0).max(150.0),
    }
}

/// One tick per whole year or category, thinned when they would crowd.
#[expect(clippy::needless_pass_by_value, reason = "egui_plot's grid spacer signature")]
fn integer_marks(input: GridInput) -> Vec<GridMark> {
    let (low, high) = input.bounds;
    let span = (high - low).max(1.0);
    let step = if span > 24.0 { (span / 12.0).ceil() } else { 1.0 };
    let mut marks = Vec::new();
    let mut value = (low / step).ceil() * step;
    while value <= high && marks.len() < 200 {
        marks.push(GridMark { value, step_size: step });
        value += step;
    }
    marks
}

fn category_label(labels: &[crate::data::model::Text], value: f64, lang: Lang) -> String {
    let index = (labels.len() as f64 - 1.0) - value;
    if (index - index.round()).abs() > 1e-6 || index < -0.5 {
        return String::new();
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked to be a small whole number"
    )]
    labels.get(index.round() as usize).map(|label| label.get(lang).to_owned()).unwrap_or_default()
}

/// The number written on a bar: the unit is on the axis, a bound keeps its sign.
fn bar_label(point: &ChartPoint) -> String {
    let number = if point.status == crate::data::model::Status::Derived {
        crate::format::group_rounded(point.value, 2)
    } else {
        crate::format::group_thousands(point.value)
    };
    match point.qualifier {
        crate::data::model::Qualifier::Exact => number,
        crate::data::model::Qualifier::Over => format!(">{number}"),
        crate::data::model::Qualifier::About => format!("≈{number}"),
    }
}

/// Draws the plot of `chart`; `reset` returns it to its full view. An
/// exported plot (`interactive` false) takes no input and has no hover targets.
pub fn plot_ui(
    ui: &mut egui::Ui,
    chart: &Chart,
    dataset: &Dataset,
    lang: Lang,
    reset: bool,
    interactive: bool,
) -> egui_plot::PlotResponse<()> {
    let dark_mode = ui.visuals().dark_mode;
    let horizontal = is_horizontal(chart);
    let unit_label = chart.unit.label(lang).to_owned();
    let value_axis = AxisHints::new_y().label(unit_label.clone());
    let mut plot = Plot::new(("chart", &chart.id))
        .height(plot_height(chart))
        .legend(Legend::default().position(if horizontal {
            egui_plot::Corner::RightTop
        } else {
            egui_plot::Corner::LeftTop
        }))
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_crosshair(false)
        .set_margin_fraction(egui::vec2(0.05, 0.12));
    if reset {
        plot = plot.reset();
    }
    if !interactive {
        plot = plot.allow_drag(false).allow_zoom(false).allow_double_click_reset(false);
    }
    plot = match &chart.axis {
        XAxis::Years => plot
            .x_grid_spacer(integer_marks)
            .x_axis_formatter(|mark, _| {
                if mark.value.fract() == 0.0 { format!("{}", mark.value) } else { String::new() }
            })
            .x_axis_label(lang.tr("年份", "Year"))
            .custom_y_axes(vec![value_axis.formatter(|mark, _| crate::format::group_thousands(mark.value))])
            .include_y(0.0)
            .show_grid(Vec2b::new(false, true))
            // Headroom above the tallest bar for the legend and the value labels.
            .include_y(chart.max_value() * 1.45),
        XAxis::Categories(labels) => {
            let labels = labels.clone();
            plot.y_grid_spacer(integer_marks)
                .custom_y_axes(vec![
                    AxisHints::new_y()
                        .formatter(move |mark, _| category_label(&labels, mark.value, lang))
                        .min_thickness(150.0),
                ])
                .x_axis_label(unit_label.clone())
                .x_axis_formatter(|mark, _| crate::format::group_thousands(mark.value))
                .include_x(0.0)
                // Room right of the longest bar for its label and the legend.
                .include_x(chart.max_value() * 1.3)
                .show_grid(Vec2b::new(true, false))
        }
    };
    let labelled = chart.points().count() <= MAX_LABELLED_BARS;
    let text_color = ui.visuals().text_color();
    let response = plot.show(ui, |plot_ui| {
        for series in &chart.series {
            let (fill, stroke) = bar_colors(series.style, dark_mode);
            let bars: Vec<Bar> = series
                .points
                .iter()
                .map(|point| {
                    Bar::new(argument(chart, point), point.value)
                        .width(point.bar_width)
                        .fill(fill)
                        .stroke(egui::Stroke::new(1.5, stroke))
                        .name(point.label.get(lang))
                })
                .collect();
            let mut bar_chart = BarChart::new(series.name.get(lang), bars)
                .id(series.id.as_str())
                .color(stroke)
                .allow_hover(false);
            if horizontal {
                bar_chart = bar_chart.horizontal();
            }
            plot_ui.bar_chart(bar_chart);
            if labelled {
                // Disputed values sit side by side in one slot; their labels are
                // staggered upwards so both stay readable, on screen and in exports.
                let stagger = chart.max_value() * 0.09;
                for (rank, point) in series.points.iter().enumerate() {
                    let text = bar_label(point);
                    let lift = if point.conflict { stagger * (rank % 2) as f64 } else { 0.0 };
                    let arg = argument(chart, point);
                    let (position, anchor) = if horizontal {
                        (PlotPoint::new(point.value, arg), Align2::LEFT_CENTER)
                    } else {
                        (PlotPoint::new(arg, point.value + lift), Align2::CENTER_BOTTOM)
                    };
                    let label = if horizontal { format!(" {text}") } else { text };
                    plot_ui.text(
                        PlotText::new("", position, RichText::new(label).size(12.0).color(text_color))
                            .anchor(anchor)
                            .allow_hover(false),
                    );
                }
            }
        }
    });
    let title = chart.title.get(lang).to_owned();
    response.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Figure, true, &title));
    if interactive {
        bar_hover_targets_ui(ui, chart, dataset, lang, &response);
    }
    response
}

/// An invisible hover target over each bar: a tooltip with its provenance,
/// and an accessible name (`市中区 · 2023: 1,350.4 亿元`).
fn bar_hover_targets_ui(
    ui: &mut egui::Ui,
    chart: &Chart,
    dataset: &Dataset,
    lang: Lang,
    response: &egui_plot::PlotResponse<()>,
) {
    let frame = *response.transform.frame();
    let horizontal = is_horizontal(chart);
    for series in &chart.series {
        let series_name = series.name.get(lang);
        for (at, point) in series.points.iter().enumerate() {
            let arg = argument(chart, point);
            let half = point.bar_width / 2.0;
            let (corner_a, corner_b) = if horizontal {
                (PlotPoint::new(0.0, arg - half), PlotPoint::new(point.value, arg + half))
            } else {
                (PlotPoint::new(arg - half, 0.0), PlotPoint::new(arg + half, point.value))
            };
            let rect = response.transform.rect_from_values(&corner_a, &corner_b).intersect(frame);
            if !rect.is_positive() {
                continue;
            }
            let id = ui.scope_id().with(("bar", &chart.id, &series.id, at));
            let provenance = Provenance::of_point(point, series_name, &chart.unit, lang);
            let summary = provenance.summary();
            let hover = ui.interact(rect.expand(1.0), id, Sense::hover());
            hover.widget_info(|| egui::WidgetInfo::labeled(egui::Role::GraphicsSymbol, true, &summary));
            hover.on_hover_ui(|ui| provenance_ui(ui, dataset, lang, &provenance));
        }
    }
}
