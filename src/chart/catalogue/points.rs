//! What every rule shares: points made from observations or derived values,
//! series split by style so the legend explains each look, bilingual titles
//! and notes, the slot geometry of bars, and how many bars or lines a chart
//! draws before it names the rest in its note.

use std::collections::BTreeMap;

use crate::chart::{
    Chart, ChartKind, ChartPoint, ChartSeries, LeftOut, Origin, PointLabel, PointNote, PointSources,
    SeriesStyle, ValueAxis, XAxis,
};
use crate::data::derive::Derived;
use crate::data::model::{
    Dataset, IndicatorIx, Observation, Period, PeriodKind, RegionIx, Status, Text, Unit, UnitKind, View,
};
use crate::i18n::Lang;

/// Bars take this share of a period's slot.
pub(super) const SLOT_WIDTH: f64 = 0.7;

/// At most this many bars in a category chart (plus the focus region in a
/// comparison): more would be unreadable, and an export of hundreds of bars
/// would be taller than any page. The rest are listed in the chart's CSV and
/// named in its note.
pub const MAX_BARS: usize = 20;

/// At most this many lines in a multi-region history (plus the focus
/// region): one colour each stays tellable apart.
pub const MAX_LINES: usize = 7;

/// A history of this many periods or more is drawn as a line.
pub const LINE_FROM_PERIODS: usize = 8;

pub(super) fn region_name(dataset: &Dataset, region: RegionIx) -> &Text {
    &dataset.region(region).name
}

pub(super) fn text(zh: String, en: String) -> Text {
    Text { zh, en: Some(en) }
}

pub(super) fn en_or_zh(text: &Text) -> &str {
    text.en.as_deref().unwrap_or(&text.zh)
}

/// `市中区 地区生产总值` / `Shizhong · GDP`.
pub(super) fn titled(region: &Text, what: &Text) -> Text {
    text(format!("{} {}", region.zh, what.zh), format!("{} · {}", en_or_zh(region), en_or_zh(what)))
}

/// A title with the period kind added for sub-annual charts: `（季度）` / `(quarterly)`.
pub(super) fn with_kind(title: Text, kind: PeriodKind) -> Text {
    if kind == PeriodKind::Year {
        return title;
    }
    let (zh, en) = (kind.label(Lang::Zh), kind.label(Lang::En));
    text(format!("{}（{zh}）", title.zh), format!("{} ({en})", en_or_zh(&title)))
}

/// The label of the chart's `at`-th category.
pub(crate) fn category(at: usize) -> PointLabel {
    PointLabel::Category(crate::data::model::index_u32(at))
}

/// A value of the file as a point at `x`.
#[inline]
pub(crate) fn reported_point(
    indicator: IndicatorIx,
    obs: &Observation,
    x: f64,
    label: PointLabel,
) -> ChartPoint {
    ChartPoint {
        x,
        bar_width: SLOT_WIDTH,
        label,
        period: obs.period,
        value: obs.value,
        status: obs.status,
        qualifier: obs.qualifier,
        conflict: obs.conflict,
        series_break: obs.series_break,
        sources: PointSources::One(obs.source),
        quote: obs.quote,
        note: obs.note.map(PointNote::File),
        origin: Some(Origin { indicator, region: obs.region }),
    }
}

/// A value of the file on its time axis, labelled with its period.
pub(crate) fn time_point(indicator: IndicatorIx, obs: &Observation) -> ChartPoint {
    reported_point(indicator, obs, obs.period.time_position(), PointLabel::Period)
}

pub(super) fn derived_point(derived: &Derived, x: f64, label: PointLabel, period: Period) -> ChartPoint {
    ChartPoint {
        x,
        bar_width: SLOT_WIDTH,
        label,
        period,
        value: derived.value,
        status: Status::Derived,
        qualifier: derived.qualifier,
        conflict: false,
        series_break: false,
        sources: PointSources::of(derived.sources()),
        quote: None,
        note: Some(PointNote::Derived(derived.formula)),
        origin: None,
    }
}

pub(super) fn style_of(point: &ChartPoint, base: SeriesStyle) -> SeriesStyle {
    match (point.status, point.conflict) {
        (_, true) => SeriesStyle::Conflict,
        (Status::Derived, _) => SeriesStyle::Derived,
        (Status::Estimate, _) => SeriesStyle::Estimate,
        (Status::Reported, _) => base,
    }
}

/// What a bar series of one look adds to its region's name and id: `（来源预计）`, `-source's-estimate`.
pub(crate) fn style_suffix(style: SeriesStyle) -> Option<(&'static str, &'static str)> {
    match style {
        SeriesStyle::Focus | SeriesStyle::Other => None,
        SeriesStyle::Derived => Some(("推算", "derived")),
        SeriesStyle::Estimate => Some(("来源预计", "source's estimate")),
        SeriesStyle::Conflict => Some(("来源不一致", "sources disagree")),
    }
}

