//! The long layout: one value per row, with columns naming its indicator,
//! region, period, value, unit and optionally its source, note, status,
//! qualifier and whether its sources disagree.

use std::borrow::Cow;
use std::ops::ControlFlow;

use super::super::fast_hash::FastMap;
use super::super::header::{Header, Role};
use super::super::problem::ImportProblem;
use super::super::table::RowView;
use super::collector::Collector;
use super::{Layout, ReadValue, TableHead, lower, number_at, skip_row, text_cow};
use crate::data::model::Period;
use crate::data::period_text::read_period;
use crate::data::raw::{Qualifier, Status};
use crate::i18n::Message;
use crate::msg;

/// Where each of the long table's columns is; value and period always,
/// indicator and region unless the options give them.
#[derive(Clone, Copy)]
struct Columns {
    indicator: Option<usize>,
    region: Option<usize>,
    period: usize,
    value: usize,
    unit: Option<usize>,
    source: Option<usize>,
    note: Option<usize>,
    status: Option<usize>,
    qualifier: Option<usize>,
    disputed: Option<usize>,
}

impl Columns {
    fn find(th: &TableHead<'_>) -> Result<Self, Vec<ImportProblem>> {
        let column_of = |role: Role| th.columns.iter().position(|(top, _)| *top == Header::Role(role));
        let missing = |zh: &str, en: &str| {
            th.fail(Message::new(
                format!("长表缺少“{zh}”列（表头应有 指标、地区、时期、数值）"),
                format!(
                    "the long table has no {en} column (expected headers 指标/indicator, 地区/region, 时期/period, 数值/value)"
                ),
            ))
        };
        let Some(value) = column_of(Role::Value) else { return Err(missing("数值", "value")) };
        let Some(period) = column_of(Role::Period) else { return Err(missing("时期", "period")) };
        let (indicator, region) = (column_of(Role::Indicator), column_of(Role::Region));
        if indicator.is_none() && th.options.indicator.is_none() {
            return Err(missing("指标", "indicator"));
        }
        if region.is_none() && th.options.region.is_none() {
            return Err(missing("地区", "region"));
        }
        Ok(Self {
            indicator,
            region,
            period,
            value,
            unit: column_of(Role::Unit),
            source: column_of(Role::Source),
            note: column_of(Role::Note),
            status: column_of(Role::Status),
            qualifier: column_of(Role::Qualifier),
            disputed: column_of(Role::Disputed),
        })
    }
}

/// The reading of a long table's rows, with what consecutive rows share.
struct Reader<'a> {
    th: &'a TableHead<'a>,
    columns: Columns,
    default_unit: Option<String>,
    /// Each period label read once.
    periods: FastMap<String, Result<Period, ()>>,
    /// Consecutive rows mostly share their indicator: name, unit and index.
    last_indicator: Option<(String, String, u32)>,
}

