//! A table to import, read with well-kept crates: CSV (`csv`; UTF-8 with or
//! without a byte-order mark, or the GB18030/GBK that Excel writes on
//! Chinese Windows, via `encoding_rs`; comma, tab or semicolon) and
//! spreadsheets (`calamine`: .xlsx, .xlsm, .xls, .ods, .xlsb; merged header
//! cells of .xlsx filled from their first cell).
//!
//! A CSV is streamed row by row, never copied into cells whole; a sheet is
//! held as calamine reads it. Every cell has a place a person can find:
//! `table.csv:14:3` (line and column) or `Sheet1!C14`.

use std::path::Path;

use calamine::{Data, Reader};

use super::cells::Cell;
use super::problem::ImportProblem;
use crate::i18n::{Lang, Message, io_reason};
use crate::msg;

/// A borrowed view of one cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CellView<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
}

impl CellView<'_> {
    pub fn to_cell(self) -> Cell {
        match self {
            Self::Empty => Cell::Empty,
            Self::Text(text) if text.trim().is_empty() => Cell::Empty,
            Self::Text(text) => Cell::Text(text.to_owned()),
            Self::Number(number) => Cell::Number(number),
        }
    }
}

impl Cell {
    pub fn view(&self) -> CellView<'_> {
        match self {
            Self::Empty => CellView::Empty,
            Self::Text(text) => CellView::Text(text),
            Self::Number(number) => CellView::Number(*number),
        }
    }
}

/// One row, whatever the table is read from.
pub trait RowView {
    fn width(&self) -> usize;
    fn cell(&self, column: usize) -> CellView<'_>;
}

/// A CSV row as bytes: the table's text is already UTF-8 and fields split at
/// ASCII delimiters, so each field is UTF-8 too; only the fields read are
/// checked (a whole-record check was a sixth of an import's reading).
impl RowView for csv::ByteRecord {
    fn width(&self) -> usize {
        self.len()
    }

    fn cell(&self, column: usize) -> CellView<'_> {
        match self.get(column).map(std::str::from_utf8) {
            None | Some(Err(_)) => CellView::Empty,
            Some(Ok(text)) if text.trim().is_empty() => CellView::Empty,
            Some(Ok(text)) => CellView::Text(text),
        }
    }
}

impl RowView for Vec<Cell> {
    fn width(&self) -> usize {
        self.len()
    }

    fn cell(&self, column: usize) -> CellView<'_> {
        self.get(column).map_or(CellView::Empty, Cell::view)
    }
}

/// Where a table comes from, for every message and note that names a cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TablePlace {
    /// The file's name (not its whole path).
    pub file: String,
    /// The sheet of a workbook; `None` for a CSV.
    pub sheet: Option<String>,
    /// The sheet's first row and column (0-based), as calamine reports them.
    origin: (u32, u32),
}

impl TablePlace {
    /// How a spreadsheet or a text editor names a row: `14`.
    pub fn row_name(&self, row: usize) -> String {
        let offset = if self.sheet.is_some() { self.origin.0 as usize } else { 0 };
        (row + offset + 1).to_string()
    }

    /// How it names a column: `C` in a sheet, `3` in a CSV.
    pub fn column_name(&self, column: usize) -> String {
        match &self.sheet {
            Some(_) => column_letters(column + self.origin.1 as usize),
            None => (column + 1).to_string(),
        }
    }
}

impl TablePlace {
    /// `Sheet1!C14` or `table.csv:14:3`, for `row` and `column` counted from 0 in the table.
    pub fn cell(&self, row: usize, column: usize) -> String {
        match &self.sheet {
            Some(sheet) => {
                let row = row + self.origin.0 as usize + 1;
                let column = column + self.origin.1 as usize;
                format!("{sheet}!{}{row}", column_letters(column))
            }
            None => format!("{}:{}:{}", self.file, row + 1, column + 1),
        }
    }

    /// `Sheet1` row 14 or `table.csv` line 14, for a whole row.
    pub fn row(&self, row: usize) -> String {
        match &self.sheet {
            Some(sheet) => format!("{sheet}!{}", row + self.origin.0 as usize + 1),
            None => format!("{}:{}", self.file, row + 1),
        }
    }
}

