//! Writing saved charts into a data file without touching anything else:
//! the file's `charts` section is found in its text and replaced (or, when
//! there is none, added before the dataset's closing bracket); every other
//! byte, comments and formatting included, stays as it was. The result is
//! parsed again before it is written, so a save never leaves a file that
//! does not load; the write is atomic. The section is found through the
//! tokens of [`super::ron_text`], so strings of any form (raw strings with
//! brackets and quotes in them) and comments never mislead it.

use std::path::Path;

use super::error::Problem;
use super::parse::parse_raw;
use super::raw::RawChart;
use super::ron_text::{Kind, skip_blank, tokens_from};
use crate::i18n::{Lang, Message};
use crate::msg;

/// Why charts could not be saved into a file.
#[derive(Debug)]
pub enum SaveError {
    /// The file could not be read.
    Read(std::io::Error),
    /// The file on disk no longer parses (it was edited since it was opened).
    Unreadable(Problem),
    /// The file could not be written.
    Write(crate::export::WriteError),
}

impl SaveError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Read(error) => {
                let reason = crate::i18n::io_reason(error, lang);
                msg!("无法读取数据文件：{reason}", "cannot read the data file: {reason}").get(lang).to_owned()
            }
            Self::Unreadable(problem) => {
                let detail = crate::data::error::format_problem("", problem, lang);
                msg!(
                    "数据文件已被修改且现在无法读取{detail}；请先修正它，再保存图表",
                    "the data file was changed and no longer reads{detail}; fix it, then save the chart"
                )
                .get(lang)
                .to_owned()
            }
            Self::Write(error) => error.message(lang),
        }
    }
}

/// Where the dataset's fields are: the byte after its opening bracket, the
/// closing bracket, and each top-level field's name with its value's span.
struct Layout<'a> {
    close: usize,
    fields: Vec<(&'a str, usize, usize)>,
}

fn layout(text: &str) -> Option<Layout<'_>> {
    let mut tokens = tokens_from(text, 0);
    // An optional struct name before the bracket.
    tokens.eat(Kind::Word);
    if !tokens.eat(Kind::Open(b'(')) {
        return None;
    }
    let mut fields = Vec::new();
    loop {
        let name = tokens.next()?;
        match name.kind {
            Kind::Close(b')') => return Some(Layout { close: name.start, fields }),
            Kind::Word if tokens.eat(Kind::Colon) => {}
            _ => return None,
        }
        let start = tokens.position();
        let end = tokens.skip_value();
        fields.push((text.get(name.start..name.end)?, start, end));
        tokens.eat(Kind::Comma);
    }
}

/// The charts as a RON list, one chart a line, indented under `indent`.
fn section(charts: &[RawChart], indent: &str) -> Result<String, ron::Error> {
    let options = ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut out = String::from("[\n");
    for chart in charts {
        out.push_str(indent);
        out.push_str(indent);
        out.push_str(&options.to_string(chart)?);
        out.push_str(",\n");
    }
    out.push_str(indent);
    out.push(']');
    Ok(out)
}

/// `text` with its `charts` section holding `charts`, every other byte kept.
/// `None` if the text is not a dataset this can find its way around.
pub fn with_charts(text: &str, charts: &[RawChart]) -> Option<String> {
    let layout = layout(text)?;
    // The indentation of the first field's line (four spaces in EconLens's own files).
    let indent = layout
        .fields
        .first()
        .map(|&(name, _, _)| {
            let name_at = name.as_ptr() as usize - text.as_ptr() as usize;
            let line_start = text[..name_at].rfind('\n').map_or(0, |at| at + 1);
            text[line_start..name_at].chars().take_while(|c| *c == ' ' || *c == '\t').collect::<String>()
        })
        .filter(|indent| !indent.is_empty())
        .unwrap_or_else(|| "    ".to_owned());
    let list = section(charts, &indent).ok()?;
    if let Some(&(_, start, end)) = layout.fields.iter().find(|(name, _, _)| *name == "charts") {
        return Some(format!("{}{list}{}", &text[..start], &text[end..]));
    }
    // No section yet: add one after the last field, before the closing bracket.
    let last_end = layout.fields.last().map_or(layout.close, |&(_, _, end)| end);
    let after_last = skip_blank(text, last_end);
    let (insert_at, comma) =
        if text[after_last..].starts_with(',') { (after_last + 1, "") } else { (last_end, ",") };
    let addition = format!(
        "{comma}\n\n{indent}// Charts made in EconLens's chart builder (自定义图表) and saved with the data.\n{indent}charts: {list},"
    );
    Some(format!("{}{addition}{}", &text[..insert_at], &text[insert_at..]))
}

/// Changes the `charts` section of the file at `path` with `update`: the
/// file is read again now (it may have changed since it was opened), the
/// result is checked to load, and written atomically. Gives the text written.
pub fn update_charts(path: &Path, update: impl FnOnce(&mut Vec<RawChart>)) -> Result<String, SaveError> {
    let bytes = match crate::platform::given_file(path) {
        Some(given) => given.to_vec(),
        None => std::fs::read(path).map_err(SaveError::Read)?,
    };
    let text = super::load::decode_utf8(&bytes).map_err(SaveError::Unreadable)?;
    let mut charts = parse_raw(text).map_err(SaveError::Unreadable)?.charts;
    update(&mut charts);
    let written = checked_with_charts(text, &charts)?;
    crate::export::write_atomic(path, written.as_bytes()).map_err(SaveError::Write)?;
    Ok(written)
}

