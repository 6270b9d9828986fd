//! The trusted model written back as raw RON types, so a dataset can be
//! saved and read again unchanged (the round-trip test relies on it).

use super::model::{Dataset, Indicator, RegionIx, Relation, Text, TextList};
use super::raw::{
    FORMAT_VERSION, RawChart, RawDataset, RawIndicator, RawList, RawListItem, RawNote, RawObservation,
    RawRegion, RawRelation, RawSeriesList, RawSource, RawText, Transform,
};
use super::saved_chart::{ChartTransform, SavedChart};

fn raw_text(text: &Text) -> RawText {
    RawText { zh: text.zh.clone(), en: text.en.clone() }
}

/// Every value becomes one `observations` entry with its own quote.
pub fn to_raw(dataset: &Dataset) -> RawDataset {
    let region_id = |ix: super::model::RegionIx| dataset.region(ix).id.clone();
    RawDataset {
        version: FORMAT_VERSION,
        title: raw_text(&dataset.title),
        focus_region: region_id(dataset.focus_region),
        regions: dataset
            .regions
            .iter()
            .map(|region| RawRegion {
                id: region.id.clone(),
                name: raw_text(&region.name),
                parent: region.parent.map(region_id),
                partitioned: region.partitioned,
                aggregate: region.aggregate,
            })
            .collect(),
        sources: dataset
            .sources
            .iter()
            .map(|source| RawSource {
                id: source.id.clone(),
                title: source.title.clone(),
                publisher: source.publisher.clone(),
                date: source.date.clone(),
                url: source.url.clone(),
                kind: source.kind,
                note: source.note.clone(),
                table: source.table,
            })
            .collect(),
        indicators: dataset.indicators.iter().map(|indicator| raw_indicator(dataset, indicator)).collect(),
        lists: dataset.lists.iter().map(|list| raw_list(dataset, list)).collect(),
        charts: dataset.charts.iter().map(|chart| raw_chart(dataset, chart)).collect(),
    }
}

/// An indicator with every value as an `observations` entry.
fn raw_indicator(dataset: &Dataset, indicator: &Indicator) -> RawIndicator {
    let region_id = |ix: super::model::RegionIx| dataset.region(ix).id.clone();
    let indicator_id = |ix: super::model::IndicatorIx| dataset.indicator(ix).id.clone();
    let source_id = |ix: super::model::SourceIx| dataset.source(ix).id.clone();
    RawIndicator {
        id: indicator.id.clone(),
        name: raw_text(&indicator.name),
        unit: indicator.unit.zh.clone(),
        view: indicator.view.id().to_owned(),
        relation: match &indicator.relation {
            Relation::Level => RawRelation::Level,
            Relation::Growth { of, basis } => RawRelation::Growth { of: indicator_id(*of), basis: *basis },
            Relation::Share { part, whole, whole_region } => RawRelation::Share {
                part: indicator_id(*part),
                whole: indicator_id(*whole),
                whole_region: whole_region.map(region_id),
            },
            Relation::Rank { of, among } => {
                RawRelation::Rank { of: indicator_id(*of), among: region_id(*among) }
            }
        },
        note: indicator.note.as_ref().map(|note| RawNote::Both(raw_text(note))),
        observations: indicator
            .observations()
            .iter()
            .map(|obs| RawObservation {
                region: region_id(obs.region),
                period: obs.period.to_string(),
                value: obs.value,
                source: source_id(obs.source),
                quote: dataset.quote_of(obs).map(str::to_owned),
                status: obs.status,
                qualifier: obs.qualifier,
                conflict: obs.conflict,
                series_break: obs.series_break,
                note: dataset.note_of(obs).map(str::to_owned),
            })
            .collect(),
        series: RawSeriesList::default(),
    }
}

/// A list of named items (a strategy's points) as the file writes it.
fn raw_list(dataset: &Dataset, list: &TextList) -> RawList {
    let region_id = |ix: super::model::RegionIx| dataset.region(ix).id.clone();
    let indicator_id = |ix: super::model::IndicatorIx| dataset.indicator(ix).id.clone();
    RawList {
        id: list.id.clone(),
        name: raw_text(&list.name),
        region: region_id(list.region),
        view: list.view.id().to_owned(),
        source: dataset.source(list.source).id.clone(),
        quote: list.quote.clone(),
        items: list
            .items
            .iter()
            .map(|item| RawListItem {
                name: raw_text(&item.name),
                detail: item.detail.clone(),
                indicators: item.indicators.iter().map(|ix| indicator_id(*ix)).collect(),
            })
            .collect(),
    }
}

/// A saved chart as it is written in the file's `charts` section.
pub fn raw_chart(dataset: &Dataset, chart: &SavedChart) -> RawChart {
    let region_id = |ix: RegionIx| dataset.region(ix).id.clone();
    let spec = &chart.spec;
    RawChart {
        id: chart.id.clone(),
        title: raw_text(&chart.title),
        view: chart.view.id().to_owned(),
        indicator: dataset.indicator(spec.indicator).id.clone(),
        regions: spec.regions.iter().map(|&region| region_id(region)).collect(),
        periods: spec.kind,
        from: spec.from.map(|period| period.to_string()),
        to: spec.to.map(|period| period.to_string()),
        shape: spec.shape,
        transform: match spec.transform {
            ChartTransform::AsStated => Transform::AsStated,
            ChartTransform::Change => Transform::Change,
            ChartTransform::Index { base } => Transform::Index { base: base.to_string() },
            ChartTransform::AverageGrowth => Transform::AverageGrowth,
            ChartTransform::ShareOfParent => Transform::ShareOfParent,
            ChartTransform::ShareOf(region) => Transform::ShareOf { region: region_id(region) },
            ChartTransform::DifferenceFrom(region) => Transform::DifferenceFrom { region: region_id(region) },
        },
    }
}