/// `A`, `B`, … `Z`, `AA`, … for a 0-based column.
pub fn column_letters(column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

enum Rows {
    /// UTF-8 text and its field separator.
    Csv {
        text: String,
        delimiter: u8,
    },
    Grid(Vec<Vec<Cell>>),
}

/// A table: its place and its rows.
pub struct Table {
    pub place: TablePlace,
    /// How the file's text was decoded, when it was not UTF-8 (`GB18030`).
    pub encoding: Option<&'static str>,
    /// The workbook's sheets, for choosing another.
    pub sheets: Vec<String>,
    rows: Rows,
}

/// Extensions read as spreadsheets.
pub const SHEET_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "xlsb", "ods"];
/// Extensions read as delimited text.
pub const TEXT_EXTENSIONS: [&str; 3] = ["csv", "tsv", "txt"];

fn unreadable(error: &std::io::Error) -> Message {
    Message::new(
        format!("无法读取：{}", io_reason(error, Lang::Zh)),
        format!("cannot be read: {}", io_reason(error, Lang::En)),
    )
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}

impl Table {
    /// Reads the table at `path`: a CSV, or `sheet` of a workbook (its first
    /// sheet when `None`). Files over `max_bytes` are refused before reading.
    pub fn open(path: &Path, sheet: Option<&str>, max_bytes: u64) -> Result<Self, ImportProblem> {
        let file = file_name(path);
        let whole = |message| ImportProblem { place: file.clone(), message };
        let given = crate::platform::given_file(path);
        let size = match &given {
            Some(bytes) => u64::try_from(bytes.len()).unwrap_or(u64::MAX),
            None => std::fs::metadata(path).map_err(|error| whole(unreadable(&error)))?.len(),
        };
        if size > max_bytes {
            let (size_mib, cap_mib) = (size / (1024 * 1024), max_bytes / (1024 * 1024));
            return Err(whole(msg!(
                "文件有 {size_mib} MiB，超过 {cap_mib} MiB 的上限（命令行可用 --max-table-mib 调整）",
                "the file is {size_mib} MiB, over the limit of {cap_mib} MiB (see --max-table-mib)"
            )));
        }
        let extension = path.extension().map(|ext| ext.to_string_lossy().to_lowercase()).unwrap_or_default();
        if SHEET_EXTENSIONS.contains(&extension.as_str()) {
            Self::open_checked_sheet(path, file, sheet)
        } else if TEXT_EXTENSIONS.contains(&extension.as_str()) {
            let bytes = match given {
                Some(bytes) => bytes.to_vec(),
                None => std::fs::read(path).map_err(|error| whole(unreadable(&error)))?,
            };
            Ok(Self::from_csv_bytes(file, bytes, extension == "tsv"))
        } else {
            Err(whole(msg!(
                "不是可导入的表格；应为 .csv、.tsv、.xlsx、.xls 或 .ods 文件",
                "not a table EconLens can import; expected a .csv, .tsv, .xlsx, .xls or .ods file"
            )))
        }
    }

