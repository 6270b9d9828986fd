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
    let mut harness = Harness::builder()
        .with_size([1100.0, 760.0])
        .with_context_setup(econlens::figure::setup_context)
        .wgpu()
        .build_eframe(move |cc| {
            EconLensApp::with_settings(&cc.egui_ctx, settings, None, DEFAULT_MAX_SIZE_BYTES)
        });
    harness.run();
    harness
}

fn options() -> SnapshotOptions {
    // Anti-aliasing differs slightly between software renderers and drivers.
    SnapshotOptions::new().threshold(1.5).max_failed_pixels(400)
}

/// The load time in the status line changes from run to run.
fn mask_clock(harness: &mut Harness<'_, EconLensApp>, label: &str) {
    let rect = harness.get_by_label_contains(label).rect();
    harness.mask(rect);
}

#[test]
fn overview_in_chinese_light() {
    let mut harness = rendered(Settings::default());
    mask_clock(&mut harness, "加载于");
    harness.snapshot_options("overview_zh_light", &options());
}

#[test]
fn output_in_english_dark() {
    let settings = Settings { lang: Lang::En, theme: Theme::Dark, tab: Tab::Output, ..Settings::default() };
    let mut harness = rendered(settings);
    mask_clock(&mut harness, "Loaded at");
    harness.snapshot_options("output_en_dark", &options());
}
