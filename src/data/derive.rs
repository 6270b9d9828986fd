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

impl Formula {
    /// The change from `previous` to `value`: in percentage points for a
    /// percentage (a rate or share), else in %.
    pub fn change(value: f64, previous: f64, percent: bool) -> Self {
        if percent { Self::PointsChange { value, previous } } else { Self::Change { value, previous } }
    }

    /// The formula worked out: the one place EconLens's arithmetic on stated
    /// figures is written (the catalogue's derived values and the chart
    /// builder's transforms both come here). `None` where the formula is
    /// undefined: a zero divisor, a fall of 100 % or more, a growth over no
    /// time or between values that are not positive.
    pub fn value(&self) -> Option<f64> {
        let defined = match *self {
            Self::Share { whole: divisor, .. }
            | Self::Change { previous: divisor, .. }
            | Self::Index { base: divisor, .. } => divisor != 0.0,
            Self::ImpliedWhole { share_pct, .. } => share_pct > 0.0,
            Self::ImpliedPrior { growth_pct, .. } => growth_pct > -100.0,
            Self::AverageGrowth { first, last, years, .. } => first > 0.0 && last > 0.0 && years > 0.0,
            Self::PointsChange { .. } | Self::Difference { .. } => true,
        };
        let value = match *self {
            Self::Share { part, whole } => part / whole * 100.0,
            Self::ImpliedPrior { value, growth_pct, .. } => value / (1.0 + growth_pct / 100.0),
            Self::ImpliedWhole { part, share_pct } => part / (share_pct / 100.0),
            Self::Change { value, previous } => (value / previous - 1.0) * 100.0,
            Self::PointsChange { value, previous } => value - previous,
            Self::Index { value, base, .. } => value / base * 100.0,
            Self::Difference { value, other } => value - other,
            Self::AverageGrowth { first, last, years, .. } => {
                ((last / first).powf(1.0 / years) - 1.0) * 100.0
            }
        };
        (defined && value.is_finite()).then_some(value)
    }
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
    if part_obs.qualifier != Qualifier::Exact || whole_obs.qualifier != Qualifier::Exact {
        return None;
    }
    let formula = Formula::Share { part: part_obs.value, whole: whole_obs.value };
    Some(Derived {
        value: formula.value()?,
        qualifier: Qualifier::Exact,
        inputs: vec![part_obs.clone(), whole_obs.clone()],
        formula,
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
    let formula = Formula::ImpliedWhole { part: part_obs.value, share_pct: share_obs.value };
    let derived = Derived {
        value: formula.value()?,
        qualifier: combine([part_obs.qualifier, share_obs.qualifier]),
        inputs: vec![part_obs.clone(), share_obs.clone()],
        formula,
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
    if growth.qualifier != Qualifier::Exact {
        return None;
    }
    let formula = Formula::ImpliedPrior { value: level.value, growth_pct: growth.value, basis };
    Some(Derived {
        value: formula.value()?,
        qualifier: level.qualifier,
        inputs: vec![level.clone(), growth.clone()],
        formula,
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
    let formula = Formula::change(now.value, before.value, percent);
    Some(Derived {
        value: formula.value()?,
        qualifier: Qualifier::Exact,
        inputs: vec![now.clone(), before.clone()],
        formula,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each formula's arithmetic, and where it is undefined (a chart shows a
    /// gap there, never an infinity or NaN).
    #[test]
    fn every_formula_computes_its_value_and_refuses_where_undefined() {
        let year = Period::year(2023);
        let close = |formula: Formula, expected: f64| {
            let value = formula.value().expect("defined");
            assert!((value - expected).abs() < 1e-9, "{formula:?}: {value} ≠ {expected}");
        };
        close(Formula::Share { part: 25.0, whole: 200.0 }, 12.5);
        close(Formula::ImpliedPrior { value: 110.0, growth_pct: 10.0, basis: GrowthBasis::Nominal }, 100.0);
        close(Formula::ImpliedWhole { part: 25.5, share_pct: 25.5 }, 100.0);
        close(Formula::change(110.0, 100.0, false), 10.0);
        close(Formula::change(5.5, 4.0, true), 1.5);
        close(Formula::Index { value: 150.0, base: 120.0, base_period: year }, 125.0);
        close(Formula::Difference { value: 3.0, other: 5.0 }, -2.0);
        close(Formula::AverageGrowth { first: 100.0, last: 121.0, years: 2.0, from: year, to: year }, 10.0);
        for undefined in [
            Formula::Share { part: 1.0, whole: 0.0 },
            Formula::ImpliedPrior { value: 1.0, growth_pct: -100.0, basis: GrowthBasis::Nominal },
            Formula::ImpliedWhole { part: 1.0, share_pct: 0.0 },
            Formula::change(1.0, 0.0, false),
            Formula::Index { value: 1.0, base: 0.0, base_period: year },
            Formula::AverageGrowth { first: -1.0, last: 4.0, years: 2.0, from: year, to: year },
            Formula::AverageGrowth { first: 1.0, last: 4.0, years: 0.0, from: year, to: year },
            Formula::Share { part: f64::MAX, whole: 1e-300 },
        ] {
            assert_eq!(undefined.value(), None, "{undefined:?}");
        }
    }
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
