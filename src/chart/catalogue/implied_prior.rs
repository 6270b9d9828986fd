//! The prior year implied by a stated growth rate and level (derived).

use super::points::{
    ChartHead, derived_point, en_or_zh, fit_to_slots, region_name, series_by_style, text, time_point,
};
use crate::chart::explain::explain;
use crate::chart::{Chart, ChartKind, PointLabel, SeriesStyle, XAxis};
use crate::data::derive;
use crate::data::model::{Dataset, IndicatorIx, Period, PeriodKind, RegionIx, Relation};

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
    let mut points = vec![
        derived_point(&derived, prior.time_position(), PointLabel::Period, prior),
        time_point(of, stated),
    ];
    fit_to_slots(&mut points, PeriodKind::Year);
    let name = region_name(dataset, focus);
    let head = ChartHead {
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
    };
    let series = series_by_style(&dataset.region(focus).id, name, SeriesStyle::Focus, points);
    Some(head.chart(XAxis::Time(PeriodKind::Year), ChartKind::Bars, series, Some(explain(&derived.formula))))
}
