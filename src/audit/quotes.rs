//! Each value against its own quote: words that make a figure an estimate
//! (预计, 初步), approximate (约, 左右) or a lower bound (突破, 超过, 以上) in
//! the part of the quote that holds the value, while its status or
//! qualifier says otherwise; a reported value without a quote; a quote
//! whose numbers do not contain the value (a power of ten apart counts, as
//! 104.26 billion is 1042.6 亿). A value whose note names the word, or says
//! why it has no quote or other digits, is explained rather than flagged.

use crate::audit::{Check, Finding, ValueRef, Verdict, number};
use crate::data::model::{Dataset, IndicatorIx, Observation, Qualifier, Status};
use crate::data::period_text::half_width;
use crate::msg;

/// Words of a quote and what they make the value.
const ESTIMATE_WORDS: [&str; 2] = ["预计", "初步"];
const ABOUT_WORDS: [&str; 3] = ["左右", "约", "近"];
const OVER_WORDS: [&str; 4] = ["突破", "超过", "以上", "逾"];
/// Terms that contain an [`OVER_WORDS`] word without meaning "more than":
/// a class of firms or institutions (规模以上工业, 省级以上研发机构).
const NOT_OVER: [&str; 4] = ["规模以上", "限额以上", "级以上", "元以上"];

pub fn quotes(dataset: &Dataset, findings: &mut Vec<Finding>) {
    // A series shares one quote among all its values: read its numbers once.
    let mut read: std::collections::HashMap<crate::data::model::TextId, Vec<(String, f64)>> =
        std::collections::HashMap::new();
    // Values read from the cells of a table: their cells are their provenance, said once per table.
    let mut from_tables: std::collections::BTreeMap<u32, Vec<ValueRef>> = std::collections::BTreeMap::new();
    for (ix, indicator) in dataset.indicators().iter().enumerate() {
        let ix = IndicatorIx(ix as u32);
        // A region's values from one source without a quote or a note (a
        // series written without one) make one warning, not one per value.
        let mut unquoted: Vec<ValueRef> = Vec::new();
        for obs in indicator.observations() {
            let value = ValueRef::of(ix, obs);
            let note = dataset.note_of(obs).unwrap_or_default();
            let Some(quote) = dataset.quote_of(obs) else {
                if dataset.source(obs.source).table {
                    from_tables.entry(obs.source.0).or_default().push(value);
                    continue;
                }
                if obs.status == Status::Reported && note.is_empty() {
                    if unquoted
                        .last()
                        .is_some_and(|last| (last.region, last.source) != (value.region, value.source))
                    {
                        findings.push(unquoted_warning(dataset, std::mem::take(&mut unquoted)));
                    }
                    unquoted.push(value);
                } else if obs.status == Status::Reported {
                    let detail = msg!("没有原文引语；注释：{note}", "no quote; the note says: {note}");
                    findings.push(Finding {
                        check: Check::MissingQuote,
                        verdict: Verdict::Explained,
                        values: vec![value],
                        detail,
                    });
                }
                continue;
            };
            // A quoted value ends a run of unquoted ones.
            if !unquoted.is_empty() {
                findings.push(unquoted_warning(dataset, std::mem::take(&mut unquoted)));
            }
            let numbers = match obs.quote {
                Some(id) => read.entry(id).or_insert_with(|| numbers_in(quote)),
                None => continue,
            };
            let found = numbers.iter().find(|(_, number)| same_figure(*number, obs.value));
            let clause = found.map_or(quote, |(clause, _)| clause.as_str());
            words(obs, value, clause, note, findings);
            if obs.status == Status::Derived {
                continue;
            }
            findings.push(digits_finding(value, obs.value, found.is_some(), note));
        }
        if !unquoted.is_empty() {
            findings.push(unquoted_warning(dataset, unquoted));
        }
    }
    findings.extend(from_tables.into_values().map(|values| table_finding(dataset, values)));
}

/// Whether the quote holds the value's digits (or the note explains why not).
fn digits_finding(value: ValueRef, figure: f64, in_quote: bool, note: &str) -> Finding {
    let v = number(figure);
    let (verdict, detail) = match (in_quote, note.is_empty()) {
        (true, _) => (Verdict::Consistent, msg!("原文中有 {v}", "the quote has {v}")),
        (false, true) => (
            Verdict::Inconsistent,
            msg!(
                "原文中没有 {v}（也没有相差 10 的整数次幂的数）",
                "the quote has no {v} (nor a power of ten of it)"
            ),
        ),
        (false, false) => (
            Verdict::Explained,
            msg!("原文中没有 {v}；注释：{note}", "the quote has no {v}; the note says: {note}"),
        ),
    };
    Finding { check: Check::QuoteDigits, verdict, values: vec![value], detail }
}

