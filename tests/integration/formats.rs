//! Publishers' download formats, each from a small fixture of our own
//! numbers in the publisher's shape (`tests/fixtures/formats`): recognised
//! without flags, every value at its cell, the source from the file, what
//! the file does not say asked for. `.ci/run` imports the real downloads of
//! `../shared/real-tables` as well (`.ci/real_tables.sh`).

use std::path::{Path, PathBuf};

use econlens::data::model::{Dataset, RegionIx, SourceKind, Status};
use econlens::i18n::Lang;
use econlens::import::{ImportRequest, Imported, import};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats");

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

fn try_import(name: &str, edit: impl FnOnce(&mut ImportRequest)) -> Result<Imported, Vec<String>> {
    let mut request = ImportRequest { table: fixture(name), ..ImportRequest::default() };
    edit(&mut request);
    import(&request, Path::new("imported.ron"))
        .map_err(|problems| problems.iter().map(|problem| problem.render(Lang::En)).collect())
}

fn imported(name: &str) -> Imported {
    try_import(name, |_| {})
        .unwrap_or_else(|problems| panic!("{name} did not import:\n{}", problems.join("\n")))
}

/// The value of `indicator` (Chinese name) for `region` (name) in `period`, with its status and note.
fn value(data: &Dataset, indicator: &str, region: &str, period: &str) -> Option<(f64, Status, String)> {
    let indicator = data.indicators().iter().find(|known| known.name.zh == indicator)?;
    indicator
        .observations()
        .iter()
        .find(|obs| data.region(obs.region).name.zh == region && obs.period.to_string() == period)
        .map(|obs| {
            let note = obs.note.map(|note| data.text(note).to_owned()).unwrap_or_default();
            (obs.value, obs.status, note)
        })
}

fn region<'a>(data: &'a Dataset, name: &str) -> &'a econlens::data::model::Region {
    data.regions().iter().find(|region| region.name.zh == name).unwrap_or_else(|| panic!("no region {name}"))
}

fn summary(done: &Imported, lang: Lang) -> String {
    econlens::import::report::reading_summary(&done.place, done.encoding, &done.reading, lang)
}

#[test]
fn an_nbs_provincial_export_reads_its_metadata_lines_notes_and_publisher() {
    let done = imported("nbs_provinces_annual.csv");
    let data = &done.dataset;
    assert_eq!(done.encoding, Some("GB18030"));
    assert_eq!(data.indicators().len(), 1);
    assert_eq!(
        (data.indicators()[0].name.zh.as_str(), data.indicators()[0].unit.zh.as_str()),
        ("地区生产总值", "亿元")
    );
    assert_eq!(
        value(data, "地区生产总值", "甲省", "2023"),
        Some((1200.5, Status::Reported, "nbs_provinces_annual.csv:5:2".to_owned()))
    );
    assert_eq!(value(data, "地区生产总值", "丙自治区", "2021").map(|v| v.0), Some(410.0));
    assert_eq!(value(data, "地区生产总值", "乙省", "2022"), None, "an empty cell is missing, never zero");
    // 3 provinces × 3 years, one cell empty.
    assert_eq!(data.observation_count(), 8);
    let source = &data.sources()[0];
    assert_eq!((source.publisher.as_str(), source.kind), ("国家统计局", SourceKind::Official));
    assert_eq!(source.title, "分省年度数据");
    let note = source.note.as_deref().unwrap_or_default();
    assert!(
        note.contains("本表为测试数据") && note.contains("2022年乙省数据暂缺"),
        "both note lines: {note}"
    );
    // Provinces are peers: none is the parent of another, none a total.
    assert!(data.regions().iter().all(|region| region.parent.is_none()));
    let text = summary(&done, Lang::Zh);
    assert!(text.contains("国家统计局国家数据导出") && text.contains("数据库：分省年度数据"), "{text}");
}

