//! What was read, as an EconLens dataset: readable ASCII ids (common
//! indicators by name, `region-3` otherwise; an id the table already uses is
//! kept), the total row (全市, 合计) as the parent of the other regions,
//! growth rates tied to their levels, one source for the table (or one per
//! value of its source column), and for each value its cell as its note
//! (after the table's own note, if any), so every number leads back to the
//! table.
//!
//! Merging into an existing file adds what is new: values it already has
//! are left alone; a different value for the same indicator, region and
//! period is kept beside the file's, both marked as disputed, and reported.

use std::collections::{HashMap, HashSet};

use super::layout::{ReadIndicator, ReadValue, Reading};
use super::table::TablePlace;
use crate::data::model::Period;
use crate::data::raw::{
    FORMAT_VERSION, GrowthBasis, RawDataset, RawIndicator, RawObservation, RawRegion, RawRelation, RawSource,
    RawText, SourceKind,
};

/// The source to record for a table's values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceInfo {
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub kind: Option<SourceKind>,
    pub url: Option<String>,
    pub date: Option<String>,
    /// What the source says of its figures (a table's `注：`).
    pub note: Option<String>,
}

/// Where a merged value disagrees with the file's.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub indicator: String,
    pub region: String,
    pub period: Period,
    pub in_file: f64,
    pub in_table: f64,
    pub cell: String,
}

/// What building (and merging) did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Built {
    /// New values (not counting those that disagree with the file, in `conflicts`).
    pub added: usize,
    pub already_there: usize,
    pub conflicts: Vec<Conflict>,
}

/// Common indicators' ids, by their Chinese names.
const KNOWN_IDS: [(&str, &str); 23] = [
    ("地区生产总值", "gdp"),
    ("生产总值", "gdp"),
    ("人均地区生产总值", "gdp-per-capita"),
    ("第一产业增加值", "primary-value-added"),
    ("第二产业增加值", "secondary-value-added"),
    ("第三产业增加值", "tertiary-value-added"),
    ("规模以上工业增加值", "industrial-value-added"),
    ("工业增加值", "industrial-value-added"),
    ("固定资产投资", "fixed-asset-investment"),
    ("社会消费品零售总额", "retail-sales"),
    ("一般公共预算收入", "budget-revenue"),
    ("一般公共预算支出", "budget-spending"),
    ("进出口总额", "trade"),
    ("出口总额", "exports"),
    ("进口总额", "imports"),
    ("金融机构本外币存款余额", "deposits"),
    ("金融机构本外币贷款余额", "loans"),
    ("城镇居民人均可支配收入", "urban-income"),
    ("农村居民人均可支配收入", "rural-income"),
    ("居民人均可支配收入", "income"),
    ("常住人口", "population"),
    ("金融业增加值", "finance-value-added"),
    ("实际使用外资", "foreign-investment"),
];

/// An id made of the name when it already is one (`gdp`, `shizhong`).
fn ascii_id(name: &str) -> Option<String> {
    let id: String = name
        .trim()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect();
    let id = id.trim_matches('-').to_owned();
    let plain = name.trim().chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ' '));
    (plain && !id.is_empty()).then_some(id)
}

/// A publisher's code as an id (`CHN`, `AT13`, `NY.GDP.MKTP.CD`): spaces become `-`.
fn code_id(code: &str) -> Option<String> {
    let id: String = code.trim().chars().map(|c| if c.is_whitespace() { '-' } else { c }).collect();
    (!id.is_empty()).then_some(id)
}

/// Unique ids: each proposal, or with `-2`, `-3` added.
#[derive(Default)]
struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    fn with(taken: impl IntoIterator<Item = String>) -> Self {
        Self { taken: taken.into_iter().collect() }
    }

    fn claim(&mut self, proposal: &str) -> String {
        let mut id = proposal.to_owned();
        let mut n = 2;
        while self.taken.contains(&id) {
            id = format!("{proposal}-{n}");
            n += 1;
        }
        self.taken.insert(id.clone());
        id
    }
}

