//! Values over time, one chart per period kind (years, halves and quarters
//! are never drawn side by side): one region's history, the focus with the
//! regions above it (for rates, shares and ranks, which compare across
//! levels), and a group's regions together.
//!
//! A short history of one region is bars; a long one (8 periods or more), a
//! group's, and any history of ranks are lines with a marker per value.
//! Missing periods stay gaps. A group draws its regions with the largest
//! latest values and the focus; the rest are named in the note and listed in
//! the CSV.

use super::family::Group;
use super::points::{
    ChartHead, LINE_FROM_PERIODS, MAX_BARS, MAX_LINES, category, distinct_periods, en_or_zh, fit_to_slots,
    history_notes, join_notes, left_out_note, left_out_regions, left_out_regions_note, line_series,
    region_name, reported_point, series_by_style, slot, split_largest, text, time_point, titled, with_kind,
};
use crate::chart::{Chart, ChartKind, ChartPoint, ChartSeries, LeftOut, SeriesStyle, XAxis};
use crate::data::model::{Dataset, IndicatorIx, Observation, PeriodKind, RegionIx, Text, UnitKind};

/// A region's values of `kind`, in time order.
pub(super) fn values_of_kind(
    dataset: &Dataset,
    ix: IndicatorIx,
    region: RegionIx,
    kind: PeriodKind,
) -> impl Iterator<Item = &Observation> {
    dataset.indicator(ix).series(region).iter().filter(move |obs| obs.period.kind() == kind)
}

fn drawn_as(dataset: &Dataset, ix: IndicatorIx, periods: usize, regions: usize) -> ChartKind {
    let ranks = dataset.indicator(ix).unit.kind() == UnitKind::Rank;
    if ranks || regions > 1 || periods >= LINE_FROM_PERIODS { ChartKind::Lines } else { ChartKind::Bars }
}

/// One region's history of `ix` in periods of `kind`.
pub(super) fn single(
    dataset: &Dataset,
    ix: IndicatorIx,
    region: RegionIx,
    kind: PeriodKind,
) -> Option<Chart> {
    let indicator = dataset.indicator(ix);
    let mut points: Vec<ChartPoint> =
        values_of_kind(dataset, ix, region, kind).map(|obs| time_point(ix, obs)).collect();
    if points.is_empty() {
        return None;
    }
    let chart_kind = drawn_as(dataset, ix, distinct_periods(points.iter().map(|point| &point.period)), 1);
    let notes = history_notes(indicator.note.as_ref(), &points, chart_kind);
    let series = match chart_kind {
        ChartKind::Bars => {
            fit_to_slots(&mut points, kind);
            let base = if region == dataset.focus_region() { SeriesStyle::Focus } else { SeriesStyle::Other };
            series_by_style(&dataset.region(region).id, region_name(dataset, region), base, points)
        }
        ChartKind::Lines => vec![line_series(dataset, region, 0, points)],
    };
    let head = ChartHead {
        id: format!("{}-{}-history{}", indicator.id, dataset.region(region).id, kind.id_suffix()),
        view: indicator.view,
        title: with_kind(titled(region_name(dataset, region), &indicator.name), kind),
        unit: indicator.unit.clone(),
    };
    Some(head.chart(XAxis::Time(kind), chart_kind, series, join_notes(&notes)))
}

/// The focus and the regions above it that have values of `kind`: rates,
/// shares and ranks compare across levels (a district's growth beside its
/// city's). Only the focus: its own history.
pub(super) fn focus_and_above(
    dataset: &Dataset,
    ix: IndicatorIx,
    regions: &[RegionIx],
    kind: PeriodKind,
) -> Option<Chart> {
    let with_values: Vec<RegionIx> = regions
        .iter()
        .copied()
        .filter(|&region| values_of_kind(dataset, ix, region, kind).next().is_some())
        .collect();
    let focus = dataset.focus_region();
    match with_values.as_slice() {
        [] => return None,
        [only] if *only == focus => return single(dataset, ix, focus, kind),
        _ => {}
    }
    let indicator = dataset.indicator(ix);
    let periods = distinct_periods(
        with_values
            .iter()
            .flat_map(|&region| values_of_kind(dataset, ix, region, kind).map(|obs| &obs.period)),
    );
    let chart_kind = if periods >= LINE_FROM_PERIODS || indicator.unit.kind() == UnitKind::Rank {
        ChartKind::Lines
    } else {
        ChartKind::Bars
    };
    let mut all_points = Vec::new();
    let mut series = Vec::new();
    #[expect(clippy::cast_precision_loss, reason = "a few regions")]
    let bar_slot = slot(kind) * super::points::SLOT_WIDTH / with_values.len() as f64;
    for (rank, &region) in with_values.iter().enumerate() {
        let mut points: Vec<ChartPoint> =
            values_of_kind(dataset, ix, region, kind).map(|obs| time_point(ix, obs)).collect();
        all_points.extend(points.iter().cloned());
        match chart_kind {
            ChartKind::Bars => {
                // Each region takes its share of the period's slot.
                for point in &mut points {
                    #[expect(clippy::cast_precision_loss, reason = "a few regions")]
                    let offset =
                        (rank as f64 + 0.5) * bar_slot - slot(kind) * super::points::SLOT_WIDTH / 2.0;
                    point.x += offset;
                    point.bar_width = bar_slot;
                }
                super::points::spread_within_slots(&mut points, bar_slot);
                let base = if region == focus { SeriesStyle::Focus } else { SeriesStyle::Other };
                series.extend(series_by_style(
                    &dataset.region(region).id,
                    region_name(dataset, region),
                    base,
                    points,
                ));
            }
            ChartKind::Lines => series.push(line_series(dataset, region, rank.saturating_sub(1), points)),
        }
    }
    let focus_name = region_name(dataset, focus);
    let title = text(
        format!("{}与上级地区 {}", focus_name.zh, indicator.name.zh),
        format!("{} and the regions above it · {}", en_or_zh(focus_name), en_or_zh(&indicator.name)),
    );
    let notes = history_notes(indicator.note.as_ref(), &all_points, chart_kind);
    let head = ChartHead {
        id: format!("{}-{}-history{}", indicator.id, dataset.region(focus).id, kind.id_suffix()),
        view: indicator.view,
        title: with_kind(title, kind),
        unit: indicator.unit.clone(),
    };
    Some(head.chart(XAxis::Time(kind), chart_kind, series, join_notes(&notes)))
}

