//! Charts a user made in the chart builder and saved with the data, as the
//! rest of the app trusts them once [`super::validate`] has checked them:
//! every id resolves, every period parses and is of the chart's kind.

use super::model::{IndicatorIx, Period, PeriodKind, RegionIx, Text, View};
pub use super::raw::Shape;

/// What a chart does to its values before drawing them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartTransform {
    /// The values as the sources state them.
    AsStated,
    /// The change on the previous period: % for levels, percentage points for percentages.
    Change,
    /// Each value as an index of the value in `base` (= 100).
    Index { base: Period },
    /// Average annual growth (CAGR) from the first to the last period drawn, one value per region.
    AverageGrowth,
    /// Each value as a share of the same value of the region's parent.
    ShareOfParent,
    /// Each value as a share of the same value of another region.
    ShareOf(RegionIx),
    /// Each value less the same value of another region.
    DifferenceFrom(RegionIx),
}

/// Which values a chart draws and how.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpec {
    pub indicator: IndicatorIx,
    pub regions: Vec<RegionIx>,
    pub kind: PeriodKind,
    /// The first and last period drawn; all of `kind` when `None`.
    pub from: Option<Period>,
    pub to: Option<Period>,
    pub shape: Shape,
    pub transform: ChartTransform,
}

impl ChartSpec {
    /// Whether `period` is one the chart draws.
    pub fn includes(&self, period: Period) -> bool {
        period.kind() == self.kind
            && self.from.is_none_or(|from| period >= from)
            && self.to.is_none_or(|to| period <= to)
    }
}

/// A chart saved in the data file's `charts` section.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedChart {
    pub id: String,
    pub title: Text,
    /// The tab it appears in ([`View::Custom`] for the chart builder's tab).
    pub view: View,
    pub spec: ChartSpec,
}
