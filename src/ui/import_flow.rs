//! The state of File → Import table…: the table being imported, what the
//! user chose (layout, header row, the one region or period a table is
//! about, the source), the preview of how it reads, and the import itself.
//!
//! Nothing here blocks the window: opening the table, reading it with the
//! current choices and writing the data file each run on a thread, and a
//! choice changed while a reading runs starts a newer one whose result
//! replaces it (an older result that arrives late is dropped). Drawing is
//! in [`super::import_dialog`].

use crate::ui::task::Task;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::data::model::SourceKind;
use crate::i18n::{Lang, Message};
use crate::import::layout::HEAD_ROWS;
use crate::import::{
    ImportProblem, ImportRequest, LayoutChoice, ReadOptions, Reading, RowsAre, SourceInfo, Table,
};
use crate::msg;

/// Rows of the table shown in the preview.
pub const PREVIEW_ROWS: usize = 12;
/// Values shown as they will be read.
pub const PREVIEW_VALUES: usize = 10;

/// What the user can correct, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choices {
    pub sheet: Option<String>,
    /// What changes how the table reads.
    pub read: ReadChoices,
    /// What only goes into the written file.
    pub source: SourceChoices,
}

/// The choices the preview is read with.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadChoices {
    pub layout: LayoutChoice,
    /// `None`: found from the table.
    pub header_row: Option<usize>,
    pub rows: Option<RowsAre>,
    pub year: String,
    pub period: String,
    pub region: String,
    pub indicator: String,
    pub unit: String,
}

/// The source recorded for the table's values.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceChoices {
    pub title: String,
    pub publisher: String,
    pub kind: Option<SourceKind>,
    pub url: String,
    pub date: String,
}

fn filled(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

impl Choices {
    /// The request these choices make for `table`; a year that is not a number is a message.
    pub fn request(&self, table: &Path) -> Result<ImportRequest, Message> {
        let (read, source) = (&self.read, &self.source);
        let year = match filled(&read.year) {
            None => None,
            Some(text) => Some(text.parse::<i16>().map_err(|_| {
                msg!("年份 {text:?} 不是数字（如 2024）", "the year {text:?} is not a number (e.g. 2024)")
            })?),
        };
        Ok(ImportRequest {
            table: table.to_owned(),
            sheet: self.sheet.clone(),
            read: ReadOptions {
                layout: read.layout,
                header_row: read.header_row,
                rows: read.rows,
                year,
                period: filled(&read.period),
                region: filled(&read.region),
                indicator: filled(&read.indicator),
                unit: filled(&read.unit),
            },
            source: SourceInfo {
                title: filled(&source.title),
                publisher: filled(&source.publisher),
                kind: source.kind,
                url: filled(&source.url),
                date: filled(&source.date),
                note: None,
            },
            ..ImportRequest::default()
        })
    }
}

/// A table opened for the preview.
pub struct OpenedTable {
    pub table: Arc<Table>,
    /// The first rows, for the preview grid and the header-row choice.
    pub head: Vec<Vec<crate::import::cells::Cell>>,
}

/// One value as it will be read, with the cell it comes from.
pub struct PreviewValue {
    pub indicator: String,
    pub unit: String,
    pub region: String,
    pub period: crate::data::model::Period,
    pub value: f64,
    pub cell: String,
}

/// How the table reads with the current choices.
pub struct Preview {
    pub reading: Arc<Reading>,
    /// What was read, as `econlens import` prints it, in Chinese and English.
    summary: (String, String),
    /// The first values as they will be read.
    pub values: Vec<PreviewValue>,
}

/// A job's result as the dialog holds it.
pub enum Stage<T> {
    /// The job's task, and how to turn its death into a result.
    Running(Task<T>, Option<Box<dyn FnOnce(Message) -> T + Send>>),
    Done(T),
}

impl<T: Send + 'static> Stage<T> {
    /// Runs `job` as a task named `name`; `failed` makes its result when
    /// the task dies (a panic, with its message).
    fn start(
        ctx: &egui::Context,
        name: &str,
        job: impl FnOnce() -> T + Send + 'static,
        failed: impl FnOnce(Message) -> T + Send + 'static,
    ) -> Self {
        Self::Running(Task::spawn(ctx, name, move |_| job()), Some(Box::new(failed)))
    }
}

