//! Reporting periods: a year, a half-year or a quarter.
//!
//! A period is written `2023`, `2024H1` or `2024Q3` in data files and in CSV.
//! Periods order by time (a year sorts after its own halves and quarters, as
//! the annual figure is published last). Each has a kind: values of
//! different kinds (a year and a quarter) are never drawn side by side as if
//! they were comparable. Within a kind, each period has a position on one
//! continuous time axis and a label in both languages (`2023Q1`,
//! `2023年一季度`).

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

/// What span of time a period covers; values of one kind are comparable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum PeriodKind {
    Year,
    Half,
    Quarter,
}

impl PeriodKind {
    pub const ALL: [Self; 3] = [Self::Year, Self::Half, Self::Quarter];

    /// How many periods of this kind a year holds.
    pub fn per_year(self) -> u8 {
        match self {
            Self::Year => 1,
            Self::Half => 2,
            Self::Quarter => 4,
        }
    }

    /// For chart ids: `""` for years (the ids charts always had), else `-halves`, `-quarters`.
    pub fn id_suffix(self) -> &'static str {
        match self {
            Self::Year => "",
            Self::Half => "-halves",
            Self::Quarter => "-quarters",
        }
    }

    /// `年度` / `annual`: how the kind is named in titles.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Self::Year => lang.tr("年度", "annual"),
            Self::Half => lang.tr("半年度", "half-yearly"),
            Self::Quarter => lang.tr("季度", "quarterly"),
        }
    }
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

    pub fn kind(self) -> PeriodKind {
        match self.part {
            PeriodPart::Year => PeriodKind::Year,
            PeriodPart::H1 | PeriodPart::H2 => PeriodKind::Half,
            PeriodPart::Q1 | PeriodPart::Q2 | PeriodPart::Q3 | PeriodPart::Q4 => PeriodKind::Quarter,
        }
    }

    /// Which period of its year this is, from 0 (the year itself, H1, Q1).
    fn index_in_year(self) -> u8 {
        match self.part {
            PeriodPart::Year | PeriodPart::H1 | PeriodPart::Q1 => 0,
            PeriodPart::H2 | PeriodPart::Q2 => 1,
            PeriodPart::Q3 => 2,
            PeriodPart::Q4 => 3,
        }
    }

    /// The period's place on its kind's time axis, counted in periods from
    /// year 0: consecutive periods of a kind differ by exactly 1.
    pub fn ordinal(self) -> i32 {
        i32::from(self.year) * i32::from(self.kind().per_year()) + i32::from(self.index_in_year())
    }

    /// The period of `kind` at `ordinal` (the inverse of [`Self::ordinal`]).
    pub fn from_ordinal(kind: PeriodKind, ordinal: i32) -> Option<Self> {
        let per_year = i32::from(kind.per_year());
        let year =
            i16::try_from(ordinal.div_euclid(per_year)).ok().filter(|year| YEAR_RANGE.contains(year))?;
        let at = ordinal.rem_euclid(per_year);
        let part = match (kind, at) {
            (PeriodKind::Year, _) => PeriodPart::Year,
            (PeriodKind::Half, 0) => PeriodPart::H1,
            (PeriodKind::Half, _) => PeriodPart::H2,
            (PeriodKind::Quarter, 0) => PeriodPart::Q1,
            (PeriodKind::Quarter, 1) => PeriodPart::Q2,
            (PeriodKind::Quarter, 2) => PeriodPart::Q3,
            (PeriodKind::Quarter, _) => PeriodPart::Q4,
        };
        Some(Self { year, part })
    }

    /// Where the period sits on a time axis, in years: a year at its number,
    /// a half or quarter at its start (2023Q3 → 2023.5).
    pub fn time_position(self) -> f64 {
        f64::from(self.ordinal()) / f64::from(self.kind().per_year())
    }

    /// `2023`, `2023年上半年`, `2023年一季度` / `2023`, `2023 H1`, `2023 Q1`.
    pub fn label(self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        let year = self.year;
        match (self.part, lang) {
            (PeriodPart::Year, _) => year.to_string(),
            (PeriodPart::H1, Lang::Zh) => format!("{year}年上半年"),
            (PeriodPart::H2, Lang::Zh) => format!("{year}年下半年"),
            (PeriodPart::Q1, Lang::Zh) => format!("{year}年一季度"),
            (PeriodPart::Q2, Lang::Zh) => format!("{year}年二季度"),
            (PeriodPart::Q3, Lang::Zh) => format!("{year}年三季度"),
            (PeriodPart::Q4, Lang::Zh) => format!("{year}年四季度"),
            (_, Lang::En) => format!("{year} {}", &self.to_string()[4..]),
        }
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
    fn kinds_ordinals_and_positions_agree() {
        let q4 = Period::parse("2023Q4").expect("period");
        let q1 = Period::parse("2024Q1").expect("period");
        assert_eq!(
            (q4.kind(), q1.ordinal() - q4.ordinal()),
            (PeriodKind::Quarter, 1),
            "consecutive quarters"
        );
        assert_eq!(Period::from_ordinal(PeriodKind::Quarter, q1.ordinal()), Some(q1));
        assert!((Period::parse("2023Q3").expect("period").time_position() - 2023.5).abs() < 1e-9);
        assert!((Period::parse("2024H2").expect("period").time_position() - 2024.5).abs() < 1e-9);
        assert_eq!(Period::year(2023).time_position(), 2023.0);
    }

    #[test]
    fn labels_in_both_languages() {
        use crate::i18n::Lang;
        let q1 = Period::parse("2023Q1").expect("period");
        assert_eq!(
            (q1.label(Lang::Zh), q1.label(Lang::En)),
            ("2023年一季度".to_owned(), "2023 Q1".to_owned())
        );
        let h2 = Period::parse("2024H2").expect("period");
        assert_eq!(
            (h2.label(Lang::Zh), h2.label(Lang::En)),
            ("2024年下半年".to_owned(), "2024 H2".to_owned())
        );
        assert_eq!(Period::year(2023).label(Lang::Zh), "2023");
    }

    #[test]
    fn a_year_sorts_after_its_parts_and_before_the_next_year() {
        let h1 = Period::parse("2024H1");
        let year = Period::parse("2024");
        let next = Period::parse("2025Q1");
        assert!(h1 < year && year < next);
    }
}
