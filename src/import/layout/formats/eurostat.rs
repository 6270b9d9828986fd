//! Eurostat TSV, as its bulk download and dissemination API write it.
//!
//! The first cell holds the key's dimensions, comma-separated, and the time
//! dimension after a backslash: `freq,unit,geo\TIME_PERIOD` (or the older
//! `unit,geo\time`); the other header cells are periods (`2000 `, `2020-Q1`,
//! `2020Q1`, `2020-01`, `2020M01`). Each row's first cell is the key
//! (`A,MIO_EUR,AT13`), each other cell a value and its flags after a space:
//! `5400 p`. `:` is missing. Flags: `p` provisional, `e` estimated, `s`
//! Eurostat estimate and `f` forecast make the value an estimate; `b` break
//! in series, `d` definition differs, `u` low reliability, `r` revised and
//! `n` not significant are noted on the value.
//!
//! One indicator per combination of the dimensions other than `freq` and
//! `geo` (the unit, `na_item`, …), named by their codes; the unit is the
//! unit code's meaning where it is a common one, else the code. Geo codes
//! are the regions' ids (and names: the file has no labels); NUTS codes nest
//! by prefix, and EU27_2020, EA20 and the like are aggregates.

use super::super::super::cells::Cell;
use super::super::super::problem::ImportProblem;
use super::super::super::table::Table;
use super::super::collector::Collector;
use super::super::{ReadOptions, ReadValue};
use super::{FileFacts, NoteIds, RegionFacts};
use crate::data::model::Period;
use crate::data::period_text::read_period_code;
use crate::data::raw::Status;
use crate::msg;

pub(super) fn is_header(texts: &[String]) -> bool {
    texts.len() >= 2
        && texts[0].split_once('\\').is_some_and(|(dims, time)| {
            !dims.is_empty() && matches!(time.trim().to_ascii_lowercase().as_str(), "time_period" | "time")
        })
        && texts[1..].iter().filter(|text| !text.is_empty()).all(|text| read_period_code(text).is_some())
}

/// The meaning of Eurostat's common unit codes.
pub(super) fn unit_label(code: &str) -> String {
    let label = match code {
        "MIO_EUR" => "million EUR",
        "MIO_NAC" => "million national currency",
        "EUR_HAB" => "EUR per inhabitant",
        "EUR_HAB_EU27_2020" => "% of EU27 (2020) average, EUR per inhabitant",
        "MIO_PPS_EU27_2020" => "million PPS (EU27 2020)",
        "PPS_EU27_2020_HAB" => "PPS (EU27 2020) per inhabitant",
        "PPS_HAB_EU27_2020" => "% of EU27 (2020) average, PPS per inhabitant",
        "PC" => "%",
        "PC_GDP" => "% of GDP",
        "PC_ACT" => "% of active population",
        "PC_POP" => "% of population",
        "THS" => "thousand",
        "THS_PER" => "thousand persons",
        "NR" => "number",
        "I15" => "index, 2015 = 100",
        "I20" => "index, 2020 = 100",
        "I10" => "index, 2010 = 100",
        "CLV10_MEUR" => "million EUR, chain-linked volumes (2010)",
        "CLV15_MEUR" => "million EUR, chain-linked volumes (2015)",
        "CLV20_MEUR" => "million EUR, chain-linked volumes (2020)",
        "CP_MEUR" => "million EUR, current prices",
        "CP_MNAC" => "million national currency, current prices",
        "CLV_PCH_PRE" => "% change on previous period (chain-linked volumes)",
        "CLV_PCH_SM" => "% change on same period previous year (chain-linked volumes)",
        other => other,
    };
    label.to_owned()
}