impl<T> Stage<T> {
    /// Takes a finished result, or the task's death as one; whether it just finished.
    fn poll(&mut self) -> bool {
        let Self::Running(task, failed) = self else { return false };
        let finished = match task.poll() {
            None => return false,
            Some(Ok(result)) => result,
            Some(Err(failure)) => {
                let Some(failed) = failed.take() else { return false };
                failed(failure.message())
            }
        };
        *self = Self::Done(finished);
        true
    }

    pub fn done(&self) -> Option<&T> {
        match self {
            Self::Done(result) => Some(result),
            Self::Running(..) => None,
        }
    }
}

pub type OpenResult = Result<OpenedTable, ImportProblem>;
pub type PreviewResult = Result<Preview, Vec<ImportProblem>>;
pub type WriteResult = Result<Written, Message>;

/// A data file written by the import, with what it loads as (built on the
/// import's thread, so opening it does not read the file again).
pub struct Written {
    pub path: PathBuf,
    pub prepared: Box<crate::ui::loading::Prepared>,
}

/// What the dialog asks the app to do.
pub enum Outcome {
    Close,
    /// The data file was written: show it (its data already loaded).
    Open(Written),
}

/// The import dialog's state.
pub struct ImportFlow {
    pub table_path: PathBuf,
    pub choices: Choices,
    /// The choices the current preview was read with.
    read_with: Choices,
    pub opened: Stage<OpenResult>,
    pub preview: Option<Stage<PreviewResult>>,
    /// Where the data file goes: beside the table, with its name.
    pub out: PathBuf,
    /// The out file exists and the user has not yet said to replace it.
    pub asks_to_replace: bool,
    pub writing: Option<Stage<WriteResult>>,
}

impl ImportFlow {
    /// Starts opening `table_path` on a thread.
    pub fn start(ctx: &egui::Context, table_path: PathBuf) -> Self {
        let choices = Choices::default();
        let opened = open_table(ctx, &table_path, None);
        Self {
            out: table_path.with_extension("ron"),
            table_path,
            read_with: choices.clone(),
            choices,
            opened,
            preview: None,
            asks_to_replace: false,
            writing: None,
        }
    }

