//! The validated dataset the rest of the app trusts.
//!
//! Only [`super::validate`] builds a [`Dataset`]: every reference is an index
//! that is known to be in range, every value is finite and within the range
//! its unit allows, and no (indicator, region, period) appears twice. Code
//! downstream reads it without re-checking anything.

// No index can be out of range here: lookups go through `get` or the
// checked accessors, and a slice is taken only of what was just measured.
#![deny(clippy::indexing_slicing)]

use std::sync::Arc;

pub use super::period::{Period, PeriodKind, PeriodPart};
pub use super::raw::{GrowthBasis, Qualifier, SourceKind, Status};

impl SourceKind {
    /// How the kind is shown beside a value.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Official => lang.tr("官方发布", "official"),
            Self::OfficialCopy => lang.tr("官方文件转录", "copy of an official document"),
            Self::Newspaper => lang.tr("报纸", "newspaper"),
            Self::NewsRepost => lang.tr("新闻转载", "news repost"),
            Self::Aggregator => lang.tr("聚合网站", "aggregator"),
            Self::Synthetic => lang.tr("合成测试数据", "synthetic test data"),
        }
    }
}

impl Status {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Reported => lang.tr("来源所述", "reported"),
            Self::Derived => lang.tr("推算", "derived"),
            Self::Estimate => lang.tr("来源预计", "source's estimate"),
        }
    }
}
use crate::i18n::Lang;

/// A name in Chinese, with English where the file gives it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Text {
    pub zh: String,
    pub en: Option<String>,
}

impl Text {
    /// The name in `lang`, falling back to Chinese when there is no English.
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.en) {
            (Lang::En, Some(en)) => en,
            _ => &self.zh,
        }
    }
}

/// Index of a region in [`Dataset::regions`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegionIx(pub u32);
/// Index of a source in [`Dataset::sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceIx(pub u32);
/// Index of an indicator in [`Dataset::indicators`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IndicatorIx(pub u32);

#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    pub id: String,
    pub name: Text,
    pub parent: Option<RegionIx>,
    /// Its regions in the file add up to it (see [`crate::data::raw::RawRegion::partitioned`]).
    pub partitioned: bool,
    /// A group of other regions, never ranked among them (see [`crate::data::raw::RawRegion::aggregate`]).
    pub aggregate: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub date: Option<String>,
    /// Always `http://` or `https://` when present.
    pub url: Option<String>,
    pub kind: SourceKind,
    pub note: Option<String>,
    /// A statistical table whose values' notes name their cells (see [`crate::data::raw::RawSource::table`]).
    pub table: bool,
}

/// The dashboard view (tab) an indicator, list or chart belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum View {
    Overview,
    Output,
    Finance,
    Clusters,
    Enterprises,
    Commerce,
    /// The chart builder's tab: only charts a user made go there.
    Custom,
}

impl View {
    /// The views indicators and lists belong to (not [`View::Custom`]).
    pub const ALL: [Self; 6] =
        [Self::Overview, Self::Output, Self::Finance, Self::Clusters, Self::Enterprises, Self::Commerce];

    /// The word used in data files.
    pub fn id(self) -> &'static str {
        match self {
            Self::Overview => "overview",
            Self::Output => "output",
            Self::Finance => "finance",
            Self::Clusters => "clusters",
            Self::Enterprises => "enterprises",
            Self::Commerce => "commerce",
            Self::Custom => "custom",
        }
    }

    /// One of [`View::ALL`] by its word in data files.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|view| view.id() == id)
    }

    /// The view's name, as its tab shows it.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Overview => lang.tr("概览", "Overview"),
            Self::Output => lang.tr("经济总量", "Economic output"),
            Self::Finance => lang.tr("金融", "Finance"),
            Self::Clusters => lang.tr("产业集群", "Industry clusters"),
            Self::Enterprises => lang.tr("企业与创新", "Enterprises & innovation"),
            Self::Commerce => lang.tr("商贸", "Commerce & trade"),
            Self::Custom => lang.tr("自定义图表", "Custom charts"),
        }
    }
}

/// What kind of quantity a unit denotes; decides which values are sane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    /// 元, 万元, 亿元, 万亿元.
    Money,
    Percent,
    /// Whole things: 家, 条, 个, 项.
    Count,
    /// A position, 1 being first: 位.
    Rank,
    /// People: 人, 万人.
    People,
    /// Anything else, shown as written.
    Other,
}

/// A unit as the source writes it, with its English rendering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub zh: String,
}

impl Unit {
    pub fn kind(&self) -> UnitKind {
        match self.zh.as_str() {
            "元" | "万元" | "亿元" | "万亿元" => UnitKind::Money,
            // `% of GDP`, `% of EU27 (2020) average`: percentages of something named.
            "%" => UnitKind::Percent,
            unit if unit.starts_with("% ") => UnitKind::Percent,
            "家" | "条" | "个" | "项" | "座" | "处" => UnitKind::Count,
            "位" => UnitKind::Rank,
            "人" | "万人" => UnitKind::People,
            _ => UnitKind::Other,
        }
    }

