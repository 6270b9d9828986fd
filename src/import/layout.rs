//! How a table is laid out, found from its header (or told with
//! `--layout`, `--rows`), and its values read accordingly:
//!
//! - **long**: one value per row, columns named 指标/地区/时期/数值/单位
//!   (in any order, Chinese or English; 来源, 备注, 状态, 限定 optional);
//! - **wide**: one dimension down the first column (regions, indicators or
//!   periods) and another across the header (periods, indicators or
//!   regions), the third from the table's title, a unit line or the
//!   options; a two-row header (a year merged over 数值 and 增速) is read
//!   as both;
//! - **monthly report**: indicators down, 本月 / 累计 / 同比增长 across, the
//!   year and month from the title or the header (`1-9月累计`).
//!
//! Nothing is guessed: a table whose rows could be regions or indicators,
//! a value column without a period, an indicator without a unit, a cell
//! that is not a number, the same value twice, are problems with their
//! place. Blank rows, `注：` rows and repeated header rows are skipped and
//! counted; missing-value marks are counted, never read as zero.

use super::fast_hash::FastMap;
use std::borrow::Cow;
use std::ops::ControlFlow;

use super::cells::{Cell, Value, half_width, read_value, unit_line};
use super::header::{Header, Monthly, Role, is_note_row, is_total, read_header};
use super::problem::ImportProblem;
use super::table::{CellView, RowView, Table};
use crate::data::model::Period;
use crate::data::period::PeriodPart;
use crate::data::period_text::{read_period, year_in};
use crate::data::raw::{Qualifier, Status};
use crate::i18n::{Lang, Message};
use crate::msg;

/// Which layout to read a table as.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LayoutChoice {
    #[default]
    Auto,
    Long,
    Wide,
}

/// What the first column of a wide table lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum RowsAre {
    Regions,
    Indicators,
    Periods,
}

impl RowsAre {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Regions => lang.tr("地区", "regions"),
            Self::Indicators => lang.tr("指标", "indicators"),
            Self::Periods => lang.tr("时期", "periods"),
        }
    }
}

/// How to read a table: what the user told, or nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadOptions {
    pub layout: LayoutChoice,
    /// The header row, counted from 1 as a spreadsheet shows it.
    pub header_row: Option<usize>,
    pub rows: Option<RowsAre>,
    /// The year of periods written without one (`前三季度`).
    pub year: Option<i16>,
    /// The period of a table of one period (regions × indicators), as written.
    pub period: Option<String>,
    /// The indicator of a table of one indicator, with its unit in the name or in `unit`.
    pub indicator: Option<String>,
    pub unit: Option<String>,
    /// The region of a table of one region (indicators × periods).
    pub region: Option<String>,
}

/// The layout a table was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Long,
    Wide { rows: RowsAre, columns: RowsAre },
    MonthlyReport,
}

impl Layout {
    pub fn describe(self) -> Message {
        match self {
            Self::Long => msg!("长表（每行一个数值）", "long (one value per row)"),
            Self::Wide { rows, columns } => {
                let (rows_zh, rows_en) = (rows.label(Lang::Zh), rows.label(Lang::En));
                let (columns_zh, columns_en) = (columns.label(Lang::Zh), columns.label(Lang::En));
                msg!(
                    "宽表（行为{rows_zh}，列为{columns_zh}）",
                    "wide ({rows_en} as rows, {columns_en} as columns)"
                )
            }
            Self::MonthlyReport => {
                msg!(
                    "月报（行为指标，列为本月、累计、同比）",
                    "monthly report (indicators as rows; this month, year to date, growth)"
                )
            }
        }
    }
}

/// An indicator as the table names it.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadIndicator {
    pub name: String,
    pub unit: String,
    /// For a growth rate: the indicator it is the growth of, and whether at comparable prices.
    pub growth_of: Option<(u32, bool)>,
    /// Where the unit was read, for a problem with it.
    pub unit_place: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReadRegion {
    pub name: String,
    /// 全市, 合计: the parent of the other regions.
    pub total: bool,
}

/// One value and the cell it came from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReadValue {
    pub indicator: u32,
    pub region: u32,
    pub period: Period,
    pub value: f64,
    /// The cell, 0-based in the table.
    pub row: u32,
    pub column: u32,
    pub status: Status,
    pub qualifier: Qualifier,
    /// Index into [`Reading::sources`], for a table with a source column.
    pub source: Option<u32>,
    pub disputed: bool,
    /// Index into [`Reading::notes`].
    pub note: Option<u32>,
}

/// Rows and cells passed over, by reason.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Skipped {
    pub blank_rows: usize,
    pub note_rows: usize,
    pub repeated_headers: usize,
    pub missing_values: usize,
}

/// Everything read from a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub layout: Layout,
    /// The header row (0-based), and the second header row when there is one.
    pub header_rows: (usize, Option<usize>),
    pub title: Option<String>,
    pub indicators: Vec<ReadIndicator>,
    pub regions: Vec<ReadRegion>,
    pub sources: Vec<String>,
    pub notes: Vec<String>,
    pub values: Vec<ReadValue>,
    pub rows: usize,
    pub skipped: Skipped,
}

/// Problems beyond this many are summed up, not listed.
const MAX_PROBLEMS: usize = 100;
/// Rows looked at to find the header.
pub const HEAD_ROWS: usize = 60;

/// The text of a cell, trimmed and half-width.
fn text_of(cell: CellView<'_>) -> String {
    text_cow(cell).into_owned()
}

