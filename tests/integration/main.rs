//! Integration tests, in one binary so the app links once: the CLI as a
//! user runs it, the data layer on real files, and the GUI through egui_kittest.

#![allow(
    clippy::expect_used,
    clippy::panic,
    clippy::unwrap_used,
    reason = "a failed assumption in a test helper is a failed test"
)]

mod charts;
mod cli;
mod data;
mod export;
mod formats;
mod import;
mod quotes;
mod snapshots;
mod ui;
mod vector;
mod window;