/// The view an indicator is shown in, by words in its name.
fn view_of(name: &str) -> &'static str {
    let has = |words: &[&str]| words.iter().any(|word| name.contains(word));
    if has(&["存款", "贷款", "金融", "保险", "证券", "融资"]) {
        "finance"
    } else if has(&["企业", "专精特新", "高新技术", "上市", "市场主体", "专利"]) {
        "enterprises"
    } else if has(&["零售", "消费", "商品", "销售", "进出口", "出口", "进口", "外资", "商贸", "旅游"])
    {
        "commerce"
    } else if has(&["集群", "产业链"]) {
        "clusters"
    } else {
        "output"
    }
}

fn text(zh: &str) -> RawText {
    RawText { zh: zh.to_owned(), en: None }
}

/// The dataset a reading makes, for a table at `place`. `today` dates the import in the source's note.
pub fn build(reading: &Reading, place: &TablePlace, info: &SourceInfo, today: &str) -> (RawDataset, Built) {
    let mut raw = RawDataset {
        version: FORMAT_VERSION,
        title: text(reading.title.as_deref().unwrap_or(&place.file)),
        focus_region: String::new(),
        regions: Vec::new(),
        sources: Vec::new(),
        indicators: Vec::new(),
        lists: Vec::new(),
        charts: Vec::new(),
    };
    let built = add(&mut raw, reading, place, info, today);
    (raw, built)
}

/// Adds a reading to `raw` (an empty new dataset, or a file to merge into):
/// its regions, sources and indicators (each matched by name with what the
/// file has, else new), then its values.
pub fn add(
    raw: &mut RawDataset,
    reading: &Reading,
    place: &TablePlace,
    info: &SourceInfo,
    today: &str,
) -> Built {
    let regions = add_regions(raw, reading);
    let sources = add_sources(raw, reading, place, info, today);
    let indicators = add_indicators(raw, reading);
    add_values(raw, reading, place, (&regions, &sources, &indicators))
}

/// The reading's regions as ids of `raw`: matched by name, else new; with
/// the parents their codes imply, the total as the parent of the rest, and
/// the focus when the file has none.
fn add_regions(raw: &mut RawDataset, reading: &Reading) -> Vec<String> {
    let mut region_ids = Ids::with(raw.regions.iter().map(|region| region.id.clone()));
    let by_name: HashMap<String, String> =
        raw.regions.iter().map(|region| (region.name.zh.clone(), region.id.clone())).collect();
    let total = reading.regions.iter().position(|region| region.total);
    let mut regions: Vec<String> = Vec::with_capacity(reading.regions.len());
    for (at, region) in reading.regions.iter().enumerate() {
        if let Some(id) = by_name.get(&region.name) {
            regions.push(id.clone());
            continue;
        }
        let proposal = if let Some(code) = region.code.as_deref().and_then(code_id) {
            code
        } else if region.total {
            "total".to_owned()
        } else {
            ascii_id(&region.name).unwrap_or_else(|| format!("region-{}", at + 1))
        };
        let id = region_ids.claim(&proposal);
        raw.regions.push(RawRegion {
            id: id.clone(),
            name: text(&region.name),
            parent: None,
            partitioned: false,
            aggregate: region.aggregate,
        });
        regions.push(id);
    }
    // Parents the publisher's codes imply (NUTS codes nest).
    for (at, region) in reading.regions.iter().enumerate() {
        let Some(parent) = region.parent.and_then(|parent| regions.get(parent as usize)) else { continue };
        if let Some(raw_region) = raw.regions.iter_mut().find(|raw_region| raw_region.id == regions[at]) {
            raw_region.parent.get_or_insert_with(|| parent.clone());
        }
    }
    if let Some(total) = total {
        let total_id = regions[total].clone();
        let new: HashSet<&String> = regions.iter().collect();
        for region in &mut raw.regions {
            if region.id != total_id
                && region.parent.is_none()
                && !region.aggregate
                && new.contains(&region.id)
            {
                region.parent = Some(total_id.clone());
            }
        }
    }
    if raw.focus_region.is_empty() {
        // The total, else the first region that is neither an aggregate nor a part of another.
        let first_peer = reading
            .regions
            .iter()
            .position(|region| !region.aggregate && region.parent.is_none())
            .or_else(|| (!reading.regions.is_empty()).then_some(0));
        raw.focus_region = total
            .or(first_peer)
            .map_or_else(|| regions.first().cloned().unwrap_or_default(), |at| regions[at].clone());
    }
    regions
}

