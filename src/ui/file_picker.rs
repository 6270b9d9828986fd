//! Asking the user for a file: the system's dialog where it works, the
//! built-in one ([`super::file_dialog`]) where it does not or where the user
//! chose it. Either answer becomes the same command (open this file, export
//! to this path), so what follows is the same.
//!
//! The system dialog is awaited on a background task, so the window keeps
//! drawing; one that returns nothing faster than a person can cancel did not
//! open (on Linux: no xdg-desktop-portal), so the built-in dialog opens
//! instead, and stays the choice for the session.

use std::path::PathBuf;
use std::time::Duration;

use crate::export::{ExportFormat, ExportJob};
use crate::i18n::Lang;
use crate::msg;
use crate::ui::commands::Command;
use crate::ui::file_dialog::{Answer, FileDialog, Mode};
use crate::ui::notice::Notice;
use crate::ui::settings::{FileDialogChoice, Settings};
use crate::ui::task::Task;

/// The proposed name for a copy of the embedded data with saved charts.
const DATA_COPY_NAME: &str = "shizhong-with-charts.ron";

/// What File → Import table… offers: CSV and spreadsheets.
pub const TABLE_EXTENSIONS: [&str; 8] = ["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "xlsb", "ods"];

/// A system dialog answering faster than this did not open.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(150);

/// What the file is for.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    /// A data file to open.
    Open,
    /// A table to import.
    ImportTable,
    /// Where to export a chart, with the proposed file name.
    Export { job: ExportJob, file_name: String },
    /// Where to write a report or the Data tab's table, with the proposed file name.
    Document { document: crate::ui::documents::Document, file_name: String },
    /// Where to write a copy of the embedded data with these saved charts.
    SaveDataCopy { charts: Vec<crate::data::raw::RawChart> },
}

impl Purpose {
    fn title(&self) -> (&'static str, &'static str) {
        match self {
            Self::Open => ("打开数据文件", "Open a data file"),
            Self::ImportTable => ("导入表格", "Import a table"),
            Self::Export { .. } => ("导出图表", "Export chart"),
            Self::Document { document: crate::ui::documents::Document::Report(_), .. } => {
                ("导出报告", "Export report")
            }
            Self::Document { .. } => ("导出数据", "Export data"),
            Self::SaveDataCopy { .. } => ("将数据和图表另存为", "Save the data with the chart as"),
        }
    }

    fn extensions(&self) -> Vec<&'static str> {
        match self {
            Self::Open | Self::SaveDataCopy { .. } => vec!["ron"],
            Self::ImportTable => TABLE_EXTENSIONS.to_vec(),
            Self::Export { job, .. } => vec![job.format.extension()],
            Self::Document { document, .. } => vec![document.extension()],
        }
    }

    /// The command for the chosen path; an export gets its format's extension.
    fn command(self, mut path: PathBuf) -> Command {
        match self {
            Self::Open => Command::Open(path),
            Self::ImportTable => Command::ImportTable(path),
            Self::Export { job, .. } => {
                if ExportFormat::from_path(&path) != Some(job.format) {
                    path.as_mut_os_string().push(format!(".{}", job.format.extension()));
                }
                Command::ExportTo { job, path }
            }
            Self::Document { document, .. } => {
                let wanted = document.extension();
                if path.extension().is_none_or(|ext| !ext.eq_ignore_ascii_case(wanted)) {
                    path.as_mut_os_string().push(format!(".{wanted}"));
                }
                Command::WriteDocument { document, path }
            }
            Self::SaveDataCopy { charts } => {
                if path.extension().is_none_or(|ext| !ext.eq_ignore_ascii_case("ron")) {
                    path.as_mut_os_string().push(".ron");
                }
                Command::WriteDataCopy { path, charts }
            }
        }
    }
}

/// The system dialog while it is up: what it is for, where a built-in
/// dialog would start if it cannot open, and the task awaiting its answer
/// (the path chosen, and how long it took).
struct SystemAsk {
    purpose: Purpose,
    last_folder: Option<PathBuf>,
    task: Task<(Option<PathBuf>, Duration)>,
}

#[derive(Default)]
pub struct FilePicker {
    /// The built-in dialog while it is open, with what it is for.
    open: Option<(Purpose, FileDialog)>,
    system: Option<SystemAsk>,
    /// The system dialog failed once this session.
    system_unavailable: bool,
}

impl FilePicker {
    /// Asks for a file for `purpose`; the answer comes as a command in a
    /// later frame through [`Self::ui`]. The system dialog is made here (on
    /// the window's thread, as macOS wants) and awaited on a background
    /// task, so the window keeps drawing while it is up.
    pub fn ask(&mut self, ctx: &egui::Context, purpose: Purpose, settings: &Settings) {
        let last_folder = settings.last_folder.clone();
        // A browser has only its own picker (and no folders the built-in one could list).
        let system = settings.file_dialog == FileDialogChoice::System && !self.system_unavailable;
        if (system || !crate::platform::DESKTOP)
            && let Some(task) = crate::platform::ask_system_dialog(ctx, system_dialog(&purpose, settings))
        {
            self.system = Some(SystemAsk { purpose, last_folder, task });
            return;
        }
        self.open_built_in(purpose, last_folder.as_deref());
    }

