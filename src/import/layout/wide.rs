//! The wide layouts: one dimension down the first column (regions,
//! indicators or periods), another across the header, the third from the
//! title, a unit line or the options; a two-row header (a year merged over
//! 数值 and 增速) read as both; and the monthly report (本月, 累计, 同比增长).

use std::ops::ControlFlow;

use super::super::cells::Cell;
use super::super::header::{Header, Monthly, Role, is_total};
use super::super::problem::ImportProblem;
use super::super::table::CellView;
use super::super::table::Table;
use super::collector::Collector;
use super::title::{Preamble, header_month, region_in, strip_title};
use super::{Layout, ReadOptions, ReadValue, RowsAre, cell_text, non_blank, number_at, skip_row, text_of};
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

#[expect(clippy::too_many_arguments, reason = "the parts of a table read so far")]
pub(super) fn read_wide(
    collector: &mut Collector<'_>,
    table: &Table,
    head: &[Vec<Cell>],
    columns: &[(Header, Header)],
    (header_row, second_row): (usize, Option<usize>),
    header_texts: &[String],
    pre: &Preamble,
    options: &ReadOptions,
) -> Result<Layout, Vec<ImportProblem>> {
    let first_data = second_row.unwrap_or(header_row) + 1;
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
            && labels
                .iter()
                .filter(|label| super::super::cells::name_and_unit(label).1.is_some())
                .count()
                * 2
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
                && matches!(super::super::cells::read_text_value(name), super::super::cells::Value::Number(_))
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
            let (name, unit) = super::super::cells::name_and_unit(name);
            return Some((name, unit.or_else(|| options.unit.clone())));
        }
        if let Header::Name { name, unit } = &corner {
            return Some((name.clone(), unit.clone()));
        }
        title_rest.clone().filter(|rest| !rest.is_empty()).map(|rest| {
            let (name, unit) = super::super::cells::name_and_unit(&rest);
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
                let place = || table.place.cell(at, meaning.column);
                // Indicator, region and period of this cell.
                let (mut indicator, mut region, mut period) = (meaning.indicator.clone(), meaning.region.clone(), meaning.period);
                match rows {
                    RowsAre::Regions => region = Some(label.clone()),
                    RowsAre::Indicators => {
                        let (name, unit) = super::super::cells::name_and_unit(&label);
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
                    collector.problem(place(), problem);
                    return ControlFlow::Break(());
                };
                let unit = unit.or_else(|| default_unit.clone());
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
                        (name, unit, None)
                    }
                    Some(real) => {
                        // The level it is the growth of, when the table states it too.
                        // Without a unit in this column, a level of that name read from another column.
                        let of = match unit.as_ref() {
                            Some(unit) => collector.indicator(&name, unit, place, None),
                            None => collector.indicator_index.get(name.as_str()).copied(),
                        };
                        (format!("{name}增速"), "%".to_owned(), of.map(|of| (of, real)))
                    }
                };
                let Some(indicator) = collector.indicator(&indicator_name, &indicator_unit, place, growth_of) else {
                    continue;
                };
                let region = collector.regions.intern(&region);
                collector.push(ReadValue::stated(indicator, region, period, value, (at, meaning.column)));
            }
            if collector.full() { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        })
        .map_err(|problem| vec![problem])?;
    Ok(layout)
}

/// The header text of a column (for `1-9月累计`).
pub(super) fn top_text(head: &[Vec<Cell>], first_data: usize, column: usize) -> String {
    head.iter().take(first_data).map(|row| cell_text(row, column)).collect::<Vec<_>>().join(" ")
}