    /// The unit in `lang`; units without a translation are shown as written.
    pub fn label(&self, lang: Lang) -> &str {
        if lang == Lang::Zh {
            return &self.zh;
        }
        match self.zh.as_str() {
            "元" => "yuan",
            "万元" => "10k yuan",
            "亿元" => "100m yuan",
            "万亿元" => "trillion yuan",
            "家" => "firms",
            "条" => "streets",
            "个" => "units",
            "项" => "items",
            "位" => "rank",
            "人" => "people",
            "万人" => "10k people",
            other => other,
        }
    }
}

/// What an indicator measures relative to others.
#[derive(Clone, Debug, PartialEq)]
pub enum Relation {
    Level,
    Growth { of: IndicatorIx, basis: GrowthBasis },
    Share { part: IndicatorIx, whole: IndicatorIx, whole_region: Option<RegionIx> },
    Rank { of: IndicatorIx, among: RegionIx },
}

/// A quote or note in [`Dataset::texts`]. Four bytes instead of a pointer
/// pair: a national file holds millions of observations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TextId(std::num::NonZeroU32);

impl TextId {
    /// The id of the `at`-th text (0-based).
    pub(crate) fn from_index(at: usize) -> Self {
        Self(std::num::NonZeroU32::MIN.saturating_add(index_u32(at)))
    }

    pub(crate) fn index(self) -> usize {
        (self.0.get() - 1) as usize
    }
}

/// One value, where it came from and how. 32 bytes: the whole dataset of a
/// country's counties (2.85M values) fits in under 100 MB.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    pub value: f64,
    pub region: RegionIx,
    pub period: Period,
    pub source: SourceIx,
    /// The words of the source, in [`Dataset::text`].
    pub quote: Option<TextId>,
    /// How a derived value was computed, a unit conversion, a caveat.
    pub note: Option<TextId>,
    pub status: Status,
    pub qualifier: Qualifier,
    /// Another source gives a different value for the same period; both are kept.
    pub conflict: bool,
    /// The series breaks here: no line from the value before (see [`crate::data::raw::RawObservation::series_break`]).
    pub series_break: bool,
}

// Memory for a national file grows with this size (see the README's Performance section).
const _: () = assert!(std::mem::size_of::<Observation>() <= 32, "an Observation must stay within 32 bytes");

/// What an indicator is, apart from its values.
pub struct IndicatorHead {
    pub id: String,
    pub name: Text,
    pub unit: Unit,
    pub view: View,
    pub relation: Relation,
    pub note: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub name: Text,
    pub unit: Unit,
    pub view: View,
    pub relation: Relation,
    /// Shown under the indicator's charts: what the figure covers.
    pub note: Option<Text>,
    /// Sorted by (region, period); never empty. Two entries share a period
    /// only when sources disagree and both are marked `conflict`.
    observations: Vec<Observation>,
    /// Where each region's values start in `observations` (one entry per
    /// region of the dataset, and one past the end), so a region's series is
    /// found without a search: charts ask for thousands of them.
    starts: Vec<u32>,
}

impl Indicator {
    /// An indicator with `observations` sorted by (region, period), for a
    /// dataset of `region_count` regions.
    pub fn new(head: IndicatorHead, mut observations: Vec<Observation>, region_count: usize) -> Self {
        observations.sort_by_key(|obs| (obs.region, obs.period));
        let mut starts = Vec::with_capacity(region_count + 1);
        let mut at = 0;
        for region in 0..=region_count {
            while observations.get(at).is_some_and(|obs| (obs.region.0 as usize) < region) {
                at += 1;
            }
            starts.push(index_u32(at));
        }
        let IndicatorHead { id, name, unit, view, relation, note } = head;
        Self { id, name, unit, view, relation, note, observations, starts }
    }

    /// Every value, sorted by (region, period).
    pub fn observations(&self) -> &[Observation] {
        &self.observations
    }

    /// This indicator's values for one region, in time order.
    pub fn series(&self, region: RegionIx) -> &[Observation] {
        let at = region.0 as usize;
        match (self.starts.get(at), self.starts.get(at + 1)) {
            (Some(&start), Some(&end)) => {
                self.observations.get(start as usize..end as usize).unwrap_or_default()
            }
            _ => &[],
        }
    }

    /// The value for one region and period, if the file has it.
    pub fn get(&self, region: RegionIx, period: Period) -> Option<&Observation> {
        let series = self.series(region);
        series.binary_search_by(|obs| obs.period.cmp(&period)).ok().and_then(|at| series.get(at))
    }

