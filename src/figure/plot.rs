//! Draws a [`Chart`]'s plot with egui_plot: bars per series in the style's
//! colours with value labels, or lines with a marker per value; the unit on
//! the value axis (ranks run with 1 at the top); periods on a time axis
//! labelled in the chosen language (`2023年一季度`, `2023 Q1`), or names on a
//! category axis; and a hover target per bar or marker that shows its
//! provenance and names it for screen readers.

use egui::{Align2, RichText, Sense, Vec2b};
use egui_plot::{AxisHints, Bar, BarChart, GridInput, GridMark, Plot, PlotPoint, Text as PlotText};

use super::lines::{self, MARKER_HOVER_RADIUS};
use super::palette::series_bar_colours;
use super::provenance::{Provenance, provenance_ui};
use crate::chart::{Chart, ChartKind, ChartPoint, SeriesStyle, ValueAxis, XAxis};
use crate::data::model::{Dataset, Period, PeriodKind, Text};
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
        XAxis::Time(_) => point.x,
        XAxis::Categories(labels) => (labels.len() as f64 - 1.0) - point.x,
    }
}

/// Where a value sits on the value axis: ranks are drawn negated, so 1 is on top.
pub(super) fn value_position(chart: &Chart, value: f64) -> f64 {
    match chart.value_axis {
        ValueAxis::Upwards => value,
        ValueAxis::Ranks => -value,
    }
}

/// Height of the plot area for a chart, in points.
pub fn plot_height(chart: &Chart) -> f32 {
    match &chart.axis {
        XAxis::Time(_) => 240.0,
        XAxis::Categories(labels) => (labels.len() as f32).mul_add(34.0, 70.0).max(150.0),
    }
}

/// One tick per whole category, thinned when they would crowd.
#[expect(clippy::needless_pass_by_value, reason = "egui_plot's grid spacer signature")]
fn integer_marks(input: GridInput) -> Vec<GridMark> {
    marks(input.bounds, 1.0, 48)
}

/// Ticks every `unit` (one period), every few units when more than `most` would show.
fn marks((low, high): (f64, f64), unit: f64, most: usize) -> Vec<GridMark> {
    let span = ((high - low) / unit).max(1.0);
    #[expect(clippy::cast_precision_loss, reason = "a small count")]
    let step = unit * if span > most as f64 { (span / most as f64).ceil() } else { 1.0 };
    let mut marks = Vec::new();
    let mut value = (low / step).ceil() * step;
    while value <= high && marks.len() < 400 {
        marks.push(GridMark { value, step_size: step });
        value += step;
    }
    marks
}

/// The period of `kind` that starts at `x` on its time axis, if one does.
fn period_at(kind: PeriodKind, x: f64) -> Option<Period> {
    let scaled = x * f64::from(kind.per_year());
    if (scaled - scaled.round()).abs() > 1e-6 {
        return None;
    }
    #[expect(clippy::cast_possible_truncation, reason = "a year times at most 12")]
    Period::from_ordinal(kind, scaled.round() as i32)
}

/// How far apart period labels must be, in points, to be drawn: egui_plot
/// shows an x label in full from 80 points apart; Chinese sub-annual labels
/// (`2023年一季度`) need more.
fn label_spacing_points(kind: PeriodKind, lang: Lang) -> f64 {
    match (kind, lang) {
        (PeriodKind::Year, _) | (PeriodKind::Half | PeriodKind::Quarter | PeriodKind::Month, Lang::En) => {
            84.0
        }
        (PeriodKind::YearToDate, _) => 112.0,
        (_, Lang::Zh) => 104.0,
    }
}

/// Ticks on a time axis: every period, or every few when the labels would
/// crowd (for quarters, every 2, then every 4 — once a year).
fn time_marks(input: &GridInput, kind: PeriodKind, lang: Lang) -> Vec<GridMark> {
    let unit = 1.0 / f64::from(kind.per_year());
    // egui_plot's base step is the data span of its minimum grid spacing, 8 points.
    let units_per_point = input.base_step_size / 8.0;
    let wanted = units_per_point * label_spacing_points(kind, lang) / unit;
    let steps: &[f64] = match kind {
        PeriodKind::Year => &[1.0, 2.0, 5.0, 10.0, 20.0, 50.0],
        PeriodKind::Half => &[1.0, 2.0, 4.0, 10.0, 20.0, 40.0],
        PeriodKind::Quarter => &[1.0, 2.0, 4.0, 8.0, 20.0, 40.0],
        PeriodKind::Month | PeriodKind::YearToDate => &[1.0, 2.0, 3.0, 6.0, 12.0, 24.0, 60.0, 120.0],
    };
    let step = steps.iter().copied().find(|step| *step >= wanted).unwrap_or(100.0);
    marks(input.bounds, unit * step, usize::MAX)
}

