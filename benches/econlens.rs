//! `cargo bench`: every figure beside a baseline measured in the same run,
//! because this machine is shared and noisy; the README reports the ratios.
//!
//! - load: parse + validate vs. `ron` parsing the same text into the raw
//!   types, for the default dataset and synthetic files of 2.85M and 5.7M values;
//! - frame: one CPU frame (layout + tessellation) of each tab vs. an empty
//!   frame, with the default data, a 1,000-value file and the 2.85M file;
//! - charts: building every chart model, for the default data and the 2.85M
//!   file, beside one pass over every value of that file; and one chart of
//!   the builder (50 regions × 25 years, each transform) beside a bare scan
//!   collecting the same values;
//! - builder: frames of the chart builder on the 2.85M file (50 regions
//!   charted, all 2,850 chosen, typing in the region filter) vs. an empty frame;
//! - export: a chart as PNG at 2× and 4× vs. PNG-encoding an image of the same size;
//! - responsive: the longest frame while the open file reloads (the
//!   default data) and while a chart is saved into the 53 MB file (read,
//!   parsed, checked, written and loaded again on a background task) vs. an
//!   empty frame: the window keeps drawing, goal under 50 ms;
//! - report: a report of every chart (PDF, HTML, Word) vs. exporting the
//!   same charts one by one (SVG for the vector reports, PNG for Word);
//! - import: a 1,000,000-row long CSV vs. the `csv` crate reading it into
//!   records, and an .xlsx of 100,000 values vs. calamine reading its sheet.

#![allow(
    clippy::expect_used,
    clippy::semicolon_if_nothing_returned,
    reason = "a benchmark that cannot load its input should stop loudly"
)]

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use econlens::chart::custom::build_custom;
use econlens::data::model::{Dataset, Period, PeriodKind, RegionIx, Text, View};
use econlens::data::raw::RawDataset;
use econlens::data::saved_chart::{ChartSpec, ChartTransform};
use econlens::data::synthetic::{Shape, synthetic_ron};
use econlens::data::{EMBEDDED_DATASET, load_embedded, load_text};
use econlens::export::png::{PngText, encode_png};
use econlens::export::{Drawer, ExportFormat, ExportJob, export_bytes, render_image};
use econlens::figure::Theme;
use econlens::i18n::Lang;
use econlens::ui::app::EconLensApp;
use econlens::ui::commands::Command;
use econlens::ui::loading::Prepared;
use econlens::ui::session::Origin;
use econlens::ui::settings::Settings;
use econlens::ui::tabs::Tab;
use econlens::ui::tabs::custom_state::TransformChoice;

const BIG: Shape = Shape { regions: 2850, indicators: 40, years: 25 };
const DOUBLE: Shape = Shape { regions: 5700, indicators: 40, years: 25 };
/// 1,000 values with the big file's 40 indicators: the same cards and charts, few points.
const THOUSAND: Shape = Shape { regions: 1, indicators: 40, years: 25 };

fn raw_parse(text: &str) -> RawDataset {
    let options = ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    options.from_str(text).expect("valid RON")
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.bench_function("default/raw ron parse (baseline)", |b| {
        b.iter(|| raw_parse(black_box(EMBEDDED_DATASET)))
    });
    group.bench_function("default/parse + validate", |b| {
        b.iter(|| load_text(Path::new("default"), black_box(EMBEDDED_DATASET)).expect("valid"));
    });
    group.sample_size(10).measurement_time(Duration::from_secs(30));
    for (name, shape) in [("2.85M", BIG), ("5.7M", DOUBLE)] {
        let text = synthetic_ron(shape);
        group.bench_function(format!("{name}/raw ron parse (baseline)"), |b| {
            b.iter(|| raw_parse(black_box(&text)))
        });
        group.bench_function(format!("{name}/parse + validate"), |b| {
            b.iter(|| load_text(Path::new("synthetic"), black_box(&text)).expect("valid"));
        });
    }
    group.finish();
}

/// An app showing `prepared` on `tab`, warmed up so fonts and plot memory exist.
fn app_on(ctx: &egui::Context, prepared: Option<Prepared>, tab: Tab) -> EconLensApp {
    let settings = Settings { tab, ..Settings::default() };
    let mut app = EconLensApp::with_settings(ctx, settings, None, u64::MAX);
    if let Some(prepared) = prepared {
        app.replace_data(prepared, Origin::File("synthetic.ron".into()));
    }
    for _ in 0..3 {
        frame(ctx, &mut app);
    }
    app
}

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0))),
        ..Default::default()
    }
}

