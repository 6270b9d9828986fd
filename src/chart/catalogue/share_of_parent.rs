//! The focus region's share of its parent, year by year (derived).

use super::points::*;
use crate::chart::{Chart, ChartPoint, SeriesStyle, XAxis};
use crate::data::derive::{self};
use crate::data::model::{Dataset, IndicatorIx, RegionIx, Unit, UnitKind};

/// The focus region's share of its parent, year by year, where both are known.
pub(super) fn share_of_parent(
    dataset: &Dataset,
    ix: IndicatorIx,
    focus: RegionIx,
    parent: RegionIx,
) -> Option<Chart> {
    let indicator = dataset.indicator(ix);
    if indicator.unit.kind() != UnitKind::Money {
        return None;
    }
    let points: Vec<ChartPoint> = full_year_points(indicator, focus)
        .iter()
        .filter_map(|obs| {
            let derived = derive::share(dataset, (ix, focus), (ix, parent), obs.period)?;
            Some(derived_point(&derived, year_x(obs.period), period_label(obs.period), obs.period))
        })
        .collect();
    if points.len() < 2 {
        return None;
    }
    let (focus_name, parent_name) = (region_name(dataset, focus), region_name(dataset, parent));
    let name = text(format!("占{}比重", parent_name.zh), format!("share of {}", en_or_zh(parent_name)));
    Some(Chart {
        id: format!("{}-{}-share-of-{}", indicator.id, dataset.region(focus).id, dataset.region(parent).id),
        view: indicator.view,
        title: text(
            format!("{} {}占{}比重（推算）", focus_name.zh, indicator.name.zh, parent_name.zh),
            format!(
                "{} · {} as a share of {} (derived)",
                en_or_zh(focus_name),
                en_or_zh(&indicator.name),
                en_or_zh(parent_name)
            ),
        ),
        unit: Unit { zh: "%".to_owned() },
        axis: XAxis::Years,
        series: series_by_style("share", &name, SeriesStyle::Derived, points),
        note: Some(text(
            "由两地同年数值计算；来源不一致的年份不计算。".to_owned(),
            "Computed from both regions' figures for the same year; years with disputed figures are skipped."
                .to_owned(),
        )),
        left_out: Vec::new(),
    })
}
