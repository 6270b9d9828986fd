//! The app's window contents: app state, fonts, colours, the chart drawing
//! and one file per tab. The desktop window that holds them is opened by
//! [`crate::platform`] (`platform::run`, what `main.rs` calls); tests build
//! [`app::EconLensApp`] directly through egui_kittest.

pub mod app;
pub mod cards;
pub mod chart_card;
pub mod chrome;
pub mod commands;
pub mod documents;
pub mod export_flow;
pub mod exporting;
pub mod file_dialog;
pub mod file_picker;
pub mod focus_chooser;
pub mod frame_meter;
pub mod graphics;
pub mod import_dialog;
pub mod import_flow;
pub mod loading;
pub mod notice;
pub mod saving;
pub mod session;
pub mod settings;
pub mod shortcuts;
pub mod sparkline;
pub mod tabs;
pub mod task;
pub mod widgets;

/// The window's app id: eframe keeps the settings under it.
pub const APP_ID: &str = "econlens";

/// The window and taskbar icon (also the packages' icon, `assets/icon`).
pub const APP_ICON_PNG: &[u8] = include_bytes!("../../assets/icon/econlens-256.png");
