//! The one reader of RON's surface, for the places that find their way
//! around a data file's text without parsing it into values: locating a
//! field path for a line:col ([`super::locate`]), rewriting the `charts`
//! section byte for byte ([`super::charts_section`]) and spotting
//! full-width punctuation an input method typed ([`super::hints`]).
//!
//! It splits text into tokens — brackets, commas, colons, strings (with
//! escapes, raw strings `r#"…"#` and byte strings), character literals and
//! words (names, numbers) — skipping blanks and comments (`//` to the end of
//! the line, `/* … */` nested as RON nests them). Anything else, such as a
//! full-width comma outside a string, is a one-character [`Kind::Other`].
//! It never fails: an unterminated string or comment runs to the end.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `(`, `[` or `{`.
    Open(u8),
    /// `)`, `]` or `}`.
    Close(u8),
    Comma,
    Colon,
    /// A string literal of any form, quotes included.
    Str,
    /// A character literal `'a'`.
    Char,
    /// A name or a number: `focus_region`, `Official`, `-1.5e3`, `r#type`.
    Word,
    /// One character RON does not read here (a full-width `，` or `：`).
    Other,
}

/// A token and where it is: `text[start..end]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// A string literal's content between its quotes, escapes as written.
    pub fn string_content<'a>(&self, text: &'a str) -> Option<&'a str> {
        if self.kind != Kind::Str {
            return None;
        }
        let literal = text.get(self.start..self.end)?;
        let body = literal.trim_start_matches(['b', 'r']).trim_start_matches('#').trim_end_matches('#');
        body.strip_prefix('"').map(|body| body.strip_suffix('"').unwrap_or(body))
    }
}

/// Tokens of `text` from byte `at` on.
pub struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

/// The tokens of `text` from byte `at` on (a byte-order mark at the very start is a blank).
pub fn tokens_from(text: &str, at: usize) -> Tokens<'_> {
    Tokens { text, at }
}

/// The byte offset of the first token at or after `at`: past blanks and
/// comments (the end of the text if there is none).
pub fn skip_blank(text: &str, mut at: usize) -> usize {
    loop {
        let rest = text.get(at..).unwrap_or_default();
        if at == 0 && rest.starts_with('\u{feff}') {
            at += '\u{feff}'.len_utf8();
            continue;
        }
        let trimmed = rest.trim_start_matches([' ', '\t', '\n', '\r']);
        at += rest.len() - trimmed.len();
        if trimmed.starts_with("//") {
            at += trimmed.find('\n').unwrap_or(trimmed.len());
        } else if trimmed.starts_with("/*") {
            at += block_comment_len(trimmed);
        } else {
            return at;
        }
    }
}

/// The length of the (possibly nested) block comment `text` starts with.
fn block_comment_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut at, mut depth) = (0usize, 0usize);
    while at < bytes.len() {
        match (bytes.get(at), bytes.get(at + 1)) {
            (Some(b'/'), Some(b'*')) => {
                depth += 1;
                at += 2;
            }
            (Some(b'*'), Some(b'/')) => {
                depth = depth.saturating_sub(1);
                at += 2;
                if depth == 0 {
                    return at;
                }
            }
            _ => at += 1,
        }
    }
    bytes.len()
}

/// The length of the string literal `text` starts with (`"…"`, `r#"…"#`,
/// `b"…"`, `br"…"`), or `None` if it does not start with one.
fn string_len(text: &str) -> Option<usize> {
    let after_b = text.strip_prefix('b').unwrap_or(text);
    let prefix = text.len() - after_b.len();
    if let Some(raw) = after_b.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw.get(hashes..)?.strip_prefix('"')?;
        let closing = format!("\"{}", "#".repeat(hashes));
        let end = body.find(&closing).map_or(body.len(), |end| end + closing.len());
        return Some(prefix + 1 + hashes + 1 + end);
    }
    let body = after_b.strip_prefix('"')?;
    let bytes = body.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes.get(at) {
            Some(b'\\') => at += 2,
            Some(b'"') => return Some(prefix + 1 + at + 1),
            _ => at += 1,
        }
    }
    Some(text.len())
}

/// The length of the character literal `text` starts with (`'a'`, `'\''`).
fn char_len(text: &str) -> usize {
    let body = text.get(1..).unwrap_or_default();
    let inner = if body.starts_with("\\'") {
        2
    } else if body.starts_with('\\') {
        body.get(1..).and_then(|rest| rest.find('\'')).map_or(body.len(), |at| at + 1)
    } else {
        body.chars().next().map_or(0, char::len_utf8)
    };
    let close = usize::from(body.get(inner..).is_some_and(|rest| rest.starts_with('\'')));
    1 + inner + close
}

