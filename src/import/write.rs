//! A dataset as the RON text of a data file, written for people: a comment
//! saying where it came from and how to check it, one region, source or
//! value per line, in the format FORMAT.md documents. Written directly (not
//! through a generic serializer) so a million values stay a million short
//! lines.

use std::fmt::Write as _;

use crate::data::raw::{
    GrowthBasis, Qualifier, RawDataset, RawIndicator, RawObservation, RawRelation, RawText, SourceKind,
    Status,
};

/// A RON string literal.
fn quoted(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn raw_text(out: &mut String, text: &RawText) {
    out.push_str("(zh: ");
    quoted(out, &text.zh);
    if let Some(en) = &text.en {
        out.push_str(", en: ");
        quoted(out, en);
    }
    out.push(')');
}

fn field(out: &mut String, name: &str, value: &str) {
    let _ = write!(out, ", {name}: ");
    quoted(out, value);
}

fn kind_word(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Official => "Official",
        SourceKind::OfficialCopy => "OfficialCopy",
        SourceKind::Newspaper => "Newspaper",
        SourceKind::NewsRepost => "NewsRepost",
        SourceKind::Aggregator => "Aggregator",
        SourceKind::Synthetic => "Synthetic",
    }
}

fn observation(out: &mut String, obs: &RawObservation) {
    out.push_str("                (region: ");
    quoted(out, &obs.region);
    field(out, "period", &obs.period);
    let _ = write!(out, ", value: {}", obs.value);
    field(out, "source", &obs.source);
    if let Some(quote) = &obs.quote {
        field(out, "quote", quote);
    }
    match obs.status {
        Status::Reported => {}
        Status::Derived => out.push_str(", status: Derived"),
        Status::Estimate => out.push_str(", status: Estimate"),
    }
    match obs.qualifier {
        Qualifier::Exact => {}
        Qualifier::Over => out.push_str(", qualifier: Over"),
        Qualifier::About => out.push_str(", qualifier: About"),
    }
    if obs.conflict {
        out.push_str(", conflict: true");
    }
    if obs.series_break {
        out.push_str(", series_break: true");
    }
    if let Some(note) = &obs.note {
        field(out, "note", note);
    }
    out.push_str("),\n");
}

fn indicator(out: &mut String, indicator: &RawIndicator) {
    out.push_str("        (\n            id: ");
    quoted(out, &indicator.id);
    out.push_str(",\n            name: ");
    raw_text(out, &indicator.name);
    out.push_str(",\n            unit: ");
    quoted(out, &indicator.unit);
    out.push_str(",\n            view: ");
    quoted(out, &indicator.view);
    out.push_str(",\n");
    match &indicator.relation {
        RawRelation::Level => {}
        RawRelation::Growth { of, basis } => {
            out.push_str("            relation: Growth(of: ");
            quoted(out, of);
            let basis = match basis {
                GrowthBasis::Real => "Real",
                GrowthBasis::Nominal => "Nominal",
                GrowthBasis::Unstated => "Unstated",
            };
            let _ = writeln!(out, ", basis: {basis}),");
        }
        other => {
            // Shares and ranks come only from files being merged into: written as RON writes them.
            let options =
                ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
            if let Ok(relation) = options.to_string(other) {
                let _ = writeln!(out, "            relation: {relation},");
            }
        }
    }
    if let Some(note) = &indicator.note {
        let options =
            ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        if let Ok(note) = options.to_string(note) {
            let _ = writeln!(out, "            note: {note},");
        }
    }
    out.push_str("            observations: [\n");
    for obs in &indicator.observations {
        observation(out, obs);
    }
    out.push_str("            ],\n        ),\n");
}

