//! A parent's regions side by side in the year most of them report, the
//! largest few and the focus region.

use std::collections::BTreeMap;

use super::points::*;
use crate::chart::{Chart, SeriesStyle, XAxis};
use crate::data::derive::{self};
use crate::data::model::{Dataset, IndicatorIx, Observation, Period, RegionIx, Text};

/// The parent's regions side by side in the year most of them report.
pub(super) fn comparison(dataset: &Dataset, ix: IndicatorIx, parent: RegionIx) -> Option<Chart> {
    let indicator = dataset.indicator(ix);
    let children: Vec<RegionIx> = dataset.children(parent).collect();
    let mut counts: BTreeMap<Period, usize> = BTreeMap::new();
    for &child in &children {
        for obs in indicator.series(child).iter().filter(|obs| obs.period.is_full_year() && !obs.conflict) {
            *counts.entry(obs.period).or_default() += 1;
        }
    }
    // Most regions first; among equals, the latest year.
    let (&period, &count) = counts.iter().max_by_key(|(period, count)| (**count, **period))?;
    if count < 3 {
        return None;
    }
    let mut rows: Vec<(RegionIx, &Observation)> = children
        .iter()
        .filter_map(|&child| derive::single(dataset, ix, child, period).map(|obs| (child, obs)))
        .collect();
    rows.sort_by(|a, b| b.1.value.total_cmp(&a.1.value));
    let reported = rows.len();
    let focus = dataset.focus_region;
    let (rows, left_out) = split_largest(rows, |(region, _)| *region == focus);
    let labels: Vec<Text> = rows.iter().map(|(region, _)| region_name(dataset, *region).clone()).collect();
    let (mut focus_points, mut other_points) = (Vec::new(), Vec::new());
    for (at, (region, obs)) in rows.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a few dozen regions")]
        let point = reported_point(dataset, obs, at as f64, labels[at].clone());
        if *region == dataset.focus_region { focus_points.push(point) } else { other_points.push(point) }
    }
    let parent_name = region_name(dataset, parent);
    let focus_name = region_name(dataset, dataset.focus_region);
    let mut series = series_by_style(
        &dataset.region(dataset.focus_region).id,
        focus_name,
        SeriesStyle::Focus,
        focus_points,
    );
    let others = text("其他区县".to_owned(), "Other districts".to_owned());
    series.extend(series_by_style("others", &others, SeriesStyle::Other, other_points));
    let missing = children.len() - reported;
    let mut notes = Vec::new();
    if !left_out.is_empty() {
        let names: Vec<&Text> = left_out.iter().map(|(region, _)| region_name(dataset, *region)).collect();
        notes.extend(left_out_note(&names));
    }
    if missing > 0 {
        notes.push(text(
            format!("{missing} 个区县无 {period} 年数据或来源不一致，未列出。"),
            format!("{missing} districts without a {period} figure (or with disputed ones) are left out."),
        ));
    }
    Some(Chart {
        id: format!("{}-{}-regions-{period}", indicator.id, dataset.region(parent).id),
        view: indicator.view,
        title: text(
            format!("{}各区县 {} {period}", parent_name.zh, indicator.name.zh),
            format!("{} by district · {} {period}", en_or_zh(parent_name), en_or_zh(&indicator.name)),
        ),
        unit: indicator.unit.clone(),
        axis: XAxis::Categories(labels),
        series,
        note: join_notes(&notes),
        left_out: left_out
            .iter()
            .map(|(region, obs)| {
                reported_point(dataset, obs, f64::NAN, region_name(dataset, *region).clone())
            })
            .collect(),
    })
}
