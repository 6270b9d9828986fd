//! `econlens import` on tables that look like what users bring: a yearbook
//! table of districts by year, a monthly report, a long CSV with Chinese
//! headers, an Excel sheet with a merged header; bad tables that must point
//! at the cell; and the round trip from `check --dump` back to the same data.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use econlens::data::dump::dump_csv;
use econlens::data::model::{Dataset, Period};
use econlens::import::{ImportRequest, Imported, import};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

fn request(table: &Path) -> ImportRequest {
    ImportRequest { table: table.to_owned(), ..ImportRequest::default() }
}

fn imported(request: &ImportRequest) -> Imported {
    match import(request, Path::new("imported.ron")) {
        Ok(imported) => imported,
        Err(problems) => {
            let lines: Vec<String> = problems.iter().map(|p| p.render(econlens::i18n::Lang::En)).collect();
            panic!("{} did not import:\n{}", request.table.display(), lines.join("\n"))
        }
    }
}

/// The problems of a table that must not import, as English lines.
fn problems(request: &ImportRequest) -> Vec<String> {
    match import(request, Path::new("imported.ron")) {
        Ok(imported) => panic!("{} imported, but must not:\n{}", request.table.display(), imported.text),
        Err(problems) => problems.iter().map(|p| p.render(econlens::i18n::Lang::En)).collect(),
    }
}

/// (indicator name, region name, period) → (value, the value's note).
fn values(dataset: &Dataset) -> BTreeMap<(String, String, String), (f64, String)> {
    let mut out = BTreeMap::new();
    for indicator in dataset.indicators() {
        for obs in indicator.observations() {
            let note = obs.note.map(|note| dataset.text(note).to_owned()).unwrap_or_default();
            let key = (
                indicator.name.zh.clone(),
                dataset.region(obs.region).name.zh.clone(),
                obs.period.to_string(),
            );
            assert!(out.insert(key.clone(), (obs.value, note)).is_none(), "{key:?} twice");
        }
    }
    out
}

fn value_of(dataset: &Dataset, indicator: &str, region: &str, period: &str) -> Option<(f64, String)> {
    values(dataset).get(&(indicator.to_owned(), region.to_owned(), period.to_owned())).cloned()
}

#[test]
fn a_yearbook_table_of_districts_by_year_imports_with_its_total_as_the_parent() {
    let done = imported(&request(&fixture("yearbook_districts.csv")));
    let data = &done.dataset;
    let gdp = &data.indicators()[0];
    assert_eq!(
        (gdp.name.zh.as_str(), gdp.unit.zh.as_str()),
        ("地区生产总值", "亿元"),
        "name from the title, unit from 单位：亿元"
    );
    // Thousands separators, a footnote mark, the cell each value came from.
    assert_eq!(
        value_of(data, "地区生产总值", "全市", "2023"),
        Some((12757.4, "yearbook_districts.csv:4:4".to_owned()))
    );
    assert_eq!(
        value_of(data, "地区生产总值", "市中区", "2023"),
        Some((1350.4, "yearbook_districts.csv:6:4".to_owned()))
    );
    assert_eq!(value_of(data, "地区生产总值", "槐荫区", "2023").map(|v| v.0), Some(930.1));
    // — is missing, never zero.
    assert_eq!(value_of(data, "地区生产总值", "天桥区", "2022"), None);
    assert_eq!(values(data).len(), 14);
    // 全市 is the parent of the districts and the focus, not their sibling.
    let total = data.regions().iter().position(|r| r.name.zh == "全市").unwrap();
    for district in ["历下区", "市中区", "槐荫区", "天桥区"] {
        let region = data.regions().iter().find(|r| r.name.zh == district).unwrap();
        assert_eq!(region.parent.map(|p| p.0 as usize), Some(total), "{district}'s parent");
        assert!(region.id.is_ascii(), "{} is an ASCII id", region.id);
    }
    assert_eq!(data.focus_region().0 as usize, total);
    let skipped = done.reading.skipped;
    assert_eq!(
        (skipped.blank_rows, skipped.note_rows, skipped.missing_values),
        (1, 1, 1),
        "注： row, blank row and — counted"
    );
}

