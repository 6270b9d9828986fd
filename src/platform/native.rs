//! The desktop: settings in the system's configuration folder, and the
//! system's file dialog answering with a path.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::ui::task::Task;

/// The folder the window's settings are kept in (eframe's, for the app id).
pub fn settings_folder() -> Option<PathBuf> {
    eframe::storage_dir(crate::ui::APP_ID)
}

/// Awaits the system's file dialog on a background task, so the window
/// keeps drawing while it is up; the task answers with the path chosen
/// (`None` when cancelled or when no dialog could open) and how long it took.
pub fn ask_system_dialog(
    ctx: &egui::Context,
    dialog: impl std::future::Future<Output = Option<rfd::FileHandle>> + Send + 'static,
) -> Option<Task<(Option<PathBuf>, Duration)>> {
    Some(Task::spawn(ctx, "econlens-file-dialog", move |_| {
        let asked = Instant::now();
        let chosen = pollster::block_on(dialog).map(|file| file.path().to_owned());
        (chosen, asked.elapsed())
    }))
}
