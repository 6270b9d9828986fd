//! The Data tab's state: the filter and sort the user chose and the row
//! order they give, kept apart from drawing.
//!
//! A row is an observation's position in the whole dataset (indicators one
//! after another), four bytes each, so a national file's 2.85M rows cost
//! 11 MB. Filtering looks each indicator, region, source and quote up once
//! per filter text instead of once per row, and sorting compares small
//! integer keys (the rank of a name, a period, a value's bits), so a column
//! sorts in a fraction of a second even then. The order is recomputed only
//! when the data, the filter, the sort or the language changes.

use std::collections::HashMap;

use crate::data::model::{Dataset, Indicator, Observation, Period, View, index_u32};
use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortColumn {
    Indicator,
    Region,
    Period,
    Value,
    Status,
    Source,
}

#[derive(Clone, PartialEq)]
struct ViewKey {
    generation: u64,
    filter: String,
    view: Option<View>,
    sort: SortColumn,
    ascending: bool,
    lang: Lang,
}

/// What the user typed and chose, and the cached row order.
pub struct DataTabState {
    pub filter: String,
    pub view: Option<View>,
    pub sort: SortColumn,
    pub ascending: bool,
    /// Where each indicator's rows start, plus the total at the end.
    starts: Vec<u32>,
    /// Rows passing the filter, in display order.
    visible: Vec<u32>,
    key: Option<ViewKey>,
}

impl Default for DataTabState {
    fn default() -> Self {
        Self {
            filter: String::new(),
            view: None,
            sort: SortColumn::Indicator,
            ascending: true,
            starts: Vec::new(),
            visible: Vec::new(),
            key: None,
        }
    }
}

/// The rows shown when asked, for exporting them on a task while the
/// user goes on filtering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownRows {
    starts: Vec<u32>,
    visible: Vec<u32>,
}

impl ShownRows {
    /// Each shown row's indicator and value, in the order shown.
    pub fn rows<'a>(
        &'a self,
        dataset: &'a Dataset,
    ) -> impl Iterator<Item = (&'a Indicator, &'a Observation)> + 'a {
        self.visible.iter().filter_map(|&row| locate_row(&self.starts, dataset, row))
    }

    pub fn len(&self) -> usize {
        self.visible.len()
    }

    pub fn is_empty(&self) -> bool {
        self.visible.is_empty()
    }
}

impl DataTabState {
    /// A copy of the rows shown now.
    pub fn shown(&self) -> ShownRows {
        ShownRows { starts: self.starts.clone(), visible: self.visible.clone() }
    }

    /// Rows shown with the current filter and sort.
    pub fn visible_count(&self) -> usize {
        self.visible.len()
    }

    /// Every value in the dataset.
    pub fn total_count(&self) -> usize {
        self.starts.last().map_or(0, |&total| total as usize)
    }

    /// The `at`-th shown row.
    pub fn visible_row<'a>(
        &self,
        dataset: &'a Dataset,
        at: usize,
    ) -> Option<(&'a Indicator, &'a Observation)> {
        self.visible.get(at).and_then(|&row| locate_row(&self.starts, dataset, row))
    }

    /// Recomputes the shown rows if the data or the user's choices changed.
    pub fn refresh(&mut self, dataset: &Dataset, generation: u64, lang: Lang) {
        let key = ViewKey {
            generation,
            filter: self.filter.trim().to_lowercase(),
            view: self.view,
            sort: self.sort,
            ascending: self.ascending,
            lang,
        };
        if self.key.as_ref() == Some(&key) {
            return;
        }
        if self.key.as_ref().is_none_or(|old| old.generation != generation) {
            self.starts = std::iter::once(0)
                .chain(dataset.indicators().iter().scan(0u32, |total, indicator| {
                    *total = total.saturating_add(index_u32(indicator.observations().len()));
                    Some(*total)
                }))
                .collect();
        }
        let mut matches = Matcher::new(dataset, &key.filter);
        let order = SortKeys::new(dataset, key.sort, lang);
        // Indicators in the order of the sort (only the Indicator column
        // reorders them); each one's rows keep their (region, period) order.
        let mut indicators: Vec<usize> = (0..dataset.indicators().len()).collect();
        indicators.sort_by_key(|&at| (order.indicator_key(at), at));
        let mut keyed: Vec<(u64, u32)> = Vec::new();
        let mut visible = std::mem::take(&mut self.visible);
        visible.clear();
        for at in indicators {
            let indicator = &dataset.indicators()[at];
            if key.view.is_some_and(|view| indicator.view != view) {
                continue;
            }
            let indicator_matches = matches.indicator(at);
            let start = self.starts[at];
            for (obs_at, obs) in indicator.observations().iter().enumerate() {
                if indicator_matches || matches.observation(obs) {
                    let row = start + index_u32(obs_at);
                    match order.row_key(obs) {
                        Some(sort_key) => keyed.push((sort_key, row)),
                        None => visible.push(row),
                    }
                }
            }
        }
        if !keyed.is_empty() {
            // A key computed once per row, then one sort of plain integers.
            keyed.sort_unstable();
            visible.extend(keyed.into_iter().map(|(_, row)| row));
        }
        visible.shrink_to_fit();
        if !key.ascending {
            visible.reverse();
        }
        self.visible = visible;
        self.key = Some(key);
    }
}

