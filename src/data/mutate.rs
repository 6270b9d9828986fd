//! Random damage to a data file, for the loader's property test and the
//! long fuzzing run (`cargo run --release --example fuzz_loader`): bytes
//! deleted, inserted or replaced; lines dropped, repeated or swapped;
//! brackets nested deep; numbers made huge or not numbers at all; invalid
//! UTF-8; the file cut short. Whatever comes out, loading it must not panic
//! and every problem must have a line:col.

use std::path::Path;

use super::error::LoadError;
use super::load::{decode_utf8, load_text};

/// A small deterministic generator (SplitMix64), so a failing case can be
/// replayed from its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (0 when `bound` is 0).
    pub fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            return 0;
        }
        #[expect(clippy::cast_possible_truncation, reason = "reduced modulo a usize bound")]
        let at = (self.next_u64() % bound as u64) as usize;
        at
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Pieces inserted into a file: RON punctuation, keywords, full-width
/// punctuation, odd numbers, invalid UTF-8.
const PIECES: [&[u8]; 28] = [
    b"(",
    b")",
    b"[",
    b"]",
    b"{",
    b"}",
    b":",
    b",",
    b"\"",
    b"\\",
    b"//",
    b"/*",
    b"*/",
    b"Some(",
    b"None",
    b"value: ",
    "，".as_bytes(),
    "：".as_bytes(),
    "“".as_bytes(),
    b"1e999",
    b"-1e309",
    b"99999999999999999999999999",
    b"NaN",
    b"inf",
    b"\xC3\x28",
    b"\xFF\xFE",
    b"\x00",
    "年".as_bytes(),
];

/// One random change to `bytes`.
pub fn mutate(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let len = out.len();
    let at = rng.below(len + 1);
    match rng.below(10) {
        0 => {
            let end = (at + 1 + rng.below(20)).min(len);
            out.drain(at.min(end)..end);
        }
        1 => {
            let piece = rng.pick(&PIECES);
            out.splice(at..at, piece.iter().copied());
        }
        2 => {
            let end = (at + 1 + rng.below(8)).min(len);
            let piece = rng.pick(&PIECES);
            out.splice(at.min(end)..end, piece.iter().copied());
        }
        3 => out.truncate(at),
        4 => {
            let depth = 1 + rng.below(300);
            let bracket = *rng.pick(b"([{");
            out.splice(at..at, std::iter::repeat_n(bracket, depth));
        }
        5 => return edit_lines(bytes, rng),
        6 => {
            let random: Vec<u8> = (0..1 + rng.below(16)).map(|_| rng.next_u64().to_le_bytes()[0]).collect();
            out.splice(at..at, random);
        }
        7 => {
            // A number made huge, negative or not a number.
            if let Some(start) = (at..len).find(|&i| out[i].is_ascii_digit()) {
                let end = (start..len).find(|&i| !out[i].is_ascii_digit() && out[i] != b'.').unwrap_or(len);
                let piece = rng.pick(&PIECES[19..24]);
                out.splice(start..end, piece.iter().copied());
            }
        }
        8 => {
            // A quoted word doubled or emptied.
            if let Some(start) = (at..len).find(|&i| out[i] == b'"') {
                let end = (start + 1..len).find(|&i| out[i] == b'"').unwrap_or(len);
                if rng.below(2) == 0 {
                    out.drain(start + 1..end);
                } else {
                    let word = out[start..end].to_vec();
                    out.splice(start..start, word);
                }
            }
        }
        _ if len > 1 => {
            let (a, b) = (rng.below(len), rng.below(len));
            out.swap(a, b);
        }
        _ => out.push(b')'),
    }
    out
}

/// Drops, repeats or swaps whole lines.
fn edit_lines(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    let a = rng.below(lines.len());
    let b = rng.below(lines.len());
    match rng.below(3) {
        0 => {
            lines.remove(a);
        }
        1 => lines.insert(a, lines[b]),
        _ => lines.swap(a, b),
    }
    lines.join(&b'\n')
}

/// What loading damaged bytes gave, as the property test judges it.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Loaded (the damage was harmless) or refused with every problem placed.
    Fine,
    /// Refused, but this problem has no line:col.
    Unplaced(String),
}

/// Loads `bytes` as a file named `name` and judges the result.
pub fn check(name: &str, bytes: &[u8]) -> Verdict {
    let path = Path::new(name);
    let result = match decode_utf8(bytes) {
        Ok(text) => load_text(path, text),
        Err(problem) => Err(LoadError::Invalid { path: path.to_owned(), problems: vec![problem] }),
    };
    match result {
        Ok(_) | Err(LoadError::Io { .. } | LoadError::TooLarge { .. } | LoadError::Stopped { .. }) => {
            Verdict::Fine
        }
        Err(LoadError::Invalid { problems, .. }) => {
            match problems
                .iter()
                .take(super::error::MAX_LISTED_PROBLEMS)
                .find(|problem| problem.position.is_none())
            {
                Some(problem) => Verdict::Unplaced(format!("{}: {}", problem.field, problem.message.en)),
                None => Verdict::Fine,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_damage() {
        let text = crate::data::EMBEDDED_DATASET.as_bytes();
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        for _ in 0..50 {
            assert_eq!(mutate(text, &mut a), mutate(text, &mut b));
        }
    }
}
