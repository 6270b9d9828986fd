//! Chart models built from the embedded dataset, checked without a window:
//! what each chart holds is what the screen and an export will show.

use econlens::chart::catalogue::build_charts;
use econlens::chart::{Chart, ChartKind, SeriesStyle, XAxis};
use econlens::data::load_embedded;
use econlens::data::model::{Qualifier, Status, View};
use econlens::i18n::Lang;

fn charts() -> Vec<Chart> {
    build_charts(&load_embedded().expect("embedded"))
}

fn chart<'a>(charts: &'a [Chart], id: &str) -> &'a Chart {
    let ids: Vec<&str> = charts.iter().map(|chart| chart.id.as_str()).collect();
    charts.iter().find(|chart| chart.id == id).unwrap_or_else(|| panic!("no chart {id}; have {ids:#?}"))
}

#[test]
fn gdp_history_leaves_unknown_years_empty_and_marks_estimates_and_conflicts() {
    let charts = charts();
    let gdp = chart(&charts, "gdp-shizhong-history");
    assert_eq!(gdp.view, View::Output);
    assert_eq!(gdp.axis, XAxis::Time(econlens::data::model::PeriodKind::Year));
    let years: Vec<i16> = gdp.points().map(|point| point.period.year).collect();
    for missing in [2016, 2017, 2019, 2020] {
        assert!(!years.contains(&missing), "{missing} has no figure and must be a gap, not a bar");
    }
    let style_of = |year: i16| {
        gdp.series
            .iter()
            .filter(|series| series.points.iter().any(|point| point.period.year == year))
            .map(|series| series.style)
            .collect::<Vec<_>>()
    };
    assert_eq!(style_of(2015), [SeriesStyle::Estimate]);
    assert_eq!(style_of(2018), [SeriesStyle::Conflict]);
    assert_eq!(style_of(2023), [SeriesStyle::Focus]);
    assert_eq!(style_of(2024), [SeriesStyle::Derived]);
    let bars_2018: Vec<f64> =
        gdp.points().filter(|point| point.period.year == 2018).map(|point| point.x).collect();
    assert_eq!(bars_2018.len(), 2);
    assert!(bars_2018[0] < 2018.0 && bars_2018[1] > 2018.0, "the two 2018 values stand side by side");
    assert!(
        !gdp.points().any(|point| point.period.to_string() == "2024H1"),
        "a half-year is not drawn among years"
    );
}

#[test]
fn the_district_comparison_uses_the_best_covered_year_and_highlights_the_focus() {
    let charts = charts();
    let districts = chart(&charts, "gdp-jinan-regions-2023");
    let XAxis::Categories(labels) = &districts.axis else { panic!("categories") };
    let names: Vec<&str> = labels.iter().map(|label| label.zh.as_str()).collect();
    assert_eq!(names, ["历下区", "济南高新区", "市中区", "历城区", "章丘区", "莱芜区", "槐荫区", "天桥区"]);
    let focus: Vec<f64> = districts
        .series
        .iter()
        .filter(|series| series.style == SeriesStyle::Focus)
        .flat_map(|series| series.points.iter().map(|point| point.value))
        .collect();
    assert_eq!(focus, [1350.4]);
}

#[test]
fn each_districts_share_of_the_city_is_derived_and_skips_disputed_years() {
    let charts = charts();
    let shares = chart(&charts, "gdp-jinan-regions-shares");
    assert_eq!(shares.kind, ChartKind::Lines, "several districts over several years");
    assert!(shares.points().all(|point| point.status == Status::Derived));
    let districts: Vec<&str> = shares.series.iter().map(|series| series.name.zh.as_str()).collect();
    assert!(districts.contains(&"历下区") && districts.contains(&"市中区"), "{districts:?}");
    let share =
        shares.series.iter().find(|series| series.style == SeriesStyle::Focus).expect("Shizhong's line");
    let by_year: Vec<(i16, String)> =
        share.points.iter().map(|point| (point.period.year, format!("{:.2}", point.value))).collect();
    assert!(by_year.contains(&(2023, "10.59".to_owned())), "{by_year:?}");
    assert!(!by_year.iter().any(|(year, _)| *year == 2018), "2018 Shizhong GDP is disputed");
    assert!(shares.has_derived());
}

