//! SVG and PDF exports are the same figure as the PNG: each SVG of the
//! default data, rasterised by resvg at the PNG's size, matches the PNG
//! export pixel for pixel within a tolerance, band by band from the title
//! to the footer, in both languages and both themes; the PDF reads back as
//! one page of the figure's size with the title drawn and in its metadata.

use econlens::chart::Chart;
use econlens::chart::catalogue::build_charts;
use econlens::data::load_embedded;
use econlens::data::model::Dataset;
use econlens::export::vector::pdf::POINTS_PER_PIXEL;
use econlens::export::{Drawer, ExportFormat, ExportJob, RgbaImage, export_bytes, render_image};
use econlens::figure::Theme;
use econlens::i18n::Lang;

/// Mean absolute difference per channel (0–255) allowed over a whole figure
/// at 2×. Measured on the default data: 0.28–1.34 (egui draws hinted glyphs
/// from its atlas and feathers edges by a pixel; resvg fills the exact
/// outlines), so 2 leaves room for another rasteriser's rounding while a
/// wrong colour or a shifted plot fails.
const MAX_MEAN_DIFFERENCE: f64 = 2.0;
/// The figure is cut into bands this many pixels tall, and each band of the
/// SVG must have about as much ink as the PNG's (between these ratios; see
/// [`ink`]). Measured: 0.84–1.11; egui's glyphs are a little heavier than
/// exact outlines, most on a dark background (0.84–0.88 there), and a figure
/// without its title has none in its first band. Bands with less ink than `MIN_BAND_INK` in both (blank
/// margins, a few hundred pixels of faint grid) are not compared.
const BAND_HEIGHT: u32 = 80;
const MIN_INK_RATIO: f64 = 0.8;
const MAX_INK_RATIO: f64 = 1.25;
const MIN_BAND_INK: u64 = 40_000;

fn job(chart: &Chart, format: ExportFormat, lang: Lang, theme: Theme) -> ExportJob {
    ExportJob { chart_id: chart.id.clone(), format, scale: 2, lang, theme }
}

/// The SVG drawn by resvg at `width` × `height` pixels.
fn rasterise(svg: &str, width: u32, height: u32) -> RgbaImage {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).expect("the SVG parses");
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height).expect("a pixmap");
    let scale = width as f32 / tree.size().width();
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    RgbaImage { width, height, pixels: pixmap.take() }
}

/// Mean absolute difference of the RGB channels over rows `top..bottom`.
fn difference(a: &RgbaImage, b: &RgbaImage, top: u32, bottom: u32) -> f64 {
    let row = a.width as usize * 4;
    let range = top as usize * row..bottom as usize * row;
    let (sum, count) = a.pixels[range.clone()]
        .chunks_exact(4)
        .zip(b.pixels[range].chunks_exact(4))
        .flat_map(|(p, q)| (0..3).map(move |channel| u64::from(p[channel].abs_diff(q[channel]))))
        .fold((0u64, 0u64), |(sum, count), value| (sum + value, count + 1));
    sum as f64 / count.max(1) as f64
}

/// Where the pictures are kept when a comparison fails, to look at.
fn keep(name: &str, png: &RgbaImage, svg: &RgbaImage) -> String {
    let dir = std::env::temp_dir().join("econlens-vector-fidelity");
    let _ = std::fs::create_dir_all(&dir);
    for (suffix, image) in [("png", png), ("svg", svg)] {
        let text = econlens::export::png::PngText { title: name, description: suffix };
        let bytes = econlens::export::png::encode_png(image, &text).expect("encodes");
        let _ = std::fs::write(dir.join(format!("{name}.{suffix}.png")), bytes);
    }
    dir.display().to_string()
}

/// How much rows `top..bottom` stand out from the background (text, lines,
/// bars): the sum over pixels of their largest channel difference from it.
/// Anti-aliasing moves ink between neighbouring pixels but keeps about as
/// much of it; a missing line of text takes it away.
fn ink(image: &RgbaImage, top: u32, bottom: u32) -> u64 {
    let background = &image.pixels[..3];
    let row = image.width as usize * 4;
    image.pixels[top as usize * row..bottom as usize * row]
        .chunks_exact(4)
        .map(|pixel| {
            (0..3).map(|channel| u64::from(pixel[channel].abs_diff(background[channel]))).max().unwrap_or(0)
        })
        .sum()
}