/// A cell's trimmed text, borrowed where the table holds text.
fn text_cow(cell: CellView<'_>) -> Cow<'_, str> {
    match cell {
        CellView::Empty => Cow::Borrowed(""),
        CellView::Text(text) => Cow::Borrowed(text.trim()),
        CellView::Number(number) => Cow::Owned(number.to_string()),
    }
}

/// `text` in ASCII lower case, copied only when it has capitals.
fn lower(text: Cow<'_, str>) -> Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) || !text.is_ascii() {
        Cow::Owned(text.to_lowercase())
    } else {
        text
    }
}

fn cell_text(row: &[Cell], column: usize) -> String {
    row.get(column).map(Cell::text).unwrap_or_default()
}

fn non_blank(row: &[Cell]) -> usize {
    row.iter().filter(|cell| !cell.is_blank()).count()
}

/// Interns names in order of first appearance.
#[derive(Default)]
struct Names {
    index: FastMap<String, u32>,
    names: Vec<String>,
}

impl Names {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&at) = self.index.get(name) {
            return at;
        }
        let at = crate::data::model::index_u32(self.names.len());
        self.index.insert(name.to_owned(), at);
        self.names.push(name.to_owned());
        at
    }
}

/// (indicator and region, period, source + 1 or 0) of one value, as plain
/// integers: a million of them are hashed on a large table.
type ValueKey = (u64, u64, u32);

fn value_key(value: &ReadValue) -> ValueKey {
    (
        (u64::from(value.indicator) << 32) | u64::from(value.region),
        value.period.sort_key(),
        value.source.map_or(0, |source| source.saturating_add(1)),
    )
}

/// Collects what is read, and the problems.
struct Collector<'t> {
    table: &'t Table,
    indicators: Vec<ReadIndicator>,
    indicator_index: FastMap<String, u32>,
    regions: Names,
    sources: Names,
    notes: Vec<String>,
    values: Vec<ReadValue>,
    /// (indicator, region, period, source) → where it was read, to refuse a value given twice.
    seen: FastMap<ValueKey, (u32, u32)>,
    problems: Vec<ImportProblem>,
    more_problems: usize,
    skipped: Skipped,
    rows: usize,
}

impl<'t> Collector<'t> {
    fn new(table: &'t Table) -> Self {
        Self {
            table,
            indicators: Vec::new(),
            indicator_index: FastMap::default(),
            regions: Names::default(),
            sources: Names::default(),
            notes: Vec::new(),
            values: Vec::new(),
            seen: FastMap::default(),
            problems: Vec::new(),
            more_problems: 0,
            skipped: Skipped::default(),
            rows: 0,
        }
    }

    fn problem(&mut self, place: String, message: Message) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(ImportProblem { place, message });
        } else {
            self.more_problems += 1;
        }
    }

    fn full(&self) -> bool {
        self.problems.len() >= MAX_PROBLEMS
    }

    /// The indicator named `name` with `unit`; a second unit for one name is a problem.
    fn indicator(
        &mut self,
        name: &str,
        unit: &str,
        place: &str,
        growth_of: Option<(u32, bool)>,
    ) -> Option<u32> {
        if let Some(&at) = self.indicator_index.get(name) {
            let known = &self.indicators[at as usize];
            if known.unit != unit {
                let (first, first_place) = (known.unit.clone(), known.unit_place.clone());
                self.problem(
                    place.to_owned(),
                    msg!(
                        "指标 {name:?} 有两个单位：{first:?}（{first_place}）和 {unit:?}；一个指标只能有一个单位",
                        "indicator {name:?} has two units: {first:?} ({first_place}) and {unit:?}; an indicator has one unit"
                    ),
                );
                return None;
            }
            return Some(at);
        }
        let at = crate::data::model::index_u32(self.indicators.len());
        self.indicators.push(ReadIndicator {
            name: name.to_owned(),
            unit: unit.to_owned(),
            growth_of,
            unit_place: place.to_owned(),
        });
        self.indicator_index.insert(name.to_owned(), at);
        Some(at)
    }

    fn push(&mut self, value: ReadValue) {
        let key = value_key(&value);
        if let Some(&(row, column)) = self.seen.get(&key) {
            let here = self.table.place.cell(value.row as usize, value.column as usize);
            let there = self.table.place.cell(row as usize, column as usize);
            let (indicator, region) = (
                self.indicators[value.indicator as usize].name.clone(),
                self.regions.names[value.region as usize].clone(),
            );
            let period = value.period.label(Lang::Zh);
            let period_en = value.period.label(Lang::En);
            self.problem(
                here,
                msg!(
                    "{region} {indicator} {period} 的数值已在 {there} 给出；同一数值只能出现一次（两个来源的不同数值请注明来源列）",
                    "{region} {indicator} {period_en} is already given at {there}; a value appears once (two sources' values need a source column)"
                ),
            );
            return;
        }
        self.seen.insert(key, (value.row, value.column));
        self.values.push(value);
    }

    fn finish(
        mut self,
        layout: Layout,
        header_rows: (usize, Option<usize>),
        title: Option<String>,
    ) -> Result<Reading, Vec<ImportProblem>> {
        if self.more_problems > 0 {
            let more = self.more_problems;
            self.problems.push(ImportProblem {
                place: self.table.place.file.clone(),
                message: msg!("另有 {more} 个问题未列出", "{more} more problems not listed"),
            });
        }
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        if self.values.is_empty() {
            return Err(vec![ImportProblem {
                place: self.table.place.file.clone(),
                message: msg!("表格中没有读到任何数值", "no values were found in the table"),
            }]);
        }
        let total_names: Vec<bool> = self.regions.names.iter().map(|name| is_total(name)).collect();
        Ok(Reading {
            layout,
            header_rows,
            title,
            indicators: self.indicators,
            regions: self
                .regions
                .names
                .into_iter()
                .zip(total_names)
                .map(|(name, total)| ReadRegion { name, total })
                .collect(),
            sources: self.sources.names,
            notes: self.notes,
            values: self.values,
            rows: self.rows,
            skipped: self.skipped,
        })
    }
}