#[test]
fn the_cluster_prior_year_is_derived_and_stays_a_lower_bound() {
    let charts = charts();
    let prior = chart(&charts, "energy_internet_growth-shizhong-implied-prior");
    let mut points: Vec<_> = prior.points().collect();
    points.sort_by_key(|point| point.period);
    assert_eq!(points.len(), 2);
    assert_eq!(
        (points[0].period.year, points[0].status, points[0].qualifier),
        (2022, Status::Derived, Qualifier::Over)
    );
    assert!((points[0].value - 3200.0).abs() < 1e-9);
    assert_eq!((points[1].value, points[1].qualifier), (3600.0, Qualifier::Over));
}

#[test]
fn stated_shares_stand_beside_their_recomputed_values() {
    let charts = charts();
    let shares = chart(&charts, "finance-shares-stated-vs-recomputed");
    let stated: Vec<f64> =
        shares.points().filter(|p| p.status == Status::Reported).map(|p| p.value).collect();
    let recomputed: Vec<String> =
        shares.points().filter(|p| p.status == Status::Derived).map(|p| format!("{:.2}", p.value)).collect();
    assert_eq!(stated, [25.5, 20.5, 20.5]);
    assert_eq!(recomputed, ["20.45"], "only the share of GDP has both part and whole in the file");
}

#[test]
fn every_chart_names_its_sources_and_has_a_stable_unique_id() {
    let charts = charts();
    let mut ids: Vec<&str> = charts.iter().map(|chart| chart.id.as_str()).collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), before, "chart ids are unique");
    for chart in &charts {
        assert!(!chart.sources().is_empty(), "{} names no source", chart.id);
        assert!(chart.title.en.is_some(), "{} has an English title", chart.id);
        assert!(chart.points().count() >= 1, "{} has nothing to chart", chart.id);
    }
    for view in [View::Output, View::Finance, View::Clusters, View::Enterprises, View::Commerce] {
        assert!(charts.iter().any(|chart| chart.view == view), "no chart for {view:?}");
    }
}

/// Random valid files, each different: a region tree with the focus
/// anywhere in it (with or without a parent, with or without children,
/// partitioned or not), indicators of every relation (shares of one level
/// in another), values in years, halves and quarters, estimates, derived
/// values, disputed pairs, "about" and "over" figures, quotes, and values
/// given as series as well as one by one.
mod generated {
    use econlens::data::model::Period;
    use econlens::data::mutate::Rng;
    use econlens::data::raw::{
        FORMAT_VERSION, GrowthBasis, Qualifier, RawDataset, RawIndicator, RawObservation, RawRegion,
        RawRelation, RawSeries, RawSeriesList, RawSource, RawText, SourceKind, Status,
    };

    fn name(zh: String) -> RawText {
        RawText { en: Some(format!("en {zh}")), zh }
    }

    const VIEWS: [&str; 6] = ["overview", "output", "finance", "clusters", "enterprises", "commerce"];
    const PARTS: [&str; 7] = ["", "H1", "H2", "Q1", "Q2", "Q3", "Q4"];

