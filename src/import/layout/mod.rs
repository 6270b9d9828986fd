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
//!
//! The parts: [`title`] reads what the rows above the header say (title,
//! unit line), [`long`] and [`wide`] read the values of each layout (the
//! monthly report is a wide table), and [`collector`] gathers them with the
//! problems. This file finds the header and holds what every reader shares.

mod collector;
pub mod formats;
mod long;
mod title;
mod wide;

use std::borrow::Cow;

use super::cells::{Cell, Value, read_text_value, read_value};
use super::header::{Header, Role, is_note_row, read_header};
use super::problem::ImportProblem;
use super::table::{CellView, RowView, Table};
use crate::data::model::Period;
use crate::data::raw::{Qualifier, Status};
use crate::i18n::{Lang, Message};
use crate::msg;
use collector::Collector;
pub use formats::{FileFacts, Format};
use long::read_long;
use title::{Preamble, preamble};
use wide::read_wide;

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
    Wide {
        rows: RowsAre,
        columns: RowsAre,
    },
    MonthlyReport,
    /// A publisher's own download format, read by its rules.
    Format(Format),
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
            Self::Format(format) => {
                Message::new(format.name(Lang::Zh).to_owned(), format.name(Lang::En).to_owned())
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
    /// The publisher's code for it (`NY.GDP.MKTP.CD`), kept as its id.
    pub code: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReadRegion {
    pub name: String,
    /// 全市, 合计: the parent of the other regions.
    pub total: bool,
    /// The publisher's code for it (`CHN`, `AT13`), kept as its id.
    pub code: Option<String>,
    /// World, Euro area, an income group: listed beside the regions, never ranked among them.
    pub aggregate: bool,
    /// The region it belongs to, when its code says so (NUTS codes nest).
    pub parent: Option<u32>,
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
    /// The publisher flags a break in the series at this value.
    pub series_break: bool,
    /// Index into [`Reading::notes`].
    pub note: Option<u32>,
}

impl ReadValue {
    /// A value as the table states it (reported, exact, the table's source,
    /// no note) at the 0-based `cell` (row, column).
    pub fn stated(indicator: u32, region: u32, period: Period, value: f64, cell: (usize, usize)) -> Self {
        Self {
            indicator,
            region,
            period,
            value,
            row: crate::data::model::index_u32(cell.0),
            column: crate::data::model::index_u32(cell.1),
            status: Status::Reported,
            qualifier: Qualifier::Exact,
            source: None,
            disputed: false,
            series_break: false,
            note: None,
        }
    }
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
    /// What a publisher's file says about itself, when its format was recognised.
    pub facts: Option<FileFacts>,
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
    if options.layout == LayoutChoice::Auto
        && options.header_row.is_none()
        && let Some(format) = formats::recognise(&head)
    {
        return formats::read(format, table, options);
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
    let header_texts: Vec<String> = head[header_row].iter().map(Cell::text).collect();
    let th = TableHead {
        table,
        head: &head,
        columns: &columns,
        header_row,
        second_row: second,
        header_texts,
        pre,
        options,
    };
    let layout = if long { read_long(&mut collector, &th)? } else { read_wide(&mut collector, &th)? };
    collector.finish(layout, (header_row, second), th.pre.title)
}

/// A table's head as read before its rows: the cells of its first rows, each
/// column's header (one or two rows), the title and unit lines above it, and
/// the user's choices. The long and the wide reader both read rows with it.
struct TableHead<'a> {
    table: &'a Table,
    head: &'a [Vec<Cell>],
    columns: &'a [(Header, Header)],
    header_row: usize,
    second_row: Option<usize>,
    /// The header row's texts, to recognise it repeated further down.
    header_texts: Vec<String>,
    pre: Preamble,
    options: &'a ReadOptions,
}

impl TableHead<'_> {
    /// The first row below the header.
    fn first_data(&self) -> usize {
        self.second_row.unwrap_or(self.header_row) + 1
    }

    /// A problem of the whole table, placed at the file.
    fn fail(&self, message: Message) -> Vec<ImportProblem> {
        vec![ImportProblem { place: self.table.place.file.clone(), message }]
    }
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

/// A value cell: a number, or a counted gap, or a problem.
fn number_at(collector: &mut Collector<'_>, row: &dyn RowView, row_at: usize, column: usize) -> Option<f64> {
    let cell = row.cell(column);
    let value = match cell {
        CellView::Empty => Value::Missing,
        CellView::Number(number) => read_value(&Cell::Number(number)),
        CellView::Text(text) => read_text_value(text),
    };
    counted(collector, (row_at, column), value, || text_of(cell))
}

/// What a value cell read as, taken: the number; a gap, counted; or text
/// that is not a number (`found`), a problem at the cell.
fn counted(
    collector: &mut Collector<'_>,
    (row, column): (usize, usize),
    value: Value,
    found: impl FnOnce() -> String,
) -> Option<f64> {
    match value {
        Value::Number(number) => Some(number),
        Value::Missing => {
            collector.skipped.missing_values += 1;
            None
        }
        Value::NotANumber => {
            let found = found();
            collector.problem(
                collector.table.place.cell(row, column),
                msg!(
                    "应为数字，实际为 {found:?}（缺失值请写 — 或留空）",
                    "expected a number, found {found:?} (write — or leave the cell blank for a missing value)"
                ),
            );
            None
        }
    }
}
