//! The one place a [`RawDataset`] is checked and turned into a [`Dataset`].
//!
//! Every rule of the format lives here: ids are unique and every reference
//! resolves, periods parse, values are finite and sane for their unit (a
//! share lies in 0–100 %, a count is a whole number), no (indicator, region,
//! period) is given twice, a derived value says how it was derived. All
//! problems are collected, so a user fixes a file in one pass.

use std::collections::HashMap;
use std::sync::Arc;

use super::error::Problem;
use super::hints::{did_you_mean, period_suggestion};
use super::model::{
    Dataset, Indicator, IndicatorHead, IndicatorIx, ListItem, Observation, Period, Region, RegionIx,
    Relation, Source, SourceIx, Text, TextId, TextList, Unit, UnitKind, View, index_u32,
};
use super::raw::{
    RawDataset, RawIndicator, RawList, RawNote, RawObservation, RawRelation, RawSeries, RawSeriesList,
    RawText, Status,
};
use super::saved_chart::SavedChart;
use crate::i18n::Message;
use crate::msg;

/// Sane bounds for a percentage that is not a share (growth, contribution).
pub const PERCENT_RANGE: std::ops::RangeInclusive<f64> = -100.0..=1000.0;
/// Bounds for a share of a whole.
pub const SHARE_RANGE: std::ops::RangeInclusive<f64> = 0.0..=100.0;

/// Checks everything and builds the trusted model, or returns every problem found.
pub fn validate(raw: RawDataset) -> Result<Dataset, Vec<Problem>> {
    let mut check = Checker::default();
    check.text(&raw.title, "title");

    let region_ids = check.ids(raw.regions.iter().map(|region| region.id.as_str()), "regions");
    let source_ids = check.ids(raw.sources.iter().map(|source| source.id.as_str()), "sources");
    let indicator_ids = check.ids(raw.indicators.iter().map(|indicator| indicator.id.as_str()), "indicators");
    check.ids(raw.lists.iter().map(|list| list.id.as_str()), "lists");
    check.ids(raw.charts.iter().map(|chart| chart.id.as_str()), "charts");
    let refs = Refs { regions: region_ids, sources: source_ids, indicators: indicator_ids };

    let focus_region = refs.region(&mut check, &raw.focus_region, || "focus_region".to_owned());
    if raw.regions.is_empty() {
        check.push("regions", msg!("至少应有一个地区", "expected at least one region"));
    }
    let regions = check_regions(&mut check, &refs, &raw);
    let sources = raw.sources.into_iter().enumerate().map(|(at, source)| {
        let path = format!("sources[{at}]");
        check.non_empty(&source.title, || format!("{path}.title"));
        check.non_empty(&source.publisher, || format!("{path}.publisher"));
        if let Some(url) = source.url.as_deref().filter(|url| !is_web_address(url)) {
            check.push(
                format!("{path}.url"),
                msg!(
                    "应为以 http:// 或 https:// 开头、不含空格的网址，实为 {url:?}",
                    "expected an http:// or https:// address without spaces, found {url:?}"
                ),
            );
        }
        Source {
            id: source.id,
            title: source.title,
            publisher: source.publisher,
            date: source.date,
            url: source.url,
            kind: source.kind,
            note: source.note,
            table: source.table,
        }
    });
    let sources: Vec<Source> = sources.collect();
    let units: Vec<Unit> =
        raw.indicators.iter().map(|indicator| Unit { zh: indicator.unit.clone() }).collect();
    let indicators: Vec<Indicator> = raw
        .indicators
        .into_iter()
        .enumerate()
        .map(|(at, indicator)| check_indicator(&mut check, &refs, &units, at, indicator))
        .collect();
    let lists: Vec<TextList> =
        raw.lists.into_iter().enumerate().map(|(at, list)| check_list(&mut check, &refs, at, list)).collect();
    let charts: Vec<SavedChart> = raw
        .charts
        .into_iter()
        .enumerate()
        .filter_map(|(at, chart)| charts::check_chart(&mut check, &refs, at, chart))
        .collect();

    if !check.problems.is_empty() {
        return Err(check.problems);
    }
    Ok(Dataset {
        title: text(raw.title),
        focus_region: focus_region.unwrap_or(RegionIx(0)),
        regions,
        sources,
        indicators,
        lists,
        charts,
        texts: check.texts,
    })
}

