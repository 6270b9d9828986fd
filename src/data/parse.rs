//! RON text → [`RawDataset`], with the position and field path of the first
//! syntax or type error, in words for the person editing the file.
//!
//! `ron` keeps its default recursion limit, so a hostile file nested 100,000
//! brackets deep fails with a message instead of overflowing the stack.

use serde::Deserialize as _;

use super::error::{Position, Problem};
use super::hints::{did_you_mean, non_ascii_outside_strings, number_in_quotes};
use super::raw::{FORMAT_VERSION, RawDataset, VersionProbe};
use crate::i18n::Message;
use crate::msg;

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses a whole data file. Syntax and type errors stop parsing, so the
/// error is one problem.
pub fn parse_raw(text: &str) -> Result<RawDataset, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Problem::at(
            Position { line: 1, col: 1 },
            "",
            msg!(
                "文件是空的；应为数据集，例如 `(version: 1, title: (zh: \"…\"), …)`",
                "the file is empty; expected a dataset such as `(version: 1, title: (zh: \"…\"), …)`"
            ),
        ));
    }
    let options = ron_options();
    // Fast path: a plain parse. Only a failed file is parsed again with field
    // path tracking, which costs a third more and matters only for the message.
    if let Ok(raw) = options.from_str::<RawDataset>(text) {
        if raw.version != FORMAT_VERSION {
            return Err(version_mismatch(text, raw.version));
        }
        return Ok(raw);
    }
    let mut deserializer = ron::Deserializer::from_str_with_options(text, &options)
        .map_err(|error| explained(text, String::new(), &error))?;
    let mut track = serde_path_to_error::Track::new();
    let parsed =
        RawDataset::deserialize(serde_path_to_error::Deserializer::new(&mut deserializer, &mut track));
    let raw = match parsed {
        Ok(raw) => raw,
        Err(error) => {
            let field = track.path().to_string();
            let spanned = deserializer.span_error(error);
            if let Some(version_problem) = other_version(text) {
                return Err(version_problem);
            }
            let mut problem = explained(text, clean_path(&field), &spanned);
            if ends_unclosed(text) && spanned.code != ron::Error::Eof {
                problem.message = problem.message.then(&msg!(
                    "；文件在结尾的 `)` 之前就结束了（是否被截断？）",
                    "; the file also ends before its closing `)` (is it truncated?)"
                ));
            }
            return Err(problem);
        }
    };
    if let Err(error) = deserializer.end() {
        return Err(explained(text, String::new(), &deserializer.span_error(error)));
    }
    if raw.version != FORMAT_VERSION {
        return Err(version_mismatch(text, raw.version));
    }
    Ok(raw)
}

/// When a file fails to parse, checks whether it is simply a newer format,
/// which explains the failure better than the first unknown field does.
fn other_version(text: &str) -> Option<Problem> {
    let probe: VersionProbe = ron_options().from_str(text).ok()?;
    (probe.version != FORMAT_VERSION).then(|| version_mismatch(text, probe.version))
}

fn version_mismatch(text: &str, found: u32) -> Problem {
    let mut problem = Problem::new(
        "version",
        msg!(
            "不支持格式版本 {found}；此版本的 EconLens 读取版本 {FORMAT_VERSION}（更新的 EconLens 也许能读取）",
            "format version {found} is not supported; this EconLens reads version {FORMAT_VERSION} \
             (a newer EconLens may read it)"
        ),
    );
    problem.position = super::locate::locate(text, "version");
    problem
}

/// `serde_path_to_error` writes `?` for a part it could not name (the root,
/// a field whose name was not read yet); those parts are left out.
fn clean_path(path: &str) -> String {
    path.split('.').filter(|part| !part.is_empty() && *part != "?").collect::<Vec<_>>().join(".")
}

/// Whether the text stops inside a string or with brackets still open: the
/// sign of a file cut short, which explains a confusing first error.
fn ends_unclosed(text: &str) -> bool {
    let mut depth: usize = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => loop {
                match chars.next() {
                    None => return true,
                    Some('\\') => {
                        chars.next();
                    }
                    Some('"') => break,
                    Some(_) => {}
                }
            },
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    depth > 0
}

/// The problem for a parse error: full-width punctuation before the place
/// the parser stopped is the likelier cause and is named instead.
fn explained(text: &str, field: String, error: &ron::error::SpannedError) -> Problem {
    let stopped = Position { line: error.span.start.line, col: error.span.start.col };
    if let Some((position, message)) = non_ascii_outside_strings(text)
        && (position <= stopped || error.code == ron::Error::Eof)
    {
        return Problem::at(position, field, message);
    }
    if matches!(error.code, ron::Error::ExpectedFloat | ron::Error::ExpectedInteger)
        && let Some(quoted) = quoted_text_at(text, stopped)
    {
        return Problem::at(stopped, field, wrong_type("f64", &format!("the string {quoted:?}")));
    }
    Problem::at(stopped, field, describe(&error.code))
}