pub(super) fn read_long(
    collector: &mut Collector<'_>,
    th: &TableHead<'_>,
) -> Result<Layout, Vec<ImportProblem>> {
    let columns = Columns::find(th)?;
    let default_unit = th.options.unit.clone().or_else(|| th.pre.unit.as_ref().map(|(unit, _)| unit.clone()));
    let mut reader = Reader { th, columns, default_unit, periods: FastMap::default(), last_indicator: None };
    th.table
        .for_each_row(|at, row| {
            if at < th.first_data() || skip_row(collector, row, &th.header_texts) {
                return ControlFlow::Continue(());
            }
            collector.rows += 1;
            reader.read_row(collector, at, row);
            if collector.full() { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        })
        .map_err(|problem| vec![problem])?;
    Ok(Layout::Long)
}

impl Reader<'_> {
    /// One row's value, or a problem at the cell that keeps it out.
    fn read_row(&mut self, collector: &mut Collector<'_>, at: usize, row: &dyn RowView) {
        let (th, cols) = (self.th, self.columns);
        let text =
            |column: Option<usize>| column.map_or(Cow::Borrowed(""), |column| text_cow(row.cell(column)));
        let Some(value) = number_at(collector, row, at, cols.value) else { return };
        let indicator_text = match cols.indicator {
            Some(column) => text(Some(column)),
            None => Cow::Borrowed(th.options.indicator.as_deref().unwrap_or_default()),
        };
        let region_text = match cols.region {
            Some(column) => text(Some(column)),
            None => Cow::Borrowed(th.options.region.as_deref().unwrap_or_default()),
        };
        let period_text = text(Some(cols.period));
        let place = |column: Option<usize>| th.table.place.cell(at, column.unwrap_or(cols.value));
        if indicator_text.is_empty() || region_text.is_empty() || period_text.is_empty() {
            let message = msg!(
                "这一行有数值，但缺少指标、地区或时期",
                "this row has a value but no indicator, region or period"
            );
            collector.problem(place(None), message);
            return;
        }
        let Some(period) = self.period(collector, &period_text, || place(Some(cols.period))) else { return };
        let unit_text = text(cols.unit);
        let places = (place(cols.unit.or(cols.indicator)), place(cols.indicator));
        let Some(indicator) = self.indicator(collector, &indicator_text, &unit_text, places) else { return };
        let Some((status, qualifier, disputed)) = self.marks(collector, &text, &place) else { return };
        let region = collector.regions.intern(&region_text);
        let source = cols.source.map(|column| text(Some(column))).filter(|s| !s.is_empty());
        let source = source.map(|s| collector.sources.intern(&s));
        let note = cols.note.map(|column| text(Some(column))).filter(|n| !n.is_empty()).map(|note| {
            collector.notes.push(note.into_owned());
            crate::data::model::index_u32(collector.notes.len() - 1)
        });
        collector.push(ReadValue {
            indicator,
            region,
            period,
            value,
            row: crate::data::model::index_u32(at),
            column: crate::data::model::index_u32(cols.value),
            status,
            qualifier,
            source,
            disputed,
            series_break: false,
            note,
        });
    }

    /// The period a label names (each label read once), or a problem at its cell.
    fn period(
        &mut self,
        collector: &mut Collector<'_>,
        label: &str,
        place: impl FnOnce() -> String,
    ) -> Option<Period> {
        let period = match self.periods.get(label) {
            Some(&period) => period,
            None => {
                let period = read_period(label, self.th.pre.year).map_err(|_| ());
                self.periods.insert(label.to_owned(), period);
                period
            }
        };
        if period.is_err() {
            collector.problem(
                place(),
                msg!(
                    "无法识别的时期 {label:?}；应如 2023、2023年、2024年1-9月、2024Q3",
                    "unknown period {label:?}; expected e.g. 2023, 2023年, 2024年1-9月, 2024Q3"
                ),
            );
        }
        period.ok()
    }

    /// The indicator of a name and unit, looked up once for consecutive rows that share them.
    fn indicator(
        &mut self,
        collector: &mut Collector<'_>,
        name: &str,
        unit: &str,
        places: (String, String),
    ) -> Option<u32> {
        if let Some((known, known_unit, at)) = &self.last_indicator
            && known == name
            && known_unit == unit
        {
            return Some(*at);
        }
        let at = indicator_of(collector, name, unit, self.default_unit.as_deref(), places)?;
        self.last_indicator = Some((name.to_owned(), unit.to_owned(), at));
        Some(at)
    }

    /// The row's status, qualifier and disputed mark; a word none of them
    /// takes is a problem at its cell.
    fn marks<'r>(
        &self,
        collector: &mut Collector<'_>,
        text: &dyn Fn(Option<usize>) -> Cow<'r, str>,
        place: &dyn Fn(Option<usize>) -> String,
    ) -> Option<(Status, Qualifier, bool)> {
        let cols = &self.columns;
        let word = |column: Option<usize>| lower(text(column));
        let (status, qualifier, disputed) = (word(cols.status), word(cols.qualifier), word(cols.disputed));
        let marks =
            (one_of(&status, &STATUSES), one_of(&qualifier, &QUALIFIERS), one_of(&disputed, &DISPUTED));
        if let (Some(status), Some(qualifier), Some(disputed)) = marks {
            return Some((status, qualifier, disputed));
        }
        for (column, found, known, expected) in [
            (cols.status, &status, marks.0.is_some(), written(&STATUSES)),
            (cols.qualifier, &qualifier, marks.1.is_some(), written(&QUALIFIERS)),
            (cols.disputed, &disputed, marks.2.is_some(), written(&DISPUTED)),
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
        None
    }
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
