//! The consistency audit: every figure of a dataset checked against the
//! others (shares against their part and whole, growth against the levels,
//! sector values against GDP, per-capita against level and population,
//! ranks against the levels of every sibling) and against its own quote
//! (the status and qualifier the quote's words imply, the quote's digits),
//! with every conflict and every date listed. Each finding names the values
//! it compared, the arithmetic, the tolerance and the verdict; a finding
//! the value's note explains says so. Findings are not load errors: a file
//! that loads is audited as it is.

// No index can be out of range here: lookups go through `get` or the
// checked accessors, and a slice is taken only of what was just measured.
#![deny(clippy::indexing_slicing)]

mod arithmetic;
pub mod locate;
mod quotes;
pub mod report;
mod sources;

use crate::data::model::{Dataset, IndicatorIx, Period, RegionIx, SourceIx};
use crate::i18n::{Lang, Message};

/// What a finding checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Check {
    Share,
    Growth,
    Parts,
    Children,
    PerCapita,
    Rank,
    StatusWords,
    MissingQuote,
    QuoteDigits,
    Conflict,
    Date,
}

impl Check {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Share => lang.tr("占比与数值", "share vs part and whole"),
            Self::Growth => lang.tr("增速与数值", "growth vs levels"),
            Self::Parts => lang.tr("三次产业与总量", "sectors vs GDP"),
            Self::Children => lang.tr("下级地区合计与总量", "regions vs their total"),
            Self::PerCapita => lang.tr("人均与总量、人口", "per capita vs level and population"),
            Self::Rank => lang.tr("位次与数值", "rank vs levels"),
            Self::StatusWords => lang.tr("状态与原文用词", "status vs the quote's words"),
            Self::MissingQuote => lang.tr("缺少原文", "no quote"),
            Self::QuoteDigits => lang.tr("原文中的数字", "digits of the quote"),
            Self::Conflict => lang.tr("来源不一致", "sources disagree"),
            Self::Date => lang.tr("日期", "dates"),
        }
    }
}

/// What a check found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// The figures contradict each other beyond rounding, or the quote.
    Inconsistent,
    /// Worth a look, not a contradiction: a reported value without a quote, an undated source.
    Warning,
    /// Would be inconsistent, but the value's note says why.
    Explained,
    /// Reported for the record: a real-vs-nominal gap, a conflict between sources.
    Noted,
    /// Something the check needs is missing (named in the finding).
    CannotCheck,
    Consistent,
}

impl Verdict {
    pub const ALL: [Self; 6] = [
        Self::Inconsistent,
        Self::Warning,
        Self::Explained,
        Self::Noted,
        Self::CannotCheck,
        Self::Consistent,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Inconsistent => lang.tr("不一致", "inconsistent"),
            Self::Warning => lang.tr("提醒", "warning"),
            Self::Explained => lang.tr("已说明", "explained"),
            Self::Noted => lang.tr("备注", "noted"),
            Self::CannotCheck => lang.tr("无法核对", "cannot check"),
            Self::Consistent => lang.tr("一致", "consistent"),
        }
    }
}

/// One value of the dataset, as the audit names it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ValueRef {
    pub indicator: IndicatorIx,
    pub region: RegionIx,
    pub period: Period,
    pub source: SourceIx,
    pub value: f64,
}

impl ValueRef {
    pub fn of(indicator: IndicatorIx, obs: &crate::data::model::Observation) -> Self {
        Self { indicator, region: obs.region, period: obs.period, source: obs.source, value: obs.value }
    }

