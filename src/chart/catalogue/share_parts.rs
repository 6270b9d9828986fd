//! A stated share's part beside its whole (stated, or implied by the share).

use super::points::{
    ChartHead, category, derived_point, en_or_zh, region_name, reported_point, series_by_style, text, titled,
};
use crate::chart::{Chart, ChartKind, SeriesStyle, XAxis};
use crate::data::derive;
use crate::data::model::{Dataset, IndicatorIx, RegionIx, Relation};
use crate::format::group_rounded;

/// A stated share's part beside its whole (stated, or implied by the share).
pub(super) fn share_parts(dataset: &Dataset, ix: IndicatorIx, focus: RegionIx) -> Option<Chart> {
    let indicator = dataset.indicator(ix);
    let Relation::Share { part, whole, whole_region } = indicator.relation else { return None };
    let whole_region = whole_region.unwrap_or(focus);
    let share_obs = indicator.series(focus).last()?;
    let period = share_obs.period;
    let part_obs = derive::single(dataset, part, focus, period)?;
    let part_label = titled(region_name(dataset, focus), &dataset.indicator(part).name);
    let whole_label = titled(region_name(dataset, whole_region), &dataset.indicator(whole).name);
    let whole_point = match derive::single(dataset, whole, whole_region, period) {
        Some(obs) => reported_point(whole, obs, 1.0, category(1)),
        None => {
            let (derived, _, _) = derive::implied_whole(dataset, ix, focus, period)?;
            derived_point(&derived, 1.0, category(1), period)
        }
    };
    let points = vec![reported_point(part, part_obs, 0.0, category(0)), whole_point];
    let name = region_name(dataset, focus);
    let head = ChartHead {
        id: format!("{}-{}-part-and-whole-{period}", indicator.id, dataset.region(focus).id),
        view: indicator.view,
        title: text(
            format!("{}：部分与总量 {}", indicator.name.zh, period.label(crate::i18n::Lang::Zh)),
            format!("{}: part and whole, {}", en_or_zh(&indicator.name), period.label(crate::i18n::Lang::En)),
        ),
        unit: dataset.indicator(part).unit.clone(),
    };
    let series = series_by_style(&dataset.region(focus).id, name, SeriesStyle::Focus, points);
    let note = text(
        format!("来源所述占比：{}%", group_rounded(share_obs.value, 2)),
        format!("Share as stated: {}%", group_rounded(share_obs.value, 2)),
    );
    Some(head.chart(XAxis::Categories(vec![part_label, whole_label]), ChartKind::Bars, series, Some(note)))
}
