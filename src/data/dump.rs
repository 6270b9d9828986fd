//! Every observation of a dataset as CSV, for `econlens check --dump`.
//!
//! One row per value, in the file's indicator order, then region and period:
//! stated growth rates, shares, ranks and counts included, each with its
//! unit, status, source id, qualifier and whether its sources disagree, so
//! any figure can be traced and diffed, and the dump imports back
//! (`econlens import`) to the same values.

use std::fmt::Write as _;

use super::model::{Dataset, Qualifier, Status};

pub const DUMP_HEADER: &str = "indicator,region,period,value,unit,status,source,qualifier,disputed";

/// The whole dataset as CSV text with a header row.
pub fn dump_csv(dataset: &Dataset) -> String {
    let mut out = String::with_capacity(64 * dataset.observation_count() + 64);
    out.push_str(DUMP_HEADER);
    out.push('\n');
    for indicator in &dataset.indicators {
        for obs in indicator.observations() {
            let fields = [
                indicator.id.as_str(),
                dataset.region(obs.region).id.as_str(),
                &obs.period.to_string(),
                &obs.value.to_string(),
                indicator.unit.zh.as_str(),
                status_word(obs.status),
                dataset.source(obs.source).id.as_str(),
                qualifier_word(obs.qualifier),
                if obs.conflict { "yes" } else { "no" },
            ];
            push_csv_row(&mut out, &fields);
        }
    }
    out
}

/// One CSV line: the fields, quoted where needed, then a line break.
pub fn push_csv_row(out: &mut String, fields: &[&str]) {
    for (at, field) in fields.iter().enumerate() {
        if at > 0 {
            out.push(',');
        }
        push_csv_field(out, field);
    }
    out.push('\n');
}

pub fn status_word(status: Status) -> &'static str {
    match status {
        Status::Reported => "reported",
        Status::Derived => "derived",
        Status::Estimate => "estimate",
    }
}

pub fn qualifier_word(qualifier: Qualifier) -> &'static str {
    match qualifier {
        Qualifier::Exact => "exact",
        Qualifier::Over => "over",
        Qualifier::About => "about",
    }
}

/// Quotes a field when it holds a comma, quote or line break (RFC 4180).
pub fn push_csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        let _ = write!(out, "\"{}\"", field.replace('"', "\"\""));
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_and_quotes_are_quoted() {
        let mut out = String::new();
        push_csv_field(&mut out, "a,\"b\"");
        assert_eq!(out, "\"a,\"\"b\"\"\"");
    }
}