    pub fn dataset(rng: &mut Rng) -> RawDataset {
        let region_count = 1 + rng.below(14);
        let regions: Vec<RawRegion> = (0..region_count)
            .map(|at| RawRegion {
                id: format!("r{at}"),
                name: name(format!("地区{at}")),
                // A parent earlier in the list: a tree, sometimes with several roots.
                parent: (at > 0 && rng.below(5) > 0).then(|| format!("r{}", rng.below(at))),
                // Now and then a region whose parts are all listed (a partition).
                partitioned: rng.below(5) == 0,
                // Now and then a group (World, Euro area) listed beside the regions.
                aggregate: rng.below(6) == 0,
            })
            .collect();
        let sources: Vec<RawSource> = (0..2)
            .map(|at| RawSource {
                id: format!("s{at}"),
                title: format!("来源{at}"),
                publisher: "EconLens tests".to_owned(),
                date: None,
                url: None,
                kind: SourceKind::Synthetic,
                note: None,
                table: at == 1,
            })
            .collect();
        let mut indicators: Vec<RawIndicator> = Vec::new();
        let indicator_count = 1 + rng.below(6);
        for at in 0..indicator_count {
            // The first is always a level, so every relation has something to refer to.
            let levels: Vec<usize> =
                (0..at).filter(|&i| indicators[i].relation == RawRelation::Level).collect();
            let relation = match (rng.below(5), levels.is_empty()) {
                // Two levels of one unit now and then, so a share of one in the other can be made.
                (4, _) if !levels.is_empty() && rng.below(2) == 0 => RawRelation::Level,
                (0, false) => RawRelation::Growth {
                    of: format!("i{}", levels[rng.below(levels.len())]),
                    basis: GrowthBasis::Unstated,
                },
                (1, false) => {
                    // A share of one level in another of its unit (exports in GDP), or in itself elsewhere.
                    let part = levels[rng.below(levels.len())];
                    let alike: Vec<usize> = levels
                        .iter()
                        .copied()
                        .filter(|&i| indicators[i].unit == indicators[part].unit)
                        .collect();
                    let whole = alike[rng.below(alike.len())];
                    let whole_region = (rng.below(2) == 0).then(|| format!("r{}", rng.below(region_count)));
                    RawRelation::Share { part: format!("i{part}"), whole: format!("i{whole}"), whole_region }
                }
                (2, false) => RawRelation::Rank {
                    of: format!("i{}", levels[rng.below(levels.len())]),
                    among: format!("r{}", rng.below(region_count)),
                },
                _ => RawRelation::Level,
            };
            let unit = match &relation {
                RawRelation::Level if at > 0 && rng.below(2) == 0 => indicators[0].unit.as_str(),
                RawRelation::Level => ["亿元", "家", "元", "万人", "吨"][rng.below(5)],
                RawRelation::Growth { .. } | RawRelation::Share { .. } => "%",
                RawRelation::Rank { .. } => "位",
            };
            let observations = observations(rng, region_count, &relation, unit);
            let series = if relation == RawRelation::Level {
                series(rng, region_count, unit)
            } else {
                RawSeriesList::default()
            };
            indicators.push(RawIndicator {
                id: format!("i{at}"),
                name: name(format!("指标{at}")),
                unit: unit.to_owned(),
                view: VIEWS[rng.below(VIEWS.len())].to_owned(),
                relation,
                note: None,
                observations,
                series,
            });
        }
        RawDataset {
            version: FORMAT_VERSION,
            title: name("生成的数据".to_owned()),
            focus_region: format!("r{}", rng.below(region_count)),
            regions,
            sources,
            indicators,
            lists: Vec::new(),
            charts: Vec::new(),
        }
    }

    fn observations(
        rng: &mut Rng,
        region_count: usize,
        relation: &RawRelation,
        unit: &str,
    ) -> Vec<RawObservation> {
        let mut taken = std::collections::HashSet::new();
        let mut out = Vec::new();
        for _ in 0..=rng.below(40) {
            let region = rng.below(region_count);
            let year = 2010 + rng.below(15);
            let part = if rng.below(3) == 0 { PARTS[rng.below(PARTS.len())] } else { "" };
            let period = format!("{year}{part}");
            if !taken.insert((region, period.clone())) {
                continue;
            }
            #[expect(clippy::cast_precision_loss, reason = "small test numbers")]
            let value = match (relation, unit) {
                (RawRelation::Rank { .. }, _) => (1 + rng.below(20)) as f64,
                (RawRelation::Share { .. }, _) => rng.below(1000) as f64 / 10.0,
                (RawRelation::Growth { .. }, _) => rng.below(400) as f64 / 10.0 - 10.0,
                (_, "家") => rng.below(500) as f64,
                _ => rng.below(100_000) as f64 / 10.0,
            };
            let disputed = rng.below(8) == 0;
            // Now and then a break in series (Eurostat's flag b).
            let series_break = rng.below(10) == 0;
            let status =
                [Status::Reported, Status::Reported, Status::Estimate, Status::Derived][rng.below(4)];
            let qualifier =
                [Qualifier::Exact, Qualifier::Exact, Qualifier::Exact, Qualifier::About, Qualifier::Over]
                    [rng.below(5)];
            let quote = (rng.below(3) == 0).then(|| format!("原文：达到{value}"));
            let observation = |source: &str, value: f64| RawObservation {
                region: format!("r{region}"),
                period: period.clone(),
                value,
                source: source.to_owned(),
                quote: quote.clone(),
                status,
                qualifier,
                conflict: disputed,
                series_break,
                note: (status == Status::Derived).then(|| "test: derived".to_owned()),
            };
            out.push(observation("s0", value));
            if disputed {
                let other = if unit == "位" || unit == "家" { value + 1.0 } else { value * 0.9 + 0.05 };
                out.push(observation("s1", other));
            }
        }
        out
    }