#[test]
fn a_csv_saved_by_chinese_excel_in_gb18030_reads_the_same_and_says_so() {
    let text = std::fs::read_to_string(fixture("yearbook_districts.csv")).unwrap();
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture is not UTF-8 any more");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("yearbook_districts.csv");
    std::fs::write(&path, &bytes).unwrap();
    let done = imported(&request(&path));
    assert_eq!(done.encoding, Some("GB18030"));
    assert_eq!(
        values(&done.dataset),
        values(&imported(&request(&fixture("yearbook_districts.csv"))).dataset)
    );
    let summary = econlens::import::report::reading_summary(
        &done.place,
        done.encoding,
        &done.reading,
        econlens::i18n::Lang::Zh,
    );
    assert!(summary.starts_with("读取：yearbook_districts.csv（编码 GB18030）"), "{summary}");
}

#[test]
fn a_monthly_report_gives_the_month_the_year_to_date_and_its_growth() {
    let mut req = request(&fixture("monthly_report.csv"));
    // The title names 市中区, but a region is never guessed from a title's words: asked for.
    let asked = problems(&req);
    assert!(asked.iter().any(|p| p.contains("--region")), "{asked:?}");
    req.read.region = Some("市中区".to_owned());
    let data = imported(&req).dataset;
    assert_eq!(value_of(&data, "社会消费品零售总额", "市中区", "2024M09").map(|v| v.0), Some(45.6));
    assert_eq!(value_of(&data, "社会消费品零售总额", "市中区", "2024M01-M09").map(|v| v.0), Some(398.2));
    // Full-width digits, a negative growth, … as missing.
    assert_eq!(value_of(&data, "一般公共预算收入增速", "市中区", "2024M01-M09").map(|v| v.0), Some(2.5));
    assert_eq!(value_of(&data, "固定资产投资增速", "市中区", "2024M01-M09").map(|v| v.0), Some(-3.2));
    assert_eq!(value_of(&data, "固定资产投资", "市中区", "2024M09"), None);
    let growth = data.indicators().iter().find(|i| i.name.zh == "社会消费品零售总额增速").unwrap();
    let level = data.indicators().iter().position(|i| i.name.zh == "社会消费品零售总额").unwrap();
    assert!(
        matches!(growth.relation, econlens::data::model::Relation::Growth { of, .. } if of.0 as usize == level),
        "the growth column is tied to its level: {:?}",
        growth.relation
    );
    let periods: Vec<String> = data.indicators()[level]
        .observations()
        .iter()
        .map(|o| o.period.label(econlens::i18n::Lang::Zh))
        .collect();
    assert_eq!(periods, ["2024年9月", "2024年1-9月"]);
}

#[test]
fn a_long_csv_with_chinese_headers_keeps_sources_notes_and_half_years() {
    let data = imported(&request(&fixture("long_chinese.csv"))).dataset;
    assert_eq!(values(&data).len(), 6);
    assert_eq!(value_of(&data, "金融业增加值", "市中区", "2024H1").map(|v| v.0), Some(140.1));
    let growth = value_of(&data, "地区生产总值增速", "市中区", "2023").unwrap();
    assert_eq!(growth.0, 6.2);
    assert!(growth.1.contains("按可比价计算") && growth.1.contains("long_chinese.csv:5:4"), "{}", growth.1);
    assert_eq!(data.sources().len(), 1);
    assert_eq!(data.sources()[0].title, "区统计公报");
}

#[test]
fn an_excel_sheet_with_a_year_merged_over_value_and_growth_imports_by_cell() {
    let done = imported(&request(&fixture("merged_header.xlsx")));
    let data = &done.dataset;
    assert_eq!(value_of(data, "地区生产总值", "市中区", "2023"), Some((1350.4, "区县!D6".to_owned())));
    assert_eq!(value_of(data, "地区生产总值增速", "市中区", "2023"), Some((6.2, "区县!E6".to_owned())));
    assert_eq!(value_of(data, "地区生产总值增速", "槐荫区", "2022"), None, "— is missing");
    assert_eq!(done.reading.header_rows, (1, Some(2)), "two header rows under a merged title");
    assert_eq!(values(data).len(), 15);
}

