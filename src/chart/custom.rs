//! The chart a user asks for: one indicator, any regions, a range of one
//! kind of period, drawn as lines or bars, as stated or transformed: the
//! change on the previous period, an index (base period = 100), average
//! annual growth over the range, a share of the parent or of another region,
//! or the difference from another region.
//!
//! Every transformed value is derived: its note gives the formula with the
//! numbers used, and its sources are those of every value it used. A value
//! that cannot be computed (no base, a zero base, a disputed or approximate
//! input, no parent) leaves a gap, never a zero, and the chart's note says
//! how many and why.

use std::collections::BTreeMap;

use super::catalogue::points::{category, reported_point};
use super::{
    Chart, ChartKind, ChartPoint, ChartSeries, PointLabel, PointNote, PointSources, SeriesStyle, ValueAxis,
    XAxis,
};
use crate::data::derive::Formula;
use crate::data::model::{
    Dataset, Indicator, Observation, Period, PeriodKind, Qualifier, RegionIx, Status, Text, Unit, UnitKind,
    View,
};
use crate::data::saved_chart::{ChartSpec, ChartTransform, Shape};
use crate::i18n::Lang;

/// Why a value could not be transformed; counted for the chart's note.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    NoPrevious,
    NoBase,
    ZeroBase,
    Disputed,
    Approximate,
    NoParent,
    NoCompared,
    TooShort,
}

impl Gap {
    fn describe(self, count: usize) -> Text {
        let (zh, en) = match self {
            Self::NoPrevious => ("个数值缺少上一期的数值", "values lack the previous period's value"),
            Self::NoBase => ("个数值缺少基期数值", "values lack a value in the base period"),
            Self::ZeroBase => ("个数值的基数为零", "values have a base of zero"),
            Self::Disputed => ("个数值来源不一致", "values are disputed between sources"),
            Self::Approximate => ("个数值为下限或约数", "values are lower bounds or approximate"),
            Self::NoParent => {
                ("个数值的地区没有上级地区或其同期数值", "values have no parent region, or no value of it")
            }
            Self::NoCompared => ("个数值缺少对比地区的同期数值", "values lack the compared region's value"),
            Self::TooShort => {
                ("个地区在范围内不足两期数值", "regions have fewer than two values in the range")
            }
        };
        Text { zh: format!("{count} {zh}"), en: Some(format!("{count} {en}")) }
    }
}

/// A value to draw: the file's value as it stands, or one EconLens derived.
enum Computed<'a> {
    Stated(&'a Observation),
    Derived { period: Period, value: f64, sources: PointSources, formula: Formula },
}

impl Computed<'_> {
    fn period(&self) -> Period {
        match self {
            Self::Stated(obs) => obs.period,
            Self::Derived { period, .. } => *period,
        }
    }
}

/// The value `formula` gives for `obs` (with `other`, its second input);
/// a formula that is undefined there (a zero base) is a gap.
fn derived<'a>(obs: &Observation, other: &Observation, formula: Formula) -> Result<Computed<'a>, Gap> {
    Ok(Computed::Derived {
        period: obs.period,
        value: formula.value().ok_or(Gap::ZeroBase)?,
        sources: PointSources::pair(obs.source, other.source),
        formula,
    })
}

/// An input a transform may use: undisputed and exact, else the reason it cannot.
fn usable(obs: &Observation) -> Result<&Observation, Gap> {
    if obs.conflict {
        Err(Gap::Disputed)
    } else if obs.qualifier != Qualifier::Exact {
        Err(Gap::Approximate)
    } else {
        Ok(obs)
    }
}

fn share<'a>(obs: &Observation, whole: &Observation) -> Result<Computed<'a>, Gap> {
    derived(obs, whole, Formula::Share { part: obs.value, whole: whole.value })
}

/// What a region's transform looks up, found once per region: its own
/// series, the series it is compared with, its base value.
struct RegionInputs<'a> {
    indicator: &'a Indicator,
    region: RegionIx,
    own: &'a [Observation],
    /// The parent's or the compared region's series; `Err` when there is none.
    other: Result<&'a [Observation], Gap>,
    /// The index base; `Err` when it cannot be used.
    base: Result<&'a Observation, Gap>,
    percent: bool,
    /// Where the last lookup in `other` ended: values are looked up in time
    /// order, so each series is walked once.
    cursor: std::cell::Cell<usize>,
}

