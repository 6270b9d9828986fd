//! The Data tab's table, as the user filtered and sorted it, as CSV (with a
//! UTF-8 byte-order mark, so Excel and WPS read its Chinese) or as an Excel
//! workbook: one row per value with its indicator, region, period, value as
//! the file states it, unit, status, qualifier, whether sources disagree,
//! and the source (title, publisher, kind, date, address), quote and note.
//!
//! A worksheet holds at most 1,048,576 rows; a longer table is refused as a
//! workbook with the reason (filter it, or export CSV, which has no limit).

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::data::dump::{push_csv_row, qualifier_word, status_word};
use crate::data::model::{Dataset, Indicator, Observation};
use crate::export::csv::UTF8_BOM;
use crate::i18n::Lang;

/// The most data rows a worksheet holds (Excel's limit, less the header).
pub const MAX_WORKBOOK_ROWS: usize = 1_048_575;

/// What the Data tab's table is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TableFormat {
    Csv,
    Xlsx,
}

impl TableFormat {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Csv => lang.tr("CSV 表格", "CSV table"),
            Self::Xlsx => lang.tr("Excel 工作簿", "Excel workbook"),
        }
    }
}

/// The columns, in `lang`.
fn headers(lang: Lang) -> [&'static str; 16] {
    [
        lang.tr("指标 id", "Indicator id"),
        lang.tr("指标", "Indicator"),
        lang.tr("地区", "Region"),
        lang.tr("时期", "Period"),
        lang.tr("数值", "Value"),
        lang.tr("单位", "Unit"),
        lang.tr("状态", "Status"),
        lang.tr("限定", "Qualifier"),
        lang.tr("来源不一致", "Disputed"),
        lang.tr("来源", "Source"),
        lang.tr("发布者", "Publisher"),
        lang.tr("类型", "Kind"),
        lang.tr("日期", "Date"),
        lang.tr("网址", "Address"),
        lang.tr("原文", "Quote"),
        lang.tr("说明", "Note"),
    ]
}

/// One row's fields as text (the value as the file states it).
fn fields(dataset: &Dataset, indicator: &Indicator, obs: &Observation, lang: Lang) -> [String; 16] {
    let source = dataset.source(obs.source);
    [
        indicator.id.clone(),
        indicator.name.get(lang).to_owned(),
        dataset.region(obs.region).name.get(lang).to_owned(),
        obs.period.to_string(),
        obs.value.to_string(),
        indicator.unit.label(lang).to_owned(),
        status_word(obs.status).to_owned(),
        qualifier_word(obs.qualifier).to_owned(),
        if obs.conflict { "yes" } else { "no" }.to_owned(),
        source.title.clone(),
        source.publisher.clone(),
        source.kind.label(lang).to_owned(),
        source.date.clone().unwrap_or_default(),
        source.url.clone().unwrap_or_default(),
        dataset.quote_of(obs).unwrap_or("").to_owned(),
        dataset.note_of(obs).unwrap_or("").to_owned(),
    ]
}

/// The rows as CSV text, starting with a byte-order mark.
pub fn data_csv<'a>(
    dataset: &'a Dataset,
    rows: impl Iterator<Item = (&'a Indicator, &'a Observation)>,
    lang: Lang,
) -> String {
    let mut out = String::from(UTF8_BOM);
    push_csv_row(&mut out, &headers(lang));
    for (indicator, obs) in rows {
        let row = fields(dataset, indicator, obs, lang);
        let borrowed: Vec<&str> = row.iter().map(String::as_str).collect();
        push_csv_row(&mut out, &borrowed);
    }
    out
}

/// Why the table cannot be a workbook.
#[derive(Debug)]
pub enum TableError {
    TooManyRows(usize),
    Workbook(XlsxError),
}

impl TableError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::TooManyRows(rows) => {
                let (rows, max) =
                    (crate::format::group_count(*rows), crate::format::group_count(MAX_WORKBOOK_ROWS));
                match lang {
                    Lang::Zh => format!(
                        "表中有 {rows} 行，Excel 工作表最多 {max} 行；请先筛选，或导出为 CSV（没有行数限制）"
                    ),
                    Lang::En => format!(
                        "the table has {rows} rows and an Excel sheet holds at most {max}; filter it first, or export CSV (no limit)"
                    ),
                }
            }
            Self::Workbook(error) => match lang {
                Lang::Zh => format!("无法生成 Excel 工作簿：{error}"),
                Lang::En => format!("cannot make the Excel workbook: {error}"),
            },
        }
    }
}

/// The rows as a workbook: one sheet, numbers as numbers, the header frozen.
pub fn data_workbook<'a>(
    dataset: &'a Dataset,
    rows: impl ExactSizeIterator<Item = (&'a Indicator, &'a Observation)>,
    lang: Lang,
) -> Result<Vec<u8>, TableError> {
    if rows.len() > MAX_WORKBOOK_ROWS {
        return Err(TableError::TooManyRows(rows.len()));
    }
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let written: Result<(), XlsxError> = (|| {
        sheet.set_name(lang.tr("数据", "Data"))?;
        let bold = Format::new().set_bold();
        for (column, header) in (0u16..).zip(headers(lang)) {
            sheet.write_string_with_format(0, column, header, &bold)?;
        }
        for (column, width) in [(1u16, 28.0), (2, 14.0), (9, 36.0), (14, 48.0)] {
            sheet.set_column_width(column, width)?;
        }
        for (row, (indicator, obs)) in (1u32..).zip(rows) {
            for (column, field) in (0u16..).zip(fields(dataset, indicator, obs, lang)) {
                if column == 4 {
                    sheet.write_number(row, column, obs.value)?;
                } else if !field.is_empty() {
                    sheet.write_string(row, column, field)?;
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, 0, 15)?;
        Ok(())
    })();
    written.map_err(TableError::Workbook)?;
    workbook.save_to_buffer().map_err(TableError::Workbook)
}