#[test]
fn an_nbs_xls_export_with_an_unreleased_year_of_empty_text_reads_no_zeros() {
    let done = imported("nbs_provinces.xls");
    let data = &done.dataset;
    assert_eq!(
        value(data, "地区生产总值", "乙省", "2023"),
        Some((800.0, Status::Reported, "分省年度数据!C6".to_owned()))
    );
    assert!(
        data.indicators()[0].observations().iter().all(|obs| obs.period.to_string() != "2024"),
        "'' is missing"
    );
    assert_eq!(data.observation_count(), 4);
    assert_eq!(done.reading.skipped.missing_values, 2);
    let note = data.sources()[0].note.as_deref().unwrap_or_default();
    assert!(note.contains("2024年数据尚未发布"), "the indented note line is kept: {note}");
}

#[test]
fn an_nbs_quarterly_export_reads_quarters_their_year_to_date_and_growth() {
    let done = imported("nbs_national_quarterly.csv");
    let data = &done.dataset;
    // 当季值 is the quarter, 累计值 January to its end, 累计增长 the growth of the same span.
    assert_eq!(value(data, "国内生产总值", "全国", "2023Q4").map(|v| v.0), Some(350.0));
    assert_eq!(value(data, "国内生产总值", "全国", "2023M01-M12").map(|v| v.0), Some(1260.0));
    assert_eq!(value(data, "国内生产总值", "全国", "2024M01-M03").map(|v| v.0), Some(300.0));
    assert_eq!(value(data, "国内生产总值增速", "全国", "2023M01-M09").map(|v| v.0), Some(5.0));
    let growth = data.indicators().iter().find(|indicator| indicator.name.zh == "国内生产总值增速").unwrap();
    assert!(
        matches!(growth.relation, econlens::data::model::Relation::Growth { .. }),
        "the growth is tied to its level"
    );
    assert_eq!(value(data, "工业增加值", "全国", "2023Q4"), None);
    assert_eq!(data.region(data.focus_region()).name.zh, "全国", "a national database is 全国");
}

#[test]
fn an_nbs_monthly_export_with_periods_down_reads_the_january_february_rule() {
    let done = imported("nbs_national_monthly.csv");
    let data = &done.dataset;
    let cpi = data.indicators().iter().find(|indicator| indicator.name.zh == "居民消费价格指数").unwrap();
    assert_eq!(cpi.unit.zh, "上年同月=100", "the base is the unit");
    assert_eq!(value(data, "居民消费价格指数", "全国", "2024M02").map(|v| v.0), Some(100.7));
    // 出口总值累计值 under 2月 is January–February; single-month February is empty.
    assert_eq!(value(data, "出口总值", "全国", "2024M01-M02").map(|v| v.0), Some(1500.0));
    assert_eq!(value(data, "出口总值", "全国", "2024M02"), None);
    assert_eq!(value(data, "出口总值", "全国", "2023M12").map(|v| v.0), Some(900.0));
    assert_eq!(value(data, "出口总值", "全国", "2023M01-M12").map(|v| v.0), Some(9000.0));
    let note = data.sources()[0].note.as_deref().unwrap_or_default();
    assert!(note.contains("1-2月累计数据在2月列出") && note.contains("单月2月不单独发布"), "{note}");
}

#[test]
fn an_nbs_table_without_its_region_is_asked_about_not_guessed() {
    let problems = try_import("nbs_no_region.csv", |_| {}).err().expect("refused");
    assert!(
        problems.iter().any(|p| p.contains("does not say its region") && p.contains("--region")),
        "{problems:?}"
    );
    let done = try_import("nbs_no_region.csv", |request| request.read.region = Some("丁省".to_owned()))
        .expect("imports once the region is given");
    assert_eq!(value(&done.dataset, "地区生产总值", "丁省", "2023M01-M12").map(|v| v.0), Some(1260.0));
}