/// What the rows above the header say: a title, a unit line.
struct Preamble {
    title: Option<String>,
    unit: Option<(String, String)>,
    year: Option<i16>,
    period: Option<Period>,
}

fn preamble(table: &Table, head: &[Vec<Cell>], header_row: usize, options: &ReadOptions) -> Preamble {
    let mut title = None;
    let mut unit = None;
    for (at, row) in head.iter().enumerate().take(header_row) {
        for (column, cell) in row.iter().enumerate() {
            let text = cell.text();
            if text.is_empty() {
                continue;
            }
            if let Some(found) = unit_line(&half_width(&text)).or_else(|| unit_line(&text)) {
                unit = Some((found, table.place.cell(at, column)));
            } else if title.is_none() {
                title = Some(text);
            }
        }
    }
    let year = options.year.or_else(|| title.as_deref().and_then(year_in));
    let period = title.as_deref().and_then(|title| period_in(title, year));
    Preamble { title, unit, year, period }
}

/// The period a title names: `2024年1-9月全市主要经济指标` → 2024M01-M09.
fn period_in(title: &str, year: Option<i16>) -> Option<Period> {
    let text = half_width(title);
    let chars: Vec<char> = text.chars().collect();
    let allowed = |c: char| c.is_ascii_digit() || "年月份-—~～至一二三四上下半季度前第全".contains(c);
    for start in 0..chars.len() {
        if !chars[start].is_ascii_digit() {
            continue;
        }
        let mut end = start;
        while end < chars.len() && allowed(chars[end]) {
            end += 1;
        }
        let run: String = chars[start..end].iter().collect();
        // The longest prefix of the run that is a period.
        let mut cut: Vec<char> = run.chars().collect();
        while !cut.is_empty() {
            let candidate: String = cut.iter().collect();
            if let Ok(period) = read_period(&candidate, year) {
                return Some(period);
            }
            cut.pop();
        }
    }
    None
}

/// A region named before the title's year: `市中区2024年1-9月主要经济指标` → 市中区.
fn region_in(title: &str) -> Option<String> {
    let before: String =
        title.chars().take_while(|c| !c.is_ascii_digit() && !('０'..='９').contains(c)).collect();
    let before = before.trim();
    let ends_like_region = ["区", "县", "市", "省", "镇", "旗", "国"].iter().any(|end| before.ends_with(end));
    (ends_like_region && before.chars().count() >= 2).then(|| before.to_owned())
}

/// The header of each column: one row, or two combined.
fn headers(
    head: &[Vec<Cell>],
    header_row: usize,
    year: Option<i16>,
) -> (Vec<(Header, Header)>, Option<usize>) {
    let top: Vec<Header> = head[header_row].iter().map(|cell| read_header(&cell.text(), year)).collect();
    let second = head.get(header_row + 1).filter(|row| {
        let texts: Vec<Header> = row.iter().map(|cell| read_header(&cell.text(), year)).collect();
        // A cell merged down from the top row (区县 over two header rows) repeats it.
        let merged_down = |column: usize| {
            top.get(column).is_some_and(|above| *above != Header::Blank && *above == texts[column])
        };
        non_blank(row) >= 2
            && row.iter().all(|cell| !matches!(cell, Cell::Number(_)))
            && texts.iter().enumerate().all(|(column, header)| {
                merged_down(column)
                    || matches!(
                        header,
                        Header::Blank
                            | Header::Growth { .. }
                            | Header::Role(Role::Value)
                            | Header::Monthly(_)
                    )
                    || matches!(header, Header::Name { unit: Some(_), .. })
            })
            && !texts
                .iter()
                .enumerate()
                .all(|(column, header)| matches!(header, Header::Blank) || merged_down(column))
    });
    let width = head[header_row].len().max(second.map_or(0, Vec::len));
    let mut columns = Vec::with_capacity(width);
    for column in 0..width {
        let upper = top.get(column).cloned().unwrap_or(Header::Blank);
        let lower = second
            .and_then(|row| row.get(column))
            .map_or(Header::Blank, |cell| read_header(&cell.text(), year));
        columns.push((upper, lower));
    }
    (columns, second.map(|_| header_row + 1))
}

/// How many different texts a row's non-blank cells hold.
fn distinct_texts(row: &[Cell]) -> usize {
    let mut texts: Vec<String> = row.iter().map(Cell::text).filter(|text| !text.trim().is_empty()).collect();
    texts.sort_unstable();
    texts.dedup();
    texts.len()
}

