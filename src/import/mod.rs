//! Bringing a user's own table in: a CSV or a spreadsheet (a yearbook table
//! of districts by year, a monthly report, a long list of values) read into
//! a valid, commented EconLens data file, or merged into an existing one.
//!
//! The steps, each in its own file: [`table`] reads the file (CSV in any of
//! the encodings Chinese offices use, or a sheet); [`layout`] finds the
//! header and the layout and reads every value with its cell, using
//! [`header`] and [`cells`] to recognise what headers and cells say;
//! [`build`] turns what was read into a dataset (or adds it to one);
//! [`write`] writes it as RON; the result is then loaded by the same
//! checks as any file, so an import can only produce a file that opens.
//! [`report`] says what was read and skipped, in both languages.

pub mod build;
pub mod cells;
pub mod compound;
pub mod fast_hash;
pub mod header;
pub mod layout;
pub mod problem;
pub mod report;
pub mod table;
pub mod write;

use std::path::{Path, PathBuf};

pub use build::{Built, SourceInfo};
pub use layout::{LayoutChoice, ReadOptions, Reading, RowsAre};
pub use problem::ImportProblem;
pub use table::{Table, TablePlace};

use crate::data::model::Dataset;
use crate::i18n::{Lang, Message};

/// Tables over this size are refused unless `--max-table-mib` says otherwise.
pub const DEFAULT_MAX_TABLE_BYTES: u64 = 100 * 1024 * 1024;

/// What to import, and how.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportRequest {
    pub table: PathBuf,
    pub sheet: Option<String>,
    pub read: ReadOptions,
    pub source: SourceInfo,
    /// A data file to add the values to; a new file when `None`.
    pub into: Option<PathBuf>,
    /// The region the dashboard is about, by id or name; else the table's
    /// total, or its first region that is neither an aggregate nor part of another.
    pub focus: Option<String>,
    pub max_bytes: u64,
}

impl Default for ImportRequest {
    /// No table yet, read as found, under the default size cap.
    fn default() -> Self {
        Self {
            table: PathBuf::new(),
            sheet: None,
            read: ReadOptions::default(),
            source: SourceInfo::default(),
            into: None,
            focus: None,
            max_bytes: DEFAULT_MAX_TABLE_BYTES,
        }
    }
}

/// An import done: the file's text, the dataset it loads as, and what happened.
pub struct Imported {
    pub text: String,
    pub dataset: Dataset,
    pub reading: Reading,
    pub built: Built,
    pub place: TablePlace,
    pub encoding: Option<&'static str>,
}

/// Today's date as the import's note writes it.
fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

/// The checks' problems with a file made from a table, each at the cell its
/// value came from (every value's note ends with its cell), else at the field
/// of the file it would have been (a source's address, say).
fn placed(out_name: &Path, text: &str, problems: Vec<crate::data::Problem>) -> Vec<ImportProblem> {
    let raw = crate::data::parse::parse_raw(text).ok();
    problems
        .into_iter()
        .map(|problem| {
            let cell = raw.as_ref().and_then(|raw| cell_of(raw, &problem.field));
            let place = cell.unwrap_or_else(|| format!("{} {}", out_name.display(), problem.field));
            ImportProblem { place, message: problem.message }
        })
        .collect()
}

/// The cell of the value at `indicators[i].observations[j]…`.
fn cell_of(raw: &crate::data::raw::RawDataset, field: &str) -> Option<String> {
    let (indicator, rest) = field.strip_prefix("indicators[")?.split_once(']')?;
    let (observation, _) = rest.strip_prefix(".observations[")?.split_once(']')?;
    let obs = raw
        .indicators
        .get(indicator.parse::<usize>().ok()?)?
        .observations
        .get(observation.parse::<usize>().ok()?)?;
    Some(obs.note.as_deref()?.rsplit("; ").next()?.to_owned())
}

