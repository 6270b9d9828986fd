//! The chart builder's state, apart from drawing: what the user chose (kept
//! by id, so reloading the same file keeps the choices), the region list
//! filtered as they type, and the chart those choices give, rebuilt only
//! when a choice or the data changes.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::chart::Chart;
use crate::chart::custom::{build_custom, default_title};
use crate::data::model::{Dataset, IndicatorIx, Period, PeriodKind, RegionIx, Text, View};
use crate::data::saved_chart::{ChartSpec, ChartTransform, SavedChart, Shape};
use crate::i18n::Message;

/// The transforms the builder offers, without their parameters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TransformChoice {
    #[default]
    AsStated,
    Change,
    Index,
    AverageGrowth,
    ShareOfParent,
    ShareOf,
    DifferenceFrom,
}

impl TransformChoice {
    pub const ALL: [Self; 7] = [
        Self::AsStated,
        Self::Change,
        Self::Index,
        Self::AverageGrowth,
        Self::ShareOfParent,
        Self::ShareOf,
        Self::DifferenceFrom,
    ];

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Self::AsStated => lang.tr("来源所述数值", "As stated"),
            Self::Change => lang.tr("比上期变化（%）", "Change on previous period (%)"),
            Self::Index => lang.tr("指数（基期 = 100）", "Index (base period = 100)"),
            Self::AverageGrowth => lang.tr("年均增速（范围内）", "Average annual growth over the range"),
            Self::ShareOfParent => lang.tr("占上级地区比重", "Share of the parent region"),
            Self::ShareOf => lang.tr("占某一地区比重", "Share of a chosen region"),
            Self::DifferenceFrom => lang.tr("与某一地区之差", "Difference from a chosen region"),
        }
    }

    /// Whether the transform compares with a chosen region.
    pub fn needs_region(self) -> bool {
        matches!(self, Self::ShareOf | Self::DifferenceFrom)
    }
}

/// What the user chose.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    pub indicator: Option<String>,
    pub regions: Vec<String>,
    pub kind: Option<PeriodKind>,
    pub from: Option<Period>,
    pub to: Option<Period>,
    pub shape: Shape,
    pub transform: TransformChoice,
    pub base: Option<Period>,
    pub other_region: Option<String>,
    /// The title as the user edited it; `None` while it follows the choices.
    pub title: Option<Text>,
    pub view: Option<View>,
    /// The saved chart being edited, whose id a save keeps.
    pub editing: Option<String>,
}

/// A spec and the chart it gives, or what is still missing.
type Built = Result<(ChartSpec, Arc<Chart>), Message>;

/// What the choices imply, worked out once per change rather than every
/// frame (a chart of 2,850 regions has 71,000 values to look through): the
/// indicator and regions found in the data, the kinds of period they have,
/// the kind chosen and its periods.
#[derive(Default)]
pub struct Choices {
    pub indicator: Option<IndicatorIx>,
    /// The chosen regions the data has, in the order chosen.
    pub regions: Vec<RegionIx>,
    /// The same, sorted, to tell quickly whether a region is chosen.
    sorted: Vec<RegionIx>,
    pub kinds: Vec<PeriodKind>,
    pub kind: Option<PeriodKind>,
    pub periods: Vec<Period>,
}

impl Choices {
    fn new(dataset: &Dataset, draft: &Draft) -> Self {
        let indicator =
            draft.indicator.as_deref().and_then(|id| dataset.indicator_by_id(id)).map(|(ix, _)| ix);
        let regions: Vec<RegionIx> = draft.regions.iter().filter_map(|id| dataset.region_by_id(id)).collect();
        let mut sorted = regions.clone();
        sorted.sort_unstable();
        let kinds = indicator.map(|ix| kinds(dataset, ix, &regions)).unwrap_or_default();
        let kind = draft.kind.filter(|kind| kinds.contains(kind)).or_else(|| kinds.first().copied());
        let periods = match (indicator, kind) {
            (Some(ix), Some(kind)) => periods(dataset, ix, &regions, kind),
            _ => Vec::new(),
        };
        Self { indicator, regions, sorted, kinds, kind, periods }
    }

    /// The chosen regions, sorted (to look one up by binary search).
    pub fn sorted(&self) -> &[RegionIx] {
        &self.sorted
    }
}

/// What the choices depend on: the data and the draft's indicator, regions and kind.
type ChoicesKey = (u64, Option<String>, Vec<String>, Option<PeriodKind>);

pub struct CustomState {
    pub draft: Draft,
    pub indicator_filter: String,
    pub region_filter: String,
    pub other_filter: String,
    /// Regions whose name or id contains the filter, for the generation and filter given.
    matches: Vec<RegionIx>,
    matches_key: Option<(u64, String)>,
    /// The chart (or what is missing) for the data generation and choices in `built_for`.
    built: Built,
    built_for: Option<(u64, Draft)>,
    choices: Choices,
    choices_for: Option<ChoicesKey>,
}

