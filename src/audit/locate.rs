//! Where a value the audit names is written in its file: the line:col of
//! its observation, or of its period's key in a series.

use std::collections::HashMap;

use crate::audit::ValueRef;
use crate::data::error::Position;
use crate::data::locate::locate;
use crate::data::model::{Dataset, Period};
use crate::data::parse::parse_raw;

/// Which entry of a raw indicator holds a value.
#[derive(Clone, Copy)]
enum Entry {
    Observation(usize),
    Series(usize),
}

/// Finds values in the text they were loaded from.
pub struct Locator<'a> {
    text: &'a str,
    /// (indicator id, region id, source id, period) → (raw indicator, entry).
    index: HashMap<(String, String, String, u64), (usize, Entry)>,
}

impl<'a> Locator<'a> {
    /// Reads `text` again for positions; a text that does not parse (it
    /// cannot have loaded) locates nothing.
    pub fn new(text: &'a str) -> Self {
        let mut index = HashMap::new();
        if let Ok(raw) = parse_raw(text) {
            for (i, indicator) in raw.indicators.iter().enumerate() {
                for (j, obs) in indicator.observations.iter().enumerate() {
                    if let Some(period) = Period::parse(&obs.period) {
                        let key =
                            (indicator.id.clone(), obs.region.clone(), obs.source.clone(), period.sort_key());
                        index.entry(key).or_insert((i, Entry::Observation(j)));
                    }
                }
                for (s, series) in indicator.series.series.iter().enumerate() {
                    for (period, _) in indicator.series.values.get(series.values.clone()).unwrap_or_default()
                    {
                        let key = (
                            indicator.id.clone(),
                            series.region.clone(),
                            series.source.clone(),
                            period.sort_key(),
                        );
                        index.entry(key).or_insert((i, Entry::Series(s)));
                    }
                }
            }
        }
        Self { text, index }
    }

    /// The line:col of `value`, if it is in the text.
    pub fn position(&self, dataset: &Dataset, value: &ValueRef) -> Option<Position> {
        let key = (
            dataset.indicator(value.indicator).id.clone(),
            dataset.region(value.region).id.clone(),
            dataset.source(value.source).id.clone(),
            value.period.sort_key(),
        );
        let path = match *self.index.get(&key)? {
            (i, Entry::Observation(j)) => format!("indicators[{i}].observations[{j}]"),
            (i, Entry::Series(s)) => format!("indicators[{i}].series[{s}].values[\"{}\"]", value.period),
        };
        locate(self.text, &path)
    }
}