/// Only web addresses are opened from the Sources tab: no `file:` or
/// `javascript:` links from a data file.
pub fn is_web_address(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://")) && !url.contains(char::is_whitespace)
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
    /// Quotes and notes kept so far (they become [`Dataset::texts`]); a
    /// series stores its quote once for all its values.
    texts: Vec<Arc<str>>,
}

impl Checker {
    /// Stores `text` and returns its id.
    fn keep_text(&mut self, text: String) -> TextId {
        self.texts.push(Arc::from(text));
        TextId::from_index(self.texts.len() - 1)
    }

    fn push(&mut self, field: impl Into<String>, message: Message) {
        self.problems.push(Problem::new(field, message));
    }

    fn non_empty(&mut self, value: &str, field: impl FnOnce() -> String) {
        if value.trim().is_empty() {
            self.push(field(), msg!("应为非空文本", "expected a non-empty text"));
        }
    }

    fn text(&mut self, value: &RawText, field: &str) {
        self.non_empty(&value.zh, || format!("{field}.zh"));
        if let Some(en) = &value.en {
            self.non_empty(en, || format!("{field}.en"));
        }
    }

    /// Checks that ids are well formed and unique; maps each id to its index.
    fn ids<'a>(&mut self, ids: impl Iterator<Item = &'a str>, list: &str) -> HashMap<String, u32> {
        let mut map = HashMap::new();
        for (at, id) in ids.enumerate() {
            if id.is_empty() || id.contains(char::is_whitespace) {
                self.push(
                    format!("{list}[{at}].id"),
                    msg!("id 应非空且不含空格，实为 {id:?}", "expected an id without spaces, found {id:?}"),
                );
            } else if let Some(&first) = map.get(id) {
                self.push(
                    format!("{list}[{at}].id"),
                    msg!(
                        "id {id:?} 重复；{list}[{first}] 已使用它",
                        "duplicate id {id:?}; {list}[{first}] has it already"
                    ),
                );
            } else {
                map.insert(id.to_owned(), index_u32(at));
            }
        }
        map
    }
}

/// The id maps built before anything else is checked, so records may refer
/// to others further down the file.
struct Refs {
    regions: HashMap<String, u32>,
    sources: HashMap<String, u32>,
    indicators: HashMap<String, u32>,
}

impl Refs {
    fn region_count(&self) -> usize {
        self.regions.len()
    }

    fn region(&self, check: &mut Checker, id: &str, field: impl FnOnce() -> String) -> Option<RegionIx> {
        resolve(check, &self.regions, ("地区", "region"), id, field).map(RegionIx)
    }

    fn source(&self, check: &mut Checker, id: &str, field: impl FnOnce() -> String) -> Option<SourceIx> {
        resolve(check, &self.sources, ("来源", "source"), id, field).map(SourceIx)
    }

    fn indicator(
        &self,
        check: &mut Checker,
        id: &str,
        field: impl FnOnce() -> String,
    ) -> Option<IndicatorIx> {
        resolve(check, &self.indicators, ("指标", "indicator"), id, field).map(IndicatorIx)
    }
}

fn resolve(
    check: &mut Checker,
    ids: &HashMap<String, u32>,
    kind: (&str, &str),
    id: &str,
    field: impl FnOnce() -> String,
) -> Option<u32> {
    let found = ids.get(id).copied();
    if found.is_none() {
        let (kind_zh, kind_en) = kind;
        let message = msg!(
            "未知的{kind_zh} {id:?}；应为文件中某个{kind_zh}的 id",
            "unknown {kind_en} {id:?}; expected the id of one of the file's {kind_en}s"
        );
        check.push(field(), message.then(&did_you_mean(id, ids.keys().map(String::as_str))));
    }
    found
}

