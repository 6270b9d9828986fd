//! Reporting periods: a year, a half-year, a quarter, a month, or the months
//! of a year so far (year to date, 1-9月).
//!
//! A period is written `2023`, `2024H1`, `2024Q3`, `2024M10` or
//! `2024M01-M09` in data files and in CSV. Periods order by time: by the
//! month they end in, a shorter span first, so a year sorts after its own
//! halves, quarters and months (the annual figure is published last). Each
//! has a kind: values of different kinds (a year and a quarter, a month and
//! the months so far) are never drawn side by side as if they were
//! comparable. Within a kind, each period has a position on one continuous
//! time axis and a label in both languages (`2024年1-9月` / `Jan–Sep 2024`).
//!
//! `2024H1` and `2024M01-M06` cover the same months; a file keeps the form
//! its source used, so a monthly report's 1-6月 stays in its year-to-date
//! series.

use std::fmt;

/// Part of a year a figure covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeriodPart {
    Q1,
    H1,
    Q2,
    Q3,
    H2,
    Q4,
    Year,
    /// One month, 1–12.
    Month(u8),
    /// January to the given month, 2–12 (1-9月, 前三季度).
    YearToDate(u8),
}

impl PeriodPart {
    /// The last month covered and how many months, for ordering.
    fn end_and_span(self) -> (u8, u8) {
        match self {
            Self::Q1 => (3, 3),
            Self::Q2 => (6, 3),
            Self::Q3 => (9, 3),
            Self::Q4 => (12, 3),
            Self::H1 => (6, 6),
            Self::H2 => (12, 6),
            Self::Year => (12, 12),
            Self::Month(month) => (month, 1),
            Self::YearToDate(month) => (month, month),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    /// 1900–2100 (see [`YEAR_RANGE`]); two bytes keep an observation small.
    pub year: i16,
    pub part: PeriodPart,
}

impl Period {
    /// A number that sorts like the period: by year, then the month the
    /// period ends in, then its length (a year after its parts), then its
    /// kind (2024H1 before 2024M01-M06).
    pub fn sort_key(self) -> u64 {
        let (end, span) = self.part.end_and_span();
        #[expect(clippy::cast_sign_loss, reason = "shifted into the positive range first")]
        let year = (i32::from(self.year) - i32::from(i16::MIN)) as u64;
        (year << 24) | (u64::from(end) << 16) | (u64::from(span) << 8) | self.kind() as u64
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// `Jan`…`Dec`.
const MONTHS_EN: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn month_en(month: u8) -> &'static str {
    MONTHS_EN.get(usize::from(month).saturating_sub(1)).copied().unwrap_or("?")
}

/// What span of time a period covers; values of one kind are comparable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum PeriodKind {
    Year,
    Half,
    Quarter,
    Month,
    YearToDate,
}

impl PeriodKind {
    pub const ALL: [Self; 5] = [Self::Year, Self::Half, Self::Quarter, Self::Month, Self::YearToDate];

    /// How many positions of this kind a year holds on its time axis (a
    /// year to date is placed at the month it ends in).
    pub fn per_year(self) -> u8 {
        match self {
            Self::Year => 1,
            Self::Half => 2,
            Self::Quarter => 4,
            Self::Month | Self::YearToDate => 12,
        }
    }

    /// For chart ids: `""` for years (the ids charts always had), else `-halves`, `-quarters`, `-months`, `-ytd`.
    pub fn id_suffix(self) -> &'static str {
        match self {
            Self::Year => "",
            Self::Half => "-halves",
            Self::Quarter => "-quarters",
            Self::Month => "-months",
            Self::YearToDate => "-ytd",
        }
    }

    /// `年度` / `annual`: how the kind is named in titles.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Self::Year => lang.tr("年度", "annual"),
            Self::Half => lang.tr("半年度", "half-yearly"),
            Self::Quarter => lang.tr("季度", "quarterly"),
            Self::Month => lang.tr("月度", "monthly"),
            Self::YearToDate => lang.tr("年初至今累计", "year to date"),
        }
    }

    /// How a value compares with its previous comparable period, for
    /// labels: `比上年` / `on the previous year`.
    pub fn compared_with(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Self::Year => lang.tr("比上年", "on the previous year"),
            Self::Half | Self::Quarter => lang.tr("比上期", "on the previous period"),
            Self::Month => lang.tr("比上月", "on the previous month"),
            Self::YearToDate => lang.tr("比上年同期", "on the same months a year earlier"),
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
            PeriodPart::Month(_) => PeriodKind::Month,
            PeriodPart::YearToDate(_) => PeriodKind::YearToDate,
        }
    }

    /// Which position of its year this is, from 0 (the year itself, H1, Q1,
    /// January; a year to date at the month it ends in).
    fn index_in_year(self) -> u8 {
        match self.part {
            PeriodPart::Year | PeriodPart::H1 | PeriodPart::Q1 => 0,
            PeriodPart::H2 | PeriodPart::Q2 => 1,
            PeriodPart::Q3 => 2,
            PeriodPart::Q4 => 3,
            PeriodPart::Month(month) | PeriodPart::YearToDate(month) => month.saturating_sub(1),
        }
    }

    /// The period a value is compared with for its change: the previous
    /// year, half, quarter or month; for a year to date, the same months a
    /// year earlier (1-9月 against last year's 1-9月, as bulletins do).
    pub fn previous_comparable(self) -> Option<Self> {
        match self.part {
            PeriodPart::YearToDate(_) => self.a_year_earlier(),
            _ => Self::from_ordinal(self.kind(), self.ordinal() - 1),
        }
    }

    /// The same part of the year before (2024Q3 → 2023Q3): what a
    /// year-on-year growth rate (同比) compares with.
    pub fn a_year_earlier(self) -> Option<Self> {
        let year = self.year.checked_sub(1).filter(|year| YEAR_RANGE.contains(year))?;
        Some(Self { year, part: self.part })
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
            (PeriodKind::Month, at) => PeriodPart::Month(u8::try_from(at + 1).ok()?),
            // A year to date spans at least two months.
            (PeriodKind::YearToDate, 0) => return None,
            (PeriodKind::YearToDate, at) => PeriodPart::YearToDate(u8::try_from(at + 1).ok()?),
        };
        Some(Self { year, part })
    }

    /// Where the period sits on a time axis, in years: a year at its number,
    /// a half, quarter or month at its start (2023Q3 → 2023.5), a year to
    /// date at the start of its last month.
    pub fn time_position(self) -> f64 {
        f64::from(self.ordinal()) / f64::from(self.kind().per_year())
    }

    /// `2023`, `2023年上半年`, `2023年一季度`, `2024年10月`, `2024年1-9月` /
    /// `2023`, `2023 H1`, `2023 Q1`, `Oct 2024`, `Jan–Sep 2024`.
    pub fn label(self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        let year = self.year;
        match (self.part, lang) {
            (PeriodPart::Month(month), Lang::Zh) => format!("{year}年{month}月"),
            (PeriodPart::Month(month), Lang::En) => format!("{} {year}", month_en(month)),
            (PeriodPart::YearToDate(month), Lang::Zh) => format!("{year}年1-{month}月"),
            (PeriodPart::YearToDate(month), Lang::En) => format!("Jan–{} {year}", month_en(month)),
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

    /// Parses `2023`, `2024H1`, `2024h1`, `2024Q3`, `2024M10` (or `2024M9`),
    /// `2024M01-M09`; `None` for anything else.
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
        let rest = &text[digits..];
        if let Some(months) = rest.strip_prefix(['M', 'm']) {
            let month = |text: &str| -> Option<u8> {
                let month: u8 = (1..=2).contains(&text.len()).then(|| text.parse().ok()).flatten()?;
                (1..=12).contains(&month).then_some(month)
            };
            let part = match months.split_once('-') {
                None => PeriodPart::Month(month(months)?),
                Some((first, last)) => {
                    let last = month(last.strip_prefix(['M', 'm'])?)?;
                    (month(first)? == 1 && last >= 2).then_some(PeriodPart::YearToDate(last))?
                }
            };
            return Some(Self { year, part });
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
            PeriodPart::Month(month) => return write!(f, "{}M{month:02}", self.year),
            PeriodPart::YearToDate(month) => return write!(f, "{}M01-M{month:02}", self.year),
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
        for text in [
            "2023",
            "2024H1",
            "2024H2",
            "2019Q1",
            "2019Q4",
            "2024M10",
            "2024M01",
            "2024M01-M09",
            "2024M01-M12",
        ] {
            let period = Period::parse(text).unwrap_or_else(|| panic!("{text} should parse"));
            assert_eq!(period.to_string(), text);
        }
        assert_eq!(Period::parse("2024h1"), Period::parse("2024H1"));
        assert_eq!(Period::parse("2024M9"), Period::parse("2024M09"));
        assert_eq!(Period::parse("2024m1-m9"), Period::parse("2024M01-M09"));
    }

    #[test]
    fn rejects_what_is_not_a_period() {
        for text in [
            "",
            "23",
            "20233",
            "2023H3",
            "2023-2024",
            "year",
            "1800",
            "2023 H1",
            "2024M13",
            "2024M0",
            "2024M",
            "2024M001",
            "2024M03-M09",
            "2024M01-M01",
            "2024M01-09",
            "2024M01-M13",
        ] {
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
        let order: Vec<Period> = [
            "2024M01",
            "2024M01-M02",
            "2024M03",
            "2024Q1",
            "2024M01-M03",
            "2024M12",
            "2024Q4",
            "2024H2",
            "2024",
            "2024M01-M12",
            "2025M01",
        ]
        .iter()
        .map(|text| Period::parse(text).expect("period"))
        .collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(sorted, order, "by the month they end in, shorter first, the year after its parts");
    }

    #[test]
    fn months_and_years_to_date() {
        use crate::i18n::Lang;
        let october = Period::parse("2024M10").expect("period");
        assert_eq!(
            (october.label(Lang::Zh), october.label(Lang::En)),
            ("2024年10月".to_owned(), "Oct 2024".to_owned())
        );
        assert_eq!(october.kind(), PeriodKind::Month);
        assert_eq!(october.previous_comparable(), Period::parse("2024M09"));
        assert_eq!(Period::parse("2024M01").and_then(Period::previous_comparable), Period::parse("2023M12"));
        let ytd = Period::parse("2024M01-M09").expect("period");
        assert_eq!(
            (ytd.label(Lang::Zh), ytd.label(Lang::En)),
            ("2024年1-9月".to_owned(), "Jan–Sep 2024".to_owned())
        );
        assert_eq!(ytd.kind(), PeriodKind::YearToDate);
        assert_eq!(ytd.previous_comparable(), Period::parse("2023M01-M09"), "the same months a year earlier");
        assert_eq!(Period::from_ordinal(PeriodKind::YearToDate, ytd.ordinal()), Some(ytd));
        assert_eq!(
            Period::from_ordinal(PeriodKind::YearToDate, Period::year(2024).ordinal() * 12),
            None,
            "no 1-1月"
        );
        assert!((ytd.time_position() - (2024.0 + 8.0 / 12.0)).abs() < 1e-9);
    }
}
