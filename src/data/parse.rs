//! RON text → [`RawDataset`], with the position and field path of the first
//! syntax or type error.
//!
//! `ron` keeps its default recursion limit, so a hostile file nested 100,000
//! brackets deep fails with a message instead of overflowing the stack.

use serde::Deserialize as _;

use super::error::{Position, Problem};
use super::raw::{FORMAT_VERSION, RawDataset, VersionProbe};

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
            "the file is empty; expected a dataset such as `(version: 1, title: (zh: \"…\"), …)`",
        ));
    }
    let options = ron_options();
    // Fast path: a plain parse. Only a failed file is parsed again with field
    // path tracking, which costs a third more and matters only for the message.
    if let Ok(raw) = options.from_str::<RawDataset>(text) {
        if raw.version != FORMAT_VERSION {
            return Err(version_mismatch(raw.version));
        }
        return Ok(raw);
    }
    let mut deserializer = ron::Deserializer::from_str_with_options(text, &options)
        .map_err(|error| spanned_problem(String::new(), &error))?;
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
            let mut problem = spanned_problem(clean_path(&field), &spanned);
            if ends_unclosed(text) && spanned.code != ron::Error::Eof {
                problem.message.push_str("; the file also ends before its closing `)` (is it truncated?)");
            }
            return Err(problem);
        }
    };
    if let Err(error) = deserializer.end() {
        return Err(spanned_problem(String::new(), &deserializer.span_error(error)));
    }
    if raw.version != FORMAT_VERSION {
        return Err(version_mismatch(raw.version));
    }
    Ok(raw)
}

/// When a file fails to parse, checks whether it is simply a newer format,
/// which explains the failure better than the first unknown field does.
fn other_version(text: &str) -> Option<Problem> {
    let probe: VersionProbe = ron_options().from_str(text).ok()?;
    (probe.version != FORMAT_VERSION).then(|| version_mismatch(probe.version))
}

fn version_mismatch(found: u32) -> Problem {
    Problem::new(
        "version",
        format!(
            "format version {found} is not supported; this EconLens reads version {FORMAT_VERSION} \
             (a newer EconLens may read it)"
        ),
    )
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

fn spanned_problem(field: String, error: &ron::error::SpannedError) -> Problem {
    let start = error.span.start;
    Problem::at(Position { line: start.line, col: start.col }, field, describe(&error.code))
}

/// Rewords `ron`'s messages that speak to Rust programmers, not to people
/// editing a data file.
fn describe(code: &ron::Error) -> String {
    use ron::Error;
    match code {
        Error::Eof => "the file ends too early (is it truncated?); expected more data".to_owned(),
        Error::ExceededRecursionLimit => {
            "nested too deeply (more than 128 levels); a data file never needs this".to_owned()
        }
        Error::Utf8Error(_) => "the file is not UTF-8 text; save it as UTF-8".to_owned(),
        Error::TrailingCharacters => {
            "unexpected text after the end of the dataset; expected nothing after its closing `)`".to_owned()
        }
        other => lowercase_first(&humanise_type_names(&other.to_string())),
    }
}

fn lowercase_first(message: &str) -> String {
    let mut chars = message.chars();
    chars.next().map_or_else(String::new, |first| first.to_lowercase().chain(chars).collect())
}

/// Replaces the Rust type names in serde's messages with the record names of the format.
fn humanise_type_names(message: &str) -> String {
    const NAMES: [(&str, &str); 15] = [
        (
            "data did not match any variant of untagged enum RawNote",
            "expected a note: text in quotes, or `(zh: \"…\", en: \"…\")`",
        ),
        ("struct `RawDataset`", "the dataset"),
        ("`RawDataset`", "the dataset"),
        ("struct `RawText`", "a name `(zh: \"…\", en: \"…\")`"),
        ("`RawRegion`", "a region"),
        ("`RawSource`", "a source"),
        ("`RawIndicator`", "an indicator"),
        ("`RawObservation`", "an observation"),
        ("`RawSeries`", "a series"),
        ("`RawList`", "a list"),
        ("`RawListItem`", "a list item"),
        ("`RawRelation`", "a relation"),
        ("`SourceKind`", "a source kind"),
        ("`Status`", "a status"),
        ("`GrowthBasis`", "a growth basis"),
    ];
    NAMES.iter().fold(message.to_owned(), |text, (rust, person)| text.replace(rust, person))
}