    fn open_built_in(&mut self, purpose: Purpose, last_folder: Option<&std::path::Path>) {
        let for_images =
            matches!(&purpose, Purpose::Export { job, .. } if ExportFormat::PICTURES.contains(&job.format));
        let start = crate::ui::file_dialog::start_folder(last_folder, for_images);
        let mode = match &purpose {
            Purpose::Open | Purpose::ImportTable => Mode::Open,
            Purpose::Export { file_name, .. } | Purpose::Document { file_name, .. } => {
                Mode::Save { file_name: file_name.clone() }
            }
            Purpose::SaveDataCopy { .. } => Mode::Save { file_name: DATA_COPY_NAME.to_owned() },
        };
        let dialog = FileDialog::new(purpose.title(), mode, purpose.extensions(), &start);
        self.open = Some((purpose, dialog));
    }

    /// A file dropped on the window: a table is imported; anything else is
    /// opened (and a file that is not data says why). In a browser the file
    /// is read first, and opened when it has been, as the picker's answer is.
    pub fn take_dropped(&mut self, ctx: &egui::Context) -> Option<Command> {
        let dropped = ctx.input(|input| input.raw.dropped_files.first().cloned())?;
        let purpose = if is_table(dropped.path()) { Purpose::ImportTable } else { Purpose::Open };
        match crate::platform::receive_dropped(ctx, &dropped) {
            crate::platform::Received::Path(path) => Some(purpose.command(path)),
            crate::platform::Received::Reading(task) => {
                self.system = Some(SystemAsk { purpose, last_folder: None, task });
                None
            }
        }
    }

    /// Draws the built-in dialog while it is open, or takes the system
    /// dialog's answer: the command for the file chosen, and a notice when
    /// the system dialog could not open (the built-in one opens instead).
    pub fn ui(&mut self, ctx: &egui::Context, lang: Lang) -> (Option<Command>, Option<Notice>) {
        if let Some(answer) = self.system.as_mut().and_then(|ask| ask.task.poll()) {
            let Some(ask) = self.system.take() else { return (None, None) };
            return match answer {
                Ok((Some(path), _)) => (Some(ask.purpose.command(path)), None),
                Ok((None, took)) if took >= NO_DIALOG_WITHIN => (None, None),
                // Answered faster than a person can cancel, or failed: it did not open.
                Ok((None, _)) | Err(_) => {
                    self.system_unavailable = true;
                    self.open_built_in(ask.purpose, ask.last_folder.as_deref());
                    (
                        None,
                        Some(Notice::info(msg!(
                            "系统文件对话框无法打开（Linux 需要 xdg-desktop-portal），已改用内置对话框。",
                            "The system file dialog could not open (Linux needs xdg-desktop-portal); using the built-in one."
                        ))),
                    )
                }
            };
        }
        let Some((_, dialog)) = self.open.as_mut() else { return (None, None) };
        let Some(answer) = dialog.ui(ctx, lang) else { return (None, None) };
        let Some((purpose, _)) = self.open.take() else { return (None, None) };
        match answer {
            Answer::Chosen(path) => (Some(purpose.command(path)), None),
            Answer::Cancelled => (None, None),
        }
    }

    /// Whether a dialog (built-in or the system's) is asking for a file.
    pub fn is_open(&self) -> bool {
        self.open.is_some() || self.system.is_some()
    }

    /// Whether the system dialog's answer or a folder's listing is awaited.
    pub fn is_waiting(&self) -> bool {
        self.system.is_some() || self.open.as_ref().is_some_and(|(_, dialog)| dialog.is_listing())
    }
}

/// What the system's dialog (the browser's picker) is asked for `purpose`.
fn system_dialog(purpose: &Purpose, settings: &Settings) -> crate::platform::DialogRequest {
    let lang = settings.lang;
    let (zh, en) = purpose.title();
    let filter = match purpose {
        Purpose::Open | Purpose::SaveDataCopy { .. } => ("EconLens RON".to_owned(), vec!["ron"]),
        Purpose::ImportTable => (lang.tr("表格", "Tables").to_owned(), TABLE_EXTENSIONS.to_vec()),
        Purpose::Export { job, .. } => (job.format.label(lang).to_owned(), vec![job.format.extension()]),
        Purpose::Document { document, .. } => (document.label(lang).to_owned(), vec![document.extension()]),
    };
    let save_as = match purpose {
        Purpose::Open | Purpose::ImportTable => None,
        Purpose::SaveDataCopy { .. } => Some(DATA_COPY_NAME.to_owned()),
        Purpose::Export { file_name, .. } | Purpose::Document { file_name, .. } => Some(file_name.clone()),
    };
    crate::platform::DialogRequest {
        title: lang.tr(zh, en).to_owned(),
        filter,
        save_as,
        folder: settings.last_folder.clone(),
    }
}

/// Whether `path` is a table to import (CSV or a spreadsheet) rather than a data file.
pub fn is_table(path: &std::path::Path) -> bool {
    let extension = path.extension().map(|ext| ext.to_string_lossy().to_lowercase()).unwrap_or_default();
    TABLE_EXTENSIONS.contains(&extension.as_str())
}