/// The bands of `png` with ink whose SVG drawing has too little or too much
/// of it: a missing title, plot or footer, or one drawn twice.
fn bands_missing_or_extra(png: &RgbaImage, svg: &RgbaImage) -> Vec<String> {
    let mut wrong = Vec::new();
    for top in (0..png.height).step_by(BAND_HEIGHT as usize) {
        let bottom = (top + BAND_HEIGHT).min(png.height);
        let (expected, drawn) = (ink(png, top, bottom), ink(svg, top, bottom));
        #[expect(clippy::cast_precision_loss, reason = "pixel counts")]
        let ratio = drawn as f64 / expected.max(1) as f64;
        if (expected >= MIN_BAND_INK || drawn >= MIN_BAND_INK)
            && !(MIN_INK_RATIO..=MAX_INK_RATIO).contains(&ratio)
        {
            wrong.push(format!("rows {top}–{bottom}: ink {drawn} where the PNG has {expected}"));
        }
    }
    wrong
}

fn compare(chart: &Chart, dataset: &Dataset, drawer: &mut Drawer, lang: Lang, theme: Theme) {
    let png = render_image(
        chart,
        dataset,
        &job(chart, ExportFormat::Png, lang, theme),
        drawer.offscreen().expect("renderer"),
    )
    .expect("png");
    let svg = export_bytes(chart, dataset, &job(chart, ExportFormat::Svg, lang, theme), drawer).expect("svg");
    let svg = String::from_utf8(svg).expect("utf-8");
    let drawn = rasterise(&svg, png.width, png.height);
    let name = format!("{}-{lang:?}-{theme:?}", chart.id);
    let whole = difference(&png, &drawn, 0, png.height);
    assert!(
        whole < MAX_MEAN_DIFFERENCE,
        "{name}: mean difference {whole:.2} (pictures in {})",
        keep(&name, &png, &drawn)
    );
    let wrong = bands_missing_or_extra(&png, &drawn);
    assert!(wrong.is_empty(), "{name}: {} (pictures in {})", wrong.join("; "), keep(&name, &png, &drawn));
}

/// The default data and its GDP history chart.
fn gdp_history() -> (Dataset, Chart) {
    let dataset = load_embedded().expect("embedded");
    let chart = build_charts(&dataset).into_iter().find(|chart| chart.id == "gdp-shizhong-history");
    (dataset, chart.expect("the chart"))
}

#[test]
fn every_svg_of_the_default_data_looks_like_its_png() {
    let dataset = load_embedded().expect("embedded");
    let charts = build_charts(&dataset);
    let mut drawer = Drawer::new(None);
    for chart in &charts {
        compare(chart, &dataset, &mut drawer, Lang::Zh, Theme::Light);
    }
    // The other language and theme on a line chart, a bar chart and a share chart.
    let some: Vec<&Chart> = charts.iter().step_by((charts.len() / 3).max(1)).collect();
    for (lang, theme) in [(Lang::En, Theme::Light), (Lang::Zh, Theme::Dark), (Lang::En, Theme::Dark)] {
        for chart in &some {
            compare(chart, &dataset, &mut drawer, lang, theme);
        }
    }
}

#[test]
fn a_missing_title_is_caught_by_the_comparison() {
    let (dataset, chart) = gdp_history();
    let chart = &chart;
    let mut drawer = Drawer::new(None);
    let png = render_image(
        chart,
        &dataset,
        &job(chart, ExportFormat::Png, Lang::Zh, Theme::Light),
        drawer.offscreen().expect("renderer"),
    )
    .expect("png");
    let mut figure = econlens::export::vector_figure(
        chart,
        &dataset,
        &job(chart, ExportFormat::Svg, Lang::Zh, Theme::Light),
        drawer.layout(),
    );
    // Drop the glyphs of the first line of text (the title).
    figure.items.retain(|item| !matches!(item, econlens::export::vector::Item::Glyph { transform, .. } if transform[5] < 50.0));
    let about = econlens::export::vector::Description { title: "", description: "", lang: "zh-CN" };
    let drawn = rasterise(&econlens::export::vector::svg::write_svg(&figure, &about), png.width, png.height);
    let wrong = bands_missing_or_extra(&png, &drawn);
    assert!(!wrong.is_empty(), "a figure without its title passes the comparison");
    assert!(wrong[0].starts_with("rows 0–80") || wrong[0].starts_with("rows 80–160"), "{wrong:?}");
}

