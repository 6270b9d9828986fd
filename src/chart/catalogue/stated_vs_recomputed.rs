//! A view's stated shares beside the same shares recomputed from their parts.

use super::points::{
    ChartHead, category, derived_point, en_or_zh, region_name, reported_point, series_by_style, text,
};
use crate::chart::{Chart, ChartKind, SeriesStyle, XAxis};
use crate::data::derive;
use crate::data::model::{Dataset, IndicatorIx, RegionIx, Relation, Unit, View, index_u32};

/// Each stated share of a view beside the same share recomputed from its parts.
pub(super) fn stated_vs_recomputed_shares(dataset: &Dataset, view: View, focus: RegionIx) -> Option<Chart> {
    let mut labels = Vec::new();
    let (mut stated, mut recomputed) = (Vec::new(), Vec::new());
    for (at, indicator) in dataset.indicators().iter().enumerate() {
        if indicator.view != view || !matches!(indicator.relation, Relation::Share { .. }) {
            continue;
        }
        let Some(obs) = indicator.latest(focus) else { continue };
        #[expect(clippy::cast_precision_loss, reason = "a handful of shares")]
        let x = labels.len() as f64;
        labels.push(indicator.name.clone());
        stated.push(reported_point(IndicatorIx(index_u32(at)), obs, x - 0.18, category(labels.len() - 1)));
        if let Some(derived) =
            derive::recomputed_share(dataset, IndicatorIx(index_u32(at)), focus, obs.period)
        {
            recomputed.push(derived_point(&derived, x + 0.18, category(labels.len() - 1), obs.period));
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
    let head = ChartHead {
        id: format!("{}-shares-stated-vs-recomputed", view.id()),
        view,
        title: text("占比：来源所述与重新计算".to_owned(), "Shares: as stated and recomputed".to_owned()),
        unit: Unit { zh: "%".to_owned() },
    };
    let note = text(
        "重新计算需要文件中同期的部分与总量；缺少总量的占比只显示来源所述值。".to_owned(),
        "A share is recomputed only where the file has both part and whole for that period.".to_owned(),
    );
    Some(head.chart(XAxis::Categories(labels), ChartKind::Bars, series, Some(note)))
}
