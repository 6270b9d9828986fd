//! Periods as Chinese statistical tables write them, read into periods:
//! `2023年`, `2023年度`, `2024年上半年`, `2024年一季度`, `2024年10月`,
//! `2024年1-9月` (also `1—9月`, `1~9月`, `1至9月`), `前三季度`, `全年`, and
//! the file format's own `2024Q3`, `2024M10`, `2024M01-M09`. Full-width
//! digits read as ASCII.
//!
//! A cumulative span from January (`1-9月`, `前三季度`) is a year to date,
//! whatever its length (`1-6月` too: a monthly report's 1-6月 belongs to
//! its year-to-date series); `上半年` and `一季度` are a half and a quarter.
//! A period written without its year (`前三季度`, `10月`) takes the year
//! given by its context (a column header, a title) or is refused: nothing is
//! guessed.

use super::period::{Period, PeriodPart, YEAR_RANGE};

/// Why a text is not a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodTextError {
    /// Not any form of period.
    Unknown,
    /// A period without its year (`前三季度`), and none given.
    NoYear,
    /// A span of years (`2021-2023年`, `“十四五”以来`): not one period.
    SpanOfYears,
    /// A span not from January (`4-6月`).
    NotFromJanuary,
}

/// Full-width characters (digits, letters, `．`, `，`, `－`, `％`) as
/// ASCII, the ideographic space as a space, `−` and `–` as `-`: text as
/// Chinese tables write it, for reading numbers and periods.
pub fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '−' | '–' => '-',
            other => other,
        })
        .collect()
}

