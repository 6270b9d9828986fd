//! Where a value the audit names is written in its file: the line:col of
//! its observation, or of its period's key in a series. The file is read
//! once more for positions; each indicator's list is walked once, the first
//! time one of its values is asked for, so placing a million findings of a
//! large file takes one pass over it, not one per finding.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::audit::ValueRef;
use crate::data::error::Position;
use crate::data::locate::{Lines, list_items, locate_offset};
use crate::data::model::{Dataset, Period};
use crate::data::parse::parse_raw;
use crate::data::raw::RawDataset;

/// Which entry of a raw indicator holds a value: an observation, or a
/// series and its period.
#[derive(Clone, Copy)]
enum Entry {
    Observation(usize),
    Series(usize, Period),
}

/// (region, source, period) of a value within one indicator, by index.
type Key = (u32, u32, u64);

/// Where each value of one indicator starts: its observation, or its
/// series and the period to find inside it.
type Written = HashMap<Key, (usize, Option<Period>)>;

/// Finds values in the text they were loaded from.
pub struct Locator<'a> {
    text: &'a str,
    lines: Lines<'a>,
    raw: Option<RawDataset>,
    /// Each raw indicator by the id it has.
    indicators: HashMap<String, usize>,
    /// Per raw indicator, filled when first asked: where each value's
    /// observation or series starts (and, in a series, its period).
    found: RefCell<HashMap<usize, Written>>,
}

impl<'a> Locator<'a> {
    /// Reads `text` again for positions; a text that does not parse (it
    /// cannot have loaded) locates nothing.
    pub fn new(text: &'a str) -> Self {
        let raw = parse_raw(text).ok();
        let indicators = raw
            .iter()
            .flat_map(|raw| {
                raw.indicators.iter().enumerate().map(|(at, indicator)| (indicator.id.clone(), at))
            })
            .collect();
        Self { text, lines: Lines::new(text), raw, indicators, found: RefCell::default() }
    }

    /// The line:col of `value`, if it is in the text.
    pub fn position(&self, dataset: &Dataset, value: &ValueRef) -> Option<Position> {
        let at = *self.indicators.get(&dataset.indicator(value.indicator).id)?;
        let mut found = self.found.borrow_mut();
        let offsets = found.entry(at).or_insert_with(|| self.index(dataset, at));
        let key = (value.region.0, value.source.0, value.period.sort_key());
        let &(start, period) = offsets.get(&key)?;
        // A series value: its key, found in the series' own text.
        let within = period
            .and_then(|period| locate_offset(&self.text[start..], &format!("values[\"{period}\"]")))
            .unwrap_or(0);
        Some(self.lines.position(start + within))
    }

    /// Walks raw indicator `at` once: where each of its values is written.
    fn index(&self, dataset: &Dataset, at: usize) -> Written {
        let Some(indicator) = self.raw.as_ref().and_then(|raw| raw.indicators.get(at)) else {
            return HashMap::new();
        };
        let region = |id: &str| dataset.region_by_id(id).map(|region| region.0);
        let source =
            |id: &str| dataset.sources().iter().position(|source| source.id == id).map(|at| at as u32);
        let mut entries: Vec<(Key, Entry)> = Vec::new();
        for (j, obs) in indicator.observations.iter().enumerate() {
            if let (Some(r), Some(s), Some(period)) =
                (region(&obs.region), source(&obs.source), Period::parse(&obs.period))
            {
                entries.push(((r, s, period.sort_key()), Entry::Observation(j)));
            }
        }
        for (j, series) in indicator.series.series.iter().enumerate() {
            let (Some(r), Some(s)) = (region(&series.region), source(&series.source)) else { continue };
            for &(period, _) in indicator.series.values.get(series.values.clone()).unwrap_or_default() {
                entries.push(((r, s, period.sort_key()), Entry::Series(j, period)));
            }
        }
        let observations = list_items(self.text, &format!("indicators[{at}].observations"));
        let series = list_items(self.text, &format!("indicators[{at}].series"));
        entries
            .into_iter()
            .filter_map(|(key, entry)| {
                let offset = match entry {
                    Entry::Observation(j) => (*observations.get(j)?, None),
                    Entry::Series(j, period) => (*series.get(j)?, Some(period)),
                };
                Some((key, offset))
            })
            .collect()
    }
}