impl<'a> RegionInputs<'a> {
    fn new(dataset: &'a Dataset, spec: &ChartSpec, region: RegionIx) -> Self {
        let indicator = dataset.indicator(spec.indicator);
        let own = indicator.series(region);
        let other = match spec.transform {
            ChartTransform::ShareOfParent => {
                dataset.region(region).parent.map(|parent| indicator.series(parent)).ok_or(Gap::NoParent)
            }
            ChartTransform::ShareOf(other) | ChartTransform::DifferenceFrom(other) => {
                Ok(indicator.series(other))
            }
            _ => Ok(&[][..]),
        };
        let base = match spec.transform {
            ChartTransform::Index { base } => indicator.get(region, base).ok_or(Gap::NoBase).and_then(usable),
            _ => Err(Gap::NoBase),
        };
        let percent = indicator.unit.kind() == UnitKind::Percent;
        Self { indicator, region, own, other, base, percent, cursor: std::cell::Cell::new(0) }
    }

    /// The other region's usable value in `period`, else why not. Periods
    /// are asked for in order.
    fn other_at(&self, period: Period, missing: Gap) -> Result<&'a Observation, Gap> {
        let other = self.other?;
        let mut at = self.cursor.get();
        while other.get(at).is_some_and(|obs| obs.period < period) {
            at += 1;
        }
        self.cursor.set(at);
        usable(other.get(at).filter(|obs| obs.period == period).ok_or(missing)?)
    }

    /// The region's own value in the period before `own[at]`: usually the
    /// value just before it.
    fn previous(&self, at: usize, period: Period) -> Option<&'a Observation> {
        let just_before = at.checked_sub(1).and_then(|before| self.own.get(before));
        match just_before {
            Some(obs) if obs.period == period => Some(obs),
            _ => self.indicator.get(self.region, period),
        }
    }
}

/// One value of a region, transformed.
fn transform_one<'a>(spec: &ChartSpec, inputs: &RegionInputs<'a>, at: usize) -> Result<Computed<'a>, Gap> {
    let obs = &inputs.own[at];
    match spec.transform {
        ChartTransform::AsStated => Ok(Computed::Stated(obs)),
        ChartTransform::Change => {
            let obs = usable(obs)?;
            let previous_period = obs.period.previous_comparable().ok_or(Gap::NoPrevious)?;
            let before = usable(inputs.previous(at, previous_period).ok_or(Gap::NoPrevious)?)?;
            derived(obs, before, Formula::change(obs.value, before.value, inputs.percent))
        }
        ChartTransform::Index { base } => {
            let obs = usable(obs)?;
            let base_obs = inputs.base?;
            derived(
                obs,
                base_obs,
                Formula::Index { value: obs.value, base: base_obs.value, base_period: base },
            )
        }
        ChartTransform::ShareOfParent => share(usable(obs)?, inputs.other_at(obs.period, Gap::NoParent)?),
        ChartTransform::ShareOf(_) => share(usable(obs)?, inputs.other_at(obs.period, Gap::NoCompared)?),
        ChartTransform::DifferenceFrom(_) => {
            let obs = usable(obs)?;
            let compared = inputs.other_at(obs.period, Gap::NoCompared)?;
            derived(obs, compared, Formula::Difference { value: obs.value, other: compared.value })
        }
        // Computed per region over the whole range, in `average_growth`.
        ChartTransform::AverageGrowth => Err(Gap::TooShort),
    }
}

