//! A chart's data as CSV: the points the chart draws, one row each, with the
//! status, qualifier and sources that make each value defensible; then the
//! values it holds but does not draw (beyond its largest bars), marked
//! `drawn = no`, so nothing the chart stands for is lost.
//!
//! The file starts with a UTF-8 byte-order mark, so Excel and WPS on a
//! Chinese Windows read its Chinese (without one they read the system's code
//! page; LibreOffice, pandas and the csv crate skip it). A stated value is
//! written as the file states it (the shortest text that reads back to the
//! same number); a value EconLens computed is rounded to
//! [`DERIVED_DECIMALS`] places, and its note says so.

use crate::chart::{Chart, PointNote};
use crate::data::dump::{push_csv_row, qualifier_word, status_word};
use crate::data::model::{Dataset, Period, Qualifier, Status};
use crate::i18n::Lang;

pub const CHART_CSV_HEADER: &str =
    "chart,series,label,period,value,unit,status,qualifier,disputed,sources,note,drawn";

/// What Excel and WPS need at the start of a UTF-8 CSV to read it as UTF-8.
pub const UTF8_BOM: &str = "\u{feff}";

/// Decimal places a value EconLens computed is written with (values under
/// 0.001 keep six significant digits).
pub const DERIVED_DECIMALS: usize = 4;

/// A value as a CSV writes it: a stated one exactly as its number reads; one
/// EconLens `computed` rounded to [`DERIVED_DECIMALS`] places (more for tiny
/// values, so six significant digits stay), without trailing zeros.
pub fn csv_number(value: f64, computed: bool) -> String {
    if !computed || !value.is_finite() {
        return value.to_string();
    }
    let magnitude = if value == 0.0 { 0 } else { value.abs().log10().floor() as i32 };
    // Under 0.001, six significant digits: more places than four.
    let decimals =
        if magnitude >= -3 { DERIVED_DECIMALS } else { usize::try_from(5 - magnitude).unwrap_or(15).min(15) };
    let text = format!("{value:.decimals$}");
    let trimmed = text.trim_end_matches('0').trim_end_matches('.');
    if trimmed == "-0" { "0".to_owned() } else { trimmed.to_owned() }
}

/// One line of the CSV.
struct Row<'a> {
    series: &'a str,
    label: &'a str,
    period: Period,
    value: f64,
    /// Computed by EconLens (rounded), not stated by a source.
    computed: bool,
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
            &csv_number(self.value, self.computed),
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

/// The chart's points as CSV (with its byte-order mark), labels in `lang`,
/// then the values it stands for but does not draw.
pub fn chart_csv(chart: &Chart, dataset: &Dataset, lang: Lang) -> String {
    let mut out = String::from(UTF8_BOM);
    out.push_str(CHART_CSV_HEADER);
    out.push('\n');
    let drawn = chart.series.iter().map(|series| (series, true));
    let not_drawn = chart.not_drawn.iter().map(|series| (series, false));
    for (series, drawn) in drawn.chain(not_drawn) {
        for point in &series.points {
            let sources: Vec<&str> = point.sources.iter().map(|ix| dataset.source(ix).id.as_str()).collect();
            let (label, mut note) = (chart.label_of(point, lang), Chart::note_of(point, dataset, lang));
            let computed = matches!(point.note, Some(PointNote::Derived(_)));
            if let (true, Some(note)) = (computed, note.as_mut()) {
                note.push_str(lang.tr("（按 4 位小数取整）", " (rounded to 4 decimal places)"));
            }
            let row = Row {
                series: series.name.get(lang),
                label: &label,
                period: point.period,
                value: point.value,
                computed,
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
                computed: false,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_values_read_as_stated_and_computed_ones_are_rounded() {
        assert_eq!(csv_number(1350.4, false), "1350.4");
        assert_eq!(csv_number(0.1 + 0.2, false), "0.30000000000000004", "a stated value is never altered");
        assert_eq!(csv_number(109.088_204_550_936_72, true), "109.0882");
        assert_eq!(csv_number(20.0, true), "20");
        assert_eq!(csv_number(9.800_372_1, true), "9.8004");
        assert_eq!(csv_number(-0.000_04, true), "-0.00004");
        assert_eq!(
            csv_number(0.000_012_345_678, true),
            "0.0000123457",
            "six significant digits of a tiny value"
        );
        assert_eq!(csv_number(-0.000_000_000_000_000_1, true), "0", "no negative zero");
        assert_eq!(csv_number(4_473_655_600_000.0, true), "4473655600000");
    }
}
