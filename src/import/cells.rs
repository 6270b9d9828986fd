//! What a table cell says: a number (thousands separators, full-width
//! digits, a trailing footnote mark and a `−` minus sign allowed), a mark
//! for a missing value (`—`, `--`, `…`, `/`, `x`, blank), or something else;
//! and what a header says: a name with its unit (`地区生产总值（亿元）`).
//!
//! A missing value is never zero: it is skipped and counted.

/// One cell of a table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number as a spreadsheet stores it.
    Number(f64),
}

impl Cell {
    /// The cell as it reads in the table (a stored number in its shortest form).
    pub fn text(&self) -> String {
        match self {
            Self::Empty => String::new(),
            Self::Text(text) => text.trim().to_owned(),
            Self::Number(number) => number.to_string(),
        }
    }

    pub fn is_blank(&self) -> bool {
        match self {
            Self::Empty => true,
            Self::Text(text) => text.trim().is_empty(),
            Self::Number(_) => false,
        }
    }
}

/// What a value cell holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    Number(f64),
    Missing,
    NotANumber,
}

pub use crate::data::period_text::half_width;

/// Footnote marks written after a number: `1350.4*`, `1350.4①`, a
/// superscript `(1)`. Superscripts are written as escapes: they are read,
/// never shown, and the interface's font has no glyph for some of them.
fn is_footnote_mark(c: char) -> bool {
    const SUPERSCRIPTS: [char; 5] = ['\u{207D}', '\u{207E}', '\u{B9}', '\u{B2}', '\u{B3}'];
    matches!(c, '*' | '#' | '†' | '‡' | '§' | '△' | '▲')
        || SUPERSCRIPTS.contains(&c)
        || ('①'..='⑳').contains(&c)
        || ('\u{2070}'..='\u{2079}').contains(&c)
}

const MISSING_MARKS: [&str; 12] = ["", "—", "——", "-", "--", "---", "…", "……", "...", "/", "x", "X"];

/// The value a cell holds.
pub fn read_value(cell: &Cell) -> Value {
    match cell {
        Cell::Empty => Value::Missing,
        Cell::Number(number) if number.is_finite() => Value::Number(*number),
        Cell::Number(_) => Value::NotANumber,
        Cell::Text(text) => read_text_value(text),
    }
}

/// A number written plainly (`1350.4`, `-3.2`): most cells of a large
/// table, read without the copies the other forms need.
fn plain_number(text: &str) -> Option<f64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let plain = digits.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|b| *b == b'.').count() <= 1;
    plain.then(|| text.parse::<f64>().ok()).flatten().filter(|number| number.is_finite())
}

/// The value a cell's text states.
pub fn read_text_value(text: &str) -> Value {
    let trimmed = text.trim();
    if let Some(number) = plain_number(trimmed) {
        return Value::Number(number);
    }
    if MISSING_MARKS.contains(&trimmed) || trimmed == "－" || trimmed == "／" || trimmed == "ｘ" {
        return Value::Missing;
    }
    let ascii = half_width(trimmed);
    let number: String = ascii
        .trim_end_matches(is_footnote_mark)
        .trim_end_matches('%')
        .chars()
        .filter(|c| *c != ',' && *c != ' ' && *c != '\'')
        .collect();
    // Digits, a sign, a decimal point and an exponent only: `NaN`, `inf` and
    // `1350亿` are not numbers a table states.
    let plain = !number.is_empty()
        && number.chars().any(|c| c.is_ascii_digit())
        && number.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    match number.parse::<f64>() {
        Ok(value) if plain && value.is_finite() => Value::Number(value),
        _ => Value::NotANumber,
    }
}

/// A header split into its name and unit: `地区生产总值（亿元）` →
/// (`地区生产总值`, `亿元`); `增速(%)` → (`增速`, `%`); `单位：万元` → unit only.
pub fn name_and_unit(header: &str) -> (String, Option<String>) {
    let text = header.trim();
    if let Some(unit) = unit_line(text) {
        return (String::new(), Some(unit));
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = text.strip_suffix(close)
            && let Some(at) = inner.rfind(open)
        {
            let unit = inner[at + open.len_utf8()..].trim();
            let unit = unit.strip_prefix("单位：").or_else(|| unit.strip_prefix("单位:")).unwrap_or(unit);
            if looks_like_unit(unit) {
                return (inner[..at].trim().to_owned(), Some(unit.trim().to_owned()));
            }
        }
    }
    (text.to_owned(), None)
}

/// `单位：亿元` → `亿元`.
pub fn unit_line(text: &str) -> Option<String> {
    let text = text.trim();
    let rest = text.strip_prefix("单位：").or_else(|| text.strip_prefix("单位:"))?;
    let unit = rest.trim();
    (!unit.is_empty()).then(|| unit.to_owned())
}

/// Whether text in parentheses after a name is a unit: short, no digits
/// of a year, one of the units tables use or a combination of their parts.
fn looks_like_unit(text: &str) -> bool {
    const PARTS: [&str; 22] = [
        "亿元",
        "万元",
        "元",
        "万亿元",
        "%",
        "％",
        "个百分点",
        "百分点",
        "万人",
        "人",
        "个",
        "家",
        "户",
        "万户",
        "吨",
        "万吨",
        "平方米",
        "万平方米",
        "千瓦时",
        "亿千瓦时",
        "位",
        "项",
    ];
    let text = text.trim();
    !text.is_empty()
        && text.chars().count() <= 8
        && (PARTS.contains(&text) || text.contains('/') || text.starts_with('元') || text.ends_with('元'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Value {
        read_text_value(text)
    }

    #[test]
    fn numbers_as_tables_write_them() {
        for (text, expected) in [
            ("1350.4", 1350.4),
            ("12,757.4", 12757.4),
            ("１２７５７．４", 12757.4),
            ("1350.4*", 1350.4),
            ("1350.4①", 1350.4),
            ("-3.2", -3.2),
            ("−3.2", -3.2),
            ("6.2%", 6.2),
            (" 225 ", 225.0),
        ] {
            assert_eq!(value(text), Value::Number(expected), "{text}");
        }
        assert_eq!(read_value(&Cell::Number(1350.4)), Value::Number(1350.4));
    }

    #[test]
    fn missing_marks_are_missing_never_zero() {
        for text in ["", "—", "--", "-", "…", "...", "/", "x", "  "] {
            assert_eq!(value(text), Value::Missing, "{text:?}");
        }
        assert_eq!(read_value(&Cell::Empty), Value::Missing);
    }

    #[test]
    fn text_is_not_a_number() {
        for text in ["约1350", "1350亿", "暂无", "#DIV/0!", "1.2.3", "NaN", "inf"] {
            assert_eq!(value(text), Value::NotANumber, "{text}");
        }
    }

    #[test]
    fn headers_carry_units() {
        assert_eq!(
            name_and_unit("地区生产总值（亿元）"),
            ("地区生产总值".to_owned(), Some("亿元".to_owned()))
        );
        assert_eq!(name_and_unit("增速(%)"), ("增速".to_owned(), Some("%".to_owned())));
        assert_eq!(name_and_unit("单位：万元"), (String::new(), Some("万元".to_owned())));
        assert_eq!(name_and_unit("人均GDP（元/人）"), ("人均GDP".to_owned(), Some("元/人".to_owned())));
        assert_eq!(
            name_and_unit("市中区（含高新区）"),
            ("市中区（含高新区）".to_owned(), None),
            "not a unit"
        );
    }
}
