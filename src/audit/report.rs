//! The audit as `econlens audit` prints it: one line per finding (where,
//! verdict, check, the value, the arithmetic) and a count per verdict, or
//! the same as CSV for a report.

use std::fmt::Write as _;

use crate::audit::locate::Locator;
use crate::audit::{Finding, counts};
use crate::data::dump::push_csv_row;
use crate::data::model::Dataset;
use crate::i18n::Lang;

/// `file:line:col`, or the file alone when the value cannot be placed.
fn place(file: &str, dataset: &Dataset, finding: &Finding, locator: &Locator<'_>) -> String {
    match finding.values.first().and_then(|value| locator.position(dataset, value)) {
        Some(position) => format!("{file}:{position}"),
        None => file.to_owned(),
    }
}

/// One line per finding, then the counts.
pub fn text(
    file: &str,
    dataset: &Dataset,
    findings: &[Finding],
    locator: &Locator<'_>,
    lang: Lang,
) -> String {
    let mut out = String::new();
    for finding in findings {
        let value = finding.values.first().map(|value| value.describe(dataset, lang)).unwrap_or_default();
        let _ = writeln!(
            out,
            "{}: [{}] {}: {value}: {}",
            place(file, dataset, finding, locator),
            finding.verdict.label(lang),
            finding.check.label(lang),
            finding.detail.get(lang)
        );
    }
    let summary: Vec<String> =
        counts(findings).iter().map(|(verdict, count)| format!("{} {count}", verdict.label(lang))).collect();
    let separator = lang.tr("，", ", ");
    let _ = writeln!(out, "{}{}", lang.tr("核对结果：", "audit: "), summary.join(separator));
    out
}

/// The findings as CSV: where, verdict, check, the value checked (indicator,
/// region, period, value, unit, source), the values compared and the detail.
pub fn csv(file: &str, dataset: &Dataset, findings: &[Finding], locator: &Locator<'_>, lang: Lang) -> String {
    // The same CSV writer as the dump and the chart CSV.
    let mut out = String::new();
    let header = [
        "position",
        "verdict",
        "check",
        "indicator",
        "region",
        "period",
        "value",
        "unit",
        "source",
        "compared_with",
        "detail",
    ];
    push_csv_row(&mut out, &header);
    for finding in findings {
        let Some(first) = finding.values.first() else { continue };
        let indicator = dataset.indicator(first.indicator);
        let compared: Vec<String> =
            finding.values.iter().skip(1).map(|value| value.describe(dataset, lang)).collect();
        push_csv_row(
            &mut out,
            &[
                place(file, dataset, finding, locator).as_str(),
                finding.verdict.label(lang),
                finding.check.label(lang),
                indicator.name.get(lang),
                dataset.region(first.region).name.get(lang),
                &first.period.label(lang),
                &crate::audit::number(first.value),
                indicator.unit.label(lang),
                &dataset.source(first.source).title,
                &compared.join("; "),
                finding.detail.get(lang),
            ],
        );
    }
    out
}