fn text(raw: RawText) -> Text {
    Text { zh: raw.zh, en: raw.en }
}

fn check_regions(check: &mut Checker, refs: &Refs, raw: &RawDataset) -> Vec<Region> {
    let regions: Vec<Region> = raw
        .regions
        .iter()
        .enumerate()
        .map(|(at, region)| {
            check.text(&region.name, &format!("regions[{at}].name"));
            let parent = region
                .parent
                .as_deref()
                .and_then(|parent| refs.region(check, parent, || format!("regions[{at}].parent")));
            Region {
                id: region.id.clone(),
                name: text(region.name.clone()),
                parent,
                partitioned: region.partitioned,
                aggregate: region.aggregate,
            }
        })
        .collect();
    for (at, region) in regions.iter().enumerate() {
        let mut steps = 0;
        let mut next = region.parent;
        while let Some(parent) = next {
            steps += 1;
            if parent.0 as usize == at || steps > regions.len() {
                check.push(format!("regions[{at}].parent"), {
                    let id = &region.id;
                    msg!(
                        "地区 {id:?} 是它自己的上级；上级链应有尽头",
                        "region {id:?} is its own ancestor; expected a parent chain that ends"
                    )
                });
                break;
            }
            next = regions[parent.0 as usize].parent;
        }
    }
    regions
}

fn check_view(check: &mut Checker, view: &str, field: impl FnOnce() -> String) -> View {
    View::from_id(view).unwrap_or_else(|| {
        let known: Vec<&str> = View::ALL.iter().map(|view| view.id()).collect();
        let known = known.join(", ");
        let message =
            msg!("未知页面 {view:?}；应为 {known} 之一", "unknown view {view:?}; expected one of {known}");
        check.push(field(), message.then(&did_you_mean(view, View::ALL.iter().map(|view| view.id()))));
        View::Overview
    })
}

fn check_relation(
    check: &mut Checker,
    refs: &Refs,
    units: &[Unit],
    at: usize,
    raw: &RawIndicator,
) -> Relation {
    let path = || format!("indicators[{at}].relation");
    let unit = &units[at];
    let expect_unit = |check: &mut Checker, wanted: &str| {
        if unit.zh != wanted {
            check.push(format!("indicators[{at}].unit"), {
                let found = &unit.zh;
                msg!(
                    "此关系的单位应为 {wanted:?}，实为 {found:?}",
                    "expected {wanted:?} for this relation, found {found:?}"
                )
            });
        }
    };
    let indicator = |check: &mut Checker, id: &str, field: &str| {
        refs.indicator(check, id, || format!("{}.{field}", path())).unwrap_or(IndicatorIx(0))
    };
    match &raw.relation {
        RawRelation::Level => Relation::Level,
        RawRelation::Growth { of, basis } => {
            expect_unit(check, "%");
            Relation::Growth { of: indicator(check, of, "of"), basis: *basis }
        }
        RawRelation::Share { part, whole, whole_region } => {
            expect_unit(check, "%");
            let part = indicator(check, part, "part");
            let whole = indicator(check, whole, "whole");
            let whole_region = whole_region
                .as_deref()
                .and_then(|region| refs.region(check, region, || format!("{}.whole_region", path())));
            if let (Some(part_unit), Some(whole_unit)) =
                (units.get(part.0 as usize), units.get(whole.0 as usize))
                && part_unit != whole_unit
            {
                check.push(path(), {
                    let (part, whole) = (&part_unit.zh, &whole_unit.zh);
                    msg!(
                        "占比的部分与总量须为同一单位；实为 {part:?} 和 {whole:?}",
                        "a share needs part and whole in one unit; found {part:?} and {whole:?}"
                    )
                });
            }
            Relation::Share { part, whole, whole_region }
        }
        RawRelation::Rank { of, among } => {
            expect_unit(check, "位");
            let of = indicator(check, of, "of");
            let among = refs.region(check, among, || format!("{}.among", path())).unwrap_or(RegionIx(0));
            Relation::Rank { of, among }
        }
    }
}

