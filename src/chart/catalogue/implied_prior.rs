//! The prior year implied by a stated growth rate and level (derived).

use super::points::*;
use crate::chart::{Chart, SeriesStyle, XAxis};
use crate::data::derive::{self};
use crate::data::model::{Dataset, IndicatorIx, Period, RegionIx, Relation};

/// The prior year implied by the latest stated growth rate, beside the stated year.
pub(super) fn implied_prior(dataset: &Dataset, ix: IndicatorIx, focus: RegionIx) -> Option<Chart> {
    let indicator = dataset.indicator(ix);
    let Relation::Growth { of, .. } = indicator.relation else { return None };
    let (period, derived) = indicator.series(focus).iter().rev().find_map(|obs| {
        derive::implied_prior(dataset, ix, focus, obs.period).map(|derived| (obs.period, derived))
    })?;
    let level = dataset.indicator(of);
    let stated = level.get(focus, period)?;
    let prior = Period::year(period.year - 1);
    let points = vec![
        derived_point(&derived, year_x(prior), period_label(prior), prior),
        reported_point(dataset, stated, year_x(period), period_label(period)),
    ];
    let name = region_name(dataset, focus);
    Some(Chart {
        id: format!("{}-{}-implied-prior", indicator.id, dataset.region(focus).id),
        view: indicator.view,
        title: text(
            format!("{} {}：{} 年与增速推算的上年", name.zh, level.name.zh, period),
            format!(
                "{} · {}: {period} and the prior year implied by its growth",
                en_or_zh(name),
                en_or_zh(&level.name)
            ),
        ),
        unit: level.unit.clone(),
        axis: XAxis::Years,
        series: series_by_style(&dataset.region(focus).id, name, SeriesStyle::Focus, points),
        note: Some(explain(&derived.formula)),
        left_out: Vec::new(),
    })
}