/// Average annual growth from the region's first to its last value in the range.
fn average_growth<'a, 'o>(values: impl Iterator<Item = &'o Observation>) -> Result<Computed<'a>, Gap> {
    let mut usable_values = values.filter(|obs| usable(obs).is_ok());
    let first = usable_values.next().ok_or(Gap::TooShort)?;
    let last = usable_values.last().ok_or(Gap::TooShort)?;
    let per_year = f64::from(first.period.kind().per_year());
    let years = f64::from(last.period.ordinal() - first.period.ordinal()) / per_year;
    if years <= 0.0 {
        return Err(Gap::TooShort);
    }
    let formula = Formula::AverageGrowth {
        first: first.value,
        last: last.value,
        years,
        from: first.period,
        to: last.period,
    };
    // Undefined for values that are not positive: a gap for a zero base.
    derived(last, first, formula)
}

fn point(spec: &ChartSpec, computed: Computed<'_>, x: f64, label: PointLabel) -> ChartPoint {
    match computed {
        Computed::Stated(obs) => reported_point(spec.indicator, obs, x, label),
        Computed::Derived { period, value, sources, formula } => ChartPoint {
            x,
            bar_width: 0.7,
            label,
            period,
            value,
            status: Status::Derived,
            qualifier: Qualifier::Exact,
            conflict: false,
            series_break: false,
            sources,
            quote: None,
            note: Some(PointNote::Derived(formula)),
            origin: None,
        },
    }
}

/// The unit of the transformed values.
fn unit(dataset: &Dataset, spec: &ChartSpec) -> Unit {
    let stated = &dataset.indicator(spec.indicator).unit;
    let zh = match spec.transform {
        ChartTransform::AsStated | ChartTransform::DifferenceFrom(_) => return stated.clone(),
        ChartTransform::Change if stated.kind() == UnitKind::Percent => "百分点".to_owned(),
        ChartTransform::Change
        | ChartTransform::AverageGrowth
        | ChartTransform::ShareOfParent
        | ChartTransform::ShareOf(_) => "%".to_owned(),
        ChartTransform::Index { base } => format!("指数（{base}=100）"),
    };
    Unit { zh }
}

/// The chart for `spec`, titled `title`, shown in `view`.
pub fn build_custom(dataset: &Dataset, id: &str, title: &Text, view: View, spec: &ChartSpec) -> Chart {
    let indicator = dataset.indicator(spec.indicator);
    let mut gaps: BTreeMap<Gap, usize> = BTreeMap::new();
    let mut per_region: PerRegion = Vec::with_capacity(spec.regions.len());
    // Points at their period's position; `over_time` and `categories` place them.
    let to_point = |computed: Computed<'_>| {
        let x = computed.period().time_position();
        point(spec, computed, x, PointLabel::Period)
    };
    for &region in &spec.regions {
        let inputs = RegionInputs::new(dataset, spec, region);
        let values = inputs.own.iter().filter(|obs| spec.includes(obs.period));
        let points = if spec.transform == ChartTransform::AverageGrowth {
            match average_growth(values) {
                Ok(computed) => vec![to_point(computed)],
                Err(gap) => {
                    *gaps.entry(gap).or_default() += 1;
                    Vec::new()
                }
            }
        } else {
            let mut points = Vec::with_capacity(inputs.own.len());
            for (at, obs) in inputs.own.iter().enumerate() {
                if !spec.includes(obs.period) {
                    continue;
                }
                match transform_one(spec, &inputs, at) {
                    Ok(computed) => points.push(to_point(computed)),
                    Err(gap) => *gaps.entry(gap).or_default() += 1,
                }
            }
            points
        };
        per_region.push((region, points));
    }
    let (drawn, not_drawn) = split_drawn(dataset, spec, per_region);
    let not_drawn_names = not_drawn_note(dataset, &not_drawn);
    let not_drawn: Vec<ChartSeries> =
        not_drawn.into_iter().map(|(region, points)| region_series(dataset, region, 0, points)).collect();
    let by_category = spec.transform == ChartTransform::AverageGrowth;
    let (axis, kind, series) =
        if by_category { categories(dataset, drawn) } else { over_time(dataset, spec, drawn) };
    let mut notes: Vec<Text> = indicator.note.iter().cloned().collect();
    notes.extend(describe_transform(dataset, spec));
    notes.extend(gaps.into_iter().map(|(gap, count)| gap.describe(count)));
    notes.extend(not_drawn_names);
    let note = if notes.is_empty() {
        None
    } else {
        // Sentences joined into one: a note's own full stop would stand before the `；`.
        let clause = |note: &str| note.trim_end_matches(['。', '.', '；', ';']).to_owned();
        Some(Text {
            zh: notes.iter().map(|note| clause(&note.zh)).collect::<Vec<_>>().join("；") + "。",
            en: Some(
                notes.iter().map(|note| clause(note.get(Lang::En))).collect::<Vec<_>>().join("; ") + ".",
            ),
        })
    };
    let unit = unit(dataset, spec);
    let value_axis = if spec.transform == ChartTransform::AsStated && unit.kind() == UnitKind::Rank {
        ValueAxis::Ranks
    } else {
        ValueAxis::Upwards
    };
    Chart {
        id: id.to_owned(),
        view,
        title: title.clone(),
        unit,
        axis,
        kind,
        value_axis,
        series,
        note,
        left_out: Vec::new(),
        not_drawn,
    }
}

