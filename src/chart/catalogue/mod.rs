//! Builds every chart a dataset supports, from whatever the file holds, so
//! that every value of the file is drawn in at least one chart of its view
//! (or, beyond the largest a chart can show, named in its note and listed
//! in its CSV).
//!
//! For each indicator and each period kind it has (years, halves and
//! quarters are never mixed):
//! - levels: the focus's history and each region above it on its own (their
//!   scales differ); rates, shares and ranks: the focus with the regions
//!   above it in one chart (they compare across levels);
//! - each group of regions (the focus among its siblings, the focus's
//!   children, every other region by level) together over time, then side by
//!   side in the period most of them report, and as shares of the region
//!   they belong to (derived);
//! - a growth rate whose prior year is missing implies it (derived); a
//!   stated share stands beside its part and whole.
//!
//! Per view: the focus's latest values of one unit and period side by side,
//! and stated shares beside their recomputed value. One file per rule;
//! `points.rs` holds what they share, `family.rs` how regions are grouped.

mod comparison;
mod family;
mod history;
mod implied_prior;
pub(crate) mod points;
mod share_parts;
mod shares;
mod snapshots;
mod stated_vs_recomputed;

use std::collections::HashSet;

pub use points::{LINE_FROM_PERIODS, MAX_BARS, MAX_LINES};

use super::{Chart, ChartKind};
use crate::data::model::{Dataset, IndicatorIx, Period, PeriodKind, RegionIx, Relation, View, index_u32};
use family::{Family, Group};

/// Every chart of the dataset, in file order of the indicators, then per view.
pub fn build_charts(dataset: &Dataset) -> Vec<Chart> {
    let family = Family::new(dataset);
    let focus = dataset.focus_region();
    let snapshots: Vec<Chart> =
        View::ALL.iter().flat_map(|&view| snapshots::snapshots(dataset, view, focus)).collect();
    // What the snapshots draw: a one-period history of the same value would only repeat it.
    let in_snapshots: HashSet<(IndicatorIx, Period)> = snapshots
        .iter()
        .flat_map(Chart::points)
        .filter_map(|point| point.origin.map(|origin| (origin.indicator, point.period)))
        .collect();
    let mut charts = Vec::new();
    for at in 0..dataset.indicators().len() {
        let ix = IndicatorIx(index_u32(at));
        for kind in PeriodKind::ALL {
            indicator_charts(dataset, &family, ix, kind, &in_snapshots, &mut charts);
        }
        charts.extend(implied_prior::implied_prior(dataset, ix, focus));
        charts.extend(share_parts::share_parts(dataset, ix, focus));
    }
    for view in View::ALL {
        charts.extend(stated_vs_recomputed::stated_vs_recomputed_shares(dataset, view, focus));
    }
    charts.extend(snapshots);
    with_saved_charts(dataset, charts)
}

/// The charts the user saved with the data, first in their tabs. A chart
/// EconLens made that has a saved chart's id gets `-auto` added to its own.
fn with_saved_charts(dataset: &Dataset, generated: Vec<Chart>) -> Vec<Chart> {
    let saved: Vec<Chart> = dataset
        .charts()
        .iter()
        .map(|chart| super::custom::build_custom(dataset, &chart.id, &chart.title, chart.view, &chart.spec))
        .collect();
    let saved_ids: HashSet<&str> = saved.iter().map(|chart| chart.id.as_str()).collect();
    let generated: Vec<Chart> = generated
        .into_iter()
        .map(|mut chart| {
            if saved_ids.contains(chart.id.as_str()) {
                chart.id.push_str("-auto");
            }
            chart
        })
        .collect();
    saved.into_iter().chain(generated).collect()
}

/// The charts of one indicator's values of one period kind.
fn indicator_charts(
    dataset: &Dataset,
    family: &Family,
    ix: IndicatorIx,
    kind: PeriodKind,
    in_snapshots: &HashSet<(IndicatorIx, Period)>,
    charts: &mut Vec<Chart>,
) {
    let indicator = dataset.indicator(ix);
    let focus = family.focus;
    // A table of peers (31 provinces, 200 countries) opens on their ranking.
    let peers: Vec<RegionIx> = members_with_values(dataset, family, ix, &Group::Peers, kind);
    let ranked_first = if peers.len() >= 2 {
        comparison::comparison(dataset, ix, &Group::Peers, &peers, kind)
    } else {
        None
    };
    let peers_ranked = ranked_first.is_some();
    charts.extend(ranked_first);
    if indicator.relation == Relation::Level {
        for region in std::iter::once(focus).chain(family.ancestors.iter().copied()) {
            let covered = region == focus && only_snapshot_values(dataset, ix, region, kind, in_snapshots);
            if !covered {
                charts.extend(history::single(dataset, ix, region, kind));
            }
        }
    } else {
        let above: Vec<RegionIx> = std::iter::once(focus).chain(family.ancestors.iter().copied()).collect();
        charts.extend(history::focus_and_above(dataset, ix, &above, kind));
    }
    for group in &family.ordered {
        let members = members_with_values(dataset, family, ix, group, kind);
        match members.as_slice() {
            // One region: its own history, unless it is the focus (drawn above).
            [only] if *only != focus => charts.extend(history::single(dataset, ix, *only, kind)),
            [] | [_] => {}
            _ => {
                let history = history::group(dataset, ix, group, &members, kind);
                let over_time = history.as_ref().is_some_and(|chart| chart.kind == ChartKind::Lines);
                if *group == Group::Peers && peers_ranked {
                    // Ranked above; bars of one period would only repeat the ranking.
                    charts.extend(history.filter(|_| over_time));
                    continue;
                }
                charts.extend(history);
                if over_time && group.ranked() {
                    charts.extend(comparison::comparison(dataset, ix, group, &members, kind));
                }
            }
        }
        if indicator.relation == Relation::Level && matches!(group, Group::Under(_)) {
            charts.extend(shares::shares_of_parent(dataset, ix, group, &members, kind));
        }
    }
}

/// The regions of `group` with values of `kind`, in file order.
fn members_with_values(
    dataset: &Dataset,
    family: &Family,
    ix: IndicatorIx,
    group: &Group,
    kind: PeriodKind,
) -> Vec<RegionIx> {
    let indicator = dataset.indicator(ix);
    // Observations are sorted by region: walk them once, not once per region.
    let mut members: Vec<RegionIx> = Vec::new();
    for obs in indicator.observations() {
        if obs.period.kind() == kind
            && members.last() != Some(&obs.region)
            && family.group_of(obs.region) == Some(group)
        {
            members.push(obs.region);
        }
    }
    members
}

/// Whether every value of `kind` of the region is one period that a
/// snapshot already draws.
fn only_snapshot_values(
    dataset: &Dataset,
    ix: IndicatorIx,
    region: RegionIx,
    kind: PeriodKind,
    in_snapshots: &HashSet<(IndicatorIx, Period)>,
) -> bool {
    let mut values = history::values_of_kind(dataset, ix, region, kind);
    match (values.next(), values.next()) {
        (Some(only), None) => in_snapshots.contains(&(ix, only.period)),
        _ => false,
    }
}
