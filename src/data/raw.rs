//! The serde mirror of a version-1 EconLens data file.
//!
//! These types follow the RON text one to one and check nothing beyond what
//! serde itself can: every reference between records, every range and every
//! uniqueness rule is checked once, in [`super::validate`], which turns a
//! [`RawDataset`] into the trusted [`super::model::Dataset`]. The format is
//! documented in `assets/data/FORMAT.md`.

use serde::{Deserialize, Serialize};

pub use super::period::PeriodKind;
pub use super::raw_series::{RawSeries, RawSeriesList};

/// The only format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole data file.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawDataset {
    pub version: u32,
    pub title: RawText,
    /// The region the dashboard is about; highlighted in comparisons.
    pub focus_region: String,
    pub regions: Vec<RawRegion>,
    pub sources: Vec<RawSource>,
    pub indicators: Vec<RawIndicator>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lists: Vec<RawList>,
    /// Charts made in the chart builder and saved with the data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub charts: Vec<RawChart>,
}

/// A chart a user made and saved with the data: which values, of which
/// regions and periods, drawn how and transformed how.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawChart {
    pub id: String,
    pub title: RawText,
    /// `"custom"` for the Custom charts tab, or one of the views (`"output"`, …).
    pub view: String,
    pub indicator: String,
    pub regions: Vec<String>,
    /// Which kind of period: `Year`, `Half` or `Quarter`.
    pub periods: PeriodKind,
    /// The first and last period drawn (`"2018"`, `"2023Q4"`); all when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    pub shape: Shape,
    #[serde(default, skip_serializing_if = "Transform::is_as_stated")]
    pub transform: Transform,
}

/// How a saved chart draws its values.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
pub enum Shape {
    #[default]
    Lines,
    Bars,
}

/// What a chart does to its values before drawing them. Every value it
/// computes is marked derived and carries its formula.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum Transform {
    /// The values as the sources state them.
    #[default]
    AsStated,
    /// The change on the previous period: % for levels, percentage points for percentages.
    Change,
    /// Each value as an index of the value in `base` (= 100).
    Index { base: String },
    /// Average annual growth (CAGR) from the first to the last period drawn, one value per region.
    AverageGrowth,
    /// Each value as a share of the same value of the region's parent.
    ShareOfParent,
    /// Each value as a share of the same value of `region`.
    ShareOf { region: String },
    /// Each value less the same value of `region`.
    DifferenceFrom { region: String },
}

impl Transform {
    pub fn is_as_stated(&self) -> bool {
        *self == Self::AsStated
    }
}

/// A name in Chinese with an optional English rendering.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    pub zh: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

/// A note shown with a chart: one text as written, or `(zh: …, en: …)`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum RawNote {
    Plain(String),
    Both(RawText),
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    pub id: String,
    pub name: RawText,
    /// The region this one belongs to (a district's city), if it is in the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The regions the file puts under this one make up all of it, with no
    /// overlap (a city's districts, not its functional zones): the audit adds them up.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partitioned: bool,
    /// A group of other regions (World, Euro area, an income group) that a
    /// publisher lists beside them: drawn, but never ranked among them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub aggregate: bool,
}

/// How far a source is from the body that produced the figure (also
/// `econlens import --kind`: official, official-copy, newspaper, …).
#[derive(
    Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum,
)]
pub enum SourceKind {
    /// A page of the statistics bureau or government itself.
    Official,
    /// A copy of an official document (bulletin, yearbook, work report) on another site.
    OfficialCopy,
    /// A newspaper article or feature.
    Newspaper,
    /// A news article reposted by another site.
    NewsRepost,
    /// An aggregator or encyclopedia page citing others.
    Aggregator,
    /// Made up by a generator for testing and benchmarks; never real data.
    Synthetic,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: String,
    pub title: String,
    /// Publisher, newspaper or web site.
    pub publisher: String,
    /// Publication date as the source gives it (`2024-06`, `2023-02-11`), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub kind: SourceKind,
    /// Caveats a reader should know (unverified, converted characters, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The source is a statistical table and each of its values' notes names
    /// the cell it was read from: the cell stands for the quote.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub table: bool,
}