/// The latest value a region reports, for choosing which lines to draw.
fn latest_value(dataset: &Dataset, ix: IndicatorIx, region: RegionIx, kind: PeriodKind) -> f64 {
    values_of_kind(dataset, ix, region, kind).last().map_or(f64::NEG_INFINITY, |obs| obs.value)
}

/// A group's regions together: lines over time, or (when they all report
/// one period only) bars side by side. `members` have values of `kind`.
pub(super) fn group(
    dataset: &Dataset,
    ix: IndicatorIx,
    group: &Group,
    members: &[RegionIx],
    kind: PeriodKind,
) -> Option<Chart> {
    if members.len() < 2 {
        return None;
    }
    let indicator = dataset.indicator(ix);
    let focus = dataset.focus_region();
    let periods = distinct_periods(
        members.iter().flat_map(|&region| values_of_kind(dataset, ix, region, kind).map(|obs| &obs.period)),
    );
    let descending = dataset.indicator(ix).unit.kind() != UnitKind::Rank;
    let mut keyed: Vec<(f64, RegionIx)> =
        members.iter().map(|&region| (latest_value(dataset, ix, region, kind), region)).collect();
    keyed.sort_by(|(a, _), (b, _)| if descending { b.total_cmp(a) } else { a.total_cmp(b) });
    let ordered: Vec<RegionIx> = keyed.into_iter().map(|(_, region)| region).collect();
    let title = with_kind(
        text(
            format!("{} {}", group.name(dataset).zh, indicator.name.zh),
            format!("{} · {}", en_or_zh(&group.name(dataset)), en_or_zh(&indicator.name)),
        ),
        kind,
    );
    let head = ChartHead {
        id: format!("{}-{}-history{}", indicator.id, group.id(dataset), kind.id_suffix()),
        view: indicator.view,
        title,
        unit: indicator.unit.clone(),
    };
    if periods == 1 {
        return Some(one_period(dataset, ix, head, ordered, kind));
    }
    let (drawn, left_out) = split_largest(ordered, MAX_LINES, |&region| region == focus);
    let mut all_points = Vec::new();
    let mut series: Vec<ChartSeries> = Vec::new();
    let mut colour = 0;
    for &region in &drawn {
        let points: Vec<ChartPoint> =
            values_of_kind(dataset, ix, region, kind).map(|obs| time_point(ix, obs)).collect();
        all_points.extend(points.iter().cloned());
        series.push(line_series(dataset, region, colour, points));
        if region != focus {
            colour += 1;
        }
    }
    // The focus's line is drawn last, over the others.
    series.sort_by_key(|series| series.style == SeriesStyle::Focus);
    let mut notes = history_notes(indicator.note.as_ref(), &all_points, ChartKind::Lines);
    notes.extend(left_out_regions_note(dataset, &left_out));
    let mut chart = head.chart(XAxis::Time(kind), ChartKind::Lines, series, join_notes(&notes));
    chart.left_out = left_out_regions(ix, &left_out, kind);
    Some(chart)
}

/// A group whose regions all report the same single period: their values
/// side by side, the largest first (disputed values each in its own bar).
fn one_period(
    dataset: &Dataset,
    ix: IndicatorIx,
    head: ChartHead,
    ordered: Vec<RegionIx>,
    kind: PeriodKind,
) -> Chart {
    let indicator = dataset.indicator(ix);
    let focus = dataset.focus_region();
    let (drawn, left_out) = split_largest(ordered, MAX_BARS, |&region| region == focus);
    let labels: Vec<Text> = drawn.iter().map(|&region| region_name(dataset, region).clone()).collect();
    let (mut focus_points, mut other_points) = (Vec::new(), Vec::new());
    for (at, &region) in drawn.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "at most MAX_BARS + 1")]
        let mut points: Vec<ChartPoint> = values_of_kind(dataset, ix, region, kind)
            .map(|obs| reported_point(ix, obs, at as f64, category(at)))
            .collect();
        super::points::spread_within_slots(&mut points, super::points::SLOT_WIDTH);
        if region == focus { focus_points.extend(points) } else { other_points.extend(points) }
    }
    let mut notes = history_notes(
        indicator.note.as_ref(),
        &[&focus_points[..], &other_points[..]].concat(),
        ChartKind::Bars,
    );
    let names: Vec<&Text> = left_out.iter().map(|&region| region_name(dataset, region)).collect();
    notes.extend(left_out_note(&names));
    let mut series = series_by_style(
        &dataset.region(focus).id,
        region_name(dataset, focus),
        SeriesStyle::Focus,
        focus_points,
    );
    let others = text("其他地区".to_owned(), "Other regions".to_owned());
    series.extend(series_by_style("others", &others, SeriesStyle::Other, other_points));
    let mut chart = head.chart(XAxis::Categories(labels), ChartKind::Bars, series, join_notes(&notes));
    chart.left_out =
        left_out.iter().map(|&region| LeftOut { indicator: ix, region, kind, period: None }).collect();
    chart
}
