//! `econlens check` run as a process on good and bad files: exit codes,
//! messages with file, line:col and field path, and no panic on any input.

use std::io::Read as _;
use std::process::{Command, Output, Stdio};

/// The binary as a user with `locale` runs it from the project folder.
fn econlens_in(locale: &str, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_econlens"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", locale)
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    command
}

/// Runs the binary on an English system.
fn econlens(args: &[&str]) -> Output {
    econlens_in("en_US.UTF-8", args).output().expect("the econlens binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `check` on a file that must fail and returns its error text, after
/// checking the exit code, that nothing panicked and that it fits a screen.
fn check_fails(path: &str) -> String {
    let output = econlens(&["check", path]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "exit code for {path}; stderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(stdout(&output).is_empty(), "nothing on stdout for an invalid file");
    assert!(err.lines().count() <= 45, "one screen at most:\n{err}");
    err
}

#[test]
fn check_prints_the_embedded_summary_and_exits_0() {
    let output = econlens(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    let regions = format!("regions:      {}", crate::default_data_counts().regions);
    for line in ["valid", "focus region: 市中区", regions.as_str(), "periods:      2015 – 2025"] {
        assert!(out.contains(line), "summary lacks {line:?}:\n{out}");
    }
}

#[test]
fn check_of_a_valid_file_names_it() {
    let output = econlens(&["check", "tests/fixtures/small_valid.ron"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).starts_with("tests/fixtures/small_valid.ron: valid\n"));
    assert!(stdout(&output).contains("observations: 8"));
}

#[test]
fn an_empty_file_says_so() {
    let err = check_fails("tests/fixtures/empty.ron");
    assert!(err.contains("tests/fixtures/empty.ron:1:1: the file is empty"), "{err}");
}

#[test]
fn a_truncated_file_gives_the_position_and_says_it_looks_cut_short() {
    let err = check_fails("tests/fixtures/truncated.ron");
    assert!(
        err.contains("tests/fixtures/truncated.ron:43:19: sources[0].note: expected end of string"),
        "{err}"
    );
    assert!(err.contains("is it truncated?"), "{err}");
}

#[test]
fn a_wrong_type_gives_line_col_and_field_path() {
    let err = check_fails("tests/fixtures/wrong_type.ron");
    assert!(
        err.contains(
            "tests/fixtures/wrong_type.ron:11:49: indicators[0].observations[1].value: expected a number, found the text \"10.5\"; write the number without quotes: 10.5"
        ),
        "{err}"
    );
}

#[test]
fn a_non_utf8_file_points_at_the_first_bad_byte() {
    let err = check_fails("tests/fixtures/not_utf8.ron");
    assert!(
        err.contains("tests/fixtures/not_utf8.ron:3:18: the file is not UTF-8 text (byte 0xCA here)"),
        "{err}"
    );
}

#[test]
fn a_newer_format_version_is_named() {
    let err = check_fails("tests/fixtures/future_version.ron");
    assert!(
        err.contains("version: format version 2 is not supported; this EconLens reads version 1"),
        "{err}"
    );
}

#[test]
fn every_semantic_problem_is_listed_with_its_position() {
    let err = check_fails("tests/fixtures/many_problems.ron");
    assert!(err.contains("(3 problems)"), "{err}");
    for expected in [
        "many_problems.ron:10:76: indicators[0].observations[0].source: unknown source \"paper\"",
        "many_problems.ron:13:62: indicators[1].observations[0].value: a share must lie between 0 and 100 %, found 125",
        "many_problems.ron:14:58: indicators[2].view: unknown view \"factories\"",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
}

#[test]
fn a_file_nested_100000_brackets_deep_is_refused_without_a_crash() {
    let dir = std::env::temp_dir().join(format!("econlens-deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (name, text) in [
        ("lists.ron", "[".repeat(100_000)),
        ("inside.ron", format!("(version: 2, title: {}", "(".repeat(100_000))),
        ("field.ron", format!("(version: 1, title: (zh: {}", "[".repeat(100_000))),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write fixture");
        let err = check_fails(path.to_str().expect("utf-8 temp path"));
        assert!(err.contains(&format!("{name}:1:")), "{err}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_file_over_the_size_cap_is_refused_before_reading() {
    let output = econlens(&["check", "--max-size-mib", "0", "tests/fixtures/small_valid.ron"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("the limit is 0.0 MiB; raise it with --max-size-mib"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_missing_file_and_a_folder_are_clear_errors() {
    let err = check_fails("tests/fixtures/does-not-exist.ron");
    assert!(err.contains("cannot read tests/fixtures/does-not-exist.ron"), "{err}");
    let err = check_fails("tests/fixtures");
    assert!(err.contains("it is a folder"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    let output = econlens(&["check", "--no-such-flag"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn dump_lists_every_seed_figure_as_csv() {
    let output = econlens(&["check", "--dump"]);
    assert_eq!(output.status.code(), Some(0));
    let csv = stdout(&output);
    assert!(csv.starts_with("indicator,region,period,value,unit,status,source,qualifier,disputed\n"));
    for row in [
        "gdp,shizhong,2023,1350.4,亿元,reported,seed,exact,no",
        "gdp_growth,shizhong,2023,6.2,%,reported,seed,exact,no",
        "economic_contribution,shizhong,2023,11.8,%,reported,seed,exact,no",
        "economic_contribution_rank,shizhong,2023,3,位,reported,seed,exact,no",
        "finance_va,shizhong,2023,276.2,亿元,reported,seed,exact,no",
        "finance_va_share_city,shizhong,2023,25.5,%,reported,seed,exact,no",
        "finance_va_share_gdp,shizhong,2023,20.5,%,reported,seed,exact,no",
        "deposits_loans,shizhong,2023,1.14,万亿元,reported,seed,exact,no",
        "deposits_loans_share_city,shizhong,2023,20.5,%,reported,seed,exact,no",
        "deposits_loans_growth,shizhong,2023,9.77,%,reported,seed,exact,no",
        "industrial_above_scale,shizhong,2023,83,家,reported,seed,exact,no",
        "energy_internet_firms,shizhong,2023,225,家,reported,seed,exact,no",
        "energy_internet_scale,shizhong,2023,3600,亿元,reported,seed,over,no",
        "energy_internet_growth,shizhong,2023,12.5,%,reported,seed,exact,no",
        "national_streets,shizhong,2023,2,条,reported,seed,exact,no",
        "municipal_streets,shizhong,2023,1,条,reported,seed,exact,no",
        "featured_streets,shizhong,2023,4,条,reported,seed,exact,no",
        "shopping_centres,shizhong,2023,8,个,reported,seed,exact,no",
        "above_quota_trade_firms,shizhong,2023,749,家,reported,seed,exact,no",
        "foreign_trade_firms,shizhong,2023,315,家,reported,seed,exact,no",
        "little_giants,shizhong,2023,2,家,reported,seed,exact,no",
        "specialised_firms,shizhong,2023,157,家,reported,seed,exact,no",
        "innovative_smes,shizhong,2023,190,家,reported,seed,exact,no",
        "industrial_over_100m,shizhong,2023,19,家,reported,seed,exact,no",
        "planned_rd_institutions,shizhong,2024,2,家,reported,seed,exact,no",
        "planned_incubators,shizhong,2024,2,家,reported,seed,exact,no",
        "gdp,shizhong,2015,739,亿元,estimate,work_report_2016,exact,no",
        "gdp,shizhong,2018,1042.8,亿元,reported,zwzzw,exact,yes",
        "gdp,shizhong,2018,1042.6,亿元,reported,shizhong_gov_en,exact,yes",
        "gdp,jinan,2024,13527.6,亿元,reported,e23_2025,exact,no",
    ] {
        assert!(csv.lines().any(|line| line == row), "dump lacks {row:?}");
    }
}

#[test]
fn messages_follow_the_systems_language_or_lang() {
    let chinese =
        econlens_in("zh_CN.UTF-8", &["check", "tests/fixtures/many_problems.ron"]).output().expect("runs");
    let err = stderr(&chinese);
    assert!(
        err.starts_with("错误：tests/fixtures/many_problems.ron 不是有效的 EconLens 数据文件（3 个问题）："),
        "{err}"
    );
    assert!(
        err.contains("many_problems.ron:10:76: indicators[0].observations[0].source: 未知的来源 \"paper\""),
        "the position prefix is the same in both languages: {err}"
    );
    let english = econlens_in("zh_CN.UTF-8", &["check", "--lang", "en", "tests/fixtures/many_problems.ron"])
        .output()
        .expect("runs");
    assert!(stderr(&english).contains("unknown source \"paper\""), "--lang wins over the system");
}

/// Writes `text` as a data file in a fresh temporary folder.
fn temp_file(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("econlens-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn hand_editing_mistakes_are_explained() {
    let valid = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small_valid.ron"),
    )
    .expect("fixture");
    // Each fault, the text the error must point at (where the parser meets
    // it: a value is met at the blank after its colon), and what it must say.
    let cases = [
        (
            "full_width.ron",
            valid.replacen("version: 1,", "version: 1，", 1),
            "，",
            "full-width character “，”",
        ),
        (
            "quoted.ron",
            valid.replacen("\"2021\": 100", "\"2021\": \"100\"", 1),
            " \"100\"",
            "expected a number, found the text \"100\"",
        ),
        ("typo.ron", valid.replacen("unit:", "unti:", 1), "unti", "did you mean `unit`?"),
        ("period.ron", valid.replacen("\"2021\": 100", "\"2021年\": 100", 1), "\"2021年\"", "write \"2021\""),
    ];
    for (name, text, fault, expected) in cases {
        let path = temp_file(name, &text);
        let err = check_fails(path.to_str().expect("utf-8"));
        assert!(err.contains(expected), "{name}: {err}");
        // The line and column (in characters, from 1) of the planted fault.
        let before = &text[..text.find(fault).expect("the fault is in the text")];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
        assert!(
            err.contains(&format!("{name}:{line}:{column}: ")),
            "{name} points at {line}:{column}: {err}"
        );
        let _ = std::fs::remove_dir_all(path.parent().expect("folder"));
    }
}

#[test]
fn a_closed_pipe_ends_the_dump_quietly() {
    use econlens::data::synthetic::{Shape, synthetic_ron};
    let path = temp_file("big.ron", &synthetic_ron(Shape { regions: 200, indicators: 10, years: 25 }));
    let mut child = econlens_in("en_US.UTF-8", &["check", "--dump", path.to_str().expect("utf-8")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = [0u8; 64];
    child.stdout.take().expect("stdout").read_exact(&mut first).expect("the dump starts");
    // The reader is gone (as `| head` closes its end); 50,000 rows are still to come.
    let output = child.wait_with_output().expect("ends");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).is_empty(), "nothing said: {}", stderr(&output));
    assert!(first.starts_with(b"indicator,region,period"));
    let _ = std::fs::remove_dir_all(path.parent().expect("folder"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_on_stdout_is_an_error() {
    for args in [&["check", "--dump"][..], &["export", "--list"][..]] {
        let full = std::fs::File::create("/dev/full").expect("/dev/full");
        let output = econlens_in("en_US.UTF-8", args).stdout(full).output().expect("runs");
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(stderr(&output).contains("cannot write the output: the disk is full"), "{}", stderr(&output));
    }
}

/// The default data with one saved chart, written to a temporary file.
fn with_saved_chart(name: &str, indicator: &str) -> std::path::PathBuf {
    use econlens::data::raw::{PeriodKind, RawChart, RawText, Shape, Transform};
    let chart = RawChart {
        id: "gdp-growth-since-2021".to_owned(),
        title: RawText {
            zh: "各区县年均增速".to_owned(), en: Some("Average growth by district".to_owned())
        },
        view: "output".to_owned(),
        indicator: indicator.to_owned(),
        regions: vec!["shizhong".to_owned(), "lixia".to_owned(), "licheng".to_owned()],
        periods: PeriodKind::Year,
        from: Some("2021".to_owned()),
        to: Some("2023".to_owned()),
        shape: Shape::Bars,
        transform: Transform::AverageGrowth,
    };
    let text = econlens::data::charts_section::with_charts(econlens::data::EMBEDDED_DATASET, &[chart])
        .expect("a dataset");
    temp_file(name, &text)
}

#[test]
fn a_saved_chart_is_listed_and_exports_by_its_id() {
    let path = with_saved_chart("saved.ron", "gdp");
    let data = path.to_str().expect("utf-8");
    let list = econlens(&["export", "--list", "--data", data, "--lang", "zh"]);
    assert_eq!(list.status.code(), Some(0), "{}", stderr(&list));
    assert!(
        stdout(&list).lines().next().is_some_and(|line| line == "gdp-growth-since-2021\t各区县年均增速"),
        "first, with its title"
    );
    let out = path.with_file_name("growth.csv");
    let export = econlens(&[
        "export",
        "--data",
        data,
        "--chart",
        "gdp-growth-since-2021",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    let csv = std::fs::read_to_string(&out).expect("written");
    let shizhong = csv.lines().find(|line| line.contains(",Shizhong,")).expect("Shizhong's bar");
    // ((1350.4 ÷ 1161.73)^½ − 1) × 100 = 7.81485…, written to 4 places as a computed value.
    let expected = ((1350.4f64 / 1161.73).sqrt() - 1.0) * 100.0;
    assert!((expected - 7.8149).abs() < 0.00005, "{expected}");
    assert!(shizhong.contains(",7.8149,"), "{shizhong} has 7.8149");
    let _ = std::fs::remove_dir_all(path.parent().expect("folder"));
}

#[test]
fn a_saved_chart_that_no_longer_fits_the_data_is_a_placed_problem() {
    let path = with_saved_chart("stale.ron", "gdp_removed_since");
    let err = check_fails(path.to_str().expect("utf-8"));
    let line = err.lines().find(|line| line.contains("charts[0].indicator")).expect("the problem");
    assert!(
        line.contains("stale.ron:")
            && line.contains(": charts[0].indicator: unknown indicator \"gdp_removed_since\""),
        "{line}"
    );
    let position = line.split(": charts").next().expect("prefix");
    assert!(position.rsplit(':').take(2).all(|part| part.parse::<usize>().is_ok()), "with line:col: {line}");
    let _ = std::fs::remove_dir_all(path.parent().expect("folder"));
}

/// `econlens audit` on a file with five mistakes reports each at its
/// line:col with the arithmetic, exits 0 (findings are not load errors), and
/// says the same in Chinese and as CSV.
#[test]
fn the_audit_finds_each_planted_mistake_at_its_line() {
    let output = econlens(&["audit", "tests/fixtures/audit_problems.ron"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let at = |line: &str| format!("tests/fixtures/audit_problems.ron:{line}: ");
    for expected in [
        format!(
            "{}[inconsistent] share vs part and whole: East · Share of the city · 2023 = 40 %: 121 ÷ 350 × 100 = 34.5714%, stated 40%",
            at("33:13")
        ),
        format!(
            "{}[inconsistent] growth vs levels: East · GDP growth · 2023 = 15 %: nominal change (121 ÷ 110 − 1) × 100 = 10%, stated 15% (nominal)",
            at("28:13")
        ),
        format!(
            "{}[inconsistent] status vs the quote's words: East · GDP · 2023 = 121 100m yuan: “初步” in the quote",
            at("21:13")
        ),
        format!("{}[warning] no quote: West · GDP · 2023 = 95.5 100m yuan", at("22:13")),
        format!(
            "{}[inconsistent] regions vs their total: Test city · GDP · 2023 = 350 100m yuan: the 2 regions of Test city add up to 216.5, the total is 350",
            at("23:13")
        ),
    ] {
        assert!(text.contains(&expected), "missing {expected:?} in\n{text}");
    }
    assert!(
        text.ends_with(
            "audit: inconsistent 4, warning 1, explained 0, noted 0, cannot check 0, consistent 5\n"
        ),
        "{text}"
    );

    let chinese =
        econlens(&["audit", "tests/fixtures/audit_problems.ron", "--lang", "zh", "--format", "csv"]);
    let csv = stdout(&chinese);
    assert!(csv.starts_with(
        "position,verdict,check,indicator,region,period,value,unit,source,compared_with,detail\n"
    ));
    assert!(
        csv.contains(
            "tests/fixtures/audit_problems.ron:33:13,不一致,占比与数值,占全市比重,东区,2023,40,%,测试用数据,"
        ),
        "{csv}"
    );
}

/// The default data passes its own audit: nothing inconsistent that a note does not explain.
#[test]
fn the_default_data_has_no_unexplained_inconsistency() {
    let output = econlens(&["audit"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        !text.contains("[inconsistent]"),
        "{}",
        text.lines().filter(|line| line.contains("[inconsistent]")).collect::<Vec<_>>().join("\n")
    );
    assert!(
        text.contains("[noted] sources disagree: Shizhong · GDP · 2018 = 1042.8 100m yuan"),
        "conflicts are listed"
    );
}
