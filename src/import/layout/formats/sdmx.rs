//! SDMX-CSV, as the OECD, Eurostat and the IMF serve it: one value per row,
//! `DATAFLOW` (or `STRUCTURE`, `STRUCTURE_ID`, `ACTION`) first, then the
//! dimensions, `TIME_PERIOD`, `OBS_VALUE` and the attributes
//! (`OBS_STATUS`, `UNIT_MULT`, `DECIMALS`, `CURRENCY`, …). A header or cell
//! written with labels (`REF_AREA: Reference area`, `AUS: Australia`) is read
//! as its code and label.
//!
//! One indicator per combination of the dimensions other than the area
//! (`REF_AREA`, `GEO`, `COUNTRY`, `LOCATION`) and `FREQ` — the measure and
//! unit, say — named by their codes. `UNIT_MULT` (a power of ten) may vary
//! from row to row: each indicator is written in the smallest power its rows
//! use (`million USD` for 6), and a value of a larger power is scaled to it
//! and says so in its note (`OBS_VALUE 43.2 × 10^9`). `OBS_STATUS` `E`, `P`
//! and `F` (or Eurostat's `OBS_FLAG` `e`, `p`) make a value an estimate, `B`
//! a break in series noted on it. Area codes are ids; three-letter codes are
//! countries, other codes (OECD, EU27_2020, G20) aggregates, except in a
//! `geo` dimension, where NUTS codes nest.

use super::super::super::cells::Cell;
use super::super::super::problem::ImportProblem;
use super::super::super::table::Table;
use super::super::collector::Collector;
use super::super::{ReadOptions, ReadValue};
use super::{FileFacts, NoteIds, RegionFacts};
use crate::data::period_text::read_period_code;
use crate::data::raw::Status;
use crate::msg;

/// Columns that describe the file, not a value: Eurostat's SDMX-CSV adds `LAST UPDATE`.
const STRUCTURE: [&str; 6] =
    ["DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION", "LAST UPDATE"];
const AREAS: [&str; 6] = ["REF_AREA", "GEO", "COUNTRY", "LOCATION", "AREA", "REF_AREA_CODE"];

/// A header cell's code: `REF_AREA: Reference area` → `REF_AREA`.
fn code(text: &str) -> String {
    text.split_once(':').map_or(text, |(code, _)| code).trim().to_ascii_uppercase()
}

pub(super) fn is_header(texts: &[String]) -> bool {
    let codes: Vec<String> = texts.iter().map(|text| code(text)).collect();
    codes.iter().any(|c| c == "OBS_VALUE")
        && codes.iter().any(|c| c == "TIME_PERIOD")
        && codes
            .first()
            .is_some_and(|first| STRUCTURE.contains(&first.as_str()) || AREAS.contains(&first.as_str()))
}

/// `AUS: Australia` → (`AUS`, `Australia`); `AUS` → (`AUS`, `AUS`).
fn code_and_label(text: &str) -> (String, String) {
    match text.split_once(':') {
        Some((code, label)) if !code.trim().is_empty() && !code.contains(' ') && !label.trim().is_empty() => {
            (code.trim().to_owned(), label.trim().to_owned())
        }
        _ => (text.trim().to_owned(), text.trim().to_owned()),
    }
}

/// The publisher an agency id names: `OECD.CTP.TPS` → OECD, `ESTAT` → Eurostat.
fn publisher(dataflow: &str) -> String {
    let agency = dataflow.split(':').next().unwrap_or_default();
    let first = agency.split('.').next().unwrap_or_default();
    match first {
        "OECD" => "OECD".to_owned(),
        "ESTAT" => "Eurostat".to_owned(),
        "IMF" => "International Monetary Fund".to_owned(),
        "ECB" => "European Central Bank".to_owned(),
        "BIS" => "Bank for International Settlements".to_owned(),
        "" => "SDMX".to_owned(),
        other => other.to_owned(),
    }
}

/// What an `OBS_STATUS` code says: estimate, and the note.
fn status(code: &str) -> Option<(bool, String)> {
    let word = match code {
        "" | "A" => return None,
        "E" => (true, "estimated value (E)"),
        "P" => (true, "provisional value (P)"),
        "F" => (true, "forecast value (F)"),
        "B" => (false, "break in series (B)"),
        "D" => (false, "definition differs (D)"),
        "U" => (false, "low reliability (U)"),
        "R" => (false, "revised (R)"),
        "I" => (true, "imputed value (I)"),
        other => return Some((false, format!("OBS_STATUS {other}"))),
    };
    Some((word.0, word.1.to_owned()))
}