/// What the user said of the source, over what the file says of itself.
fn with_file_facts(told: &SourceInfo, facts: Option<&layout::FileFacts>) -> SourceInfo {
    let Some(file) = facts.map(|facts| &facts.source) else { return told.clone() };
    SourceInfo {
        title: told.title.clone().or_else(|| file.title.clone()),
        publisher: told.publisher.clone().or_else(|| file.publisher.clone()),
        kind: told.kind.or(file.kind),
        url: told.url.clone().or_else(|| file.url.clone()),
        date: told.date.clone().or_else(|| file.date.clone()),
        note: told.note.clone().or_else(|| file.note.clone()),
    }
}

/// The id of the region `wanted` names (its id or its Chinese or English name).
fn focus_id(raw: &crate::data::raw::RawDataset, wanted: &str) -> Result<String, Message> {
    let found = raw.regions.iter().find(|region| {
        region.id == wanted || region.name.zh == wanted || region.name.en.as_deref() == Some(wanted)
    });
    if let Some(region) = found {
        return Ok(region.id.clone());
    }
    let close: Vec<&str> = raw
        .regions
        .iter()
        .filter(|region| region.id.contains(wanted) || region.name.zh.contains(wanted))
        .take(5)
        .map(|region| region.name.zh.as_str())
        .collect();
    let hint = if close.is_empty() { String::new() } else { close.join("、") };
    Err(Message::new(
        format!(
            "表格中没有地区 {wanted:?}（--focus 应为地区的名称或代码）{}",
            if hint.is_empty() { String::new() } else { format!("；相近的有：{hint}") }
        ),
        format!(
            "the table has no region {wanted:?} (--focus takes a region's name or code){}",
            if hint.is_empty() { String::new() } else { format!("; close: {hint}") }
        ),
    ))
}

/// Reads the table and makes the data file's text (nothing is written).
/// `out_name` names the result in its check.
pub fn import(request: &ImportRequest, out_name: &Path) -> Result<Imported, Vec<ImportProblem>> {
    let table =
        Table::open(&request.table, request.sheet.as_deref(), request.max_bytes).map_err(|p| vec![p])?;
    let reading = layout::read(&table, &request.read)?;
    import_reading(&table, reading, request, out_name)
}

/// The second half of [`import`], for a table already read (the GUI's preview).
pub fn import_reading(
    table: &Table,
    reading: Reading,
    request: &ImportRequest,
    out_name: &Path,
) -> Result<Imported, Vec<ImportProblem>> {
    let today = today();
    let source = with_file_facts(&request.source, reading.facts.as_ref());
    let (mut raw, built) = match &request.into {
        None => build::build(&reading, &table.place, &source, &today),
        Some(into) => {
            let existing = crate::data::load_file(into, u64::MAX).map_err(|error| {
                vec![ImportProblem {
                    place: into.display().to_string(),
                    message: Message::new(
                        format!("无法合并到这个文件：{}", error.message(Lang::Zh)),
                        format!("cannot merge into this file: {}", error.message(Lang::En)),
                    ),
                }]
            })?;
            let mut raw = crate::data::to_raw::to_raw(&existing);
            let built = build::add(&mut raw, &reading, &table.place, &source, &today);
            (raw, built)
        }
    };
    if let Some(focus) = request.focus.as_deref().map(str::trim).filter(|focus| !focus.is_empty()) {
        raw.focus_region = focus_id(&raw, focus)
            .map_err(|message| vec![ImportProblem { place: table.place.file.clone(), message }])?;
    }
    let comment = report::file_comment(&table.place, &reading, request.into.as_deref(), &today);
    let text = write::to_ron_text(&raw, &comment);
    // The dataset the file loads as: the same checks, on the values rather
    // than on the text parsed again (the writer's output parses back to the
    // same values: tested in `write`). A value the checks refuse (a count of
    // 3.5 家, a share over 100 %) is placed at its cell.
    let dataset =
        crate::data::validate::validate(raw).map_err(|problems| placed(out_name, &text, problems))?;
    Ok(Imported { text, dataset, reading, built, place: table.place.clone(), encoding: table.encoding })
}