/// Where the values' sources are: the table's own (for values without a
/// source column), and one per name in its source column.
struct Sources {
    table: Option<String>,
    columns: Vec<String>,
}

fn add_sources(
    raw: &mut RawDataset,
    reading: &Reading,
    place: &TablePlace,
    info: &SourceInfo,
    today: &str,
) -> Sources {
    let mut source_ids = Ids::with(raw.sources.iter().map(|source| source.id.clone()));
    let sheet = place.sheet.as_deref().map(|sheet| format!("（{sheet}）")).unwrap_or_default();
    let kind = info.kind.unwrap_or(SourceKind::OfficialCopy);
    let kind_note =
        if info.kind.is_none() { "; kind not given, recorded as a copy of an official document" } else { "" };
    let own_note = info.note.as_deref().map(|note| format!(" The table's note: {note}")).unwrap_or_default();
    let note =
        Some(format!("Imported by EconLens from {}{sheet} on {today}{kind_note}.{own_note}", place.file));
    // The table's own source, for every value without a source of its own.
    let table_source = if reading.values.iter().any(|value| value.source.is_none()) {
        let id = source_ids.claim("import");
        raw.sources.push(RawSource {
            id: id.clone(),
            title: info.title.clone().unwrap_or_else(|| format!("{}{sheet}", place.file)),
            publisher: info.publisher.clone().unwrap_or_else(|| "（未注明）".to_owned()),
            date: info.date.clone(),
            url: info.url.clone(),
            kind,
            note: note.clone(),
            table: true,
        });
        Some(id)
    } else {
        None
    };
    let existing_sources: HashSet<String> = raw.sources.iter().map(|source| source.id.clone()).collect();
    let column_sources: Vec<String> = reading
        .sources
        .iter()
        .enumerate()
        .map(|(at, name)| {
            if existing_sources.contains(name) {
                return name.clone();
            }
            let id = source_ids.claim(&ascii_id(name).unwrap_or_else(|| format!("source-{}", at + 1)));
            raw.sources.push(RawSource {
                id: id.clone(),
                title: name.clone(),
                publisher: info.publisher.clone().unwrap_or_else(|| "（未注明）".to_owned()),
                date: info.date.clone(),
                url: info.url.clone(),
                kind,
                note: note.clone(),
                table: true,
            });
            id
        })
        .collect();
    Sources { table: table_source, columns: column_sources }
}

/// The reading's indicators as indices into `raw.indicators`: matched by
/// name and unit, else new; growth rates tied to their levels. A long
/// table's `地区生产总值增速` in % beside `地区生产总值` is its growth rate.
fn add_indicators(raw: &mut RawDataset, reading: &Reading) -> Vec<usize> {
    let by_name: HashMap<&str, usize> =
        reading.indicators.iter().enumerate().map(|(at, indicator)| (indicator.name.as_str(), at)).collect();
    let growth_of = |indicator: &ReadIndicator| {
        indicator.growth_of.or_else(|| {
            let level =
                ["增速", "增长率", "同比增长"].iter().find_map(|end| indicator.name.strip_suffix(end))?;
            let of = *by_name.get(level)?;
            (indicator.unit == "%" && reading.indicators[of].unit != "%")
                .then_some((crate::data::model::index_u32(of), false))
        })
    };
    let mut indicator_ids = Ids::with(raw.indicators.iter().map(|indicator| indicator.id.clone()));
    let known: HashMap<&str, &str> = KNOWN_IDS.iter().copied().collect();
    let mut indicators: Vec<usize> = Vec::with_capacity(reading.indicators.len());
    for (at, indicator) in reading.indicators.iter().enumerate() {
        if let Some(found) = raw
            .indicators
            .iter()
            .position(|known| known.name.zh == indicator.name && known.unit == indicator.unit)
        {
            indicators.push(found);
            continue;
        }
        let proposal = match indicator.name.strip_suffix("增速") {
            Some(level) if growth_of(indicator).is_some() => known
                .get(level)
                .map(|id| format!("{id}-growth"))
                .unwrap_or_else(|| format!("indicator-{}", at + 1)),
            _ if indicator.code.as_deref().and_then(code_id).is_some() => {
                indicator.code.as_deref().and_then(code_id).unwrap_or_default()
            }
            _ => ascii_id(&indicator.name)
                .or_else(|| known.get(indicator.name.as_str()).map(|id| (*id).to_owned()))
                .unwrap_or_else(|| format!("indicator-{}", at + 1)),
        };
        let id = indicator_ids.claim(&proposal);
        raw.indicators.push(RawIndicator {
            id,
            name: text(&indicator.name),
            unit: indicator.unit.clone(),
            view: view_of(&indicator.name).to_owned(),
            relation: RawRelation::Level,
            note: None,
            observations: Vec::new(),
            series: crate::data::raw::RawSeriesList::default(),
        });
        indicators.push(raw.indicators.len() - 1);
    }
    for (at, indicator) in reading.indicators.iter().enumerate() {
        if let Some((of, real)) = growth_of(indicator) {
            let of_id = raw.indicators[indicators[of as usize]].id.clone();
            let target = &mut raw.indicators[indicators[at]];
            if target.relation == RawRelation::Level {
                target.relation = RawRelation::Growth {
                    of: of_id,
                    basis: if real { GrowthBasis::Real } else { GrowthBasis::Unstated },
                };
            }
        }
    }
    indicators
}

