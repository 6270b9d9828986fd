//! A group's regions side by side in the period most of them report (for
//! peers, the latest that nearly all report): the
//! largest and the focus region, the rest named in the note and listed in
//! the CSV.

use std::collections::BTreeMap;

use super::family::Group;
use super::points::{
    ChartHead, MAX_BARS, category, en_or_zh, join_notes, left_out_note, region_name, reported_point,
    series_by_style, split_largest, text,
};
use crate::chart::{Chart, ChartKind, LeftOut, SeriesStyle, XAxis};
use crate::data::derive;
use crate::data::model::{Dataset, IndicatorIx, Observation, Period, PeriodKind, RegionIx, Text};

/// The period of `kind` the members are compared in: the one most of them
/// report, the latest among equals (peers: the latest that nine in ten of
/// the most report); `None` unless at least three report it.
fn compared_period(
    dataset: &Dataset,
    ix: IndicatorIx,
    group: &Group,
    members: &[RegionIx],
    kind: PeriodKind,
) -> Option<Period> {
    let indicator = dataset.indicator(ix);
    let mut counts: BTreeMap<Period, usize> = BTreeMap::new();
    for &member in members {
        for obs in indicator.series(member).iter().filter(|obs| obs.period.kind() == kind && !obs.conflict) {
            *counts.entry(obs.period).or_default() += 1;
        }
    }
    // Most regions first; among equals, the latest period. Peers (countries,
    // provinces) are ranked in the latest period nine in ten of the most report:
    // a year a few small countries have not reported yet is still the latest.
    let (&period, &count) = counts.iter().max_by_key(|(period, count)| (**count, **period))?;
    let (period, count) = if *group == Group::Peers {
        counts
            .iter()
            .rev()
            .find(|(_, n)| **n * 10 >= count * 9)
            .map_or((period, count), |(period, n)| (*period, *n))
    } else {
        (period, count)
    };
    (count >= 3).then_some(period)
}

/// What the chart does not show: the regions left out (beyond the bars
/// drawn), and how many have no undisputed value in `period`.
fn comparison_notes(left_out: &[&Text], missing: usize, period: Period) -> Vec<Text> {
    let mut notes = Vec::new();
    notes.extend(left_out_note(left_out));
    if missing > 0 {
        let (zh, en) = (period.label(crate::i18n::Lang::Zh), period.label(crate::i18n::Lang::En));
        notes.push(text(
            format!("{missing} 个地区没有 {zh} 的数值或各来源数值不一致，未列出（见上方历年图）。"),
            format!("{missing} regions without a {en} value (or with disputed ones) are not listed (see the history above)."),
        ));
    }
    notes
}

/// The members' values in the period of `kind` most of them report (at
/// least three), largest first; `None` when no period has three.
pub(super) fn comparison(
    dataset: &Dataset,
    ix: IndicatorIx,
    group: &Group,
    members: &[RegionIx],
    kind: PeriodKind,
) -> Option<Chart> {
    let indicator = dataset.indicator(ix);
    let period = compared_period(dataset, ix, group, members, kind)?;
    let mut rows: Vec<(RegionIx, &Observation)> = members
        .iter()
        .filter_map(|&member| derive::single(dataset, ix, member, period).map(|obs| (member, obs)))
        .collect();
    let descending = indicator.unit.kind() != crate::data::model::UnitKind::Rank;
    rows.sort_by(
        |a, b| if descending { b.1.value.total_cmp(&a.1.value) } else { a.1.value.total_cmp(&b.1.value) },
    );
    let focus = dataset.focus_region();
    let (rows, left_out) = split_largest(rows, MAX_BARS, |(region, _)| *region == focus);
    let labels: Vec<Text> = rows.iter().map(|(region, _)| region_name(dataset, *region).clone()).collect();
    let (mut focus_points, mut other_points) = (Vec::new(), Vec::new());
    for (at, (region, obs)) in rows.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "at most MAX_BARS + 1")]
        let point = reported_point(ix, obs, at as f64, category(at));
        if *region == focus { focus_points.push(point) } else { other_points.push(point) }
    }
    let mut series = series_by_style(
        &dataset.region(focus).id,
        region_name(dataset, focus),
        SeriesStyle::Focus,
        focus_points,
    );
    let others = text("其他地区".to_owned(), "Other regions".to_owned());
    series.extend(series_by_style("others", &others, SeriesStyle::Other, other_points));
    let left_names: Vec<&Text> = left_out.iter().map(|(region, _)| region_name(dataset, *region)).collect();
    let notes = comparison_notes(&left_names, members.len() - rows.len() - left_out.len(), period);
    let group_name = group.name(dataset);
    let (period_zh, period_en) = (period.label(crate::i18n::Lang::Zh), period.label(crate::i18n::Lang::En));
    let head = ChartHead {
        id: format!("{}-{}-{period}", indicator.id, group.id(dataset)),
        view: indicator.view,
        title: text(
            format!("{} {} {period_zh}", group_name.zh, indicator.name.zh),
            format!("{} · {} {period_en}", en_or_zh(&group_name), en_or_zh(&indicator.name)),
        ),
        unit: indicator.unit.clone(),
    };
    let mut chart = head.chart(XAxis::Categories(labels), ChartKind::Bars, series, join_notes(&notes));
    chart.left_out = left_out
        .iter()
        .map(|(region, _)| LeftOut { indicator: ix, region: *region, kind, period: Some(period) })
        .collect();
    Some(chart)
}
