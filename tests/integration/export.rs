//! Exported charts as a report author gets them: PNGs whose pixel size is
//! scale × the fixed logical size whatever the window, with ink where the
//! title and footer are, sharp at 2× yet the same picture as 1×; CSVs that
//! read back to the chart's values; safe writes; the CLI for every chart.

use std::path::{Path, PathBuf};
use std::process::Command;

use econlens::chart::Chart;
use econlens::chart::catalogue::build_charts;
use econlens::data::load_embedded;
use econlens::data::model::Dataset;
use econlens::export::layout::FIGURE_WIDTH;
use econlens::export::{ExportFormat, ExportJob, Offscreen, RgbaImage, csv::chart_csv, render_image};
use econlens::figure::Theme;
use econlens::i18n::Lang;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("econlens-export-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn setup() -> (Dataset, Vec<Chart>, Offscreen) {
    let dataset = load_embedded().expect("embedded");
    let charts = build_charts(&dataset);
    let offscreen = Offscreen::headless().expect("a software renderer (mesa-vulkan-drivers) is installed");
    (dataset, charts, offscreen)
}

fn job(chart: &Chart, scale: u8, lang: Lang) -> ExportJob {
    ExportJob { chart_id: chart.id.clone(), format: ExportFormat::Png, scale, lang, theme: Theme::Light }
}

fn luminance(image: &RgbaImage, x: u32, y: u32) -> u32 {
    let at = ((y * image.width + x) * 4) as usize;
    let [r, g, b] = [image.pixels[at], image.pixels[at + 1], image.pixels[at + 2]].map(u32::from);
    (r * 299 + g * 587 + b * 114) / 1000
}

/// Dark pixels (text, axes) in rows `top..bottom`, on a light background.
fn ink(image: &RgbaImage, top: u32, bottom: u32) -> usize {
    (top..bottom.min(image.height))
        .flat_map(|y| (0..image.width).map(move |x| (x, y)))
        .filter(|&(x, y)| luminance(image, x, y) < 140)
        .count()
}

#[test]
fn png_size_follows_the_scale_and_title_footer_and_bars_have_ink() {
    let (dataset, charts, mut offscreen) = setup();
    let chart = charts.iter().find(|chart| chart.id == "gdp-shizhong-history").expect("chart");
    let one = render_image(chart, &dataset, &job(chart, 1, Lang::Zh), &mut offscreen).expect("1x");
    assert_eq!(one.width, FIGURE_WIDTH as u32);
    assert!(one.height > 300, "title, plot and footer fit: {}", one.height);
    for scale in [2u8, 4] {
        let image =
            render_image(chart, &dataset, &job(chart, scale, Lang::Zh), &mut offscreen).expect("render");
        assert_eq!(
            (image.width, image.height),
            (one.width * u32::from(scale), one.height * u32::from(scale))
        );
    }
    assert!(ink(&one, 20, 60) > 300, "the title is drawn in the top rows");
    assert!(ink(&one, one.height - 70, one.height) > 500, "the footer is drawn in the bottom rows");
    let focus_colour = one.pixels.chunks_exact(4).filter(|p| p[0] > 180 && p[1] < 120 && p[2] < 60).count();
    assert!(focus_colour > 10_000, "the district's bars are drawn in its colour ({focus_colour} pixels)");
}

/// The mean difference per channel of each 32×32 tile of `one` against
/// `two` scaled down by averaging 2×2 pixels: a bar, a label or a line
/// missing from one of them stands out in its tile, where one mean over the
/// whole picture would hide it.
fn tile_differences(one: &RgbaImage, two: &RgbaImage) -> Vec<(u32, u32, f64)> {
    const TILE: u32 = 32;
    let at = |image: &RgbaImage, x: u32, y: u32, channel: u32| {
        u32::from(image.pixels[((y * image.width + x) * 4 + channel) as usize])
    };
    let mut tiles = Vec::new();
    for top in (0..one.height).step_by(TILE as usize) {
        for left in (0..one.width).step_by(TILE as usize) {
            let (bottom, right) = ((top + TILE).min(one.height), (left + TILE).min(one.width));
            let mut total = 0u64;
            for y in top..bottom {
                for x in left..right {
                    for channel in 0..3 {
                        let sum: u32 = [(0, 0), (1, 0), (0, 1), (1, 1)]
                            .iter()
                            .map(|(dx, dy)| at(two, 2 * x + dx, 2 * y + dy, channel))
                            .sum();
                        total += u64::from((sum / 4).abs_diff(at(one, x, y, channel)));
                    }
                }
            }
            let mean = total as f64 / f64::from((bottom - top) * (right - left) * 3);
            tiles.push((left, top, mean));
        }
    }
    tiles
}