fn locate_row<'a>(
    starts: &[u32],
    dataset: &'a Dataset,
    row: u32,
) -> Option<(&'a Indicator, &'a Observation)> {
    let at = starts.partition_point(|&start| start <= row).checked_sub(1)?;
    let indicator = dataset.indicators().get(at)?;
    Some((indicator, indicator.observations().get((row - starts[at]) as usize)?))
}

/// Which names, sources and quotes contain the filter text, each decided
/// once (an empty filter is in every text, so it matches every row).
struct Matcher {
    indicators: Vec<bool>,
    regions: Vec<bool>,
    sources: Vec<bool>,
    texts: Vec<bool>,
    filter: String,
    /// Periods seen so far and whether they match.
    periods: HashMap<Period, bool>,
}

impl Matcher {
    fn new(dataset: &Dataset, filter: &str) -> Self {
        let contains = |fields: &[&str]| fields.iter().any(|field| field.to_lowercase().contains(filter));
        Self {
            indicators: dataset
                .indicators()
                .iter()
                .map(|it| contains(&[&it.id, &it.name.zh, it.name.en.as_deref().unwrap_or_default()]))
                .collect(),
            regions: dataset
                .regions()
                .iter()
                .map(|it| contains(&[&it.id, &it.name.zh, it.name.en.as_deref().unwrap_or_default()]))
                .collect(),
            sources: dataset.sources().iter().map(|it| contains(&[&it.title, &it.id])).collect(),
            texts: dataset.texts().iter().map(|text| contains(&[text])).collect(),
            filter: filter.to_owned(),
            periods: HashMap::new(),
        }
    }

    /// Every row of the indicator matches (no filter, or its name does).
    fn indicator(&self, at: usize) -> bool {
        self.indicators.get(at).copied().unwrap_or(false)
    }

    fn observation(&mut self, obs: &Observation) -> bool {
        let flag = |flags: &[bool], at: usize| flags.get(at).copied().unwrap_or(false);
        let filter = &self.filter;
        flag(&self.regions, obs.region.0 as usize)
            || flag(&self.sources, obs.source.0 as usize)
            || obs.quote.is_some_and(|id| flag(&self.texts, id.index()))
            || *self
                .periods
                .entry(obs.period)
                .or_insert_with(|| obs.period.to_string().to_lowercase().contains(filter.as_str()))
    }
}

/// Integer sort keys: the rank of each name in the chosen language, a
/// period's position in time, a value's bits ordered like the numbers.
struct SortKeys {
    column: SortColumn,
    indicator_ranks: Vec<u32>,
    region_ranks: Vec<u32>,
    source_ranks: Vec<u32>,
    lang: Lang,
}

impl SortKeys {
    fn new(dataset: &Dataset, column: SortColumn, lang: Lang) -> Self {
        let mut keys = Self {
            column,
            indicator_ranks: Vec::new(),
            region_ranks: Vec::new(),
            source_ranks: Vec::new(),
            lang,
        };
        match column {
            SortColumn::Indicator => {
                keys.indicator_ranks = ranks(dataset.indicators().iter().map(|it| it.name.get(lang)));
            }
            SortColumn::Region => {
                keys.region_ranks = ranks(dataset.regions().iter().map(|it| it.name.get(lang)));
            }
            SortColumn::Source => {
                keys.source_ranks = ranks(dataset.sources().iter().map(|it| it.title.as_str()));
            }
            SortColumn::Period | SortColumn::Value | SortColumn::Status => {}
        }
        keys
    }

    /// Where the indicator's block of rows goes (all equal unless sorting by indicator).
    fn indicator_key(&self, at: usize) -> u32 {
        self.indicator_ranks.get(at).copied().unwrap_or(0)
    }

    /// A row's key, or `None` when the indicator order alone sorts the rows.
    fn row_key(&self, obs: &Observation) -> Option<u64> {
        let rank = |ranks: &[u32], at: usize| u64::from(ranks.get(at).copied().unwrap_or(0));
        Some(match self.column {
            SortColumn::Indicator => return None,
            SortColumn::Region => rank(&self.region_ranks, obs.region.0 as usize),
            SortColumn::Source => rank(&self.source_ranks, obs.source.0 as usize),
            SortColumn::Period => obs.period.sort_key(),
            SortColumn::Value => ordered_bits(obs.value),
            // By the label the user reads, like the other text columns.
            SortColumn::Status => status_rank(obs, self.lang),
        })
    }
}