fn frame(ctx: &egui::Context, app: &mut EconLensApp) -> usize {
    let output = ctx.run_ui(input(), |ui| app.show(ui));
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

/// A frame with nothing in it, laid out and tessellated: what every frame costs.
fn empty_frame(ctx: &egui::Context) -> usize {
    let output = ctx.run_ui(input(), |ui| {
        egui::CentralPanel::default().show(ui, |_| {});
    });
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

/// Builds the data a frame benchmark shows; `None` is the embedded dataset.
type MakeData = Box<dyn Fn() -> Option<Prepared>>;

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    let ctx = egui::Context::default();
    group.bench_function("empty frame (baseline)", |b| b.iter(|| empty_frame(&ctx)));
    let datasets: [(&str, MakeData); 3] = [
        ("default", Box::new(|| None)),
        (
            "1k",
            Box::new(|| {
                Some(Prepared::new(load_text(Path::new("1k"), &synthetic_ron(THOUSAND)).expect("valid")))
            }),
        ),
        (
            "2.85M",
            Box::new(|| {
                Some(Prepared::new(load_text(Path::new("big"), &synthetic_ron(BIG)).expect("valid")))
            }),
        ),
    ];
    for (name, make) in &datasets {
        for tab in Tab::ALL {
            let ctx = egui::Context::default();
            let mut app = app_on(&ctx, make(), tab);
            group.bench_function(format!("{name}/{tab:?}"), |b| b.iter(|| frame(&ctx, &mut app)));
        }
    }
    group.finish();
}

/// Frames of the Overview from `command` until the window is no longer
/// busy with it; the longest frame.
fn longest_frame_while(ctx: &egui::Context, app: &mut EconLensApp, command: Command) -> Duration {
    app.apply(ctx, command);
    let mut longest = Duration::ZERO;
    loop {
        let started = std::time::Instant::now();
        frame(ctx, app);
        longest = longest.max(started.elapsed());
        if !app.is_busy() {
            return longest;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn responsive(c: &mut Criterion) {
    let mut group = c.benchmark_group("responsive");
    group.sample_size(10);
    let folder = tempfile::tempdir().expect("temp folder");
    let ctx = egui::Context::default();
    group.bench_function("empty frame (baseline)", |b| b.iter(|| empty_frame(&ctx)));
    let cases = [("default", EMBEDDED_DATASET.to_owned()), ("53 MB", synthetic_ron(BIG))];
    for (name, text) in cases {
        let path = folder.path().join(format!("{name}.ron"));
        std::fs::write(&path, &text).expect("written");
        let ctx = egui::Context::default();
        let mut app = app_on(&ctx, None, Tab::Overview);
        longest_frame_while(&ctx, &mut app, Command::Open(path));
        // Reloading the default data; saving the charts of the large file
        // (deleting a chart it does not have rewrites the file all the same).
        let command =
            if name == "default" { Command::Reload } else { Command::DeleteSavedChart("none".into()) };
        group.bench_function(
            format!(
                "{name}/longest frame while {}",
                if name == "default" { "reloading" } else { "saving a chart" }
            ),
            |b| {
                b.iter_custom(|iters| {
                    (0..iters).map(|_| longest_frame_while(&ctx, &mut app, command.clone())).sum()
                });
            },
        );
    }
    group.finish();
}

fn export(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    group.sample_size(20);
    let dataset = load_embedded().expect("embedded");
    let charts = econlens::chart::catalogue::build_charts(&dataset);
    let chart = charts.iter().find(|chart| chart.id == "gdp-shizhong-history").expect("chart");
    let mut drawer = Drawer::new(None);
    if drawer.offscreen().is_err() {
        eprintln!("export benchmarks skipped: no graphics adapter (install mesa-vulkan-drivers)");
        return;
    }
    for scale in [2u8, 4] {
        let job = ExportJob {
            chart_id: chart.id.clone(),
            format: ExportFormat::Png,
            scale,
            lang: Lang::Zh,
            theme: Theme::Light,
        };
        let image =
            render_image(chart, &dataset, &job, drawer.offscreen().expect("made above")).expect("rendered");
        let text = PngText { title: "baseline", description: "baseline" };
        group.bench_function(format!("{scale}x/png encode of the same size (baseline)"), |b| {
            b.iter(|| encode_png(black_box(&image), &text).expect("encoded"));
        });
        group.bench_function(format!("{scale}x/export png"), |b| {
            b.iter(|| export_bytes(chart, &dataset, &job, &mut drawer).expect("exported"));
        });
    }
    group.finish();
}

/// SVG and PDF export of the GDP history chart against the egui frames
/// that lay the figure out (the shapes every format is drawn from): the goal
/// is an SVG export within 1.5× of them. No GPU is involved.
fn vector(c: &mut Criterion) {
    let mut group = c.benchmark_group("vector");
    let dataset = load_embedded().expect("embedded");
    let charts = econlens::chart::catalogue::build_charts(&dataset);
    let chart = charts.iter().find(|chart| chart.id == "gdp-shizhong-history").expect("chart");
    let mut drawer = Drawer::new(None);
    for lang in Lang::ALL {
        let job =
            |format| ExportJob { chart_id: chart.id.clone(), format, scale: 2, lang, theme: Theme::Light };
        let layout = drawer.layout();
        group.bench_function(format!("{lang:?}/egui frames laying the figure out (baseline)"), |b| {
            b.iter(|| {
                let mut laid_out = layout.lay_out(chart, &dataset, lang, Theme::Light, 2.0);
                laid_out.textures.clear();
                laid_out.shapes.len()
            });
        });
        for format in [ExportFormat::Svg, ExportFormat::Pdf] {
            let job = job(format);
            group.bench_function(format!("{lang:?}/export {}", format.extension()), |b| {
                b.iter(|| export_bytes(chart, &dataset, &job, &mut drawer).expect("exported").len());
            });
        }
    }
    group.finish();
}

/// A report of every chart of the default data against exporting the same
/// charts one by one: PDF and HTML against SVG (the same vector figures),
/// Word against PNG at 2× (the same pictures). Goal: each report under 5 s
/// and within 1.5× of its one-by-one baseline.
fn report(c: &mut Criterion) {
    use econlens::report::{Report, ReportFormat, ReportOptions, ReportScope, report_bytes};
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    let dataset = load_embedded().expect("embedded");
    let charts = econlens::chart::catalogue::build_charts(&dataset);
    let mut drawer = Drawer::new(None);
    let one_by_one = |format: ExportFormat, drawer: &mut Drawer| {
        charts
            .iter()
            .map(|chart| {
                let job = ExportJob {
                    chart_id: chart.id.clone(),
                    format,
                    scale: 2,
                    lang: Lang::Zh,
                    theme: Theme::Light,
                };
                export_bytes(chart, &dataset, &job, drawer).expect("exported").len()
            })
            .sum::<usize>()
    };
    let options = |format| ReportOptions {
        scope: ReportScope::All,
        format,
        lang: Lang::Zh,
        theme: Theme::Light,
        tables: true,
        date: "2026-12-07".to_owned(),
    };
    let report = |format, drawer: &mut Drawer| {
        let planned = Report::plan(&dataset, &charts, options(format)).expect("planned");
        report_bytes(&planned, drawer, &mut |_| {}).expect("written").len()
    };
    group.bench_function("every chart one by one as SVG (baseline)", |b| {
        b.iter(|| one_by_one(ExportFormat::Svg, &mut drawer));
    });
    group.bench_function("report pdf", |b| b.iter(|| report(ReportFormat::Pdf, &mut drawer)));
    group.bench_function("report html", |b| b.iter(|| report(ReportFormat::Html, &mut drawer)));
    if drawer.offscreen().is_err() {
        eprintln!("Word report benchmark skipped: no graphics adapter (install mesa-vulkan-drivers)");
        return;
    }
    group.bench_function("every chart one by one as PNG 2x (baseline)", |b| {
        b.iter(|| one_by_one(ExportFormat::Png, &mut drawer));
    });
    group.bench_function("report docx", |b| b.iter(|| report(ReportFormat::Docx, &mut drawer)));
    group.finish();
}

/// Building every chart model of a file, once per load: the default data and
/// the 2.85M-value file, beside a bare pass over every value of the same file.
fn charts(c: &mut Criterion) {
    let mut group = c.benchmark_group("charts");
    let dataset = load_embedded().expect("embedded");
    group.bench_function("default/build charts", |b| {
        b.iter(|| econlens::chart::catalogue::build_charts(black_box(&dataset)).len());
    });
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    let big = load_text(Path::new("big"), &synthetic_ron(BIG)).expect("valid");
    group.bench_function("2.85M/sum every value (baseline)", |b| {
        b.iter(|| {
            black_box(&big)
                .indicators()
                .iter()
                .flat_map(|indicator| indicator.observations().iter())
                .map(|obs| obs.value)
                .sum::<f64>()
        });
    });
    group.bench_function("2.85M/build charts", |b| {
        b.iter(|| econlens::chart::catalogue::build_charts(black_box(&big)).len());
    });
    custom_charts(&mut group, &big);
    group.finish();
}

/// The builder's spec on the 2.85M file: indicator 7, counties 100–149 (50
/// regions, 25 years each), as lines.
fn fifty_regions(big: &Dataset, transform: ChartTransform) -> ChartSpec {
    ChartSpec {
        indicator: big.indicator_by_id("i007").expect("indicator").0,
        regions: (100..150)
            .map(|county| big.region_by_id(&format!("c{county:05}")).expect("county"))
            .collect(),
        kind: PeriodKind::Year,
        from: None,
        to: None,
        shape: econlens::data::saved_chart::Shape::Lines,
        transform,
    }
}

/// One custom chart of 50 regions × 25 years per transform, beside the bare
/// scan that collects the same values (goal: at most 2× the scan).
fn custom_charts(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, big: &Dataset) {
    let scan_spec = fifty_regions(big, ChartTransform::AsStated);
    group.bench_function("2.85M/collect 50 regions × 25 years (baseline)", |b| {
        b.iter(|| {
            let indicator = black_box(big).indicator(scan_spec.indicator);
            scan_spec
                .regions
                .iter()
                .map(|&region| {
                    indicator
                        .series(region)
                        .iter()
                        .filter(|obs| scan_spec.includes(obs.period))
                        .map(|obs| (obs.period, obs.value))
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        });
    });
    let base = Period::year(2005);
    let compared = big.region_by_id("c00099").expect("county");
    let transforms = [
        ("as stated", ChartTransform::AsStated),
        ("change", ChartTransform::Change),
        ("index", ChartTransform::Index { base }),
        ("average growth", ChartTransform::AverageGrowth),
        ("share of a region", ChartTransform::ShareOf(compared)),
        ("difference", ChartTransform::DifferenceFrom(compared)),
    ];
    let title = Text { zh: "基准".into(), en: None };
    for (name, transform) in transforms {
        let spec = fifty_regions(big, transform);
        group.bench_function(format!("2.85M/custom chart, {name}"), |b| {
            b.iter(|| build_custom(black_box(big), "bench", &title, View::Custom, &spec).series.len());
        });
    }
}

/// Frames of the chart builder on the 2.85M file.
fn builder(c: &mut Criterion) {
    let mut group = c.benchmark_group("builder");
    let ctx = egui::Context::default();
    group.bench_function("empty frame (baseline)", |b| b.iter(|| empty_frame(&ctx)));
    let big = load_text(Path::new("big"), &synthetic_ron(BIG)).expect("valid");
    let spec = fifty_regions(&big, ChartTransform::Index { base: Period::year(2005) });
    let ids = |regions: &[RegionIx]| -> Vec<String> {
        regions.iter().map(|&region| big.region(region).id.clone()).collect()
    };
    let fifty = ids(&spec.regions);
    let all: Vec<String> = big.regions().iter().map(|region| region.id.clone()).collect();
    for (name, regions) in [("50 regions charted", fifty), ("all 2,850 regions chosen", all)] {
        let ctx = egui::Context::default();
        let mut app = app_on(&ctx, Some(Prepared::new(big.clone())), Tab::Custom);
        let draft = &mut app.tabs.custom.draft;
        draft.indicator = Some("i007".into());
        draft.regions = regions;
        draft.transform = TransformChoice::Index;
        draft.base = Some(Period::year(2005));
        for _ in 0..3 {
            frame(&ctx, &mut app);
        }
        group.bench_function(format!("2.85M/{name}"), |b| b.iter(|| frame(&ctx, &mut app)));
    }
    // Typing: every frame has a new filter, so the matches are recomputed.
    let ctx = egui::Context::default();
    let mut app = app_on(&ctx, Some(Prepared::new(big)), Tab::Custom);
    app.tabs.custom.draft.indicator = Some("i007".into());
    let filters = ["", "c", "c0", "c00", "c001", "c0012", "合成县12", "synthetic county 3", "省2"];
    let mut typed = 0;
    group.bench_function("2.85M/typing in the region filter", |b| {
        b.iter(|| {
            typed += 1;
            filters[typed % filters.len()].clone_into(&mut app.tabs.custom.region_filter);
            frame(&ctx, &mut app)
        })
    });
    group.finish();
}

/// A long CSV of `rows` values: 25 years for each of `rows / 25` regions.
fn long_csv(rows: u32) -> String {
    use std::fmt::Write as _;
    let mut text = String::from("指标,地区,年份,数值,单位\n");
    for row in 0..rows {
        let _ = writeln!(text, "地区生产总值,区{},{}年,{}.5,亿元", row / 25, 2000 + row % 25, row % 9973);
    }
    text
}

/// An .xlsx of a yearbook table: a title, a header of 25 years, `regions` rows of numbers.
fn yearbook_xlsx(regions: u32) -> Vec<u8> {
    use std::fmt::Write as _;
    use std::io::Write as _;
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    let text_cell = |sheet: &mut String, text: &str| {
        let _ = write!(sheet, r#"<c t="inlineStr"><is><t>{text}</t></is></c>"#);
    };
    sheet.push_str("<row>");
    text_cell(&mut sheet, "各区县地区生产总值（亿元）");
    sheet.push_str("</row><row>");
    text_cell(&mut sheet, "地区");
    for year in 2000..2025 {
        text_cell(&mut sheet, &format!("{year}年"));
    }
    sheet.push_str("</row>");
    for region in 0..regions {
        sheet.push_str("<row>");
        text_cell(&mut sheet, &format!("区{region}"));
        for year in 0..25 {
            let _ = write!(sheet, "<c><v>{}.25</v></c>", (region * 31 + year) % 9973);
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let files = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_owned(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_owned(),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in files {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(body.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

fn import(c: &mut Criterion) {
    use calamine::Reader as _;
    use econlens::import::ImportRequest;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("import");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    let csv_path = dir.path().join("long.csv");
    std::fs::write(&csv_path, long_csv(1_000_000)).expect("write the CSV");
    group.bench_function("1M-row long CSV/csv crate reads it into records (baseline)", |b| {
        b.iter(|| {
            let bytes = std::fs::read(&csv_path).expect("read");
            let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes.as_slice());
            let records: Vec<csv::StringRecord> =
                reader.records().map(|record| record.expect("valid CSV")).collect();
            records.len()
        })
    });
    let request = |table: &Path| ImportRequest { table: table.to_owned(), ..ImportRequest::default() };
    let csv_request = request(&csv_path);
    group.bench_function("1M-row long CSV/econlens import (table to checked dataset and file text)", |b| {
        b.iter(|| {
            econlens::import::import(&csv_request, Path::new("out.ron"))
                .map(|done| done.text.len())
                .expect("imports")
        })
    });
    let xlsx_path = dir.path().join("yearbook.xlsx");
    std::fs::write(&xlsx_path, yearbook_xlsx(4000)).expect("write the workbook");
    group.bench_function("xlsx 100k values/calamine reads the sheet (baseline)", |b| {
        b.iter(|| {
            let mut workbook = calamine::open_workbook_auto(&xlsx_path).expect("opens");
            let range = workbook.worksheet_range("Sheet1").expect("sheet");
            range.get_size()
        })
    });
    let xlsx_request = request(&xlsx_path);
    group.bench_function("xlsx 100k values/econlens import", |b| {
        b.iter(|| {
            econlens::import::import(&xlsx_request, Path::new("out.ron"))
                .map(|done| done.text.len())
                .expect("imports")
        })
    });
    group.finish();
}

criterion_group!(benches, load, charts, builder, frames, responsive, export, vector, report, import);
criterion_main!(benches);