/// [`with_charts`], then read back: never a text that does not load with exactly these charts.
pub fn checked_with_charts(text: &str, charts: &[RawChart]) -> Result<String, SaveError> {
    let written = with_charts(text, charts).ok_or_else(|| {
        SaveError::Unreadable(Problem::new(
            "",
            Message::new("找不到数据集的括号", "the dataset's brackets were not found"),
        ))
    })?;
    let again = parse_raw(&written).map_err(SaveError::Unreadable)?;
    if again.charts != charts {
        return Err(SaveError::Unreadable(Problem::new(
            "charts",
            Message::new("保存后的图表与要保存的不一致", "the charts read back differ from those saved"),
        )));
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::raw::{PeriodKind, RawText, Shape, Transform};

    fn chart(id: &str) -> RawChart {
        RawChart {
            id: id.to_owned(),
            title: RawText {
                zh: "市中区与历下区 地区生产总值（指数）".to_owned(),
                en: Some("Shizhong and Lixia · GDP (index)".to_owned()),
            },
            view: "custom".to_owned(),
            indicator: "gdp".to_owned(),
            regions: vec!["shizhong".to_owned(), "lixia".to_owned()],
            periods: PeriodKind::Year,
            from: Some("2021".to_owned()),
            to: None,
            shape: Shape::Lines,
            transform: Transform::Index { base: "2021".to_owned() },
        }
    }

    /// A raw string holding brackets, quotes and a fake `charts:` field, and
    /// a nested comment with a quote: the section is still found and the
    /// string and comment kept byte for byte.
    #[test]
    fn raw_strings_and_nested_comments_do_not_mislead_the_section_finder() {
        let tricky = r####"title: (zh: r#"济南 ) ], charts: ["x"] "引号""#, en: "Shizhong"), /* a /* nested " */ comment */"####;
        let original = crate::data::EMBEDDED_DATASET.replacen(
            r#"title: (zh: "济南市市中区经济数据", en: "Shizhong District, Jinan: economic data"),"#,
            tricky,
            1,
        );
        assert!(original.contains(tricky), "the fixture was planted");
        let with_one = with_charts(&original, &[chart("gdp-index")]).expect("a dataset");
        assert!(with_one.contains(tricky), "the raw string and comment are kept");
        let raw = parse_raw(&with_one).expect("still a valid file");
        assert_eq!(raw.charts, [chart("gdp-index")]);
        assert_eq!(raw.title.zh, r#"济南 ) ], charts: ["x"] "引号""#);
        let again = with_charts(&with_one, &[chart("second")]).expect("a dataset");
        assert_eq!(parse_raw(&again).expect("valid").charts, [chart("second")], "the section is replaced");
    }

    #[test]
    fn adding_a_section_keeps_every_other_byte_of_the_commented_default_file() {
        let original = crate::data::EMBEDDED_DATASET;
        let with_one = with_charts(original, &[chart("gdp-index")]).expect("a dataset");
        let close = original.rfind(')').expect("closing bracket");
        // Everything before the addition and everything after it is unchanged.
        let added = with_one.len() - original.len();
        let insert_at = (0..=close)
            .rev()
            .find(|&at| with_one[..at] == original[..at] && with_one[at + added..] == original[at..])
            .expect("one insertion");
        assert!(with_one[insert_at..insert_at + added].contains("charts: ["));
        let raw = parse_raw(&with_one).expect("still a valid file");
        assert_eq!(raw.charts, [chart("gdp-index")]);
        let dataset =
            crate::data::load_text(Path::new("with-chart.ron"), &with_one).expect("and it validates");
        assert_eq!(dataset.charts.len(), 1);

        // Saving again replaces only the section.
        let with_two = with_charts(&with_one, &[chart("gdp-index"), chart("second")]).expect("a dataset");
        let section_start = with_one.find("charts: [").expect("section");
        assert_eq!(with_two[..section_start], with_one[..section_start]);
        let tail = &with_one[with_one[section_start..].find("\n    ],").expect("end") + section_start..];
        assert!(with_two.ends_with(tail), "the rest of the file after the section is unchanged");
        assert_eq!(parse_raw(&with_two).expect("valid").charts.len(), 2);
    }

    #[test]
    fn a_compact_file_gets_a_section_too() {
        let text =
            "(version: 1, title: (zh: \"t\"), focus_region: \"a\", regions: [], sources: [], indicators: [])";
        let written = with_charts(text, &[chart("c")]).expect("a dataset");
        assert!(written.starts_with(
            "(version: 1, title: (zh: \"t\"), focus_region: \"a\", regions: [], sources: [], indicators: [],"
        ));
        assert_eq!(parse_raw(&written).expect("parses").charts.len(), 1);
    }
}
