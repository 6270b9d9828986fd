//! A chart's data as CSV: the points the chart draws, one row each, with the
//! status, qualifier and sources that make each value defensible; then the
//! values it holds but does not draw (beyond its largest bars), marked
//! `drawn = no`, so nothing the chart stands for is lost.

use crate::chart::Chart;
use crate::data::dump::{push_csv_row, qualifier_word, status_word};
use crate::data::model::{Dataset, Period, Qualifier, Status};
use crate::i18n::Lang;

pub const CHART_CSV_HEADER: &str =
    "chart,series,label,period,value,unit,status,qualifier,disputed,sources,note,drawn";

/// One line of the CSV.
struct Row<'a> {
    series: &'a str,
    label: &'a str,
    period: Period,
    value: f64,
    status: Status,
    qualifier: Qualifier,
    conflict: bool,
    sources: &'a str,
    note: &'a str,
    drawn: bool,
}

impl Row<'_> {
    fn push(&self, out: &mut String, chart: &Chart, lang: Lang) {
        let fields = [
            chart.id.as_str(),
            self.series,
            self.label,
            &self.period.to_string(),
            &self.value.to_string(),
            chart.unit.label(lang),
            status_word(self.status),
            qualifier_word(self.qualifier),
            if self.conflict { "yes" } else { "no" },
            self.sources,
            self.note,
            if self.drawn { "yes" } else { "no" },
        ];
        push_csv_row(out, &fields);
    }
}

/// The chart's points as CSV, labels in `lang`, then the values it stands
/// for but does not draw. Derived values keep full precision.
pub fn chart_csv(chart: &Chart, dataset: &Dataset, lang: Lang) -> String {
    let mut out = String::from(CHART_CSV_HEADER);
    out.push('\n');
    let drawn = chart.series.iter().map(|series| (series, true));
    let not_drawn = chart.not_drawn.iter().map(|series| (series, false));
    for (series, drawn) in drawn.chain(not_drawn) {
        for point in &series.points {
            let sources: Vec<&str> = point.sources.iter().map(|ix| dataset.source(ix).id.as_str()).collect();
            let (label, note) = (chart.label_of(point, lang), Chart::note_of(point, dataset, lang));
            let row = Row {
                series: series.name.get(lang),
                label: &label,
                period: point.period,
                value: point.value,
                status: point.status,
                qualifier: point.qualifier,
                conflict: point.conflict,
                sources: &sources.join(";"),
                note: note.as_deref().unwrap_or(""),
                drawn,
            };
            row.push(&mut out, chart, lang);
        }
    }
    for left_out in &chart.left_out {
        let indicator = dataset.indicator(left_out.indicator);
        let region = dataset.region(left_out.region).name.get(lang);
        for obs in left_out.observations(dataset) {
            let row = Row {
                series: region,
                label: indicator.name.get(lang),
                period: obs.period,
                value: obs.value,
                status: obs.status,
                qualifier: obs.qualifier,
                conflict: obs.conflict,
                sources: &dataset.source(obs.source).id,
                note: dataset.note_of(obs).unwrap_or(""),
                drawn: false,
            };
            row.push(&mut out, chart, lang);
        }
    }
    out
}