/// One noted finding for the values read from a table's cells.
fn table_finding(dataset: &Dataset, values: Vec<ValueRef>) -> Finding {
    let count = values.len();
    let title = values.first().map(|value| dataset.source(value.source).title.clone()).unwrap_or_default();
    Finding {
        check: Check::MissingQuote,
        verdict: Verdict::Noted,
        values,
        detail: msg!(
            "{count} 个数值读自表格《{title}》的单元格：每个数值的注释写明其单元格，单元格即其出处",
            "{count} values read from the cells of the table “{title}”: each value's note names its cell, which is its provenance"
        ),
    }
}

/// One warning for a region's values from one source that have no quote.
fn unquoted_warning(dataset: &Dataset, values: Vec<ValueRef>) -> Finding {
    let detail = match values.as_slice() {
        [_] => msg!("来源所述的数值没有原文引语", "a reported value without a quote"),
        [first, .., last] => {
            let count = values.len();
            let title = &dataset.source(first.source).title;
            let (from_zh, to_zh) =
                (first.period.label(crate::i18n::Lang::Zh), last.period.label(crate::i18n::Lang::Zh));
            let (from_en, to_en) =
                (first.period.label(crate::i18n::Lang::En), last.period.label(crate::i18n::Lang::En));
            msg!(
                "来自《{title}》的 {count} 个数值（{from_zh}–{to_zh}）都没有原文引语",
                "{count} values from “{title}” ({from_en}–{to_en}) without a quote"
            )
        }
        [] => msg!("", ""),
    };
    Finding { check: Check::MissingQuote, verdict: Verdict::Warning, values, detail }
}

/// The status and qualifier the words of `clause` imply, against the value's.
fn words(obs: &Observation, value: ValueRef, clause: &str, note: &str, findings: &mut Vec<Finding>) {
    let over_clause = NOT_OVER.iter().fold(clause.to_owned(), |text, term| text.replace(term, ""));
    let about = |word: &&str| match *word {
        // 约 and 近 only before a number: not 制约, 节约, 近年.
        "约" | "近" => clause
            .match_indices(word)
            .any(|(at, _)| clause[at + word.len()..].chars().next().is_some_and(|c| c.is_ascii_digit())),
        _ => clause.contains(word),
    };
    let checks: [(Option<&&str>, bool, &str, &str); 3] = [
        (
            ESTIMATE_WORDS.iter().find(|word| clause.contains(**word)),
            obs.status == Status::Estimate,
            "Estimate",
            "status",
        ),
        (
            ABOUT_WORDS.iter().find(|word| about(word)),
            obs.qualifier == Qualifier::About,
            "About",
            "qualifier",
        ),
        (
            OVER_WORDS.iter().find(|word| over_clause.contains(**word)),
            obs.qualifier == Qualifier::Over,
            "Over",
            "qualifier",
        ),
    ];
    for (word, marked, wanted, field) in checks {
        let Some(word) = word else { continue };
        let (verdict, detail) = if marked {
            (
                Verdict::Consistent,
                msg!("原文“{word}”，已标为 {wanted}", "the quote says “{word}”, marked {wanted}"),
            )
        } else if note.contains(*word) {
            (
                Verdict::Explained,
                msg!("原文“{word}”；注释：{note}", "the quote says “{word}”; the note says: {note}"),
            )
        } else {
            (
                Verdict::Inconsistent,
                msg!(
                    "原文“{clause}”中有“{word}”，但 {field} 不是 {wanted}",
                    "“{word}” in the quote (“{clause}”) but the {field} is not {wanted}"
                ),
            )
        };
        findings.push(Finding { check: Check::StatusWords, verdict, values: vec![value], detail });
    }
}

/// Whether `found` in a quote is the figure `value`, allowing a power of ten.
fn same_figure(found: f64, value: f64) -> bool {
    (-4..=4).any(|power| {
        let scaled = found * 10f64.powi(power);
        (scaled - value).abs() <= 1e-9 * value.abs().max(1.0)
    })
}