/// What a Eurostat (or SDMX `OBS_FLAG`) flag letter says of a value:
/// whether it makes the value an estimate, and the note it adds.
pub(super) fn flag(letter: char) -> Option<(bool, &'static str)> {
    Some(match letter {
        'p' => (true, "provisional (p)"),
        'e' => (true, "estimated (e)"),
        's' => (true, "Eurostat estimate (s)"),
        'f' => (true, "forecast (f)"),
        'b' => (false, "break in time series (b)"),
        'd' => (false, "definition differs (d)"),
        'u' => (false, "low reliability (u)"),
        'r' => (false, "revised (r)"),
        'n' => (false, "not significant (n)"),
        'c' => (false, "confidential (c)"),
        'z' => (false, "not applicable (z)"),
        _ => return None,
    })
}

/// A value's status and note from its flags (`p`, `be`).
pub(super) fn flags(
    collector: &mut Collector<'_>,
    notes: &mut NoteIds,
    letters: &str,
) -> (Status, Option<u32>) {
    let mut status = Status::Reported;
    let mut words = Vec::new();
    for letter in letters.chars().filter(|c| !c.is_whitespace()) {
        match flag(letter) {
            Some((estimate, word)) => {
                if estimate {
                    status = Status::Estimate;
                }
                words.push(word.to_owned());
            }
            None => words.push(format!("flag {letter}")),
        }
    }
    let note = (!words.is_empty()).then(|| notes.id(collector, format!("Eurostat: {}", words.join(", "))));
    (status, note)
}

/// The key's dimensions (`freq,unit,geo\TIME_PERIOD`) and the periods across.
struct Layout {
    dims: Vec<String>,
    geo: Option<usize>,
    unit: Option<usize>,
    periods: Vec<(usize, Period)>,
}

impl Layout {
    fn read(header: &[String], table: &Table, options: &ReadOptions) -> Result<Self, Vec<ImportProblem>> {
        let dims: Vec<String> = header
            .first()
            .and_then(|first| first.split_once('\\'))
            .map(|(dims, _)| dims.split(',').map(|dim| dim.trim().to_ascii_lowercase()).collect())
            .unwrap_or_default();
        let geo = dims.iter().position(|dim| dim == "geo");
        let unit = dims.iter().position(|dim| dim == "unit");
        if geo.is_none() && options.region.is_none() {
            return Err(super::ask(
                table,
                msg!(
                    "这份欧盟统计局表格没有 geo 维度，没有写明地区：请给出地区（命令行 --region）",
                    "this Eurostat table has no geo dimension and does not say its region: give it (--region)"
                ),
            ));
        }
        let periods: Vec<(usize, Period)> = header
            .iter()
            .enumerate()
            .skip(1)
            .filter_map(|(column, text)| Some((column, read_period_code(text)?)))
            .collect();
        Ok(Self { dims, geo, unit, periods })
    }
}

pub(super) fn read(
    collector: &mut Collector<'_>,
    regions: &mut RegionFacts,
    table: &Table,
    options: &ReadOptions,
) -> Result<(FileFacts, usize, String), Vec<ImportProblem>> {
    let rows = super::all_rows(table)?;
    let header: Vec<String> =
        rows.first().map(|row| row.iter().map(Cell::text).collect()).unwrap_or_default();
    let layout = Layout::read(&header, table, options)?;
    let dataset = dataset_name(&table.place.file);
    let mut facts = FileFacts::default();
    facts.source.publisher = Some("Eurostat".to_owned());
    facts.source.title = Some(dataset.clone());
    facts.metadata.push((msg!("维度", "Dimensions"), layout.dims.join(", ")));
    let mut reader =
        Reader { table, options, layout, dataset, notes: NoteIds::default(), indicators: Default::default() };
    for (at, row) in rows.iter().enumerate().skip(1) {
        let key = row.first().map(Cell::text).unwrap_or_default();
        if key.is_empty() {
            collector.skipped.blank_rows += 1;
            continue;
        }
        collector.rows += 1;
        reader.read_row(collector, regions, at, row, &key)?;
    }
    Ok((facts, 0, reader.dataset))
}