fn category_label(labels: &[Text], value: f64, lang: Lang) -> String {
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

/// The number written beside a value: the unit is on the axis, a bound keeps its sign.
pub(super) fn value_label(point: &ChartPoint) -> String {
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

/// The value axis: the unit as its label, numbers grouped by thousands
/// (ranks without their sign, and only whole ones).
fn value_axis_hints(chart: &Chart, lang: Lang) -> AxisHints<'static> {
    let label = match chart.value_axis {
        ValueAxis::Upwards => chart.unit.label(lang).to_owned(),
        ValueAxis::Ranks => lang.tr("位次（1 为第一）", "rank (1 is first)").to_owned(),
    };
    let ranks = chart.value_axis == ValueAxis::Ranks;
    AxisHints::new_y().label(label).formatter(move |mark, _| {
        if ranks {
            let rank = -mark.value;
            if rank >= 1.0 && rank.fract() == 0.0 {
                crate::format::group_thousands(rank)
            } else {
                String::new()
            }
        } else {
            crate::format::group_thousands(mark.value)
        }
    })
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
    // The legend is drawn under the plot (see `legend.rs`), where it covers nothing.
    let mut plot = Plot::new(("chart", &chart.id))
        .height(plot_height(chart))
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
        XAxis::Time(kind) => time_axes(plot, chart, *kind, lang),
        XAxis::Categories(labels) => {
            let labels = labels.clone();
            plot.y_grid_spacer(integer_marks)
                .custom_y_axes(vec![
                    AxisHints::new_y()
                        .formatter(move |mark, _| category_label(&labels, mark.value, lang))
                        .min_thickness(150.0),
                ])
                .x_axis_label(chart.unit.label(lang).to_owned())
                .x_axis_formatter(|mark, _| crate::format::group_thousands(mark.value))
                .include_x(0.0)
                .include_x(chart.min_value() * 1.2)
                // Room right of the longest bar for its label.
                .include_x(chart.max_value() * 1.2)
                .show_grid(Vec2b::new(true, false))
        }
    };
    let text_color = ui.visuals().text_color();
    let dark_mode = ui.visuals().dark_mode;
    let response = plot.show(ui, |plot_ui| match chart.kind {
        ChartKind::Bars => bars_ui(plot_ui, chart, lang, dark_mode, text_color),
        ChartKind::Lines => lines::lines_ui(plot_ui, chart, lang, dark_mode, text_color),
    });
    let title = chart.title.get(lang).to_owned();
    response.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Figure, true, &title));
    if interactive {
        hover_targets_ui(ui, chart, dataset, lang, &response);
    }
    response
}

/// A time axis of `kind`: a tick at each period (fewer when they crowd),
/// labelled in `lang`; the value axis with room above for the legend.
fn time_axes<'a>(plot: Plot<'a>, chart: &Chart, kind: PeriodKind, lang: Lang) -> Plot<'a> {
    let unit = 1.0 / f64::from(kind.per_year());
    let axis_name = match kind {
        PeriodKind::Year => lang.tr("年份", "Year"),
        PeriodKind::Half => lang.tr("半年", "Half-year"),
        PeriodKind::Quarter => lang.tr("季度", "Quarter"),
        PeriodKind::Month => lang.tr("月份", "Month"),
        PeriodKind::YearToDate => lang.tr("年初至今累计", "Year to date"),
    };
    let (low, high) = match chart.value_axis {
        // Room above the tallest bar (and below the lowest) for its label.
        ValueAxis::Upwards => (chart.min_value() * 1.15, chart.max_value() * 1.15),
        // Rank 1 on top, the largest rank at the bottom.
        ValueAxis::Ranks => (-(chart.max_value() + 0.5), -0.5),
    };
    // At least a few periods wide, so one value is not one huge bar.
    let slot = unit;
    let (first, last) = chart
        .points()
        .map(|point| point.x)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(first, last), x| (first.min(x), last.max(x)));
    let (first, last) = if first.is_finite() { (first, last) } else { (0.0, 0.0) };
    let middle = (first + last) / 2.0;
    let half_span = ((last - first) / 2.0 + slot).max(2.5 * slot);
    let plot = plot
        .x_grid_spacer(move |input| time_marks(&input, kind, lang))
        .x_axis_formatter(move |mark, _| {
            period_at(kind, mark.value).map(|period| period.label(lang)).unwrap_or_default()
        })
        .x_axis_label(axis_name)
        .custom_y_axes(vec![value_axis_hints(chart, lang)])
        .show_grid(Vec2b::new(false, true))
        .include_x(middle - half_span)
        .include_x(middle + half_span)
        .include_y(low)
        .include_y(high);
    if chart.value_axis == ValueAxis::Ranks { plot.y_grid_spacer(integer_marks) } else { plot.include_y(0.0) }
}

