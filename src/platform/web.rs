//! The browser: the app on a `<canvas id="econlens">` of the page through
//! eframe's web runner (WebGL2, or WebGPU where the browser has it), the
//! embedded data, settings in the page's local storage (eframe's), no
//! configuration folder and no file paths.

use std::path::PathBuf;
use std::time::Duration;

use wasm_bindgen::JsCast as _;

use crate::ui::app::EconLensApp;
use crate::ui::task::Task;

/// The id of the canvas the page gives the app.
pub const CANVAS_ID: &str = "econlens";

/// A browser has no settings folder.
pub fn settings_folder() -> Option<PathBuf> {
    None
}

/// A browser's file chooser gives a file's bytes, never a path: no path
/// dialog is offered (`None`, as when the desktop's dialog cannot open).
pub fn ask_system_dialog(
    _ctx: &egui::Context,
    _dialog: impl std::future::Future<Output = Option<rfd::FileHandle>> + 'static,
) -> Option<Task<(Option<PathBuf>, Duration)>> {
    None
}

/// Starts the app on the page's canvas; if it cannot start (no WebGL2 or
/// WebGPU), says so in the page instead.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
        let canvas = document
            .get_element_by_id(CANVAS_ID)
            .and_then(|element| element.dyn_into::<web_sys::HtmlCanvasElement>().ok());
        let Some(canvas) = canvas else {
            show_problem(
                &document,
                &format!(
                    "这个页面没有 id 为 {CANVAS_ID} 的画布。/ The page has no canvas with the id {CANVAS_ID}."
                ),
            );
            return;
        };
        let started = eframe::WebRunner::new()
            .start(
                canvas,
                eframe::WebOptions::default(),
                Box::new(|cc| {
                    let max = crate::data::DEFAULT_MAX_SIZE_BYTES;
                    Ok(Box::new(EconLensApp::new(cc, None, max, None, None)))
                }),
            )
            .await;
        if started.is_ok()
            && let Some(status) = document.get_element_by_id("econlens-status")
        {
            status.remove();
        }
        if let Err(error) = started {
            let reason = error.as_string().unwrap_or_else(|| format!("{error:?}"));
            show_problem(
                &document,
                &format!(
                    "EconLens 无法在此浏览器中启动（需要 WebGL2 或 WebGPU）：{reason} / EconLens cannot start in this browser (it needs WebGL2 or WebGPU): {reason}"
                ),
            );
        }
    });
}

/// Replaces the page's loading text with `text`.
fn show_problem(document: &web_sys::Document, text: &str) {
    if let Some(status) = document.get_element_by_id("econlens-status") {
        status.set_text_content(Some(text));
    }
}