/// Why a value does not fit its indicator, if it does not.
fn value_problem(value: f64, unit: &Unit, relation: &Relation) -> Option<Message> {
    if !value.is_finite() {
        return Some(msg!("应为有限的数，实为 {value}", "expected a finite number, found {value}"));
    }
    let whole = value.fract() == 0.0;
    match (unit.kind(), relation) {
        (UnitKind::Percent, Relation::Share { .. }) if !SHARE_RANGE.contains(&value) => Some(msg!(
            "占比应在 0 到 100 % 之间，实为 {value}",
            "a share must lie between 0 and 100 %, found {value}"
        )),
        (UnitKind::Percent, _) if !PERCENT_RANGE.contains(&value) => Some(msg!(
            "百分比应在 -100 到 1000 % 之间，实为 {value}",
            "a percentage must lie between -100 and 1000 %, found {value}"
        )),
        (UnitKind::Count, _) if !(whole && value >= 0.0) => {
            let unit = &unit.zh;
            Some(msg!(
                "以“{unit}”计的数量应为 ≥ 0 的整数，实为 {value}",
                "a count in {unit} must be a whole number ≥ 0, found {value}"
            ))
        }
        (UnitKind::Rank, _) if !(whole && value >= 1.0) => Some(msg!(
            "位次应为 ≥ 1 的整数，实为 {value}",
            "a rank must be a whole number ≥ 1, found {value}"
        )),
        (UnitKind::People, _) if value < 0.0 => {
            Some(msg!("人口不能为负，实为 {value}", "a population cannot be negative, found {value}"))
        }
        _ => None,
    }
}

/// Where an observation came from in the file, kept so that a duplicate can
/// name both places without building a path for every value.
#[derive(Clone, Copy)]
enum Origin {
    Observation(usize),
    Series(usize),
}

fn origin_path(indicator_at: usize, origin: Origin, period: Period) -> String {
    match origin {
        Origin::Observation(at) => format!("indicators[{indicator_at}].observations[{at}]"),
        Origin::Series(at) => format!("indicators[{indicator_at}].series[{at}].values[\"{period}\"]"),
    }
}

fn check_indicator(
    check: &mut Checker,
    refs: &Refs,
    units: &[Unit],
    at: usize,
    raw: RawIndicator,
) -> Indicator {
    let path = format!("indicators[{at}]");
    check.text(&raw.name, &format!("{path}.name"));
    check.non_empty(&raw.unit, || format!("{path}.unit"));
    let view = check_view(check, &raw.view, || format!("{path}.view"));
    let relation = check_relation(check, refs, units, at, &raw);
    let unit = units[at].clone();
    if raw.observations.is_empty() && raw.series.is_empty() {
        check.push(path.clone(), {
            let id = &raw.id;
            msg!(
                "指标 {id:?} 没有数值；应有 `observations` 或 `series`",
                "indicator {id:?} has no values; expected `observations` or `series`"
            )
        });
    }

    let mut values: Vec<(Observation, Origin)> =
        Vec::with_capacity(raw.observations.len() + raw.series.value_count());
    for (obs_at, obs) in raw.observations.into_iter().enumerate() {
        if let Some(observation) =
            check_observation(check, refs, &unit, &relation, &format!("{path}.observations[{obs_at}]"), obs)
        {
            values.push((observation, Origin::Observation(obs_at)));
        }
    }
    let RawSeriesList { series: all_series, values: series_values } = raw.series;
    for (series_at, series) in all_series.into_iter().enumerate() {
        let pairs = series_values.get(series.values.clone()).unwrap_or_default();
        check_series(check, refs, &unit, &relation, (at, series_at), series, pairs, &mut values);
    }
    // One large buffer, handed back to the system whole.
    drop(series_values);

    values.sort_by_key(|(obs, _)| (obs.region, obs.period));
    check_duplicates(check, refs, at, &raw.id, &values);
    let head = IndicatorHead {
        id: raw.id,
        name: text(raw.name),
        unit,
        view,
        relation,
        note: raw.note.map(|note| match note {
            RawNote::Plain(zh) => Text { zh, en: None },
            RawNote::Both(both) => text(both),
        }),
    };
    let observations = values.into_iter().map(|(observation, _)| observation).collect();
    Indicator::new(head, observations, refs.region_count())
}

