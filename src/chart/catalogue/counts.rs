//! Counts of one unit and period side by side (firms by tier, streets by kind).

use std::collections::BTreeMap;

use super::points::*;
use crate::chart::{Chart, SeriesStyle, XAxis};
use crate::data::model::{
    Dataset, Indicator, Observation, Period, RegionIx, Relation, Text, Unit, UnitKind, View,
};
use crate::i18n::Lang;

/// Counts of one unit and period, side by side (firms by tier, streets by kind).
pub(super) fn count_snapshots(dataset: &Dataset, view: View, focus: RegionIx) -> Vec<Chart> {
    let mut groups: BTreeMap<(String, Period), Vec<(&Indicator, &Observation)>> = BTreeMap::new();
    for indicator in &dataset.indicators {
        if indicator.view != view
            || indicator.relation != Relation::Level
            || indicator.unit.kind() != UnitKind::Count
        {
            continue;
        }
        if let Some(obs) = indicator.latest(focus) {
            groups.entry((indicator.unit.zh.clone(), obs.period)).or_default().push((indicator, obs));
        }
    }
    let name = region_name(dataset, focus);
    groups
        .into_iter()
        .filter(|(_, members)| members.len() >= 2)
        .map(|((unit, period), members)| {
            let labels: Vec<Text> = members.iter().map(|(indicator, _)| indicator.name.clone()).collect();
            let points = members
                .iter()
                .enumerate()
                .map(|(at, (indicator, obs))| {
                    #[expect(clippy::cast_precision_loss, reason = "a handful of indicators")]
                    reported_point(dataset, obs, at as f64, indicator.name.clone())
                })
                .collect();
            let unit = Unit { zh: unit };
            Chart {
                id: format!("{}-counts-{}-{period}", view.id(), members[0].0.id),
                view,
                title: text(
                    format!("{} {}：{period} 年数量（{}）", name.zh, view.label(Lang::Zh), unit.zh),
                    format!(
                        "{} · {}: counts, {period} ({})",
                        en_or_zh(name),
                        view.label(Lang::En),
                        unit.label(Lang::En)
                    ),
                ),
                unit,
                axis: XAxis::Categories(labels),
                series: series_by_style(&dataset.region(focus).id, name, SeriesStyle::Focus, points),
                note: members.iter().find_map(|(indicator, _)| indicator.note.clone()),
            }
        })
        .collect()
}
