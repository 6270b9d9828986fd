//! A chart's data as CSV: exactly the points the chart draws, one row each,
//! with the status, qualifier and sources that make each value defensible.

use crate::chart::Chart;
use crate::data::dump::{push_csv_row, qualifier_word, status_word};
use crate::data::model::Dataset;
use crate::i18n::Lang;

pub const CHART_CSV_HEADER: &str =
    "chart,series,label,period,value,unit,status,qualifier,disputed,sources,note";

/// The chart's points as CSV, labels in `lang`. Derived values keep full precision.
pub fn chart_csv(chart: &Chart, dataset: &Dataset, lang: Lang) -> String {
    let mut out = String::from(CHART_CSV_HEADER);
    out.push('\n');
    for series in &chart.series {
        for point in &series.points {
            let sources: Vec<&str> = point.sources.iter().map(|ix| dataset.source(*ix).id.as_str()).collect();
            let fields = [
                chart.id.as_str(),
                series.name.get(lang),
                point.label.get(lang),
                &point.period.to_string(),
                &point.value.to_string(),
                chart.unit.label(lang),
                status_word(point.status),
                qualifier_word(point.qualifier),
                if point.conflict { "yes" } else { "no" },
                &sources.join(";"),
                point.note.as_ref().map_or("", |note| note.get(lang)),
            ];
            push_csv_row(&mut out, &fields);
        }
    }
    out
}