/// The position of each name in sorted order; equal names share a rank.
fn ranks<'n>(names: impl Iterator<Item = &'n str>) -> Vec<u32> {
    let names: Vec<&str> = names.collect();
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&at| names[at]);
    let mut ranks = vec![0; names.len()];
    let mut rank = 0;
    for (position, &at) in order.iter().enumerate() {
        if position > 0 && names[order[position - 1]] != names[at] {
            rank += 1;
        }
        ranks[at] = rank;
    }
    ranks
}

fn status_rank(obs: &Observation, lang: Lang) -> u64 {
    use crate::data::model::Status;
    let statuses = [Status::Reported, Status::Derived, Status::Estimate];
    let labels = statuses.map(|status| status.label(lang));
    labels.iter().filter(|label| **label < obs.status.label(lang)).count() as u64
}

/// A float's bits, as an integer that sorts like the float (total order).
fn ordered_bits(value: f64) -> u64 {
    let bits = value.to_bits();
    if bits >> 63 == 1 { !bits } else { bits | (1 << 63) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    /// One shown row as the table writes its sortable columns.
    #[derive(Debug)]
    struct Row {
        indicator: String,
        region: String,
        period: Period,
        value: f64,
        status: &'static str,
        source: String,
    }

    /// Every shown row, in order.
    fn shown(state: &DataTabState, dataset: &Dataset, lang: Lang) -> Vec<Row> {
        (0..state.visible_count())
            .filter_map(|at| state.visible_row(dataset, at))
            .map(|(indicator, obs)| Row {
                indicator: indicator.name.get(lang).to_owned(),
                region: dataset.region(obs.region).name.get(lang).to_owned(),
                period: obs.period,
                value: obs.value,
                status: obs.status.label(lang),
                source: dataset.source(obs.source).title.clone(),
            })
            .collect()
    }

    /// Whether `a` may come before `b` when sorting by `column`.
    fn before(column: SortColumn, a: &Row, b: &Row) -> bool {
        match column {
            SortColumn::Indicator => a.indicator <= b.indicator,
            SortColumn::Region => a.region <= b.region,
            SortColumn::Period => a.period <= b.period,
            SortColumn::Value => a.value <= b.value,
            SortColumn::Status => a.status <= b.status,
            SortColumn::Source => a.source <= b.source,
        }
    }

    #[test]
    fn every_column_sorts_both_ways_in_both_languages() {
        let dataset = load_embedded().expect("embedded");
        let mut state = DataTabState::default();
        let columns = [
            SortColumn::Indicator,
            SortColumn::Region,
            SortColumn::Period,
            SortColumn::Value,
            SortColumn::Status,
            SortColumn::Source,
        ];
        for lang in Lang::ALL {
            for column in columns {
                for ascending in [true, false] {
                    state.sort = column;
                    state.ascending = ascending;
                    state.refresh(&dataset, 0, lang);
                    let rows = shown(&state, &dataset, lang);
                    assert_eq!(rows.len(), dataset.observation_count(), "no filter shows every value");
                    let out_of_order = rows.windows(2).find(|pair| {
                        let (a, b) = if ascending { (&pair[0], &pair[1]) } else { (&pair[1], &pair[0]) };
                        !before(column, a, b)
                    });
                    assert!(out_of_order.is_none(), "{column:?} {ascending} {lang:?}: {out_of_order:#?}");
                    let first = &rows[0];
                    let last = &rows[rows.len() - 1];
                    let (low, high) = if ascending { (first, last) } else { (last, first) };
                    assert!(
                        before(column, low, high) && !before(column, high, low),
                        "{column:?}: the file's values differ in this column, so the ends differ: {low:?} {high:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_filter_finds_names_quotes_and_periods() {
        let dataset = load_embedded().expect("embedded");
        let mut state = DataTabState { filter: "2024h1".to_owned(), ..DataTabState::default() };
        state.refresh(&dataset, 0, Lang::Zh);
        let rows = shown(&state, &dataset, Lang::Zh);
        assert!(!rows.is_empty(), "a period matches whatever its case");
        assert!(rows.iter().all(|row| row.period.to_string() == "2024H1"), "{rows:?}");

        state.filter = "历下区".to_owned();
        state.refresh(&dataset, 0, Lang::Zh);
        let rows = shown(&state, &dataset, Lang::Zh);
        assert!(rows.iter().any(|row| row.region == "历下区"), "the region's own values");
        assert!(rows.iter().any(|row| row.region == "市中区"), "and values whose quote names it");
        assert!(rows.len() < dataset.observation_count());
        assert_eq!(state.total_count(), dataset.observation_count());
    }
}