#[test]
fn a_world_bank_download_keeps_codes_dates_and_aggregates_apart() {
    let done = imported("API_TEST.GDP_DS2_en_csv_v2_1.csv");
    let data = &done.dataset;
    assert_eq!(
        (data.indicators()[0].name.zh.as_str(), data.indicators()[0].unit.zh.as_str()),
        ("GDP", "current US$")
    );
    assert_eq!(data.indicators()[0].id, "NY.GDP.MKTP.CD");
    assert_eq!(value(data, "GDP", "Testland", "2021").map(|v| v.0), Some(1_100_000.25));
    assert_eq!(
        value(data, "GDP", "Bahamas, The", "2022").map(|v| v.0),
        Some(520_000.0),
        "a name with a comma"
    );
    assert_eq!(value(data, "GDP", "Testland", "2023"), None, "the empty last year is missing");
    assert_eq!(region(data, "Bahamas, The").id, "BHS");
    assert!(region(data, "World").aggregate && region(data, "Euro area").aggregate);
    assert!(!region(data, "Testland").aggregate);
    let source = &data.sources()[0];
    assert_eq!(
        (source.title.as_str(), source.publisher.as_str(), source.date.as_deref()),
        ("World Development Indicators", "World Bank", Some("2024-07-01"))
    );
    assert_eq!(data.region(data.focus_region()).name.zh, "Testland", "the first country, not an aggregate");
}

#[test]
fn a_table_of_peers_opens_on_their_ranking_without_the_aggregates() {
    let done = imported("API_TEST.GDP_DS2_en_csv_v2_1.csv");
    let charts = econlens::chart::catalogue::build_charts(&done.dataset);
    let first = charts.iter().find(|chart| chart.view == econlens::data::model::View::Output).unwrap();
    assert_eq!(first.kind, econlens::chart::ChartKind::Bars, "{}", first.id);
    let period = first.points().next().map(|point| point.period.to_string());
    assert_eq!(period.as_deref(), Some("2022"), "the latest year nearly all report");
    let names: Vec<String> = first
        .points()
        .filter_map(|point| point.origin.map(|origin| done.dataset.region(origin.region).name.zh.clone()))
        .collect();
    assert_eq!(names, ["Testland", "Otherland", "Bahamas, The"], "largest first, no aggregate among them");
    assert!(charts.iter().any(|chart| chart.id.contains("aggregates")), "aggregates are drawn apart");
}

#[test]
fn a_eurostat_tsv_reads_flags_as_estimates_or_notes_and_nests_nuts_codes() {
    let done = imported("estat_test_gdp.tsv");
    let data = &done.dataset;
    assert_eq!(data.indicators().len(), 2, "one indicator per unit");
    let mio = data.indicators().iter().find(|indicator| indicator.unit.zh == "million EUR").unwrap();
    let name = mio.name.zh.clone();
    assert_eq!(value(data, &name, "XA", "2022").map(|v| (v.0, v.1)), Some((320.0, Status::Estimate)), "p");
    assert_eq!(value(data, &name, "XA1", "2022").map(|v| v.1), Some(Status::Estimate), "e");
    let (_, status, note) = value(data, &name, "XA1", "2021").unwrap();
    assert_eq!(status, Status::Reported);
    assert!(note.contains("break in time series (b)") && note.ends_with("estat_test_gdp.tsv:4:3"), "{note}");
    assert!(value(data, &name, "XB", "2022").unwrap().2.contains("definition differs (d)"));
    let breaks: Vec<String> = mio
        .observations()
        .iter()
        .filter(|obs| obs.series_break)
        .map(|obs| format!("{} {}", data.region(obs.region).id, obs.period))
        .collect();
    assert_eq!(breaks, ["XA1 2021"], "the b flag breaks the line there");
    assert_eq!(value(data, &name, "XA11", "2022"), None, "':' is missing");
    assert_eq!(value(data, &name, "XA", "2020").map(|v| v.0), Some(300.0), "trailing spaces");
    let parent =
        |name: &str| region(data, name).parent.map(|parent: RegionIx| data.region(parent).id.clone());
    assert_eq!(parent("XA11").as_deref(), Some("XA1"));
    assert_eq!(parent("XA1").as_deref(), Some("XA"));
    assert_eq!(parent("XA"), None);
    assert!(region(data, "EU27_2020").aggregate);
    assert_eq!(data.sources()[0].publisher, "Eurostat");
}

