//! Values EconLens computes from stated figures, each carrying the inputs it
//! came from so the interface can label it "derived" and say how.
//!
//! Nothing here fills a gap by estimation: every function returns `None`
//! unless all of its inputs were stated (or are themselves marked) in the file.

use super::model::{
    Dataset, GrowthBasis, IndicatorIx, Observation, Period, Qualifier, RegionIx, Relation, SourceIx,
};

/// A computed value and what it was computed from.
#[derive(Clone, Debug, PartialEq)]
pub struct Derived {
    pub value: f64,
    /// Inherited from the inputs: a lower bound stays a lower bound.
    pub qualifier: Qualifier,
    /// The observations it was computed from.
    pub inputs: Vec<Observation>,
    pub formula: Formula,
}

/// How a derived value was computed, for the label shown beside it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Formula {
    /// part ÷ whole × 100.
    Share { part: f64, whole: f64 },
    /// value ÷ (1 + growth ÷ 100): the prior period implied by a stated growth rate.
    ImpliedPrior { value: f64, growth_pct: f64, basis: GrowthBasis },
    /// part ÷ (share ÷ 100): the whole implied by a stated share.
    ImpliedWhole { part: f64, share_pct: f64 },
    /// (value ÷ previous − 1) × 100: the change on the previous period, in %.
    Change { value: f64, previous: f64 },
    /// value − previous, in percentage points (for rates and shares).
    PointsChange { value: f64, previous: f64 },
    /// value ÷ base × 100: an index with `base_period` = 100.
    Index { value: f64, base: f64, base_period: Period },
    /// value − other: the difference from another region's value.
    Difference { value: f64, other: f64 },
    /// ((last ÷ first)^(1 ÷ years) − 1) × 100: compound annual growth from `from` to `to`.
    AverageGrowth { first: f64, last: f64, years: f64, from: Period, to: Period },
}

impl Derived {
    pub fn sources(&self) -> impl Iterator<Item = SourceIx> + '_ {
        self.inputs.iter().map(|obs| obs.source)
    }
}

fn combine(qualifiers: impl IntoIterator<Item = Qualifier>) -> Qualifier {
    qualifiers.into_iter().fold(Qualifier::Exact, |acc, q| match (acc, q) {
        (Qualifier::About, _) | (_, Qualifier::About) => Qualifier::About,
        (Qualifier::Over, _) | (_, Qualifier::Over) => Qualifier::Over,
        _ => Qualifier::Exact,
    })
}

/// The one value for (indicator, region, period), unless sources conflict:
/// a computation on a disputed figure would hide the dispute.
pub fn single(
    dataset: &Dataset,
    indicator: IndicatorIx,
    region: RegionIx,
    period: Period,
) -> Option<&Observation> {
    let found = dataset.indicator(indicator).get(region, period)?;
    (!found.conflict).then_some(found)
}

/// `part` in `region` as a percentage of `whole` in `whole_region`.
pub fn share(
    dataset: &Dataset,
    part: (IndicatorIx, RegionIx),
    whole: (IndicatorIx, RegionIx),
    period: Period,
) -> Option<Derived> {
    let part_obs = single(dataset, part.0, part.1, period)?;
    let whole_obs = single(dataset, whole.0, whole.1, period)?;
    if whole_obs.value == 0.0
        || part_obs.qualifier != Qualifier::Exact
        || whole_obs.qualifier != Qualifier::Exact
    {
        return None;
    }
    Some(Derived {
        value: part_obs.value / whole_obs.value * 100.0,
        qualifier: Qualifier::Exact,
        inputs: vec![part_obs.clone(), whole_obs.clone()],
        formula: Formula::Share { part: part_obs.value, whole: whole_obs.value },
    })
}

/// Recomputes a stated share (a `Share` indicator's value) from its part and
/// whole, where the file has both for that period.
pub fn recomputed_share(
    dataset: &Dataset,
    share_indicator: IndicatorIx,
    region: RegionIx,
    period: Period,
) -> Option<Derived> {
    let Relation::Share { part, whole, whole_region } = dataset.indicator(share_indicator).relation else {
        return None;
    };
    share(dataset, (part, region), (whole, whole_region.unwrap_or(region)), period)
}

/// The whole implied by a stated share and its part (Jinan's finance value
/// added from Shizhong's and its 25.5 % share). `None` if the file states the whole.
pub fn implied_whole(
    dataset: &Dataset,
    share_indicator: IndicatorIx,
    region: RegionIx,
    period: Period,
) -> Option<(Derived, IndicatorIx, RegionIx)> {
    let Relation::Share { part, whole, whole_region } = dataset.indicator(share_indicator).relation else {
        return None;
    };
    let whole_region = whole_region.unwrap_or(region);
    if dataset.indicator(whole).get(whole_region, period).is_some() {
        return None;
    }
    let share_obs = single(dataset, share_indicator, region, period)?;
    let part_obs = single(dataset, part, region, period)?;
    if share_obs.value <= 0.0 {
        return None;
    }
    let derived = Derived {
        value: part_obs.value / (share_obs.value / 100.0),
        qualifier: combine([part_obs.qualifier, share_obs.qualifier]),
        inputs: vec![part_obs.clone(), share_obs.clone()],
        formula: Formula::ImpliedWhole { part: part_obs.value, share_pct: share_obs.value },
    };
    Some((derived, whole, whole_region))
}