/// Where the SDMX-CSV's columns are.
struct Columns {
    header: Vec<String>,
    time: usize,
    value: usize,
    area: Option<usize>,
    /// The area is Eurostat's GEO (NUTS codes, with their own aggregates).
    nuts: bool,
    /// The dimensions that make an indicator: after the structure columns,
    /// before OBS_VALUE, other than the area, time and FREQ.
    dims: Vec<usize>,
    unit: Option<usize>,
    mult: Option<usize>,
    status: Option<usize>,
    flag: Option<usize>,
    currency: Option<usize>,
}

impl Columns {
    fn find(rows: &[Vec<Cell>], table: &Table, options: &ReadOptions) -> Result<Self, Vec<ImportProblem>> {
        let header: Vec<String> =
            rows.first().map(|row| row.iter().map(|cell| code(&cell.text())).collect()).unwrap_or_default();
        let column = |name: &str| header.iter().position(|c| c == name);
        let (Some(time), Some(value)) = (column("TIME_PERIOD"), column("OBS_VALUE")) else {
            return Err(super::ask(
                table,
                msg!(
                    "SDMX-CSV 缺少 TIME_PERIOD 或 OBS_VALUE 列",
                    "SDMX-CSV without TIME_PERIOD or OBS_VALUE"
                ),
            ));
        };
        let area = header.iter().position(|c| AREAS.contains(&c.as_str()));
        if area.is_none() && options.region.is_none() {
            return Err(super::ask(
                table,
                msg!(
                    "这份 SDMX-CSV 没有地区维度（REF_AREA、GEO），没有写明地区：请给出地区（命令行 --region）",
                    "this SDMX-CSV has no area dimension (REF_AREA, GEO) and does not say its region: give it (--region)"
                ),
            ));
        }
        let nuts = area.and_then(|area| header.get(area)).is_some_and(|name| name == "GEO");
        let dims: Vec<usize> = (0..value)
            .filter(|&at| {
                let name = header.get(at).map_or("", String::as_str);
                !STRUCTURE.contains(&name) && Some(at) != area && at != time && name != "FREQ"
            })
            .collect();
        Ok(Self {
            time,
            value,
            area,
            nuts,
            dims,
            unit: column("UNIT_MEASURE").or_else(|| column("UNIT")),
            mult: column("UNIT_MULT"),
            status: column("OBS_STATUS"),
            flag: column("OBS_FLAG"),
            currency: column("CURRENCY"),
            header,
        })
    }

    fn named(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|c| c == name)
    }

    /// The text of a row's cell in column `at`, empty when there is none.
    fn cell(row: &[Cell], at: Option<usize>) -> String {
        at.and_then(|at| row.get(at)).map(Cell::text).unwrap_or_default()
    }

    /// The row's UNIT_MULT (a power of ten), 0 when not given.
    fn mult(&self, row: &[Cell]) -> i32 {
        Self::cell(row, self.mult).parse::<i32>().unwrap_or(0)
    }

    /// The row's indicator: its codes in each dimension.
    fn series_key(&self, row: &[Cell]) -> Vec<String> {
        self.dims.iter().map(|&at| code_and_label(&Self::cell(row, Some(at))).0).collect()
    }
}

/// What the file says of itself: the dataflow (title, publisher) and the
/// date of its last update. Gives the title too.
fn file_facts(rows: &[Vec<Cell>], cols: &Columns) -> (FileFacts, String) {
    let mut facts = FileFacts::default();
    let first = |at: Option<usize>| rows.get(1).map(|row| Columns::cell(row, at)).unwrap_or_default();
    let dataflow = first(cols.named("DATAFLOW").or_else(|| cols.named("STRUCTURE_ID")));
    facts.source.publisher = Some(publisher(&dataflow));
    let title = if dataflow.is_empty() { "SDMX".to_owned() } else { dataflow.clone() };
    facts.source.title = Some(title.clone());
    if !dataflow.is_empty() {
        facts.metadata.push((msg!("数据流", "Dataflow"), dataflow));
    }
    // Eurostat's `LAST UPDATE` (`22/02/24 23:00:00`): the date of the data, as written.
    let updated = first(cols.named("LAST UPDATE"));
    if !updated.is_empty() {
        facts.source.date = Some(iso_date(&updated).unwrap_or_else(|| updated.clone()));
        facts.metadata.push((msg!("最后更新", "Last update"), updated));
    }
    (facts, title)
}

