//! Builds every chart a dataset supports, from whatever the file holds.
//!
//! The rules are generic, so another region's file gets the same dashboard:
//! a level with two or more years becomes a history; a level known for three
//! or more sibling regions becomes a comparison with the focus highlighted; a
//! money level known for the focus and its parent gives a share (derived);
//! stated growth rates are charted per region; a growth rate whose prior year
//! is missing implies it (derived); counts of one unit and period are shown
//! side by side; stated shares stand beside their recomputed value.
//!
//! One file per rule; `points.rs` holds what they share.

mod comparison;
mod counts;
mod growth_rates;
mod history;
mod implied_prior;
mod points;
mod share_of_parent;
mod share_parts;
mod stated_vs_recomputed;

pub use points::MAX_BARS;
pub use points::explain;

use super::Chart;
use crate::data::model::{Dataset, IndicatorIx, Relation, View, index_u32};

/// Every chart of the dataset, in file order of the indicators, per view.
pub fn build_charts(dataset: &Dataset) -> Vec<Chart> {
    let focus = dataset.focus_region;
    let parent = dataset.region(focus).parent;
    let mut charts = Vec::new();
    for (at, indicator) in dataset.indicators.iter().enumerate() {
        let ix = IndicatorIx(index_u32(at));
        match indicator.relation {
            Relation::Level => {
                charts.extend(history::history(dataset, ix, focus));
                if let Some(parent) = parent {
                    charts.extend(comparison::comparison(dataset, ix, parent));
                    charts.extend(share_of_parent::share_of_parent(dataset, ix, focus, parent));
                    charts.extend(history::history(dataset, ix, parent));
                }
            }
            Relation::Growth { .. } => {
                charts.extend(growth_rates::growth_rates(dataset, ix, focus, parent));
                charts.extend(implied_prior::implied_prior(dataset, ix, focus));
            }
            Relation::Share { .. } => charts.extend(share_parts::share_parts(dataset, ix, focus)),
            Relation::Rank { .. } => {}
        }
    }
    for view in View::ALL {
        charts.extend(stated_vs_recomputed::stated_vs_recomputed_shares(dataset, view, focus));
        charts.extend(counts::count_snapshots(dataset, view, focus));
    }
    charts
}