/// The text in quotes that starts at `position`, if a string starts there.
fn quoted_text_at(text: &str, position: Position) -> Option<String> {
    let line = text.lines().nth(position.line.checked_sub(1)?)?;
    let rest: String = line.chars().skip(position.col.checked_sub(1)?).collect();
    let inner = rest.trim_start().strip_prefix('"')?;
    inner.find('"').map(|end| inner[..end].to_owned())
}

/// `ron`'s errors reworded for people editing a data file, not for Rust
/// programmers, in both languages.
///
/// One function of about a hundred lines on purpose: it is a table with one
/// arm per `ron::Error` variant, read top to bottom beside ron's list of
/// errors; split, a reader would have to gather it again to check that every
/// variant has its sentence.
fn describe(code: &ron::Error) -> Message {
    use ron::Error;
    match code {
        Error::Eof => msg!(
            "文件过早结束（是否被截断？）；后面应还有数据",
            "the file ends too early (is it truncated?); expected more data"
        ),
        Error::ExceededRecursionLimit => msg!(
            "嵌套过深（超过 128 层）；数据文件不需要这样的嵌套",
            "nested too deeply (more than 128 levels); a data file never needs this"
        ),
        Error::Utf8Error(_) => {
            msg!("文件不是 UTF-8 文本；请另存为 UTF-8", "the file is not UTF-8 text; save it as UTF-8")
        }
        Error::TrailingCharacters => msg!(
            "数据集结尾的 `)` 之后还有内容；其后不应再有内容",
            "unexpected text after the end of the dataset; expected nothing after its closing `)`"
        ),
        Error::InvalidValueForType { expected, found } => wrong_type(expected, found),
        Error::NoSuchStructField { expected, found, .. } => {
            let known = expected.join("`, `");
            msg!(
                "未知字段 `{found}`（可用的字段：`{known}`）",
                "unknown field `{found}` (the fields here are `{known}`)"
            )
            .then(&did_you_mean(found, expected.iter().copied()))
        }
        Error::NoSuchEnumVariant { expected, found, .. } => {
            let known = expected.join("`, `");
            msg!(
                "未知取值 `{found}`（可用：`{known}`）",
                "unknown value `{found}` (expected one of `{known}`)"
            )
            .then(&did_you_mean(found, expected.iter().copied()))
        }
        Error::MissingStructField { field, outer } => match outer.as_deref().map(record_name) {
            Some(Message { zh: record_zh, en: record_en }) => {
                msg!("{record_zh}缺少字段 `{field}`", "{record_en}: missing the field `{field}`")
            }
            None => msg!("缺少字段 `{field}`", "missing the field `{field}`"),
        },
        Error::DuplicateStructField { field, .. } => {
            msg!(
                "字段 `{field}` 出现了两次；每个字段只能写一次",
                "the field `{field}` is given twice; write it once"
            )
        }
        Error::ExpectedComma => {
            msg!("这里应有逗号 `,`（上一项之后）", "expected a comma `,` (after the previous item)")
        }
        Error::ExpectedMapColon => {
            msg!("这里应有冒号 `:`（键与值之间）", "expected a colon `:` between a key and its value")
        }
        Error::ExpectedStructLike | Error::ExpectedNamedStructLike(_) => {
            msg!("这里应有左括号 `(`", "expected an opening `(`")
        }
        Error::ExpectedStructLikeEnd | Error::ExpectedOptionEnd => {
            msg!("这里应有右括号 `)`", "expected a closing `)`")
        }
        Error::ExpectedArray => msg!("这里应有左方括号 `[`（一个列表）", "expected an opening `[` (a list)"),
        Error::ExpectedArrayEnd => msg!("这里应有右方括号 `]`", "expected a closing `]`"),
        Error::ExpectedMap => msg!("这里应有左花括号 `{{`", "expected an opening `{{`"),
        Error::ExpectedMapEnd => msg!("这里应有右花括号 `}}`", "expected a closing `}}`"),
        Error::ExpectedString => msg!("这里应为用引号括起来的文本", "expected text in double quotes"),
        Error::ExpectedStringEnd => {
            msg!("文本没有结束的引号 `\"`", "expected end of string: the text has no closing `\"`")
        }
        Error::ExpectedFloat | Error::ExpectedInteger => msg!("这里应为数字", "expected a number"),
        Error::FloatUnderscore | Error::UnderscoreAtBeginning | Error::InvalidIntegerDigit { .. } => {
            msg!(
                "数字写法有误；请只用 0–9、小数点和负号",
                "the number is malformed; use 0–9, a point and a minus sign"
            )
        }
        Error::IntegerOutOfBounds => msg!("数字太大", "the number is too large"),
        Error::ExpectedBoolean => msg!("这里应为 true 或 false", "expected true or false"),
        Error::ExpectedIdentifier | Error::InvalidIdentifier(_) | Error::SuggestRawIdentifier(_) => {
            msg!("这里应为字段名或取值名（英文字母）", "expected a field or value name (ASCII letters)")
        }
        Error::ExpectedDifferentStructName { expected, found } => {
            let Message { zh: expected_zh, en: expected_en } = record_name(expected);
            msg!("这里应为{expected_zh}，而不是 `{found}`", "expected {expected_en} here, not `{found}`")
        }
        Error::InvalidEscape(_) => msg!(
            "文本中的反斜杠转义无效；要写反斜杠请写 `\\\\`",
            "invalid escape in text; write a backslash as `\\\\`"
        ),
        Error::UnclosedBlockComment => {
            msg!("注释 `/*` 没有结束的 `*/`", "a `/*` comment has no closing `*/`")
        }
        Error::UnexpectedChar(c) => msg!("这里不应有字符 `{c}`", "unexpected character `{c}`"),
        Error::ExpectedDifferentLength { expected, found } => {
            msg!(
                "元素个数不对：应为 {expected}，实有 {found} 个",
                "expected {expected}, found {found} elements"
            )
        }
        Error::Message(text) => humanise(text),
        other => {
            let english = humanise(&lowercase_first(&other.to_string())).en;
            msg!("无法读取此处：{english}", "{english}")
        }
    }
}

