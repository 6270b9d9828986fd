//! What the user asked for during a frame, applied after it is drawn, so
//! drawing code never loads files or changes state behind the frame's back.

use std::path::PathBuf;

use crate::i18n::Lang;
use crate::ui::tabs::Tab;

/// Light or dark, remembered between runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    #[default]
    Light,
    Dark,
}

#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Show the native open dialog.
    OpenDialog,
    Open(PathBuf),
    /// Load the current file again (F5, or the file changed on disk).
    Reload,
    SelectTab(Tab),
    SetLang(Lang),
    SetTheme(ThemeChoice),
    DismissError,
    ClearRecent,
    /// Reset a chart's zoom and pan.
    ResetChart(String),
    /// Open a source's web page in the browser (http/https only, checked on load).
    OpenUrl(String),
    Quit,
}