/// Reads `table`.
pub fn read(table: &Table, options: &ReadOptions) -> Result<Reading, Vec<ImportProblem>> {
    let head = table.head(HEAD_ROWS);
    let place = table.place.file.clone();
    let whole = |message| vec![ImportProblem { place: place.clone(), message }];
    if head.iter().all(|row| non_blank(row) == 0) {
        return Err(whole(msg!("表格是空的", "the table is empty")));
    }
    let header_row = match options.header_row {
        Some(row) if row >= 1 && row <= head.len() => row - 1,
        Some(row) => {
            return Err(whole(msg!(
                "表头行 {row} 不在表格的前 {HEAD_ROWS} 行中",
                "header row {row} is not among the table's first {HEAD_ROWS} rows"
            )));
        }
        // A title merged across the columns repeats one text in every cell: not a header.
        None => head.iter().position(|row| distinct_texts(row) >= 2).ok_or_else(|| {
            whole(msg!(
                "找不到表头：没有一行有两个以上的单元格",
                "no header found: no row has two or more cells"
            ))
        })?,
    };
    let pre = preamble(table, &head, header_row, options);
    let (columns, second) = headers(&head, header_row, pre.year);
    let has_role = |role: Role| columns.iter().any(|(top, _)| *top == Header::Role(role));
    let long = match options.layout {
        LayoutChoice::Long => true,
        LayoutChoice::Wide => false,
        LayoutChoice::Auto => {
            has_role(Role::Value)
                && (has_role(Role::Period) || has_role(Role::Indicator) || has_role(Role::Region))
        }
    };
    let mut collector = Collector::new(table);
    let first_data = second.unwrap_or(header_row) + 1;
    let header_texts: Vec<String> = head[header_row].iter().map(Cell::text).collect();
    let layout = if long {
        read_long(&mut collector, table, &columns, first_data, &header_texts, &pre, options)?
    } else {
        read_wide(&mut collector, table, &head, &columns, first_data, &header_texts, &pre, options)?
    };
    collector.finish(layout, (header_row, second), pre.title)
}

/// Whether a row is blank, a note, or the header again; counts it if so.
fn skip_row(collector: &mut Collector<'_>, row: &dyn RowView, header_texts: &[String]) -> bool {
    let width = row.width();
    let Some(first) = (0..width).map(|column| text_cow(row.cell(column))).find(|text| !text.is_empty())
    else {
        collector.skipped.blank_rows += 1;
        return true;
    };
    if is_note_row(&first) {
        collector.skipped.note_rows += 1;
        return true;
    }
    // The header again (a long table printed in pages): every cell as in the header.
    if header_texts.first().is_some_and(|header| **header == *first) {
        let cells = || (0..width).map(|column| text_cow(row.cell(column)));
        if width >= header_texts.len().min(2)
            && cells().zip(header_texts).all(|(cell, header)| *cell == **header)
            && cells().filter(|text| !text.is_empty()).count() >= 2
        {
            collector.skipped.repeated_headers += 1;
            return true;
        }
    }
    false
}

/// A number written plainly (`1350.4`, `-3.2`): read without the checks
/// [`read_value`] makes for separators, full-width digits and marks.
fn plain_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let digits = text.strip_prefix('-').unwrap_or(text);
    let plain = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && digits.bytes().filter(|b| *b == b'.').count() <= 1;
    if !plain {
        return None;
    }
    text.parse::<f64>().ok().filter(|number| number.is_finite())
}

/// A value cell: a number, or a counted gap, or a problem.
fn number_at(collector: &mut Collector<'_>, row: &dyn RowView, row_at: usize, column: usize) -> Option<f64> {
    let cell = row.cell(column);
    let owned;
    let value = match cell {
        CellView::Empty => Value::Missing,
        CellView::Number(number) => read_value(&Cell::Number(number)),
        CellView::Text(text) => match plain_number(text) {
            Some(number) => Value::Number(number),
            None => {
                owned = Cell::Text(text.to_owned());
                read_value(&owned)
            }
        },
    };
    match value {
        Value::Number(number) => Some(number),
        Value::Missing => {
            collector.skipped.missing_values += 1;
            None
        }
        Value::NotANumber => {
            let found = text_of(cell);
            collector.problem(
                collector.table.place.cell(row_at, column),
                msg!(
                    "应为数字，实际为 {found:?}（缺失值请写 — 或留空）",
                    "expected a number, found {found:?} (write — or leave the cell blank for a missing value)"
                ),
            );
            None
        }
    }
}

