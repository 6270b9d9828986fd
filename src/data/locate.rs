//! Finds where a field path (`indicators[3].observations[2].value`) sits in
//! RON text, so problems found after parsing point at a line:col too.
//!
//! It runs only on text that `ron` has already parsed (so brackets balance
//! and nesting is shallow) and only for the problems being reported. It walks
//! the text without recursion: a struct's fields, a list's items, a map's keys.

use super::error::Position;

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

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, wanted: char) -> bool {
        self.skip_blank();
        let found = self.peek() == Some(wanted);
        if found {
            self.at += wanted.len_utf8();
        }
        found
    }

    /// Skips whitespace and `//` or `/* */` comments.
    fn skip_blank(&mut self) {
        loop {
            let rest = &self.text[self.at..];
            let trimmed = rest.trim_start();
            self.at += rest.len() - trimmed.len();
            if trimmed.starts_with("//") {
                self.at += trimmed.find('\n').unwrap_or(trimmed.len());
            } else if let Some(after) = trimmed.strip_prefix("/*") {
                self.at += 2 + after.find("*/").map_or(after.len(), |end| end + 2);
            } else {
                return;
            }
        }
    }

    fn ident(&mut self) -> &str {
        self.skip_blank();
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.bump();
        }
        &self.text[start..self.at]
    }

    /// Reads a string literal's content (escapes kept as written).
    fn string(&mut self) -> Option<String> {
        if !self.eat('"') {
            return None;
        }
        let start = self.at;
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                }
                '"' => return Some(self.text[start..self.at - 1].to_owned()),
                _ => {}
            }
        }
        None
    }

    /// Skips one value of any kind, counting brackets, respecting strings.
    fn skip_value(&mut self) {
        self.skip_blank();
        let mut depth = 0usize;
        loop {
            match self.peek() {
                None => return,
                Some('"') => {
                    self.string();
                }
                Some('(' | '[' | '{') => {
                    depth += 1;
                    self.bump();
                }
                Some(')' | ']' | '}') => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                    self.bump();
                }
                Some(',') if depth == 0 => return,
                Some(_) => {
                    self.bump();
                }
            }
            if depth == 0 && matches!(self.text[..self.at].chars().next_back(), Some(')' | ']' | '}' | '"')) {
                return;
            }
        }
    }

    /// Enters a struct, enum variant or list: skips a leading name, eats the bracket.
    fn open(&mut self, bracket: char) -> bool {
        self.skip_blank();
        if bracket == '(' && self.peek().is_some_and(char::is_alphabetic) {
            self.ident();
        }
        self.eat(bracket)
    }

    fn field(&mut self, name: &str) -> bool {
        if !self.open('(') {
            return false;
        }
        loop {
            if self.eat(')') {
                return false;
            }
            let found = self.ident() == name;
            if !self.eat(':') {
                return false;
            }
            if found {
                self.skip_blank();
                return true;
            }
            self.skip_value();
            self.eat(',');
        }
    }

    fn index(&mut self, wanted: usize) -> bool {
        if !self.open('[') {
            return false;
        }
        for _ in 0..wanted {
            self.skip_value();
            if !self.eat(',') {
                return false;
            }
        }
        self.skip_blank();
        !matches!(self.peek(), Some(']') | None)
    }

    fn key(&mut self, wanted: &str) -> bool {
        if !self.eat('{') {
            return false;
        }
        loop {
            self.skip_blank();
            let key_at = self.at;
            let Some(key) = self.string() else { return false };
            if key == wanted {
                self.at = key_at;
                return true;
            }
            if !self.eat(':') {
                return false;
            }
            self.skip_value();
            self.eat(',');
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
    let mut cursor = Cursor { text, at: 0 };
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
        cursor.skip_blank();
        found_at = Some(cursor.at);
    }
    found_at
}

/// The byte offsets of the items of the list at `path`, in one pass: for
/// placing many values of a large file without walking it once per value.
pub fn list_items(text: &str, path: &str) -> Vec<usize> {
    let Some(start) = locate_offset(text, path) else { return Vec::new() };
    let mut cursor = Cursor { text, at: start };
    let mut items = Vec::new();
    if !cursor.open('[') {
        return items;
    }
    loop {
        cursor.skip_blank();
        if matches!(cursor.peek(), Some(']') | None) {
            return items;
        }
        items.push(cursor.at);
        cursor.skip_value();
        if !cursor.eat(',') {
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
    let mut cursor = Cursor { text, at: 0 };
    cursor.skip_blank();
    position_of(text, cursor.at)
}

fn position_of(text: &str, byte_at: usize) -> Position {
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
    fn a_missing_part_points_at_the_deepest_part_found() {
        assert_eq!(locate(TEXT, "items[1].note"), locate(TEXT, "items[1]"));
        assert_eq!(locate(TEXT, "items[5]"), locate(TEXT, "items"));
    }
}
