//! FRED (Federal Reserve Bank of St. Louis) CSV downloads: a header
//! `DATE` (older files) or `observation_date` and one column per series id,
//! then one row per date, `.` for a missing value.
//!
//! Dates are the first day of their period: their spacing says the kind
//! (twelve months apart: years; six: halves; three, on January, April, July
//! and October: quarters; one: months). Daily and weekly series are refused:
//! they are not periods EconLens draws. The series id is the indicator. A
//! FRED file states neither unit nor region: the unit is asked for
//! (`--unit`), and the region is the one given (`--region`) or recorded as
//! not stated.

use super::super::super::cells::Cell;
use super::super::super::problem::ImportProblem;
use super::super::super::table::Table;
use super::super::collector::Collector;
use super::super::{ReadOptions, ReadValue};
use super::FileFacts;
use crate::data::model::Period;
use crate::data::period::PeriodPart;
use crate::msg;

/// The region of a FRED file when none is given.
pub const REGION_NOT_STATED: &str = "（未注明地区）";

pub(super) fn is_header(texts: &[String]) -> bool {
    texts.len() >= 2
        && matches!(texts[0].to_ascii_lowercase().as_str(), "date" | "observation_date")
        && texts[1..].iter().all(|text| !text.is_empty() && !text.contains(' '))
}

/// `1980-04-01` → (1980, 4, 1).
pub(super) fn date(text: &str) -> Option<(i16, u8, u8)> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok().filter(|month| (1..=12).contains(month))?;
    let day = parts.next()?.parse().ok().filter(|day| (1..=31).contains(day))?;
    Some((year, month, day))
}

/// The months between consecutive dates, when all are the same and every date is a first of the month.
fn spacing(dates: &[(i16, u8, u8)]) -> Option<i32> {
    let month = |(year, month, _): (i16, u8, u8)| i32::from(year) * 12 + i32::from(month);
    if dates.iter().any(|(_, _, day)| *day != 1) {
        return None;
    }
    let mut steps = dates.windows(2).map(|pair| month(pair[1]) - month(pair[0]));
    // The same date twice, or dates out of order, have no spacing.
    let first = steps.next().filter(|step| *step > 0)?;
    // Rows may be missing in between: every step a multiple of the first.
    steps.all(|step| step > 0 && step % first == 0).then_some(first)
}

fn period(kind_months: i32, (year, month, _): (i16, u8, u8)) -> Option<Period> {
    let part = match (kind_months, month) {
        (12, 1) => PeriodPart::Year,
        (6, 1) => PeriodPart::H1,
        (6, 7) => PeriodPart::H2,
        (3, 1) => PeriodPart::Q1,
        (3, 4) => PeriodPart::Q2,
        (3, 7) => PeriodPart::Q3,
        (3, 10) => PeriodPart::Q4,
        (1, month) => PeriodPart::Month(month),
        _ => return None,
    };
    crate::data::period::YEAR_RANGE.contains(&year).then_some(Period { year, part })
}

pub(super) fn read(
    collector: &mut Collector<'_>,
    table: &Table,
    options: &ReadOptions,
) -> Result<(FileFacts, usize, String), Vec<ImportProblem>> {
    let rows = super::all_rows(table)?;
    let header: Vec<String> =
        rows.first().map(|row| row.iter().map(Cell::text).collect()).unwrap_or_default();
    let series: Vec<(usize, String)> = header
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, id)| !id.is_empty())
        .map(|(at, id)| (at, id.clone()))
        .collect();
    let ids: Vec<&str> = series.iter().map(|(_, id)| id.as_str()).collect();
    let unit = super::unit_or_ask(table, options, &ids.join(", "))?;
    let mut dates = Vec::with_capacity(rows.len());
    for (at, row) in rows.iter().enumerate().skip(1) {
        let text = row.first().map(Cell::text).unwrap_or_default();
        if text.is_empty() {
            continue;
        }
        match date(&text) {
            Some(found) => dates.push((at, found)),
            None => collector.problem(
                table.place.cell(at, 0),
                msg!(
                    "应为日期（如 1980-04-01），实际为 {text:?}",
                    "expected a date (like 1980-04-01), found {text:?}"
                ),
            ),
        }
    }
    let found: Vec<(i16, u8, u8)> = dates.iter().map(|(_, date)| *date).collect();
    let kind = spacing(&found).filter(|step| [1, 3, 6, 12].contains(step)).ok_or_else(|| {
        super::ask(
            table,
            msg!(
                "日期不是每月、每季度、每半年或每年的第一天（日度或周度数据无法按时期导入）",
                "the dates are not the first days of months, quarters, halves or years (daily or weekly series cannot be imported as periods)"
            ),
        )
    })?;
    let region_name = options.region.clone().unwrap_or_else(|| REGION_NOT_STATED.to_owned());
    let region = collector.regions.intern(&region_name);
    let mut indicators = Vec::with_capacity(series.len());
    for (column, id) in &series {
        let place = || table.place.cell(0, *column);
        if let Some(indicator) = collector.indicator(id, &unit, place, None) {
            collector.set_indicator_code(indicator, id);
            indicators.push((*column, indicator));
        }
    }
    for (at, found) in dates {
        collector.rows += 1;
        let Some(period) = period(kind, found) else {
            collector.problem(
                table.place.cell(at, 0),
                msg!("这个日期不在这份数据的时期开头", "this date does not begin a period of the series"),
            );
            continue;
        };
        for &(column, indicator) in &indicators {
            if let Some(value) = super::value_at(collector, (at, column), rows[at].get(column), &["."]) {
                collector.push(ReadValue::stated(indicator, region, period, value, (at, column)));
            }
        }
    }
    let mut facts = FileFacts::default();
    facts.source.publisher = Some("Federal Reserve Bank of St. Louis".to_owned());
    let title = format!("FRED: {}", ids.join(", "));
    facts.source.title = Some(title.clone());
    facts.metadata.push((msg!("序列", "Series"), ids.join(", ")));
    Ok((facts, 0, title))
}
