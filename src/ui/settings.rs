//! What the app remembers between runs, and the one place it is checked.
//!
//! eframe keeps the settings as RON where each system keeps app data. A
//! settings file from another version, edited by hand or damaged must never
//! stop the app or reach the renderer: each field is read on its own, and a
//! field that does not parse or is out of range falls back to its default,
//! with a notice naming it. The rest of the app trusts [`Settings`].

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::export::ExportFormat;
use crate::figure::Theme;
use crate::i18n::{Lang, Message};
use crate::msg;
use crate::ui::tabs::Tab;

/// Which file dialog the app shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileDialogChoice {
    /// The system's own dialog, falling back to the built-in one when it
    /// cannot open (Linux without xdg-desktop-portal).
    #[default]
    System,
    /// Always the built-in dialog.
    BuiltIn,
}

/// Remembered between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub lang: Lang,
    pub theme: Theme,
    pub tab: Tab,
    /// Most recent first, at most [`MAX_RECENT_FILES`].
    pub recent_files: Vec<PathBuf>,
    /// Pixel density of PNG exports from File → Export current chart: one of [`crate::export::SCALES`].
    pub export_scale: u8,
    /// The format of File → Export current chart: the last one chosen in any export menu.
    pub export_format: ExportFormat,
    pub file_dialog: FileDialogChoice,
    /// Where the last file was opened from or exported to; file dialogs start there.
    pub last_folder: Option<PathBuf>,
    /// The focus region chosen for a data file (its id), by the file's path:
    /// the dashboard of a table of peers opens on the region the user picked,
    /// without the file being rewritten. At most [`MAX_FOCUS_FILES`], most recent first.
    #[serde(default)]
    pub focus_by_file: Vec<(PathBuf, String)>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            lang: Lang::default(),
            theme: Theme::default(),
            tab: Tab::default(),
            recent_files: Vec::new(),
            export_scale: crate::export::DEFAULT_SCALE,
            export_format: ExportFormat::Png,
            file_dialog: FileDialogChoice::default(),
            last_folder: None,
            focus_by_file: Vec::new(),
        }
    }
}

pub const MAX_RECENT_FILES: usize = 8;
pub const MAX_FOCUS_FILES: usize = 64;

/// The stored settings with each field as written, so one bad field does not
/// cost the others.
#[derive(Deserialize)]
struct StoredSettings {
    #[serde(default)]
    lang: Option<Box<ron::value::RawValue>>,
    #[serde(default)]
    theme: Option<Box<ron::value::RawValue>>,
    #[serde(default)]
    tab: Option<Box<ron::value::RawValue>>,
    #[serde(default)]
    recent_files: Option<Box<ron::value::RawValue>>,
    #[serde(default)]
    export_scale: Option<Box<ron::value::RawValue>>,
    #[serde(default)]
    export_format: Option<Box<ron::value::RawValue>>,
    #[serde(default)]
    file_dialog: Option<Box<ron::value::RawValue>>,
    #[serde(default)]
    last_folder: Option<Box<ron::value::RawValue>>,
    #[serde(default)]
    focus_by_file: Option<Box<ron::value::RawValue>>,
}

