//! Publishers' own download formats, recognised by their shape (never by
//! the file's name) and read by each publisher's rules:
//!
//! - [`nbs`]: data.stats.gov.cn exports (国家统计局 国家数据), CSV or XLS —
//!   `数据库：…` / `指标：…` / `地区：…` / `时间：…` lines over a header
//!   starting 地区, 指标 or 时间, periods across or down, `注：` and
//!   `数据来源：` under the table;
//! - [`world_bank`]: World Development Indicators downloads (`API_…csv`);
//! - [`eurostat`]: Eurostat TSV (`freq,unit,geo\TIME_PERIOD`), flags kept;
//! - [`sdmx`]: SDMX-CSV (OECD, Eurostat, IMF), `UNIT_MULT` applied;
//! - [`fred`]: FRED CSV (`DATE` or `observation_date` and series ids).
//!
//! Each reader fills the same [`Reading`] as the generic layouts, plus what
//! the file says about itself: the publisher, the database or dataset, a
//! date and notes ([`FileFacts`]), region codes, aggregates and the parents
//! codes imply. What a file does not say (a FRED series' unit) is asked for
//! through [`ReadOptions`], never guessed.

mod eurostat;
mod fred;
mod nbs;
mod sdmx;
mod world_bank;

use super::super::build::SourceInfo;
use super::super::cells::{Cell, Value, read_text_value, read_value};
use super::super::problem::ImportProblem;
use super::super::table::Table;
use super::collector::Collector;
use super::{Layout, ReadOptions, Reading};
use crate::data::raw::SourceKind;
use crate::i18n::{Lang, Message};
use crate::msg;

/// A publisher's download format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// 国家统计局 data.stats.gov.cn export (CSV or XLS).
    Nbs,
    /// World Bank World Development Indicators download.
    WorldBank,
    /// Eurostat TSV (bulk download / dissemination API).
    Eurostat,
    /// SDMX-CSV, as the OECD, Eurostat and the IMF serve it.
    Sdmx,
    /// FRED (Federal Reserve Bank of St. Louis) CSV.
    Fred,
}

impl Format {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Self::Nbs => {
                lang.tr("国家统计局国家数据导出（data.stats.gov.cn）", "NBS data.stats.gov.cn export")
            }
            Self::WorldBank => lang.tr("世界银行 WDI 下载", "World Bank WDI download"),
            Self::Eurostat => lang.tr("欧盟统计局 TSV", "Eurostat TSV"),
            Self::Sdmx => lang.tr("SDMX-CSV（经合组织、欧盟统计局、IMF）", "SDMX-CSV (OECD, Eurostat, IMF)"),
            Self::Fred => lang.tr("FRED CSV（圣路易斯联储）", "FRED CSV (Federal Reserve Bank of St. Louis)"),
        }
    }
}

/// What a publisher's file says about itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileFacts {
    pub source: SourceInfo,
    /// Label and text of each line of metadata read (`数据库`, `分省年度数据`).
    pub metadata: Vec<(Message, String)>,
}

/// Codes, aggregates and parents the format gives its regions, by region index.
#[derive(Default)]
pub(super) struct RegionFacts {
    pub(super) codes: Vec<Option<String>>,
    pub(super) aggregate: Vec<bool>,
}

impl RegionFacts {
    fn set(&mut self, region: u32, code: Option<&str>, aggregate: bool) {
        let at = region as usize;
        if self.codes.len() <= at {
            self.codes.resize(at + 1, None);
            self.aggregate.resize(at + 1, false);
        }
        if let Some(code) = code {
            self.codes[at] = Some(code.to_owned());
        }
        self.aggregate[at] |= aggregate;
    }
}

/// The format of a table, from the shape of its first rows.
pub(super) fn recognise(head: &[Vec<Cell>]) -> Option<Format> {
    let first = |row: &Vec<Cell>| row.first().map(Cell::text).unwrap_or_default();
    let texts = |row: &Vec<Cell>| row.iter().map(Cell::text).collect::<Vec<_>>();
    if head.first().is_some_and(|row| nbs::is_metadata_line(&first(row), "数据库")) {
        return Some(Format::Nbs);
    }
    if head.iter().take(10).any(|row| world_bank::is_header(&texts(row))) {
        return Some(Format::WorldBank);
    }
    let top = head.first()?;
    if eurostat::is_header(&texts(top)) {
        return Some(Format::Eurostat);
    }
    if sdmx::is_header(&texts(top)) {
        return Some(Format::Sdmx);
    }
    if fred::is_header(&texts(top)) && head.get(1).is_some_and(|row| fred::date(&first(row)).is_some()) {
        return Some(Format::Fred);
    }
    None
}

/// Reads a table of a recognised format.
pub(super) fn read(
    format: Format,
    table: &Table,
    options: &ReadOptions,
) -> Result<Reading, Vec<ImportProblem>> {
    let mut collector = Collector::new(table);
    let mut regions = RegionFacts::default();
    let (facts, header_row, title) = match format {
        Format::Nbs => nbs::read(&mut collector, table, options)?,
        Format::WorldBank => world_bank::read(&mut collector, &mut regions, table, options)?,
        Format::Eurostat => eurostat::read(&mut collector, &mut regions, table, options)?,
        Format::Sdmx => sdmx::read(&mut collector, &mut regions, table, options)?,
        Format::Fred => fred::read(&mut collector, table, options)?,
    };
    let mut reading = collector.finish(Layout::Format(format), (header_row, None), Some(title))?;
    for (at, region) in reading.regions.iter_mut().enumerate() {
        region.code = regions.codes.get(at).cloned().flatten();
        region.aggregate = regions.aggregate.get(at).copied().unwrap_or(false);
        if region.aggregate {
            region.total = false;
        }
    }
    if matches!(format, Format::Eurostat | Format::Sdmx) {
        nuts_parents(&mut reading);
    }
    reading.facts = Some(FileFacts {
        source: SourceInfo { kind: Some(SourceKind::Official), ..facts.source },
        metadata: facts.metadata,
    });
    Ok(reading)
}

