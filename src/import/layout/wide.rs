//! The wide layouts: one dimension down the first column (regions,
//! indicators or periods), another across the header, the third from the
//! title, a unit line or the options; a two-row header (a year merged over
//! 数值 and 增速) read as both; and the monthly report (本月, 累计, 同比增长).

use std::ops::ControlFlow;

use super::super::cells::Cell;
use super::super::header::{Header, Monthly, Role, is_total};
use super::super::problem::ImportProblem;
use super::super::table::{CellView, RowView};
use super::collector::Collector;
use super::title::{header_month, region_in, strip_title};
use super::{Layout, ReadValue, RowsAre, TableHead, cell_text, non_blank, number_at, skip_row, text_of};
use crate::data::model::Period;
use crate::data::period::PeriodPart;
use crate::data::period_text::read_period;
use crate::i18n::Message;
use crate::msg;

/// What a value column of a wide table stands for, beside its row's label.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ColumnMeaning {
    pub(super) column: usize,
    pub(super) period: Option<Period>,
    /// An indicator name and unit, for columns that name one.
    pub(super) indicator: Option<(String, Option<String>)>,
    /// A region, for columns that name one (periods as rows).
    pub(super) region: Option<String>,
    /// A growth rate of what the row or column measures; comparable prices?
    pub(super) growth: Option<bool>,
}

/// Whether a label reads like a place: 全市, or a name ending 区/县/市/省/镇/街道.
pub(super) fn region_like(label: &str) -> bool {
    is_total(label)
        || ["区", "县", "市", "省", "镇", "乡", "街道", "旗", "州", "盟"]
            .iter()
            .any(|end| label.trim().ends_with(end))
}

/// The label column, the unit column and what the labels are.
struct Shape {
    label_col: usize,
    unit_col: Option<usize>,
    rows: RowsAre,
    /// The top-left cell's header (地区, 指标, or an indicator's name).
    corner: Header,
    monthly: bool,
}

/// What the rows are, from the user's choice, the corner cell, or the labels themselves.
fn rows_are(
    th: &TableHead<'_>,
    corner: &Header,
    monthly: bool,
    has_unit_col: bool,
    labels: &[String],
) -> Option<RowsAre> {
    let most = |test: &dyn Fn(&String) -> bool| {
        !labels.is_empty() && labels.iter().filter(|label| test(label)).count() * 2 > labels.len()
    };
    Some(match (th.options.rows, corner) {
        (Some(rows), _) => rows,
        (None, Header::Role(Role::Region)) => RowsAre::Regions,
        (None, Header::Role(Role::Indicator)) => RowsAre::Indicators,
        (None, Header::Role(Role::Period)) => RowsAre::Periods,
        _ if monthly || has_unit_col => RowsAre::Indicators,
        _ if !labels.is_empty() && labels.iter().all(|label| read_period(label, th.pre.year).is_ok()) => {
            RowsAre::Periods
        }
        _ if most(&|label| super::super::cells::name_and_unit(label).1.is_some()) => RowsAre::Indicators,
        _ if most(&|label| region_like(label)) => RowsAre::Regions,
        _ => return None,
    })
}

impl Shape {
    fn read(th: &TableHead<'_>) -> Result<Self, Message> {
        // The label column: the first with text in the data rows.
        let data_rows: Vec<&Vec<Cell>> =
            th.head.iter().skip(th.first_data()).filter(|row| non_blank(row) > 0).collect();
        let label_col = (0..th.columns.len())
            .find(|&column| {
                data_rows
                    .iter()
                    .any(|row| matches!(row.get(column), Some(Cell::Text(text)) if !text.trim().is_empty()))
            })
            .unwrap_or(0);
        let unit_col = th.columns.iter().position(|(top, _)| *top == Header::Role(Role::Unit));
        let labels: Vec<String> =
            data_rows.iter().map(|row| cell_text(row, label_col)).filter(|t| !t.is_empty()).collect();
        let monthly = th
            .columns
            .iter()
            .any(|(top, bottom)| matches!(top, Header::Monthly(_)) || matches!(bottom, Header::Monthly(_)));
        let corner = th.columns.get(label_col).map(|(top, _)| top.clone()).unwrap_or(Header::Blank);
        let rows = rows_are(th, &corner, monthly, unit_col.is_some(), &labels).ok_or_else(|| {
            msg!(
                "无法判断第一列是地区还是指标；请在“首列为”中选择（命令行 --rows regions 或 --rows indicators），或在左上角单元格写“地区”或“指标”",
                "cannot tell whether the first column lists regions or indicators; choose under “First column lists” (--rows regions or --rows indicators), or write 地区 or 指标 in the top-left cell"
            )
        })?;
        Ok(Self { label_col, unit_col, rows, corner, monthly })
    }
}

