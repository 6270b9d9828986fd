//! A level over the years for one region; missing years stay gaps.

use super::points::*;
use crate::chart::{Chart, ChartPoint, SeriesStyle, XAxis};
use crate::data::model::{Dataset, IndicatorIx, RegionIx};

/// A level over the years for one region; missing years stay gaps.
pub(super) fn history(dataset: &Dataset, ix: IndicatorIx, region: RegionIx) -> Option<Chart> {
    let indicator = dataset.indicator(ix);
    let observations = full_year_points(indicator, region);
    if distinct_years(&observations) < 2 {
        return None;
    }
    let mut points: Vec<ChartPoint> = observations
        .iter()
        .map(|obs| reported_point(dataset, obs, year_x(obs.period), period_label(obs.period)))
        .collect();
    spread_within_slots(&mut points, SLOT_WIDTH);
    let name = region_name(dataset, region);
    let base = if region == dataset.focus_region { SeriesStyle::Focus } else { SeriesStyle::Other };
    let left_out = indicator.series(region).len() - observations.len();
    let mut notes = Vec::new();
    if let Some(note) = &indicator.note {
        notes.push(note.clone());
    }
    if points.iter().any(|point| point.conflict) {
        notes.push(text(
            "来源不一致的年份并列显示各来源的数值。".to_owned(),
            "Where sources disagree, each source's value stands side by side.".to_owned(),
        ));
    }
    if left_out > 0 {
        notes.push(text(
            "半年度、季度数据未画入年度柱形图，见“数据”页。".to_owned(),
            "Half-year and quarterly values are not drawn among the years; see the Data tab.".to_owned(),
        ));
    }
    Some(Chart {
        id: format!("{}-{}-history", indicator.id, dataset.region(region).id),
        view: indicator.view,
        title: titled(name, &indicator.name),
        unit: indicator.unit.clone(),
        axis: XAxis::Years,
        series: series_by_style(&dataset.region(region).id, name, base, points),
        note: join_notes(&notes),
        left_out: Vec::new(),
    })
}