#[test]
fn an_sdmx_csv_applies_unit_mult_and_reads_obs_status() {
    let done = imported("oecd_test_sdmx.csv");
    let data = &done.dataset;
    let usd = data.indicators().iter().find(|indicator| indicator.name.zh == "B1GQ USD").unwrap();
    // Rows at 10^6 and 10^9: written in millions, the 10^9 rows scaled ×1000 and saying so.
    assert_eq!(usd.unit.zh, "million USD");
    let (value_aaa, status, note) = value(data, "B1GQ USD", "AAA", "2022").unwrap();
    assert!((value_aaa - 45_250.0).abs() < 1e-9, "45.25 × 10^9 is 45,250 million");
    assert_eq!(status, Status::Estimate, "OBS_STATUS E");
    assert!(note.contains("UNIT_MULT 9"), "{note}");
    assert_eq!(value(data, "B1GQ USD", "BBB", "2021").map(|v| v.0), Some(900.0), "already in millions");
    assert!(region(data, "OECD").aggregate && !region(data, "AAA").aggregate);
    let national = data.indicators().iter().find(|indicator| indicator.name.zh == "B1GQ XDC").unwrap();
    assert_eq!(national.unit.zh, "billion national currency");
    assert!(value(data, "B1GQ XDC", "AAA", "2022").unwrap().2.contains("currency EUR"));
    assert_eq!(data.sources()[0].publisher, "OECD");
}

#[test]
fn a_fred_file_reads_its_periods_from_the_dates_and_asks_for_the_unit() {
    let problems = try_import("fred_TESTQ.csv", |_| {}).err().expect("no unit, no import");
    assert!(
        problems.iter().any(|p| p.contains("does not state the unit") && p.contains("--unit")),
        "{problems:?}"
    );
    let done =
        try_import("fred_TESTQ.csv", |request| request.read.unit = Some("billion USD".to_owned())).unwrap();
    let data = &done.dataset;
    assert_eq!(value(data, "TESTQ", "（未注明地区）", "2023Q2").map(|v| v.0), Some(101.25));
    assert_eq!(value(data, "TESTQ", "（未注明地区）", "2024Q1").map(|v| v.0), Some(104.125));
    assert_eq!(value(data, "TESTQ", "（未注明地区）", "2023Q3"), None, "'.' is missing");
    assert_eq!(data.sources()[0].publisher, "Federal Reserve Bank of St. Louis");
    let done = try_import("fred_TESTM_old.csv", |request| {
        request.read.unit = Some("%".to_owned());
        request.read.region = Some("United States".to_owned());
    })
    .unwrap();
    assert_eq!(value(&done.dataset, "TESTM", "United States", "2024M01").map(|v| v.0), Some(3.9));
}

#[test]
fn focus_is_chosen_by_name_or_code_and_an_unknown_one_is_refused() {
    let done =
        try_import("API_TEST.GDP_DS2_en_csv_v2_1.csv", |request| request.focus = Some("OTH".to_owned()))
            .unwrap();
    assert_eq!(done.dataset.region(done.dataset.focus_region()).name.zh, "Otherland");
    let problems =
        try_import("API_TEST.GDP_DS2_en_csv_v2_1.csv", |request| request.focus = Some("Atlantis".to_owned()))
            .err()
            .expect("refused");
    assert!(problems.iter().any(|p| p.contains("no region \"Atlantis\"")), "{problems:?}");
}

#[test]
fn the_audit_of_an_imported_table_speaks_once_for_its_cells() {
    let done = imported("nbs_provinces_annual.csv");
    let findings = econlens::audit::audit(&done.dataset);
    let about_quotes: Vec<_> =
        findings.iter().filter(|finding| finding.check == econlens::audit::Check::MissingQuote).collect();
    assert_eq!(about_quotes.len(), 1, "one finding for the table, not one per value");
    assert_eq!(about_quotes[0].values.len(), done.dataset.observation_count());
    assert_eq!(about_quotes[0].verdict, econlens::audit::Verdict::Noted);
}

