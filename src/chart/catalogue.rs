//! Builds every chart a dataset supports, from whatever the file holds.
//!
//! The rules are generic, so another region's file gets the same dashboard:
//! a level with two or more years becomes a history; a level known for three
//! or more sibling regions becomes a comparison with the focus highlighted; a
//! money level known for the focus and its parent gives a share (derived);
//! stated growth rates are charted per region; a growth rate whose prior year
//! is missing implies it (derived); counts of one unit and period are shown
//! side by side; stated shares stand beside their recomputed value.

use std::collections::BTreeMap;

use super::{Chart, ChartPoint, ChartSeries, SeriesStyle, XAxis};
use crate::data::derive::{self, Derived, Formula};
use crate::data::model::{
    Dataset, Indicator, IndicatorIx, Observation, Period, RegionIx, Relation, Status, Text, Unit, UnitKind,
    View, index_u32,
};
use crate::format::group_rounded;
use crate::i18n::Lang;

/// Bars take this share of a year's slot.
const SLOT_WIDTH: f64 = 0.7;

/// Every chart of the dataset, in file order of the indicators, per view.
pub fn build_charts(dataset: &Dataset) -> Vec<Chart> {
    let focus = dataset.focus_region;
    let parent = dataset.region(focus).parent;
    let mut charts = Vec::new();
    for (at, indicator) in dataset.indicators.iter().enumerate() {
        let ix = IndicatorIx(index_u32(at));
        match indicator.relation {
            Relation::Level => {
                charts.extend(history(dataset, ix, focus));
                if let Some(parent) = parent {
                    charts.extend(comparison(dataset, ix, parent));
                    charts.extend(share_of_parent(dataset, ix, focus, parent));
                    charts.extend(history(dataset, ix, parent));
                }
            }
            Relation::Growth { .. } => {
                charts.extend(growth_rates(dataset, ix, focus, parent));
                charts.extend(implied_prior(dataset, ix, focus));
            }
            Relation::Share { .. } => charts.extend(share_parts(dataset, ix, focus)),
            Relation::Rank { .. } => {}
        }
    }
    for view in View::ALL {
        charts.extend(stated_vs_recomputed_shares(dataset, view, focus));
        charts.extend(count_snapshots(dataset, view, focus));
    }
    charts
}

fn region_name(dataset: &Dataset, region: RegionIx) -> &Text {
    &dataset.region(region).name
}

fn text(zh: String, en: String) -> Text {
    Text { zh, en: Some(en) }
}

fn en_or_zh(text: &Text) -> &str {
    text.en.as_deref().unwrap_or(&text.zh)
}

/// `市中区 地区生产总值` / `Shizhong · GDP`.
fn titled(region: &Text, what: &Text) -> Text {
    text(format!("{} {}", region.zh, what.zh), format!("{} · {}", en_or_zh(region), en_or_zh(what)))
}

