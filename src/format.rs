//! Numbers as people read them: thousands separators, the source's own
//! digits for stated values, two decimals for computed ones, and the unit as
//! the source writes it (亿元, 万亿元, %).

use crate::data::model::{Qualifier, Status, Unit};
use crate::i18n::Lang;

/// `1350.4` → `1,350.4`; `-12757.40` → `-12,757.4`. Keeps every digit the value has.
pub fn group_thousands(value: f64) -> String {
    let text = value.to_string();
    let (sign, digits) = text.strip_prefix('-').map_or(("", text.as_str()), |rest| ("-", rest));
    let (int_part, frac_part) = digits.split_once('.').map_or((digits, None), |(i, f)| (i, Some(f)));
    let grouped = group_digits(int_part);
    match frac_part {
        Some(frac) => format!("{sign}{grouped}.{frac}"),
        None => format!("{sign}{grouped}"),
    }
}

/// `2850000` → `2,850,000`: a count of rows or values.
pub fn group_count(count: usize) -> String {
    group_digits(&count.to_string())
}

fn group_digits(int_part: &str) -> String {
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (at, c) in int_part.chars().enumerate() {
        if at > 0 && (int_part.len() - at).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

/// A computed value rounded to `decimals` places, then grouped.
pub fn group_rounded(value: f64, decimals: i32) -> String {
    let factor = 10f64.powi(decimals);
    group_thousands((value * factor).round() / factor)
}

/// `> 3,600 亿元`, `≈ 5.5%`, `1,350.4 亿元`, `83 家`.
pub fn value_with_unit(value: &str, unit: &Unit, qualifier: Qualifier, lang: Lang) -> String {
    let prefix = match qualifier {
        Qualifier::Exact => "",
        Qualifier::Over => "> ",
        Qualifier::About => "≈ ",
    };
    let unit_label = unit.label(lang);
    if unit_label == "%" { format!("{prefix}{value}%") } else { format!("{prefix}{value} {unit_label}") }
}

/// A value as written in tooltips and labels: stated values keep their
/// digits, computed ones are rounded to two decimals.
pub fn format_point_value(
    value: f64,
    status: Status,
    unit: &Unit,
    qualifier: Qualifier,
    lang: Lang,
) -> String {
    let number = if status == Status::Derived { group_rounded(value, 2) } else { group_thousands(value) };
    value_with_unit(&number, unit, qualifier, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped() {
        assert_eq!(group_count(2_850_000), "2,850,000");
        assert_eq!(group_count(129), "129");
    }

    #[test]
    fn thousands_are_grouped_and_digits_kept() {
        assert_eq!(group_thousands(1350.4), "1,350.4");
        assert_eq!(group_thousands(134_873.0), "134,873");
        assert_eq!(group_thousands(13_527.6), "13,527.6");
        assert_eq!(group_thousands(1.14), "1.14");
        assert_eq!(group_thousands(-1234.5), "-1,234.5");
        assert_eq!(group_thousands(100.0), "100");
        assert_eq!(group_rounded(276.2 / 1350.4 * 100.0, 2), "20.45");
    }

    #[test]
    fn qualifiers_and_units_are_written_the_way_sources_write_them() {
        let yi = Unit { zh: "亿元".to_owned() };
        let pct = Unit { zh: "%".to_owned() };
        assert_eq!(value_with_unit("3,600", &yi, Qualifier::Over, Lang::Zh), "> 3,600 亿元");
        assert_eq!(value_with_unit("5.5", &pct, Qualifier::About, Lang::En), "≈ 5.5%");
        assert_eq!(value_with_unit("1,350.4", &yi, Qualifier::Exact, Lang::En), "1,350.4 100m yuan");
    }
}