/// NUTS codes nest by prefix (AT → AT1 → AT13 → AT130): each region's
/// parent is the longest shorter code of the table that begins it.
fn nuts_parents(reading: &mut Reading) {
    let by_code: std::collections::HashMap<String, u32> = reading
        .regions
        .iter()
        .enumerate()
        .filter_map(|(at, region)| Some((region.code.clone()?, crate::data::model::index_u32(at))))
        .collect();
    for region in &mut reading.regions {
        let Some(code) = region.code.as_deref() else { continue };
        if region.aggregate || code.len() <= 2 || !code.is_ascii() || !is_nuts(code) {
            continue;
        }
        region.parent = (2..code.len()).rev().find_map(|len| by_code.get(&code[..len]).copied());
    }
}

/// A NUTS code: two capital letters (the country) and up to three more
/// letters or digits.
fn is_nuts(code: &str) -> bool {
    let bytes = code.as_bytes();
    (2..=5).contains(&bytes.len())
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..].iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// Aggregates Eurostat lists beside countries and regions: EU27_2020, EA20, EFTA.
fn is_european_aggregate(code: &str) -> bool {
    code.contains('_')
        || ["EU", "EA", "EEA", "EFTA"].iter().any(|start| code.starts_with(start) && code.len() > 2)
}

/// `key：value` with a full-width or ASCII colon.
fn key_value(text: &str) -> Option<(&str, &str)> {
    text.split_once('：').or_else(|| text.split_once(':')).map(|(key, value)| (key.trim(), value.trim()))
}

/// A question about what a file does not say.
fn ask(table: &Table, message: Message) -> Vec<ImportProblem> {
    vec![ImportProblem { place: table.place.file.clone(), message }]
}

/// The unit a file does not state, from the options, or a question.
fn unit_or_ask(table: &Table, options: &ReadOptions, what: &str) -> Result<String, Vec<ImportProblem>> {
    options.unit.clone().filter(|unit| !unit.trim().is_empty()).ok_or_else(|| {
        ask(
            table,
            msg!(
                "文件没有写明 {what} 的单位：请给出单位（命令行 --unit，导入对话框的“单位”）",
                "the file does not state the unit of {what}: give it (--unit, or “Unit” in the import dialog)"
            ),
        )
    })
}

/// A multiplier as a word before a unit: 10^6 → `million`.
fn multiplier_word(power: i32) -> String {
    match power {
        0 => String::new(),
        3 => "thousand ".to_owned(),
        6 => "million ".to_owned(),
        9 => "billion ".to_owned(),
        12 => "trillion ".to_owned(),
        other => format!("×10^{other} "),
    }
}

/// The number a value cell states: `None` for a gap (an empty cell, a
/// missing mark of the tables' own or one of the format's `missing` marks,
/// counted) or for text that is not a number (a problem at its cell).
fn value_at(
    collector: &mut Collector<'_>,
    at: (usize, usize),
    cell: Option<&Cell>,
    missing: &[&str],
) -> Option<f64> {
    let value = match cell {
        None | Some(Cell::Empty) => Value::Missing,
        Some(Cell::Number(number)) => read_value(&Cell::Number(*number)),
        Some(Cell::Text(text)) if missing.contains(&text.trim()) => Value::Missing,
        Some(Cell::Text(text)) => read_text_value(text),
    };
    super::counted(collector, at, value, || cell.map(Cell::text).unwrap_or_default())
}

/// Interns a note for values (a flag's meaning), so equal notes are stored once.
#[derive(Default)]
struct NoteIds(std::collections::HashMap<String, u32>);

impl NoteIds {
    fn id(&mut self, collector: &mut Collector<'_>, note: String) -> u32 {
        *self.0.entry(note).or_insert_with_key(|note| {
            collector.notes.push(note.clone());
            crate::data::model::index_u32(collector.notes.len() - 1)
        })
    }
}

/// Every row of the table, owned (publishers' downloads are read whole).
fn all_rows(table: &Table) -> Result<Vec<Vec<Cell>>, Vec<ImportProblem>> {
    let mut rows = Vec::new();
    table
        .for_each_row(|_, row| {
            rows.push((0..row.width()).map(|column| row.cell(column).to_cell()).collect());
            std::ops::ControlFlow::Continue(())
        })
        .map_err(|problem| vec![problem])?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nuts_codes_nest_and_aggregates_are_not_regions() {
        assert!(is_nuts("AT130"));
        assert!(is_nuts("ATZZZ"));
        assert!(!is_nuts("EU27_2020"));
        assert!(is_european_aggregate("EU27_2020"));
        assert!(is_european_aggregate("EA20"));
        assert!(!is_european_aggregate("EL"), "Greece is a country");
        assert!(!is_european_aggregate("EE"), "Estonia is a country");
    }
}
