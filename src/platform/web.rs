//! The browser: no configuration folder (settings go to the page's local
//! storage through eframe) and no file paths.

use std::path::PathBuf;
use std::time::Duration;

use crate::ui::task::Task;

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
