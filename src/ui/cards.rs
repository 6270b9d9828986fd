//! The headline cards of each view, worked out once per load (like the
//! charts), not every frame: which level indicators have a card, the value
//! each shows, the growth rates, shares and ranks that qualify it, and its
//! change on the previous period. Finding the qualifiers means looking at
//! every indicator for every card, so a file of 40 indicators did 1,600
//! look-ups a frame; now a frame only follows the plan.

use crate::data::derive::{Derived, change_on_previous};
use crate::data::model::{
    Dataset, Indicator, IndicatorIx, Observation, Period, RegionIx, Relation, View, index_u32,
};

/// A headline figure and the stated figures that qualify it, ready to draw.
pub struct Kpi<'a> {
    pub indicator: &'a Indicator,
    pub obs: &'a Observation,
    /// Growth rates, shares and ranks of this figure in the same period.
    pub extras: Vec<(&'a Indicator, &'a Observation)>,
    /// A later value than the one shown, if the file has one.
    pub newer: Option<&'a Observation>,
    /// The figure's undisputed values in periods of the shown value's kind, in
    /// time order: the card's small line, when there are two or more.
    pub history: Vec<&'a Observation>,
    /// The shown value against the period before it (derived), when the file has both.
    pub change: Option<&'a Derived>,
}

/// One card, by position in the dataset.
pub struct CardPlan {
    pub indicator: IndicatorIx,
    /// The shown value's place in the focus region's series.
    at: usize,
    /// Its period.
    pub period: Period,
    /// The indicators with a growth rate, share or rank of it in that period.
    extras: Vec<IndicatorIx>,
    change: Option<Derived>,
}

/// The cards of every view, for the focus region and the featured year.
pub struct Cards {
    region: RegionIx,
    by_view: Vec<(View, Vec<CardPlan>)>,
}

impl Cards {
    /// Each view's level indicators with a value for the focus region, in
    /// file order: the featured year's value if there is one, else the latest.
    pub fn build(dataset: &Dataset, featured: Option<Period>) -> Self {
        let region = dataset.focus_region();
        let mut by_view: Vec<(View, Vec<CardPlan>)> =
            View::ALL.iter().map(|view| (*view, Vec::new())).collect();
        for (at, indicator) in dataset.indicators().iter().enumerate() {
            if indicator.relation != Relation::Level {
                continue;
            }
            let ix = IndicatorIx(index_u32(at));
            let Some(plan) = plan(dataset, ix, region, featured) else { continue };
            if let Some((_, plans)) = by_view.iter_mut().find(|(view, _)| *view == indicator.view) {
                plans.push(plan);
            }
        }
        Self { region, by_view }
    }

    /// The cards of `view`, in file order.
    pub fn of(&self, view: View) -> &[CardPlan] {
        self.by_view.iter().find(|(shown, _)| *shown == view).map_or(&[], |(_, plans)| plans.as_slice())
    }

    /// A card ready to draw: a few look-ups along the plan.
    pub fn kpi<'a>(&'a self, dataset: &'a Dataset, plan: &'a CardPlan) -> Option<Kpi<'a>> {
        let indicator = dataset.indicators().get(plan.indicator.0 as usize)?;
        let series = indicator.series(self.region);
        let obs = series.get(plan.at)?;
        let extras = plan
            .extras
            .iter()
            .filter_map(|&ix| {
                let other = dataset.indicators().get(ix.0 as usize)?;
                other.get(self.region, obs.period).map(|found| (other, found))
            })
            .collect();
        let newer =
            series.iter().rev().find(|later| later.period > obs.period && later.period.is_full_year());
        let history = series
            .iter()
            .filter(|other| other.period.kind() == obs.period.kind() && !other.conflict)
            .collect();
        Some(Kpi { indicator, obs, extras, newer, history, change: plan.change.as_ref() })
    }
}

/// The card of `ix` in `region`, if it has a value.
fn plan(dataset: &Dataset, ix: IndicatorIx, region: RegionIx, featured: Option<Period>) -> Option<CardPlan> {
    let indicator = dataset.indicator(ix);
    let series = indicator.series(region);
    let featured_at = featured.and_then(|period| series.binary_search_by(|obs| obs.period.cmp(&period)).ok());
    let at = featured_at.or_else(|| series.len().checked_sub(1))?;
    let period = series.get(at)?.period;
    let extras = dataset
        .indicators()
        .iter()
        .enumerate()
        .filter(|(_, other)| match other.relation {
            Relation::Growth { of, .. } | Relation::Rank { of, .. } => of == ix,
            Relation::Share { part, .. } => part == ix,
            Relation::Level => false,
        })
        .map(|(at, _)| IndicatorIx(index_u32(at)))
        .collect();
    let change = change_on_previous(dataset, ix, region, period);
    Some(CardPlan { indicator: ix, at, period, extras, change })
}