/// What a tile may differ by: anti-aliased text and edges drawn at two sizes.
const MAX_TILE_DIFFERENCE: f64 = 40.0;

#[test]
fn a_2x_export_scaled_down_is_the_1x_export() {
    let (dataset, charts, mut offscreen) = setup();
    let chart = charts.iter().find(|chart| chart.id == "gdp-jinan-regions-2023").expect("chart");
    let one = render_image(chart, &dataset, &job(chart, 1, Lang::En), &mut offscreen).expect("1x");
    let two = render_image(chart, &dataset, &job(chart, 2, Lang::En), &mut offscreen).expect("2x");
    let tiles = tile_differences(&one, &two);
    let worst = tiles.iter().map(|(_, _, mean)| *mean).fold(0.0, f64::max);
    let whole = tiles.iter().map(|(_, _, mean)| mean).sum::<f64>() / tiles.len() as f64;
    assert!(whole < 6.0, "mean difference per channel {whole:.2} of 255");
    assert!(worst < MAX_TILE_DIFFERENCE, "a tile differs by {worst:.1} of 255: {tiles:?}");

    // The check sees a bar missing from the 2× picture: one bar's tile
    // painted over with the background fails it.
    let mut missing = two.clone();
    let background: [u8; 4] = missing.pixels[..4].try_into().expect("a pixel");
    let focus =
        one.pixels.chunks_exact(4).position(|p| p[0] > 180 && p[1] < 120 && p[2] < 60).expect("a bar");
    let (x, y) = ((focus as u32 % one.width) * 2, (focus as u32 / one.width) * 2);
    for row in y..(y + 64).min(missing.height) {
        for column in x..(x + 64).min(missing.width) {
            let at = ((row * missing.width + column) * 4) as usize;
            missing.pixels[at..at + 4].copy_from_slice(&background);
        }
    }
    let worst_missing = tile_differences(&one, &missing).iter().map(|(_, _, mean)| *mean).fold(0.0, f64::max);
    assert!(worst_missing >= MAX_TILE_DIFFERENCE, "a missing bar is seen ({worst_missing:.1})");
}