/// At most this many regions are drawn (plus the focus region): every
/// province of a country, every city of a province; more lines or bars than
/// that cannot be told apart, and would slow every frame.
pub const MAX_CUSTOM_SERIES: usize = 50;

/// Each chosen region's points.
type PerRegion = Vec<(RegionIx, Vec<ChartPoint>)>;

/// The regions with values, split into those drawn (in the order chosen) and
/// the rest: beyond [`MAX_CUSTOM_SERIES`], those with the smallest latest
/// values (the largest ranks) are not drawn.
fn split_drawn(dataset: &Dataset, spec: &ChartSpec, per_region: PerRegion) -> (PerRegion, PerRegion) {
    let with_values: PerRegion = per_region.into_iter().filter(|(_, values)| !values.is_empty()).collect();
    if with_values.len() <= MAX_CUSTOM_SERIES {
        return (with_values, Vec::new());
    }
    let ranks = spec.transform == ChartTransform::AsStated
        && dataset.indicator(spec.indicator).unit.kind() == UnitKind::Rank;
    let latest = |points: &[ChartPoint]| points.last().map_or(f64::NEG_INFINITY, |point| point.value);
    let mut order: Vec<usize> = (0..with_values.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (latest(&with_values[a].1), latest(&with_values[b].1));
        if ranks { a.total_cmp(&b) } else { b.total_cmp(&a) }
    });
    let focus = dataset.focus_region();
    let mut keep = vec![false; with_values.len()];
    let mut kept = 0;
    for at in order {
        if kept < MAX_CUSTOM_SERIES || with_values[at].0 == focus {
            keep[at] = true;
            kept += 1;
        }
    }
    let (mut drawn, mut not_drawn) = (Vec::new(), Vec::new());
    for (at, region) in with_values.into_iter().enumerate() {
        if keep[at] { drawn.push(region) } else { not_drawn.push(region) }
    }
    (drawn, not_drawn)
}

/// `另有 2,810 个地区未画出：…；全部数值见图表的 CSV。`, or nothing.
fn not_drawn_note(dataset: &Dataset, not_drawn: &PerRegion) -> Option<Text> {
    if not_drawn.is_empty() {
        return None;
    }
    let names = |lang: Lang| -> String {
        let names: Vec<&str> =
            not_drawn.iter().take(8).map(|(region, _)| dataset.region(*region).name.get(lang)).collect();
        let more = if not_drawn.len() > 8 { lang.tr("等", " and others") } else { "" };
        format!("{}{more}", names.join(lang.tr("、", ", ")))
    };
    let count = crate::format::group_count(not_drawn.len());
    Some(Text {
        zh: format!(
            "只画出最新值最大的 {MAX_CUSTOM_SERIES} 个地区；另有 {count} 个地区未画出：{}；全部数值见图表的 CSV",
            names(Lang::Zh)
        ),
        en: Some(format!(
            "Only the {MAX_CUSTOM_SERIES} regions with the largest latest values are drawn; {count} more are not: {}; the chart's CSV lists every value",
            names(Lang::En)
        )),
    })
}

fn region_series(dataset: &Dataset, region: RegionIx, colour: usize, points: Vec<ChartPoint>) -> ChartSeries {
    let style = if region == dataset.focus_region() { SeriesStyle::Focus } else { SeriesStyle::Other };
    let name = dataset.region(region).name.clone();
    ChartSeries { id: dataset.region(region).id.clone(), name, style, colour, points }
}

