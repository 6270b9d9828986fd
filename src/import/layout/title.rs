//! What the rows above a table's header say, and what its words name: the
//! title (with the period, the region or the indicator a table of one of
//! them is about), a unit line, the month a monthly report's header gives.

use super::super::cells::{Cell, half_width, unit_line};
use super::super::table::Table;
use super::ReadOptions;
use crate::data::model::Period;
use crate::data::period_text::{read_period, year_in};

/// What the rows above the header say: a title, a unit line.
pub(super) struct Preamble {
    pub(super) title: Option<String>,
    pub(super) unit: Option<(String, String)>,
    pub(super) year: Option<i16>,
    pub(super) period: Option<Period>,
}

pub(super) fn preamble(
    table: &Table,
    head: &[Vec<Cell>],
    header_row: usize,
    options: &ReadOptions,
) -> Preamble {
    let mut title = None;
    let mut unit = None;
    for (at, row) in head.iter().enumerate().take(header_row) {
        for (column, cell) in row.iter().enumerate() {
            let text = cell.text();
            if text.is_empty() {
                continue;
            }
            if let Some(found) = unit_line(&half_width(&text)).or_else(|| unit_line(&text)) {
                unit = Some((found, table.place.cell(at, column)));
            } else if title.is_none() {
                title = Some(text);
            }
        }
    }
    let year = options.year.or_else(|| title.as_deref().and_then(year_in));
    let period = title.as_deref().and_then(|title| period_in(title, year));
    Preamble { title, unit, year, period }
}

/// The period a title names: `2024年1-9月全市主要经济指标` → 2024M01-M09.
pub(super) fn period_in(title: &str, year: Option<i16>) -> Option<Period> {
    let text = half_width(title);
    let chars: Vec<char> = text.chars().collect();
    let allowed = |c: char| c.is_ascii_digit() || "年月份-—~～至一二三四上下半季度前第全".contains(c);
    for start in 0..chars.len() {
        if !chars[start].is_ascii_digit() {
            continue;
        }
        let mut end = start;
        while end < chars.len() && allowed(chars[end]) {
            end += 1;
        }
        let run: String = chars[start..end].iter().collect();
        // The longest prefix of the run that is a period.
        let mut cut: Vec<char> = run.chars().collect();
        while !cut.is_empty() {
            let candidate: String = cut.iter().collect();
            if let Ok(period) = read_period(&candidate, year) {
                return Some(period);
            }
            cut.pop();
        }
    }
    None
}

/// A region named before the title's year: `市中区2024年1-9月主要经济指标` → 市中区.
pub(super) fn region_in(title: &str) -> Option<String> {
    let before: String =
        title.chars().take_while(|c| !c.is_ascii_digit() && !('０'..='９').contains(c)).collect();
    let before = before.trim();
    let ends_like_region = ["区", "县", "市", "省", "镇", "旗", "国"].iter().any(|end| before.ends_with(end));
    (ends_like_region && before.chars().count() >= 2).then(|| before.to_owned())
}

/// The month a monthly report's header names: `1-9月累计` → 9, `9月` → 9.
pub(super) fn header_month(text: &str) -> Option<u8> {
    let text = half_width(text);
    let before = text.split('月').next()?;
    let digits: String =
        before.chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
    let month: u8 = digits.parse().ok()?;
    (1..=12).contains(&month).then_some(month)
}

/// A title without its table number, its periods and the words around
/// them: `2019-2023年各区县地区生产总值（亿元）` → `地区生产总值（亿元）`,
/// `表3-2 各区县地区生产总值（2021—2023年）` → `地区生产总值`.
pub(super) fn strip_title(title: &str) -> String {
    let text = half_width(title);
    let mut rest = text.trim();
    // A table number: 表3-2, 附表 1.
    for mark in ["附表", "表"] {
        if let Some(after) = rest.strip_prefix(mark) {
            let after = after.trim_start();
            let number_end = after
                .char_indices()
                .find(|(_, c)| !(c.is_ascii_digit() || "-—.·".contains(*c)))
                .map_or(after.len(), |(at, _)| at);
            if number_end > 0 && after[..number_end].chars().any(|c| c.is_ascii_digit()) {
                rest = after[number_end..].trim_start_matches([' ', '、', ':', '：']);
            }
            break;
        }
    }
    // Brackets that hold a period, and runs of digits with 年/月/季度 words.
    let mut kept = String::with_capacity(rest.len());
    let chars: Vec<char> = rest.chars().collect();
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        if (c == '(' || c == '（')
            && let Some(close) = chars[at..].iter().position(|c| *c == ')' || *c == '）')
            && chars[at + 1..at + close].iter().any(char::is_ascii_digit)
        {
            at += close + 1;
            continue;
        }
        if c.is_ascii_digit() {
            while at < chars.len() && (chars[at].is_ascii_digit() || "年月份-—~～至度末".contains(chars[at]))
            {
                at += 1;
            }
            continue;
        }
        kept.push(c);
        at += 1;
    }
    let rest = kept.trim().trim_start_matches(['度', '份', '末', ' ']);
    let rest = ["各区县", "各县区", "各区", "各县", "各地区", "各市", "全市", "全省", "分地区", "主要"]
        .iter()
        .fold(rest.to_owned(), |acc, word| acc.strip_prefix(word).map(str::to_owned).unwrap_or(acc));
    rest.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_give_periods_regions_and_indicators() {
        assert_eq!(period_in("2024年1-9月全市主要经济指标", None), Period::parse("2024M01-M09"));
        assert_eq!(period_in("2023年各区县主要经济指标", None), Some(Period::year(2023)));
        assert_eq!(region_in("市中区2024年1-9月主要经济指标").as_deref(), Some("市中区"));
        assert_eq!(strip_title("2023年各区县地区生产总值（亿元）"), "地区生产总值(亿元)");
        assert_eq!(strip_title("表3-2 各区县地区生产总值（2021—2023年）"), "地区生产总值");
        assert_eq!(strip_title("附表1  2019-2023年全市地区生产总值"), "地区生产总值");
        assert_eq!(header_month("1-9月累计"), Some(9));
    }
}