/// What an indicator measures relative to other indicators.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum RawRelation {
    /// A level or count in its own right.
    #[default]
    Level,
    /// Year-on-year growth of indicator `of` in the same region.
    Growth { of: String, basis: GrowthBasis },
    /// `part` in this region as a percentage of `whole` in `whole_region`
    /// (the same region when absent).
    Share {
        part: String,
        whole: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        whole_region: Option<String>,
    },
    /// Rank of indicator `of` among the regions of `among` (1 is first).
    Rank { of: String, among: String },
}

/// Whether a stated growth rate is real (constant prices) or nominal.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub enum GrowthBasis {
    Real,
    Nominal,
    /// The source does not say.
    Unstated,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub id: String,
    pub name: RawText,
    /// Unit as written in Chinese sources: `亿元`, `万亿元`, `%`, `家`, `位`, ...
    pub unit: String,
    /// The dashboard view this indicator belongs to (see `VIEWS`).
    pub view: String,
    #[serde(default, skip_serializing_if = "is_level")]
    pub relation: RawRelation,
    /// What the figure covers, when the name alone could mislead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<RawNote>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub observations: Vec<RawObservation>,
    #[serde(default, skip_serializing_if = "RawSeriesList::is_empty")]
    pub series: RawSeriesList,
}

fn is_level(relation: &RawRelation) -> bool {
    *relation == RawRelation::Level
}

/// How a value came to be.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
pub enum Status {
    /// Stated by the source.
    #[default]
    Reported,
    /// Computed from other stated figures; the note says how.
    Derived,
    /// The source itself calls it an estimate (预计, 初步).
    Estimate,
}

/// One value with its own source and quote.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawObservation {
    pub region: String,
    /// `2023`, `2024H1`, `2024Q3`.
    pub period: String,
    pub value: f64,
    pub source: String,
    /// The words of the source the value was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(default, skip_serializing_if = "is_reported")]
    pub status: Status,
    /// Whether the source gives the value as exact, a lower bound or approximate.
    #[serde(default, skip_serializing_if = "is_exact")]
    pub qualifier: Qualifier,
    /// Set on each of two or more values for the same period from sources
    /// that disagree: all are kept and shown as a conflict.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub conflict: bool,
    /// The series breaks here (the source's method or coverage changed, as
    /// Eurostat's flag `b` says): a line is not joined from the value before.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub series_break: bool,
    /// How a derived value was computed, a unit conversion, a caveat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[expect(clippy::trivially_copy_pass_by_ref, reason = "serde's skip_serializing_if passes a reference")]
pub(super) fn is_reported(status: &Status) -> bool {
    *status == Status::Reported
}

#[expect(clippy::trivially_copy_pass_by_ref, reason = "serde's skip_serializing_if passes a reference")]
fn is_exact(qualifier: &Qualifier) -> bool {
    *qualifier == Qualifier::Exact
}

/// How precisely the source states a value.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
pub enum Qualifier {
    #[default]
    Exact,
    /// "突破", "超过": the true value is above the number given.
    Over,
    /// "约", "左右": the number is approximate.
    About,
}

/// A list a source gives as text: strategies, industries, named firms, parks.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawList {
    pub id: String,
    pub name: RawText,
    pub region: String,
    pub view: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    pub items: Vec<RawListItem>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawListItem {
    pub name: RawText,
    /// What the source says about the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Indicators whose figures describe this item (a leading industry's counts).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<String>,
}

/// Reads just the `version` field, to explain a file of another version
/// instead of reporting the first field it does not recognise.
#[derive(Deserialize)]
pub struct VersionProbe {
    pub version: u32,
}