    /// `市中区 · 地区生产总值 · 2023 = 1,350.4 亿元`
    pub fn describe(&self, dataset: &Dataset, lang: Lang) -> String {
        let indicator = dataset.indicator(self.indicator);
        format!(
            "{} · {} · {} = {} {}",
            dataset.region(self.region).name.get(lang),
            indicator.name.get(lang),
            self.period.label(lang),
            number(self.value),
            indicator.unit.label(lang)
        )
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub check: Check,
    pub verdict: Verdict,
    /// The value checked first, then the values it was compared with.
    pub values: Vec<ValueRef>,
    /// The arithmetic, the tolerance and the conclusion, or what is missing.
    pub detail: Message,
}

/// Every finding of `dataset`, in the order of the checks, then of the values.
pub fn audit(dataset: &Dataset) -> Vec<Finding> {
    let mut findings = Vec::new();
    arithmetic::shares(dataset, &mut findings);
    arithmetic::growth(dataset, &mut findings);
    arithmetic::parts(dataset, &mut findings);
    arithmetic::children(dataset, &mut findings);
    arithmetic::per_capita(dataset, &mut findings);
    arithmetic::ranks(dataset, &mut findings);
    quotes::quotes(dataset, &mut findings);
    sources::conflicts(dataset, &mut findings);
    sources::dates(dataset, &mut findings);
    findings
}

/// How many findings have each verdict, in [`Verdict::ALL`]'s order.
pub fn counts(findings: &[Finding]) -> [(Verdict, usize); 6] {
    Verdict::ALL
        .map(|verdict| (verdict, findings.iter().filter(|finding| finding.verdict == verdict).count()))
}

/// A number as the audit prints it: up to four decimals, no trailing zeros.
pub fn number(value: f64) -> String {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_owned() } else { text.to_owned() }
}

