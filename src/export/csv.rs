//! A chart's data as CSV: the points the chart draws, one row each, with the
//! status, qualifier and sources that make each value defensible; then the
//! values it holds but does not draw (beyond its largest bars), marked
//! `drawn = no`, so nothing the chart stands for is lost.

use crate::chart::Chart;
use crate::data::dump::{push_csv_row, qualifier_word, status_word};
use crate::data::model::Dataset;
use crate::i18n::Lang;

pub const CHART_CSV_HEADER: &str =
    "chart,series,label,period,value,unit,status,qualifier,disputed,sources,note,drawn";

/// The chart's points as CSV, labels in `lang`. Derived values keep full precision.
pub fn chart_csv(chart: &Chart, dataset: &Dataset, lang: Lang) -> String {
    let mut out = String::from(CHART_CSV_HEADER);
    out.push('\n');
    let drawn = chart
        .series
        .iter()
        .flat_map(|series| series.points.iter().map(move |point| (series.name.get(lang), point, "yes")));
    let not_drawn = lang.tr("未画出", "not drawn");
    let left_out = chart.left_out.iter().map(|point| (not_drawn, point, "no"));
    for (series_name, point, shown) in drawn.chain(left_out) {
        let sources: Vec<&str> = point.sources.iter().map(|ix| dataset.source(*ix).id.as_str()).collect();
        let fields = [
            chart.id.as_str(),
            series_name,
            point.label.get(lang),
            &point.period.to_string(),
            &point.value.to_string(),
            chart.unit.label(lang),
            status_word(point.status),
            qualifier_word(point.qualifier),
            if point.conflict { "yes" } else { "no" },
            &sources.join(";"),
            point.note.as_ref().map_or("", |note| note.get(lang)),
            shown,
        ];
        push_csv_row(&mut out, &fields);
    }
    out
}
