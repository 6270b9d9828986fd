//! Reports of many charts (Word, PDF, HTML) as a user gets them: every
//! chart with its caption and values, the sources at the end, one file, and
//! the command line's answers to bad requests.

use std::collections::HashSet;
use std::io::Read as _;
use std::path::PathBuf;
use std::process::Command;

use econlens::chart::Chart;
use econlens::chart::catalogue::build_charts;
use econlens::data::load_embedded;
use econlens::data::model::{Dataset, View};
use econlens::export::Drawer;
use econlens::figure::Theme;
use econlens::i18n::Lang;
use econlens::report::{Report, ReportFormat, ReportOptions, ReportScope, report_bytes};

fn options(scope: ReportScope, format: ReportFormat, lang: Lang) -> ReportOptions {
    ReportOptions { scope, format, lang, theme: Theme::Light, tables: true, date: "2026-12-07".to_owned() }
}

fn setup() -> (Dataset, Vec<Chart>) {
    let dataset = load_embedded().expect("embedded");
    let charts = build_charts(&dataset);
    (dataset, charts)
}

fn bytes(dataset: &Dataset, charts: &[Chart], options: ReportOptions) -> Vec<u8> {
    let report = Report::plan(dataset, charts, options).expect("a report");
    let mut drawer = Drawer::new(None);
    let mut last = 0.0;
    let made = report_bytes(&report, &mut drawer, &mut |fraction| {
        assert!(fraction >= last && fraction <= 1.0, "progress runs forward: {last} then {fraction}");
        last = fraction;
    })
    .expect("written");
    assert!((last - 1.0).abs() < 1e-4, "progress reaches the end: {last}");
    made
}

fn part(archive: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(archive)).expect("a zip archive");
    let mut entry = zip.by_name(name).unwrap_or_else(|_| panic!("{name} in the document"));
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("UTF-8 XML");
    text
}

/// `&amp;` etc. as Word's XML writes text.
fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// The Output tab as a Word report: a picture per chart, each caption, each
/// table's values, the sources, in styles that name a CJK font.
#[test]
fn a_word_report_holds_every_chart_of_the_tab_with_its_values_and_sources() {
    let (dataset, charts) = setup();
    let on_tab: Vec<&Chart> = charts.iter().filter(|chart| chart.view == View::Output).collect();
    assert!(on_tab.len() > 3, "the Output tab has charts");
    let docx = bytes(
        &dataset,
        &charts,
        options(ReportScope::Views(vec![View::Output]), ReportFormat::Docx, Lang::Zh),
    );
    let document = part(&docx, "word/document.xml");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).expect("zip");
    let pictures = (0..zip.len())
        .filter(|&at| {
            zip.by_index(at)
                .is_ok_and(|entry| entry.name().starts_with("word/media/") && entry.name().ends_with(".png"))
        })
        .count();
    assert_eq!(pictures, on_tab.len(), "one picture per chart");
    for (number, chart) in on_tab.iter().enumerate() {
        let caption = format!("图 {}　{}", number + 1, chart.title.zh);
        assert!(document.contains(&xml_text(&caption)), "caption {caption:?}");
        assert!(
            document.contains(&format!("表 {}　图 {} 的数值", number + 1, number + 1)),
            "table {}",
            number + 1
        );
    }
    // A stated value of the first chart, as the file states it.
    let first = on_tab[0].series[0].points.iter().find(|point| point.note.is_none()).expect("a stated value");
    assert!(document.contains(&format!(">{}<", first.value)), "value {}", first.value);
    for source in on_tab.iter().flat_map(|chart| chart.sources()) {
        let title = &dataset.source(source).title;
        assert!(document.contains(&xml_text(title)), "source {title:?}");
    }
    // The tab's heading and the sources' heading.
    assert_eq!(document.matches("w:pStyle w:val=\"Heading1\"").count(), 2);
    let styles = part(&docx, "word/styles.xml");
    assert!(styles.contains("w:eastAsia=\"Microsoft YaHei\""), "a CJK font is named for Chinese");
    assert!(styles.contains("heading 1"), "headings are Word's heading 1");
}

