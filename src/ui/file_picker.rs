//! Asking the user for a file: the system's dialog where it works, the
//! built-in one ([`super::file_dialog`]) where it does not or where the user
//! chose it. Either answer becomes the same command (open this file, export
//! to this path), so what follows is the same.
//!
//! The system dialog is blocking; one that returns nothing faster than a
//! person can cancel did not open (on Linux: no xdg-desktop-portal), so the
//! built-in dialog opens instead, and stays the choice for the session.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::export::{ExportFormat, ExportJob};
use crate::i18n::Lang;
use crate::msg;
use crate::ui::commands::Command;
use crate::ui::file_dialog::{Answer, FileDialog, Mode};
use crate::ui::notice::Notice;
use crate::ui::settings::{FileDialogChoice, Settings};

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
    /// Where to write a copy of the embedded data with these saved charts.
    SaveDataCopy { charts: Vec<crate::data::raw::RawChart> },
}

impl Purpose {
    fn title(&self) -> (&'static str, &'static str) {
        match self {
            Self::Open => ("打开数据文件", "Open a data file"),
            Self::ImportTable => ("导入表格", "Import a table"),
            Self::Export { .. } => ("导出图表", "Export chart"),
            Self::SaveDataCopy { .. } => ("将数据和图表另存为", "Save the data with the chart as"),
        }
    }

    fn extensions(&self) -> Vec<&'static str> {
        match self {
            Self::Open | Self::SaveDataCopy { .. } => vec!["ron"],
            Self::ImportTable => TABLE_EXTENSIONS.to_vec(),
            Self::Export { job, .. } => vec![job.format.extension()],
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
            Self::SaveDataCopy { charts } => {
                if path.extension().is_none_or(|ext| !ext.eq_ignore_ascii_case("ron")) {
                    path.as_mut_os_string().push(".ron");
                }
                Command::WriteDataCopy { path, charts }
            }
        }
    }
}

#[derive(Default)]
pub struct FilePicker {
    /// The built-in dialog while it is open, with what it is for.
    open: Option<(Purpose, FileDialog)>,
    /// The system dialog failed once this session.
    system_unavailable: bool,
}

impl FilePicker {
    /// Asks for a file for `purpose`. The system dialog answers at once (a
    /// command, or nothing if cancelled); the built-in one answers in a later
    /// frame through [`Self::ui`]. The notice says when the system dialog
    /// could not open.
    pub fn ask(&mut self, purpose: Purpose, settings: &Settings) -> (Option<Command>, Option<Notice>) {
        let mut notice = None;
        if settings.file_dialog == FileDialogChoice::System && !self.system_unavailable {
            let asked = Instant::now();
            match system_dialog(&purpose, settings) {
                Some(path) => return (Some(purpose.command(path)), None),
                None if asked.elapsed() >= NO_DIALOG_WITHIN => return (None, None),
                None => {
                    self.system_unavailable = true;
                    notice = Some(Notice::info(msg!(
                        "系统文件对话框无法打开（Linux 需要 xdg-desktop-portal），已改用内置对话框。",
                        "The system file dialog could not open (Linux needs xdg-desktop-portal); using the built-in one."
                    )));
                }
            }
        }
        let for_images =
            matches!(&purpose, Purpose::Export { job, .. } if ExportFormat::PICTURES.contains(&job.format));
        let start = crate::ui::file_dialog::start_folder(settings.last_folder.as_deref(), for_images);
        let mode = match &purpose {
            Purpose::Open | Purpose::ImportTable => Mode::Open,
            Purpose::Export { file_name, .. } => Mode::Save { file_name: file_name.clone() },
            Purpose::SaveDataCopy { .. } => Mode::Save { file_name: DATA_COPY_NAME.to_owned() },
        };
        let dialog = FileDialog::new(purpose.title(), mode, purpose.extensions(), &start);
        self.open = Some((purpose, dialog));
        (None, notice)
    }

    /// Draws the built-in dialog while it is open; its answer as a command.
    pub fn ui(&mut self, ctx: &egui::Context, lang: Lang) -> Option<Command> {
        let (_, dialog) = self.open.as_mut()?;
        let answer = dialog.ui(ctx, lang)?;
        let (purpose, _) = self.open.take()?;
        match answer {
            Answer::Chosen(path) => Some(purpose.command(path)),
            Answer::Cancelled => None,
        }
    }

    /// Whether the built-in dialog is open.
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }
}

/// The system's dialog for `purpose`; `None` when cancelled or unavailable.
fn system_dialog(purpose: &Purpose, settings: &Settings) -> Option<PathBuf> {
    let lang = settings.lang;
    let (zh, en) = purpose.title();
    let mut dialog = rfd::FileDialog::new().set_title(lang.tr(zh, en));
    if let Some(folder) = settings.last_folder.as_deref().filter(|folder| folder.is_dir()) {
        dialog = dialog.set_directory(folder);
    }
    match purpose {
        Purpose::Open => dialog.add_filter("EconLens RON", &["ron"]).pick_file(),
        Purpose::ImportTable => dialog.add_filter(lang.tr("表格", "Tables"), &TABLE_EXTENSIONS).pick_file(),
        Purpose::SaveDataCopy { .. } => {
            dialog.set_file_name(DATA_COPY_NAME).add_filter("EconLens RON", &["ron"]).save_file()
        }
        Purpose::Export { job, file_name } => {
            let filter = job.format.label(lang);
            dialog.set_file_name(file_name).add_filter(filter, &[job.format.extension()]).save_file()
        }
    }
}
