//! How a derived value was computed, in words and with the numbers used:
//! the note beside every value EconLens computes, on screen, in hover
//! cards and in every export. Written out only when shown, so a chart of
//! millions of derived values carries each formula as a few numbers.

use crate::data::derive::Formula;
use crate::data::model::{GrowthBasis, Text};
use crate::format::group_thousands;
use crate::i18n::Lang;

fn text(zh: String, en: String) -> Text {
    Text { zh, en: Some(en) }
}

/// `EconLens 推算：120 ÷ 100 × 100` / `Computed by EconLens: 120 ÷ 100 × 100`.
pub fn explain(formula: &Formula) -> Text {
    let fmt = |value: f64| group_thousands(value);
    match *formula {
        Formula::Share { part, whole } => text(
            format!("EconLens 推算：{} ÷ {} × 100", fmt(part), fmt(whole)),
            format!("Computed by EconLens: {} ÷ {} × 100", fmt(part), fmt(whole)),
        ),
        Formula::ImpliedPrior { value, growth_pct, basis } => {
            let (caveat_zh, caveat_en) = match basis {
                GrowthBasis::Unstated => (
                    "；来源未说明增速口径，按名义增速推算",
                    "; the source does not say whether growth is real, taken as nominal",
                ),
                _ => ("", ""),
            };
            text(
                format!("EconLens 由增速推算：{} ÷ (1 + {}%){caveat_zh}", fmt(value), fmt(growth_pct)),
                format!(
                    "Implied by the stated growth: {} ÷ (1 + {}%){caveat_en}",
                    fmt(value),
                    fmt(growth_pct)
                ),
            )
        }
        Formula::ImpliedWhole { part, share_pct } => text(
            format!("EconLens 由占比推算：{} ÷ {}%", fmt(part), fmt(share_pct)),
            format!("Implied by the stated share: {} ÷ {}%", fmt(part), fmt(share_pct)),
        ),
        Formula::Change { value, previous } => text(
            format!("EconLens 推算（名义变化）：({} ÷ {} − 1) × 100", fmt(value), fmt(previous)),
            format!("Computed by EconLens (nominal change): ({} ÷ {} − 1) × 100", fmt(value), fmt(previous)),
        ),
        Formula::PointsChange { value, previous } => text(
            format!("EconLens 推算：{} − {}（百分点）", fmt(value), fmt(previous)),
            format!("Computed by EconLens: {} − {} (percentage points)", fmt(value), fmt(previous)),
        ),
        Formula::Index { value, base, base_period } => text(
            format!(
                "EconLens 推算：{} ÷ {} × 100（{} = 100）",
                fmt(value),
                fmt(base),
                base_period.label(Lang::Zh)
            ),
            format!(
                "Computed by EconLens: {} ÷ {} × 100 ({} = 100)",
                fmt(value),
                fmt(base),
                base_period.label(Lang::En)
            ),
        ),
        Formula::Difference { value, other } => text(
            format!("EconLens 推算：{} − {}", fmt(value), fmt(other)),
            format!("Computed by EconLens: {} − {}", fmt(value), fmt(other)),
        ),
        Formula::AverageGrowth { first, last, years, from, to } => {
            let years = fmt((years * 100.0).round() / 100.0);
            let (last, first) = (fmt(last), fmt(first));
            text(
                format!(
                    "EconLens 推算：(({last} ÷ {first})^(1 ÷ {years}) − 1) × 100，{} 至 {}",
                    from.label(Lang::Zh),
                    to.label(Lang::Zh)
                ),
                format!(
                    "Computed by EconLens: (({last} ÷ {first})^(1 ÷ {years}) − 1) × 100, {} to {}",
                    from.label(Lang::En),
                    to.label(Lang::En)
                ),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::Period;

    #[test]
    fn every_formula_shows_its_numbers_in_both_languages() {
        let cases = [
            (Formula::Share { part: 276.2, whole: 1350.4 }, "276.2 ÷ 1,350.4 × 100"),
            (Formula::Change { value: 120.0, previous: 100.0 }, "(120 ÷ 100 − 1) × 100"),
            (Formula::PointsChange { value: 6.2, previous: 5.9 }, "6.2 − 5.9"),
            (
                Formula::Index { value: 150.0, base: 120.0, base_period: Period::year(2021) },
                "150 ÷ 120 × 100",
            ),
            (Formula::Difference { value: 1350.4, other: 1200.0 }, "1,350.4 − 1,200"),
            (
                Formula::AverageGrowth {
                    first: 100.0,
                    last: 150.0,
                    years: 2.0,
                    from: Period::year(2020),
                    to: Period::year(2022),
                },
                "((150 ÷ 100)^(1 ÷ 2) − 1) × 100",
            ),
        ];
        for (formula, numbers) in cases {
            let words = explain(&formula);
            assert!(words.zh.contains(numbers), "{}", words.zh);
            assert!(words.get(Lang::En).contains(numbers), "{:?}", words.en);
            assert!(words.zh.starts_with("EconLens"), "{}", words.zh);
        }
        let index = explain(&Formula::Index { value: 1.0, base: 1.0, base_period: Period::year(2018) });
        assert!(index.zh.contains("（2018 = 100）"), "{}", index.zh);
        assert!(index.get(Lang::En).contains("(2018 = 100)"), "{:?}", index.en);
    }
}
