//! Finds where a field path (`indicators[3].observations[2].value`) sits in
//! RON text, so problems found after parsing point at a line:col too.
//!
//! It runs only on text that `ron` has already parsed (so brackets balance
//! and nesting is shallow) and only for the problems being reported. It walks
//! the text's tokens ([`super::ron_text`]) without recursion: a struct's
//! fields, a list's items, a map's keys.

use super::error::Position;
use super::ron_text::{Kind, Token, Tokens, skip_blank, tokens_from};

/// One step of a field path.
#[derive(Debug, PartialEq)]
enum Step<'a> {
    Field(&'a str),
    Index(usize),
    Key(String),
}

/// Splits `a[2].b["2023"].c` into steps; `None` if it does not look like a path.
fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        rest = rest.strip_prefix('.').unwrap_or(rest);
        if let Some(after) = rest.strip_prefix("[\"") {
            let end = after.find("\"]")?;
            out.push(Step::Key(after[..end].replace("\\\"", "\"")));
            rest = &after[end + 2..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']')?;
            out.push(Step::Index(after[..end].parse().ok()?));
            rest = &after[end + 1..];
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            out.push(Step::Field(&rest[..end]));
            rest = &rest[end..];
        }
    }
    Some(out)
}

/// A walk through the text, one token at a time.
struct Cursor<'a> {
    text: &'a str,
    tokens: Tokens<'a>,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str, at: usize) -> Self {
        Self { text, tokens: tokens_from(text, at) }
    }

    /// Enters a struct, enum variant or list: skips a leading name, eats the bracket.
    fn open(&mut self, bracket: u8) -> bool {
        if bracket == b'(' && self.tokens.peek().is_some_and(|token| token.kind == Kind::Word) {
            self.tokens.next();
        }
        self.tokens.eat(Kind::Open(bracket))
    }

    fn field(&mut self, name: &str) -> bool {
        if !self.open(b'(') {
            return false;
        }
        loop {
            let Some(token) = self.tokens.next() else { return false };
            if token.kind != Kind::Word || !self.tokens.eat(Kind::Colon) {
                return false;
            }
            if self.text.get(token.start..token.end) == Some(name) {
                return true;
            }
            self.tokens.skip_value();
            self.tokens.eat(Kind::Comma);
        }
    }

    fn index(&mut self, wanted: usize) -> bool {
        if !self.open(b'[') {
            return false;
        }
        for _ in 0..wanted {
            self.tokens.skip_value();
            if !self.tokens.eat(Kind::Comma) {
                return false;
            }
        }
        !matches!(self.tokens.peek().map(|token| token.kind), Some(Kind::Close(_)) | None)
    }

    fn key(&mut self, wanted: &str) -> bool {
        if !self.tokens.eat(Kind::Open(b'{')) {
            return false;
        }
        loop {
            let Some(key) = self.tokens.peek() else { return false };
            if key.string_content(self.text) == Some(wanted) {
                return true;
            }
            if key.kind != Kind::Str {
                return false;
            }
            self.tokens.next();
            if !self.tokens.eat(Kind::Colon) {
                return false;
            }
            self.tokens.skip_value();
            self.tokens.eat(Kind::Comma);
        }
    }
}

/// The position of `path` in `text`, or of the deepest part of it found.
pub fn locate(text: &str, path: &str) -> Option<Position> {
    locate_offset(text, path).map(|at| position_of(text, at))
}

/// The byte offset of `path` in `text`, or of the deepest part of it found.
pub fn locate_offset(text: &str, path: &str) -> Option<usize> {
    let steps = steps(path)?;
    let mut cursor = Cursor::new(text, 0);
    let mut found_at = None;
    for step in &steps {
        let ok = match step {
            Step::Field(name) => cursor.field(name),
            Step::Index(at) => cursor.index(*at),
            Step::Key(key) => cursor.key(key),
        };
        if !ok {
            break;
        }
        found_at = Some(cursor.tokens.position());
    }
    found_at
}

/// The byte offsets of the items of the list at `path`, in one pass: for
/// placing many values of a large file without walking it once per value.
pub fn list_items(text: &str, path: &str) -> Vec<usize> {
    let Some(start) = locate_offset(text, path) else { return Vec::new() };
    let mut cursor = Cursor::new(text, start);
    let mut items = Vec::new();
    if !cursor.open(b'[') {
        return items;
    }
    loop {
        match cursor.tokens.peek() {
            None | Some(Token { kind: Kind::Close(_), .. }) => return items,
            Some(item) => items.push(item.start),
        }
        cursor.tokens.skip_value();
        if !cursor.tokens.eat(Kind::Comma) {
            return items;
        }
    }
}

/// Where each line of a text starts, to turn many byte offsets into line:col.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1)).collect();
        Self { text, starts }
    }

    pub fn position(&self, byte_at: usize) -> Position {
        let line = self.starts.partition_point(|&start| start <= byte_at).max(1);
        let start = self.starts[line - 1];
        let col = 1 + self.text.get(start..byte_at).map_or(0, |before| before.chars().count());
        Position { line, col }
    }
}

/// Where the data begins: its first character after comments and blanks,
/// for a problem that concerns the whole file.
pub fn start_of_data(text: &str) -> Position {
    position_of(text, skip_blank(text, 0))
}

pub fn position_of(text: &str, byte_at: usize) -> Position {
    let before = &text[..byte_at];
    let line = 1 + before.matches('\n').count();
    let col = 1 + before.rsplit('\n').next().map_or(0, |last| last.chars().count());
    Position { line, col }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "// comment (with brackets\n(\n    version: 1,\n    items: [\n        (id: \"a\", note: \"x, y) z\", values: {\"2022\": 1, \"2023\": 2}),\n        (id: \"b\", relation: Share(part: \"gdp\")),\n    ],\n)";

    #[test]
    fn finds_fields_items_keys_and_variant_fields() {
        assert_eq!(locate(TEXT, "version"), Some(Position { line: 3, col: 14 }));
        assert_eq!(locate(TEXT, "items[1].id"), Some(Position { line: 6, col: 14 }));
        assert_eq!(locate(TEXT, "items[0].values[\"2023\"]"), Some(Position { line: 5, col: 56 }));
        assert_eq!(locate(TEXT, "items[1].relation.part"), Some(Position { line: 6, col: 41 }));
    }

    #[test]
    fn list_items_and_lines_place_every_item_in_one_pass() {
        let lines = Lines::new(TEXT);
        let items: Vec<Position> =
            list_items(TEXT, "items").into_iter().map(|at| lines.position(at)).collect();
        assert_eq!(items, vec![locate(TEXT, "items[0]").expect("0"), locate(TEXT, "items[1]").expect("1")]);
        assert_eq!(lines.position(0), Position { line: 1, col: 1 });
    }

    #[test]
    fn raw_strings_comments_and_escapes_before_the_field_do_not_mislead_it() {
        let text = "(\n    note: r#\"a \"quoted\" ) ], value: 9\"#, /* (x /* y */ \" */\n    esc: \"\\\" ) \",\n    value: 7,\n)";
        assert_eq!(locate(text, "value"), Some(Position { line: 4, col: 12 }));
        assert_eq!(locate(text, "esc"), Some(Position { line: 3, col: 10 }));
    }

    #[test]
    fn a_missing_part_points_at_the_deepest_part_found() {
        assert_eq!(locate(TEXT, "items[1].note"), locate(TEXT, "items[1]"));
        assert_eq!(locate(TEXT, "items[5]"), locate(TEXT, "items"));
    }
}