fn bars_ui(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    chart: &Chart,
    lang: Lang,
    dark_mode: bool,
    text_color: egui::Color32,
) {
    let horizontal = is_horizontal(chart);
    let labelled = chart.points().count() <= MAX_LABELLED_BARS;
    for series in &chart.series {
        let (fill, stroke) = series_bar_colours(series.style, series.colour, dark_mode);
        let region_colour = matches!(series.style, SeriesStyle::Focus | SeriesStyle::Other);
        let bars: Vec<Bar> = series
            .points
            .iter()
            .map(|point| {
                // A region's derived value (in a chart the user built): pale, like derived bars.
                let derived = region_colour && point.status == crate::data::model::Status::Derived;
                let fill = if derived { fill.gamma_multiply(0.35) } else { fill };
                Bar::new(argument(chart, point), value_position(chart, point.value))
                    .width(point.bar_width)
                    .fill(fill)
                    .stroke(egui::Stroke::new(1.5, stroke))
                    .name(chart.label_of(point, lang))
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
                let text = value_label(point);
                let lift = if point.conflict { stagger * (rank % 2) as f64 } else { 0.0 };
                let arg = argument(chart, point);
                let value = value_position(chart, point.value);
                let (position, anchor) = match (horizontal, value < 0.0) {
                    (true, false) => (PlotPoint::new(value, arg), Align2::LEFT_CENTER),
                    (true, true) => (PlotPoint::new(value, arg), Align2::RIGHT_CENTER),
                    (false, false) => (PlotPoint::new(arg, value + lift), Align2::CENTER_BOTTOM),
                    (false, true) => (PlotPoint::new(arg, value - lift), Align2::CENTER_TOP),
                };
                let label = match (horizontal, value < 0.0) {
                    (true, false) => format!(" {text}"),
                    (true, true) => format!("{text} "),
                    (false, _) => text,
                };
                plot_ui.text(
                    PlotText::new("", position, RichText::new(label).size(12.0).color(text_color))
                        .anchor(anchor)
                        .allow_hover(false),
                );
            }
        }
    }
}

/// An invisible hover target over each bar or marker: a tooltip with its
/// provenance, and an accessible name (`市中区 · 2023: 1,350.4 亿元`).
fn hover_targets_ui(
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
            let value = value_position(chart, point.value);
            let rect = match chart.kind {
                ChartKind::Bars => {
                    let half = point.bar_width / 2.0;
                    let (corner_a, corner_b) = if horizontal {
                        (PlotPoint::new(0.0, arg - half), PlotPoint::new(value, arg + half))
                    } else {
                        (PlotPoint::new(arg - half, 0.0), PlotPoint::new(arg + half, value))
                    };
                    response.transform.rect_from_values(&corner_a, &corner_b)
                }
                ChartKind::Lines => {
                    let centre = response.transform.position_from_point(&PlotPoint::new(arg, value));
                    egui::Rect::from_center_size(centre, egui::Vec2::splat(2.0 * MARKER_HOVER_RADIUS))
                }
            }
            .intersect(frame);
            if !rect.is_positive() {
                continue;
            }
            let id = ui.scope_id().with(("point", &chart.id, &series.id, at));
            // Written out only when asked for (a screen reader, a hover): a
            // chart of a thousand points formats nothing in an ordinary frame.
            let provenance = || Provenance::of_point(chart, dataset, point, series_name, lang);
            let hover = ui.interact(rect.expand(1.0), id, Sense::hover());
            hover.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::GraphicsSymbol, true, provenance().summary())
            });
            hover.on_hover_ui(|ui| provenance_ui(ui, dataset, lang, &provenance()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_ticks_are_labelled_in_both_languages() {
        let x = Period::parse("2023Q3").expect("period").time_position();
        assert_eq!(
            period_at(PeriodKind::Quarter, x).map(|period| period.label(Lang::Zh)).as_deref(),
            Some("2023年三季度")
        );
        assert_eq!(
            period_at(PeriodKind::Quarter, x).map(|period| period.label(Lang::En)).as_deref(),
            Some("2023 Q3")
        );
        assert_eq!(period_at(PeriodKind::Quarter, x + 0.1), None, "between quarters, no label");
        assert_eq!(period_at(PeriodKind::Year, 2024.0), Some(Period::year(2024)));
    }

    #[test]
    fn ticks_thin_out_when_their_labels_would_crowd() {
        for (years, width_points) in [(3.0, 1000.0), (6.0, 700.0), (12.0, 700.0), (24.0, 960.0)] {
            let points_per_year = width_points / years;
            let input = GridInput { bounds: (2000.0, 2000.0 + years), base_step_size: 8.0 / points_per_year };
            for kind in PeriodKind::ALL {
                for lang in Lang::ALL {
                    let marks = time_marks(&input, kind, lang);
                    let apart = (marks[1].value - marks[0].value) * points_per_year;
                    assert!(
                        apart >= label_spacing_points(kind, lang),
                        "{kind:?} {lang:?} {years} years: {apart}"
                    );
                    assert!(marks.len() >= 3, "{kind:?} {lang:?} {years} years: still a few labels");
                }
            }
        }
        // Every quarter where there is room.
        let roomy = GridInput { bounds: (2020.0, 2022.0), base_step_size: 8.0 / 500.0 };
        assert_eq!(time_marks(&roomy, PeriodKind::Quarter, Lang::En).len(), 9);
    }
}