/// "expected X, found Y", with what to type instead where that is clear.
fn wrong_type(expected: &str, found: &str) -> Message {
    let (Message { zh: expected_zh, en: expected_en }, Message { zh: found_zh, en: found_en }) =
        (thing(expected), thing(found));
    let mut message =
        msg!("这里应为{expected_zh}，实为{found_zh}", "expected {expected_en}, found {found_en}");
    let wants_number =
        matches!(expected, "f64" | "f32") || expected.starts_with('u') || expected.starts_with('i');
    if wants_number
        && let Some(text) = found.strip_prefix("the string ")
        && let Some(number) = number_in_quotes(text.trim_matches('"'))
    {
        message = message
            .then(&msg!("；数字不加引号，请写作 {number}", "; write the number without quotes: {number}"));
    }
    message
}

/// The words for a serde type description, in both languages.
fn thing(description: &str) -> Message {
    let quoted =
        |prefix: &str| description.strip_prefix(prefix).map(|rest| rest.trim_matches('`').to_owned());
    if let Some(text) = description.strip_prefix("the string ") {
        return msg!("文本 {text}", "the text {text}");
    }
    if let Some(number) = quoted("the floating point number ")
        .or_else(|| quoted("the unsigned integer "))
        .or_else(|| quoted("the signed integer "))
    {
        return msg!("数字 {number}", "the number {number}");
    }
    if let Some(value) = quoted("the boolean ") {
        return msg!("{value}", "{value}");
    }
    match description {
        "f64" | "f32" => msg!("数字", "a number"),
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "usize" => {
            msg!("整数", "a whole number")
        }
        "a string" | "string" => msg!("用引号括起来的文本", "text in double quotes"),
        "a boolean" => msg!("true 或 false", "true or false"),
        "a unit value" => msg!("空值 `()`", "an empty value `()`"),
        "a sequence" => msg!("列表 `[…]`", "a list `[…]`"),
        "a map" => msg!("映射 `{{…}}`", "a map `{{…}}`"),
        "option" | "an optional value" => msg!("可选值", "an optional value"),
        "a list of series" => msg!("序列列表 `[(region: …), …]`", "a list of series `[(region: …), …]`"),
        _ => record_name(description),
    }
}

