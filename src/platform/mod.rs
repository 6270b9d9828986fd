//! What differs between the desktop and the browser, in one place, so the
//! tabs, charts and exports never ask which one they run on.
//!
//! The desktop ([`native`]): the window with its graphics-backend fallback
//! ([`window`]), settings in the system's configuration folder, threads,
//! files on disk written atomically (`disk`) and watched for changes
//! (`watch`), and the system's file dialog
//! answering with a path, awaited on a background task. The browser (`web`,
//! for `wasm32`): the app on a canvas of the page through eframe's web
//! runner, settings in the page's local storage (eframe's), no threads (a
//! [`Task`](crate::ui::task::Task) runs its job between frames), and no file
//! system: a file the user gives the page (the browser's file picker, a
//! file dropped on the page, the data a published page carries) is kept in
//! memory under its name, so loading and importing read it as they read a
//! file; every file the app writes (an export, a report, an imported
//! table's data) becomes a download with that file's name.
//!
//! The crates only the desktop uses (notify, rfd, tempfile) are
//! dependencies of the desktop build only (Cargo.toml), and only this module
//! names them. The page is built by `bash .ci/web-build.sh` (see the
//! README) and published with `econlens publish`.

#[cfg(not(target_arch = "wasm32"))]
mod disk;
#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
mod watch;
#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(not(target_arch = "wasm32"))]
pub mod window;

use std::path::PathBuf;

#[cfg(not(target_arch = "wasm32"))]
pub use disk::write_file;
#[cfg(not(target_arch = "wasm32"))]
pub use native::{
    DESKTOP, GPU_READS_BACK, ask_system_dialog, first_frame_shown, frame_measured, given_file, rasterize_svg,
    receive_dropped, reload, settings_folder, show_title, spawn_thread,
};
#[cfg(not(target_arch = "wasm32"))]
pub use watch::FileWatcher;
#[cfg(target_arch = "wasm32")]
pub use web::{
    DESKTOP, GPU_READS_BACK, ask_system_dialog, first_frame_shown, frame_measured, given_file, rasterize_svg,
    receive_dropped, reload, settings_folder, show_title, spawn_thread, start,
};
#[cfg(target_arch = "wasm32")]
pub use web::{FileWatcher, write_file};
#[cfg(not(target_arch = "wasm32"))]
pub use window::{WindowRequest, run};

/// What the app asks a file dialog for: its title, the one kind of file it
/// offers (label, extensions), the proposed name when saving, and the
/// folder to start in.
#[derive(Clone, Debug)]
pub struct DialogRequest {
    pub title: String,
    pub filter: (String, Vec<&'static str>),
    /// `Some` for a file to write (its proposed name), `None` for one to open.
    pub save_as: Option<String>,
    pub folder: Option<PathBuf>,
}

/// How File → Reload gets a file again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReloadWay {
    /// Read it again from where it is (the desktop's disk).
    ReadAgain,
    /// Ask for it again: a browser cannot read a picked file a second time
    /// once it changed on the disk; the user picks it again.
    AskAgain,
    /// The page reloads, fetching the data it carries again.
    PageReloads,
}

/// A file dropped on the window: its path on the desktop, or the task
/// reading it in the browser (answering with the name it is kept under).
pub enum Received {
    Path(PathBuf),
    Reading(crate::ui::task::Task<(Option<PathBuf>, std::time::Duration)>),
}
