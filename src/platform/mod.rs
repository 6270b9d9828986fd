//! What differs between the desktop and the browser, in one place, so the
//! tabs, charts and exports never ask which one they run on.
//!
//! The desktop ([`native`]): the window with its graphics-backend fallback
//! ([`window`]), settings in the system's configuration folder, and the
//! system's file dialog answering with a path, awaited on a background
//! task. The browser (`web`, for `wasm32`): the app on a canvas of the page
//! through eframe's web runner, no file paths and no threads; `.ci/run`
//! lints the app for `wasm32-unknown-unknown`, so nothing desktop-only
//! creeps into the shared code.
//!
//! Building the page by hand (not yet a command, and not yet tested in CI):
//! `cargo build --release --target wasm32-unknown-unknown --bin econlens`,
//! then `wasm-bindgen --target web --no-typescript --out-dir web/` on
//! `econlens.wasm` (wasm-bindgen-cli of the version in Cargo.lock), and
//! `assets/web/index.html` beside its output; serve the folder over HTTP.

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(not(target_arch = "wasm32"))]
pub mod window;

#[cfg(not(target_arch = "wasm32"))]
pub use native::{ask_system_dialog, settings_folder};
#[cfg(target_arch = "wasm32")]
pub use web::{ask_system_dialog, settings_folder, start};
#[cfg(not(target_arch = "wasm32"))]
pub use window::{WindowRequest, run};