/// [`half_width`], with every way of writing "to" in a span (`—`, `~`, `至`)
/// as `-`, without spaces: `1 — 9 月` → `1-9月`.
pub fn compact(text: &str) -> String {
    half_width(text.trim())
        .chars()
        .map(|c| if matches!(c, '—' | '~' | '～' | '至' | '到') { '-' } else { c })
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn chinese_number(text: &str) -> Option<u8> {
    let value = match text {
        "一" => 1,
        "二" => 2,
        "三" => 3,
        "四" => 4,
        "五" => 5,
        "六" => 6,
        "七" => 7,
        "八" => 8,
        "九" => 9,
        "十" => 10,
        "十一" => 11,
        "十二" => 12,
        digits => digits.parse().ok()?,
    };
    Some(value)
}

/// The part of a year `rest` names (after the year, if any).
fn part_of_year(rest: &str) -> Result<PeriodPart, PeriodTextError> {
    let rest = rest.strip_prefix('第').unwrap_or(rest);
    let lower = rest.to_lowercase();
    let part = match lower.as_str() {
        "" | "度" | "全年" | "年度" | "全年度" => PeriodPart::Year,
        "上半年" | "h1" | "前两季度" | "前二季度" => PeriodPart::H1,
        "下半年" | "h2" => PeriodPart::H2,
        "q1" => PeriodPart::Q1,
        "q2" => PeriodPart::Q2,
        "q3" => PeriodPart::Q3,
        "q4" => PeriodPart::Q4,
        "前三季度" | "前3季度" | "1-3季度" => PeriodPart::YearToDate(9),
        _ => {
            if let Some(quarter) = lower.strip_suffix("季度") {
                return match chinese_number(quarter) {
                    Some(1) => Ok(PeriodPart::Q1),
                    Some(2) => Ok(PeriodPart::Q2),
                    Some(3) => Ok(PeriodPart::Q3),
                    Some(4) => Ok(PeriodPart::Q4),
                    _ => Err(PeriodTextError::Unknown),
                };
            }
            let months = lower.strip_suffix("月份").or_else(|| lower.strip_suffix('月'));
            if let Some(months) = months {
                return match months.split_once('-') {
                    None => chinese_number(months)
                        .filter(|month| (1..=12).contains(month))
                        .map(PeriodPart::Month)
                        .ok_or(PeriodTextError::Unknown),
                    Some((first, last)) => {
                        let last = last.strip_suffix('月').unwrap_or(last);
                        match (chinese_number(first), chinese_number(last)) {
                            (Some(1), Some(last)) if (2..=12).contains(&last) => {
                                Ok(PeriodPart::YearToDate(last))
                            }
                            (Some(first), Some(last)) if first <= last && last <= 12 => {
                                Err(PeriodTextError::NotFromJanuary)
                            }
                            _ => Err(PeriodTextError::Unknown),
                        }
                    }
                };
            }
            // The file format's own forms: M10, M01-M09.
            if lower.starts_with('m')
                && let Some(period) = Period::parse(&format!("2000{}", lower.to_uppercase()))
            {
                return Ok(period.part);
            }
            return Err(PeriodTextError::Unknown);
        }
    };
    Ok(part)
}

/// Reads a period as a table writes it; `year` is the year its context
/// gives, for a period written without one.
pub fn read_period(text: &str, year: Option<i16>) -> Result<Period, PeriodTextError> {
    let text = compact(text);
    if text.contains("以来") {
        return Err(PeriodTextError::SpanOfYears);
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 4 {
        let (year_text, rest) = text.split_at(digits);
        let year: i16 = year_text.parse().map_err(|_| PeriodTextError::Unknown)?;
        if !YEAR_RANGE.contains(&year) {
            return Err(PeriodTextError::Unknown);
        }
        let rest = rest.strip_prefix('年').unwrap_or(rest);
        if rest.starts_with('-') && rest[1..].chars().take_while(char::is_ascii_digit).count() == 4 {
            return Err(PeriodTextError::SpanOfYears);
        }
        return part_of_year(rest).map(|part| Period { year, part });
    }
    let part = part_of_year(&text)?;
    if text.is_empty() || part == PeriodPart::Year && text != "全年" && text != "全年度" {
        return Err(PeriodTextError::Unknown);
    }
    year.map(|year| Period { year, part }).ok_or(PeriodTextError::NoYear)
}

/// A period as statistical agencies code it: `2023`, `2023-Q1` or `2023Q1`,
/// `2023-S1` or `2023-H1` (a half), `2023-01` or `2023M01` (a month), and
/// the file format's own forms; surrounding spaces are ignored (Eurostat
/// writes `2000 `). `None` for anything else, a full date included.
pub fn read_period_code(text: &str) -> Option<Period> {
    let text = text.trim();
    if let Some(period) = Period::parse(text) {
        return Some(period);
    }
    let (year, rest) = text.split_at_checked(4)?;
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let code = match rest.as_bytes() {
        [b'S' | b's' | b'H' | b'h', half] => format!("{year}H{}", char::from(*half)),
        [b'Q' | b'q', quarter] => format!("{year}Q{}", char::from(*quarter)),
        [tens, ones] if tens.is_ascii_digit() && ones.is_ascii_digit() => format!("{year}M{rest}"),
        _ => return None,
    };
    Period::parse(&code)
}

/// The year a header or title names (`2024年1-9月主要经济指标` → 2024), if exactly one.
pub fn year_in(text: &str) -> Option<i16> {
    let text = compact(text);
    let mut years = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let run = bytes[at..].iter().take_while(|b| b.is_ascii_digit()).count();
        if run == 4
            && let Ok(year) = text[at..at + 4].parse::<i16>()
            && YEAR_RANGE.contains(&year)
        {
            years.push(year);
        }
        at += run.max(1);
    }
    years.dedup();
    match years.as_slice() {
        [year] => Some(*year),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn agency_period_codes_read_as_periods() {
        let read = |text: &str| read_period_code(text).map(|period| period.to_string());
        assert_eq!(read("2000 ").as_deref(), Some("2000"));
        assert_eq!(read("2023-Q1").as_deref(), Some("2023Q1"));
        assert_eq!(read("2023Q4").as_deref(), Some("2023Q4"));
        assert_eq!(read("2023-01").as_deref(), Some("2023M01"));
        assert_eq!(read("2023M11").as_deref(), Some("2023M11"));
        assert_eq!(read("2023-S2").as_deref(), Some("2023H2"));
        assert_eq!(read("2023-13"), None);
        assert_eq!(read("2023-01-01"), None, "a date is not a period code");
        assert_eq!(read("GDP"), None);
    }

    use super::*;

    fn read(text: &str) -> Option<String> {
        read_period(text, Some(2024)).ok().map(|period| period.to_string())
    }

    #[test]
    fn reads_what_tables_write() {
        let cases = [
            ("2023", "2023"),
            ("2023年", "2023"),
            ("2023年度", "2023"),
            ("２０２３年", "2023"),
            ("2024年上半年", "2024H1"),
            ("2024年一季度", "2024Q1"),
            ("2024年第三季度", "2024Q3"),
            ("2024年10月", "2024M10"),
            ("2024年10月份", "2024M10"),
            ("2024年1-9月", "2024M01-M09"),
            ("2024年1—9月", "2024M01-M09"),
            ("2024年1～10月", "2024M01-M10"),
            ("2024年1至10月", "2024M01-M10"),
            ("2024年1-6月", "2024M01-M06"),
            ("2024Q3", "2024Q3"),
            ("2024M01-M09", "2024M01-M09"),
            ("前三季度", "2024M01-M09"),
            ("1-9月", "2024M01-M09"),
            ("10月", "2024M10"),
            ("一季度", "2024Q1"),
            ("上半年", "2024H1"),
            ("全年", "2024"),
        ];
        for (text, expected) in cases {
            assert_eq!(read(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_one_period() {
        assert_eq!(read_period("前三季度", None), Err(PeriodTextError::NoYear));
        assert_eq!(read_period("2021-2023年", None), Err(PeriodTextError::SpanOfYears));
        assert_eq!(read_period("“十四五”以来", None), Err(PeriodTextError::SpanOfYears));
        assert_eq!(read_period("2024年4-6月", None), Err(PeriodTextError::NotFromJanuary));
        for text in ["", "本月", "同比增长", "13月", "2024年13月", "地区", "五季度"] {
            assert!(read_period(text, Some(2024)).is_err(), "{text:?}");
        }
    }

    #[test]
    fn finds_the_year_of_a_title() {
        assert_eq!(year_in("2024年1-9月主要经济指标"), Some(2024));
        assert_eq!(year_in("单位：亿元"), None);
        assert_eq!(year_in("2023年与2024年对比"), None, "two years: none");
    }
}
