//! Hints for the mistakes people make when they edit a data file by hand,
//! often with a Chinese input method switched on: full-width punctuation
//! where RON needs ASCII (`，` `：` `（` `）` `“` `”`), a number typed in
//! quotes, a misspelt field or id, a period written the Chinese way
//! (`2023年`, `2024年上半年`). Each turns a parser's puzzle into a sentence
//! that says what to type instead.

use super::error::Position;
use super::ron_text::{Kind, tokens_from};
use crate::i18n::Message;
use crate::msg;

/// Full-width characters an input method types, and the ASCII RON needs.
const FULL_WIDTH: [(char, &str); 16] = [
    ('，', ","),
    ('：', ":"),
    ('（', "("),
    ('）', ")"),
    ('“', "\""),
    ('”', "\""),
    ('‘', "\""),
    ('’', "\""),
    ('【', "["),
    ('】', "]"),
    ('［', "["),
    ('］', "]"),
    ('｛', "{"),
    ('｝', "}"),
    ('；', ","),
    ('　', " "),
];

/// The first character outside strings and comments (as [`super::ron_text`]
/// reads them) that RON cannot read because it is not ASCII (a data file's
/// syntax is all ASCII), with a message saying what to type instead. `None`
/// when there is none.
pub fn non_ascii_outside_strings(text: &str) -> Option<(Position, Message)> {
    let found = tokens_from(text, 0).find_map(|token| {
        let c = text.get(token.start..token.end)?.chars().find(|c| !c.is_ascii())?;
        (token.kind != Kind::Str && token.kind != Kind::Char).then_some((token.start, c))
    })?;
    let (at, c) = found;
    let mut position = super::locate::position_of(text, at);
    // A byte-order mark is not a column an editor shows.
    if position.line == 1 && text.starts_with('\u{feff}') {
        position.col -= 1;
    }
    Some((position, non_ascii_message(c)))
}

fn non_ascii_message(c: char) -> Message {
    match FULL_WIDTH.iter().find(|(wide, _)| *wide == c) {
        Some((_, ascii)) if matches!(c, '“' | '”' | '‘' | '’') => msg!(
            "这里是全角引号“{c}”（中文输入法）；文本要用英文双引号 {ascii} 括起来，例如 \"市中区\"",
            "found the full-width quotation mark “{c}” (from a Chinese input method); text must be enclosed in ASCII double quotes {ascii}, as in \"Shizhong\""
        ),
        Some(_) if c == '　' => msg!(
            "这里是全角空格（中文输入法）；请改为普通空格",
            "found a full-width space (from a Chinese input method); type an ordinary space instead"
        ),
        Some((_, ascii)) => msg!(
            "这里是全角字符“{c}”（中文输入法）；数据文件的标点要用英文半角，请改为 {ascii}",
            "found the full-width character “{c}” (from a Chinese input method); a data file's punctuation is ASCII: type {ascii} instead"
        ),
        None if ('０'..='９').contains(&c) => msg!(
            "这里是全角数字“{c}”；数字要用半角 0–9",
            "found the full-width digit “{c}”; numbers are written with ASCII digits 0–9"
        ),
        None => msg!(
            "这里有字符“{c}”，它只能出现在引号括起来的文本中",
            "found “{c}”, which may only appear inside quoted text"
        ),
    }
}

/// The candidate closest to `word` when it is close enough to be a typo
/// (`valeu` → `value`, `Offical` → `Official`).
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|candidate| {
            (strsim::damerau_levenshtein(&word.to_lowercase(), &candidate.to_lowercase()), candidate)
        })
        .filter(|(distance, candidate)| *distance <= limit && *candidate != word)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// `；您是不是要写 \`value\`？` / `; did you mean \`value\`?`, or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Message {
    match nearest(word, candidates) {
        Some(near) => msg!("；是不是要写 `{near}`？", "; did you mean `{near}`?"),
        None => Message::default(),
    }
}

/// How a period written the way Chinese tables write it is written in a
/// data file: `2023年` → `2023`, `2024年上半年` → `2024H1`,
/// `2024年三季度` → `2024Q3`, `2024年1-9月` → `2024M01-M09`, full-width
/// digits read as ASCII.
pub fn period_suggestion(text: &str) -> Option<String> {
    let suggestion = super::period_text::read_period(text, None).ok()?.to_string();
    (suggestion != text).then_some(suggestion)
}

/// For a number typed in quotes (`"1350.4"`, `"1,350.4"`): the number as it
/// should be written, without quotes or separators.
pub fn number_in_quotes(found: &str) -> Option<String> {
    let cleaned: String = found.trim().chars().filter(|c| *c != ',' && *c != '，').collect();
    cleaned.parse::<f64>().ok().filter(|value| value.is_finite()).map(|_| cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_punctuation_outside_strings_is_found_with_its_position() {
        let text = "(\n  title: (zh: \"市中区，经济\"),\n  focus_region： \"a\",\n)";
        let (position, message) = non_ascii_outside_strings(text).expect("found");
        assert_eq!(position, Position { line: 3, col: 15 });
        assert!(message.en.contains("“：”") && message.en.contains("type : instead"), "{}", message.en);
        assert!(message.zh.contains("全角字符“：”"), "{}", message.zh);
    }

    #[test]
    fn chinese_quotes_as_string_delimiters_are_named() {
        let (position, message) = non_ascii_outside_strings("(zh: “市中区”)").expect("found");
        assert_eq!(position, Position { line: 1, col: 6 });
        assert!(message.en.contains("ASCII double quotes"), "{}", message.en);
    }

    #[test]
    fn strings_and_comments_may_hold_anything() {
        let text = "// 注释：全角，没问题\n(zh: \"引号\\\"里（的）\", /* 块注释（） */ en: \"x\")";
        assert_eq!(non_ascii_outside_strings(text), None);
    }

    #[test]
    fn raw_strings_and_character_literals_may_hold_anything_too() {
        let text = "(zh: r#\"说“引号”，（括号）\"#, c: '，', /* 外 /* 内 */ 注释 */ en: \"x\")";
        assert_eq!(non_ascii_outside_strings(text), None);
        let after = format!("{text}，");
        let (position, _) = non_ascii_outside_strings(&after).expect("the comma after the raw string");
        assert_eq!(position.col, text.chars().count() + 1);
    }

    #[test]
    fn typos_find_the_nearest_name() {
        assert_eq!(nearest("valeu", ["region", "value", "source"]), Some("value"));
        assert_eq!(nearest("Offical", ["Official", "OfficialCopy"]), Some("Official"));
        assert_eq!(nearest("colour", ["region", "value"]), None);
    }

    #[test]
    fn chinese_periods_are_translated() {
        assert_eq!(period_suggestion("2023年").as_deref(), Some("2023"));
        assert_eq!(period_suggestion("２０２３年").as_deref(), Some("2023"));
        assert_eq!(period_suggestion("2024年上半年").as_deref(), Some("2024H1"));
        assert_eq!(period_suggestion("2024年三季度").as_deref(), Some("2024Q3"));
        assert_eq!(period_suggestion("2024年第一季度").as_deref(), Some("2024Q1"));
        assert_eq!(period_suggestion("去年"), None);
    }

    #[test]
    fn numbers_in_quotes_are_recognised() {
        assert_eq!(number_in_quotes("1350.4").as_deref(), Some("1350.4"));
        assert_eq!(number_in_quotes("1,350.4").as_deref(), Some("1350.4"));
        assert_eq!(number_in_quotes("市中区"), None);
    }
}