/// eframe writes `Some(…)`; reading each field on its own, the `Some` is
/// already taken off.
fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// What restoring found wrong: field names, for the notice.
#[derive(Default)]
struct Resets(Vec<&'static str>);

impl Resets {
    /// The field's value if it is stored and reads as `T`, else `default`
    /// (and the field is named when it was stored but unreadable).
    fn field<T: serde::de::DeserializeOwned>(
        &mut self,
        name: &'static str,
        stored: Option<&ron::value::RawValue>,
        default: T,
    ) -> T {
        match stored.map(|raw| ron_options().from_str::<T>(raw.get_ron())) {
            Some(Ok(value)) => value,
            Some(Err(_)) => {
                self.0.push(name);
                default
            }
            None => default,
        }
    }
}

impl Settings {
    /// The settings eframe stored under `key`, checked; with a notice when
    /// anything had to be reset. No stored settings (the first start): the
    /// defaults in `first_lang`, silently; the choice is stored from then on.
    pub fn restore(storage: Option<&dyn eframe::Storage>, first_lang: Lang) -> (Self, Option<Message>) {
        match storage.and_then(|storage| storage.get_string(eframe::APP_KEY)) {
            Some(text) => Self::from_ron(&text),
            None => (Self { lang: first_lang, ..Self::default() }, None),
        }
    }

    /// Reads settings written by any version, keeping every readable field.
    pub fn from_ron(text: &str) -> (Self, Option<Message>) {
        let Ok(stored) = ron_options().from_str::<StoredSettings>(text) else {
            return (
                Self::default(),
                Some(msg!(
                    "设置文件无法读取，已使用默认设置。",
                    "The settings file could not be read; the defaults are used."
                )),
            );
        };
        let defaults = Self::default();
        let mut resets = Resets::default();
        let mut settings = Self {
            lang: resets.field("lang", stored.lang.as_deref(), defaults.lang),
            theme: resets.field("theme", stored.theme.as_deref(), defaults.theme),
            tab: resets.field("tab", stored.tab.as_deref(), defaults.tab),
            recent_files: resets.field("recent_files", stored.recent_files.as_deref(), Vec::new()),
            export_scale: resets.field("export_scale", stored.export_scale.as_deref(), defaults.export_scale),
            export_format: resets.field(
                "export_format",
                stored.export_format.as_deref(),
                defaults.export_format,
            ),
            file_dialog: resets.field("file_dialog", stored.file_dialog.as_deref(), defaults.file_dialog),
            last_folder: resets.field("last_folder", stored.last_folder.as_deref(), None),
            focus_by_file: resets.field("focus_by_file", stored.focus_by_file.as_deref(), Vec::new()),
        };
        settings.focus_by_file.retain(|(path, id)| !path.as_os_str().is_empty() && !id.is_empty());
        settings.focus_by_file.truncate(MAX_FOCUS_FILES);
        if !crate::export::SCALES.contains(&settings.export_scale) {
            resets.0.push("export_scale");
            settings.export_scale = defaults.export_scale;
        }
        settings.recent_files.retain(|path| !path.as_os_str().is_empty());
        settings.recent_files.truncate(MAX_RECENT_FILES);
        if resets.0.is_empty() {
            return (settings, None);
        }
        let fields = resets.0.iter().map(|name| field_label(name)).collect::<Vec<_>>();
        let (zh, en) = (
            fields.iter().map(|(zh, _)| *zh).collect::<Vec<_>>().join("、"),
            fields.iter().map(|(_, en)| *en).collect::<Vec<_>>().join(", "),
        );
        let notice = msg!(
            "部分设置无效，已恢复默认值：{zh}。",
            "Some settings were not valid and are back to their defaults: {en}."
        );
        (settings, Some(notice))
    }

    /// The focus region id chosen for the file at `path`, if any.
    pub fn focus_for(&self, path: &Path) -> Option<&str> {
        self.focus_by_file.iter().find(|(known, _)| known == path).map(|(_, id)| id.as_str())
    }

    /// Remembers `id` as the focus region of the file at `path`.
    pub fn remember_focus(&mut self, path: &Path, id: &str) {
        self.focus_by_file.retain(|(known, _)| known != path);
        self.focus_by_file.insert(0, (path.to_owned(), id.to_owned()));
        self.focus_by_file.truncate(MAX_FOCUS_FILES);
    }

    /// Puts `path` first in the recent files.
    pub fn remember_recent(&mut self, path: &Path) {
        self.recent_files.retain(|known| known != path);
        self.recent_files.insert(0, path.to_owned());
        self.recent_files.truncate(MAX_RECENT_FILES);
        if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
            self.last_folder = Some(folder.to_owned());
        }
    }
}

fn field_label(name: &str) -> (&'static str, &'static str) {
    match name {
        "lang" => ("界面语言", "language"),
        "theme" => ("浅色/深色", "light or dark"),
        "tab" => ("当前页面", "current tab"),
        "recent_files" => ("最近打开的文件", "recent files"),
        "export_scale" => ("导出图片倍率", "export image scale"),
        "export_format" => ("导出格式", "export format"),
        "file_dialog" => ("文件对话框", "file dialog"),
        "focus_by_file" => ("各文件的重点地区", "focus region of each file"),
        _ => ("上次使用的文件夹", "last folder"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_settings_read_back_unchanged() {
        let settings = Settings {
            lang: Lang::En,
            theme: Theme::Dark,
            tab: Tab::Data,
            recent_files: vec![PathBuf::from("/data/a.ron")],
            export_scale: 4,
            export_format: ExportFormat::Pdf,
            file_dialog: FileDialogChoice::BuiltIn,
            last_folder: Some(PathBuf::from("/data")),
            focus_by_file: vec![(PathBuf::from("/data/provinces.ron"), "region-15".to_owned())],
        };
        let text = ron::to_string(&settings).expect("serialises");
        assert_eq!(Settings::from_ron(&text), (settings, None));
    }

    #[test]
    fn one_bad_field_resets_only_itself() {
        let (settings, notice) =
            Settings::from_ron("(lang: En, theme: Purple, tab: Data, export_scale: 200, export_format: Gif)");
        assert_eq!((settings.lang, settings.tab), (Lang::En, Tab::Data), "good fields are kept");
        assert_eq!(
            (settings.theme, settings.export_scale, settings.export_format),
            (Theme::Light, 2, ExportFormat::Png),
            "bad ones are reset"
        );
        let notice = notice.expect("a notice");
        assert_eq!(notice.zh, "部分设置无效，已恢复默认值：浅色/深色、导出格式、导出图片倍率。");
        assert!(notice.en.contains("light or dark, export format, export image scale"), "{}", notice.en);
    }
}