/// A monthly report's column (本月, 1-9月累计, 同比增长): the month from its
/// header or the title, and whether it is a growth rate.
fn monthly_column(th: &TableHead<'_>, column: usize, kind: Monthly) -> Result<(Period, bool), Message> {
    let month = th.pre.period.and_then(|period| match period.part {
        PeriodPart::Month(month) | PeriodPart::YearToDate(month) => Some(month),
        PeriodPart::Q1 => Some(3),
        PeriodPart::H1 => Some(6),
        PeriodPart::Q3 => Some(9),
        PeriodPart::Year => Some(12),
        _ => None,
    });
    let header_month = header_month(&top_text(th.head, th.first_data(), column));
    let year = th.pre.year.or(th.pre.period.map(|period| period.year));
    let (Some(year), Some(month)) = (year, header_month.or(month)) else {
        return Err(msg!(
            "月报的列需要年份和月份：标题中没有（如“2024年1-9月”），请给出时期（如 2024年9月；命令行 --period）",
            "a monthly report's columns need the year and month: the title does not give them (e.g. 2024年1-9月); give the period (e.g. 2024年9月; --period)"
        ));
    };
    let part = match kind {
        Monthly::Month | Monthly::MonthGrowth => PeriodPart::Month(month),
        Monthly::YearToDate | Monthly::YearToDateGrowth if month >= 2 => PeriodPart::YearToDate(month),
        Monthly::YearToDate | Monthly::YearToDateGrowth => PeriodPart::Month(1),
    };
    Ok((Period { year, part }, matches!(kind, Monthly::MonthGrowth | Monthly::YearToDateGrowth)))
}

