//! A chart as plain data, before it is pixels.
//!
//! [`catalogue::build_charts`] turns a dataset into charts once per data
//! change; the figure layer draws them and the export code writes the same
//! models, so the screen, an image and a CSV never disagree. Every point keeps
//! its status, qualifier, sources and quote, so a hover can answer "where does
//! this number come from?", and, when it is a value of the file, which
//! indicator and region it belongs to. A chart is bars (a snapshot, or a
//! short history) or lines (a long or multi-region history) over a time axis
//! of one period kind, or bars over categories (regions, indicators).

pub mod catalogue;
pub mod custom;
pub mod explain;

use std::sync::Arc;

use crate::data::derive::Formula;
use crate::data::model::{
    Dataset, IndicatorIx, Observation, Period, PeriodKind, Qualifier, RegionIx, SourceIx, Status, Text,
    TextId, Unit, View,
};
use crate::i18n::Lang;

/// The horizontal axis.
#[derive(Clone, Debug, PartialEq)]
pub enum XAxis {
    /// x is [`Period::time_position`] of periods of one kind.
    Time(PeriodKind),
    /// x is an index into these labels (regions or indicators).
    Categories(Vec<Text>),
}

/// How the values are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// A bar per value: snapshots and short histories.
    Bars,
    /// A line with a marker per value for each series: long and multi-region
    /// histories. Gaps stay gaps; disputed values are markers only.
    Lines,
}

/// Which way the value axis runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueAxis {
    /// Zero at the bottom.
    Upwards,
    /// Ranks: 1 (first) at the top.
    Ranks,
}

/// How a series is drawn; also what its legend entry tells the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesStyle {
    /// The focus region, as reported.
    Focus,
    /// Another region, as reported.
    Other,
    /// Computed by EconLens from stated figures.
    Derived,
    /// Called an estimate by its source.
    Estimate,
    /// One of several values that sources disagree on.
    Conflict,
}

/// What a point stands for, named when it is shown: its period (on a time
/// axis), or one of the chart's categories (a region, an indicator).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointLabel {
    Period,
    Category(u32),
}

/// The sources behind a point: one for a stated value, the inputs' for a
/// derived one. Kept without a heap allocation for the usual one or two.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PointSources {
    One(SourceIx),
    Two(SourceIx, SourceIx),
    /// Boxed twice so the usual one or two sources keep a point small.
    Many(Arc<Vec<SourceIx>>),
}

impl PointSources {
    /// The sources of two values, once each.
    pub fn pair(a: SourceIx, b: SourceIx) -> Self {
        match a.cmp(&b) {
            std::cmp::Ordering::Less => Self::Two(a, b),
            std::cmp::Ordering::Equal => Self::One(a),
            std::cmp::Ordering::Greater => Self::Two(b, a),
        }
    }