fn reported_point(dataset: &Dataset, obs: &Observation, x: f64, label: Text) -> ChartPoint {
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

fn derived_point(derived: &Derived, x: f64, label: Text, period: Period) -> ChartPoint {
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

fn style_of(point: &ChartPoint, base: SeriesStyle) -> SeriesStyle {
    match (point.status, point.conflict) {
        (_, true) => SeriesStyle::Conflict,
        (Status::Derived, _) => SeriesStyle::Derived,
        (Status::Estimate, _) => SeriesStyle::Estimate,
        (Status::Reported, _) => base,
    }
}

fn style_suffix(style: SeriesStyle) -> Option<(&'static str, &'static str)> {
    match style {
        SeriesStyle::Focus | SeriesStyle::Other => None,
        SeriesStyle::Derived => Some(("推算", "derived")),
        SeriesStyle::Estimate => Some(("来源预计", "source's estimate")),
        SeriesStyle::Conflict => Some(("来源不一致", "sources disagree")),
    }
}

/// Splits points into one series per style, so the legend explains each look.
fn series_by_style(id: &str, name: &Text, base: SeriesStyle, points: Vec<ChartPoint>) -> Vec<ChartSeries> {
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
fn spread_within_slots(points: &mut [ChartPoint], slot_width: f64) {
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

fn year_x(period: Period) -> f64 {
    f64::from(period.year)
}

fn full_year_points(indicator: &Indicator, region: RegionIx) -> Vec<&Observation> {
    indicator.series(region).iter().filter(|obs| obs.period.is_full_year()).collect()
}

fn distinct_years(observations: &[&Observation]) -> usize {
    let mut years: Vec<i16> = observations.iter().map(|obs| obs.period.year).collect();
    years.dedup();
    years.len()
}

fn period_label(period: Period) -> Text {
    Text { zh: period.to_string(), en: None }
}

/// A level over the years for one region; missing years stay gaps.
fn history(dataset: &Dataset, ix: IndicatorIx, region: RegionIx) -> Option<Chart> {
    let indicator = dataset.indicator(ix);
    let observations = full_year_points(indicator, region);
    if distinct_years(&observations) < 2 {
        return None;
    }
    let mut points: Vec<ChartPoint> = observations
        .iter()
        .map(|obs| reported_point(dataset, obs, year_x(obs.period), period_label(obs.period)))
        .collect();
    spread_within_slots(&mut points, SLOT_WIDTH);
    let name = region_name(dataset, region);
    let base = if region == dataset.focus_region { SeriesStyle::Focus } else { SeriesStyle::Other };
    let left_out = indicator.series(region).len() - observations.len();
    let mut notes = Vec::new();
    if let Some(note) = &indicator.note {
        notes.push(note.clone());
    }
    if points.iter().any(|point| point.conflict) {
        notes.push(text(
            "来源不一致的年份并列显示各来源的数值。".to_owned(),
            "Where sources disagree, each source's value stands side by side.".to_owned(),
        ));
    }
    if left_out > 0 {
        notes.push(text(
            "半年度、季度数据未画入年度柱形图，见“数据”页。".to_owned(),
            "Half-year and quarterly values are not drawn among the years; see the Data tab.".to_owned(),
        ));
    }
    Some(Chart {
        id: format!("{}-{}-history", indicator.id, dataset.region(region).id),
        view: indicator.view,
        title: titled(name, &indicator.name),
        unit: indicator.unit.clone(),
        axis: XAxis::Years,
        series: series_by_style(&dataset.region(region).id, name, base, points),
        note: join_notes(&notes),
    })
}

fn join_notes(notes: &[Text]) -> Option<Text> {
    if notes.is_empty() {
        return None;
    }
    let zh: Vec<&str> = notes.iter().map(|note| note.zh.as_str()).collect();
    let en: Vec<&str> = notes.iter().map(en_or_zh).collect();
    Some(text(zh.join(" "), en.join(" ")))
}

/// The parent's regions side by side in the year most of them report.
fn comparison(dataset: &Dataset, ix: IndicatorIx, parent: RegionIx) -> Option<Chart> {
    let indicator = dataset.indicator(ix);
    let children: Vec<RegionIx> = dataset.children(parent).collect();
    let mut counts: BTreeMap<Period, usize> = BTreeMap::new();
    for &child in &children {
        for obs in indicator.series(child).iter().filter(|obs| obs.period.is_full_year() && !obs.conflict) {
            *counts.entry(obs.period).or_default() += 1;
        }
    }
    // Most regions first; among equals, the latest year.
    let (&period, &count) = counts.iter().max_by_key(|(period, count)| (**count, **period))?;
    if count < 3 {
        return None;
    }
    let mut rows: Vec<(RegionIx, &Observation)> = children
        .iter()
        .filter_map(|&child| derive::single(dataset, ix, child, period).map(|obs| (child, obs)))
        .collect();
    rows.sort_by(|a, b| b.1.value.total_cmp(&a.1.value));
    let reported = rows.len();
    keep_top_and_focus(&mut rows, dataset.focus_region);
    let labels: Vec<Text> = rows.iter().map(|(region, _)| region_name(dataset, *region).clone()).collect();
    let (mut focus_points, mut other_points) = (Vec::new(), Vec::new());
    for (at, (region, obs)) in rows.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a few dozen regions")]
        let point = reported_point(dataset, obs, at as f64, labels[at].clone());
        if *region == dataset.focus_region { focus_points.push(point) } else { other_points.push(point) }
    }
    let parent_name = region_name(dataset, parent);
    let focus_name = region_name(dataset, dataset.focus_region);
    let mut series = series_by_style(
        &dataset.region(dataset.focus_region).id,
        focus_name,
        SeriesStyle::Focus,
        focus_points,
    );
    let others = text("其他区县".to_owned(), "Other districts".to_owned());
    series.extend(series_by_style("others", &others, SeriesStyle::Other, other_points));
    let missing = children.len() - reported;
    let mut notes = Vec::new();
    if rows.len() < reported {
        notes.push(text(
            format!("只显示最大的 {MAX_COMPARED_REGIONS} 个（共 {reported} 个有数据），以及本地区。"),
            format!("Only the largest {MAX_COMPARED_REGIONS} of the {reported} reporting regions are shown, and this one."),
        ));
    }
    if missing > 0 {
        notes.push(text(
            format!("{missing} 个区县无 {period} 年数据或来源不一致，未列出。"),
            format!("{missing} districts without a {period} figure (or with disputed ones) are left out."),
        ));
    }
    Some(Chart {
        id: format!("{}-{}-regions-{period}", indicator.id, dataset.region(parent).id),
        view: indicator.view,
        title: text(
            format!("{}各区县 {} {period}", parent_name.zh, indicator.name.zh),
            format!("{} by district · {} {period}", en_or_zh(parent_name), en_or_zh(&indicator.name)),
        ),
        unit: indicator.unit.clone(),
        axis: XAxis::Categories(labels),
        series,
        note: join_notes(&notes),
    })
}

/// A comparison shows at most this many regions (plus the focus region).
pub const MAX_COMPARED_REGIONS: usize = 20;

/// Keeps the largest rows and the focus region's row, in descending order.
fn keep_top_and_focus(rows: &mut Vec<(RegionIx, &Observation)>, focus: RegionIx) {
    if rows.len() <= MAX_COMPARED_REGIONS {
        return;
    }
    let focus_row = rows.iter().skip(MAX_COMPARED_REGIONS).find(|(region, _)| *region == focus).copied();
    rows.truncate(MAX_COMPARED_REGIONS);
    rows.extend(focus_row);
}

/// The focus region's share of its parent, year by year, where both are known.
fn share_of_parent(dataset: &Dataset, ix: IndicatorIx, focus: RegionIx, parent: RegionIx) -> Option<Chart> {
    let indicator = dataset.indicator(ix);
    if indicator.unit.kind() != UnitKind::Money {
        return None;
    }
    let points: Vec<ChartPoint> = full_year_points(indicator, focus)
        .iter()
        .filter_map(|obs| {
            let derived = derive::share(dataset, (ix, focus), (ix, parent), obs.period)?;
            Some(derived_point(&derived, year_x(obs.period), period_label(obs.period), obs.period))
        })
        .collect();
    if points.len() < 2 {
        return None;
    }
    let (focus_name, parent_name) = (region_name(dataset, focus), region_name(dataset, parent));
    let name = text(format!("占{}比重", parent_name.zh), format!("share of {}", en_or_zh(parent_name)));
    Some(Chart {
        id: format!("{}-{}-share-of-{}", indicator.id, dataset.region(focus).id, dataset.region(parent).id),
        view: indicator.view,
        title: text(
            format!("{} {}占{}比重（推算）", focus_name.zh, indicator.name.zh, parent_name.zh),
            format!(
                "{} · {} as a share of {} (derived)",
                en_or_zh(focus_name),
                en_or_zh(&indicator.name),
                en_or_zh(parent_name)
            ),
        ),
        unit: Unit { zh: "%".to_owned() },
        axis: XAxis::Years,
        series: series_by_style("share", &name, SeriesStyle::Derived, points),
        note: Some(text(
            "由两地同年数值计算；来源不一致的年份不计算。".to_owned(),
            "Computed from both regions' figures for the same year; years with disputed figures are skipped."
                .to_owned(),
        )),
    })
}

/// Stated growth rates of the focus region and its parent, year by year.
fn growth_rates(
    dataset: &Dataset,
    ix: IndicatorIx,
    focus: RegionIx,
    parent: Option<RegionIx>,
) -> Option<Chart> {
    let indicator = dataset.indicator(ix);
    let regions: Vec<RegionIx> = std::iter::once(focus).chain(parent).collect();
    let slot = SLOT_WIDTH / regions.len() as f64;
    let mut series = Vec::new();
    let mut total = 0;
    for (rank, &region) in regions.iter().enumerate() {
        let mut points: Vec<ChartPoint> = full_year_points(indicator, region)
            .iter()
            .map(|obs| {
                let x = year_x(obs.period) - SLOT_WIDTH / 2.0 + (rank as f64 + 0.5) * slot;
                reported_point(dataset, obs, x, period_label(obs.period))
            })
            .collect();
        spread_within_slots(&mut points, slot);
        total += points.len();
        let base = if region == focus { SeriesStyle::Focus } else { SeriesStyle::Other };
        series.extend(series_by_style(
            &dataset.region(region).id,
            region_name(dataset, region),
            base,
            points,
        ));
    }
    if total < 2 {
        return None;
    }
    Some(Chart {
        id: format!("{}-rates", indicator.id),
        view: indicator.view,
        title: text(
            format!("{}（来源所述）", indicator.name.zh),
            format!("{} (as stated)", en_or_zh(&indicator.name)),
        ),
        unit: indicator.unit.clone(),
        axis: XAxis::Years,
        series,
        note: indicator.note.clone(),
    })
}

/// The prior year implied by the latest stated growth rate, beside the stated year.
fn implied_prior(dataset: &Dataset, ix: IndicatorIx, focus: RegionIx) -> Option<Chart> {
    let indicator = dataset.indicator(ix);
    let Relation::Growth { of, .. } = indicator.relation else { return None };
    let (period, derived) = indicator.series(focus).iter().rev().find_map(|obs| {
        derive::implied_prior(dataset, ix, focus, obs.period).map(|derived| (obs.period, derived))
    })?;
    let level = dataset.indicator(of);
    let stated = level.get(focus, period)?;
    let prior = Period::year(period.year - 1);
    let points = vec![
        derived_point(&derived, year_x(prior), period_label(prior), prior),
        reported_point(dataset, stated, year_x(period), period_label(period)),
    ];
    let name = region_name(dataset, focus);
    Some(Chart {
        id: format!("{}-{}-implied-prior", indicator.id, dataset.region(focus).id),
        view: indicator.view,
        title: text(
            format!("{} {}：{} 年与增速推算的上年", name.zh, level.name.zh, period),
            format!(
                "{} · {}: {period} and the prior year implied by its growth",
                en_or_zh(name),
                en_or_zh(&level.name)
            ),
        ),
        unit: level.unit.clone(),
        axis: XAxis::Years,
        series: series_by_style(&dataset.region(focus).id, name, SeriesStyle::Focus, points),
        note: Some(explain(&derived.formula)),
    })
}

/// A stated share's part beside its whole (stated, or implied by the share).
fn share_parts(dataset: &Dataset, ix: IndicatorIx, focus: RegionIx) -> Option<Chart> {
    let indicator = dataset.indicator(ix);
    let Relation::Share { part, whole, whole_region } = indicator.relation else { return None };
    let whole_region = whole_region.unwrap_or(focus);
    let share_obs = indicator.series(focus).last()?;
    let period = share_obs.period;
    let part_obs = derive::single(dataset, part, focus, period)?;
    let part_label = titled(region_name(dataset, focus), &dataset.indicator(part).name);
    let whole_label = titled(region_name(dataset, whole_region), &dataset.indicator(whole).name);
    let whole_point = match derive::single(dataset, whole, whole_region, period) {
        Some(obs) => reported_point(dataset, obs, 1.0, whole_label.clone()),
        None => {
            let (derived, _, _) = derive::implied_whole(dataset, ix, focus, period)?;
            derived_point(&derived, 1.0, whole_label.clone(), period)
        }
    };
    let points = vec![reported_point(dataset, part_obs, 0.0, part_label.clone()), whole_point];
    let name = region_name(dataset, focus);
    Some(Chart {
        id: format!("{}-{}-part-and-whole-{period}", indicator.id, dataset.region(focus).id),
        view: indicator.view,
        title: text(
            format!("{}：部分与总量 {period}", indicator.name.zh),
            format!("{}: part and whole, {period}", en_or_zh(&indicator.name)),
        ),
        unit: dataset.indicator(part).unit.clone(),
        axis: XAxis::Categories(vec![part_label, whole_label]),
        series: series_by_style(&dataset.region(focus).id, name, SeriesStyle::Focus, points),
        note: Some(text(
            format!("来源所述占比：{}%", group_rounded(share_obs.value, 2)),
            format!("Share as stated: {}%", group_rounded(share_obs.value, 2)),
        )),
    })
}

/// Each stated share of a view beside the same share recomputed from its parts.
fn stated_vs_recomputed_shares(dataset: &Dataset, view: View, focus: RegionIx) -> Option<Chart> {
    let mut labels = Vec::new();
    let (mut stated, mut recomputed) = (Vec::new(), Vec::new());
    for (at, indicator) in dataset.indicators.iter().enumerate() {
        if indicator.view != view || !matches!(indicator.relation, Relation::Share { .. }) {
            continue;
        }
        let Some(obs) = indicator.latest(focus) else { continue };
        #[expect(clippy::cast_precision_loss, reason = "a handful of shares")]
        let x = labels.len() as f64;
        labels.push(indicator.name.clone());
        stated.push(reported_point(dataset, obs, x - 0.18, indicator.name.clone()));
        if let Some(derived) =
            derive::recomputed_share(dataset, IndicatorIx(index_u32(at)), focus, obs.period)
        {
            recomputed.push(derived_point(&derived, x + 0.18, indicator.name.clone(), obs.period));
        }
    }
    if labels.is_empty() || recomputed.is_empty() {
        return None;
    }
    for point in stated.iter_mut().chain(recomputed.iter_mut()) {
        point.bar_width = 0.34;
    }
    let name = region_name(dataset, focus);
    let mut series = series_by_style(
        "stated",
        &text(format!("{}（来源所述）", name.zh), format!("{} (as stated)", en_or_zh(name))),
        SeriesStyle::Focus,
        stated,
    );
    series.extend(series_by_style(
        "recomputed",
        &text("重新计算".to_owned(), "recomputed".to_owned()),
        SeriesStyle::Derived,
        recomputed,
    ));
    Some(Chart {
        id: format!("{}-shares-stated-vs-recomputed", view.id()),
        view,
        title: text("占比：来源所述与重新计算".to_owned(), "Shares: as stated and recomputed".to_owned()),
        unit: Unit { zh: "%".to_owned() },
        axis: XAxis::Categories(labels),
        series,
        note: Some(text(
            "重新计算需要文件中同期的部分与总量；缺少总量的占比只显示来源所述值。".to_owned(),
            "A share is recomputed only where the file has both part and whole for that period.".to_owned(),
        )),
    })
}

/// Counts of one unit and period, side by side (firms by tier, streets by kind).
fn count_snapshots(dataset: &Dataset, view: View, focus: RegionIx) -> Vec<Chart> {
    let mut groups: BTreeMap<(String, Period), Vec<(&Indicator, &Observation)>> = BTreeMap::new();
    for indicator in &dataset.indicators {
        if indicator.view != view
            || indicator.relation != Relation::Level
            || indicator.unit.kind() != UnitKind::Count
        {
            continue;
        }
        if let Some(obs) = indicator.latest(focus) {
            groups.entry((indicator.unit.zh.clone(), obs.period)).or_default().push((indicator, obs));
        }
    }
    let name = region_name(dataset, focus);
    groups
        .into_iter()
        .filter(|(_, members)| members.len() >= 2)
        .map(|((unit, period), members)| {
            let labels: Vec<Text> = members.iter().map(|(indicator, _)| indicator.name.clone()).collect();
            let points = members
                .iter()
                .enumerate()
                .map(|(at, (indicator, obs))| {
                    #[expect(clippy::cast_precision_loss, reason = "a handful of indicators")]
                    reported_point(dataset, obs, at as f64, indicator.name.clone())
                })
                .collect();
            let unit = Unit { zh: unit };
            Chart {
                id: format!("{}-counts-{}-{period}", view.id(), members[0].0.id),
                view,
                title: text(
                    format!("{} {}：{period} 年数量（{}）", name.zh, view.label(Lang::Zh), unit.zh),
                    format!(
                        "{} · {}: counts, {period} ({})",
                        en_or_zh(name),
                        view.label(Lang::En),
                        unit.label(Lang::En)
                    ),
                ),
                unit,
                axis: XAxis::Categories(labels),
                series: series_by_style(&dataset.region(focus).id, name, SeriesStyle::Focus, points),
                note: members.iter().find_map(|(indicator, _)| indicator.note.clone()),
            }
        })
        .collect()
}
