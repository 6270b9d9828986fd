//! The focus region's latest values of a view that share a unit and a
//! period, side by side: firms by tier, streets by kind, the three sectors'
//! value added. At most the 20 largest are drawn, in the file's order (often
//! the source's own order of tiers); the rest are named in the note.

use std::collections::BTreeMap;

use super::points::{
    ChartHead, MAX_BARS, category, en_or_zh, join_notes, left_out_note, region_name, reported_point,
    series_by_style, split_largest, text,
};
use crate::chart::{Chart, ChartKind, LeftOut, SeriesStyle, XAxis};
use crate::data::model::{
    Dataset, IndicatorIx, Observation, Period, RegionIx, Relation, Text, Unit, UnitKind, View, index_u32,
};
use crate::i18n::Lang;

/// The focus's latest values of `view`, grouped by unit and period; one
/// chart for each group of two or more.
pub(super) fn snapshots(dataset: &Dataset, view: View, focus: RegionIx) -> Vec<Chart> {
    let mut groups: BTreeMap<(String, Period), Vec<(IndicatorIx, &Observation)>> = BTreeMap::new();
    for (at, indicator) in dataset.indicators().iter().enumerate() {
        if indicator.view != view
            || indicator.relation != Relation::Level
            || indicator.unit.kind() == UnitKind::Rank
        {
            continue;
        }
        if let Some(obs) = indicator.latest(focus) {
            groups
                .entry((indicator.unit.zh.clone(), obs.period))
                .or_default()
                .push((IndicatorIx(index_u32(at)), obs));
        }
    }
    let name = region_name(dataset, focus);
    groups
        .into_iter()
        .filter(|(_, members)| members.len() >= 2)
        .map(|((unit, period), members)| {
            let first_id = dataset.indicator(members[0].0).id.clone();
            // The largest are drawn, in the file's order.
            let mut by_size: Vec<usize> = (0..members.len()).collect();
            by_size.sort_by(|&a, &b| members[b].1.value.total_cmp(&members[a].1.value));
            let (mut drawn_at, mut left_out_at) = split_largest(by_size, MAX_BARS, |_| false);
            drawn_at.sort_unstable();
            left_out_at.sort_unstable();
            let labels: Vec<Text> =
                drawn_at.iter().map(|&at| dataset.indicator(members[at].0).name.clone()).collect();
            let points = drawn_at
                .iter()
                .enumerate()
                .map(|(x, &at)| {
                    let (ix, obs) = members[at];
                    #[expect(clippy::cast_precision_loss, reason = "at most MAX_BARS")]
                    reported_point(ix, obs, x as f64, category(x))
                })
                .collect();
            let mut notes: Vec<Text> = drawn_at
                .iter()
                .find_map(|&at| dataset.indicator(members[at].0).note.clone())
                .into_iter()
                .collect();
            let left_out_names: Vec<&Text> =
                left_out_at.iter().map(|&at| &dataset.indicator(members[at].0).name).collect();
            notes.extend(left_out_note(&left_out_names));
            let unit = Unit { zh: unit };
            let (period_zh, period_en) = (period.label(Lang::Zh), period.label(Lang::En));
            let head = ChartHead {
                id: format!("{}-counts-{first_id}-{period}", view.id()),
                view,
                title: text(
                    format!("{} {}：{period_zh}（{}）", name.zh, view.label(Lang::Zh), unit.zh),
                    format!(
                        "{} · {}: {period_en} ({})",
                        en_or_zh(name),
                        view.label(Lang::En),
                        unit.label(Lang::En)
                    ),
                ),
                unit,
            };
            let series = series_by_style(&dataset.region(focus).id, name, SeriesStyle::Focus, points);
            let mut chart =
                head.chart(XAxis::Categories(labels), ChartKind::Bars, series, join_notes(&notes));
            chart.left_out = left_out_at
                .iter()
                .map(|&at| {
                    let (indicator, obs) = members[at];
                    LeftOut { indicator, region: focus, kind: obs.period.kind(), period: Some(obs.period) }
                })
                .collect();
            chart
        })
        .collect()
}