/// The reading's values as observations; one the file already has with
/// the same figure is counted, one with another figure is a conflict
/// (both marked disputed, neither dropped).
fn add_values(
    raw: &mut RawDataset,
    reading: &Reading,
    place: &TablePlace,
    (regions, sources, indicators): (&[String], &Sources, &[usize]),
) -> Built {
    let mut built = Built::default();
    let mut existing: HashMap<(usize, String, String), (f64, usize)> = HashMap::new();
    for (at, indicator) in raw.indicators.iter().enumerate() {
        for (obs_at, obs) in indicator.observations.iter().enumerate() {
            existing.entry((at, obs.region.clone(), obs.period.clone())).or_insert((obs.value, obs_at));
        }
    }
    let mut disputed_in_file: Vec<(usize, usize)> = Vec::new();
    for value in &reading.values {
        let indicator_at = indicators[value.indicator as usize];
        let region = regions[value.region as usize].clone();
        let period = value.period.to_string();
        let cell = place.cell(value.row as usize, value.column as usize);
        let mut disputed = value.disputed;
        let mut disagrees = false;
        // A new file has nothing to compare with (and the lookup's key copies would cost a
        // million allocations on a large table).
        let in_file = if existing.is_empty() {
            None
        } else {
            existing.get(&(indicator_at, region.clone(), period.clone()))
        };
        if let Some(&(in_file, obs_at)) = in_file {
            if in_file == value.value {
                built.already_there += 1;
                continue;
            }
            built.conflicts.push(Conflict {
                indicator: raw.indicators[indicator_at].name.zh.clone(),
                region: reading.regions[value.region as usize].name.clone(),
                period: value.period,
                in_file,
                in_table: value.value,
                cell: cell.clone(),
            });
            disputed_in_file.push((indicator_at, obs_at));
            disputed = true;
            disagrees = true;
        }
        let source = match value.source {
            Some(at) => sources.columns[at as usize].clone(),
            None => sources.table.clone().unwrap_or_default(),
        };
        let note = match value.note {
            Some(at) => Some(format!("{}; {cell}", reading.notes[at as usize])),
            None => Some(cell),
        };
        raw.indicators[indicator_at]
            .observations
            .push(observation(value, region, period, source, disputed, note));
        if !disagrees {
            built.added += 1;
        }
    }
    for (indicator_at, obs_at) in disputed_in_file {
        if let Some(obs) = raw.indicators[indicator_at].observations.get_mut(obs_at) {
            obs.conflict = true;
        }
    }
    built
}

fn observation(
    value: &ReadValue,
    region: String,
    period: String,
    source: String,
    disputed: bool,
    note: Option<String>,
) -> RawObservation {
    RawObservation {
        region,
        period,
        value: value.value,
        source,
        quote: None,
        status: value.status,
        qualifier: value.qualifier,
        conflict: disputed,
        series_break: value.series_break,
        note,
    }
}