/// Splits a bar chart's points into one series per style, so the legend
/// explains each look.
pub(super) fn series_by_style(
    id: &str,
    name: &Text,
    base: SeriesStyle,
    points: Vec<ChartPoint>,
) -> Vec<ChartSeries> {
    let order = [base, SeriesStyle::Estimate, SeriesStyle::Derived, SeriesStyle::Conflict];
    let mut by_style: Vec<(SeriesStyle, Vec<ChartPoint>)> =
        order.iter().map(|style| (*style, Vec::new())).collect();
    for point in points {
        let style = style_of(&point, base);
        if let Some((_, bucket)) = by_style.iter_mut().find(|(s, _)| *s == style) {
            bucket.push(point);
        }
    }
    by_style
        .into_iter()
        .filter(|(_, points)| !points.is_empty())
        .map(|(style, points)| {
            let (series_name, suffix_id) = match style_suffix(style) {
                None => (name.clone(), String::new()),
                Some((zh, en)) => (
                    text(format!("{}（{zh}）", name.zh,), format!("{} ({en})", en_or_zh(name))),
                    format!("-{en}"),
                ),
            };
            let id = format!("{id}{suffix_id}").replace(' ', "-");
            ChartSeries { id, name: series_name, style, colour: 0, points }
        })
        .collect()
}

/// One region's line: its points in time order, whatever their status (the
/// figure marks each point by its status).
pub(super) fn line_series(
    dataset: &Dataset,
    region: RegionIx,
    colour: usize,
    mut points: Vec<ChartPoint>,
) -> ChartSeries {
    points.sort_by(|a, b| a.x.total_cmp(&b.x));
    let style = if region == dataset.focus_region() { SeriesStyle::Focus } else { SeriesStyle::Other };
    let name = region_name(dataset, region).clone();
    ChartSeries { id: dataset.region(region).id.clone(), name, style, colour, points }
}

/// Spreads points that share a slot (sources that disagree) side by side.
pub(super) fn spread_within_slots(points: &mut [ChartPoint], slot_width: f64) {
    let mut by_x: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (at, point) in points.iter().enumerate() {
        // Slots are at most a few per unit of x; keying by x × 1000 groups equal positions.
        #[expect(clippy::cast_possible_truncation, reason = "x is a time position or a small index")]
        by_x.entry((point.x * 1000.0).round() as i64).or_default().push(at);
    }
    for members in by_x.values() {
        #[expect(clippy::cast_precision_loss, reason = "a handful of bars")]
        let count = members.len() as f64;
        let width = slot_width / count;
        for (rank, &at) in members.iter().enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "a handful of bars")]
            let offset = (rank as f64 + 0.5) * width - slot_width / 2.0;
            points[at].x += offset;
            points[at].bar_width = width * 0.95;
        }
    }
}

/// The width of one period of `kind` on its time axis.
pub(super) fn slot(kind: PeriodKind) -> f64 {
    1.0 / f64::from(kind.per_year())
}

/// Scales bar widths to the period kind's slot (a quarter is a quarter of a year wide).
pub(super) fn fit_to_slots(points: &mut [ChartPoint], kind: PeriodKind) {
    for point in points.iter_mut() {
        point.bar_width = SLOT_WIDTH * slot(kind);
    }
    spread_within_slots(points, SLOT_WIDTH * slot(kind));
}

/// How many different periods the points cover.
pub(super) fn distinct_periods<'a>(periods: impl Iterator<Item = &'a Period>) -> usize {
    // Groups hold thousands of values over a few dozen periods: keep the
    // few seen, sorted, rather than sorting every value.
    let mut seen: Vec<Period> = Vec::new();
    for &period in periods {
        if let Err(at) = seen.binary_search(&period) {
            seen.insert(at, period);
        }
    }
    seen.len()
}

pub(super) fn join_notes(notes: &[Text]) -> Option<Text> {
    if notes.is_empty() {
        return None;
    }
    let zh: Vec<&str> = notes.iter().map(|note| note.zh.as_str()).collect();
    let en: Vec<&str> = notes.iter().map(en_or_zh).collect();
    Some(text(zh.join(" "), en.join(" ")))
}

/// Splits rows sorted largest first into those drawn (the largest `limit`,
/// and any row `keep` says must stay) and those left out.
pub(super) fn split_largest<T>(rows: Vec<T>, limit: usize, keep: impl Fn(&T) -> bool) -> (Vec<T>, Vec<T>) {
    let mut drawn = Vec::with_capacity(rows.len().min(limit + 1));
    let mut left_out = Vec::new();
    for row in rows {
        if drawn.len() < limit || keep(&row) { drawn.push(row) } else { left_out.push(row) }
    }
    (drawn, left_out)
}

