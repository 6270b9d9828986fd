//! The data layer on real files: the embedded dataset holds every seed
//! figure with its quote, and a dataset survives model → RON → model.

use econlens::data::model::{Dataset, Status};
use econlens::data::to_raw::to_raw;
use econlens::data::{load_embedded, load_text};

fn embedded() -> Dataset {
    load_embedded().unwrap_or_else(|error| panic!("{error}"))
}

/// The value of `indicator` for Shizhong in `period`, with its quote.
fn shizhong(dataset: &Dataset, indicator: &str, period: &str) -> (f64, String, Status) {
    let (_, found) = dataset.indicator_by_id(indicator).unwrap_or_else(|| panic!("no indicator {indicator}"));
    let region = dataset.region_by_id("shizhong").expect("shizhong");
    let period = econlens::data::model::Period::parse(period).expect("period");
    let obs = found.get(region, period).unwrap_or_else(|| panic!("no {indicator} for {period}"));
    (obs.value, dataset.quote_of(obs).unwrap_or_default().to_owned(), obs.status)
}

#[test]
fn every_seed_figure_is_in_the_embedded_dataset_with_the_words_it_came_from() {
    let dataset = embedded();
    let seed_figures = [
        ("gdp", "2023", 1350.4, "1350.4亿元"),
        ("gdp_growth", "2023", 6.2, "增幅6.2%"),
        ("economic_contribution", "2023", 11.8, "综合经济贡献率11.8%"),
        ("economic_contribution_rank", "2023", 3.0, "位居全市第三"),
        ("finance_va", "2023", 276.2, "金融业增加值276.2亿元"),
        ("finance_va_share_city", "2023", 25.5, "占全市25.5%"),
        ("finance_va_share_gdp", "2023", 20.5, "占全区GDP比重20.5%"),
        ("deposits_loans", "2023", 1.14, "1.14万亿元"),
        ("deposits_loans_share_city", "2023", 20.5, "占全市20.5%"),
        ("deposits_loans_growth", "2023", 9.77, "增长9.77%"),
        ("industrial_above_scale", "2023", 83.0, "83家规模以上工业企业"),
        ("energy_internet_firms", "2023", 225.0, "企业225家"),
        ("energy_internet_scale", "2023", 3600.0, "突破3600亿元"),
        ("energy_internet_growth", "2023", 12.5, "同比增长12.5%"),
        ("national_streets", "2023", 2.0, "国家级街区2条"),
        ("municipal_streets", "2023", 1.0, "市级商业街区1条"),
        ("featured_streets", "2023", 4.0, "特色街区4条"),
        ("shopping_centres", "2023", 8.0, "购物中心（商业综合体）8个"),
        ("above_quota_trade_firms", "2023", 749.0, "限上批零住餐企业749家"),
        ("foreign_trade_firms", "2023", 315.0, "外贸企业315家"),
        ("little_giants", "2023", 2.0, "“小巨人”企业2家"),
        ("specialised_firms", "2023", 157.0, "“专精特新”企业157家"),
        ("innovative_smes", "2023", 190.0, "创新型中小企业190家"),
        ("industrial_over_100m", "2023", 19.0, "19家年产值亿元以上工业企业"),
        ("planned_rd_institutions", "2024", 2.0, "新增省级以上研发机构2家"),
        ("planned_incubators", "2024", 2.0, "科技孵化器2家"),
    ];
    for (indicator, period, value, words) in seed_figures {
        let (found, quote, status) = shizhong(&dataset, indicator, period);
        assert_eq!(found, value, "{indicator} {period}");
        assert!(quote.contains(words), "{indicator}: quote {quote:?} lacks {words:?}");
        assert_eq!(status, Status::Reported, "{indicator}");
    }
}

#[test]
fn the_seed_lists_are_complete() {
    let dataset = embedded();
    let count = |id: &str| dataset.lists().iter().find(|list| list.id == id).map(|list| list.items.len());
    assert_eq!(count("strategies"), Some(3));
    assert_eq!(count("leading_industries"), Some(5));
    assert_eq!(count("chain_groups"), Some(10));
    assert_eq!(count("little_giant_firms"), Some(2));
}