/// A PDF report of every chart: A4 pages, a title page, each section on
/// new pages, the title in the document's information, and each glyph
/// written once however many pages draw it.
#[test]
fn a_pdf_report_is_a4_pages_with_each_glyph_written_once() {
    let (dataset, charts) = setup();
    let pdf = bytes(&dataset, &charts, options(ReportScope::All, ReportFormat::Pdf, Lang::En));
    let document = lopdf::Document::load_mem(&pdf).expect("a PDF lopdf reads");
    let pages = document.get_pages();
    // More pages than sections, fewer than charts with their tables.
    let sections = charts.iter().map(|chart| chart.view).collect::<HashSet<_>>().len();
    assert!(pages.len() > sections + 1 && pages.len() < charts.len() * 2, "{} pages", pages.len());
    for page in pages.values() {
        let media =
            document.get_dictionary(*page).and_then(|page| page.get(b"MediaBox")).expect("a page size");
        let corners: Vec<f32> =
            media.as_array().expect("an array").iter().map(|n| n.as_float().expect("a number")).collect();
        assert!((corners[2] - 595.28).abs() < 0.5 && (corners[3] - 841.89).abs() < 0.5, "A4: {corners:?}");
    }
    let forms = document
        .objects
        .values()
        .filter(|object| {
            object.as_stream().is_ok_and(|stream| {
                stream
                    .dict
                    .get(b"Subtype")
                    .and_then(|subtype| subtype.as_name())
                    .is_ok_and(|name| name == b"Form")
            })
        })
        .count();
    // Each form is one glyph; a report of 50 charts in one alphabet draws
    // a few hundred distinct glyphs, not one set per page.
    assert!(forms > 40 && forms < 1500, "{forms} glyph forms");
    let info = document.trailer.get(b"Info").and_then(lopdf::Object::as_reference).expect("document info");
    let title = document.get_dictionary(info).and_then(|info| info.get(b"Title")).expect("a title");
    let title = lopdf::decode_text_string(title).expect("text");
    assert!(title.contains("chart report"), "{title}");
}

