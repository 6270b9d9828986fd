//! Unit tests of the validator: each rule, on a small file mutated one way.

use crate::data::parse::parse_raw;
use crate::data::{Dataset, Problem};
use crate::i18n::Lang;

const MINIMAL: &str = r#"(
    version: 1,
    title: (zh: "测试", en: "Test"),
    focus_region: "a",
    regions: [
        (id: "a", name: (zh: "甲区"), parent: "city"),
        (id: "b", name: (zh: "乙区"), parent: "city"),
        (id: "city", name: (zh: "某市")),
    ],
    sources: [(id: "s", title: "报道", publisher: "报社", kind: Newspaper, url: "https://example.org/a")],
    indicators: [
        (id: "gdp", name: (zh: "地区生产总值"), unit: "亿元", view: "output",
         observations: [(region: "a", period: "2023", value: 10.5, source: "s", quote: "达到10.5亿元")],
         series: [(region: "city", source: "s", values: {"2022": 90, "2023": 100})]),
        (id: "share", name: (zh: "占比"), unit: "%", view: "output",
         relation: Share(part: "gdp", whole: "gdp", whole_region: "city"),
         observations: [(region: "a", period: "2023", value: 10.5, source: "s")]),
        (id: "firms", name: (zh: "企业"), unit: "家", view: "enterprises",
         observations: [(region: "a", period: "2023", value: 83, source: "s")]),
    ],
    lists: [(id: "l", name: (zh: "战略"), region: "a", view: "overview", source: "s",
             items: [(name: (zh: "一"), indicators: ["gdp"])])],
)"#;

fn check(text: &str) -> Result<Dataset, Vec<Problem>> {
    let raw = parse_raw(text).map_err(|problem| vec![problem])?;
    super::validate(raw)
}

/// The problems of `MINIMAL` with `from` replaced by `to` (which must occur).
fn problems_after(from: &str, to: &str) -> Vec<Problem> {
    assert!(MINIMAL.contains(from), "fixture lacks {from:?}");
    match check(&MINIMAL.replacen(from, to, 1)) {
        Ok(_) => panic!("replacing {from:?} by {to:?} should make the file invalid"),
        Err(problems) => problems,
    }
}

fn assert_problem(problems: &[Problem], field: &str, message_part: &str) {
    assert!(
        problems.iter().any(|p| p.field == field && p.message.en.contains(message_part)),
        "expected a problem at {field} mentioning {message_part:?}, got {problems:#?}"
    );
}

#[test]
fn the_minimal_file_is_valid_and_merges_observations_and_series() {
    let dataset = check(MINIMAL).unwrap_or_else(|problems| panic!("{problems:#?}"));
    let (_, gdp) = dataset.indicator_by_id("gdp").expect("gdp");
    assert_eq!(gdp.observations().len(), 3);
    let city = dataset.region_by_id("city").expect("city");
    let values: Vec<f64> = gdp.series(city).iter().map(|obs| obs.value).collect();
    assert_eq!(values, [90.0, 100.0]);
}