impl Default for CustomState {
    fn default() -> Self {
        Self {
            draft: Draft::default(),
            indicator_filter: String::new(),
            region_filter: String::new(),
            other_filter: String::new(),
            matches: Vec::new(),
            matches_key: None,
            built: Err(Message::new("请选择一个指标。", "Choose an indicator.")),
            built_for: None,
            choices: Choices::default(),
            choices_for: None,
        }
    }
}

/// The id a preview chart has until it is saved.
pub const PREVIEW_ID: &str = "custom-preview";

impl CustomState {
    /// The regions matching the filter, cached per data and filter text.
    pub fn region_matches(&mut self, dataset: &Dataset, generation: u64) -> &[RegionIx] {
        let filter = self.region_filter.trim().to_lowercase();
        if self.matches_key.as_ref() != Some(&(generation, filter.clone())) {
            self.matches = dataset
                .regions()
                .iter()
                .enumerate()
                .filter(|(_, region)| {
                    filter.is_empty()
                        || region.id.to_lowercase().contains(&filter)
                        || region.name.zh.contains(&filter)
                        || region.name.en.as_deref().is_some_and(|en| en.to_lowercase().contains(&filter))
                })
                .map(|(at, _)| RegionIx(crate::data::model::index_u32(at)))
                .collect();
            self.matches_key = Some((generation, filter));
        }
        &self.matches
    }

    /// What the current choices imply, recomputed only when they or the data changed.
    pub fn choices(&mut self, dataset: &Dataset, generation: u64) -> &Choices {
        let draft = &self.draft;
        let fresh = self.choices_for.as_ref().is_some_and(|(built_for, indicator, regions, kind)| {
            *built_for == generation
                && *indicator == draft.indicator
                && *regions == draft.regions
                && *kind == draft.kind
        });
        if !fresh {
            self.choices = Choices::new(dataset, draft);
            self.choices_for = Some((generation, draft.indicator.clone(), draft.regions.clone(), draft.kind));
        }
        &self.choices
    }

    /// The chart the current choices give (or what is missing), rebuilt
    /// only when they or the data changed.
    pub fn refresh(&mut self, dataset: &Dataset, generation: u64) -> &Built {
        let stale = self
            .built_for
            .as_ref()
            .is_none_or(|(built_for, draft)| *built_for != generation || *draft != self.draft);
        if stale {
            self.built = self.spec(dataset).map(|spec| {
                let title = self.title(dataset, &spec);
                let chart = build_custom(dataset, PREVIEW_ID, &title, View::Custom, &spec);
                (spec, Arc::new(chart))
            });
            self.built_for = Some((generation, self.draft.clone()));
        }
        &self.built
    }

    /// The title: as edited, or made from the choices.
    pub fn title(&self, dataset: &Dataset, spec: &ChartSpec) -> Text {
        self.draft.title.clone().unwrap_or_else(|| default_title(dataset, spec))
    }

    /// The choices as a spec, or what is missing.
    pub fn spec(&self, dataset: &Dataset) -> Result<ChartSpec, Message> {
        let draft = &self.draft;
        let Some((indicator, _)) = draft.indicator.as_deref().and_then(|id| dataset.indicator_by_id(id))
        else {
            return Err(Message::new("请选择一个指标。", "Choose an indicator."));
        };
        let regions: Vec<RegionIx> = draft.regions.iter().filter_map(|id| dataset.region_by_id(id)).collect();
        if regions.is_empty() {
            return Err(Message::new("请选择至少一个地区。", "Choose at least one region."));
        }
        let kind = draft
            .kind
            .or_else(|| kinds(dataset, indicator, &regions).first().copied())
            .unwrap_or(PeriodKind::Year);
        let other = || draft.other_region.as_deref().and_then(|id| dataset.region_by_id(id));
        let transform = match draft.transform {
            TransformChoice::AsStated => ChartTransform::AsStated,
            TransformChoice::Change => ChartTransform::Change,
            TransformChoice::AverageGrowth => ChartTransform::AverageGrowth,
            TransformChoice::ShareOfParent => ChartTransform::ShareOfParent,
            TransformChoice::Index => match draft.base.filter(|base| base.kind() == kind) {
                Some(base) => ChartTransform::Index { base },
                None => return Err(Message::new("请选择指数的基期。", "Choose the index's base period.")),
            },
            TransformChoice::ShareOf => match other() {
                Some(region) => ChartTransform::ShareOf(region),
                None => {
                    return Err(Message::new("请选择用来比较的地区。", "Choose the region to compare with."));
                }
            },
            TransformChoice::DifferenceFrom => match other() {
                Some(region) => ChartTransform::DifferenceFrom(region),
                None => {
                    return Err(Message::new("请选择用来比较的地区。", "Choose the region to compare with."));
                }
            },
        };
        Ok(ChartSpec {
            indicator,
            regions,
            kind,
            from: draft.from.filter(|from| from.kind() == kind),
            to: draft.to.filter(|to| to.kind() == kind),
            shape: draft.shape,
            transform,
        })
    }