/// The previous year implied by a stated growth rate and level, where the file
/// does not state that year. Only for nominal or unstated growth: a real
/// growth rate applied to current prices would give a wrong level.
pub fn implied_prior(
    dataset: &Dataset,
    growth_indicator: IndicatorIx,
    region: RegionIx,
    period: Period,
) -> Option<Derived> {
    let Relation::Growth { of, basis } = dataset.indicator(growth_indicator).relation else {
        return None;
    };
    if basis == GrowthBasis::Real || !period.is_full_year() {
        return None;
    }
    let prior = Period::year(period.year - 1);
    if dataset.indicator(of).get(region, prior).is_some() {
        return None;
    }
    let growth = single(dataset, growth_indicator, region, period)?;
    let level = single(dataset, of, region, period)?;
    if growth.value <= -100.0 || growth.qualifier != Qualifier::Exact {
        return None;
    }
    Some(Derived {
        value: level.value / (1.0 + growth.value / 100.0),
        qualifier: level.qualifier,
        inputs: vec![level.clone(), growth.clone()],
        formula: Formula::ImpliedPrior { value: level.value, growth_pct: growth.value, basis },
    })
}

/// The value of (indicator, region) in `period` against the period just
/// before it (the previous year, half or quarter): a change in % for levels,
/// in percentage points for percentages. `None` unless both values are
/// stated exactly, undisputed, and the earlier one is not zero.
pub fn change_on_previous(
    dataset: &Dataset,
    indicator: IndicatorIx,
    region: RegionIx,
    period: Period,
) -> Option<Derived> {
    let previous_period = period.previous_comparable()?;
    let now = single(dataset, indicator, region, period)?;
    let before = single(dataset, indicator, region, previous_period)?;
    if now.qualifier != Qualifier::Exact || before.qualifier != Qualifier::Exact {
        return None;
    }
    let percent = dataset.indicator(indicator).unit.kind() == super::model::UnitKind::Percent;
    let (value, formula) = if percent {
        (now.value - before.value, Formula::PointsChange { value: now.value, previous: before.value })
    } else {
        if before.value == 0.0 {
            return None;
        }
        (
            (now.value / before.value - 1.0) * 100.0,
            Formula::Change { value: now.value, previous: before.value },
        )
    };
    Some(Derived { value, qualifier: Qualifier::Exact, inputs: vec![now.clone(), before.clone()], formula })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    fn ids(dataset: &Dataset, indicator: &str) -> (IndicatorIx, RegionIx) {
        let (ix, _) = dataset.indicator_by_id(indicator).expect("indicator");
        (ix, dataset.region_by_id("shizhong").expect("shizhong"))
    }

    #[test]
    fn finance_share_of_gdp_recomputes_from_the_stated_figures() {
        let dataset = load_embedded().expect("embedded");
        let (share_ix, shizhong) = ids(&dataset, "finance_va_share_gdp");
        let derived = recomputed_share(&dataset, share_ix, shizhong, Period::year(2023)).expect("both known");
        assert!((derived.value - 276.2 / 1350.4 * 100.0).abs() < 1e-9);
        assert_eq!(derived.inputs.len(), 2);
    }

    #[test]
    fn a_share_of_an_unknown_whole_gives_the_implied_whole_instead() {
        let dataset = load_embedded().expect("embedded");
        let (share_ix, shizhong) = ids(&dataset, "finance_va_share_city");
        assert!(
            recomputed_share(&dataset, share_ix, shizhong, Period::year(2023)).is_none(),
            "Jinan 2023 is unknown"
        );
        let (whole, whole_ix, region) =
            implied_whole(&dataset, share_ix, shizhong, Period::year(2023)).expect("implied");
        assert!((whole.value - 276.2 / 0.255).abs() < 1e-9);
        assert_eq!(dataset.indicator(whole_ix).id, "finance_va");
        assert_eq!(dataset.region(region).id, "jinan");
    }

    #[test]
    fn the_implied_prior_year_keeps_a_lower_bound_a_lower_bound() {
        let dataset = load_embedded().expect("embedded");
        let (growth_ix, shizhong) = ids(&dataset, "energy_internet_growth");
        let prior = implied_prior(&dataset, growth_ix, shizhong, Period::year(2023)).expect("implied");
        assert!((prior.value - 3600.0 / 1.125).abs() < 1e-9);
        assert_eq!(prior.qualifier, Qualifier::Over);
    }

    #[test]
    fn the_change_on_the_previous_year_is_nominal_and_needs_both_years() {
        let dataset = load_embedded().expect("embedded");
        let (gdp, shizhong) = ids(&dataset, "gdp");
        let change = change_on_previous(&dataset, gdp, shizhong, Period::year(2023)).expect("2022 is stated");
        assert!((change.value - (1350.4 / 1275.6 - 1.0) * 100.0).abs() < 1e-9);
        assert!(change_on_previous(&dataset, gdp, shizhong, Period::year(2021)).is_none(), "2020 is unknown");
        assert!(
            change_on_previous(&dataset, gdp, shizhong, Period::year(2019)).is_none(),
            "2018 is disputed"
        );
    }

    #[test]
    fn no_prior_is_implied_where_the_file_states_it_or_growth_is_disputed() {
        let dataset = load_embedded().expect("embedded");
        let (growth_ix, shizhong) = ids(&dataset, "gdp_growth");
        assert!(implied_prior(&dataset, growth_ix, shizhong, Period::year(2023)).is_none(), "2022 is stated");
        let jinan = dataset.region_by_id("jinan").expect("jinan");
        assert!(
            implied_prior(&dataset, growth_ix, jinan, Period::year(2024)).is_none(),
            "2024 growth is disputed"
        );
    }
}