/// A PDF text string: UTF-16 with a byte order mark, else PDFDocEncoding (Latin-1 here).
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> =
                utf16.chunks_exact(2).map(|pair| u16::from_be_bytes([pair[0], pair[1]])).collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&byte| char::from(byte)).collect(),
    }
}

#[test]
fn the_pdf_reads_back_as_one_page_with_its_title_drawn_and_named() {
    let (dataset, chart) = gdp_history();
    let chart = &chart;
    let mut drawer = Drawer::new(None);
    for lang in Lang::ALL {
        let svg =
            export_bytes(chart, &dataset, &job(chart, ExportFormat::Svg, lang, Theme::Dark), &mut drawer);
        assert!(svg.is_ok_and(|svg| svg.starts_with(b"<?xml")));
        let pdf_job = job(chart, ExportFormat::Pdf, lang, Theme::Light);
        let bytes = export_bytes(chart, &dataset, &pdf_job, &mut drawer).expect("pdf");
        let figure = econlens::export::vector_figure(chart, &dataset, &pdf_job, drawer.layout());
        let document = lopdf::Document::load_mem(&bytes).expect("the PDF parses");
        let pages = document.get_pages();
        assert_eq!(pages.len(), 1);
        let page = *pages.values().next().expect("a page");
        let media_box: Vec<f32> = document
            .get_dictionary(page)
            .and_then(|page| page.get(b"MediaBox"))
            .and_then(lopdf::Object::as_array)
            .expect("a media box")
            .iter()
            .map(|value| value.as_float().expect("a number"))
            .collect();
        assert_eq!(media_box, vec![0.0, 0.0, 960.0 * POINTS_PER_PIXEL, figure.size.y * POINTS_PER_PIXEL]);

        let info =
            document.trailer.get(b"Info").and_then(lopdf::Object::as_reference).expect("an Info dictionary");
        let info = document.get_dictionary(info).expect("Info");
        let title = text_string(info.get(b"Title").and_then(lopdf::Object::as_str).expect("a title"));
        assert_eq!(title, chart.title.get(lang));
        let subject = text_string(info.get(b"Subject").and_then(lopdf::Object::as_str).expect("a subject"));
        assert!(subject.contains(lang.tr("来源", "Sources")), "{subject}");

        // Every glyph of the title is a reused outline drawn in the title's
        // line (y < 50 points from the top of the page).
        let content = lopdf::content::Content::decode(&document.get_page_content(page)).expect("decodes");
        let mut title_glyphs = 0;
        let mut last_y = None;
        for operation in &content.operations {
            match operation.operator.as_str() {
                "cm" => last_y = operation.operands.get(5).and_then(|y| y.as_float().ok()),
                "Do" if last_y.is_some_and(|y| y < 50.0) => title_glyphs += 1,
                _ => {}
            }
        }
        let visible = chart.title.get(lang).chars().filter(|c| !c.is_whitespace()).count();
        assert_eq!(title_glyphs, visible, "one drawn glyph per character of {:?}", chart.title.get(lang));
    }
    assert!(!drawer.has_painter(), "SVG and PDF were made without a GPU or software renderer");
}

#[test]
fn the_svg_says_what_it_shows_and_stays_small() {
    let (dataset, chart) = gdp_history();
    let chart = &chart;
    let mut drawer = Drawer::new(None);
    let mut svg_job = job(chart, ExportFormat::Svg, Lang::Zh, Theme::Light);
    svg_job.scale = 2;
    let svg =
        String::from_utf8(export_bytes(chart, &dataset, &svg_job, &mut drawer).expect("svg")).expect("utf-8");
    assert!(svg.len() < 200_000, "the GDP history SVG is {} bytes", svg.len());
    assert!(svg.contains(&format!("<title>{}</title>", chart.title.get(Lang::Zh))));
    let desc = svg.split("<desc>").nth(1).and_then(|rest| rest.split("</desc>").next()).expect("a desc");
    assert!(desc.contains("单位：亿元") && desc.contains("2015") && desc.contains("来源："), "{desc}");
    // Text is outlines, not characters a viewer would need a font for.
    assert!(!svg.contains("<text"));
    assert!(
        svg.matches("<use ").count() > svg.matches("<path id=\"g").count() * 2,
        "glyph outlines are reused"
    );
}
