//! A few rendered pictures of the real app, compared with a tolerance:
//! Chinese text, bars and colours as a user sees them. Rendered by wgpu on a
//! software adapter (Mesa's lavapipe in CI). `UPDATE_SNAPSHOTS=1 cargo test`
//! rewrites them after an intended change; look at the PNGs before committing.

use econlens::data::DEFAULT_MAX_SIZE_BYTES;
use econlens::figure::Theme;
use econlens::i18n::Lang;
use econlens::ui::app::EconLensApp;
use econlens::ui::settings::Settings;
use econlens::ui::tabs::Tab;
use egui_kittest::kittest::Queryable as _;
use egui_kittest::{Harness, SnapshotOptions};

fn rendered(settings: Settings) -> Harness<'static, EconLensApp> {
    // The harness sets its theme after the app is made: give it the settings' theme.
    let mut harness = Harness::builder()
        .with_size([1100.0, 760.0])
        .with_theme(settings.theme.egui())
        .with_context_setup(econlens::figure::setup_context)
        .wgpu()
        .build_eframe(move |cc| {
            EconLensApp::with_settings(&cc.egui_ctx, settings, None, DEFAULT_MAX_SIZE_BYTES)
        });
    harness.run();
    harness
}

fn options() -> SnapshotOptions {
    // egui's default threshold, and not one pixel more: lavapipe renders these
    // the same on every run, so a changed digit or a missing bar fails.
    SnapshotOptions::new().threshold(0.6).max_failed_pixels(0)
}

/// The texts a user reads, checked through AccessKit as well as in pixels.
fn says(harness: &Harness<'_, EconLensApp>, texts: &[&str]) {
    for text in texts {
        assert!(harness.query_by_label(text).is_some(), "the screen says {text:?}");
    }
}

/// The load time in the status line changes from run to run.
fn mask_clock(harness: &mut Harness<'_, EconLensApp>, label: &str) {
    let rect = harness.get_by_label_contains(label).rect();
    harness.mask(rect);
}

#[test]
fn overview_in_chinese_light() {
    let mut harness = rendered(Settings::default());
    says(&harness, &["地区生产总值 · 2023: 1,350.4 亿元"]);
    mask_clock(&mut harness, "加载于");
    harness.snapshot_options("overview_zh_light", &options());
}

#[test]
fn output_in_english_dark() {
    let settings = Settings { lang: Lang::En, theme: Theme::Dark, tab: Tab::Output, ..Settings::default() };
    let mut harness = rendered(settings);
    says(
        &harness,
        &[
            "GDP · 2023: 1,350.4 100m yuan",
            "Shizhong (source's estimate) · 2015: 739 100m yuan",
            "Shizhong (derived) · 2024: 1,384.37 100m yuan",
            "Shizhong (sources disagree) · 2018: 1,042.8 100m yuan",
            "Shizhong (sources disagree) · 2018: 1,042.6 100m yuan",
        ],
    );
    mask_clock(&mut harness, "Loaded at");
    harness.snapshot_options("output_en_dark", &options());
}

/// One chart's figure, as the screen and exports draw it.
fn figure_harness(fixture: &str, chart_id: &'static str, lang: Lang, theme: Theme) -> Harness<'static, ()> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(fixture);
    let dataset = econlens::data::load_file(&path, DEFAULT_MAX_SIZE_BYTES).expect("valid fixture");
    let charts = econlens::chart::catalogue::build_charts(&dataset);
    let chart = charts.into_iter().find(|chart| chart.id == chart_id).expect("the chart");
    let mut harness = Harness::builder()
        .with_size([960.0, 430.0])
        .with_theme(theme.egui())
        .with_context_setup(econlens::figure::setup_context)
        .wgpu()
        .build_ui(move |ui| {
            egui::Frame::NONE.inner_margin(16.0).show(ui, |ui| {
                econlens::figure::figure_ui(ui, &chart, &dataset, lang, None);
            });
        });
    harness.run();
    harness
}

/// A line with a source's estimate (diamond, dashed), a derived value
/// (square, dashed), a missing year (a gap) and a disputed year (crosses, not joined).
#[test]
fn line_chart_with_an_estimate_a_derived_value_a_gap_and_a_dispute() {
    let mut harness = figure_harness("line_history.ron", "gdp-d-history", Lang::Zh, Theme::Light);
    assert!(harness.query_all_by_label("测试区 地区生产总值").next().is_some(), "the chart's title");
    harness.snapshot_options("line_chart_zh_light", &options());
}

/// Quarters on a time axis labelled in English, dark.
#[test]
fn quarterly_chart_in_english_dark() {
    let mut harness =
        figure_harness("city_districts.ron", "retail-city-history-quarters", Lang::En, Theme::Dark);
    assert!(
        harness.query_all_by_label("Sample city · Retail sales (quarterly)").next().is_some(),
        "the chart's title"
    );
    harness.snapshot_options("quarterly_en_dark", &options());
}