    /// The chart as it would be saved, with its id: the edited chart's, or a
    /// new one no other chart has.
    pub fn to_saved(&self, dataset: &Dataset, taken: &[String]) -> Result<SavedChart, Message> {
        let spec = self.spec(dataset)?;
        let title = self.title(dataset, &spec);
        let id = match &self.draft.editing {
            Some(id) => id.clone(),
            None => {
                let stem = format!("custom-{}", dataset.indicator(spec.indicator).id);
                (1..).map(|n| format!("{stem}-{n}")).find(|id| !taken.contains(id)).unwrap_or(stem)
            }
        };
        Ok(SavedChart { id, title, view: self.draft.view.unwrap_or(View::Custom), spec })
    }

    /// Puts a saved chart's choices in the builder, to change and save again.
    pub fn edit(&mut self, dataset: &Dataset, saved: &SavedChart) {
        let spec = &saved.spec;
        let region_id = |region: RegionIx| dataset.region(region).id.clone();
        let (transform, base, other_region) = match spec.transform {
            ChartTransform::AsStated => (TransformChoice::AsStated, None, None),
            ChartTransform::Change => (TransformChoice::Change, None, None),
            ChartTransform::Index { base } => (TransformChoice::Index, Some(base), None),
            ChartTransform::AverageGrowth => (TransformChoice::AverageGrowth, None, None),
            ChartTransform::ShareOfParent => (TransformChoice::ShareOfParent, None, None),
            ChartTransform::ShareOf(region) => (TransformChoice::ShareOf, None, Some(region_id(region))),
            ChartTransform::DifferenceFrom(region) => {
                (TransformChoice::DifferenceFrom, None, Some(region_id(region)))
            }
        };
        self.draft = Draft {
            indicator: Some(dataset.indicator(spec.indicator).id.clone()),
            regions: spec.regions.iter().map(|&region| region_id(region)).collect(),
            kind: Some(spec.kind),
            from: spec.from,
            to: spec.to,
            shape: spec.shape,
            transform,
            base,
            other_region,
            title: Some(saved.title.clone()),
            view: Some(saved.view),
            editing: Some(saved.id.clone()),
        };
    }
}

/// The period kinds the indicator has for these regions, years first.
pub fn kinds(dataset: &Dataset, indicator: IndicatorIx, regions: &[RegionIx]) -> Vec<PeriodKind> {
    let indicator = dataset.indicator(indicator);
    let kinds: BTreeSet<PeriodKind> = regions
        .iter()
        .flat_map(|&region| indicator.series(region).iter().map(|obs| obs.period.kind()))
        .collect();
    kinds.into_iter().collect()
}

/// The periods of `kind` the indicator has for these regions, in order.
pub fn periods(
    dataset: &Dataset,
    indicator: IndicatorIx,
    regions: &[RegionIx],
    kind: PeriodKind,
) -> Vec<Period> {
    let indicator = dataset.indicator(indicator);
    let periods: BTreeSet<Period> = regions
        .iter()
        .flat_map(|&region| indicator.series(region).iter().map(|obs| obs.period))
        .filter(|period| period.kind() == kind)
        .collect();
    periods.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    #[test]
    fn choices_make_a_chart_and_say_what_is_missing() {
        let dataset = load_embedded().expect("embedded");
        let mut state = CustomState::default();
        assert!(state.refresh(&dataset, 0).is_err(), "nothing chosen yet");
        state.draft.indicator = Some("gdp".into());
        let missing = state.refresh(&dataset, 0).as_ref().expect_err("regions are missing");
        assert_eq!(missing.zh, "请选择至少一个地区。");
        state.draft.regions = vec!["shizhong".into(), "lixia".into()];
        state.draft.transform = TransformChoice::Index;
        state.draft.base = Period::parse("2021");
        let (spec, chart) = state.refresh(&dataset, 0).as_ref().expect("a chart");
        assert_eq!(spec.transform, ChartTransform::Index { base: Period::year(2021) });
        assert_eq!(chart.title.zh, "市中区、历下区 地区生产总值（指数，2021=100）");
        let saved = state.to_saved(&dataset, &["custom-gdp-1".to_owned()]).expect("savable");
        assert_eq!(saved.id, "custom-gdp-2", "an id no chart has");
    }

    #[test]
    fn the_region_filter_matches_names_and_ids() {
        let dataset = load_embedded().expect("embedded");
        let mut state = CustomState { region_filter: "历".into(), ..CustomState::default() };
        let names: Vec<&str> = state
            .region_matches(&dataset, 0)
            .iter()
            .map(|&region| dataset.region(region).name.zh.as_str())
            .collect();
        assert_eq!(names, ["历下区", "历城区"]);
    }
}
