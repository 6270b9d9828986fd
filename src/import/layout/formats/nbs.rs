//! 国家统计局 data.stats.gov.cn exports (CSV in GBK, or XLS).
//!
//! Above the header, lines `数据库：分省年度数据`, `指标：地区生产总值(亿元)`,
//! `地区：山东省`, `时间：最近20年` say the database, the indicator with its
//! unit, the region and the span (any may be absent). The header starts
//! with 地区, 指标 or 时间 and names the first column; the other columns are
//! periods (`2024年`, `2022年第一季度`, `2020年2月`, newest first) or, when
//! periods run down, indicators (`居民消费价格指数(上年同月=100)`) or regions.
//! The database says the level: 年度数据 / 季度数据 / 月度数据 are national
//! (全国), 分省… provincial, 主要城市… cities; a table whose region is
//! neither in it, nor in an `地区：` line, nor national, is asked about.
//!
//! An indicator's unit is the last parenthesis of its name, bases included
//! (`上年同月=100`). Suffixes say the period: 当季值 / 当期值 the quarter or
//! month itself, 累计值 January to that quarter or month (NBS writes 1–2月
//! under 2月 and leaves single-month February empty), 累计增长 / 同比增长 the
//! growth of the level in the same kind of period, tied to it when the
//! table has it. Under the table, `注：` and the lines indented after it
//! (U+3000) are the source's note, `数据来源：` its publisher. Empty cells
//! and cells of empty text are missing, never zero.

use super::super::super::cells::Cell;
use super::super::super::problem::ImportProblem;
use super::super::super::table::Table;
use super::super::collector::Collector;
use super::super::{ReadOptions, ReadValue};
use super::{FileFacts, ask, key_value};
use crate::data::model::Period;
use crate::data::period::PeriodPart;
use crate::data::period_text::read_period;
use crate::i18n::Message;
use crate::msg;

/// Whether `text` is a metadata line `key：…`.
pub(super) fn is_metadata_line(text: &str, key: &str) -> bool {
    key_value(text).is_some_and(|(found, _)| found == key)
}

/// What the first column of the table lists.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dim {
    Region,
    Indicator,
    Period,
}

impl Dim {
    fn of(header: &str) -> Option<Self> {
        match header.trim() {
            "地区" => Some(Self::Region),
            "指标" => Some(Self::Indicator),
            "时间" => Some(Self::Period),
            _ => None,
        }
    }
}

/// Which period of a value an indicator's suffix names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Span {
    /// The quarter or month itself (当季值, 当期值), or no suffix.
    Own,
    /// January to the end of the period (累计值, 累计增长).
    SoFar,
}

/// An indicator as an NBS name says it: the level's name, unit, span, and whether it is growth.
#[derive(Clone)]
struct NbsIndicator {
    base: String,
    unit: String,
    span: Span,
    growth: bool,
}

/// `国内生产总值累计值(亿元)` → 国内生产总值, 亿元, so far, level.
fn nbs_indicator(text: &str) -> (String, Option<String>) {
    let text = text.trim();
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(inner) = text.strip_suffix(close)
            && let Some(at) = inner.rfind(open)
        {
            let unit = inner[at + open.len_utf8()..].trim();
            if !unit.is_empty() {
                return (inner[..at].trim().to_owned(), Some(unit.to_owned()));
            }
        }
    }
    (text.to_owned(), None)
}

fn with_suffix(name: &str, unit: String) -> NbsIndicator {
    const SUFFIXES: [(&str, Span, bool); 7] = [
        ("累计同比增长", Span::SoFar, true),
        ("当期同比增长", Span::Own, true),
        ("累计增长", Span::SoFar, true),
        ("同比增长", Span::Own, true),
        ("当季值", Span::Own, false),
        ("当期值", Span::Own, false),
        ("累计值", Span::SoFar, false),
    ];
    for (suffix, span, growth) in SUFFIXES {
        if let Some(base) = name.strip_suffix(suffix).filter(|base| !base.is_empty()) {
            return NbsIndicator { base: base.to_owned(), unit, span, growth };
        }
    }
    NbsIndicator { base: name.to_owned(), unit, span: Span::Own, growth: false }
}