/// Reports a period given twice for one region, unless every value of the
/// group is marked `conflict` and comes from its own source.
fn check_duplicates(check: &mut Checker, refs: &Refs, at: usize, id: &str, values: &[(Observation, Origin)]) {
    let same_key = |a: &Observation, b: &Observation| (a.region, a.period) == (b.region, b.period);
    for group in values.chunk_by(|(a, _), (b, _)| same_key(a, b)) {
        let (first, first_origin) = &group[0];
        if group.len() == 1 {
            if first.conflict {
                check.push(
                    format!("{}.conflict", origin_path(at, *first_origin, first.period)),
                    msg!(
                        "标为来源不一致，但没有其他来源给出这一时期的数值；应另有一个标为 `conflict: true` 的数值",
                        "marked as a conflict, but no other source gives this period; expected a second value marked `conflict: true`"
                    ),
                );
            }
            continue;
        }
        let all_marked = group.iter().all(|(obs, _)| obs.conflict);
        let mut sources: Vec<SourceIx> = group.iter().map(|(obs, _)| obs.source).collect();
        sources.sort_unstable();
        sources.dedup();
        if all_marked && sources.len() == group.len() {
            continue;
        }
        for (obs, origin) in &group[1..] {
            check.push(origin_path(at, *origin, obs.period), {
                let region = refs_region_name(refs, first.region);
                let period = first.period;
                let first_path = origin_path(at, *first_origin, first.period);
                msg!(
                    "地区 {region:?} 的 {id} 在 {period} 出现了两次（{first_path} 已有）；\
                         如果两个来源确实不一致，请把两处都标为 `conflict: true`",
                    "{id} for region {region:?} in {period} is given twice ({first_path} has it already); \
                         if two sources really disagree, mark both with `conflict: true`"
                )
            });
        }
    }
}

fn refs_region_name(refs: &Refs, region: RegionIx) -> String {
    refs.regions.iter().find(|(_, ix)| **ix == region.0).map_or_else(String::new, |(id, _)| id.clone())
}

fn check_period(check: &mut Checker, text: &str, field: impl FnOnce() -> String) -> Option<Period> {
    let period = Period::parse(text);
    if period.is_none() {
        check.push(field(), not_a_period(text));
    }
    period
}

fn not_a_period(text: &str) -> Message {
    let message = msg!(
        "应为时期，例如 \"2023\"、\"2024H1\" 或 \"2024Q3\"，实为 {text:?}",
        "expected a period such as \"2023\", \"2024H1\" or \"2024Q3\", found {text:?}"
    );
    match period_suggestion(text) {
        Some(suggestion) => message.then(&msg!("；请写作 \"{suggestion}\"", "; write \"{suggestion}\"")),
        None => message,
    }
}