    /// A CSV from its bytes: UTF-8 (a byte-order mark dropped), kept
    /// without a copy, or else decoded from GB18030.
    pub fn from_csv_bytes(file: String, mut bytes: Vec<u8>, tabs: bool) -> Self {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        let (text, encoding) = match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(error) => {
                let (text, _, _) = encoding_rs::GB18030.decode(error.as_bytes());
                (text.into_owned(), Some("GB18030"))
            }
        };
        let delimiter = if tabs { b'\t' } else { sniff_delimiter(&text) };
        Self {
            place: TablePlace { file, sheet: None, origin: (0, 0) },
            encoding,
            sheets: Vec::new(),
            rows: Rows::Csv { text, delimiter },
        }
    }

    /// A workbook, read by calamine only once it is known to be safe to: a
    /// compound file (.xls) is checked first ([`super::compound`]), and a
    /// panic inside calamine on a damaged file is a problem, not a crash.
    fn open_checked_sheet(path: &Path, file: String, sheet: Option<&str>) -> Result<Self, ImportProblem> {
        let place = file.clone();
        let whole = |message| ImportProblem { place: place.clone(), message };
        let mut start = [0u8; 8];
        let given = crate::platform::given_file(path);
        let is_compound = match &given {
            Some(bytes) => bytes.starts_with(&super::compound::MAGIC),
            None => {
                std::fs::File::open(path)
                    .and_then(|mut opened| std::io::Read::read_exact(&mut opened, &mut start))
                    .is_ok()
                    && start == super::compound::MAGIC
            }
        };
        if is_compound {
            let bytes = match &given {
                Some(bytes) => bytes.to_vec(),
                None => std::fs::read(path).map_err(|error| whole(unreadable(&error)))?,
            };
            if let Some(reason) = super::compound::problem(&bytes) {
                return Err(whole(msg!(
                    "这个 Excel 97–2003 工作簿已损坏，无法安全读取：{reason}",
                    "this Excel 97–2003 workbook is damaged and cannot be read safely: {reason}"
                )));
            }
        }
        let (path, sheet) = (path.to_owned(), sheet.map(str::to_owned));
        std::panic::catch_unwind(move || Self::open_sheet(&path, file, sheet.as_deref())).unwrap_or_else(
            |_| {
                Err(whole(msg!(
                    "无法作为电子表格读取：读取器在这个文件上出错（文件可能已损坏）",
                    "cannot be read as a spreadsheet: the reader failed on this file (it may be damaged)"
                )))
            },
        )
    }

    /// Opens the workbook at `path` (or given to the page under that name, in a browser).
    fn open_sheet(path: &Path, file: String, sheet: Option<&str>) -> Result<Self, ImportProblem> {
        let unreadable = |error: calamine::Error| ImportProblem {
            place: file.clone(),
            message: msg!("无法作为电子表格读取：{error}", "cannot be read as a spreadsheet: {error}"),
        };
        match crate::platform::given_file(path) {
            Some(bytes) => {
                let cursor = std::io::Cursor::new(bytes);
                let workbook = calamine::open_workbook_auto_from_rs(cursor).map_err(unreadable)?;
                Self::read_sheet(workbook, file, sheet)
            }
            None => {
                let workbook = calamine::open_workbook_auto(path).map_err(unreadable)?;
                Self::read_sheet(workbook, file, sheet)
            }
        }
    }

    fn read_sheet<RS: std::io::Read + std::io::Seek>(
        mut workbook: calamine::Sheets<RS>,
        file: String,
        sheet: Option<&str>,
    ) -> Result<Self, ImportProblem> {
        let whole = |message| ImportProblem { place: file.clone(), message };
        let sheets = workbook.sheet_names();
        let name = match sheet {
            Some(wanted) => sheets.iter().find(|name| name.as_str() == wanted).cloned().ok_or_else(|| {
                let known = sheets.join("、");
                whole(msg!(
                    "没有名为 {wanted:?} 的工作表；工作表有：{known}",
                    "no sheet named {wanted:?}; the sheets are: {known}"
                ))
            })?,
            None => sheets
                .first()
                .cloned()
                .ok_or_else(|| whole(msg!("工作簿中没有工作表", "the workbook has no sheets")))?,
        };
        let range = workbook.worksheet_range(&name).map_err(|error| {
            whole(msg!("无法读取工作表 {name:?}：{error}", "cannot read sheet {name:?}: {error}"))
        })?;
        let origin = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Cell>> = range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|data| match data {
                        Data::Empty => Cell::Empty,
                        Data::Int(value) => {
                            #[expect(clippy::cast_precision_loss, reason = "a spreadsheet's integer")]
                            let value = *value as f64;
                            Cell::Number(value)
                        }
                        Data::Float(value) => Cell::Number(*value),
                        Data::String(text) => Cell::Text(text.clone()),
                        other => Cell::Text(other.to_string()),
                    })
                    .collect()
            })
            .collect();
        if let calamine::Sheets::Xlsx(xlsx) = &mut workbook
            && xlsx.load_merged_regions().is_ok()
        {
            for (_, _, dimensions) in xlsx.merged_regions_by_sheet(&name) {
                fill_merged(&mut rows, origin, dimensions.start, dimensions.end);
            }
        }
        Ok(Self {
            place: TablePlace { file, sheet: Some(name), origin },
            encoding: None,
            sheets,
            rows: Rows::Grid(rows),
        })
    }

    /// The first `count` rows, owned: for finding the header and for a preview.
    pub fn head(&self, count: usize) -> Vec<Vec<Cell>> {
        let mut head = Vec::new();
        let _ = self.for_each_row(|_, row| {
            head.push((0..row.width()).map(|column| row.cell(column).to_cell()).collect());
            if head.len() >= count {
                std::ops::ControlFlow::Break(())
            } else {
                std::ops::ControlFlow::Continue(())
            }
        });
        head
    }

    /// Every row in order with its 0-based index, until `each` breaks.
    pub fn for_each_row(
        &self,
        mut each: impl FnMut(usize, &dyn RowView) -> std::ops::ControlFlow<()>,
    ) -> Result<(), ImportProblem> {
        match &self.rows {
            Rows::Grid(rows) => {
                for (at, row) in rows.iter().enumerate() {
                    if each(at, row).is_break() {
                        break;
                    }
                }
                Ok(())
            }
            Rows::Csv { text, delimiter } => {
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .delimiter(*delimiter)
                    .from_reader(text.as_bytes());
                let mut record = csv::ByteRecord::new();
                let mut at = 0;
                loop {
                    match reader.read_byte_record(&mut record) {
                        Ok(false) => return Ok(()),
                        Ok(true) => {
                            // A quoted field may span lines: count records, name lines.
                            if each(at, &record).is_break() {
                                return Ok(());
                            }
                            at += 1;
                        }
                        Err(error) => {
                            let line = error.position().map_or(at + 1, |position| position.line() as usize);
                            return Err(ImportProblem {
                                place: format!("{}:{line}", self.place.file),
                                message: msg!("CSV 格式有误：{error}", "malformed CSV: {error}"),
                            });
                        }
                    }
                }
            }
        }
    }
}