/// The period a value of `span` is for, under a header of `period`; `None`
/// for a cumulative January (the month itself, read from its own column).
fn period_of(period: Period, span: Span) -> Option<Period> {
    if span == Span::Own {
        return Some(period);
    }
    let part = match period.part {
        PeriodPart::Q1 => PeriodPart::YearToDate(3),
        PeriodPart::Q2 | PeriodPart::H1 => PeriodPart::YearToDate(6),
        PeriodPart::Q3 => PeriodPart::YearToDate(9),
        PeriodPart::Q4 | PeriodPart::H2 => PeriodPart::YearToDate(12),
        PeriodPart::Month(1) => return None,
        PeriodPart::Month(month) => PeriodPart::YearToDate(month),
        other => other,
    };
    Some(Period { year: period.year, part })
}

/// The lines above the header and what they say.
struct Metadata {
    database: Option<String>,
    indicator: Option<String>,
    region: Option<String>,
    time: Option<String>,
}

/// The first cell of a row, as text.
fn first(row: &[Cell]) -> String {
    row.first().map(Cell::text).unwrap_or_default()
}

/// The metadata lines above the header, and the header's row: the first
/// whose first cell is 地区, 指标 or 时间 and that has two cells or more.
fn read_metadata(rows: &[Vec<Cell>], facts: &mut FileFacts) -> (Metadata, Option<usize>) {
    let mut meta = Metadata { database: None, indicator: None, region: None, time: None };
    for (at, row) in rows.iter().enumerate() {
        let text = first(row);
        if Dim::of(&text).is_some() && row.iter().filter(|cell| !cell.is_blank()).count() >= 2 {
            return (meta, Some(at));
        }
        let Some((key, value)) = key_value(&text) else { continue };
        let slot = match key {
            "数据库" => &mut meta.database,
            "指标" => &mut meta.indicator,
            "地区" => &mut meta.region,
            "时间" => &mut meta.time,
            _ => continue,
        };
        *slot = Some(value.to_owned());
        facts.metadata.push((Message::new(key.to_owned(), english_key(key).to_owned()), value.to_owned()));
    }
    (meta, None)
}

/// Under the table: the note (注：, then indented lines) and the publisher
/// (数据来源：). Gives the row where the table ends.
fn read_footer(rows: &[Vec<Cell>], header_row: usize, facts: &mut FileFacts) -> usize {
    let mut end = rows.len();
    let mut note: Vec<String> = Vec::new();
    for (at, row) in rows.iter().enumerate().skip(header_row + 1) {
        let raw = row.first().map(|cell| match cell {
            Cell::Text(text) => text.clone(),
            other => other.text(),
        });
        let raw = raw.unwrap_or_default();
        let text = raw.trim();
        if let Some((_, value)) = key_value(text).filter(|(key, _)| *key == "数据来源" || *key == "资料来源")
        {
            facts.source.publisher = Some(value.to_owned());
            end = end.min(at);
        } else if text.starts_with("注") {
            note.push(text.to_owned());
            end = end.min(at);
        } else if at > end && !text.is_empty() {
            // A note's further lines, indented with U+3000 or not.
            note.push(text.to_owned());
        }
    }
    if !note.is_empty() {
        // The note as the table writes it, without its 注： label.
        if let Some(first) = note.first_mut() {
            let bare = first.trim_start_matches('注').trim_start_matches(['：', ':']).trim_start().to_owned();
            *first = bare;
        }
        let joined = note.join("\n");
        facts.metadata.push((msg!("注", "Note"), joined.clone()));
        facts.source.note = Some(joined);
    }
    end
}

/// How the table is laid out: what runs down and across, and the indicator,
/// region and period fixed for the whole table (from the metadata lines,
/// the database's level or the options).
struct Dims {
    down: Dim,
    across_dim: Dim,
    /// The header's labels after the first column, with their columns.
    across: Vec<(usize, String)>,
    /// Each label across as a period, where it is one.
    periods: Vec<Option<Period>>,
    indicator: Option<(String, Option<String>)>,
    region: Option<String>,
    period: Option<Period>,
}