/// The reading of the rows, with each indicator made once.
struct Reader<'a> {
    table: &'a Table,
    options: &'a ReadOptions,
    cols: Columns,
    /// The smallest UNIT_MULT of each indicator's rows: its unit's power.
    smallest: std::collections::HashMap<Vec<String>, i32>,
    indicators: std::collections::HashMap<Vec<String>, u32>,
    notes: NoteIds,
}

pub(super) fn read(
    collector: &mut Collector<'_>,
    regions: &mut RegionFacts,
    table: &Table,
    options: &ReadOptions,
) -> Result<(FileFacts, usize, String), Vec<ImportProblem>> {
    let rows = super::all_rows(table)?;
    let cols = Columns::find(&rows, table, options)?;
    let mut smallest: std::collections::HashMap<Vec<String>, i32> = std::collections::HashMap::new();
    for row in rows.iter().skip(1) {
        let entry = smallest.entry(cols.series_key(row)).or_insert(i32::MAX);
        *entry = (*entry).min(cols.mult(row));
    }
    let (facts, title) = file_facts(&rows, &cols);
    let mut reader = Reader {
        table,
        options,
        cols,
        smallest,
        indicators: std::collections::HashMap::new(),
        notes: NoteIds::default(),
    };
    for (at, row) in rows.iter().enumerate().skip(1) {
        if row.iter().all(Cell::is_blank) {
            collector.skipped.blank_rows += 1;
            continue;
        }
        collector.rows += 1;
        reader.read_row(collector, regions, at, row)?;
    }
    Ok((facts, 0, title))
}

impl Reader<'_> {
    /// One row's value; a problem at its cell keeps it out. Fails only when
    /// an indicator's unit must be asked for.
    fn read_row(
        &mut self,
        collector: &mut Collector<'_>,
        regions: &mut RegionFacts,
        at: usize,
        row: &[Cell],
    ) -> Result<(), Vec<ImportProblem>> {
        let key = self.cols.series_key(row);
        let power = self.smallest.get(&key).copied().unwrap_or(0).min(self.cols.mult(row));
        let Some(indicator) = self.indicator(collector, key, power, at, row)? else { return Ok(()) };
        let (table, cols) = (self.table, &self.cols);
        let period_text = Columns::cell(row, Some(cols.time));
        let Some(period) = read_period_code(&period_text) else {
            collector.problem(
                table.place.cell(at, cols.time),
                msg!(
                    "无法识别的时期 {period_text:?}；应如 2023、2023-Q1、2023-01",
                    "unknown period {period_text:?}; expected e.g. 2023, 2023-Q1, 2023-01"
                ),
            );
            return Ok(());
        };
        let text = Columns::cell(row, Some(cols.value));
        if text.is_empty() || text == "NaN" {
            collector.skipped.missing_values += 1;
            return Ok(());
        }
        let Some(published) = text.parse::<f64>().ok().filter(|value| value.is_finite()) else {
            collector.problem(
                table.place.cell(at, cols.value),
                msg!("应为数字，实际为 {text:?}", "expected a number, found {text:?}"),
            );
            return Ok(());
        };
        let scale = cols.mult(row) - power;
        let value = if scale == 0 {
            published
        } else {
            shifted(&text, scale).unwrap_or(published * 10f64.powi(scale))
        };
        let (status_now, series_break, words) = self.marks(row, &text, power);
        let note = (!words.is_empty()).then(|| self.notes.id(collector, words.join("; ")));
        let region = self.region(collector, regions, row);
        let stated = ReadValue::stated(indicator, region, period, value, (at, self.cols.value));
        collector.push(ReadValue { status: status_now, series_break, note, ..stated });
        Ok(())
    }

    /// The indicator of a series key, made on its first row with the unit
    /// in the smallest power its rows use (`million USD`).
    fn indicator(
        &mut self,
        collector: &mut Collector<'_>,
        key: Vec<String>,
        power: i32,
        at: usize,
        row: &[Cell],
    ) -> Result<Option<u32>, Vec<ImportProblem>> {
        if let Some(&indicator) = self.indicators.get(&key) {
            return Ok(Some(indicator));
        }
        let unit_code = Columns::cell(row, self.cols.unit);
        let unit = if unit_code.is_empty() {
            super::unit_or_ask(self.table, self.options, &key.join(" "))?
        } else {
            let (_, label) = code_and_label(&unit_code);
            let label = if label == "XDC" { "national currency".to_owned() } else { label };
            format!("{}{label}", super::multiplier_word(power))
        };
        let place = || self.table.place.cell(at, self.cols.unit.unwrap_or(self.cols.value));
        let found = collector.indicator(&key.join(" "), &unit, place, None);
        if let Some(indicator) = found {
            self.indicators.insert(key, indicator);
        }
        Ok(found)
    }

    /// The row's status and break from OBS_STATUS and OBS_FLAG, with the
    /// words of its note: each flag, a scaled value's published figure, the currency.
    fn marks(&self, row: &[Cell], text: &str, power: i32) -> (Status, bool, Vec<String>) {
        let cols = &self.cols;
        let (status_code, flags) = (Columns::cell(row, cols.status), Columns::cell(row, cols.flag));
        let mut words: Vec<String> = Vec::new();
        let mut status_now = Status::Reported;
        let series_break = status_code == "B" || flags.contains('b');
        if let Some((estimate, word)) = status(&status_code) {
            words.push(word);
            if estimate {
                status_now = Status::Estimate;
            }
        }
        for letter in flags.chars() {
            if let Some((estimate, word)) = super::eurostat::flag(letter) {
                words.push(word.to_owned());
                if estimate {
                    status_now = Status::Estimate;
                }
            }
        }
        let (row_mult, scale) = (cols.mult(row), cols.mult(row) - power);
        if scale != 0 {
            words.push(format!(
                "OBS_VALUE {text} at UNIT_MULT {row_mult}, written in the indicator's unit (10^{power}) as {text} × 10^{scale}"
            ));
        }
        let currency = Columns::cell(row, cols.currency);
        if !currency.is_empty() {
            words.push(format!("currency {currency}"));
        }
        (status_now, series_break, words)
    }

    /// The row's region (by its label), with its code and whether it is an aggregate.
    fn region(&self, collector: &mut Collector<'_>, regions: &mut RegionFacts, row: &[Cell]) -> u32 {
        let (region_code, region_label) = match self.cols.area {
            Some(area) => code_and_label(&Columns::cell(row, Some(area))),
            None => {
                let name = self.options.region.clone().unwrap_or_default();
                (name.clone(), name)
            }
        };
        let region = collector.regions.intern(&region_label);
        let aggregate = if self.cols.nuts {
            super::is_european_aggregate(&region_code)
        } else {
            !(region_code.len() == 3 && region_code.bytes().all(|b| b.is_ascii_uppercase()))
        };
        regions.set(region, self.cols.area.map(|_| region_code.as_str()), aggregate);
        region
    }
}