/// A merged range shows its first cell's value in every cell it covers.
fn fill_merged(rows: &mut [Vec<Cell>], origin: (u32, u32), start: (u32, u32), end: (u32, u32)) {
    let at = |(row, column): (u32, u32)| {
        (row.checked_sub(origin.0).map(|r| r as usize), column.checked_sub(origin.1).map(|c| c as usize))
    };
    let (Some(first_row), Some(first_column)) = at(start) else { return };
    let (Some(last_row), Some(last_column)) = at(end) else { return };
    let Some(value) = rows.get(first_row).and_then(|row| row.get(first_column)).cloned() else { return };
    for row in rows.iter_mut().take(last_row + 1).skip(first_row) {
        for column in first_column..=last_column {
            if let Some(cell) = row.get_mut(column)
                && cell.is_blank()
            {
                *cell = value.clone();
            }
        }
    }
}

/// The separator the first lines use most: comma, tab or semicolon.
fn sniff_delimiter(text: &str) -> u8 {
    let sample: String = text.lines().take(5).collect::<Vec<_>>().join("\n");
    let count = |c: char| sample.matches(c).count();
    let (commas, tabs, semicolons) = (count(','), count('\t'), count(';'));
    if tabs > commas && tabs >= semicolons {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_name_cells_as_people_find_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        let sheet = TablePlace { file: "t.xlsx".into(), sheet: Some("Sheet1".into()), origin: (0, 0) };
        assert_eq!(sheet.cell(13, 2), "Sheet1!C14");
        let csv = TablePlace { file: "t.csv".into(), sheet: None, origin: (0, 0) };
        assert_eq!(csv.cell(13, 2), "t.csv:14:3");
    }

    #[test]
    fn gbk_csv_is_read_as_chinese() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("地区,2023年\n市中区,1350.4\n");
        let table = Table::from_csv_bytes("t.csv".into(), bytes.into_owned(), false);
        assert_eq!(table.encoding, Some("GB18030"));
        let head = table.head(5);
        assert_eq!(head[1][0], Cell::Text("市中区".into()));
    }

    #[test]
    fn tabs_and_semicolons_are_separators_too() {
        let table = Table::from_csv_bytes("t.txt".into(), b"a\tb\n1\t2\n".to_vec(), false);
        assert_eq!(table.head(1)[0].len(), 2);
        let table = Table::from_csv_bytes("t.csv".into(), "\u{FEFF}a;b\n1;2\n".as_bytes().to_vec(), false);
        assert_eq!(table.head(1)[0], vec![Cell::Text("a".into()), Cell::Text("b".into())]);
    }
}
