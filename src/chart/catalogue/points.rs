//! What every rule shares: points made from observations or derived values,
//! series split by style so the legend explains each look, bilingual titles
//! and notes, and the slot geometry of bars.

use std::collections::BTreeMap;

use crate::chart::{ChartPoint, ChartSeries, SeriesStyle};
use crate::data::derive::{Derived, Formula};
use crate::data::model::{Dataset, Indicator, Observation, Period, RegionIx, Status, Text};

/// Bars take this share of a year's slot.
pub(super) const SLOT_WIDTH: f64 = 0.7;

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

pub(super) fn reported_point(dataset: &Dataset, obs: &Observation, x: f64, label: Text) -> ChartPoint {
    ChartPoint {
        x,
        bar_width: SLOT_WIDTH,
        label,
        period: obs.period,
        value: obs.value,
        status: obs.status,
        qualifier: obs.qualifier,
        conflict: obs.conflict,
        sources: vec![obs.source],
        quote: obs.quote.map(|id| dataset.shared_text(id)),
        note: dataset.note_of(obs).map(|note| Text { zh: note.to_owned(), en: None }),
    }
}

pub(super) fn derived_point(derived: &Derived, x: f64, label: Text, period: Period) -> ChartPoint {
    ChartPoint {
        x,
        bar_width: SLOT_WIDTH,
        label,
        period,
        value: derived.value,
        status: Status::Derived,
        qualifier: derived.qualifier,
        conflict: false,
        sources: derived.sources(),
        quote: None,
        note: Some(explain(&derived.formula)),
    }
}

/// How a derived value was computed, in words and numbers.
pub fn explain(formula: &Formula) -> Text {
    let fmt = |value: f64| crate::format::group_thousands(value);
    match *formula {
        Formula::Share { part, whole } => text(
            format!("EconLens 推算：{} ÷ {} × 100", fmt(part), fmt(whole)),
            format!("Computed by EconLens: {} ÷ {} × 100", fmt(part), fmt(whole)),
        ),
        Formula::ImpliedPrior { value, growth_pct, basis } => {
            let (caveat_zh, caveat_en) = match basis {
                crate::data::model::GrowthBasis::Unstated => (
                    "；来源未说明增速口径，按名义增速推算",
                    "; the source does not say whether growth is real, taken as nominal",
                ),
                _ => ("", ""),
            };
            text(
                format!("EconLens 由增速推算：{} ÷ (1 + {}%){caveat_zh}", fmt(value), fmt(growth_pct)),
                format!(
                    "Implied by the stated growth: {} ÷ (1 + {}%){caveat_en}",
                    fmt(value),
                    fmt(growth_pct)
                ),
            )
        }
        Formula::ImpliedWhole { part, share_pct } => text(
            format!("EconLens 由占比推算：{} ÷ {}%", fmt(part), fmt(share_pct)),
            format!("Implied by the stated share: {} ÷ {}%", fmt(part), fmt(share_pct)),
        ),
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

pub(super) fn style_suffix(style: SeriesStyle) -> Option<(&'static str, &'static str)> {
    match style {
        SeriesStyle::Focus | SeriesStyle::Other => None,
        SeriesStyle::Derived => Some(("推算", "derived")),
        SeriesStyle::Estimate => Some(("来源预计", "source's estimate")),
        SeriesStyle::Conflict => Some(("来源不一致", "sources disagree")),
    }
}

/// Splits points into one series per style, so the legend explains each look.
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
            ChartSeries { id: format!("{id}{suffix_id}").replace(' ', "-"), name: series_name, style, points }
        })
        .collect()
}

/// Spreads points that share a slot (sources that disagree) side by side.
pub(super) fn spread_within_slots(points: &mut [ChartPoint], slot_width: f64) {
    let mut by_x: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (at, point) in points.iter().enumerate() {
        // Slots are at most a few per unit of x; keying by x × 1000 groups equal positions.
        #[expect(clippy::cast_possible_truncation, reason = "x is a year or a small index")]
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

pub(super) fn year_x(period: Period) -> f64 {
    f64::from(period.year)
}

pub(super) fn full_year_points(indicator: &Indicator, region: RegionIx) -> Vec<&Observation> {
    indicator.series(region).iter().filter(|obs| obs.period.is_full_year()).collect()
}

pub(super) fn distinct_years(observations: &[&Observation]) -> usize {
    let mut years: Vec<i16> = observations.iter().map(|obs| obs.period.year).collect();
    years.dedup();
    years.len()
}

pub(super) fn period_label(period: Period) -> Text {
    Text { zh: period.to_string(), en: None }
}

pub(super) fn join_notes(notes: &[Text]) -> Option<Text> {
    if notes.is_empty() {
        return None;
    }
    let zh: Vec<&str> = notes.iter().map(|note| note.zh.as_str()).collect();
    let en: Vec<&str> = notes.iter().map(en_or_zh).collect();
    Some(text(zh.join(" "), en.join(" ")))
}

/// At most this many bars in a category chart (plus the focus region in a
/// comparison): more would be unreadable, and an export of hundreds of bars
/// would be taller than any page. The rest are listed in the chart's CSV and
/// named in its note.
pub const MAX_BARS: usize = 20;

/// Splits rows sorted largest first into those drawn (the largest
/// [`MAX_BARS`], and any row `keep` says must stay) and those left out.
pub(super) fn split_largest<T>(rows: Vec<T>, keep: impl Fn(&T) -> bool) -> (Vec<T>, Vec<T>) {
    let mut drawn = Vec::with_capacity(rows.len().min(MAX_BARS + 1));
    let mut left_out = Vec::new();
    for row in rows {
        if drawn.len() < MAX_BARS || keep(&row) { drawn.push(row) } else { left_out.push(row) }
    }
    (drawn, left_out)
}

/// Names shown in a note before "and N more".
const NAMED_IN_NOTE: usize = 8;

/// `另有 12 项较小的未画出：甲、乙…；全部数值见图表的 CSV。`, or nothing.
pub(super) fn left_out_note(names: &[&Text]) -> Option<Text> {
    let count = names.len();
    if count == 0 {
        return None;
    }
    let shown = &names[..count.min(NAMED_IN_NOTE)];
    let zh: Vec<&str> = shown.iter().map(|name| name.zh.as_str()).collect();
    let en: Vec<&str> = shown.iter().map(|name| en_or_zh(name)).collect();
    let (more_zh, more_en) = if count > NAMED_IN_NOTE { ("等", " and others") } else { ("", "") };
    Some(text(
        format!("另有 {count} 项数值较小，未画出：{}{more_zh}；全部数值见图表的 CSV。", zh.join("、")),
        format!(
            "{count} smaller values are not drawn: {}{more_en}; the chart's CSV lists them all.",
            en.join(", ")
        ),
    ))
}
