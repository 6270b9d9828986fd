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
            let first_id = members[0].0.id.clone();
            // The largest are drawn, in the file's order (often the source's tiers).
            let mut by_size: Vec<usize> = (0..members.len()).collect();
            by_size.sort_by(|&a, &b| members[b].1.value.total_cmp(&members[a].1.value));
            let (mut drawn_at, mut left_out_at) = split_largest(by_size, |_| false);
            drawn_at.sort_unstable();
            left_out_at.sort_unstable();
            let left_out: Vec<_> = left_out_at.iter().map(|&at| members[at]).collect();
            let members: Vec<_> = drawn_at.iter().map(|&at| members[at]).collect();
            let labels: Vec<Text> = members.iter().map(|(indicator, _)| indicator.name.clone()).collect();
            let points = members
                .iter()
                .enumerate()
                .map(|(at, (indicator, obs))| {
                    #[expect(clippy::cast_precision_loss, reason = "at most MAX_BARS")]
                    reported_point(dataset, obs, at as f64, indicator.name.clone())
                })
                .collect();
            let mut notes: Vec<Text> =
                members.iter().filter_map(|(indicator, _)| indicator.note.clone()).take(1).collect();
            let left_out_names: Vec<&Text> = left_out.iter().map(|(indicator, _)| &indicator.name).collect();
            notes.extend(left_out_note(&left_out_names));
            let unit = Unit { zh: unit };
            Chart {
                id: format!("{}-counts-{first_id}-{period}", view.id()),
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
                note: join_notes(&notes),
                left_out: left_out
                    .iter()
                    .map(|(indicator, obs)| reported_point(dataset, obs, f64::NAN, indicator.name.clone()))
                    .collect(),
            }
        })
        .collect()
}
