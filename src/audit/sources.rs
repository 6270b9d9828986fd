//! What the audit reports about sources rather than arithmetic: every pair
//! of values sources disagree on, with both sources, their kinds and the
//! difference; a value for a period that ends after its source was
//! published (unless the source calls it an estimate); a source without a
//! date, whose values cannot be placed in time.

use std::collections::BTreeMap;

use crate::audit::{Check, Finding, ValueRef, Verdict, number};
use crate::data::model::{Dataset, IndicatorIx, Period, Status};
use crate::data::period::PeriodPart;
use crate::msg;

pub fn conflicts(dataset: &Dataset, findings: &mut Vec<Finding>) {
    for (ix, indicator) in dataset.indicators().iter().enumerate() {
        let ix = IndicatorIx(ix as u32);
        let mut groups: BTreeMap<(u32, u64), Vec<ValueRef>> = BTreeMap::new();
        for obs in indicator.observations().iter().filter(|obs| obs.conflict) {
            groups.entry((obs.region.0, obs.period.sort_key())).or_default().push(ValueRef::of(ix, obs));
        }
        for values in groups.into_values().filter(|values| values.len() > 1) {
            let described: Vec<(String, String)> = values
                .iter()
                .map(|value| {
                    let source = dataset.source(value.source);
                    let (zh, en) =
                        (source.kind.label(crate::i18n::Lang::Zh), source.kind.label(crate::i18n::Lang::En));
                    let v = number(value.value);
                    (format!("{v}（{}，{zh}）", source.title), format!("{v} ({}, {en})", source.title))
                })
                .collect();
            let (low, high) = values.iter().fold((f64::MAX, f64::MIN), |(low, high), value| {
                (low.min(value.value), high.max(value.value))
            });
            let zh = described.iter().map(|(zh, _)| zh.as_str()).collect::<Vec<_>>().join(" 与 ");
            let en = described.iter().map(|(_, en)| en.as_str()).collect::<Vec<_>>().join(" vs ");
            let difference = number(high - low);
            let relative = crate::data::derive::Formula::Change { value: high, previous: low }
                .value()
                .map_or_else(String::new, |change| format!(" ({}%)", number(change)));
            findings.push(Finding {
                check: Check::Conflict,
                verdict: Verdict::Noted,
                values,
                detail: msg!("{zh}：相差 {difference}{relative}", "{en}: {difference} apart{relative}"),
            });
        }
    }
}

/// The last month (year × 12 + month) a period covers.
fn period_end(period: Period) -> i32 {
    let month = match period.part {
        PeriodPart::Year | PeriodPart::H2 | PeriodPart::Q4 => 12,
        PeriodPart::H1 | PeriodPart::Q2 => 6,
        PeriodPart::Q1 => 3,
        PeriodPart::Q3 => 9,
        PeriodPart::Month(month) | PeriodPart::YearToDate(month) => i32::from(month),
    };
    i32::from(period.year) * 12 + month
}

/// A source date's month (year × 12 + month; a bare year counts as its
/// December, so a value is never called too late for it).
fn date_month(date: &str) -> Option<i32> {
    let mut parts = date.split('-');
    let year: i32 = parts.next()?.trim().parse().ok()?;
    let month: i32 = parts.next().map_or(Some(12), |month| month.trim().parse().ok())?;
    Some(year * 12 + month)
}

pub fn dates(dataset: &Dataset, findings: &mut Vec<Finding>) {
    let mut undated: BTreeMap<u32, Vec<ValueRef>> = BTreeMap::new();
    for (ix, indicator) in dataset.indicators().iter().enumerate() {
        let ix = IndicatorIx(ix as u32);
        for obs in indicator.observations() {
            let source = dataset.source(obs.source);
            let Some(date) = source.date.as_deref() else {
                undated.entry(obs.source.0).or_default().push(ValueRef::of(ix, obs));
                continue;
            };
            let Some(published) = date_month(date) else { continue };
            if period_end(obs.period) > published && obs.status == Status::Reported {
                let (period_zh, period_en, title) = (
                    obs.period.label(crate::i18n::Lang::Zh),
                    obs.period.label(crate::i18n::Lang::En),
                    &source.title,
                );
                // A target set during the period (计划, 目标) is dated after its source by design.
                let target = indicator
                    .note
                    .as_ref()
                    .map(|note| note.get(crate::i18n::Lang::En).to_lowercase())
                    .is_some_and(|note| note.contains("target"))
                    || ["计划", "目标"].iter().any(|word| indicator.name.zh.contains(word));
                let note = dataset.note_of(obs).unwrap_or_default();
                let note = if note.is_empty() && target {
                    indicator.note.as_ref().map_or("", |note| note.get(crate::i18n::Lang::Zh))
                } else {
                    note
                };
                let (verdict, detail) = if note.is_empty() {
                    (
                        Verdict::Inconsistent,
                        msg!(
                            "{period_zh}的数值来自 {date} 发布的《{title}》，早于该时期结束，却标为来源所述而非预计",
                            "a value for {period_en} from “{title}”, dated {date}, before the period ended, is marked reported, not an estimate"
                        ),
                    )
                } else {
                    (
                        Verdict::Explained,
                        msg!(
                            "{period_zh}的数值来自 {date} 的来源；注释：{note}",
                            "a value for {period_en} from a source dated {date}; the note says: {note}"
                        ),
                    )
                };
                findings.push(Finding {
                    check: Check::Date,
                    verdict,
                    values: vec![ValueRef::of(ix, obs)],
                    detail,
                });
            }
        }
    }
    for (source, values) in undated {
        let source = dataset.source(crate::data::model::SourceIx(source));
        let (title, count) = (&source.title, values.len());
        let (verdict, detail) = match source.note.as_deref() {
            Some(note) if note.to_lowercase().contains("undated") || note.contains("未注明日期") => (
                Verdict::Explained,
                msg!(
                    "《{title}》没有日期（{count} 个数值）；来源注释：{note}",
                    "“{title}” has no date ({count} values); its note says: {note}"
                ),
            ),
            _ => (
                Verdict::Warning,
                msg!(
                    "《{title}》没有日期，其 {count} 个数值无法与发布时间核对",
                    "“{title}” has no date: its {count} values cannot be checked against when it was published"
                ),
            ),
        };
        findings.push(Finding { check: Check::Date, verdict, values, detail });
    }
}