/// Names shown in a note before "and N more".
const NAMED_IN_NOTE: usize = 8;

/// `另有 12 项数值较小，未画出：甲、乙…；全部数值见图表的 CSV。`, or nothing.
pub(super) fn left_out_note(names: &[&Text]) -> Option<Text> {
    let count = names.len();
    if count == 0 {
        return None;
    }
    let shown = &names[..count.min(NAMED_IN_NOTE)];
    let zh: Vec<&str> = shown.iter().map(|name| name.zh.as_str()).collect();
    let en: Vec<&str> = shown.iter().map(|name| en_or_zh(name)).collect();
    let (more_zh, more_en) = if count > NAMED_IN_NOTE { ("等", " and others") } else { ("", "") };
    let count_text = crate::format::group_count(count);
    Some(text(
        format!("另有 {count_text} 项数值较小，未画出：{}{more_zh}；全部数值见图表的 CSV。", zh.join("、")),
        format!(
            "{count_text} smaller values are not drawn: {}{more_en}; the chart's CSV lists them all.",
            en.join(", ")
        ),
    ))
}

/// `另有 3 个地区数值较小…`: the same for whole regions of a history.
pub(super) fn left_out_regions_note(dataset: &Dataset, regions: &[RegionIx]) -> Option<Text> {
    let count = regions.len();
    if count == 0 {
        return None;
    }
    let names: Vec<&str> =
        regions.iter().take(NAMED_IN_NOTE).map(|&r| region_name(dataset, r).zh.as_str()).collect();
    let names_en: Vec<&str> =
        regions.iter().take(NAMED_IN_NOTE).map(|&r| en_or_zh(region_name(dataset, r))).collect();
    let (more_zh, more_en) = if count > NAMED_IN_NOTE { ("等", " and others") } else { ("", "") };
    let count_text = crate::format::group_count(count);
    Some(text(
        format!(
            "只画出最新值最大的 {MAX_LINES} 个地区和本地区；另有 {count_text} 个地区未画出：{}{more_zh}；全部数值见图表的 CSV。",
            names.join("、")
        ),
        format!(
            "Only the {MAX_LINES} regions with the largest latest values and this one are drawn; {count_text} more are not: {}{more_en}; the chart's CSV lists them all.",
            names_en.join(", ")
        ),
    ))
}

/// The note a history carries: the indicator's own note, then what the
/// figure does with disputed values.
pub(super) fn history_notes(
    indicator_note: Option<&Text>,
    points: &[ChartPoint],
    kind: ChartKind,
) -> Vec<Text> {
    let mut notes: Vec<Text> = indicator_note.cloned().into_iter().collect();
    if points.iter().any(|point| point.conflict) {
        notes.push(match kind {
            ChartKind::Bars => text(
                "来源不一致的时期并列显示各来源的数值。".to_owned(),
                "Where sources disagree, each source's value stands side by side.".to_owned(),
            ),
            ChartKind::Lines => text(
                "来源不一致的数值只画点，不连线。".to_owned(),
                "Values sources disagree on are marked but not joined by the line.".to_owned(),
            ),
        });
    }
    notes
}

/// Whether a level can be added up across regions, so a region's share of
/// its parent means something (亿元 and 家 can; 元 per head, % and 位 cannot).
pub(super) fn is_additive(unit: &Unit) -> bool {
    match unit.kind() {
        UnitKind::Money => unit.zh != "元",
        UnitKind::Count | UnitKind::People => true,
        UnitKind::Percent | UnitKind::Rank | UnitKind::Other => false,
    }
}

/// The value axis for a unit: ranks run with 1 at the top.
pub(super) fn value_axis(unit: &Unit) -> ValueAxis {
    if unit.kind() == UnitKind::Rank { ValueAxis::Ranks } else { ValueAxis::Upwards }
}

/// The parts every chart has, with no values left out.
pub(super) struct ChartHead {
    pub id: String,
    pub view: View,
    pub title: Text,
    pub unit: Unit,
}

impl ChartHead {
    pub fn chart(self, axis: XAxis, kind: ChartKind, series: Vec<ChartSeries>, note: Option<Text>) -> Chart {
        let value_axis = value_axis(&self.unit);
        Chart {
            id: self.id,
            view: self.view,
            title: self.title,
            unit: self.unit,
            axis,
            kind,
            value_axis,
            series,
            note,
            left_out: Vec::new(),
            not_drawn: Vec::new(),
        }
    }
}

/// Left-out references for every value of `kind` of these regions.
pub(super) fn left_out_regions(
    indicator: IndicatorIx,
    regions: &[RegionIx],
    kind: PeriodKind,
) -> Vec<LeftOut> {
    regions.iter().map(|&region| LeftOut { indicator, region, kind, period: None }).collect()
}