/// Writes `text` as `name` in a new folder and returns its path (the folder lives as long as the guard).
fn table(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn a_bad_table_is_refused_with_the_cell_and_what_was_expected() {
    let cases = [
        ("指标,地区,年份,数值,单位\nGDP,A区,2023,abc,亿元\n", "t.csv:2:4: expected a number, found \"abc\""),
        ("指标,地区,年份,数值,单位\nGDP,A区,2023年春,5,亿元\n", "t.csv:2:3: unknown period \"2023年春\""),
        (
            "指标,地区,年份,数值,单位\nGDP,A区,2023,5,亿元\nGDP,B区,2023,5,万元\n",
            "t.csv:3:5: indicator \"GDP\" has two units",
        ),
        (
            "指标,地区,年份,数值,单位\nGDP,A区,2023,5,亿元\nGDP,A区,2023,6,亿元\n",
            "t.csv:3:4: A区 GDP 2023 is already given at t.csv:2:4",
        ),
        ("地区,2023年\nA区,1\n", "t.csv:2:2: the table is of one indicator but does not say which"),
        // Refused by the checks every file passes, still at its cell.
        (
            "指标,地区,年份,数值,单位\n企业数,A区,2023,3.5,家\n",
            "t.csv:2:4: a count in 家 must be a whole number",
        ),
        ("指标,地区,年份,数值,单位\n", "t.csv: no values were found in the table"),
    ];
    for (text, expected) in cases {
        let (_dir, path) = table("t.csv", text);
        let found = problems(&request(&path));
        assert!(
            found.iter().any(|p| p.starts_with(expected)),
            "{text:?}: expected {expected:?}, got {found:?}"
        );
    }
}

#[test]
fn rows_without_a_source_of_their_own_take_the_tables() {
    let (_dir, path) =
        table("t.csv", "指标,地区,年份,数值,单位,来源\n企业数,A区,2023,3,家,\n企业数,B区,2023,4,家,年鉴\n");
    let mut req = request(&path);
    req.source.publisher = Some("某区统计局".to_owned());
    let data = imported(&req).dataset;
    let source_of = |region: &str| {
        let indicator = &data.indicators()[0];
        let obs = indicator.observations().iter().find(|o| data.region(o.region).name.zh == region).unwrap();
        data.source(obs.source).title.clone()
    };
    assert_eq!((source_of("A区"), source_of("B区")), ("t.csv".to_owned(), "年鉴".to_owned()));
}

#[test]
fn an_empty_table_or_sheet_and_a_table_over_the_size_cap_are_refused() {
    let (_dir, empty) = table("empty.csv", "");
    assert!(problems(&request(&empty))[0].contains("the table is empty"));
    let (_dir2, blank_rows) = table("blank.csv", ",,\n,,\n");
    assert!(problems(&request(&blank_rows))[0].contains("the table is empty"));
    // An empty sheet of a workbook, and a sheet that is not there.
    let mut sheet = request(&fixture("merged_header.xlsx"));
    sheet.sheet = Some("空表".to_owned());
    assert!(problems(&sheet)[0].contains("the table is empty"));
    sheet.sheet = Some("2023".to_owned());
    assert!(problems(&sheet)[0].contains("no sheet named \"2023\"; the sheets are: 区县、说明、空表"));
    // 200 MB, sparse: refused by its size, never read.
    let (_dir3, huge) = table("huge.csv", "");
    std::fs::OpenOptions::new().write(true).open(&huge).unwrap().set_len(200 * 1024 * 1024).unwrap();
    let refused = problems(&request(&huge));
    assert!(refused[0].contains("200 MiB, over the limit of 100 MiB"), "{refused:?}");
}

#[test]
fn a_million_row_long_table_imports_every_value() {
    let mut text = String::with_capacity(40_000_000);
    text.push_str("indicator,region,period,value,unit\n");
    for row in 0..1_000_000_u32 {
        let (region, year) = (row / 25, 2000 + row % 25);
        text.push_str(&format!("gdp,r{region},{year},{}.5,亿元\n", row % 9973));
    }
    let (_dir, path) = table("million.csv", &text);
    let done = imported(&request(&path));
    assert_eq!(done.dataset.observation_count(), 1_000_000);
    assert_eq!(done.dataset.regions().len(), 40_000);
    assert_eq!(done.reading.rows, 1_000_000);
}

#[test]
fn merging_into_a_file_adds_values_and_reports_disagreements_without_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.ron");
    // The file says its last region is made up of the others: a merge keeps that.
    let text = imported(&request(&fixture("long_chinese.csv"))).text;
    let marked = text.replacen("),\n    ],\n    sources", ", partitioned: true),\n    ],\n    sources", 1);
    assert_ne!(marked, text);
    std::fs::write(&first, marked).unwrap();
    let (_dir, path) = table(
        "more.csv",
        "指标,地区,年份,数值,单位,来源\n地区生产总值,市中区,2023,1350.4,亿元,年鉴\n地区生产总值,市中区,2024,1401.2,亿元,年鉴\n地区生产总值,历下区,2023,2230,亿元,年鉴\n",
    );
    let mut req = request(&path);
    req.into = Some(first);
    let done = imported(&req);
    assert_eq!((done.built.added, done.built.already_there, done.built.conflicts.len()), (1, 1, 1));
    let conflict = &done.built.conflicts[0];
    assert_eq!((conflict.in_file, conflict.in_table), (2228.9, 2230.0));
    // Both values kept, marked disputed; the file's other values all still there.
    let gdp = done.dataset.indicators().iter().find(|i| i.name.zh == "地区生产总值").unwrap();
    let lixia: Vec<(f64, bool)> = gdp
        .observations()
        .iter()
        .filter(|o| done.dataset.region(o.region).name.zh == "历下区")
        .map(|o| (o.value, o.conflict))
        .collect();
    assert_eq!(lixia, [(2228.9, true), (2230.0, true)]);
    assert_eq!(done.dataset.observation_count(), 6 + 2);
    assert_eq!(done.dataset.sources().len(), 2, "the table's source is added");
    assert_eq!(
        done.dataset.regions().iter().filter(|region| region.partitioned).count(),
        1,
        "kept through the merge"
    );
}