impl Dims {
    fn read(header: &[Cell], meta: &Metadata, options: &ReadOptions) -> Self {
        let down = Dim::of(&first(header)).unwrap_or(Dim::Region);
        let database = meta.database.clone().unwrap_or_default();
        let indicator = meta.indicator.as_deref().map(|text| {
            let (name, unit) = nbs_indicator(text);
            (name, unit.or_else(|| options.unit.clone()))
        });
        let national = ["年度数据", "季度数据", "月度数据"].contains(&database.as_str());
        let region = options
            .region
            .clone()
            .or_else(|| meta.region.clone())
            .or_else(|| national.then(|| "全国".to_owned()));
        let period = meta.time.as_deref().and_then(|time| read_period(time, None).ok());
        let across: Vec<(usize, String)> = header
            .iter()
            .enumerate()
            .skip(1)
            .map(|(column, cell)| (column, cell.text()))
            .filter(|(_, text)| !text.is_empty())
            .collect();
        let periods: Vec<Option<Period>> =
            across.iter().map(|(_, text)| read_period(text, None).ok()).collect();
        let across_dim = if periods.iter().all(Option::is_some) {
            Dim::Period
        } else {
            // Names across: indicators beside regions or periods down, regions
            // beside indicators down (or periods down under an 指标 line).
            let regions_across = down == Dim::Indicator || (down == Dim::Period && meta.indicator.is_some());
            if regions_across { Dim::Region } else { Dim::Indicator }
        };
        Self { down, across_dim, across, periods, indicator, region, period }
    }

    /// Whether the table neither runs `wanted` down nor across (so it must be fixed).
    fn needs(&self, wanted: Dim) -> bool {
        self.down != wanted && self.across_dim != wanted
    }

    /// Asks for what the table needs and does not say.
    fn check(&self, table: &Table, meta: &Metadata) -> Result<(), Vec<ImportProblem>> {
        let database = meta.database.clone().unwrap_or_default();
        if self.needs(Dim::Region) && self.region.is_none() {
            return Err(ask(
                table,
                msg!(
                    "这张国家统计局的表没有写明地区（没有“地区：”行，数据库“{database}”也不是全国数据）：请给出地区（命令行 --region，导入对话框的“地区”）",
                    "this NBS table does not say its region (no 地区： line, and database “{database}” is not national): give the region (--region, or “Region” in the import dialog)"
                ),
            ));
        }
        if self.needs(Dim::Indicator) && self.indicator.is_none() {
            return Err(ask(
                table,
                msg!(
                    "这张国家统计局的表没有写明指标（没有“指标：”行）：请给出指标（命令行 --indicator）",
                    "this NBS table does not say its indicator (no 指标： line): give it (--indicator)"
                ),
            ));
        }
        if self.needs(Dim::Period) && self.period.is_none() {
            let time = meta.time.clone().unwrap_or_default();
            return Err(ask(
                table,
                msg!(
                    "这张国家统计局的表没有写明时期（“时间：{time}”不是一个时期）：请给出时期（命令行 --period）",
                    "this NBS table does not say its period (时间：{time} is not one period): give it (--period)"
                ),
            ));
        }
        Ok(())
    }
}

/// The indicators the table names: down its rows, across its header, or
/// the one fixed for it; each with its unit, span and growth.
struct Names {
    rows: Vec<Option<NbsIndicator>>,
    columns: Vec<Option<NbsIndicator>>,
    fixed: Option<NbsIndicator>,
}

impl Names {
    fn read(
        rows: &[Vec<Cell>],
        (header_row, end): (usize, usize),
        dims: &Dims,
        options: &ReadOptions,
        table: &Table,
    ) -> Result<Self, Vec<ImportProblem>> {
        let name_of = |text: &str, place: String| -> Result<NbsIndicator, ImportProblem> {
            let (name, unit) = nbs_indicator(text);
            let unit = unit.or_else(|| options.unit.clone()).ok_or_else(|| ImportProblem {
                place,
                message: msg!(
                    "指标 {name:?} 没有写明单位（名称后的括号）：请给出单位（命令行 --unit）",
                    "indicator {name:?} states no unit (in parentheses after its name): give it (--unit)"
                ),
            })?;
            Ok(with_suffix(&name, unit))
        };
        let mut problems = Vec::new();
        let header_len = rows.get(header_row).map_or(0, Vec::len);
        let mut names = Self { rows: vec![None; rows.len()], columns: vec![None; header_len], fixed: None };
        if dims.down == Dim::Indicator {
            for (at, row) in rows.iter().enumerate().take(end).skip(header_row + 1) {
                let text = first(row);
                if !text.is_empty() {
                    match name_of(&text, table.place.cell(at, 0)) {
                        Ok(indicator) => names.rows[at] = Some(indicator),
                        Err(problem) => problems.push(problem),
                    }
                }
            }
        } else if dims.across_dim == Dim::Indicator {
            for (column, text) in &dims.across {
                match name_of(text, table.place.cell(header_row, *column)) {
                    Ok(indicator) => names.columns[*column] = Some(indicator),
                    Err(problem) => problems.push(problem),
                }
            }
        }
        names.fixed = match &dims.indicator {
            Some((name, Some(unit))) => Some(with_suffix(name, unit.clone())),
            Some((name, None)) if dims.needs(Dim::Indicator) => {
                return Err(ask(
                    table,
                    msg!(
                        "指标 {name:?} 没有写明单位：请给出单位（命令行 --unit）",
                        "indicator {name:?} states no unit: give it (--unit)"
                    ),
                ));
            }
            _ => None,
        };
        if problems.is_empty() { Ok(names) } else { Err(problems) }
    }