    /// Now and then, values given as series (`values: {"1995": 12.5, …}`),
    /// in years before the single observations, so they never overlap.
    fn series(rng: &mut Rng, region_count: usize, unit: &str) -> RawSeriesList {
        let mut list = RawSeriesList::default();
        for region in 0..region_count {
            if rng.below(3) != 0 {
                continue;
            }
            let start = list.values.len();
            for year in 1995..1995 + 1 + rng.below(12) {
                #[expect(clippy::cast_precision_loss, reason = "small test numbers")]
                let value =
                    if unit == "家" { rng.below(500) as f64 } else { rng.below(50_000) as f64 / 10.0 };
                list.values.push((Period::year(i16::try_from(year).expect("a year")), value));
            }
            list.series.push(RawSeries {
                region: format!("r{region}"),
                source: "s0".to_owned(),
                quote: (rng.below(2) == 0).then(|| "历年数据见统计年鉴".to_owned()),
                status: Status::Reported,
                values: start..list.values.len(),
                invalid: Vec::new(),
            });
        }
        list
    }
}

/// Whether some chart of `indicator`'s view draws `obs`, or stands for it
/// among the values it names in its note and lists in its CSV.
fn covered(
    dataset: &econlens::data::Dataset,
    charts: &[Chart],
    indicator: econlens::data::model::IndicatorIx,
    obs: &econlens::data::model::Observation,
) -> bool {
    let view = dataset.indicator(indicator).view;
    let origin = econlens::chart::Origin { indicator, region: obs.region };
    charts.iter().filter(|chart| chart.view == view).any(|chart| {
        chart.points().any(|point| {
            point.origin == Some(origin)
                && point.period == obs.period
                && point.value == obs.value
                && point.sources == econlens::chart::PointSources::One(obs.source)
        }) || chart
            .left_out
            .iter()
            .any(|left_out| left_out.observations(dataset).any(|listed| std::ptr::eq(listed, obs)))
    })
}

#[test]
fn every_value_of_any_file_is_on_a_chart_of_its_view() {
    let mut rng = econlens::data::mutate::Rng::new(0x00C0_FE4A_6E11);
    let mut values = 0;
    for case in 0..300 {
        let raw = generated::dataset(&mut rng);
        let text = ron::to_string(&raw).expect("serialises");
        let dataset = match econlens::data::load_text(std::path::Path::new("generated.ron"), &text) {
            Ok(dataset) => dataset,
            Err(error) => panic!("case {case}: the generator made an invalid file: {error}\n{text}"),
        };
        let charts = build_charts(&dataset);
        for (at, indicator) in dataset.indicators().iter().enumerate() {
            let ix = econlens::data::model::IndicatorIx(at as u32);
            for obs in indicator.observations() {
                values += 1;
                assert!(
                    covered(&dataset, &charts, ix, obs),
                    "case {case}: {} of {} in {} ({:?}, focus {}) is on no chart of view {:?}; charts: {:#?}",
                    obs.value,
                    dataset.region(obs.region).id,
                    obs.period,
                    indicator.relation,
                    dataset.region(dataset.focus_region()).id,
                    indicator.view,
                    charts.iter().map(|chart| &chart.id).collect::<Vec<_>>()
                );
            }
        }
        let mut ids: Vec<&str> = charts.iter().map(|chart| chart.id.as_str()).collect();
        ids.sort_unstable();
        let count = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), count, "case {case}: chart ids are unique");
        let again: Vec<String> = build_charts(&dataset).into_iter().map(|chart| chart.id).collect();
        assert_eq!(again, charts.iter().map(|chart| chart.id.clone()).collect::<Vec<_>>(), "stable ids");
    }
    assert!(values > 10_000, "the generated files hold enough values: {values}");
}