fn check_observation(
    check: &mut Checker,
    refs: &Refs,
    unit: &Unit,
    relation: &Relation,
    path: &str,
    raw: RawObservation,
) -> Option<Observation> {
    let region = refs.region(check, &raw.region, || format!("{path}.region"));
    let source = refs.source(check, &raw.source, || format!("{path}.source"));
    let period = check_period(check, &raw.period, || format!("{path}.period"));
    if let Some(problem) = value_problem(raw.value, unit, relation) {
        check.push(format!("{path}.value"), problem);
    }
    if raw.status == Status::Derived && raw.note.as_deref().is_none_or(|note| note.trim().is_empty()) {
        check.push(
            format!("{path}.note"),
            msg!(
                "推算值必须在 `note` 中说明如何计算",
                "a derived value must say in `note` how it was computed"
            ),
        );
    }
    Some(Observation {
        region: region?,
        period: period?,
        value: raw.value,
        source: source?,
        status: raw.status,
        qualifier: raw.qualifier,
        conflict: raw.conflict,
        series_break: raw.series_break,
        quote: raw.quote.map(|quote| check.keep_text(quote)),
        note: raw.note.map(|note| check.keep_text(note)),
    })
}

#[expect(clippy::too_many_arguments, reason = "the context of one series, passed down once")]
fn check_series(
    check: &mut Checker,
    refs: &Refs,
    unit: &Unit,
    relation: &Relation,
    (indicator_at, series_at): (usize, usize),
    raw: RawSeries,
    pairs: &[(Period, f64)],
    values: &mut Vec<(Observation, Origin)>,
) {
    let path = format!("indicators[{indicator_at}].series[{series_at}]");
    let region = refs.region(check, &raw.region, || format!("{path}.region"));
    let source = refs.source(check, &raw.source, || format!("{path}.source"));
    if raw.is_empty() {
        check.push(
            format!("{path}.values"),
            msg!(
                "序列是空的；应至少有一对“时期: 数值”",
                "empty series; expected at least one period → value pair"
            ),
        );
    }
    if raw.status == Status::Derived {
        check.push(
            format!("{path}.status"),
            msg!(
                "推算值每个都需要说明；请写成 `observations`",
                "derived values need a note each; write them as `observations`"
            ),
        );
    }
    let quote = raw.quote.map(|quote| check.keep_text(quote));
    for (period_text, value) in raw.invalid {
        check.push(format!("{path}.values[{period_text:?}]"), not_a_period(&period_text));
        if let Some(problem) = value_problem(value, unit, relation) {
            check.push(format!("{path}.values[{period_text:?}]"), problem);
        }
    }
    for &(period, value) in pairs {
        if let Some(problem) = value_problem(value, unit, relation) {
            check.push(format!("{path}.values[\"{period}\"]"), problem);
        }
        if let (Some(region), Some(source)) = (region, source) {
            let observation = Observation {
                region,
                period,
                value,
                source,
                status: raw.status,
                qualifier: super::raw::Qualifier::Exact,
                conflict: false,
                series_break: false,
                quote,
                note: None,
            };
            values.push((observation, Origin::Series(series_at)));
        }
    }
}

fn check_list(check: &mut Checker, refs: &Refs, at: usize, raw: RawList) -> TextList {
    let path = format!("lists[{at}]");
    check.text(&raw.name, &format!("{path}.name"));
    let region = refs.region(check, &raw.region, || format!("{path}.region")).unwrap_or(RegionIx(0));
    let view = check_view(check, &raw.view, || format!("{path}.view"));
    let source = refs.source(check, &raw.source, || format!("{path}.source")).unwrap_or(SourceIx(0));
    if raw.items.is_empty() {
        check.push(format!("{path}.items"), msg!("名单至少应有一项", "expected at least one item"));
    }
    let items = raw
        .items
        .into_iter()
        .enumerate()
        .map(|(item_at, item)| {
            let item_path = format!("{path}.items[{item_at}]");
            check.text(&item.name, &format!("{item_path}.name"));
            let indicators = item
                .indicators
                .iter()
                .enumerate()
                .filter_map(|(ref_at, id)| {
                    refs.indicator(check, id, || format!("{item_path}.indicators[{ref_at}]"))
                })
                .collect();
            ListItem { name: text(item.name), detail: item.detail, indicators }
        })
        .collect();
    TextList { id: raw.id, name: text(raw.name), region, view, source, quote: raw.quote, items }
}

#[path = "validate_charts.rs"]
mod charts;

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