/// What the transform did, in a sentence for the note.
fn describe_transform(dataset: &Dataset, spec: &ChartSpec) -> Option<Text> {
    let name = |region: RegionIx| dataset.region(region).name.clone();
    let (zh, en) = match spec.transform {
        ChartTransform::AsStated => return None,
        ChartTransform::Change => (
            format!("各期数值{}的变化，由 EconLens 根据数值计算（名义）", spec.kind.compared_with(Lang::Zh)),
            format!(
                "Change {}, computed by EconLens from the values (nominal)",
                spec.kind.compared_with(Lang::En)
            ),
        ),
        ChartTransform::Index { base } => (format!("指数：以 {} 的数值为 100", base.label(Lang::Zh)), format!("Index: {} = 100", base.label(Lang::En))),
        ChartTransform::AverageGrowth => (
            "范围内第一期至最后一期的年均增速（复合），由 EconLens 计算".to_owned(),
            "Average annual (compound) growth from the first to the last value in the range, computed by EconLens".to_owned(),
        ),
        ChartTransform::ShareOfParent => ("各地区占其上级地区同期数值的比重".to_owned(), "Each region as a share of its parent region in the same period".to_owned()),
        ChartTransform::ShareOf(other) => {
            let other = name(other);
            (format!("占{}同期数值的比重", other.zh), format!("As a share of {} in the same period", other.get(Lang::En)))
        }
        ChartTransform::DifferenceFrom(other) => {
            let other = name(other);
            (format!("与{}同期数值之差", other.zh), format!("Difference from {} in the same period", other.get(Lang::En)))
        }
    };
    Some(Text { zh, en: Some(en) })
}

/// A series per region in time order, as lines or grouped bars.
fn over_time(
    dataset: &Dataset,
    spec: &ChartSpec,
    per_region: PerRegion,
) -> (XAxis, ChartKind, Vec<ChartSeries>) {
    let slot = 1.0 / f64::from(spec.kind.per_year());
    let drawn = per_region;
    #[expect(clippy::cast_precision_loss, reason = "a few dozen regions")]
    let width = slot * 0.8 / drawn.len().max(1) as f64;
    let kind = match spec.shape {
        Shape::Lines => ChartKind::Lines,
        Shape::Bars => ChartKind::Bars,
    };
    let focus = dataset.focus_region();
    let mut colour = 0;
    let mut series = Vec::new();
    for (at, (region, mut points)) in drawn.into_iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a few dozen regions")]
        let offset = -slot * 0.4 + (at as f64 + 0.5) * width;
        for point in &mut points {
            if kind == ChartKind::Bars {
                point.x += offset;
            }
            point.bar_width = width * 0.95;
        }
        series.push(region_series(dataset, region, colour, points));
        if region != focus {
            colour += 1;
        }
    }
    (XAxis::Time(spec.kind), kind, series)
}

/// One bar per region (average growth).
fn categories(dataset: &Dataset, per_region: PerRegion) -> (XAxis, ChartKind, Vec<ChartSeries>) {
    let drawn = per_region;
    let labels: Vec<Text> = drawn.iter().map(|(region, _)| dataset.region(*region).name.clone()).collect();
    let focus = dataset.focus_region();
    let mut colour = 0;
    let mut series = Vec::new();
    for (at, (region, mut points)) in drawn.into_iter().enumerate() {
        for point in &mut points {
            #[expect(clippy::cast_precision_loss, reason = "a few dozen regions")]
            let x = at as f64;
            point.x = x;
            point.label = category(at);
        }
        series.push(region_series(dataset, region, colour, points));
        if region != focus {
            colour += 1;
        }
    }
    (XAxis::Categories(labels), ChartKind::Bars, series)
}