/// The file's text: `comment` (each line prefixed `// `), then the data.
/// Lists and saved charts of a file merged into are written as RON writes them.
pub fn to_ron_text(raw: &RawDataset, comment: &str) -> String {
    let values: usize = raw.indicators.iter().map(|indicator| indicator.observations.len()).sum();
    let mut out = String::with_capacity(values * 90 + 4096);
    for line in comment.lines() {
        let _ = writeln!(out, "// {line}");
    }
    let _ = write!(out, "(\n    version: {},\n    title: ", raw.version);
    raw_text(&mut out, &raw.title);
    out.push_str(",\n    focus_region: ");
    quoted(&mut out, &raw.focus_region);
    out.push_str(",\n    regions: [\n");
    for region in &raw.regions {
        out.push_str("        (id: ");
        quoted(&mut out, &region.id);
        out.push_str(", name: ");
        raw_text(&mut out, &region.name);
        if let Some(parent) = &region.parent {
            field(&mut out, "parent", parent);
        }
        if region.partitioned {
            out.push_str(", partitioned: true");
        }
        if region.aggregate {
            out.push_str(", aggregate: true");
        }
        out.push_str("),\n");
    }
    out.push_str("    ],\n    sources: [\n");
    for source in &raw.sources {
        out.push_str("        (id: ");
        quoted(&mut out, &source.id);
        field(&mut out, "title", &source.title);
        field(&mut out, "publisher", &source.publisher);
        if let Some(date) = &source.date {
            field(&mut out, "date", date);
        }
        if let Some(url) = &source.url {
            field(&mut out, "url", url);
        }
        let _ = write!(out, ", kind: {}", kind_word(source.kind));
        if let Some(note) = &source.note {
            field(&mut out, "note", note);
        }
        if source.table {
            out.push_str(", table: true");
        }
        out.push_str("),\n");
    }
    out.push_str("    ],\n    indicators: [\n");
    for item in &raw.indicators {
        indicator(&mut out, item);
    }
    out.push_str("    ],\n");
    let options = ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let pretty = ron::ser::PrettyConfig::new().struct_names(false);
    if !raw.lists.is_empty()
        && let Ok(lists) = options.to_string_pretty(&raw.lists, pretty.clone())
    {
        let _ = writeln!(out, "    lists: {},", lists.replace('\n', "\n    "));
    }
    if !raw.charts.is_empty()
        && let Ok(charts) = options.to_string_pretty(&raw.charts, pretty)
    {
        let _ = writeln!(out, "    charts: {},", charts.replace('\n', "\n    "));
    }
    out.push_str(")\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::raw::{RawObservation, RawRelation, RawSeriesList, Status};

    #[test]
    fn any_text_and_value_written_parses_back_the_same() {
        let nasty = [
            "引号\"和\\反斜杠",
            "line\nbreak\ttab\r",
            "控制\u{1}字符",
            "（全角）：，",
            "emoji \u{1F4C8}",
            "",
        ];
        let mut raw: RawDataset =
            crate::data::parse::parse_raw(crate::data::EMBEDDED_DATASET).expect("embedded parses");
        raw.indicators.truncate(1);
        raw.lists.clear();
        raw.charts.clear();
        let indicator = &mut raw.indicators[0];
        indicator.series = RawSeriesList::default();
        indicator.relation = RawRelation::Level;
        indicator.observations = nasty
            .iter()
            .zip([0.1 + 0.2, -0.0, 1e-300, 123_456_789.123_456_78, 1e21, f64::MIN_POSITIVE])
            .map(|(note, value)| RawObservation {
                region: raw.regions[0].id.clone(),
                period: "2024M01-M09".to_owned(),
                value,
                source: raw.sources[0].id.clone(),
                quote: Some((*note).to_owned()),
                status: Status::Reported,
                qualifier: crate::data::raw::Qualifier::Exact,
                conflict: false,
                series_break: false,
                note: Some((*note).to_owned()),
            })
            .collect();
        raw.title.zh = nasty.concat();
        let text = to_ron_text(&raw, "a comment\nover two lines");
        let back = crate::data::parse::parse_raw(&text).expect("the written text parses");
        assert_eq!(back.title.zh, raw.title.zh);
        let pairs = back.indicators[0].observations.iter().zip(&raw.indicators[0].observations);
        for (read, written) in pairs {
            assert_eq!(
                (read.value.to_bits(), &read.note, &read.quote),
                (written.value.to_bits(), &written.note, &written.quote)
            );
        }
    }
}
