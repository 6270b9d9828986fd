//! What differs between the desktop and the browser, in one place, so the
//! tabs, charts and exports never ask which one they run on.
//!
//! The desktop ([`native`]): the window with its graphics-backend fallback
//! ([`window`]), settings in the system's configuration folder, and the
//! system's file dialog answering with a path, awaited on a background
//! task. The browser (`web`, for `wasm32`): no window of its own, no file
//! paths and no threads; the library builds for it (`cargo check --lib
//! --target wasm32-unknown-unknown`, run by `.ci/run`), so nothing
//! desktop-only creeps into the shared code.

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(not(target_arch = "wasm32"))]
pub mod window;

#[cfg(not(target_arch = "wasm32"))]
pub use native::{ask_system_dialog, settings_folder};
#[cfg(target_arch = "wasm32")]
pub use web::{ask_system_dialog, settings_folder};
#[cfg(not(target_arch = "wasm32"))]
pub use window::{WindowRequest, run};