/// What one value column stands for, from its one or two header cells.
fn column_meaning(
    th: &TableHead<'_>,
    rows: RowsAre,
    column: usize,
    (top, bottom): &(Header, Header),
) -> Result<ColumnMeaning, Vec<ImportProblem>> {
    let mut meaning = ColumnMeaning { column, period: None, indicator: None, region: None, growth: None };
    // A number is a value, not a name: the header row is wrong, and nothing is named after it.
    for (header, row) in [(top, Some(th.header_row)), (bottom, th.second_row)] {
        if let (Header::Name { name, .. }, Some(row)) = (header, row)
            && matches!(super::super::cells::read_text_value(name), super::super::cells::Value::Number(_))
        {
            return Err(vec![ImportProblem {
                place: th.table.place.cell(row, column),
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
                let (period, growth) =
                    monthly_column(th, column, *kind).map_err(|message| th.fail(message))?;
                meaning.period = Some(period);
                if growth {
                    meaning.growth = Some(false);
                }
            }
            Header::Name { name, unit } => match rows {
                RowsAre::Periods if unit.is_none() => meaning.region = Some(name.clone()),
                _ => meaning.indicator = Some((name.clone(), unit.clone())),
            },
            Header::Blank | Header::Role(_) => {}
        }
    }
    Ok(meaning)
}

/// What each value column stands for; columns that say nothing are left out.
fn column_meanings(th: &TableHead<'_>, shape: &Shape) -> Result<Vec<ColumnMeaning>, Vec<ImportProblem>> {
    let mut meanings = Vec::new();
    let mut group_period: Option<Period> = None;
    for (column, headers) in th.columns.iter().enumerate() {
        if column == shape.label_col || Some(column) == shape.unit_col {
            continue;
        }
        let mut meaning = column_meaning(th, shape.rows, column, headers)?;
        // A merged year over 数值 and 增速 leaves the second column's year to the first.
        if meaning.period.is_some() {
            group_period = meaning.period;
        } else if meaning.growth.is_some() && matches!(headers.0, Header::Blank) {
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
        return Err(th.fail(msg!(
            "表头中没有可识别的时期、指标或地区列",
            "the header names no period, indicator or region columns"
        )));
    }
    Ok(meanings)
}

/// The one indicator, region, period and unit the whole table is about,
/// where its rows and columns do not say (from the options or the title).
struct Defaults {
    indicator: Option<(String, Option<String>)>,
    region: Option<String>,
    period: Option<Period>,
    unit: Option<String>,
}

impl Defaults {
    fn read(th: &TableHead<'_>, corner: &Header) -> Result<Self, Message> {
        let (pre, options) = (&th.pre, th.options);
        let indicator = if let Some(name) = &options.indicator {
            let (name, unit) = super::super::cells::name_and_unit(name);
            Some((name, unit.or_else(|| options.unit.clone())))
        } else if let Header::Name { name, unit } = corner {
            Some((name.clone(), unit.clone()))
        } else {
            let title_rest = pre.title.as_deref().map(strip_title).filter(|rest| !rest.is_empty());
            title_rest.map(|rest| super::super::cells::name_and_unit(&rest))
        };
        let period = match &options.period {
            Some(text) => Some(read_period(text, pre.year).map_err(|_| {
                msg!(
                    "无法识别时期 {text:?}（如 2024年1-9月）",
                    "cannot read the period {text:?} (e.g. 2024年1-9月)"
                )
            })?),
            None => pre.period,
        };
        Ok(Self {
            indicator,
            region: options.region.clone().or_else(|| pre.title.as_deref().and_then(region_in)),
            period,
            unit: options.unit.clone().or_else(|| pre.unit.as_ref().map(|(unit, _)| unit.clone())),
        })
    }

    /// Why a cell has no indicator, region or period.
    fn missing(&self, meaning: &ColumnMeaning, rows: RowsAre) -> Message {
        let no_indicator =
            meaning.indicator.is_none() && self.indicator.is_none() && rows != RowsAre::Indicators;
        let no_region = self.region.is_none() && rows != RowsAre::Regions;
        match (no_indicator, no_region) {
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
        }
    }
}

/// Everything the rows are read with.
struct Plan<'a> {
    th: &'a TableHead<'a>,
    shape: Shape,
    meanings: Vec<ColumnMeaning>,
    defaults: Defaults,
}

pub(super) fn read_wide(
    collector: &mut Collector<'_>,
    th: &TableHead<'_>,
) -> Result<Layout, Vec<ImportProblem>> {
    let shape = Shape::read(th).map_err(|message| th.fail(message))?;
    let meanings = column_meanings(th, &shape)?;
    let column_kind = if meanings.iter().any(|m| m.region.is_some()) {
        RowsAre::Regions
    } else if meanings.iter().any(|m| m.indicator.is_some()) && shape.rows != RowsAre::Indicators {
        RowsAre::Indicators
    } else {
        RowsAre::Periods
    };
    let defaults = Defaults::read(th, &shape.corner).map_err(|message| th.fail(message))?;
    let layout = if shape.monthly {
        Layout::MonthlyReport
    } else {
        Layout::Wide { rows: shape.rows, columns: column_kind }
    };
    let plan = Plan { th, shape, meanings, defaults };
    th.table
        .for_each_row(|at, row| {
            if at < th.first_data() || skip_row(collector, row, &th.header_texts) {
                return ControlFlow::Continue(());
            }
            collector.rows += 1;
            plan.read_row(collector, at, row)?;
            if collector.full() { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        })
        .map_err(|problem| vec![problem])?;
    Ok(layout)
}

impl Plan<'_> {
    /// The values of one data row; `Break` stops the reading (a problem
    /// that every following row would repeat).
    fn read_row(&self, collector: &mut Collector<'_>, at: usize, row: &dyn RowView) -> ControlFlow<()> {
        let (table, label_col) = (self.th.table, self.shape.label_col);
        let label = text_of(row.cell(label_col));
        if label.is_empty() {
            if self.meanings.iter().any(|m| !matches!(row.cell(m.column), CellView::Empty)) {
                collector.problem(
                    table.place.cell(at, label_col),
                    msg!(
                        "这一行有数值，但第一列没有名称",
                        "this row has values but no name in its first column"
                    ),
                );
            }
            return ControlFlow::Continue(());
        }
        let row_unit =
            self.shape.unit_col.map(|column| text_of(row.cell(column))).filter(|unit| !unit.is_empty());
        for meaning in &self.meanings {
            let Some(value) = number_at(collector, row, at, meaning.column) else { continue };
            // Indicator, region and period of this cell.
            let (mut indicator, mut region, mut period) =
                (meaning.indicator.clone(), meaning.region.clone(), meaning.period);
            match self.shape.rows {
                RowsAre::Regions => region = Some(label.clone()),
                RowsAre::Indicators => {
                    let (name, unit) = super::super::cells::name_and_unit(&label);
                    indicator = Some((name, unit.or_else(|| row_unit.clone())));
                }
                RowsAre::Periods => match read_period(&label, self.th.pre.year) {
                    Ok(found) => period = Some(found),
                    Err(_) => {
                        let message = msg!("无法识别的时期 {label:?}", "unknown period {label:?}");
                        collector.problem(table.place.cell(at, label_col), message);
                        return ControlFlow::Continue(());
                    }
                },
            }
            let indicator = indicator.or_else(|| self.defaults.indicator.clone());
            let region = region.or_else(|| self.defaults.region.clone());
            let (Some((name, unit)), Some(region), Some(period)) =
                (indicator, region, period.or(self.defaults.period))
            else {
                collector.problem(
                    table.place.cell(at, meaning.column),
                    self.defaults.missing(meaning, self.shape.rows),
                );
                return ControlFlow::Break(());
            };
            let Some(indicator) = self.indicator(collector, (&name, unit), meaning, at)? else { continue };
            let region = collector.regions.intern(&region);
            collector.push(ReadValue::stated(indicator, region, period, value, (at, meaning.column)));
        }
        ControlFlow::Continue(())
    }

    /// The indicator a cell's value belongs to: the named one, or for a
    /// growth column `…增速` in % tied to its level. A level without a unit
    /// is a problem that stops the reading.
    fn indicator(
        &self,
        collector: &mut Collector<'_>,
        (name, unit): (&str, Option<String>),
        meaning: &ColumnMeaning,
        at: usize,
    ) -> ControlFlow<(), Option<u32>> {
        let place = || self.th.table.place.cell(at, meaning.column);
        let unit = unit.or_else(|| self.defaults.unit.clone());
        let (indicator_name, indicator_unit, growth_of) = match meaning.growth {
            None => {
                let Some(unit) = unit else {
                    collector.problem(
                        place(),
                        msg!(
                            "指标 {name:?} 没有单位：请写在名称中（如 地区生产总值（亿元）），或在表格上方写“单位：亿元”，或给出单位（命令行 --unit）",
                            "indicator {name:?} has no unit: write it in the name (地区生产总值（亿元）), above the table (单位：亿元), or give the unit (--unit)"
                        ),
                    );
                    return ControlFlow::Break(());
                };
                (name.to_owned(), unit, None)
            }
            Some(real) => {
                // The level it is the growth of, when the table states it too.
                // Without a unit in this column, a level of that name read from another column.
                let of = match unit.as_ref() {
                    Some(unit) => collector.indicator(name, unit, place, None),
                    None => collector.indicator_index.get(name).copied(),
                };
                (format!("{name}增速"), "%".to_owned(), of.map(|of| (of, real)))
            }
        };
        ControlFlow::Continue(collector.indicator(&indicator_name, &indicator_unit, place, growth_of))
    }
}

/// The header text of a column (for `1-9月累计`).
pub(super) fn top_text(head: &[Vec<Cell>], first_data: usize, column: usize) -> String {
    head.iter().take(first_data).map(|row| cell_text(row, column)).collect::<Vec<_>>().join(" ")
}