    /// Moves jobs along: a table opened starts its reading; changed choices start a new one.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<Outcome> {
        if self.opened.poll() {
            self.read(ctx);
        }
        if let Some(preview) = &mut self.preview {
            preview.poll();
        }
        if self.choices.sheet != self.read_with.sheet {
            self.read_with = self.choices.clone();
            self.preview = None;
            self.opened = open_table(ctx, &self.table_path, self.choices.sheet.clone());
        } else if self.choices.read != self.read_with.read && self.table().is_some() {
            self.read(ctx);
        }
        let writing = self.writing.as_mut()?;
        writing.poll();
        if !writing.done()?.is_ok() {
            return None;
        }
        match self.writing.take() {
            Some(Stage::Done(Ok(written))) => Some(Outcome::Open(written)),
            other => {
                self.writing = other;
                None
            }
        }
    }

    pub fn table(&self) -> Option<&OpenedTable> {
        self.opened.done()?.as_ref().ok()
    }

    /// The preview's reading, when the table reads without a problem.
    pub fn reading(&self) -> Option<&Preview> {
        self.preview.as_ref()?.done()?.as_ref().ok()
    }

    /// Reads the table with the current choices on a thread.
    fn read(&mut self, ctx: &egui::Context) {
        self.read_with = self.choices.clone();
        let Some(opened) = self.table() else { return };
        let table = Arc::clone(&opened.table);
        let request = self.choices.request(&self.table_path);
        let place = self.table_path.display().to_string();
        self.preview = Some(Stage::start(
            ctx,
            "econlens-import-preview",
            move || {
                let request = request
                    .map_err(|message| vec![ImportProblem { place: table.place.file.clone(), message }])?;
                let reading = crate::import::layout::read(&table, &request.read)?;
                Ok(preview_of(&table, reading))
            },
            |message| Err(vec![ImportProblem { place, message }]),
        ));
    }

    /// Writes the data file (asking first if it exists, unless `replace`).
    pub fn import(&mut self, ctx: &egui::Context, replace: bool) {
        if self.out.exists() && !replace {
            self.asks_to_replace = true;
            return;
        }
        self.asks_to_replace = false;
        let (Some(opened), Some(preview)) = (self.table(), self.reading()) else { return };
        let table = Arc::clone(&opened.table);
        let reading = Arc::clone(&preview.reading);
        let out = self.out.clone();
        let request = self.choices.request(&self.table_path);
        self.writing = Some(Stage::start(
            ctx,
            "econlens-import-write",
            move || {
                let request = request?;
                let imported = crate::import::import_reading(&table, (*reading).clone(), &request, &out)
                    .map_err(|problems| {
                        let lines =
                            |lang| problems.iter().map(|p| p.render(lang)).collect::<Vec<_>>().join("\n");
                        Message::new(lines(Lang::Zh), lines(Lang::En))
                    })?;
                crate::export::atomic::write_atomic(&out, imported.text.as_bytes())
                    .map_err(|error| Message::new(error.message(Lang::Zh), error.message(Lang::En)))?;
                // The file loads as the dataset the import validated: its charts are built here.
                let prepared = Box::new(crate::ui::loading::Prepared::new(imported.dataset));
                Ok(Written { path: out, prepared })
            },
            Err,
        ));
    }

    /// Whether the import is being written.
    pub fn is_writing(&self) -> bool {
        matches!(self.writing, Some(Stage::Running(..)))
    }

    /// Why the last write failed.
    pub fn write_error(&self) -> Option<&Message> {
        self.writing.as_ref()?.done()?.as_ref().err()
    }
}

fn open_table(ctx: &egui::Context, path: &Path, sheet: Option<String>) -> Stage<OpenResult> {
    let path = path.to_owned();
    let place = path.display().to_string();
    Stage::start(
        ctx,
        "econlens-import-open",
        move || {
            let table = Table::open(&path, sheet.as_deref(), crate::import::DEFAULT_MAX_TABLE_BYTES)?;
            let head = table.head(HEAD_ROWS);
            Ok(OpenedTable { table: Arc::new(table), head })
        },
        |message| Err(ImportProblem { place, message }),
    )
}

fn preview_of(table: &Table, reading: Reading) -> Preview {
    let summary_zh = crate::import::report::reading_summary(&table.place, table.encoding, &reading, Lang::Zh);
    let summary_en = crate::import::report::reading_summary(&table.place, table.encoding, &reading, Lang::En);
    let values = reading
        .values
        .iter()
        .take(PREVIEW_VALUES)
        .map(|value| {
            let indicator = &reading.indicators[value.indicator as usize];
            PreviewValue {
                indicator: indicator.name.clone(),
                unit: indicator.unit.clone(),
                region: reading.regions[value.region as usize].name.clone(),
                period: value.period,
                value: value.value,
                cell: table.place.cell(value.row as usize, value.column as usize),
            }
        })
        .collect();
    Preview { reading: Arc::new(reading), summary: (summary_zh, summary_en), values }
}

impl Preview {
    /// The summary in `lang`.
    pub fn summary(&self, lang: Lang) -> &str {
        lang.tr(&self.summary.0, &self.summary.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_that_panics_ends_the_stage_with_its_message_instead_of_spinning() {
        let ctx = egui::Context::default();
        let mut stage: Stage<Result<u8, Message>> =
            Stage::start(&ctx, "test-job", || panic!("index out of bounds"), Err);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while !stage.poll() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let error = stage.done().and_then(|result| result.as_ref().err()).expect("a failure, not a spinner");
        assert!(error.get(Lang::En).contains("index out of bounds"), "{}", error.get(Lang::En));
    }
}
