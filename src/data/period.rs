//! Reporting periods: a year, a half-year or a quarter.
//!
//! A period is written `2023`, `2024H1` or `2024Q3` in data files and in CSV.
//! Periods order by time (a year sorts after its own halves and quarters, as
//! the annual figure is published last), and each maps to a position on a
//! chart's time axis.

use std::fmt;

/// Part of a year a figure covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeriodPart {
    Q1,
    H1,
    Q2,
    Q3,
    H2,
    Q4,
    Year,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// 1900–2100 (see [`YEAR_RANGE`]); two bytes keep an observation small.
    pub year: i16,
    pub part: PeriodPart,
}

/// Years outside this range are almost surely typos.
pub const YEAR_RANGE: std::ops::RangeInclusive<i16> = 1900..=2100;

impl Period {
    pub fn year(year: i16) -> Self {
        Self { year, part: PeriodPart::Year }
    }

    pub fn is_full_year(self) -> bool {
        self.part == PeriodPart::Year
    }

    /// Parses `2023`, `2024H1`, `2024h1`, `2024Q3`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let digits = text.chars().take_while(char::is_ascii_digit).count();
        if digits != 4 {
            return None;
        }
        let year: i16 = text[..digits].parse().ok()?;
        if !YEAR_RANGE.contains(&year) {
            return None;
        }
        let part = match text.as_bytes()[digits..] {
            [] => PeriodPart::Year,
            [kind, number] => match (kind.to_ascii_uppercase(), number) {
                (b'H', b'1') => PeriodPart::H1,
                (b'H', b'2') => PeriodPart::H2,
                (b'Q', b'1') => PeriodPart::Q1,
                (b'Q', b'2') => PeriodPart::Q2,
                (b'Q', b'3') => PeriodPart::Q3,
                (b'Q', b'4') => PeriodPart::Q4,
                _ => return None,
            },
            _ => return None,
        };
        Some(Self { year, part })
    }
}

/// The earliest and latest of some periods, `None` when there are none.
pub fn span(periods: impl Iterator<Item = Period>) -> Option<(Period, Period)> {
    periods.fold(None, |range, period| match range {
        None => Some((period, period)),
        Some((first, last)) => Some((first.min(period), last.max(period))),
    })
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let suffix = match self.part {
            PeriodPart::Year => "",
            PeriodPart::H1 => "H1",
            PeriodPart::H2 => "H2",
            PeriodPart::Q1 => "Q1",
            PeriodPart::Q2 => "Q2",
            PeriodPart::Q3 => "Q3",
            PeriodPart::Q4 => "Q4",
        };
        write!(f, "{}{suffix}", self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_every_form() {
        for text in ["2023", "2024H1", "2024H2", "2019Q1", "2019Q4"] {
            let period = Period::parse(text).unwrap_or_else(|| panic!("{text} should parse"));
            assert_eq!(period.to_string(), text);
        }
        assert_eq!(Period::parse("2024h1"), Period::parse("2024H1"));
    }

    #[test]
    fn rejects_what_is_not_a_period() {
        for text in ["", "23", "20233", "2023H3", "2023-2024", "year", "1800", "2023 H1"] {
            assert_eq!(Period::parse(text), None, "{text:?} should not parse");
        }
    }

    #[test]
    fn a_year_sorts_after_its_parts_and_before_the_next_year() {
        let h1 = Period::parse("2024H1");
        let year = Period::parse("2024");
        let next = Period::parse("2025Q1");
        assert!(h1 < year && year < next);
    }
}
