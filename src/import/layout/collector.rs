//! Gathers what a table reads as: indicators, regions, sources and notes
//! interned in order of first appearance, every value with its cell, and
//! the problems (a second unit for an indicator, a value given twice), at
//! most [`MAX_PROBLEMS`](super::MAX_PROBLEMS) listed.

use super::super::fast_hash::FastMap;
use super::super::header::is_total;
use super::super::problem::ImportProblem;
use super::super::table::Table;
use super::{Layout, MAX_PROBLEMS, ReadIndicator, ReadRegion, ReadValue, Reading, Skipped};
use crate::i18n::{Lang, Message};
use crate::msg;

/// Interns names in order of first appearance.
#[derive(Default)]
pub(super) struct Names {
    pub(super) index: FastMap<String, u32>,
    pub(super) names: Vec<String>,
}

impl Names {
    pub(super) fn intern(&mut self, name: &str) -> u32 {
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
pub(super) type ValueKey = (u64, u64, u32);

pub(super) fn value_key(value: &ReadValue) -> ValueKey {
    (
        (u64::from(value.indicator) << 32) | u64::from(value.region),
        value.period.sort_key(),
        value.source.map_or(0, |source| source.saturating_add(1)),
    )
}

/// Collects what is read, and the problems.
pub(super) struct Collector<'t> {
    pub(super) table: &'t Table,
    pub(super) indicators: Vec<ReadIndicator>,
    pub(super) indicator_index: FastMap<String, u32>,
    pub(super) regions: Names,
    pub(super) sources: Names,
    pub(super) notes: Vec<String>,
    pub(super) values: Vec<ReadValue>,
    /// (indicator, region, period, source) → where it was read, to refuse a value given twice.
    pub(super) seen: FastMap<ValueKey, (u32, u32)>,
    pub(super) problems: Vec<ImportProblem>,
    pub(super) more_problems: usize,
    pub(super) skipped: Skipped,
    pub(super) rows: usize,
}

impl<'t> Collector<'t> {
    pub(super) fn new(table: &'t Table) -> Self {
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

    pub(super) fn problem(&mut self, place: String, message: Message) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(ImportProblem { place, message });
        } else {
            self.more_problems += 1;
        }
    }

    pub(super) fn full(&self) -> bool {
        self.problems.len() >= MAX_PROBLEMS
    }

    /// The indicator named `name` with `unit`; a second unit for one name is
    /// a problem. `place` (where the unit was read) is only made when needed.
    pub(super) fn indicator(
        &mut self,
        name: &str,
        unit: &str,
        place: impl FnOnce() -> String,
        growth_of: Option<(u32, bool)>,
    ) -> Option<u32> {
        if let Some(&at) = self.indicator_index.get(name) {
            let known = &self.indicators[at as usize];
            if known.unit != unit {
                let (first, first_place) = (known.unit.clone(), known.unit_place.clone());
                self.problem(
                    place(),
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
            unit_place: place(),
            code: None,
        });
        self.indicator_index.insert(name.to_owned(), at);
        Some(at)
    }

    /// Records the publisher's code of an indicator.
    pub(super) fn set_indicator_code(&mut self, indicator: u32, code: &str) {
        if let Some(known) = self.indicators.get_mut(indicator as usize)
            && !code.trim().is_empty()
        {
            known.code = Some(code.trim().to_owned());
        }
    }

    pub(super) fn push(&mut self, value: ReadValue) {
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

    pub(super) fn finish(
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
                .map(|(name, total)| ReadRegion { name, total, code: None, aggregate: false, parent: None })
                .collect(),
            sources: self.sources.names,
            notes: self.notes,
            values: self.values,
            rows: self.rows,
            skipped: self.skipped,
            facts: None,
        })
    }
}
