//! The desktop window: app state, fonts, colours, the chart drawing and one
//! file per tab. `run` is what `main.rs` calls; tests build [`app::EconLensApp`]
//! directly through egui_kittest.

pub mod app;
pub mod chart_card;
pub mod chrome;
pub mod commands;
pub mod export_flow;
pub mod exporting;
pub mod file_dialog;
pub mod file_picker;
pub mod focus_chooser;
pub mod import_dialog;
pub mod import_flow;
pub mod loading;
pub mod notice;
pub mod session;
pub mod settings;
pub mod shortcuts;
pub mod sparkline;
pub mod tabs;
pub mod watch;
pub mod widgets;

use std::path::PathBuf;

/// The window and taskbar icon (also the packages' icon, `assets/icon`).
pub const APP_ICON_PNG: &[u8] = include_bytes!("../../assets/icon/econlens-256.png");

/// Opens the window on `file`, or on the embedded dataset, and runs until it closes.
///
/// With `ECONLENS_REPORT_FIRST_FRAME` set, prints the time from here to the
/// first frame on stderr (the start-up benchmark in the README uses it).
pub fn run(file: Option<PathBuf>, max_size_bytes: u64) -> eframe::Result {
    let started = std::time::Instant::now();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("EconLens")
        .with_app_id("econlens")
        .with_inner_size([1200.0, 800.0])
        .with_min_inner_size([480.0, 360.0])
        .with_drag_and_drop(true);
    // The icon is a PNG built into the binary; a decoding failure only costs the icon.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(APP_ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions { viewport, persist_window: true, ..Default::default() };
    eframe::run_native(
        "EconLens",
        options,
        Box::new(move |cc| {
            let mut app = app::EconLensApp::new(cc, file, max_size_bytes);
            if std::env::var_os("ECONLENS_REPORT_FIRST_FRAME").is_some() {
                app.report_first_frame_since(started);
            }
            Ok(Box::new(app))
        }),
    )
}