#[test]
fn the_2018_conflict_keeps_both_values_and_estimates_stay_estimates() {
    let dataset = embedded();
    let (_, gdp) = dataset.indicator_by_id("gdp").expect("gdp");
    let shizhong = dataset.region_by_id("shizhong").expect("shizhong");
    let values_2018: Vec<f64> =
        gdp.series(shizhong).iter().filter(|obs| obs.period.year == 2018).map(|obs| obs.value).collect();
    assert_eq!(values_2018, [1042.8, 1042.6]);
    assert!(gdp.series(shizhong).iter().filter(|obs| obs.period.year == 2018).all(|obs| obs.conflict));
    assert_eq!(shizhong_status(&dataset, "2015"), Status::Estimate);
    assert_eq!(shizhong_status(&dataset, "2024"), Status::Derived);
    let missing = econlens::data::model::Period::parse("2020").expect("period");
    assert!(gdp.get(shizhong, missing).is_none(), "2020 is unknown and must stay absent, not zero");
}

fn shizhong_status(dataset: &Dataset, period: &str) -> Status {
    shizhong(dataset, "gdp", period).2
}

#[test]
fn every_observation_names_a_source_and_every_source_is_used() {
    let dataset = embedded();
    let mut used = vec![false; dataset.sources().len()];
    for indicator in dataset.indicators() {
        for obs in indicator.observations() {
            used[obs.source.0 as usize] = true;
        }
    }
    for list in dataset.lists() {
        used[list.source.0 as usize] = true;
    }
    let unused: Vec<&str> = dataset
        .sources()
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(source, _)| source.id.as_str())
        .collect();
    assert!(unused.is_empty(), "sources nothing cites: {unused:?}");
}

#[test]
fn a_dataset_survives_model_to_ron_to_model() {
    let dataset = embedded();
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let text = ron::ser::to_string_pretty(&to_raw(&dataset), config).expect("serialises");
    let again =
        load_text(std::path::Path::new("round-trip.ron"), &text).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(again, dataset);
}

/// The loader over thousands of damaged files (a fixed seed, so a failure
/// replays): it never panics, and every problem it reports has a line:col.
#[test]
fn damaged_files_never_panic_and_every_problem_is_placed() {
    use econlens::data::mutate::{Rng, Verdict, check, mutate};
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let small = std::fs::read(fixtures.join("small_valid.ron")).expect("fixture");
    let problems = std::fs::read(fixtures.join("many_problems.ron")).expect("fixture");
    let bases: [(&str, &[u8]); 3] = [
        ("small_valid.ron", &small),
        ("many_problems.ron", &problems),
        ("shizhong.ron", econlens::data::EMBEDDED_DATASET.as_bytes()),
    ];
    let mut rng = Rng::new(0x00EC_0A1E_45F0_22ED);
    let (mut loaded, mut refused) = (0, 0);
    for case in 0..5000 {
        // The default file is large: one case in ten.
        let (name, base) = bases[if case % 10 == 9 { 2 } else { case % 2 }];
        let mut bytes = base.to_vec();
        for _ in 0..=rng.below(3) {
            bytes = mutate(&bytes, &mut rng);
        }
        match std::panic::catch_unwind(|| check(name, &bytes)) {
            Err(_) => panic!("case {case} ({name}) panicked on:\n{}", String::from_utf8_lossy(&bytes)),
            Ok(Verdict::Unplaced(problem)) => {
                panic!("case {case} ({name}): a problem without line:col: {problem}")
            }
            Ok(Verdict::Fine) => {
                let path = std::path::Path::new(name);
                let text = econlens::data::load::decode_utf8(&bytes);
                if text.is_ok_and(|text| econlens::data::load_text(path, text).is_ok()) {
                    loaded += 1;
                } else {
                    refused += 1;
                }
            }
        }
    }
    assert!(refused > 4000, "most damage is caught: {refused} refused, {loaded} still valid");
}