/// Whether `c` may be part of a word (a name, a number, `r#` of a raw name).
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '+' | '-' | '#')
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let start = skip_blank(self.text, self.at);
        let rest = self.text.get(start..)?;
        let first = rest.chars().next()?;
        let (kind, len) = match first {
            '(' | '[' | '{' => (Kind::Open(first as u8), 1),
            ')' | ']' | '}' => (Kind::Close(first as u8), 1),
            ',' => (Kind::Comma, 1),
            ':' => (Kind::Colon, 1),
            '\'' => (Kind::Char, char_len(rest)),
            '"' | 'r' | 'b' if string_len(rest).is_some() => (Kind::Str, string_len(rest).unwrap_or(1)),
            c if is_word_char(c) => (Kind::Word, rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len())),
            other => (Kind::Other, other.len_utf8()),
        };
        let end = (start + len).min(self.text.len());
        self.at = end;
        Some(Token { kind, start, end })
    }
}

impl Tokens<'_> {
    /// Where the next token starts (the end of the text when there is none).
    pub fn position(&self) -> usize {
        skip_blank(self.text, self.at)
    }

    /// The next token without taking it.
    pub fn peek(&self) -> Option<Token> {
        Tokens { text: self.text, at: self.at }.next()
    }

    /// Takes the next token if it is of `kind`.
    pub fn eat(&mut self, kind: Kind) -> bool {
        let found = self.peek().is_some_and(|token| token.kind == kind);
        if found {
            self.next();
        }
        found
    }

    /// Skips one value of any kind (a string, a number, a name, a bracketed
    /// group, a name followed by one: `Share(part: "gdp")`); where it ends.
    pub fn skip_value(&mut self) -> usize {
        let Some(first) = self.peek() else { return self.at };
        match first.kind {
            Kind::Comma | Kind::Close(_) | Kind::Colon => return first.start,
            Kind::Word => {
                self.next();
                if !matches!(self.peek().map(|token| token.kind), Some(Kind::Open(_))) {
                    return first.end;
                }
            }
            Kind::Open(_) => {}
            Kind::Str | Kind::Char | Kind::Other => {
                self.next();
                return first.end;
            }
        }
        let mut depth = 0usize;
        for token in self.by_ref() {
            match token.kind {
                Kind::Open(_) => depth += 1,
                Kind::Close(_) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return token.end;
                    }
                }
                _ => {}
            }
        }
        self.text.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        tokens_from(text, 0).map(|token| (token.kind, &text[token.start..token.end])).collect()
    }

    #[test]
    fn strings_of_every_form_are_one_token_whatever_they_hold() {
        let text = r####"(a: "x, y) \" z", b: r#"say "hi", ) ]"#, c: r"plain", d: br##"x"#y"##, e: 'q', f: '\'')"####;
        let strings: Vec<&str> =
            kinds(text).into_iter().filter(|(kind, _)| *kind == Kind::Str).map(|(_, text)| text).collect();
        assert_eq!(
            strings,
            [r#""x, y) \" z""#, r##"r#"say "hi", ) ]"#"##, r#"r"plain""#, r###"br##"x"#y"##"###]
        );
        let closes = kinds(text).into_iter().filter(|(kind, _)| matches!(kind, Kind::Close(_))).count();
        assert_eq!(closes, 1, "brackets inside strings and characters are text");
        let chars: Vec<&str> =
            kinds(text).into_iter().filter(|(kind, _)| *kind == Kind::Char).map(|(_, text)| text).collect();
        assert_eq!(chars, ["'q'", r"'\''"]);
    }

    #[test]
    fn comments_are_skipped_even_nested_and_holding_quotes() {
        let text = "// a \"quote\n/* outer /* inner ) */ still \" comment */ (x: 1) // end";
        assert_eq!(
            kinds(text),
            [
                (Kind::Open(b'('), "("),
                (Kind::Word, "x"),
                (Kind::Colon, ":"),
                (Kind::Word, "1"),
                (Kind::Close(b')'), ")")
            ]
        );
    }

    #[test]
    fn raw_names_numbers_and_full_width_punctuation() {
        assert_eq!(
            kinds("r#type: -1.5e3，"),
            [(Kind::Word, "r#type"), (Kind::Colon, ":"), (Kind::Word, "-1.5e3"), (Kind::Other, "，")]
        );
    }

    #[test]
    fn string_content_is_between_the_quotes() {
        let text = r###"r##"a "b" c"## "d\"e""###;
        let contents: Vec<&str> =
            tokens_from(text, 0).filter_map(|token| token.string_content(text)).collect();
        assert_eq!(contents, [r#"a "b" c"#, r#"d\"e"#]);
    }

    #[test]
    fn a_value_is_skipped_with_its_nested_brackets() {
        let text = r#"Share(part: "g)", of: [1, (2)]), next"#;
        let mut tokens = tokens_from(text, 0);
        let end = tokens.skip_value();
        assert_eq!(&text[..end], r#"Share(part: "g)", of: [1, (2)])"#);
        assert!(tokens.eat(Kind::Comma));
        assert_eq!(tokens.next().map(|token| &text[token.start..token.end]), Some("next"));
    }

    #[test]
    fn unterminated_strings_and_comments_run_to_the_end_without_a_panic() {
        for text in ["\"open", "r#\"open", "/* open", "'", "b", "r#", "\u{feff}"] {
            let _ = kinds(text);
            let mut tokens = tokens_from(text, 0);
            let _ = tokens.skip_value();
        }
        assert_eq!(kinds("\"open"), [(Kind::Str, "\"open")]);
    }
}