/// An HTML report is one self-contained page: a figure and a table per
/// chart, no script, nothing fetched, every glyph it uses defined once.
#[test]
fn an_html_report_is_one_page_with_a_figure_and_table_per_chart() {
    let (dataset, charts) = setup();
    let html =
        String::from_utf8(bytes(&dataset, &charts, options(ReportScope::All, ReportFormat::Html, Lang::Zh)))
            .expect("UTF-8");
    assert_eq!(html.matches("<figure ").count(), charts.len());
    assert_eq!(html.matches("<table>").count(), charts.len());
    assert!(!html.contains("<script") && !html.contains(" src="), "nothing to run or fetch");
    assert!(html.contains("<html lang=\"zh-CN\">"));
    let defined: Vec<&str> =
        html.split("<path id=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    let unique: HashSet<&&str> = defined.iter().collect();
    assert_eq!(unique.len(), defined.len(), "each glyph defined once");
    for used in html.split("xlink:href=\"#").skip(1).filter_map(|rest| rest.split('"').next()) {
        assert!(unique.contains(&used), "glyph {used} is defined");
    }
    let clips: Vec<&str> =
        html.split("<clipPath id=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    assert_eq!(clips.iter().collect::<HashSet<_>>().len(), clips.len(), "clip ids unique in the page");
    for chart in &charts {
        assert!(html.contains(&chart.title.zh.replace('&', "&amp;")), "{}", chart.title.zh);
    }
    let without = options(ReportScope::All, ReportFormat::Html, Lang::Zh);
    let html = String::from_utf8(bytes(&dataset, &charts, ReportOptions { tables: false, ..without }))
        .expect("UTF-8");
    assert_eq!(html.matches("<table>").count(), 0, "tables left out when asked");
}

/// Charts by id come in the order given, unknown ids are named, and a
/// report past the limit is refused with the numbers.
#[test]
fn a_report_names_unknown_charts_and_refuses_one_past_the_limit() {
    let (dataset, charts) = setup();
    let ids = vec![charts[3].id.clone(), charts[0].id.clone()];
    let report =
        Report::plan(&dataset, &charts, options(ReportScope::Charts(ids), ReportFormat::Html, Lang::En))
            .expect("a report");
    let order: Vec<&str> = report.charts().map(|(chart, _)| chart.id.as_str()).collect();
    let expected: Vec<&str> = if charts[3].view == charts[0].view {
        vec![&charts[3].id, &charts[0].id]
    } else {
        // Sections follow the tabs' order.
        let mut both = [&charts[3], &charts[0]];
        both.sort_by_key(|chart| chart.view);
        both.iter().map(|chart| chart.id.as_str()).collect()
    };
    assert_eq!(order, expected);
    let unknown = options(ReportScope::Charts(vec!["no-such-chart".into()]), ReportFormat::Pdf, Lang::En);
    let error = Report::plan(&dataset, &charts, unknown).err().expect("refused");
    assert!(error.message(Lang::En).contains("no-such-chart"), "{}", error.message(Lang::En));
    let many: Vec<Chart> = (0..=econlens::report::MAX_CHARTS)
        .map(|at| Chart { id: format!("copy-{at}"), ..charts[0].clone() })
        .collect();
    let error = Report::plan(&dataset, &many, options(ReportScope::All, ReportFormat::Pdf, Lang::Zh))
        .err()
        .expect("refused");
    let message = error.message(Lang::Zh);
    assert!(message.contains(&format!("{} 张图表", econlens::report::MAX_CHARTS + 1)), "{message}");
}

fn econlens(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_econlens"))
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .output()
        .expect("runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("econlens-report-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// `econlens report` writes the format its file names, and says why not
/// when it cannot: no format, an unknown chart, an unwritable place.
#[test]
fn the_cli_writes_a_report_and_explains_bad_requests() {
    let dir = temp_dir("cli");
    let out = dir.join("output.html");
    let done = econlens(&["report", "--tab", "output,finance", "--out", out.to_str().expect("UTF-8")]);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    let html = std::fs::read_to_string(&out).expect("written");
    assert!(
        html.contains("Economic output") && html.contains("Finance") && !html.contains("Industry clusters")
    );
    let bad_tab =
        econlens(&["report", "--tab", "output,nope", "--out", dir.join("r.pdf").to_str().expect("UTF-8")]);
    assert_eq!(bad_tab.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_tab.stderr).contains("expected one of overview, output"));
    let unknown = econlens(&["report", "--out", dir.join("r.txt").to_str().expect("UTF-8")]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("--format docx, pdf or html"));
    let bad_chart =
        econlens(&["report", "--charts", "nope", "--out", dir.join("r.pdf").to_str().expect("UTF-8")]);
    assert_eq!(bad_chart.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad_chart.stderr).contains("nope"));
    assert!(!dir.join("r.pdf").exists(), "nothing written for a refused report");
    let nowhere = dir.join("missing-folder").join("r.pdf");
    let unwritable = econlens(&["report", "--tab", "finance", "--out", nowhere.to_str().expect("UTF-8")]);
    assert_eq!(unwritable.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unwritable.stderr).contains("missing-folder"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A report's table puts a region's estimates, derived and disputed values
/// in its one column, each with its mark; the workbook keeps a column per
/// chart series, as its native chart draws them.
#[test]
fn a_report_table_has_a_column_per_region_with_each_values_marks() {
    use econlens::export::table::ChartTable;
    let (_, charts) = setup();
    let chart = charts.iter().find(|chart| chart.id == "gdp-shizhong-history").expect("the GDP history");
    assert!(chart.series.len() > 1, "the chart draws estimates and disputes as series of their own");
    assert_eq!(ChartTable::of(chart, Lang::Zh).columns.len(), chart.series.len());
    let table = ChartTable::by_region(chart, Lang::Zh);
    assert_eq!(table.columns, vec!["市中区（亿元）".to_owned()]);
    let cell = |label: &str| {
        let row = table.rows.iter().find(|row| row.label == label).unwrap_or_else(|| panic!("a row {label}"));
        row.cells[0].clone().expect("a value")
    };
    let estimate = cell("2015");
    assert_eq!((estimate.text.as_str(), estimate.marks.as_str()), ("739", "来源预计"));
    let disputed = cell("2018");
    assert!(
        disputed.marks.contains("来源不一致") && disputed.marks.contains("另一来源："),
        "{}",
        disputed.marks
    );
    assert_eq!(cell("2023").marks, "", "a stated value has no mark");
}
