//! The `charts` section: charts a user saved with the data. Each must still
//! fit the data (an indicator removed or renamed since is a problem with its
//! line:col, like any other reference), its periods must be of its kind and
//! in order, and the regions a transform compares with must exist.

use super::{Checker, Refs, check_view, not_a_period, text};
use crate::data::model::{Period, PeriodKind, View};
use crate::data::raw::{RawChart, Transform};
use crate::data::saved_chart::{ChartSpec, ChartTransform, SavedChart};
use crate::msg;

/// A period of the chart's kind, or a problem at `field`.
fn chart_period(
    check: &mut Checker,
    text: &str,
    kind: PeriodKind,
    field: impl FnOnce() -> String,
) -> Option<Period> {
    let Some(period) = Period::parse(text) else {
        check.push(field(), not_a_period(text));
        return None;
    };
    if period.kind() != kind {
        let (found, wanted) = (period.kind().label(crate::i18n::Lang::Zh), kind.label(crate::i18n::Lang::Zh));
        let (found_en, wanted_en) =
            (period.kind().label(crate::i18n::Lang::En), kind.label(crate::i18n::Lang::En));
        check.push(
            field(),
            msg!(
                "{text:?} 是{found}时期，而图表画的是{wanted}数值",
                "{text:?} is a {found_en} period, but the chart draws {wanted_en} values"
            ),
        );
        return None;
    }
    Some(period)
}

pub(super) fn check_chart(check: &mut Checker, refs: &Refs, at: usize, raw: RawChart) -> Option<SavedChart> {
    let path = format!("charts[{at}]");
    check.text(&raw.title, &format!("{path}.title"));
    let view = if raw.view == View::Custom.id() {
        View::Custom
    } else {
        check_view(check, &raw.view, || format!("{path}.view"))
    };
    let indicator = refs.indicator(check, &raw.indicator, || format!("{path}.indicator"));
    if raw.regions.is_empty() {
        check.push(format!("{path}.regions"), msg!("至少应有一个地区", "expected at least one region"));
    }
    let regions: Vec<_> = raw
        .regions
        .iter()
        .enumerate()
        .filter_map(|(region_at, id)| refs.region(check, id, || format!("{path}.regions[{region_at}]")))
        .collect();
    let kind = raw.periods;
    let from =
        raw.from.as_deref().and_then(|from| chart_period(check, from, kind, || format!("{path}.from")));
    let to = raw.to.as_deref().and_then(|to| chart_period(check, to, kind, || format!("{path}.to")));
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        check.push(
            format!("{path}.to"),
            msg!("结束时期 {to} 早于开始时期 {from}", "the last period {to} comes before the first, {from}"),
        );
    }
    let transform = match &raw.transform {
        Transform::AsStated => Some(ChartTransform::AsStated),
        Transform::Change => Some(ChartTransform::Change),
        Transform::AverageGrowth => Some(ChartTransform::AverageGrowth),
        Transform::ShareOfParent => Some(ChartTransform::ShareOfParent),
        Transform::Index { base } => chart_period(check, base, kind, || format!("{path}.transform.base"))
            .map(|base| ChartTransform::Index { base }),
        Transform::ShareOf { region } => {
            refs.region(check, region, || format!("{path}.transform.region")).map(ChartTransform::ShareOf)
        }
        Transform::DifferenceFrom { region } => refs
            .region(check, region, || format!("{path}.transform.region"))
            .map(ChartTransform::DifferenceFrom),
    };
    let spec =
        ChartSpec { indicator: indicator?, regions, kind, from, to, shape: raw.shape, transform: transform? };
    Some(SavedChart { id: raw.id, title: text(raw.title), view, spec })
}
