//! What the user asked for during a frame, applied after it is drawn, so
//! drawing code never loads files or changes state behind the frame's back.

use std::path::PathBuf;

use crate::data::raw::RawChart;
use crate::data::saved_chart::SavedChart;
use crate::export::{ExportFormat, ExportJob};
use crate::figure::Theme;
use crate::i18n::Lang;
use crate::i18n::Message;
use crate::ui::settings::FileDialogChoice;
use crate::ui::tabs::Tab;

#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Ask which data file to open (the system's dialog or the built-in one).
    OpenDialog,
    Open(PathBuf),
    /// Ask which table to import.
    ImportDialog,
    /// Show the import dialog for this table.
    ImportTable(PathBuf),
    /// Load the current file again (F5, or the file changed on disk).
    Reload,
    SelectTab(Tab),
    /// Make this region the dashboard's focus (remembered for the file, which is not changed).
    SetFocus(crate::data::model::RegionIx),
    SetLang(Lang),
    /// View → Graphics: the backend for the next start.
    SetRenderer(crate::ui::graphics::Renderer),
    SetTheme(Theme),
    DismissError,
    ClearRecent,
    /// Reset a chart's zoom and pan.
    ResetChart(String),
    /// Ask where to save a chart, then export it.
    Export {
        chart_id: String,
        format: ExportFormat,
        scale: u8,
    },
    /// Export the chart under the pointer (or the tab's first) with the default scale.
    ExportCurrent,
    /// Export to a chosen path; asks first if the file exists.
    ExportTo {
        job: ExportJob,
        path: PathBuf,
    },
    /// The user agreed to replace the existing file.
    ConfirmOverwrite,
    CancelOverwrite,
    /// Copy a chart's image (2×) to the clipboard.
    CopyImage(String),
    SetExportScale(u8),
    /// The format File → Export current chart writes.
    SetExportFormat(ExportFormat),
    /// Write a chart from the builder into the data file (replacing one with its id).
    SaveChart(Box<SavedChart>),
    /// Remove a saved chart from the data file.
    DeleteSavedChart(String),
    /// Write the embedded data with these saved charts to a new file, and open it.
    WriteDataCopy {
        path: PathBuf,
        charts: Vec<RawChart>,
    },
    /// File → Export report…: choose the tabs and the format.
    ReportDialog,
    /// Ask where to write a report or the Data tab's table.
    AskDocument(crate::ui::documents::Document),
    /// Write it there (asking first if a file is there).
    WriteDocument {
        document: crate::ui::documents::Document,
        path: PathBuf,
    },
    ConfirmDocumentOverwrite,
    CancelDocumentOverwrite,
    /// Say something in the status line.
    Notify(Message),
    SetFileDialog(FileDialogChoice),
    /// Open a source's web page in the browser (http/https only, checked on load).
    OpenUrl(String),
    Quit,
}