    /// The latest observation for a region.
    pub fn latest(&self, region: RegionIx) -> Option<&Observation> {
        self.series(region).last()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ListItem {
    pub name: Text,
    pub detail: Option<String>,
    pub indicators: Vec<IndicatorIx>,
}

/// A list a source gives as text (strategies, industries, named firms).
#[derive(Clone, Debug, PartialEq)]
pub struct TextList {
    pub id: String,
    pub name: Text,
    pub region: RegionIx,
    pub view: View,
    pub source: SourceIx,
    pub quote: Option<String>,
    pub items: Vec<ListItem>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub(in crate::data) title: Text,
    pub(in crate::data) focus_region: RegionIx,
    pub(in crate::data) regions: Vec<Region>,
    pub(in crate::data) sources: Vec<Source>,
    pub(in crate::data) indicators: Vec<Indicator>,
    pub(in crate::data) lists: Vec<TextList>,
    /// Charts a user made and saved with the data.
    pub(in crate::data) charts: Vec<super::saved_chart::SavedChart>,
    /// Observations' quotes and notes; all values of a series share one entry for its quote.
    pub(in crate::data) texts: Vec<Arc<str>>,
}

/// The model's parts are read through these; only the data module (where
/// validation builds a dataset) can set them, so every index a dataset holds
/// was checked against its list.
impl Dataset {
    pub fn title(&self) -> &Text {
        &self.title
    }

    /// The region the dashboard is about.
    pub fn focus_region(&self) -> RegionIx {
        self.focus_region
    }

    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    pub fn lists(&self) -> &[TextList] {
        &self.lists
    }

    /// Charts a user made and saved with the data.
    pub fn charts(&self) -> &[super::saved_chart::SavedChart] {
        &self.charts
    }

    /// Observations' quotes and notes.
    pub fn texts(&self) -> &[Arc<str>] {
        &self.texts
    }

    /// Makes `region` the region the data is about; `false` (and nothing
    /// changes) if it is not one of the dataset's regions.
    pub fn set_focus(&mut self, region: RegionIx) -> bool {
        let known = (region.0 as usize) < self.regions.len();
        if known {
            self.focus_region = region;
        }
        known
    }

    /// A dataset of one unnamed region and nothing else: what the window
    /// shows when even the embedded data could not load (its tests rule
    /// that out), so it still opens and shows the error.
    pub fn placeholder() -> Self {
        Self {
            title: Text { zh: "EconLens".to_owned(), en: None },
            focus_region: RegionIx(0),
            regions: vec![Region {
                id: "none".to_owned(),
                name: Text { zh: "—".to_owned(), en: None },
                parent: None,
                partitioned: false,
                aggregate: false,
            }],
            sources: Vec::new(),
            indicators: Vec::new(),
            lists: Vec::new(),
            charts: Vec::new(),
            texts: Vec::new(),
        }
    }
}

impl Dataset {
    /// A quote or note of an observation.
    pub fn text(&self, id: TextId) -> &str {
        self.texts.get(id.index()).map_or("", |text| text)
    }

    /// An observation's quote: the source's own words.
    pub fn quote_of(&self, obs: &Observation) -> Option<&str> {
        obs.quote.map(|id| self.text(id))
    }

    /// An observation's note: how it was derived, a conversion, a caveat.
    pub fn note_of(&self, obs: &Observation) -> Option<&str> {
        obs.note.map(|id| self.text(id))
    }

    #[expect(
        clippy::indexing_slicing,
        reason = "indices come from validation, which checks each against its list"
    )]
    pub fn region(&self, ix: RegionIx) -> &Region {
        &self.regions[ix.0 as usize]
    }

    #[expect(
        clippy::indexing_slicing,
        reason = "indices come from validation, which checks each against its list"
    )]
    pub fn source(&self, ix: SourceIx) -> &Source {
        &self.sources[ix.0 as usize]
    }

    #[expect(
        clippy::indexing_slicing,
        reason = "indices come from validation, which checks each against its list"
    )]
    pub fn indicator(&self, ix: IndicatorIx) -> &Indicator {
        &self.indicators[ix.0 as usize]
    }

    pub fn indicator_by_id(&self, id: &str) -> Option<(IndicatorIx, &Indicator)> {
        self.indicators
            .iter()
            .enumerate()
            .find(|(_, indicator)| indicator.id == id)
            .map(|(at, indicator)| (IndicatorIx(index_u32(at)), indicator))
    }

    pub fn region_by_id(&self, id: &str) -> Option<RegionIx> {
        self.regions.iter().position(|region| region.id == id).map(|at| RegionIx(index_u32(at)))
    }

    /// Regions whose parent is `parent`, in file order.
    pub fn children(&self, parent: RegionIx) -> impl Iterator<Item = RegionIx> + '_ {
        self.regions
            .iter()
            .enumerate()
            .filter(move |(_, region)| region.parent == Some(parent))
            .map(|(at, _)| RegionIx(index_u32(at)))
    }

    pub fn observation_count(&self) -> usize {
        self.indicators.iter().map(|indicator| indicator.observations().len()).sum()
    }

    /// The earliest and latest period of any observation.
    pub fn period_range(&self) -> Option<(Period, Period)> {
        super::period::span(
            self.indicators
                .iter()
                .flat_map(|indicator| indicator.observations().iter().map(|obs| obs.period)),
        )
    }
}

/// Converts an index into the dataset to its stored form. It always fits:
/// a record takes more than one byte of text and files are capped well below
/// 4 GiB, so no list holds more than `u32::MAX` records.
pub(crate) fn index_u32(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}
