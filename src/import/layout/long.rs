//! The long layout: one value per row, with columns naming its indicator,
//! region, period, value, unit and optionally its source, note, status,
//! qualifier and whether its sources disagree.

use std::borrow::Cow;
use std::ops::ControlFlow;

use super::super::fast_hash::FastMap;
use super::super::header::{Header, Role};
use super::super::problem::ImportProblem;
use super::super::table::Table;
use super::collector::Collector;
use super::title::Preamble;
use super::{Layout, ReadOptions, ReadValue, lower, number_at, skip_row, text_cow};
use crate::data::model::Period;
use crate::data::period_text::read_period;
use crate::data::raw::{Qualifier, Status};
use crate::i18n::Message;
use crate::msg;

pub(super) fn read_long(
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
            let text =
                |column: Option<usize>| column.map_or(Cow::Borrowed(""), |column| text_cow(row.cell(column)));
            let Some(value) = number_at(collector, row, at, value_col) else {
                return if collector.full() { ControlFlow::Break(()) } else { ControlFlow::Continue(()) };
            };
            let indicator_text = indicator_col.map_or_else(
                || Cow::Borrowed(options.indicator.as_deref().unwrap_or_default()),
                |c| text(Some(c)),
            );
            let region_text = region_col.map_or_else(
                || Cow::Borrowed(options.region.as_deref().unwrap_or_default()),
                |c| text(Some(c)),
            );
            let period_text = text(Some(period_col));
            let place = |column: Option<usize>| table.place.cell(at, column.unwrap_or(value_col));
            if indicator_text.is_empty() || region_text.is_empty() || period_text.is_empty() {
                collector.problem(
                    place(None),
                    msg!(
                        "这一行有数值，但缺少指标、地区或时期",
                        "this row has a value but no indicator, region or period"
                    ),
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
                Some((known, known_unit, at)) if **known == *indicator_text && **known_unit == *unit_text => {
                    *at
                }
                _ => {
                    let places = (place(unit_col.or(indicator_col)), place(indicator_col));
                    let found =
                        indicator_of(collector, &indicator_text, &unit_text, default_unit.as_deref(), places);
                    let Some(at) = found else { return ControlFlow::Continue(()) };
                    last_indicator =
                        Some((indicator_text.clone().into_owned(), unit_text.clone().into_owned(), at));
                    at
                }
            };
            let region = collector.regions.intern(&region_text);
            let source = source_col
                .map(|column| text(Some(column)))
                .filter(|s| !s.is_empty())
                .map(|s| collector.sources.intern(&s));
            let note = note_col.map(|column| text(Some(column))).filter(|n| !n.is_empty()).map(|note| {
                collector.notes.push(note.into_owned());
                crate::data::model::index_u32(collector.notes.len() - 1)
            });
            let word = |column: Option<usize>| lower(text(column));
            let (status, qualifier, disputed) = (word(status_col), word(qualifier_col), word(disputed_col));
            let (Some(status), Some(qualifier), Some(disputed)) =
                (one_of(&status, &STATUSES), one_of(&qualifier, &QUALIFIERS), one_of(&disputed, &DISPUTED))
            else {
                for (column, found, known, expected) in [
                    (status_col, &status, one_of(&status, &STATUSES).is_some(), written(&STATUSES)),
                    (
                        qualifier_col,
                        &qualifier,
                        one_of(&qualifier, &QUALIFIERS).is_some(),
                        written(&QUALIFIERS),
                    ),
                    (disputed_col, &disputed, one_of(&disputed, &DISPUTED).is_some(), written(&DISPUTED)),
                ] {
                    if !known {
                        collector.problem(
                            place(column),
                            msg!(
                                "无法识别 {found:?}；这一列应为 {expected}",
                                "{found:?} is not understood; this column takes {expected}"
                            ),
                        );
                    }
                }
                return ControlFlow::Continue(());
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
                series_break: false,
                note,
            });
            if collector.full() { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        })
        .map_err(|problem| vec![problem])?;
    Ok(Layout::Long)
}

/// The words a status, qualifier or disputed cell may hold, and what each means.
type Words<T> = [(&'static [&'static str], T)];

const STATUSES: [(&[&str], Status); 3] = [
    (&["", "reported", "来源所述"], Status::Reported),
    (&["estimate", "来源预计", "预计"], Status::Estimate),
    (&["derived", "推算"], Status::Derived),
];
const QUALIFIERS: [(&[&str], Qualifier); 3] = [
    (&["", "exact"], Qualifier::Exact),
    (&["about", "约"], Qualifier::About),
    (&["over", "超过", "以上"], Qualifier::Over),
];
const DISPUTED: [(&[&str], bool); 2] =
    [(&["", "no", "false", "否", "0"], false), (&["yes", "true", "是", "1"], true)];

fn one_of<T: Copy>(word: &str, words: &Words<T>) -> Option<T> {
    words.iter().find(|(written, _)| written.contains(&word)).map(|(_, meaning)| *meaning)
}

/// What a column of `words` takes, for a word it does not: `reported, estimate, derived`.
fn written<T>(words: &Words<T>) -> String {
    let first: Vec<&str> =
        words.iter().filter_map(|(written, _)| written.iter().find(|w| !w.is_empty()).copied()).collect();
    first.join(", ")
}

/// The indicator a row names, with its unit from the unit column, from the
/// name (`地区生产总值（亿元）`) or from the table; a problem when it has
/// none, or a second unit. `places`: the unit's cell, the name's cell.
fn indicator_of(
    collector: &mut Collector<'_>,
    text: &str,
    unit_text: &str,
    default_unit: Option<&str>,
    places: (String, String),
) -> Option<u32> {
    let (name, name_unit) = super::super::cells::name_and_unit(text);
    let unit = Some(unit_text.to_owned())
        .filter(|unit| !unit.is_empty())
        .or(name_unit)
        .or_else(|| default_unit.map(str::to_owned));
    let Some(unit) = unit else {
        collector.problem(
            places.1,
            msg!(
                "指标 {name:?} 没有单位；请加“单位”列，或写在名称中，如 地区生产总值（亿元）",
                "indicator {name:?} has no unit; add a 单位/unit column or write it in the name, e.g. 地区生产总值（亿元）"
            ),
        );
        return None;
    };
    collector.indicator(&name, &unit, || places.0, None)
}