/// A small, deterministic generator for the round trip's datasets.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// A dataset in RON with every period kind, status, qualifier and disputed values.
fn generated_ron(seed: u64) -> String {
    let mut rng = Lcg(seed);
    let regions = 1 + rng.below(6);
    let mut out = String::from("(version: 1, title: (zh: \"生成\"), focus_region: \"r0\", regions: [");
    for r in 0..regions {
        let name = ["市中区", "Lixia, \"east\"", "槐荫区", "Region 3", "天桥区", "历城区"][r as usize];
        out.push_str(&format!("(id: \"r{r}\", name: (zh: {name:?})),"));
    }
    out.push_str("], sources: [");
    for s in 0..3 {
        out.push_str(&format!("(id: \"s{s}\", title: \"t{s}\", publisher: \"p\", kind: Official),"));
    }
    out.push_str("], indicators: [");
    let periods = ["2019", "2020", "2024H1", "2023Q3", "2024M10", "2024M01-M09", "2023M01-M06"];
    let statuses = ["", ", status: Estimate", ", status: Derived, note: \"formula\""];
    let qualifiers = ["", ", qualifier: Over", ", qualifier: About"];
    for i in 0..1 + rng.below(4) {
        let unit = ["亿元", "%", "亿美元", "万元"][rng.below(4) as usize];
        out.push_str(&format!(
            "(id: \"i{i}\", name: (zh: \"指标{i}\"), unit: {unit:?}, view: \"output\", observations: ["
        ));
        for r in 0..regions {
            for period in periods {
                match rng.below(4) {
                    0 => {}
                    1 => {
                        // Two sources that disagree.
                        let value = rng.below(90_000) as f64 / 100.0;
                        for (s, v) in [(0, value), (1, value + 1.25)] {
                            out.push_str(&format!(
                                "(region: \"r{r}\", period: {period:?}, value: {v}, source: \"s{s}\", conflict: true),"
                            ));
                        }
                    }
                    _ => {
                        // Within what any unit may hold (a count is not negative, a percentage at most 1000).
                        let value = rng.below(1_000_000) as f64 / 1000.0;
                        let status = statuses[rng.below(3) as usize];
                        let qualifier = qualifiers[rng.below(3) as usize];
                        let source = rng.below(3);
                        out.push_str(&format!(
                            "(region: \"r{r}\", period: {period:?}, value: {value}, source: \"s{source}\"{status}{qualifier}),"
                        ));
                    }
                }
            }
        }
        out.push_str("]),");
    }
    out.push_str("])");
    out
}

/// One value as the two datasets are compared: indicator, region, period,
/// source, value, unit, status, qualifier and whether its sources disagree.
type Row = (String, String, String, String, u64, String, String, String, bool);