    /// The indicator, region and period of the cell in row `at` (labelled
    /// `label`), `across_at`-th across.
    fn cell(
        &self,
        dims: &Dims,
        at: usize,
        label: &str,
        across_at: usize,
    ) -> (Option<NbsIndicator>, Option<String>, Option<Period>) {
        let column = dims.across.get(across_at).map_or(0, |(column, _)| *column);
        let across_text = || dims.across.get(across_at).map(|(_, text)| text.clone());
        let across_period = dims.periods.get(across_at).copied().flatten();
        let row_indicator = || self.rows.get(at).cloned().flatten();
        let column_indicator = || self.columns.get(column).cloned().flatten();
        match (dims.down, dims.across_dim) {
            (Dim::Region, Dim::Period) => (self.fixed.clone(), Some(label.to_owned()), across_period),
            (Dim::Region, _) => (column_indicator(), Some(label.to_owned()), dims.period),
            (Dim::Indicator, Dim::Period) => (row_indicator(), dims.region.clone(), across_period),
            (Dim::Indicator, _) => (row_indicator(), across_text(), dims.period),
            (Dim::Period, Dim::Region) => (self.fixed.clone(), across_text(), read_period(label, None).ok()),
            (Dim::Period, _) => (column_indicator(), dims.region.clone(), read_period(label, None).ok()),
        }
    }
}

/// Reads the export. Returns what the file says about itself, the header row and the title.
pub(super) fn read(
    collector: &mut Collector<'_>,
    table: &Table,
    options: &ReadOptions,
) -> Result<(FileFacts, usize, String), Vec<ImportProblem>> {
    let rows = super::all_rows(table)?;
    let mut facts = FileFacts::default();
    let (meta, header_row) = read_metadata(&rows, &mut facts);
    let Some((header_row, header)) = header_row.and_then(|at| Some((at, rows.get(at)?))) else {
        return Err(ask(
            table,
            msg!(
                "国家统计局导出文件中找不到表头（首格应为 地区、指标 或 时间）",
                "no header in this NBS export (its first cell should be 地区, 指标 or 时间)"
            ),
        ));
    };
    let end = read_footer(&rows, header_row, &mut facts);
    facts.source.publisher.get_or_insert_with(|| "国家统计局".to_owned());
    let database = meta.database.clone().unwrap_or_default();
    facts.source.title = Some(if database.is_empty() { "国家数据".to_owned() } else { database });
    let dims = Dims::read(header, &meta, options);
    dims.check(table, &meta)?;
    let names = Names::read(&rows, (header_row, end), &dims, options, table)?;
    let levels = intern_indicators(collector, &names.rows, &names.columns, names.fixed.as_ref(), table)?;
    read_values(collector, table, (&rows, header_row, end), (&dims, &names, &levels));
    let title = match (&meta.database, &names.fixed) {
        (Some(database), Some(indicator)) => format!("{database}：{}", indicator.base),
        (Some(database), None) => database.clone(),
        (None, _) => "国家统计局 国家数据".to_owned(),
    };
    Ok((facts, header_row, title))
}