#[test]
fn eurostats_sdmx_csv_reads_its_flags_nuts_codes_and_last_update() {
    let done = imported("estat_test_sdmx.csv");
    let data = &done.dataset;
    assert_eq!(data.indicators().len(), 1, "LAST UPDATE is not a dimension");
    let name = data.indicators()[0].name.zh.clone();
    assert_eq!(name, "MIO_EUR");
    assert_eq!(value(data, &name, "XA", "2022").map(|v| (v.0, v.1)), Some((320.0, Status::Estimate)), "p");
    let obs =
        data.indicators()[0].observations().iter().find(|obs| data.region(obs.region).id == "XA1").unwrap();
    assert!(obs.series_break, "b");
    assert_eq!(
        region(data, "XA1").parent.map(|parent| data.region(parent).id.clone()).as_deref(),
        Some("XA")
    );
    assert!(region(data, "EU27_2020").aggregate);
    let source = &data.sources()[0];
    assert_eq!((source.publisher.as_str(), source.date.as_deref()), ("Eurostat", Some("2024-03-15")));
}

/// Damaged downloads never crash the importer: every fixture, changed at
/// random (bytes deleted, inserted, replaced, the file cut short) 300 times
/// with a fixed seed, either imports or is refused with problems that say
/// where and what.
#[test]
fn damaged_downloads_are_refused_with_their_place_never_a_panic() {
    use econlens::data::mutate::{Rng, mutate};
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng::new(20_261_206);
    let mut refused = 0;
    for entry in std::fs::read_dir(FIXTURES).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_owned();
        let original = std::fs::read(&path).unwrap();
        // ECONLENS_DAMAGE_ROUNDS runs longer by hand (20,000 per fixture found nothing more on 2026-12-06).
        let rounds = std::env::var("ECONLENS_DAMAGE_ROUNDS").ok().and_then(|n| n.parse().ok()).unwrap_or(300);
        for _ in 0..rounds {
            let mut bytes = mutate(&original, &mut rng);
            for _ in 0..rng.below(3) {
                bytes = mutate(&bytes, &mut rng);
            }
            let damaged = dir.path().join(&name);
            std::fs::write(&damaged, &bytes).unwrap();
            let mut request = ImportRequest { table: damaged, ..ImportRequest::default() };
            request.read.unit = Some("unit".to_owned());
            if let Err(problems) = import(&request, Path::new("imported.ron")) {
                refused += 1;
                for problem in &problems {
                    assert!(!problem.place.is_empty() && !problem.message.en.is_empty(), "{problem:?}");
                }
            }
        }
    }
    assert!(refused > 100, "the damage was noticed in {refused} files");
}

/// An NBS table of one cumulative indicator beside its own months, as text.
fn nbs_months(january_so_far: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("月度数据.csv");
    let text = format!(
        "数据库：月度数据\n时间：2024-\n时间,出口总值当期值(千美元),出口总值累计值(千美元)\n\
         2024年2月,,1500\n2024年1月,700,{january_so_far}\n数据来源：国家统计局\n"
    );
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn a_cumulative_january_is_the_month_itself_read_once() {
    let (_dir, path) = nbs_months("700");
    let request = ImportRequest { table: path, ..ImportRequest::default() };
    let done = import(&request, Path::new("t.ron")).unwrap_or_else(|_| panic!("imports"));
    assert_eq!(value(&done.dataset, "出口总值", "全国", "2024M01").map(|v| v.0), Some(700.0));
    assert_eq!(done.dataset.observation_count(), 2, "January once, January–February once");
    // A cumulative January that differs from the month's own figure is a problem at both cells.
    let (_dir, path) = nbs_months("701");
    let request = ImportRequest { table: path, ..ImportRequest::default() };
    let Err(problems) = import(&request, Path::new("t.ron")) else { panic!("two Januaries must not import") };
    let text: Vec<String> = problems.iter().map(|p| p.render(Lang::En)).collect();
    assert!(text.iter().any(|p| p.contains("月度数据.csv:5:3") && p.contains("5:2")), "{text:?}");
}