/// Splits one CSV line, honouring quoted fields.
fn csv_fields(line: &str) -> Vec<String> {
    let (mut fields, mut field, mut quoted, mut chars) =
        (Vec::new(), String::new(), false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[test]
fn a_chart_csv_reads_back_to_the_chart_values() {
    let dataset = load_embedded().expect("embedded");
    for chart in build_charts(&dataset) {
        let text = chart_csv(&chart, &dataset, Lang::Zh);
        assert!(text.starts_with("\u{feff}chart,series,"), "a byte-order mark for Excel, then the header");
        let rows: Vec<Vec<String>> = text.lines().skip(1).map(csv_fields).collect();
        let (drawn, not_drawn): (Vec<_>, Vec<_>) = rows.iter().partition(|row| row[11] == "yes");
        let points: Vec<_> = chart.points().collect();
        assert_eq!(drawn.len(), points.len(), "{}", chart.id);
        let left_out: usize =
            chart.left_out.iter().map(|left_out| left_out.observations(&dataset).count()).sum();
        assert_eq!(not_drawn.len(), left_out, "{}: every value not drawn is listed", chart.id);
        for (row, point) in drawn.iter().zip(points) {
            assert_eq!(row.len(), 12, "{}: {row:?}", chart.id);
            assert_eq!(row[3], point.period.to_string());
            let written = row[4].parse::<f64>().expect("a number");
            if matches!(point.note, Some(econlens::chart::PointNote::Derived(_))) {
                // Computed by EconLens: rounded to 4 places, and the note says so.
                let decimals = row[4].split_once('.').map_or(0, |(_, fraction)| fraction.len());
                assert!(decimals <= 4 || point.value.abs() < 0.001, "{}: {row:?}", chart.id);
                assert!(
                    (written - point.value).abs() <= 0.000_05,
                    "{}: {row:?} for {}",
                    chart.id,
                    point.value
                );
                assert!(row[10].ends_with("（按 4 位小数取整）"), "{}: {row:?}", chart.id);
            } else {
                assert_eq!(written, point.value, "{}: a stated value exactly as stated", chart.id);
            }
        }
        // Every column of every row against the dataset itself: a stated
        // value is an observation of the file with that period, value, unit,
        // status, qualifier, dispute flag and source; a derived one says how.
        for row in &rows {
            assert_eq!((row[0].as_str(), row[5].as_str()), (chart.id.as_str(), chart.unit.label(Lang::Zh)));
            if row[6] == "derived" {
                assert!(
                    !row[10].is_empty(),
                    "{}: a derived value says how it was computed: {row:?}",
                    chart.id
                );
                continue;
            }
            let value = row[4].parse::<f64>().expect("a number");
            let found =
                dataset.indicators().iter().filter(|indicator| indicator.unit.label(Lang::Zh) == row[5]).any(
                    |indicator| {
                        indicator.observations().iter().any(|obs| {
                            obs.period.to_string() == row[3]
                                && obs.value == value
                                && econlens::data::dump::status_word(obs.status) == row[6]
                                && econlens::data::dump::qualifier_word(obs.qualifier) == row[7]
                                && (if obs.conflict { "yes" } else { "no" }) == row[8]
                                && row[9].split(';').any(|source| source == dataset.source(obs.source).id)
                        })
                    },
                );
            assert!(found, "{}: no observation of the file matches {row:?}", chart.id);
        }
    }
}

/// The binary as a user on an English system runs it.
fn econlens_command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_econlens"));
    command.args(args).env("LANG", "en_US.UTF-8").env_remove("LANGUAGE").env_remove("LC_ALL");
    command
}

fn econlens(args: &[&str]) -> std::process::Output {
    econlens_command(args).output().expect("runs")
}

fn decodes_as_png(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else { return false };
    let Ok(mut reader) = png::Decoder::new(std::io::BufReader::new(file)).read_info() else { return false };
    let Some(size) = reader.output_buffer_size() else { return false };
    let mut buffer = vec![0; size];
    reader.next_frame(&mut buffer).is_ok()
}

#[test]
fn the_cli_exports_every_chart_in_both_languages() {
    let dataset = load_embedded().expect("embedded");
    let charts = build_charts(&dataset);
    for lang in ["zh", "en"] {
        let dir = temp_dir(&format!("all-{lang}"));
        let output = econlens(&[
            "export",
            "--all",
            "--lang",
            lang,
            "--scale",
            "1",
            "--out",
            dir.to_str().expect("utf-8"),
        ]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let files: Vec<PathBuf> =
            std::fs::read_dir(&dir).expect("list").flatten().map(|entry| entry.path()).collect();
        assert_eq!(files.len(), charts.len() * 5, "a PNG, an SVG, a PDF, a CSV and a workbook per chart");
        for file in &files {
            match ExportFormat::from_path(file) {
                Some(ExportFormat::Png) => assert!(decodes_as_png(file), "{} is a whole PNG", file.display()),
                Some(ExportFormat::Svg) => {
                    let text = std::fs::read_to_string(file).expect("utf-8");
                    assert!(
                        text.starts_with("<?xml") && text.ends_with("</svg>\n"),
                        "{} is a whole SVG",
                        file.display()
                    );
                }
                Some(ExportFormat::Pdf) => {
                    assert!(lopdf::Document::load(file).is_ok(), "{} is a whole PDF", file.display());
                }
                Some(ExportFormat::Csv) => {
                    assert!(
                        std::fs::read_to_string(file).expect("utf-8").lines().count() >= 2,
                        "a header and a value"
                    );
                }
                Some(ExportFormat::Xlsx) => {
                    let workbook: Result<calamine::Xlsx<_>, _> = calamine::open_workbook(file);
                    let sheets = workbook.map(|workbook| calamine::Reader::sheet_names(&workbook));
                    let expected = if lang == "zh" { ["数据", "来源"] } else { ["Data", "Sources"] };
                    assert_eq!(
                        sheets.ok().as_deref(),
                        Some(&expected.map(str::to_owned)[..]),
                        "{}",
                        file.display()
                    );
                }
                None => panic!("unexpected file {}", file.display()),
            }
        }
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// The chart's part of an exported workbook, as Excel reads it: its XML.
fn chart_xml(workbook: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(workbook)).expect("a zip archive");
    let mut part = archive.by_name("xl/charts/chart1.xml").expect("a native chart");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut part, &mut xml).expect("UTF-8 XML");
    xml
}

/// Every chart of the default data as a workbook: the data sheet holds each
/// drawn value under its period or category and series (computed values
/// rounded as in the CSV), the native chart is of the same kind with one
/// series per chart series over every row, titled as the chart, and the
/// sources sheet lists every value the chart stands for.
#[test]
fn a_chart_workbook_holds_the_values_a_native_chart_and_the_sources() {
    use calamine::{Data, Reader as _};
    let dataset = load_embedded().expect("embedded");
    for chart in build_charts(&dataset) {
        let bytes = econlens::export::xlsx::chart_workbook(&chart, &dataset, Lang::Zh).expect("a workbook");
        let mut workbook = calamine::Xlsx::new(std::io::Cursor::new(bytes.clone())).expect("opens");
        let data = workbook.worksheet_range("数据").expect("the data sheet");
        let at = |row: u32, column: u32| data.get_value((row, column)).cloned().unwrap_or(Data::Empty);
        assert_eq!(at(0, 0), Data::String(chart.title.zh.clone()), "{}: the title first", chart.id);
        let header = 3;
        let rows = data.height() as u32 - header - 1;
        for (series_at, series) in chart.series.iter().enumerate() {
            let column = 1 + 2 * series_at as u32;
            let Data::String(name) = at(header, column) else { panic!("{}: a series header", chart.id) };
            assert!(
                name.starts_with(series.name.zh.as_str()) && name.contains(chart.unit.label(Lang::Zh)),
                "{name}"
            );
            for point in &series.points {
                let label = chart.label_of(point, Lang::Zh);
                let row = (header + 1..=header + rows)
                    .find(|&row| at(row, 0) == Data::String(label.clone()))
                    .unwrap_or_else(|| panic!("{}: a row for {label}", chart.id));
                let Data::Float(value) = at(row, column) else { panic!("{}: a number at {label}", chart.id) };
                let computed = matches!(point.note, Some(econlens::chart::PointNote::Derived(_)));
                let expected: f64 =
                    econlens::export::csv::csv_number(point.value, computed).parse().expect("number");
                let disputed_twin = point.conflict && value != expected;
                assert!(value == expected || disputed_twin, "{}: {label}: {value} ≠ {expected}", chart.id);
            }
        }
        let xml = chart_xml(&bytes);
        let kind = match chart.kind {
            econlens::chart::ChartKind::Bars => "<c:barChart>",
            econlens::chart::ChartKind::Lines => "<c:lineChart>",
        };
        assert!(xml.contains(kind), "{}: a native chart of the same kind", chart.id);
        assert_eq!(xml.matches("<c:ser>").count(), chart.series.len(), "{}: every series", chart.id);
        // The first count in each series' categories and values: the rows they span.
        let spans = |tag: &str| -> Vec<String> {
            xml.split(&format!("<c:{tag}>"))
                .skip(1)
                .filter_map(|part| {
                    part.split("<c:ptCount val=\"").nth(1)?.split('"').next().map(str::to_owned)
                })
                .collect()
        };
        let every_row = vec![rows.to_string(); chart.series.len()];
        assert_eq!(spans("cat"), every_row, "{}: each series' categories span every row", chart.id);
        assert_eq!(spans("val"), every_row, "{}: each series' values span every row", chart.id);
        assert!(xml.contains(&chart.title.zh), "{}: titled as the chart", chart.id);
        let sources = workbook.worksheet_range("来源").expect("the sources sheet");
        let listed: usize = chart
            .series
            .iter()
            .chain(&chart.not_drawn)
            .map(|series| series.points.len())
            .sum::<usize>()
            + chart.left_out.iter().map(|left_out| left_out.observations(&dataset).count()).sum::<usize>();
        assert_eq!(sources.height() - 1, listed, "{}: every value the chart stands for", chart.id);
    }
}

#[test]
fn the_cli_lists_charts_and_explains_bad_requests() {
    let output = econlens(&["export", "--list", "--lang", "en"]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("gdp-shizhong-history\tShizhong · GDP"));
    let output = econlens(&["export", "--chart", "nope", "--out", "/tmp/x.png"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("no chart has the id \"nope\"; `econlens export --list` shows the ids")
    );
    let output = econlens(&["export", "--chart", "gdp-shizhong-history", "--out", "/no/such/folder/gdp.csv"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("cannot write /no/such/folder/gdp.csv: the folder /no/such/folder does not exist")
    );
    let output =
        econlens(&["export", "--chart", "gdp-shizhong-history", "--scale", "3", "--out", "/tmp/x.png"]);
    assert_eq!(output.status.code(), Some(2), "a usage error");
    let output =
        econlens(&["export", "--chart", "gdp-shizhong-history", "--lang", "en", "--out", "/tmp/x.txt"]);
    assert_eq!(output.status.code(), Some(2), "a usage error");
    assert!(String::from_utf8_lossy(&output.stderr).contains("add --format png, svg, pdf, csv or xlsx"));
}

#[test]
fn the_cli_writes_svg_and_pdf_from_the_extension_or_the_flag() {
    let dir = temp_dir("vector-cli");
    let (svg, pdf) = (dir.join("gdp.SVG"), dir.join("gdp.figure"));
    let chart = ["export", "--chart", "gdp-shizhong-history", "--lang", "zh", "--out"];
    let output = econlens(&[&chart[..], &[svg.to_str().expect("utf-8")]].concat());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = std::fs::read_to_string(&svg).expect("written");
    assert!(text.contains("<title>市中区 地区生产总值</title>"), "an SVG from the .SVG extension");
    let output = econlens(&[&chart[..], &[pdf.to_str().expect("utf-8"), "--format", "pdf"]].concat());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(std::fs::read(&pdf).expect("written").starts_with(b"%PDF-"), "a PDF from --format pdf");
    let _ = std::fs::remove_dir_all(dir);
}

/// The PNG's size in pixels, if the file is a whole PNG.
fn png_size(path: &Path) -> Option<(u32, u32)> {
    decodes_as_png(path).then_some(())?;
    let file = std::fs::File::open(path).ok()?;
    let reader = png::Decoder::new(std::io::BufReader::new(file)).read_info().ok()?;
    Some((reader.info().width, reader.info().height))
}

/// Files in `dir` other than `target`: what an interrupted write left.
fn strays(dir: &Path, target: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("list")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path != target)
        .collect()
}

#[test]
fn killing_an_export_leaves_the_old_file_or_a_whole_new_one() {
    let dir = temp_dir("kill");
    let target = dir.join("gdp.png");
    let old = b"the previous export".to_vec();
    let export = || {
        let mut command =
            econlens_command(&["export", "--chart", "gdp-shizhong-history", "--scale", "4", "--out"]);
        command.arg(&target).stderr(std::process::Stdio::null()).stdout(std::process::Stdio::null());
        command
    };
    // An export nobody interrupts: the size every whole export has.
    std::fs::write(&target, &old).expect("old file");
    let status = export().status().expect("runs");
    assert!(status.success());
    let whole = png_size(&target).expect("a whole PNG");
    assert_eq!(whole.0, 4 * FIGURE_WIDTH as u32);

    let (mut kept_old, mut replaced, mut finished_first) = (0, 0, 0);
    for delay_ms in [0u64, 5, 20, 60, 120, 200, 300, 450, 700, 1000, 1500, 2500, 4000] {
        std::fs::write(&target, &old).expect("old file");
        let mut child = export().spawn().expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        if child.try_wait().expect("status").is_some() {
            finished_first += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read(&target).expect("the target still exists");
        if now == old {
            kept_old += 1;
        } else {
            assert_eq!(
                png_size(&target),
                Some(whole),
                "after a kill at {delay_ms} ms: the old file or a whole new one"
            );
            replaced += 1;
        }
        for stray in strays(&dir, &target) {
            let name = stray.file_name().expect("name").to_string_lossy().into_owned();
            assert!(
                name.starts_with(".gdp.png.") && name.ends_with(".econlens-tmp"),
                "only a hidden temporary file may be left, never a partial target: {name}"
            );
        }
    }
    // A kill as the process starts always lands before the rename; how many
    // later ones do depends on the machine's speed, so only this is asserted.
    assert!(kept_old > 0, "some kills landed before the rename: {kept_old} old, {replaced} new");
    assert!(
        replaced >= finished_first,
        "every export that finished replaced the file: {finished_first}, {replaced} new"
    );
    // The next export cleans up what the killed ones left.
    assert!(export().status().expect("runs").success());
    assert_eq!(strays(&dir, &target), Vec::<PathBuf>::new(), "no temporary file is left behind");
    let _ = std::fs::remove_dir_all(dir);
}

/// A file whose one view holds `count` counts of the same unit and year:
/// a category chart that, unbounded, would be `count` bars tall.
fn many_counts_file(count: usize) -> String {
    let indicators: String = (0..count)
        .map(|at| {
            format!(
                "(id: \"firms_{at}\", name: (zh: \"企业类别{at}\", en: \"Firm kind {at}\"), unit: \"家\", view: \"enterprises\",\n \
                 observations: [(region: \"a\", period: \"2023\", value: {}, source: \"s\", quote: \"{}家\")]),\n",
                at + 1,
                at + 1
            )
        })
        .collect();
    format!(
        "(version: 1, title: (zh: \"很多类别\"), focus_region: \"a\", regions: [(id: \"a\", name: (zh: \"甲区\"))],\n \
         sources: [(id: \"s\", title: \"测试\", publisher: \"EconLens tests\", kind: Synthetic)],\n \
         indicators: [\n{indicators}])"
    )
}

#[test]
fn a_chart_of_eighty_counts_draws_the_largest_twenty_and_its_csv_lists_all() {
    let dataset = econlens::data::load_text(Path::new("many.ron"), &many_counts_file(80)).expect("valid");
    let charts = build_charts(&dataset);
    let counts =
        charts.iter().find(|chart| chart.id.starts_with("enterprises-counts")).expect("a count chart");
    let drawn: Vec<f64> = counts.points().map(|point| point.value).collect();
    assert_eq!(drawn.len(), 20, "at most 20 bars");
    assert!(drawn.iter().all(|value| *value > 60.0), "the largest are drawn: {drawn:?}");
    assert_eq!(counts.left_out.len(), 60);
    let note = counts.note.as_ref().expect("a note");
    assert!(note.zh.contains("另有 60 项数值较小，未画出：企业类别0、企业类别1"), "{}", note.zh);
    let csv = chart_csv(counts, &dataset, Lang::Zh);
    assert_eq!(csv.lines().count(), 81, "a header and every one of the 80 values");
    assert_eq!(csv.lines().filter(|line| line.ends_with(",no")).count(), 60);
}

#[test]
fn exporting_every_chart_of_a_large_file_at_4x_never_panics() {
    let dir = temp_dir("eighty");
    let data = dir.join("many.ron");
    std::fs::write(&data, many_counts_file(80)).expect("write");
    let out = dir.join("charts");
    let output = econlens(&[
        "export",
        "--all",
        "--scale",
        "4",
        "--data",
        data.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let pngs: Vec<PathBuf> = std::fs::read_dir(&out)
        .expect("list")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| ExportFormat::from_path(path) == Some(ExportFormat::Png))
        .collect();
    assert!(!pngs.is_empty());
    assert!(pngs.iter().all(|png| decodes_as_png(png)), "every PNG is whole");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_figure_drawn_in_tiles_is_the_same_picture() {
    let (dataset, charts, mut whole) = setup();
    let chart = charts.iter().find(|chart| chart.id == "gdp-jinan-regions-2023").expect("chart");
    let mut tiled = Offscreen::headless().expect("renderer").with_max_tile_side(700);
    let job = job(chart, 2, Lang::Zh);
    let one = render_image(chart, &dataset, &job, &mut whole).expect("whole");
    let joined = render_image(chart, &dataset, &job, &mut tiled).expect("tiled");
    assert!(
        one.width > 700 && one.height > 700,
        "the image needs several tiles: {}×{}",
        one.width,
        one.height
    );
    assert_eq!((joined.width, joined.height), (one.width, one.height));
    let differing =
        one.pixels.chunks_exact(4).zip(joined.pixels.chunks_exact(4)).filter(|(a, b)| a != b).count();
    assert!(differing * 1000 < one.pixels.len() / 4, "{differing} of {} pixels differ", one.pixels.len() / 4);
}