/// Half a unit of the last decimal `value` is written with: how far a
/// rounded figure can be from the truth.
pub fn rounding(value: f64) -> f64 {
    let text = number(value);
    let decimals = text.split_once('.').map_or(0, |(_, fraction)| fraction.len());
    0.5 * 10f64.powi(-i32::try_from(decimals).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarterly_growth_is_checked_against_the_same_quarter_a_year_earlier() {
        let text = r#"(version: 1, title: (zh: "测试"), focus_region: "a",
            regions: [(id: "a", name: (zh: "甲区"))],
            sources: [(id: "s", title: "测试来源", publisher: "p", date: "2030", kind: Synthetic)],
            indicators: [
                (id: "gdp", name: (zh: "地区生产总值"), unit: "亿元", view: "output",
                 series: [(region: "a", source: "s", values: {"2022Q1": 100, "2022Q4": 130, "2023Q1": 105})]),
                (id: "growth", name: (zh: "增速"), unit: "%", view: "output", relation: Growth(of: "gdp", basis: Nominal),
                 series: [(region: "a", source: "s", values: {"2023Q1": 5})]),
            ])"#;
        let dataset = crate::data::load_text(std::path::Path::new("t.ron"), text).expect("loads");
        let growth: Vec<Finding> =
            audit(&dataset).into_iter().filter(|finding| finding.check == Check::Growth).collect();
        assert_eq!(growth.len(), 1);
        assert_eq!(growth[0].verdict, Verdict::Consistent, "{}", growth[0].detail.en);
        assert!(growth[0].detail.en.starts_with("nominal change (105 ÷ 100 − 1)"), "{}", growth[0].detail.en);
    }

    /// Every number the audit prints, in both languages.
    fn printed(dataset: &crate::data::model::Dataset, findings: &[Finding]) -> Vec<String> {
        findings
            .iter()
            .flat_map(|finding| {
                let values = finding
                    .values
                    .iter()
                    .flat_map(|value| Lang::ALL.map(|lang| value.describe(dataset, lang)));
                values.chain([finding.detail.zh.clone(), finding.detail.en.clone()])
            })
            .collect()
    }

    fn not_finite(text: &str) -> bool {
        text.contains("NaN") || text.split(|c: char| !c.is_ascii_alphanumeric()).any(|word| word == "inf")
    }

    /// A city `c` of two districts, with GDP, its sectors, growth, a share,
    /// per-capita GDP, population and a rank: every arithmetic check has work.
    fn every_check(v: [f64; 10]) -> String {
        format!(
            r#"(version: 1, title: (zh: "测试"), focus_region: "a",
            regions: [(id: "c", name: (zh: "市"), partitioned: true), (id: "a", name: (zh: "甲区"), parent: "c"),
                      (id: "b", name: (zh: "乙区"), parent: "c")],
            sources: [(id: "s", title: "测试来源", publisher: "p", date: "2030", kind: Synthetic)],
            indicators: [
                (id: "gdp", name: (zh: "地区生产总值"), unit: "亿元", view: "output",
                 series: [(region: "a", source: "s", values: {{"2022": {:?}, "2023": {:?}}}),
                          (region: "b", source: "s", values: {{"2023": {:?}}}),
                          (region: "c", source: "s", values: {{"2023": {:?}}})]),
                (id: "va_primary", name: (zh: "第一产业增加值"), unit: "亿元", view: "output",
                 series: [(region: "a", source: "s", values: {{"2023": {:?}}})]),
                (id: "va_secondary", name: (zh: "第二产业增加值"), unit: "亿元", view: "output",
                 series: [(region: "a", source: "s", values: {{"2023": {:?}}})]),
                (id: "va_tertiary", name: (zh: "第三产业增加值"), unit: "亿元", view: "output",
                 series: [(region: "a", source: "s", values: {{"2023": 1}})]),
                (id: "growth", name: (zh: "增速"), unit: "%", view: "output", relation: Growth(of: "gdp", basis: Nominal),
                 series: [(region: "a", source: "s", values: {{"2023": {:?}}})]),
                (id: "share", name: (zh: "占全市比重"), unit: "%", view: "output",
                 relation: Share(part: "gdp", whole: "gdp", whole_region: "c"),
                 series: [(region: "a", source: "s", values: {{"2023": {:?}}})]),
                (id: "gdp_per_capita", name: (zh: "人均地区生产总值"), unit: "元", view: "output",
                 series: [(region: "a", source: "s", values: {{"2023": 100000}})]),
                (id: "resident_population", name: (zh: "常住人口"), unit: "万人", view: "output",
                 series: [(region: "a", source: "s", values: {{"2023": {:?}}})]),
            ])"#,
            v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]
        )
    }

    #[test]
    fn zeros_tiny_huge_and_negative_values_never_print_a_number_that_is_not_finite() {
        const VALUES: [f64; 9] = [0.0, -3.5, 1e-300, -1e-300, 1e300, 1350.4, 0.0001, 5.0, 100.0];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            VALUES[(state % VALUES.len() as u64) as usize]
        };
        let (mut loaded, mut checked) = (0, 0);
        for _ in 0..1200 {
            let values = [next(), next(), next(), next(), next(), next(), next(), next(), next(), next()];
            let Ok(dataset) = crate::data::load_text(std::path::Path::new("t.ron"), &every_check(values))
            else {
                continue;
            };
            loaded += 1;
            let findings = audit(&dataset);
            checked += findings.iter().filter(|finding| finding.verdict != Verdict::CannotCheck).count();
            for text in printed(&dataset, &findings) {
                assert!(!not_finite(&text), "values {values:?} printed {text:?}");
            }
        }
        assert!(
            loaded > 300,
            "a third of the generated files load: the rest have shares out of 0–100 or negative populations, which validation refuses ({loaded} of 1200)"
        );
        assert!(checked > 1000, "and their checks reach verdicts ({checked})");
    }

    #[test]
    fn a_share_of_a_zero_part_and_growth_from_zero_have_a_defined_answer() {
        // A part of 0: the share is 0 within the whole's rounding, not "±NaN" and inconsistent.
        let zero_part = crate::data::load_text(
            std::path::Path::new("t.ron"),
            &every_check([0.0, 0.0, 600.0, 600.0, 0.0, 0.0, 0.0, 0.0, 50.0, 0.0]),
        )
        .expect("loads");
        let findings = audit(&zero_part);
        let share = findings.iter().find(|finding| finding.check == Check::Share).expect("a share finding");
        assert_eq!(share.verdict, Verdict::Consistent, "{}", share.detail.en);
        assert!(share.detail.en.starts_with("0 ÷ 600 × 100 = 0%, stated 0%"), "{}", share.detail.en);
        // Growth from a level of 0 cannot be computed, and says why.
        let growth =
            findings.iter().find(|finding| finding.check == Check::Growth).expect("a growth finding");
        assert_eq!(growth.verdict, Verdict::CannotCheck);
        assert!(growth.detail.en.contains("of 2022 is 0"), "{}", growth.detail.en);
        // Growth to a level of 0 is −100 %, within a finite tolerance.
        let to_zero = crate::data::load_text(
            std::path::Path::new("t.ron"),
            &every_check([50.0, 0.0, 600.0, 600.0, 0.0, 0.0, -100.0, 0.0, 50.0, 0.0]),
        )
        .expect("loads");
        let findings = audit(&to_zero);
        let growth =
            findings.iter().find(|finding| finding.check == Check::Growth).expect("a growth finding");
        assert_eq!(growth.verdict, Verdict::Consistent, "{}", growth.detail.en);
        assert!(!not_finite(&growth.detail.en), "{}", growth.detail.en);
    }
}