/// A record of the format named in words: `struct RawText` → a name `(zh: …)`.
fn record_name(rust: &str) -> Message {
    const NAMES: [(&str, &str, &str); 16] = [
        ("RawDataset", "数据集", "the dataset"),
        ("RawText", "名称 `(zh: \"…\", en: \"…\")`", "a name `(zh: \"…\", en: \"…\")`"),
        (
            "RawNote",
            "说明：引号括起的文本或 `(zh: \"…\", en: \"…\")`",
            "a note: text in quotes or `(zh: \"…\", en: \"…\")`",
        ),
        ("RawRegion", "地区", "a region"),
        ("RawSource", "来源", "a source"),
        ("RawIndicator", "指标", "an indicator"),
        ("RawObservation", "观测值", "an observation"),
        (
            "RawSeries",
            "序列 `(region: …, source: …, values: {…})`",
            "a series `(region: …, source: …, values: {…})`",
        ),
        ("RawList", "名单", "a list"),
        ("RawListItem", "名单条目", "a list item"),
        ("RawRelation", "关系（Level、Growth、Share 或 Rank）", "a relation (Level, Growth, Share or Rank)"),
        ("SourceKind", "来源类型", "a source kind"),
        ("Status", "状态（Reported、Estimate 或 Derived）", "a status (Reported, Estimate or Derived)"),
        ("Qualifier", "限定（Exact、Over 或 About）", "a qualifier (Exact, Over or About)"),
        (
            "GrowthBasis",
            "增速口径（Real、Nominal 或 Unstated）",
            "a growth basis (Real, Nominal or Unstated)",
        ),
        ("VersionProbe", "数据集", "the dataset"),
    ];
    let name = rust.trim_start_matches("struct ").trim_start_matches("enum ").trim_matches('`');
    match NAMES.iter().find(|(rust_name, _, _)| *rust_name == name) {
        Some((_, zh, en)) => Message::new(*zh, *en),
        None if rust.starts_with("a map of period to value") => {
            msg!(
                "时期到数值的映射，例如 `{{\"2023\": 1350.4}}`",
                "a map of period to value, such as `{{\"2023\": 1350.4}}`"
            )
        }
        None if rust.starts_with("a period") => {
            msg!(
                "时期，例如 \"2023\"、\"2024H1\" 或 \"2024Q3\"",
                "a period such as \"2023\", \"2024H1\" or \"2024Q3\""
            )
        }
        None => Message::same(rust),
    }
}

fn lowercase_first(message: &str) -> String {
    let mut chars = message.chars();
    chars.next().map_or_else(String::new, |first| first.to_lowercase().chain(chars).collect())
}

/// Replaces the Rust type names in serde's free-form messages with the
/// record names of the format.
fn humanise(message: &str) -> Message {
    if message.contains("did not match any variant of untagged enum RawNote") {
        let Message { zh, en } = record_name("RawNote");
        return msg!("应为{zh}", "expected {en}");
    }
    let mut out = Message::same(message);
    for word in message.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        if word.starts_with("Raw") || ["SourceKind", "Status", "Qualifier", "GrowthBasis"].contains(&word) {
            let name = record_name(word);
            out.zh =
                out.zh.replace(&format!("struct `{word}`"), &name.zh).replace(&format!("`{word}`"), &name.zh);
            out.en =
                out.en.replace(&format!("struct `{word}`"), &name.en).replace(&format!("`{word}`"), &name.en);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> Problem {
        parse_raw(text).expect_err("invalid")
    }

    const HEAD: &str =
        "(version: 1, title: (zh: \"t\"), focus_region: \"a\", regions: [], sources: [], indicators: [";

    #[test]
    fn a_number_in_quotes_says_to_remove_them() {
        let text = format!(
            "{HEAD}(id: \"g\", name: (zh: \"g\"), unit: \"亿元\", view: \"output\", observations: [(region: \"a\", period: \"2023\", value: \"1350.4\", source: \"s\")])])"
        );
        let problem = problem(&text);
        assert_eq!(problem.field, "indicators[0].observations[0].value");
        assert!(
            problem.message.en.contains("expected a number, found the text \"1350.4\""),
            "{}",
            problem.message.en
        );
        assert!(problem.message.en.contains("without quotes: 1350.4"), "{}", problem.message.en);
        assert!(problem.message.zh.contains("应为数字，实为文本 \"1350.4\""), "{}", problem.message.zh);
    }

    #[test]
    fn an_unknown_field_suggests_the_nearest() {
        let text = format!(
            "{HEAD}(id: \"g\", name: (zh: \"g\"), unit: \"亿元\", view: \"output\", observations: [(region: \"a\", period: \"2023\", valeu: 1, source: \"s\")])])"
        );
        let problem = problem(&text);
        assert!(problem.message.en.contains("unknown field `valeu`"), "{}", problem.message.en);
        assert!(problem.message.en.contains("did you mean `value`?"), "{}", problem.message.en);
        assert!(problem.message.zh.contains("是不是要写 `value`"), "{}", problem.message.zh);
    }

    #[test]
    fn full_width_punctuation_is_named_where_it_stands() {
        let text = "(version: 1，title: (zh: \"t\"))";
        let problem = problem(text);
        assert_eq!(problem.position, Some(Position { line: 1, col: 12 }));
        assert!(problem.message.zh.contains("全角字符“，”"), "{}", problem.message.zh);
        assert!(problem.message.en.contains("type , instead"), "{}", problem.message.en);
    }

    #[test]
    fn a_newer_version_has_a_position() {
        let problem = problem("(\n  version: 2,\n)");
        assert_eq!(problem.position, Some(Position { line: 2, col: 12 }));
        assert!(problem.message.zh.contains("不支持格式版本 2"));
    }
}