/// The reading of the rows, each indicator made once.
struct Reader<'a> {
    table: &'a Table,
    options: &'a ReadOptions,
    layout: Layout,
    dataset: String,
    notes: NoteIds,
    /// Indicators by their key without freq and geo.
    indicators: std::collections::HashMap<String, u32>,
}

impl Reader<'_> {
    /// One row: its key's parts name the indicator and region; each period
    /// across is a value with its flags. Fails only when a unit must be asked for.
    fn read_row(
        &mut self,
        collector: &mut Collector<'_>,
        regions: &mut RegionFacts,
        at: usize,
        row: &[Cell],
        key: &str,
    ) -> Result<(), Vec<ImportProblem>> {
        let (table, layout) = (self.table, &self.layout);
        let parts: Vec<&str> = key.split(',').map(str::trim).collect();
        if parts.len() != layout.dims.len() {
            let (found, expected) = (parts.len(), layout.dims.len());
            collector.problem(
                table.place.cell(at, 0),
                msg!(
                    "键 {key:?} 有 {found} 个部分，表头有 {expected} 个维度",
                    "key {key:?} has {found} parts; the header names {expected} dimensions"
                ),
            );
            return Ok(());
        }
        let Some(indicator) = self.indicator(collector, at, &parts)? else { return Ok(()) };
        let layout = &self.layout;
        let region_name = match layout.geo.and_then(|geo| parts.get(geo)) {
            Some(code) => (*code).to_owned(),
            None => self.options.region.clone().unwrap_or_default(),
        };
        let region = collector.regions.intern(&region_name);
        let code = layout.geo.map(|_| region_name.as_str());
        regions.set(region, code, super::is_european_aggregate(&region_name));
        for &(column, period) in &layout.periods {
            let text = row.get(column).map(Cell::text).unwrap_or_default();
            let (number, letters) = text.split_once(' ').unwrap_or((text.as_str(), ""));
            let number = Cell::Text(number.to_owned());
            let Some(value) = super::value_at(collector, (at, column), Some(&number), &[":"]) else {
                continue;
            };
            let (status, note) = flags(collector, &mut self.notes, letters);
            let series_break = letters.contains('b');
            let stated = ReadValue::stated(indicator, region, period, value, (at, column));
            collector.push(ReadValue { status, series_break, note, ..stated });
        }
        Ok(())
    }

    /// The indicator of a key: every dimension but freq and geo, its unit
    /// spelled out from the unit code (or asked for).
    fn indicator(
        &mut self,
        collector: &mut Collector<'_>,
        at: usize,
        parts: &[&str],
    ) -> Result<Option<u32>, Vec<ImportProblem>> {
        let layout = &self.layout;
        let series: Vec<&str> = parts
            .iter()
            .enumerate()
            .filter(|(at, _)| {
                Some(*at) != layout.geo && layout.dims.get(*at).is_some_and(|dim| dim != "freq")
            })
            .map(|(_, part)| *part)
            .collect();
        let series_key = series.join(",");
        if let Some(&indicator) = self.indicators.get(&series_key) {
            return Ok(Some(indicator));
        }
        let unit_text = match layout.unit.and_then(|unit| parts.get(unit)) {
            Some(code) => unit_label(code),
            None => super::unit_or_ask(self.table, self.options, &series_key)?,
        };
        let name = format!("{} {}", self.dataset, series.join(" "));
        let place = || self.table.place.cell(at, 0);
        let found = collector.indicator(&name, &unit_text, place, None);
        if let Some(indicator) = found {
            self.indicators.insert(series_key, indicator);
        }
        Ok(found)
    }
}

/// The dataset's code, from the file's name as Eurostat names downloads
/// (`estat_nama_10r_3gdp.tsv`, `nama_10r_3gdp.tsv`): the file itself does not say it.
fn dataset_name(file: &str) -> String {
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let stem = stem.strip_prefix("estat_").unwrap_or(stem);
    if stem.is_empty() { "Eurostat".to_owned() } else { stem.to_owned() }
}