/// Each number of a quote with the clause it stands in: digits with a
/// decimal point (1,350.4 and 1350.4 alike, full-width digits too) and
/// small Chinese numerals (第三).
fn numbers_in(quote: &str) -> Vec<(String, f64)> {
    let text = half_width(quote);
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    // The words before a number in its sentence, back to the previous figure
    // (a year does not count), apply to it: 初步核算，2018年…7856.56亿元; but
    // not 突破 in 规模突破3600亿元，同比增长12.5% to the 12.5.
    let clause_of = |at: usize, after: usize| -> String {
        let is_sentence_break = |c: &char| matches!(c, '；' | ';' | '。' | '…');
        let is_clause_break = |c: &char| matches!(c, '，' | ',' | '、') || is_sentence_break(c);
        let before = chars.get(..at).unwrap_or_default();
        let start = before.iter().rposition(is_sentence_break).map_or(0, |i| i + 1).max(after);
        let rest = chars.get(at..).unwrap_or_default();
        let end = rest.iter().position(is_clause_break).map_or(chars.len(), |i| at + i);
        chars.get(start..end).unwrap_or_default().iter().collect()
    };
    // Where the previous figure ended.
    let mut after = 0;
    let mut at = 0;
    while let Some(&first) = chars.get(at) {
        let start = at;
        if first.is_ascii_digit() {
            let mut digits = String::new();
            while let Some(&c) = chars.get(at) {
                let thousands = c == ','
                    && chars.get(at + 1..at + 4).is_some_and(|next| next.iter().all(char::is_ascii_digit))
                    && !chars.get(at + 4).is_some_and(char::is_ascii_digit);
                if c.is_ascii_digit() || (c == '.' && chars.get(at + 1).is_some_and(char::is_ascii_digit)) {
                    digits.push(c);
                } else if !thousands {
                    break;
                }
                at += 1;
            }
            if let Ok(number) = digits.parse() {
                out.push((clause_of(start, after), number));
                if chars.get(at) != Some(&'年') {
                    after = at;
                }
            }
        } else if let Some(number) =
            chinese_numeral(chars.get(at..).unwrap_or_default()).filter(|(_, length)| *length > 0)
        {
            at += number.1;
            out.push((clause_of(start, after), number.0));
            after = at;
        } else {
            at += 1;
        }
    }
    out
}

/// A Chinese numeral up to 99 at the start of `chars` (三, 十二, 二十一), and its length.
fn chinese_numeral(chars: &[char]) -> Option<(f64, usize)> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c).or((c == '两').then_some(2));
    let mut length = 0;
    let mut value = 0;
    let mut tens = false;
    for &c in chars.iter().take(3) {
        if let Some(d) = digit(c) {
            value = value * if tens { 1 } else { 10 } + d;
            if tens {
                length += 1;
                break;
            }
        } else if c == '十' && !tens {
            value = if value == 0 { 10 } else { value * 10 };
            tens = true;
        } else {
            break;
        }
        length += 1;
    }
    #[expect(clippy::cast_precision_loss, reason = "at most 99")]
    (length > 0).then_some((value as f64, length))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unquoted_values_of_one_series_make_one_warning_until_a_quoted_one() {
        let text = r#"(version: 1, title: (zh: "测试"), focus_region: "a",
            regions: [(id: "a", name: (zh: "甲区"))],
            sources: [(id: "s", title: "测试来源", publisher: "p", date: "2030", kind: Synthetic)],
            indicators: [(id: "gdp", name: (zh: "地区生产总值"), unit: "亿元", view: "output", observations: [
                (region: "a", period: "2020", value: 1, source: "s"),
                (region: "a", period: "2021", value: 2, source: "s"),
                (region: "a", period: "2022", value: 3, source: "s", quote: "生产总值3亿元"),
                (region: "a", period: "2023", value: 4, source: "s"),
            ])])"#;
        let dataset = crate::data::load_text(std::path::Path::new("t.ron"), text).expect("loads");
        let mut findings = Vec::new();
        quotes(&dataset, &mut findings);
        let warnings: Vec<usize> = findings
            .iter()
            .filter(|finding| finding.check == Check::MissingQuote)
            .map(|finding| finding.values.len())
            .collect();
        assert_eq!(warnings, vec![2, 1], "2020–2021 together, 2023 alone");
        assert!(findings[0].detail.zh.contains("2 个数值（2020–2021）"), "{}", findings[0].detail.zh);
    }

    #[test]
    fn numbers_are_read_with_their_clause() {
        let found = numbers_in("经济总量达到1,350.4亿元、增幅6.2%，位居全市第三");
        let values: Vec<f64> = found.iter().map(|(_, value)| *value).collect();
        assert_eq!(values, vec![1350.4, 6.2, 3.0]);
        assert_eq!(found[1].0, "亿元、增幅6.2%");
        let growth = numbers_in("全口径产业规模突破3600亿元，同比增长12.5%");
        assert_eq!(
            (growth[0].0.as_str(), growth[1].0.as_str()),
            ("全口径产业规模突破3600亿元", "亿元,同比增长12.5%")
        );
        let estimate =
            numbers_in("初步核算,2018年全市地区生产总值7856.56亿元,占全省比重达到10.27%。同比增长7.4%");
        assert_eq!(estimate[1], ("初步核算,2018年全市地区生产总值7856.56亿元".to_owned(), 7856.56));
        assert_eq!(estimate[3].0, "同比增长7.4%");
        assert!(same_figure(104.26, 1042.6) && same_figure(1.14, 11400.0) && !same_figure(104.26, 1042.7));
        assert_eq!(chinese_numeral(&['十', '二', '位']), Some((12.0, 2)));
        assert_eq!(chinese_numeral(&['二', '十', '一']), Some((21.0, 3)));
    }
}