fn fixture_charts(name: &str) -> (econlens::data::Dataset, Vec<Chart>) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let dataset = econlens::data::load_file(&path, u64::MAX).expect("valid fixture");
    let charts = build_charts(&dataset);
    (dataset, charts)
}

#[test]
fn a_country_focus_charts_its_provinces_quarterly_growth_and_a_provinces_share() {
    let (_, charts) = fixture_charts("national_quarterly.ron");
    let provinces = chart(&charts, "gdp-country-regions-history");
    assert_eq!(provinces.kind, ChartKind::Lines, "three provinces over five years: lines");
    let names: Vec<&str> = provinces.series.iter().map(|series| series.name.zh.as_str()).collect();
    assert_eq!(names, ["北省", "南省", "西省"], "largest latest value first");
    assert!(charts.iter().any(|chart| chart.id == "gdp-country-regions-2023"), "and side by side in 2023");

    let quarterly = chart(&charts, "gdp_growth-country-history-quarters");
    assert_eq!(quarterly.axis, XAxis::Time(econlens::data::model::PeriodKind::Quarter));
    assert_eq!(quarterly.points().count(), 4, "every quarter is drawn");
    assert_eq!(quarterly.title.zh, "测试国 地区生产总值增速（季度）");
    let labels: Vec<(String, String)> = quarterly
        .points()
        .map(|point| (quarterly.label_of(point, Lang::Zh), quarterly.label_of(point, Lang::En)))
        .collect();
    let labels: Vec<(&str, &str)> = labels.iter().map(|(zh, en)| (zh.as_str(), en.as_str())).collect();
    assert_eq!(
        labels,
        [
            ("2023年一季度", "2023 Q1"),
            ("2023年二季度", "2023 Q2"),
            ("2023年三季度", "2023 Q3"),
            ("2023年四季度", "2023 Q4")
        ]
    );
    assert!(
        !charts.iter().any(|chart| chart.axis == XAxis::Time(econlens::data::model::PeriodKind::Year)
            && chart.points().any(|point| point.period.kind() != econlens::data::model::PeriodKind::Year)),
        "no quarter is drawn among years"
    );

    let share = chart(&charts, "north_share-north-history");
    assert_eq!(
        share.points().map(|point| point.value).collect::<Vec<_>>(),
        [39.8],
        "the province's stated share"
    );
}

#[test]
fn the_default_data_focused_on_jinan_charts_shizhongs_history() {
    let text =
        econlens::data::EMBEDDED_DATASET.replacen("focus_region: \"shizhong\"", "focus_region: \"jinan\"", 1);
    let dataset = econlens::data::load_text(std::path::Path::new("jinan.ron"), &text).expect("valid");
    let charts = build_charts(&dataset);
    let districts = chart(&charts, "gdp-jinan-regions-history");
    let shizhong =
        districts.series.iter().find(|series| series.name.zh == "市中区").expect("Shizhong's line");
    let years: Vec<i16> = shizhong.points.iter().map(|point| point.period.year).collect();
    assert!(years.contains(&2015) && years.contains(&2025), "Shizhong's whole history: {years:?}");
    assert!(shizhong.points.iter().any(|point| point.conflict), "with both disputed 2018 values");
    assert_eq!(
        chart(&charts, "gdp-jinan-history").series[0].style,
        SeriesStyle::Focus,
        "Jinan is the focus now"
    );
}