/// Every value of the table. A cumulative January (1月 of a 累计 indicator)
/// is January itself: read after the rest, as the month, unless the table
/// gives that month already.
fn read_values(
    collector: &mut Collector<'_>,
    table: &Table,
    (rows, header_row, end): (&[Vec<Cell>], usize, usize),
    (dims, names, levels): (&Dims, &Names, &Levels),
) {
    let mut januaries: Vec<(NbsIndicator, String, Period, f64, usize, usize)> = Vec::new();
    for (at, row) in rows.iter().enumerate().take(end).skip(header_row + 1) {
        let label = first(row);
        if label.is_empty() {
            collector.skipped.blank_rows += 1;
            continue;
        }
        collector.rows += 1;
        for (across_at, (column, _)) in dims.across.iter().enumerate() {
            let (indicator, region, period) = names.cell(dims, at, &label, across_at);
            let Some(period) = period else {
                collector.problem(
                    table.place.cell(at, 0),
                    msg!("无法识别的时期 {label:?}", "unknown period {label:?}"),
                );
                break;
            };
            let (Some(indicator), Some(region)) = (indicator, region) else { continue };
            let Some(value) = super::value_at(collector, (at, *column), row.get(*column), &[]) else {
                continue;
            };
            match period_of(period, indicator.span) {
                Some(period) => push(collector, levels, &indicator, &region, period, value, at, *column),
                None => januaries.push((indicator, region, period, value, at, *column)),
            }
        }
    }
    for (indicator, region, period, value, at, column) in januaries {
        let own = NbsIndicator { span: Span::Own, ..indicator };
        let given = levels.ids.get(&(own.base.clone(), own.unit.clone(), own.growth)).and_then(|&id| {
            let region = collector.regions.index.get(&region).copied()?;
            collector
                .values
                .iter()
                .find(|known| (known.indicator, known.region, known.period) == (id, region, period))
        });
        // The same figure as the month's own cell: nothing new. A different one
        // is pushed, and reported as a value given twice at both cells.
        if given.is_none_or(|known| known.value != value) {
            push(collector, levels, &own, &region, period, value, at, column);
        }
    }
}

fn english_key(key: &str) -> &'static str {
    match key {
        "数据库" => "Database",
        "指标" => "Indicator",
        "地区" => "Region",
        _ => "Time",
    }
}

/// Indicator indices: each level by (name, unit), then each growth rate
/// (`…增速`, %), tied to its level when the table has it.
struct Levels {
    ids: std::collections::HashMap<(String, String, bool), u32>,
}

fn intern_indicators(
    collector: &mut Collector<'_>,
    rows: &[Option<NbsIndicator>],
    columns: &[Option<NbsIndicator>],
    fixed: Option<&NbsIndicator>,
    table: &Table,
) -> Result<Levels, Vec<ImportProblem>> {
    let all: Vec<&NbsIndicator> = rows.iter().chain(columns).flatten().chain(fixed).collect();
    let mut ids = std::collections::HashMap::new();
    let place = || table.place.file.clone();
    for indicator in all.iter().filter(|indicator| !indicator.growth) {
        let key = (indicator.base.clone(), indicator.unit.clone(), false);
        if let std::collections::hash_map::Entry::Vacant(entry) = ids.entry(key)
            && let Some(id) = collector.indicator(&indicator.base, &indicator.unit, place, None)
        {
            entry.insert(id);
        }
    }
    for indicator in all.iter().filter(|indicator| indicator.growth) {
        let key = (indicator.base.clone(), indicator.unit.clone(), true);
        if ids.contains_key(&key) {
            continue;
        }
        let level = ids
            .iter()
            .find(|((base, _, growth), _)| !growth && *base == indicator.base)
            .map(|(_, &id)| (id, false));
        let name = format!("{}增速", indicator.base);
        let Some(id) = collector.indicator(&name, &indicator.unit, place, level) else { continue };
        ids.insert(key, id);
    }
    if collector.problems.is_empty() {
        Ok(Levels { ids })
    } else {
        Err(std::mem::take(&mut collector.problems))
    }
}

#[expect(clippy::too_many_arguments, reason = "one value with its indicator, region, period and cell")]
fn push(
    collector: &mut Collector<'_>,
    levels: &Levels,
    indicator: &NbsIndicator,
    region: &str,
    period: Period,
    value: f64,
    row: usize,
    column: usize,
) {
    let key = (indicator.base.clone(), indicator.unit.clone(), indicator.growth);
    let Some(&indicator) = levels.ids.get(&key) else { return };
    let region = collector.regions.intern(region);
    collector.push(ReadValue::stated(indicator, region, period, value, (row, column)));
}