    /// The sources of `sources`, in order, once each.
    pub fn of(sources: impl IntoIterator<Item = SourceIx>) -> Self {
        let mut all: Vec<SourceIx> = sources.into_iter().collect();
        all.sort_unstable();
        all.dedup();
        match all.as_slice() {
            [one] => Self::One(*one),
            [a, b] => Self::Two(*a, *b),
            _ => Self::Many(Arc::new(all)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = SourceIx> + '_ {
        let (pair, many): ([Option<SourceIx>; 2], &[SourceIx]) = match self {
            Self::One(a) => ([Some(*a), None], &[]),
            Self::Two(a, b) => ([Some(*a), Some(*b)], &[]),
            Self::Many(many) => ([None, None], many),
        };
        pair.into_iter().flatten().chain(many.iter().copied())
    }
}

/// What a point's note says: the file's note on the value, or how EconLens
/// derived it (written out, with the numbers, only when shown).
#[derive(Clone, Debug, PartialEq)]
pub enum PointNote {
    File(TextId),
    Derived(Formula),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChartPoint {
    pub x: f64,
    pub bar_width: f64,
    /// What the point stands for: its period, or one of the chart's categories.
    pub label: PointLabel,
    pub period: Period,
    pub value: f64,
    pub status: Status,
    pub qualifier: Qualifier,
    pub conflict: bool,
    /// The series breaks here: the line is not joined from the point before.
    pub series_break: bool,
    pub sources: PointSources,
    /// The source's words, in the dataset's text table.
    pub quote: Option<TextId>,
    /// The file's note, or for a derived value how EconLens computed it.
    pub note: Option<PointNote>,
    /// The file's indicator and region this value belongs to; `None` for a
    /// value EconLens computed.
    pub origin: Option<Origin>,
}

/// Where a charted value sits in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    pub indicator: IndicatorIx,
    pub region: RegionIx,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChartSeries {
    /// Stable within the chart; used as the plot item id.
    pub id: String,
    pub name: Text,
    pub style: SeriesStyle,
    /// Which of the palette's colours a line of another region takes (0 for
    /// the first such region); the focus region and bar styles have their own.
    pub colour: usize,
    pub points: Vec<ChartPoint>,
}

/// Values a chart stands for but does not draw: one region's values of one
/// indicator (of one kind, or one period), beyond the largest the chart
/// shows. Kept as a reference, so a chart of a national file does not copy
/// millions of values; its CSV writes them out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LeftOut {
    pub indicator: IndicatorIx,
    pub region: RegionIx,
    pub kind: PeriodKind,
    /// One period only, or every period of `kind`.
    pub period: Option<Period>,
}

impl LeftOut {
    /// The observations this stands for.
    pub fn observations<'a>(&self, dataset: &'a Dataset) -> impl Iterator<Item = &'a Observation> + 'a {
        let (kind, period) = (self.kind, self.period);
        dataset
            .indicator(self.indicator)
            .series(self.region)
            .iter()
            .filter(move |obs| obs.period.kind() == kind && period.is_none_or(|period| obs.period == period))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Stable across runs: used for file names and the CLI's `--chart`.
    pub id: String,
    pub view: View,
    pub title: Text,
    pub unit: Unit,
    pub axis: XAxis,
    pub kind: ChartKind,
    pub value_axis: ValueAxis,
    pub series: Vec<ChartSeries>,
    /// A footnote: what the figures cover, what was left out and why.
    pub note: Option<Text>,
    /// Values the chart stands for but does not draw (beyond the largest
    /// bars or lines); its CSV lists them and its note names them.
    pub left_out: Vec<LeftOut>,
    /// Series computed but not drawn (a chart of more regions than can be
    /// told apart); its CSV lists their values and its note names them.
    pub not_drawn: Vec<ChartSeries>,
}

impl Chart {
    pub fn points(&self) -> impl Iterator<Item = &ChartPoint> {
        self.series.iter().flat_map(|series| series.points.iter())
    }

    /// The first and last period shown.
    pub fn period_range(&self) -> Option<(Period, Period)> {
        crate::data::period::span(self.points().map(|point| point.period))
    }

    /// `2023` or `2015–2025`, as periods are written in files (for file names).
    pub fn period_label(&self) -> String {
        match self.period_range() {
            Some((first, last)) if first == last => first.to_string(),
            Some((first, last)) => format!("{first}–{last}"),
            None => String::new(),
        }
    }

    /// `2023年一季度–2024年二季度`: the period range in `lang`.
    pub fn period_range_label(&self, lang: Lang) -> String {
        match self.period_range() {
            Some((first, last)) if first == last => first.label(lang),
            Some((first, last)) => format!("{}–{}", first.label(lang), last.label(lang)),
            None => String::new(),
        }
    }

    /// Every source behind the chart, sorted, once each.
    pub fn sources(&self) -> Vec<SourceIx> {
        let mut sources: Vec<SourceIx> = self.points().flat_map(|point| point.sources.iter()).collect();
        sources.sort_unstable();
        sources.dedup();
        sources
    }

    pub fn has_derived(&self) -> bool {
        self.points().any(|point| point.status == Status::Derived)
    }

    /// The largest value, for bounds.
    pub fn max_value(&self) -> f64 {
        self.points().map(|point| point.value).fold(0.0, f64::max)
    }

    /// The smallest value (0 when none is below it), for bounds.
    pub fn min_value(&self) -> f64 {
        self.points().map(|point| point.value).fold(0.0, f64::min)
    }

    /// What `point` stands for, in `lang`: `2023年一季度`, or its category (`市中区`).
    pub fn label_of(&self, point: &ChartPoint, lang: Lang) -> String {
        match (point.label, &self.axis) {
            (PointLabel::Category(at), XAxis::Categories(labels)) => {
                labels.get(at as usize).map(|label| label.get(lang).to_owned()).unwrap_or_default()
            }
            _ => point.period.label(lang),
        }
    }

    /// `point`'s note in `lang`: the file's words, or the formula with its numbers.
    pub fn note_of(point: &ChartPoint, dataset: &Dataset, lang: Lang) -> Option<String> {
        match point.note.as_ref()? {
            PointNote::File(note) => Some(dataset.text(*note).to_owned()),
            PointNote::Derived(formula) => Some(explain::explain(formula).get(lang).to_owned()),
        }
    }

    /// `单位：亿元 · 2015–2025`.
    pub fn subtitle(&self, lang: Lang) -> String {
        format!(
            "{}{} · {}",
            lang.tr("单位：", "Unit: "),
            self.unit.label(lang),
            self.period_range_label(lang)
        )
    }

    /// `来源：…（报纸, 2024-06）；…。含 EconLens 推算值。`: every source with
    /// its kind and date, and whether EconLens derived any value.
    pub fn footer(&self, dataset: &Dataset, lang: Lang) -> String {
        let sources: Vec<String> = self
            .sources()
            .into_iter()
            .map(|ix| {
                let source = dataset.source(ix);
                let date = source.date.as_deref().map(|date| format!(", {date}")).unwrap_or_default();
                format!("{}{}", source.title, lang.aside(&format!("{}{date}", source.kind.label(lang))))
            })
            .collect();
        let mut text = format!("{}{}", lang.tr("来源：", "Sources: "), sources.join(lang.tr("；", "; ")));
        if self.has_derived() {
            text.push_str(lang.tr(
                "。含 EconLens 由来源数值推算的值（已标注）。",
                ". Includes values derived by EconLens from stated figures (marked).",
            ));
        }
        text
    }
}
