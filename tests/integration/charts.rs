//! Chart models built from the embedded dataset, checked without a window:
//! what each chart holds is what the screen and an export will show.

use econlens::chart::catalogue::build_charts;
use econlens::chart::{Chart, ChartKind, SeriesStyle, XAxis};
use econlens::data::load_embedded;
use econlens::data::model::{Qualifier, Status, View};

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
