//! Each region's share of the region it belongs to, period by period, where
//! the file has both (derived): "each district's share of the city". Only
//! for quantities that add up (亿元, 家, 万人), never for per-head values,
//! rates or ranks.

use super::family::Group;
use super::history::values_of_kind;
use super::points::{
    ChartHead, MAX_LINES, derived_point, distinct_periods, en_or_zh, is_additive, line_series, region_name,
    series_by_style, split_largest, text, with_kind,
};
use crate::chart::{Chart, ChartKind, ChartPoint, PointLabel, SeriesStyle, ValueAxis, XAxis};
use crate::data::derive;
use crate::data::model::{Dataset, IndicatorIx, PeriodKind, RegionIx, Unit};

/// The members' shares of `group`'s parent in periods of `kind`.
pub(super) fn shares_of_parent(
    dataset: &Dataset,
    ix: IndicatorIx,
    group: &Group,
    members: &[RegionIx],
    kind: PeriodKind,
) -> Option<Chart> {
    let indicator = dataset.indicator(ix);
    let parent = group.parent()?;
    if !is_additive(&indicator.unit) {
        return None;
    }
    let mut by_region: Vec<(RegionIx, Vec<ChartPoint>)> = members
        .iter()
        .map(|&member| {
            let points = values_of_kind(dataset, ix, member, kind)
                .filter_map(|obs| {
                    let derived = derive::share(dataset, (ix, member), (ix, parent), obs.period)?;
                    Some(derived_point(&derived, obs.period.time_position(), PointLabel::Period, obs.period))
                })
                .collect::<Vec<_>>();
            (member, points)
        })
        .filter(|(_, points)| !points.is_empty())
        .collect();
    if by_region.is_empty() {
        return None;
    }
    let periods =
        distinct_periods(by_region.iter().flat_map(|(_, points)| points.iter().map(|point| &point.period)));
    let latest = |points: &[ChartPoint]| points.last().map_or(f64::NEG_INFINITY, |point| point.value);
    by_region.sort_by(|a, b| latest(&b.1).total_cmp(&latest(&a.1)));
    let focus = dataset.focus_region();
    let (drawn, _) = split_largest(by_region, MAX_LINES, |(region, _)| *region == focus);
    let parent_name = region_name(dataset, parent);
    let group_name = group.name(dataset);
    let title = text(
        format!("{} {}占{}比重（推算）", group_name.zh, indicator.name.zh, parent_name.zh),
        format!(
            "{} · {} as a share of {} (derived)",
            en_or_zh(&group_name),
            en_or_zh(&indicator.name),
            en_or_zh(parent_name)
        ),
    );
    let head = ChartHead {
        id: format!("{}-{}-shares{}", indicator.id, group.id(dataset), kind.id_suffix()),
        view: indicator.view,
        title: with_kind(title, kind),
        unit: Unit { zh: "%".to_owned() },
    };
    let note = Some(text(
        format!("由各地区与{}同期的数值计算；来源不一致的时期不计算。", parent_name.zh),
        format!(
            "Computed from each region's and {}'s figures for the same period; periods with disputed figures are skipped.",
            en_or_zh(parent_name)
        ),
    ));
    let (chart_kind, series) = if drawn.len() == 1 && periods < super::points::LINE_FROM_PERIODS {
        let (region, mut points) = drawn.into_iter().next()?;
        super::points::fit_to_slots(&mut points, kind);
        let name = region_name(dataset, region);
        (ChartKind::Bars, series_by_style(&dataset.region(region).id, name, SeriesStyle::Derived, points))
    } else {
        let mut colour = 0;
        let mut series = Vec::new();
        for (region, points) in drawn {
            series.push(line_series(dataset, region, colour, points));
            if region != focus {
                colour += 1;
            }
        }
        series.sort_by_key(|series| series.style == SeriesStyle::Focus);
        (ChartKind::Lines, series)
    };
    let mut chart = head.chart(XAxis::Time(kind), chart_kind, series, note);
    chart.value_axis = ValueAxis::Upwards;
    Some(chart)
}
