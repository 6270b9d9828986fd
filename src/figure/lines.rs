//! Line charts: one line per series through its values in time order, a
//! marker on every value whose shape says how the value came to be (a dot
//! as stated, a diamond for the source's estimate, a square for a value
//! derived by EconLens, a cross where sources disagree); the legend under
//! the plot explains the shapes. A line never bridges a missing period; it is
//! dashed where it meets an estimate or a derived value; a disputed value is
//! a marker the line does not pass through; a break in series (Eurostat's
//! flag `b`) is not joined to the value before it.

use egui::{Align2, Color32, RichText};
use egui_plot::{Line, LineStyle, MarkerShape, PlotPoint, PlotPoints, Points, Text as PlotText};

use super::palette::line_colour;
use super::plot::{value_label, value_position};
use crate::chart::{Chart, ChartKind, ChartPoint, ChartSeries};
use crate::data::model::Status;
use crate::i18n::Lang;

/// The hover target around a marker, in points.
pub const MARKER_HOVER_RADIUS: f32 = 6.0;

/// What a marker says about its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mark {
    Stated,
    Estimate,
    Derived,
    Disputed,
}

impl Mark {
    const ALL: [Self; 4] = [Self::Stated, Self::Estimate, Self::Derived, Self::Disputed];

    fn of(point: &ChartPoint) -> Self {
        match (point.conflict, point.status) {
            (true, _) => Self::Disputed,
            (false, Status::Estimate) => Self::Estimate,
            (false, Status::Derived) => Self::Derived,
            (false, Status::Reported) => Self::Stated,
        }
    }

    fn shape(self) -> MarkerShape {
        match self {
            Self::Stated => MarkerShape::Circle,
            Self::Estimate => MarkerShape::Diamond,
            Self::Derived => MarkerShape::Square,
            Self::Disputed => MarkerShape::Cross,
        }
    }

    pub(super) fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Stated => lang.tr("来源所述", "as stated"),
            Self::Estimate => lang.tr("来源预计", "source's estimate"),
            Self::Derived => lang.tr("EconLens 推算", "derived by EconLens"),
            Self::Disputed => lang.tr("来源不一致", "sources disagree"),
        }
    }
}

/// Whether two values sit in consecutive periods of their kind, with no break in series between.
fn adjacent(a: &ChartPoint, b: &ChartPoint) -> bool {
    a.period.kind() == b.period.kind() && b.period.ordinal() - a.period.ordinal() == 1 && !b.series_break
}

/// The runs of a series' line: consecutive undisputed values, split where a
/// period is missing and where the dash changes. `(dashed, points)` each;
/// dashed where the line meets an estimate or a value derived among stated ones.
fn runs(series: &ChartSeries) -> Vec<(bool, Vec<&ChartPoint>)> {
    let undisputed: Vec<&ChartPoint> = series.points.iter().filter(|point| !point.conflict).collect();
    // A line of derived values only (shares EconLens computed) is solid: the
    // square markers say so, and dashes everywhere would say nothing.
    let all_derived = undisputed.iter().all(|point| point.status == Status::Derived);
    let plain = |point: &ChartPoint| point.status == Status::Reported || all_derived;
    let mut runs: Vec<(bool, Vec<&ChartPoint>)> = Vec::new();
    for pair in undisputed.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if !adjacent(a, b) {
            continue;
        }
        let dashed = !plain(a) || !plain(b);
        match runs.last_mut() {
            Some((run_dashed, points))
                if *run_dashed == dashed && points.last().is_some_and(|last| std::ptr::eq(*last, a)) =>
            {
                points.push(b);
            }
            _ => runs.push((dashed, vec![a, b])),
        }
    }
    runs
}