fn read_long(
    collector: &mut Collector<'_>,
    table: &Table,
    columns: &[(Header, Header)],
    first_data: usize,
    header_texts: &[String],
    pre: &Preamble,
    options: &ReadOptions,
) -> Result<Layout, Vec<ImportProblem>> {
    let column_of = |role: Role| columns.iter().position(|(top, _)| *top == Header::Role(role));
    let (indicator_col, region_col, period_col, value_col) = (
        column_of(Role::Indicator),
        column_of(Role::Region),
        column_of(Role::Period),
        column_of(Role::Value),
    );
    let file = table.place.file.clone();
    let missing = |zh: &str, en: &str| {
        vec![ImportProblem {
            place: file.clone(),
            message: Message::new(
                format!("长表缺少“{zh}”列（表头应有 指标、地区、时期、数值）"),
                format!(
                    "the long table has no {en} column (expected headers 指标/indicator, 地区/region, 时期/period, 数值/value)"
                ),
            ),
        }]
    };
    let Some(value_col) = value_col else { return Err(missing("数值", "value")) };
    let Some(period_col) = period_col else { return Err(missing("时期", "period")) };
    if indicator_col.is_none() && options.indicator.is_none() {
        return Err(missing("指标", "indicator"));
    }
    if region_col.is_none() && options.region.is_none() {
        return Err(missing("地区", "region"));
    }
    let (unit_col, source_col, note_col) =
        (column_of(Role::Unit), column_of(Role::Source), column_of(Role::Note));
    let (status_col, qualifier_col, disputed_col) =
        (column_of(Role::Status), column_of(Role::Qualifier), column_of(Role::Disputed));
    let default_unit = options.unit.clone().or_else(|| pre.unit.as_ref().map(|(unit, _)| unit.clone()));
    let mut periods: FastMap<String, Result<Period, ()>> = FastMap::default();
    let mut last_indicator: Option<(String, String, u32)> = None;
    table
        .for_each_row(|at, row| {
            if at < first_data {
                return ControlFlow::Continue(());
            }
            if skip_row(collector, row, header_texts) {
                return ControlFlow::Continue(());
            }
            collector.rows += 1;
            let text = |column: Option<usize>| column.map_or(Cow::Borrowed(""), |column| text_cow(row.cell(column)));
            let Some(value) = number_at(collector, row, at, value_col) else {
                return if collector.full() { ControlFlow::Break(()) } else { ControlFlow::Continue(()) };
            };
            let indicator_text = indicator_col.map_or_else(|| Cow::Borrowed(options.indicator.as_deref().unwrap_or_default()), |c| text(Some(c)));
            let region_text = region_col.map_or_else(|| Cow::Borrowed(options.region.as_deref().unwrap_or_default()), |c| text(Some(c)));
            let period_text = text(Some(period_col));
            let place = |column: Option<usize>| table.place.cell(at, column.unwrap_or(value_col));
            if indicator_text.is_empty() || region_text.is_empty() || period_text.is_empty() {
                collector.problem(
                    place(None),
                    msg!("这一行有数值，但缺少指标、地区或时期", "this row has a value but no indicator, region or period"),
                );
                return ControlFlow::Continue(());
            }
            let period = match periods.get(&*period_text) {
                Some(&period) => period,
                None => {
                    let period = read_period(&period_text, pre.year).map_err(|_| ());
                    periods.insert(period_text.clone().into_owned(), period);
                    period
                }
            };
            let Ok(period) = period else {
                collector.problem(
                    place(Some(period_col)),
                    msg!(
                        "无法识别的时期 {period_text:?}；应如 2023、2023年、2024年1-9月、2024Q3",
                        "unknown period {period_text:?}; expected e.g. 2023, 2023年, 2024年1-9月, 2024Q3"
                    ),
                );
                return ControlFlow::Continue(());
            };
            let unit_text = text(unit_col);
            // Consecutive rows mostly share their indicator: it is looked up once for them.
            let indicator = match &last_indicator {
                Some((known_text, known_unit, at)) if **known_text == *indicator_text && **known_unit == *unit_text => Some(*at),
                _ => None,
            };
            let indicator = if let Some(indicator) = indicator { indicator } else {
            let (name, name_unit) = super::cells::name_and_unit(&indicator_text);
            let unit = Some(unit_text.clone().into_owned())
                .filter(|unit| !unit.is_empty())
                .or(name_unit)
                .or_else(|| default_unit.clone());
            let Some(unit) = unit else {
                collector.problem(
                    place(indicator_col),
                    msg!(
                        "指标 {name:?} 没有单位；请加“单位”列，或写在名称中，如 地区生产总值（亿元）",
                        "indicator {name:?} has no unit; add a 单位/unit column or write it in the name, e.g. 地区生产总值（亿元）"
                    ),
                );
                return ControlFlow::Continue(());
            };
            let unit_place = place(unit_col.or(indicator_col));
            let Some(indicator) = collector.indicator(&name, &unit, &unit_place, None) else {
                return ControlFlow::Continue(());
            };
            last_indicator = Some((indicator_text.clone().into_owned(), unit_text.clone().into_owned(), indicator));
            indicator
            };
            let region = collector.regions.intern(&region_text);
            let source = source_col.map(|column| text(Some(column))).filter(|s| !s.is_empty()).map(|s| collector.sources.intern(&s));
            let note = note_col.map(|column| text(Some(column))).filter(|n| !n.is_empty()).map(|note| {
                collector.notes.push(note.into_owned());
                crate::data::model::index_u32(collector.notes.len() - 1)
            });
            let word = |column: Option<usize>| lower(text(column));
            let status = match &*word(status_col) {
                "" | "reported" | "来源所述" => Status::Reported,
                "estimate" | "来源预计" | "预计" => Status::Estimate,
                "derived" | "推算" => Status::Derived,
                other => {
                    let other = other.to_owned();
                    collector.problem(
                        place(status_col),
                        msg!("未知的状态 {other:?}；应为 reported、estimate 或 derived", "unknown status {other:?}; expected reported, estimate or derived"),
                    );
                    return ControlFlow::Continue(());
                }
            };
            let qualifier = match &*word(qualifier_col) {
                "" | "exact" => Qualifier::Exact,
                "about" | "约" => Qualifier::About,
                "over" | "超过" | "以上" => Qualifier::Over,
                other => {
                    let other = other.to_owned();
                    collector.problem(
                        place(qualifier_col),
                        msg!("未知的限定 {other:?}；应为 exact、about 或 over", "unknown qualifier {other:?}; expected exact, about or over"),
                    );
                    return ControlFlow::Continue(());
                }
            };
            let disputed = match &*word(disputed_col) {
                "" | "no" | "false" | "否" | "0" => false,
                "yes" | "true" | "是" | "1" => true,
                other => {
                    let other = other.to_owned();
                    collector.problem(
                        place(disputed_col),
                        msg!("无法识别 {other:?}；来源不一致一列应为 yes 或 no", "{other:?} is not understood; the disputed column takes yes or no"),
                    );
                    return ControlFlow::Continue(());
                }
            };
            collector.push(ReadValue {
                indicator,
                region,
                period,
                value,
                row: crate::data::model::index_u32(at),
                column: crate::data::model::index_u32(value_col),
                status,
                qualifier,
                source,
                disputed,
                note,
            });
            if collector.full() { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        })
        .map_err(|problem| vec![problem])?;
    Ok(Layout::Long)
}

/// What a value column of a wide table stands for, beside its row's label.
#[derive(Clone, Debug, PartialEq)]
struct ColumnMeaning {
    column: usize,
    period: Option<Period>,
    /// An indicator name and unit, for columns that name one.
    indicator: Option<(String, Option<String>)>,
    /// A region, for columns that name one (periods as rows).
    region: Option<String>,
    /// A growth rate of what the row or column measures; comparable prices?
    growth: Option<bool>,
}

/// Whether a label reads like a place: 全市, or a name ending 区/县/市/省/镇/街道.
fn region_like(label: &str) -> bool {
    is_total(label)
        || ["区", "县", "市", "省", "镇", "乡", "街道", "旗", "州", "盟"]
            .iter()
            .any(|end| label.trim().ends_with(end))
}

#[expect(clippy::too_many_arguments, reason = "the parts of a table read so far")]
fn read_wide(
    collector: &mut Collector<'_>,
    table: &Table,
    head: &[Vec<Cell>],
    columns: &[(Header, Header)],
    first_data: usize,
    header_texts: &[String],
    pre: &Preamble,
    options: &ReadOptions,
) -> Result<Layout, Vec<ImportProblem>> {
    let file = table.place.file.clone();
    let fail = |message: Message| vec![ImportProblem { place: file.clone(), message }];
    // The label column: the first with text in the data rows.
    let data_rows: Vec<&Vec<Cell>> = head.iter().skip(first_data).filter(|row| non_blank(row) > 0).collect();
    let label_col = (0..columns.len())
        .find(|&column| {
            data_rows
                .iter()
                .any(|row| matches!(row.get(column), Some(Cell::Text(text)) if !text.trim().is_empty()))
        })
        .unwrap_or(0);
    let unit_col = columns.iter().position(|(top, _)| *top == Header::Role(Role::Unit));
    let labels: Vec<String> =
        data_rows.iter().map(|row| cell_text(row, label_col)).filter(|t| !t.is_empty()).collect();
    let monthly = columns
        .iter()
        .any(|(top, bottom)| matches!(top, Header::Monthly(_)) || matches!(bottom, Header::Monthly(_)));
    let corner = columns.get(label_col).map(|(top, _)| top.clone()).unwrap_or(Header::Blank);
    let rows = match (options.rows, &corner) {
        (Some(rows), _) => rows,
        (None, Header::Role(Role::Region)) => RowsAre::Regions,
        (None, Header::Role(Role::Indicator)) => RowsAre::Indicators,
        (None, Header::Role(Role::Period)) => RowsAre::Periods,
        _ if monthly || unit_col.is_some() => RowsAre::Indicators,
        _ if !labels.is_empty() && labels.iter().all(|label| read_period(label, pre.year).is_ok()) => {
            RowsAre::Periods
        }
        _ if !labels.is_empty()
            && labels.iter().filter(|label| super::cells::name_and_unit(label).1.is_some()).count() * 2
                > labels.len() =>
        {
            RowsAre::Indicators
        }
        _ if !labels.is_empty()
            && labels.iter().filter(|label| region_like(label)).count() * 2 > labels.len() =>
        {
            RowsAre::Regions
        }
        _ => {
            return Err(fail(msg!(
                "无法判断第一列是地区还是指标；请在“首列为”中选择（命令行 --rows regions 或 --rows indicators），或在左上角单元格写“地区”或“指标”",
                "cannot tell whether the first column lists regions or indicators; choose under “First column lists” (--rows regions or --rows indicators), or write 地区 or 指标 in the top-left cell"
            )));
        }
    };
    // The header's rows: a second one when any column has a lower header.
    let two_rows = columns.iter().any(|(_, bottom)| *bottom != Header::Blank);
    let header_row = first_data - 1 - usize::from(two_rows);
    let second_row = two_rows.then(|| first_data - 1);
    // What each value column stands for.
    let mut meanings = Vec::new();
    let mut group_period: Option<Period> = None;
    for (column, (top, bottom)) in columns.iter().enumerate() {
        if column == label_col || Some(column) == unit_col {
            continue;
        }
        let mut meaning = ColumnMeaning { column, period: None, indicator: None, region: None, growth: None };
        // A number is a value, not a name: the header row is wrong, and nothing is named after it.
        for (header, row) in [(top, Some(header_row)), (bottom, second_row)] {
            if let (Header::Name { name, .. }, Some(row)) = (header, row)
                && matches!(
                    super::cells::read_value(&Cell::Text(name.clone())),
                    super::cells::Value::Number(_)
                )
            {
                let cell = table.place.cell(row, column);
                return Err(vec![ImportProblem {
                    place: cell,
                    message: msg!(
                        "表头中是数字 {name:?}：表头行似乎不对（请选择表头行）",
                        "the header holds a number, {name:?}: the header row looks wrong (choose the header row)"
                    ),
                }]);
            }
        }
        for header in [top, bottom] {
            match header {
                Header::Period(period) => meaning.period = Some(*period),
                Header::Growth { real } => meaning.growth = Some(*real),
                Header::Monthly(kind) => {
                    let month = pre.period.and_then(|period| match period.part {
                        PeriodPart::Month(month) | PeriodPart::YearToDate(month) => Some(month),
                        PeriodPart::Q1 => Some(3),
                        PeriodPart::H1 => Some(6),
                        PeriodPart::Q3 => Some(9),
                        PeriodPart::Year => Some(12),
                        _ => None,
                    });
                    let header_month = header_month(&top_text(head, first_data, column));
                    let year = pre.year.or(pre.period.map(|period| period.year));
                    if let (Some(year), Some(month)) = (year, header_month.or(month)) {
                        let part = match kind {
                            Monthly::Month | Monthly::MonthGrowth => PeriodPart::Month(month),
                            Monthly::YearToDate | Monthly::YearToDateGrowth if month >= 2 => {
                                PeriodPart::YearToDate(month)
                            }
                            Monthly::YearToDate | Monthly::YearToDateGrowth => PeriodPart::Month(1),
                        };
                        meaning.period = Some(Period { year, part });
                    }
                    if matches!(kind, Monthly::MonthGrowth | Monthly::YearToDateGrowth) {
                        meaning.growth = Some(false);
                    }
                    if meaning.period.is_none() {
                        return Err(fail(msg!(
                            "月报的列需要年份和月份：标题中没有（如“2024年1-9月”），请给出时期（如 2024年9月；命令行 --period）",
                            "a monthly report's columns need the year and month: the title does not give them (e.g. 2024年1-9月); give the period (e.g. 2024年9月; --period)"
                        )));
                    }
                }
                Header::Name { name, unit } => match rows {
                    RowsAre::Periods if unit.is_none() => meaning.region = Some(name.clone()),
                    _ => meaning.indicator = Some((name.clone(), unit.clone())),
                },
                Header::Blank | Header::Role(_) => {}
            }
        }
        // A merged year over 数值 and 增速 leaves the second column's year to the first.
        if meaning.period.is_some() {
            group_period = meaning.period;
        } else if meaning.growth.is_some() && matches!(top, Header::Blank) {
            meaning.period = group_period;
        }
        let says_something = meaning.period.is_some()
            || meaning.indicator.is_some()
            || meaning.region.is_some()
            || meaning.growth.is_some();
        if says_something {
            meanings.push(meaning);
        }
    }
    if meanings.is_empty() {
        return Err(fail(msg!(
            "表头中没有可识别的时期、指标或地区列",
            "the header names no period, indicator or region columns"
        )));
    }
    let column_kind = if meanings.iter().any(|m| m.region.is_some()) {
        RowsAre::Regions
    } else if meanings.iter().any(|m| m.indicator.is_some()) && rows != RowsAre::Indicators {
        RowsAre::Indicators
    } else {
        RowsAre::Periods
    };
    // The one indicator, region or period the table is about, where needed.
    let title_rest = pre.title.as_deref().map(strip_title);
    let one_indicator = || -> Option<(String, Option<String>)> {
        if let Some(name) = &options.indicator {
            let (name, unit) = super::cells::name_and_unit(name);
            return Some((name, unit.or_else(|| options.unit.clone())));
        }
        if let Header::Name { name, unit } = &corner {
            return Some((name.clone(), unit.clone()));
        }
        title_rest.clone().filter(|rest| !rest.is_empty()).map(|rest| {
            let (name, unit) = super::cells::name_and_unit(&rest);
            (name, unit)
        })
    };
    let one_region = options.region.clone().or_else(|| pre.title.as_deref().and_then(region_in));
    let one_period = match &options.period {
        Some(text) => Some(read_period(text, pre.year).map_err(|_| {
            fail(msg!(
                "无法识别时期 {text:?}（如 2024年1-9月）",
                "cannot read the period {text:?} (e.g. 2024年1-9月)"
            ))
        })?),
        None => pre.period,
    };
    let default_unit = options.unit.clone().or_else(|| pre.unit.as_ref().map(|(unit, _)| unit.clone()));
    let single = one_indicator();
    let layout = if monthly { Layout::MonthlyReport } else { Layout::Wide { rows, columns: column_kind } };

    table
        .for_each_row(|at, row| {
            if at < first_data || skip_row(collector, row, header_texts) {
                return ControlFlow::Continue(());
            }
            collector.rows += 1;
            let label = text_of(row.cell(label_col));
            if label.is_empty() {
                let has_values = meanings.iter().any(|m| !matches!(row.cell(m.column), CellView::Empty));
                if has_values {
                    collector.problem(
                        table.place.cell(at, label_col),
                        msg!("这一行有数值，但第一列没有名称", "this row has values but no name in its first column"),
                    );
                }
                return ControlFlow::Continue(());
            }
            let row_unit = unit_col.map(|column| text_of(row.cell(column))).filter(|unit| !unit.is_empty());
            for meaning in &meanings {
                let Some(value) = number_at(collector, row, at, meaning.column) else { continue };
                let place = table.place.cell(at, meaning.column);
                // Indicator, region and period of this cell.
                let (mut indicator, mut region, mut period) = (meaning.indicator.clone(), meaning.region.clone(), meaning.period);
                match rows {
                    RowsAre::Regions => region = Some(label.clone()),
                    RowsAre::Indicators => {
                        let (name, unit) = super::cells::name_and_unit(&label);
                        indicator = Some((name, unit.or_else(|| row_unit.clone())));
                    }
                    RowsAre::Periods => match read_period(&label, pre.year) {
                        Ok(found) => period = Some(found),
                        Err(_) => {
                            collector.problem(
                                table.place.cell(at, label_col),
                                msg!("无法识别的时期 {label:?}", "unknown period {label:?}"),
                            );
                            return ControlFlow::Continue(());
                        }
                    },
                }
                let indicator = indicator.or_else(|| single.clone());
                let region = region.or_else(|| one_region.clone());
                let period = period.or(one_period);
                let (Some((name, unit)), Some(region), Some(period)) = (indicator, region, period) else {
                    let problem = match (meaning.indicator.is_none() && single.is_none() && rows != RowsAre::Indicators, one_region.is_none() && rows != RowsAre::Regions) {
                        (true, _) => msg!(
                            "这张表只有一个指标，但没有写明是哪个：请在左上角单元格或标题中写出（如“地区生产总值（亿元）”），或给出指标（命令行 --indicator）",
                            "the table is of one indicator but does not say which: write it in the top-left cell or the title (e.g. 地区生产总值（亿元）), or give the indicator (--indicator)"
                        ),
                        (_, true) => msg!(
                            "这张表是一个地区的数据，但没有写明是哪个地区：请给出地区（命令行 --region）",
                            "the table is of one region but does not say which: give the region (--region)"
                        ),
                        _ => msg!(
                            "这一列没有时期：表头和标题都没有写明，请给出时期（命令行 --period）",
                            "this column has no period: neither the header nor the title gives one; give the period (--period)"
                        ),
                    };
                    collector.problem(place, problem);
                    return ControlFlow::Break(());
                };
                let unit = unit.or_else(|| default_unit.clone());
                let (indicator_name, indicator_unit, growth_of) = match meaning.growth {
                    None => {
                        let Some(unit) = unit else {
                            collector.problem(
                                place,
                                msg!(
                                    "指标 {name:?} 没有单位：请写在名称中（如 地区生产总值（亿元）），或在表格上方写“单位：亿元”，或给出单位（命令行 --unit）",
                                    "indicator {name:?} has no unit: write it in the name (地区生产总值（亿元）), above the table (单位：亿元), or give the unit (--unit)"
                                ),
                            );
                            return ControlFlow::Break(());
                        };
                        (name, unit, None)
                    }
                    Some(real) => {
                        // The level it is the growth of, when the table states it too.
                        // Without a unit in this column, a level of that name read from another column.
                        let of = match unit.as_ref() {
                            Some(unit) => collector.indicator(&name, unit, &place, None),
                            None => collector.indicator_index.get(name.as_str()).copied(),
                        };
                        (format!("{name}增速"), "%".to_owned(), of.map(|of| (of, real)))
                    }
                };
                let Some(indicator) = collector.indicator(&indicator_name, &indicator_unit, &place, growth_of) else {
                    continue;
                };
                let region = collector.regions.intern(&region);
                collector.push(ReadValue {
                    indicator,
                    region,
                    period,
                    value,
                    row: crate::data::model::index_u32(at),
                    column: crate::data::model::index_u32(meaning.column),
                    status: Status::Reported,
                    qualifier: Qualifier::Exact,
                    source: None,
                    disputed: false,
                    note: None,
                });
            }
            if collector.full() { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        })
        .map_err(|problem| vec![problem])?;
    Ok(layout)
}

/// The header text of a column (for `1-9月累计`).
fn top_text(head: &[Vec<Cell>], first_data: usize, column: usize) -> String {
    head.iter().take(first_data).map(|row| cell_text(row, column)).collect::<Vec<_>>().join(" ")
}

/// The month a monthly report's header names: `1-9月累计` → 9, `9月` → 9.
fn header_month(text: &str) -> Option<u8> {
    let text = half_width(text);
    let before = text.split('月').next()?;
    let digits: String =
        before.chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
    let month: u8 = digits.parse().ok()?;
    (1..=12).contains(&month).then_some(month)
}

/// A title without its table number, its periods and the words around
/// them: `2019-2023年各区县地区生产总值（亿元）` → `地区生产总值（亿元）`,
/// `表3-2 各区县地区生产总值（2021—2023年）` → `地区生产总值`.
fn strip_title(title: &str) -> String {
    let text = half_width(title);
    let mut rest = text.trim();
    // A table number: 表3-2, 附表 1.
    for mark in ["附表", "表"] {
        if let Some(after) = rest.strip_prefix(mark) {
            let after = after.trim_start();
            let number_end = after
                .char_indices()
                .find(|(_, c)| !(c.is_ascii_digit() || "-—.·".contains(*c)))
                .map_or(after.len(), |(at, _)| at);
            if number_end > 0 && after[..number_end].chars().any(|c| c.is_ascii_digit()) {
                rest = after[number_end..].trim_start_matches([' ', '、', ':', '：']);
            }
            break;
        }
    }
    // Brackets that hold a period, and runs of digits with 年/月/季度 words.
    let mut kept = String::with_capacity(rest.len());
    let chars: Vec<char> = rest.chars().collect();
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        if (c == '(' || c == '（')
            && let Some(close) = chars[at..].iter().position(|c| *c == ')' || *c == '）')
            && chars[at + 1..at + close].iter().any(char::is_ascii_digit)
        {
            at += close + 1;
            continue;
        }
        if c.is_ascii_digit() {
            while at < chars.len() && (chars[at].is_ascii_digit() || "年月份-—~～至度末".contains(chars[at]))
            {
                at += 1;
            }
            continue;
        }
        kept.push(c);
        at += 1;
    }
    let rest = kept.trim().trim_start_matches(['度', '份', '末', ' ']);
    let rest = ["各区县", "各县区", "各区", "各县", "各地区", "各市", "全市", "全省", "分地区", "主要"]
        .iter()
        .fold(rest.to_owned(), |acc, word| acc.strip_prefix(word).map(str::to_owned).unwrap_or(acc));
    rest.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_give_periods_regions_and_indicators() {
        assert_eq!(period_in("2024年1-9月全市主要经济指标", None), Period::parse("2024M01-M09"));
        assert_eq!(period_in("2023年各区县主要经济指标", None), Some(Period::year(2023)));
        assert_eq!(region_in("市中区2024年1-9月主要经济指标").as_deref(), Some("市中区"));
        assert_eq!(strip_title("2023年各区县地区生产总值（亿元）"), "地区生产总值(亿元)");
        assert_eq!(strip_title("表3-2 各区县地区生产总值（2021—2023年）"), "地区生产总值");
        assert_eq!(strip_title("附表1  2019-2023年全市地区生产总值"), "地区生产总值");
        assert_eq!(header_month("1-9月累计"), Some(9));
    }
}