/// A title for a spec: `市中区、历下区 地区生产总值（指数，2018=100）`.
pub fn default_title(dataset: &Dataset, spec: &ChartSpec) -> Text {
    let indicator = &dataset.indicator(spec.indicator).name;
    let names = |lang: Lang| -> String {
        let names: Vec<&str> =
            spec.regions.iter().take(3).map(|&region| dataset.region(region).name.get(lang)).collect();
        let more = spec.regions.len().saturating_sub(3);
        let joined = names.join(lang.tr("、", ", "));
        match (more, lang) {
            (0, _) => joined,
            (more, Lang::Zh) => format!("{joined}等 {} 个地区", more + 3),
            (more, Lang::En) => format!("{joined} and {more} more"),
        }
    };
    let what = |lang: Lang| -> String {
        match spec.transform {
            ChartTransform::AsStated => String::new(),
            ChartTransform::Change => lang.aside(lang.tr("比上期变化", "change on previous period")),
            ChartTransform::Index { base } => {
                lang.aside(&format!("{}{base}=100", lang.tr("指数，", "index, ")))
            }
            ChartTransform::AverageGrowth => lang.aside(lang.tr("年均增速", "average annual growth")),
            ChartTransform::ShareOfParent => lang.aside(lang.tr("占上级地区比重", "share of parent")),
            ChartTransform::ShareOf(other) => {
                let other = dataset.region(other).name.get(lang);
                lang.aside(&match lang {
                    Lang::Zh => format!("占{other}比重"),
                    Lang::En => format!("share of {other}"),
                })
            }
            ChartTransform::DifferenceFrom(other) => {
                let other = dataset.region(other).name.get(lang);
                lang.aside(&match lang {
                    Lang::Zh => format!("与{other}之差"),
                    Lang::En => format!("difference from {other}"),
                })
            }
        }
    };
    let kind = |lang: Lang| match spec.kind {
        PeriodKind::Year => String::new(),
        kind => lang.aside(kind.label(lang)),
    };
    Text {
        zh: format!("{} {}{}{}", names(Lang::Zh), indicator.zh, kind(Lang::Zh), what(Lang::Zh)),
        en: Some(format!(
            "{} · {}{}{}",
            names(Lang::En),
            indicator.get(Lang::En),
            kind(Lang::En),
            what(Lang::En)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"(version: 1, title: (zh: "测试"), focus_region: "a",
        regions: [(id: "city", name: (zh: "市")), (id: "a", name: (zh: "甲区"), parent: "city"),
                  (id: "b", name: (zh: "乙区"), parent: "city"), (id: "z", name: (zh: "零区"), parent: "city"),
                  (id: "top", name: (zh: "无上级"))],
        sources: [(id: "s", title: "测试", publisher: "EconLens tests", kind: Synthetic),
                  (id: "t", title: "另一来源", publisher: "EconLens tests", kind: Synthetic)],
        indicators: [
            (id: "gdp", name: (zh: "生产总值"), unit: "亿元", view: "output", series: [
                (region: "city", source: "s", values: {"2020": 1000, "2021": 1100, "2022": 1210}),
                (region: "a", source: "s", values: {"2020": 100, "2021": 120, "2022": 150}),
                (region: "b", source: "s", values: {"2020": 50, "2022": 60}),
                (region: "z", source: "s", values: {"2020": 0, "2021": 10}),
                (region: "top", source: "s", values: {"2021": 7}),
            ], observations: [
                (region: "b", period: "2023", value: 70, source: "s", conflict: true),
                (region: "b", period: "2023", value: 71, source: "t", conflict: true),
                (region: "a", period: "2023", value: 160, source: "s", qualifier: About),
            ]),
            (id: "rate", name: (zh: "增速"), unit: "%", view: "output", relation: Growth(of: "gdp", basis: Real),
             series: [(region: "a", source: "s", values: {"2021": 5.0, "2022": 6.5})]),
        ])"#;

    fn dataset() -> Dataset {
        crate::data::load_text(std::path::Path::new("custom.ron"), FILE).expect("valid")
    }

    fn spec(dataset: &Dataset, indicator: &str, regions: &[&str], transform: ChartTransform) -> ChartSpec {
        ChartSpec {
            indicator: dataset.indicator_by_id(indicator).expect("indicator").0,
            regions: regions.iter().map(|id| dataset.region_by_id(id).expect("region")).collect(),
            kind: PeriodKind::Year,
            from: None,
            to: None,
            shape: Shape::Lines,
            transform,
        }
    }

    /// (region id, period, value) of every point, in order.
    fn values(_dataset: &Dataset, chart: &Chart) -> Vec<(String, String, f64)> {
        chart
            .series
            .iter()
            .flat_map(|series| {
                series.points.iter().map(|point| (series.id.clone(), point.period.to_string(), point.value))
            })
            .collect()
    }

    fn region(dataset: &Dataset, id: &str) -> RegionIx {
        dataset.region_by_id(id).expect("region")
    }

    fn chart(dataset: &Dataset, spec: &ChartSpec) -> Chart {
        build_custom(dataset, "test", &Text { zh: "测试".into(), en: None }, View::Custom, spec)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn as_stated_draws_every_value_in_range_with_its_source() {
        let dataset = dataset();
        let mut spec = spec(&dataset, "gdp", &["a", "b"], ChartTransform::AsStated);
        spec.from = Period::parse("2021");
        spec.to = Period::parse("2022");
        let chart = chart(&dataset, &spec);
        let got = values(&dataset, &chart);
        assert_eq!(
            got,
            [
                ("a".into(), "2021".into(), 120.0),
                ("a".into(), "2022".into(), 150.0),
                ("b".into(), "2022".into(), 60.0)
            ]
        );
        assert!(chart.points().all(|point| point.status == Status::Reported && point.origin.is_some()));
        assert_eq!(chart.unit.zh, "亿元");
    }

    #[test]
    fn change_on_the_previous_year_leaves_gaps_where_it_cannot_be_computed() {
        let dataset = dataset();
        let chart = chart(&dataset, &spec(&dataset, "gdp", &["a", "b", "z"], ChartTransform::Change));
        let got = values(&dataset, &chart);
        assert_eq!(got.len(), 2, "a 2021 and a 2022 only: {got:?}");
        assert!(close(got[0].2, 20.0) && close(got[1].2, 25.0), "{got:?}");
        let point = chart.points().next().expect("a point");
        assert_eq!(point.status, Status::Derived);
        assert_eq!(
            Chart::note_of(point, &dataset, Lang::Zh).as_deref(),
            Some("EconLens 推算（名义变化）：(120 ÷ 100 − 1) × 100")
        );
        assert_eq!(
            Chart::note_of(point, &dataset, Lang::En).as_deref(),
            Some("Computed by EconLens (nominal change): (120 ÷ 100 − 1) × 100")
        );
        let note = chart.note.as_ref().expect("a note").zh.clone();
        // a 2020, b 2020 and 2022 and z 2020: no previous year; a 2023: approximate;
        // b 2023: disputed (twice); z 2021: base zero.
        assert!(note.contains("4 个数值缺少上一期的数值"), "{note}");
        assert!(note.contains("1 个数值的基数为零"), "{note}");
        assert!(note.contains("2 个数值来源不一致"), "{note}");
        assert!(note.contains("1 个数值为下限或约数"), "{note}");
        assert_eq!(chart.unit.zh, "%");
    }

    #[test]
    fn change_of_a_percentage_is_in_percentage_points() {
        let dataset = dataset();
        let chart = chart(&dataset, &spec(&dataset, "rate", &["a"], ChartTransform::Change));
        let got = values(&dataset, &chart);
        assert_eq!(got.len(), 1);
        assert!(close(got[0].2, 1.5), "{got:?}");
        assert_eq!(chart.unit.zh, "百分点");
    }

    #[test]
    fn an_index_needs_a_non_zero_base() {
        let dataset = dataset();
        let base = Period::year(2020);
        let chart =
            chart(&dataset, &spec(&dataset, "gdp", &["a", "b", "z", "top"], ChartTransform::Index { base }));
        let got = values(&dataset, &chart);
        let a: Vec<f64> = got.iter().filter(|row| row.0 == "a").map(|row| row.2).collect();
        assert!(close(a[0], 100.0) && close(a[1], 120.0) && close(a[2], 150.0), "{a:?}");
        let b: Vec<f64> = got.iter().filter(|row| row.0 == "b").map(|row| row.2).collect();
        assert!(close(b[0], 100.0) && close(b[1], 120.0), "{b:?}");
        assert!(
            !got.iter().any(|row| row.0 == "z" || row.0 == "top"),
            "zero and missing bases are gaps: {got:?}"
        );
        let note = chart.note.as_ref().expect("a note").zh.clone();
        assert!(note.contains("以 2020 的数值为 100"), "{note}");
        assert!(note.contains("2 个数值的基数为零") && note.contains("1 个数值缺少基期数值"), "{note}");
        assert_eq!(chart.unit.zh, "指数（2020=100）");
    }

    #[test]
    fn average_growth_is_compound_over_the_range_one_bar_a_region() {
        let dataset = dataset();
        let mut spec = spec(&dataset, "gdp", &["a", "b", "top"], ChartTransform::AverageGrowth);
        spec.to = Period::parse("2022");
        let chart = chart(&dataset, &spec);
        assert_eq!(
            chart.axis,
            XAxis::Categories(vec![
                dataset.region(region(&dataset, "a")).name.clone(),
                dataset.region(region(&dataset, "b")).name.clone()
            ])
        );
        let got = values(&dataset, &chart);
        assert!(close(got[0].2, (1.5f64.sqrt() - 1.0) * 100.0), "{got:?}");
        assert!(close(got[1].2, (1.2f64.sqrt() - 1.0) * 100.0), "{got:?}");
        assert!(
            chart.note.as_ref().expect("a note").zh.contains("1 个地区在范围内不足两期数值"),
            "top has one value"
        );
    }

    #[test]
    fn shares_and_differences_need_the_other_regions_value() {
        let dataset = dataset();
        let shares = chart(&dataset, &spec(&dataset, "gdp", &["a", "top"], ChartTransform::ShareOfParent));
        let got = values(&dataset, &shares);
        assert_eq!(got.len(), 3);
        assert!(close(got[1].2, 120.0 / 1100.0 * 100.0), "{got:?}");
        assert!(shares.note.as_ref().expect("note").zh.contains("1 个数值的地区没有上级地区"));
        let city = region(&dataset, "city");
        let of_city = chart(&dataset, &spec(&dataset, "gdp", &["b"], ChartTransform::ShareOf(city)));
        assert!(close(values(&dataset, &of_city)[1].2, 60.0 / 1210.0 * 100.0));
        let b = region(&dataset, "b");
        let difference = chart(&dataset, &spec(&dataset, "gdp", &["a"], ChartTransform::DifferenceFrom(b)));
        let got = values(&dataset, &difference);
        assert_eq!(got, [("a".into(), "2020".into(), 50.0), ("a".into(), "2022".into(), 90.0)]);
        assert!(difference.note.as_ref().expect("note").zh.contains("1 个数值缺少对比地区的同期数值"));
        assert_eq!(difference.unit.zh, "亿元");
        let point = difference.points().next().expect("point");
        assert_eq!(point.sources.iter().count(), 1, "both values from source s");
        assert_eq!(Chart::note_of(point, &dataset, Lang::Zh).as_deref(), Some("EconLens 推算：100 − 50"));
    }

    #[test]
    fn more_regions_than_can_be_told_apart_draw_the_largest_and_keep_the_rest_for_the_csv() {
        use crate::data::synthetic::{Shape as Synthetic, synthetic_ron};
        let text = synthetic_ron(Synthetic { regions: 55, indicators: 1, years: 3 });
        let dataset = crate::data::load_text(std::path::Path::new("many.ron"), &text).expect("valid");
        let indicator = dataset.indicator_by_id("i000").expect("indicator").0;
        let counties: Vec<RegionIx> =
            (0..55).map(|county| region(&dataset, &format!("c{county:05}"))).collect();
        let spec = ChartSpec {
            indicator,
            regions: counties.clone(),
            kind: PeriodKind::Year,
            from: None,
            to: None,
            shape: Shape::Lines,
            transform: ChartTransform::Change,
        };
        let chart = chart(&dataset, &spec);
        assert_eq!(chart.series.len(), MAX_CUSTOM_SERIES);
        assert_eq!(chart.not_drawn.len(), 5);
        let latest = |series: &ChartSeries| series.points.last().expect("a value").value;
        let smallest_drawn = chart.series.iter().map(latest).fold(f64::INFINITY, f64::min);
        assert!(
            chart.not_drawn.iter().all(|series| latest(series) <= smallest_drawn),
            "the smallest are left"
        );
        assert!(chart.series.iter().any(|series| series.id == "c00000"), "the focus county is drawn");
        let note = chart.note.as_ref().expect("a note").zh.clone();
        assert!(note.contains("另有 5 个地区未画出"), "{note}");
        let csv = crate::export::csv::chart_csv(&chart, &dataset, Lang::Zh);
        let rows = csv.lines().skip(1).count();
        assert_eq!(rows, 55 * 2, "two changes for every county, drawn or not");
        assert_eq!(csv.lines().filter(|line| line.ends_with(",no")).count(), 5 * 2);
    }
}