/// Draws every series of a line chart.
pub(super) fn lines_ui(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    chart: &Chart,
    lang: Lang,
    dark_mode: bool,
    text_color: Color32,
) {
    let labelled = chart.series.len() <= 3;
    for series in &chart.series {
        let colour = line_colour(series.style, series.colour, dark_mode);
        let name = series.name.get(lang);
        let width = if series.style == crate::chart::SeriesStyle::Focus { 2.5 } else { 1.8 };
        for (at, (dashed, points)) in runs(series).into_iter().enumerate() {
            let positions: Vec<[f64; 2]> =
                points.iter().map(|point| [point.x, value_position(chart, point.value)]).collect();
            let style = if dashed { LineStyle::dashed_dense() } else { LineStyle::Solid };
            plot_ui.line(
                Line::new(name, PlotPoints::new(positions))
                    .id((series.id.as_str(), "line", at))
                    .color(colour)
                    .width(width)
                    .style(style)
                    .allow_hover(false),
            );
        }
        for mark in Mark::ALL {
            let positions: Vec<[f64; 2]> = series
                .points
                .iter()
                .filter(|point| Mark::of(point) == mark)
                .map(|point| [point.x, value_position(chart, point.value)])
                .collect();
            if positions.is_empty() {
                continue;
            }
            let (radius, filled) = match mark {
                Mark::Stated => (3.5, true),
                Mark::Estimate | Mark::Derived => (4.5, false),
                Mark::Disputed => (5.0, true),
            };
            plot_ui.points(
                Points::new(name, PlotPoints::new(positions))
                    .id((series.id.as_str(), "marks", mark as u8))
                    .shape(mark.shape())
                    .radius(radius)
                    .filled(filled)
                    .color(colour)
                    .allow_hover(false),
            );
        }
        if labelled && let Some(last) = series.points.iter().rev().find(|point| !point.conflict) {
            let position = PlotPoint::new(last.x, value_position(chart, last.value));
            plot_ui.text(
                PlotText::new(
                    "",
                    position,
                    RichText::new(format!(" {}", value_label(last))).size(12.0).color(text_color),
                )
                .anchor(Align2::LEFT_BOTTOM)
                .allow_hover(false),
            );
        }
    }
}

/// The marks a line chart's values carry, in the order of [`Mark::ALL`], when
/// the key needs to explain them (any mark other than "as stated").
pub(super) fn marks_to_explain(chart: &Chart) -> Vec<Mark> {
    if chart.kind != ChartKind::Lines || chart.points().all(|point| Mark::of(point) == Mark::Stated) {
        return Vec::new();
    }
    Mark::ALL.into_iter().filter(|mark| chart.points().any(|point| Mark::of(point) == *mark)).collect()
}

pub(super) fn paint_marker(painter: &egui::Painter, centre: egui::Pos2, mark: Mark, colour: Color32) {
    let stroke = egui::Stroke::new(1.5, colour);
    let r = 4.5;
    match mark {
        Mark::Stated => {
            painter.circle_filled(centre, 3.5, colour);
        }
        Mark::Estimate => {
            let points = vec![
                centre + egui::vec2(0.0, -r),
                centre + egui::vec2(r, 0.0),
                centre + egui::vec2(0.0, r),
                centre + egui::vec2(-r, 0.0),
            ];
            painter.add(egui::Shape::closed_line(points, stroke));
        }
        Mark::Derived => {
            painter.rect_stroke(
                egui::Rect::from_center_size(centre, egui::Vec2::splat(2.0 * r * 0.8)),
                0.0,
                stroke,
                egui::StrokeKind::Middle,
            );
        }
        Mark::Disputed => {
            painter.line_segment([centre + egui::vec2(-r, -r), centre + egui::vec2(r, r)], stroke);
            painter.line_segment([centre + egui::vec2(-r, r), centre + egui::vec2(r, -r)], stroke);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{PointLabel, PointSources, SeriesStyle};
    use crate::data::model::{Period, Qualifier, SourceIx, Text};

    fn point(year: i16, status: Status, series_break: bool) -> ChartPoint {
        let period = Period::year(year);
        ChartPoint {
            x: period.time_position(),
            bar_width: 0.7,
            label: PointLabel::Period,
            period,
            value: f64::from(year),
            status,
            qualifier: Qualifier::Exact,
            conflict: false,
            series_break,
            sources: PointSources::One(SourceIx(0)),
            quote: None,
            note: None,
            origin: None,
        }
    }

    fn joined(points: Vec<ChartPoint>) -> Vec<(bool, Vec<String>)> {
        let series = ChartSeries {
            id: "s".to_owned(),
            name: Text { zh: "s".to_owned(), en: None },
            style: SeriesStyle::Focus,
            colour: 0,
            points,
        };
        runs(&series)
            .into_iter()
            .map(|(dashed, points)| (dashed, points.iter().map(|point| point.period.to_string()).collect()))
            .collect()
    }

    #[test]
    fn a_break_in_series_is_not_joined_to_the_value_before() {
        // 2021 flagged b (a break), 2022 e (an estimate): Eurostat's XA1 in the fixture.
        let broken = joined(vec![
            point(2020, Status::Reported, false),
            point(2021, Status::Reported, true),
            point(2022, Status::Estimate, false),
        ]);
        assert_eq!(broken, [(true, vec!["2021".to_owned(), "2022".to_owned()])], "no line from 2020 to 2021");
        let whole = joined(vec![point(2020, Status::Reported, false), point(2021, Status::Reported, false)]);
        assert_eq!(whole, [(false, vec!["2020".to_owned(), "2021".to_owned()])]);
    }
}
