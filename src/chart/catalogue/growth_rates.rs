//! Stated growth rates of the focus region and its parent, year by year.

use super::points::*;
use crate::chart::{Chart, ChartPoint, SeriesStyle, XAxis};
use crate::data::model::{Dataset, IndicatorIx, RegionIx};

/// Stated growth rates of the focus region and its parent, year by year.
pub(super) fn growth_rates(
    dataset: &Dataset,
    ix: IndicatorIx,
    focus: RegionIx,
    parent: Option<RegionIx>,
) -> Option<Chart> {
    let indicator = dataset.indicator(ix);
    let regions: Vec<RegionIx> = std::iter::once(focus).chain(parent).collect();
    let slot = SLOT_WIDTH / regions.len() as f64;
    let mut series = Vec::new();
    let mut total = 0;
    for (rank, &region) in regions.iter().enumerate() {
        let mut points: Vec<ChartPoint> = full_year_points(indicator, region)
            .iter()
            .map(|obs| {
                let x = year_x(obs.period) - SLOT_WIDTH / 2.0 + (rank as f64 + 0.5) * slot;
                reported_point(dataset, obs, x, period_label(obs.period))
            })
            .collect();
        spread_within_slots(&mut points, slot);
        total += points.len();
        let base = if region == focus { SeriesStyle::Focus } else { SeriesStyle::Other };
        series.extend(series_by_style(
            &dataset.region(region).id,
            region_name(dataset, region),
            base,
            points,
        ));
    }
    if total < 2 {
        return None;
    }
    Some(Chart {
        id: format!("{}-rates", indicator.id),
        view: indicator.view,
        title: text(
            format!("{}（来源所述）", indicator.name.zh),
            format!("{} (as stated)", en_or_zh(&indicator.name)),
        ),
        unit: indicator.unit.clone(),
        axis: XAxis::Years,
        series,
        note: indicator.note.clone(),
        left_out: Vec::new(),
    })
}
