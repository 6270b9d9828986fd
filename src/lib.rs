//! EconLens: regional economic statistics from a RON file, as a tabbed
//! dashboard of charts where every value traces back to the words of its
//! source.
//!
//! The library holds everything worth testing; `main.rs` only parses the
//! command line. Data flows one way: file → [`data::raw`] →
//! [`data::validate`] → [`data::model::Dataset`] → chart models → screen.

pub mod audit;
pub mod chart;
/// The command line and `econlens publish` belong to the desktop build (a page has neither).
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod data;
pub mod export;
pub mod figure;
pub mod format;
pub mod i18n;
pub mod import;
pub mod platform;
#[cfg(not(target_arch = "wasm32"))]
pub mod publish;
pub mod report;
pub mod ui;