/// Every value of `dataset` as rows, sorted (the import may order them
/// differently). A dump names indicators, regions and sources by their ids,
/// which the import makes their names (`imported` says which side it is).
///
/// What a dump cannot carry, and the round trip therefore does not compare:
/// region names and parents, partitions and aggregates; indicator names,
/// relations (growth of, share of, rank among), views and notes; source
/// titles, publishers, kinds, dates and URLs; quotes, observation notes
/// (the import writes each value's cell there instead), series breaks,
/// lists and saved charts.
fn rows(dataset: &econlens::data::Dataset, imported: bool) -> Vec<Row> {
    let mut rows = Vec::new();
    for indicator in dataset.indicators() {
        let indicator_key = if imported { indicator.name.zh.clone() } else { indicator.id.clone() };
        for obs in indicator.observations() {
            let region = dataset.region(obs.region);
            let source = dataset.source(obs.source);
            rows.push((
                indicator_key.clone(),
                if imported { region.name.zh.clone() } else { region.id.clone() },
                obs.period.to_string(),
                if imported { source.title.clone() } else { source.id.clone() },
                obs.value.to_bits(),
                indicator.unit.zh.clone(),
                format!("{:?}", obs.status),
                format!("{:?}", obs.qualifier),
                obs.conflict,
            ));
        }
    }
    rows.sort();
    rows
}

#[test]
fn a_dump_imports_back_to_the_same_values_periods_regions_units_sources_statuses_and_qualifiers() {
    let dir = tempfile::tempdir().unwrap();
    let mut tried = 0;
    for seed in 0..60 {
        let text = generated_ron(seed);
        let original = match econlens::data::load_text(Path::new("generated.ron"), &text) {
            Ok(original) => original,
            Err(error) => {
                panic!("the generated file is not valid: {}\n{text}", error.message(econlens::i18n::Lang::En))
            }
        };
        if original.observation_count() == 0 {
            continue;
        }
        tried += 1;
        let dump = dump_csv(&original);
        let path = dir.path().join(format!("dump{seed}.csv"));
        std::fs::write(&path, &dump).unwrap();
        let back = imported(&request(&path)).dataset;
        assert_eq!(rows(&back, true), rows(&original, false), "seed {seed}");
        assert_eq!(
            back.observation_count(),
            original.observation_count(),
            "seed {seed}: no value lost or added"
        );
    }
    assert!(tried >= 50, "{tried} datasets tried");
    // And the shipped data, with its disputed values.
    let shipped = econlens::data::load_embedded().unwrap();
    let path = dir.path().join("shipped.csv");
    std::fs::write(&path, dump_csv(&shipped)).unwrap();
    let back = imported(&request(&path)).dataset;
    assert_eq!(rows(&back, true), rows(&shipped, false));
    let periods: Vec<Period> =
        back.indicators().iter().flat_map(|i| i.observations().iter().map(|o| o.period)).collect();
    assert!(periods.iter().any(|p| p.to_string() == "2024H1"));
}

fn econlens(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_econlens"))
        .args(args)
        .current_dir(dir)
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("the econlens binary runs")
}

#[test]
fn the_import_command_writes_a_valid_file_and_says_what_it_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("yearbook_districts.csv"), dir.path().join("年鉴.csv")).unwrap();
    let output = econlens(
        dir.path(),
        &["import", "年鉴.csv", "--publisher", "济南市统计局", "--kind", "official", "--out", "年鉴.ron"],
    );
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    for line in [
        "读取：年鉴.csv",
        "数据行 5 · 数值 14 · 地区 5（全市 为上级地区） · 指标 1",
        "时期：2021–2023（年度）",
        "注释行 1",
        "年鉴.ron：有效",
    ] {
        assert!(out.contains(line), "lacks {line:?}:\n{out}");
    }
    let written = std::fs::read_to_string(dir.path().join("年鉴.ron")).unwrap();
    assert!(written.starts_with("// Imported by EconLens from 年鉴.csv"));
    assert!(written.contains("publisher: \"济南市统计局\", kind: Official"));
    // The written file opens like any other.
    let check = econlens(dir.path(), &["check", "年鉴.ron"]);
    assert_eq!(check.status.code(), Some(0));

    // A bad table: exit 1, the cell in the message, nothing written.
    std::fs::write(dir.path().join("坏.csv"), "指标,地区,年份,数值,单位\nGDP,A区,2023,十二,亿元\n").unwrap();
    let output = econlens(dir.path(), &["import", "坏.csv", "--out", "坏.ron"]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(err.contains("坏.csv:2:4: ") && err.contains("\"十二\"") && !err.contains("panicked"), "{err}");
    assert!(!dir.path().join("坏.ron").exists());
}