#[test]
fn unknown_references_are_named_with_their_path() {
    assert_problem(
        &problems_after(r#"source: "s", quote"#, r#"source: "nope", quote"#),
        "indicators[0].observations[0].source",
        "unknown source \"nope\"",
    );
    assert_problem(
        &problems_after(
            r#"(region: "a", period: "2023", value: 10.5"#,
            r#"(region: "zz", period: "2023", value: 10.5"#,
        ),
        "indicators[0].observations[0].region",
        "unknown region \"zz\"",
    );
    assert_problem(
        &problems_after(r#"part: "gdp""#, r#"part: "gpd""#),
        "indicators[1].relation.part",
        "unknown indicator \"gpd\"",
    );
    assert_problem(
        &problems_after(r#"indicators: ["gdp"]"#, r#"indicators: ["x"]"#),
        "lists[0].items[0].indicators[0]",
        "unknown indicator",
    );
    assert_problem(
        &problems_after(r#"focus_region: "a""#, r#"focus_region: "q""#),
        "focus_region",
        "unknown region",
    );
}

#[test]
fn duplicate_ids_and_values_are_reported() {
    assert_problem(
        &problems_after(r#"(id: "b", name"#, r#"(id: "a", name"#),
        "regions[1].id",
        "duplicate id \"a\"; regions[0] has it already",
    );
    let problems = problems_after(r#"values: {"2022": 90,"#, r#"values: {"2023": 90,"#);
    assert_problem(&problems, "indicators[0].series[0].values[\"2023\"]", "given twice");
    let problems = problems_after(
        r#"(region: "a", period: "2023", value: 10.5, source: "s", quote"#,
        r#"(region: "city", period: "2023", value: 10.5, source: "s", quote"#,
    );
    assert_problem(
        &problems,
        "indicators[0].series[0].values[\"2023\"]",
        "indicators[0].observations[0] has it already",
    );
}

#[test]
fn two_sources_may_disagree_only_when_both_are_marked() {
    let second = r#"observations: [(region: "a", period: "2023", value: 10.5, source: "s", quote: "达到10.5亿元"), (region: "a", period: "2023", value: 10.6, source: "t", conflict: true)]"#;
    let with_second_source = MINIMAL
        .replacen(r#"kind: Newspaper, url: "https://example.org/a")"#, r#"kind: Newspaper), (id: "t", title: "另一报道", publisher: "网站", kind: Aggregator)"#, 1)
        .replacen(r#"observations: [(region: "a", period: "2023", value: 10.5, source: "s", quote: "达到10.5亿元")]"#, second, 1);
    let problems = check(&with_second_source).expect_err("only one of the two is marked");
    assert!(problems[0].message.en.contains("mark both with `conflict: true`"), "{problems:#?}");
    let both_marked = with_second_source.replacen(
        r#"source: "s", quote: "达到10.5亿元")"#,
        r#"source: "s", quote: "达到10.5亿元", conflict: true)"#,
        1,
    );
    let dataset = check(&both_marked).unwrap_or_else(|problems| panic!("{problems:#?}"));
    let a = dataset.region_by_id("a").expect("a");
    assert_eq!(dataset.indicator_by_id("gdp").expect("gdp").1.series(a).len(), 2);
    let lonely = problems_after(r#"quote: "达到10.5亿元")"#, r#"quote: "达到10.5亿元", conflict: true)"#);
    assert_problem(&lonely, "indicators[0].observations[0].conflict", "no other source gives this period");
}

#[test]
fn values_must_be_sane_for_their_unit() {
    assert_problem(
        &problems_after("value: 10.5, source: \"s\")", "value: 120, source: \"s\")"),
        "indicators[1].observations[0].value",
        "between 0 and 100",
    );
    assert_problem(
        &problems_after("value: 83,", "value: 83.5,"),
        "indicators[2].observations[0].value",
        "whole number",
    );
    assert_problem(
        &problems_after("value: 83,", "value: -1,"),
        "indicators[2].observations[0].value",
        "whole number",
    );
    assert_problem(
        &problems_after(r#"value: 10.5, source: "s", quote"#, r#"value: NaN, source: "s", quote"#),
        "indicators[0].observations[0].value",
        "finite",
    );
    assert_problem(
        &problems_after(r#""2023": 100}"#, r#""2023": inf}"#),
        "indicators[0].series[0].values[\"2023\"]",
        "finite",
    );
}

#[test]
fn periods_views_units_and_names_are_checked() {
    assert_problem(
        &problems_after(r#"period: "2023", value: 83"#, r#"period: "2023年", value: 83"#),
        "indicators[2].observations[0].period",
        "expected a period",
    );
    assert_problem(
        &problems_after(r#""2023": 100}"#, r#""2023年": 100}"#),
        "indicators[0].series[0].values[\"2023年\"]",
        "found \"2023年\"",
    );
    let only_bad_key = problems_after(r#"values: {"2022": 90, "2023": 100}"#, r#"values: {"2023年": 100}"#);
    assert_problem(&only_bad_key, "indicators[0].series[0].values[\"2023年\"]", "found \"2023年\"");
    assert!(
        only_bad_key.iter().all(|problem| !problem.message.en.contains("empty series")),
        "a series whose only key is not a period is not also called empty: {only_bad_key:#?}"
    );
    assert_problem(
        &problems_after(r#"view: "enterprises""#, r#"view: "firms""#),
        "indicators[2].view",
        "unknown view \"firms\"",
    );
    assert_problem(
        &problems_after(r#"unit: "%""#, r#"unit: "亿元""#),
        "indicators[1].unit",
        "expected \"%\"",
    );
    assert_problem(
        &problems_after(r#"name: (zh: "企业")"#, r#"name: (zh: " ")"#),
        "indicators[2].name.zh",
        "non-empty",
    );
    assert_problem(
        &problems_after(r#"url: "https://example.org/a""#, r#"url: "javascript:alert(1)""#),
        "sources[0].url",
        "http",
    );
}

#[test]
fn empty_series_and_indicators_without_values_are_refused() {
    assert_problem(
        &problems_after(r#"values: {"2022": 90, "2023": 100}"#, "values: {}"),
        "indicators[0].series[0].values",
        "empty series",
    );
    let problems = problems_after(
        r#"observations: [(region: "a", period: "2023", value: 83, source: "s")]"#,
        "observations: []",
    );
    assert_problem(&problems, "indicators[2]", "has no values");
}

#[test]
fn a_derived_value_must_say_how() {
    assert_problem(
        &problems_after("value: 83,", "value: 83, status: Derived,"),
        "indicators[2].observations[0].note",
        "how it was computed",
    );
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let text = MINIMAL
        .replacen(r#"view: "enterprises""#, r#"view: "x""#, 1)
        .replacen(r#"source: "s", quote"#, r#"source: "nope", quote"#, 1)
        .replacen("value: 83,", "value: 0.5,", 1);
    let problems = check(&text).expect_err("three problems");
    assert_eq!(problems.len(), 3, "{problems:#?}");
}

#[test]
fn a_region_cannot_be_its_own_ancestor() {
    let problems = problems_after(
        r#"(id: "city", name: (zh: "某市"))"#,
        r#"(id: "city", name: (zh: "某市"), parent: "a")"#,
    );
    assert_problem(&problems, "regions[0].parent", "its own ancestor");
}

#[test]
fn an_indicator_note_is_plain_text_or_in_both_languages() {
    let note_at = r#"unit: "亿元", view: "output","#;
    let plain = check(&MINIMAL.replacen(note_at, r#"unit: "亿元", view: "output", note: "当年价格。","#, 1))
        .expect("a plain note is valid");
    assert_eq!(plain.indicators[0].note.as_ref().map(|note| note.get(Lang::En)), Some("当年价格。"));
    let both = check(&MINIMAL.replacen(
        note_at,
        r#"unit: "亿元", view: "output", note: (zh: "当年价格。", en: "Current prices."),"#,
        1,
    ))
    .expect("a note in both languages is valid");
    let note = both.indicators[0].note.as_ref().expect("note");
    assert_eq!((note.get(Lang::Zh), note.get(Lang::En)), ("当年价格。", "Current prices."));
    assert_problem(
        &problems_after(note_at, r#"unit: "亿元", view: "output", note: (zh: "当年价格。", fr: "x"),"#),
        "indicators[0].note",
        "expected a note",
    );
}

/// The focus can only move to a region of the dataset: a dataset never
/// holds a focus that its regions list does not have.
#[test]
fn the_focus_moves_only_to_one_of_the_datasets_regions() {
    use crate::data::model::RegionIx;
    let dataset = check(MINIMAL).expect("valid");
    let city = dataset.region_by_id("city").expect("listed");
    let mut moved = dataset.clone();
    assert!(moved.set_focus(city), "a region of the file");
    assert_eq!(moved.region(moved.focus_region()).id, "city");
    let mut unchanged = dataset.clone();
    assert!(!unchanged.set_focus(RegionIx(3)), "three regions: index 3 is none of them");
    assert_eq!(unchanged, dataset, "nothing changed");
}