/// A published decimal times 10^`places`, by moving its decimal point in
/// the text (`45.25`, 3 → 45250): exact where multiplying the float is not.
fn shifted(text: &str, places: i32) -> Option<f64> {
    let (sign, digits) = text.strip_prefix('-').map_or(("", text), |rest| ("-", rest));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if !(whole.bytes().all(|b| b.is_ascii_digit()) && fraction.bytes().all(|b| b.is_ascii_digit()))
        || places < 0
    {
        return None;
    }
    let places = usize::try_from(places).ok()?;
    let mut fraction = fraction.to_owned();
    while fraction.len() < places {
        fraction.push('0');
    }
    let (moved, rest) = fraction.split_at(places);
    format!("{sign}{whole}{moved}.{rest}0").parse().ok()
}

/// Eurostat's `dd/mm/yy hh:mm:ss` as `20yy-mm-dd`, the form source dates take.
fn iso_date(text: &str) -> Option<String> {
    let date = text.split_whitespace().next()?;
    let mut parts = date.split('/');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let two = |part: &str| part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit());
    (two(day) && two(month) && two(year) && parts.next().is_none()).then(|| format!("20{year}-{month}-{day}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn eurostats_last_update_is_written_as_a_date() {
        assert_eq!(super::iso_date("15/03/24 23:00:00").as_deref(), Some("2024-03-15"));
        assert_eq!(super::iso_date("2024-03-15"), None);
    }

    #[test]
    fn a_power_of_ten_moves_the_decimal_point_exactly() {
        assert_eq!(super::shifted("45.25", 3), Some(45_250.0));
        assert_eq!(super::shifted("0.1", 3), Some(100.0));
        assert_eq!(super::shifted("-1.2345", 2), Some(-123.45));
        assert_eq!(super::shifted("7", 6), Some(7_000_000.0));
        assert_eq!(super::shifted("1e5", 3), None, "not a plain decimal: the float is scaled instead");
    }
}
