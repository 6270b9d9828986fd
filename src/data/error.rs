//! Load errors written for the person who has to fix the file.
//!
//! Every problem names the file, the line:col where the parser stopped (for
//! syntax and type errors), the field path (`indicators[3].observations[2].value`)
//! and what was expected. Validation reports every problem it finds, not only
//! the first; syntax errors stop parsing, so there is one of those at most.

use std::fmt;
use std::path::PathBuf;

/// A position in the file, 1-based, counting characters (not bytes) in the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// One thing wrong with a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub position: Option<Position>,
    /// Field path such as `indicators[3].observations[2].value`; empty for the whole file.
    pub field: String,
    pub message: String,
}

impl Problem {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { position: None, field: field.into(), message: message.into() }
    }

    pub fn at(position: Position, field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { position: Some(position), field: field.into(), message: message.into() }
    }
}

/// Why a file could not become a dataset. The app keeps its previous data.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {}: {source}", .path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error(
        "{} is {} and the limit is {}; raise it with --max-size-mib if the file is really a dataset",
        .path.display(), format_mib(*.size_bytes), format_mib(*.limit_bytes)
    )]
    TooLarge { path: PathBuf, size_bytes: u64, limit_bytes: u64 },
    #[error("{}", format_problems(.path, .problems))]
    Invalid { path: PathBuf, problems: Vec<Problem> },
}

/// Problems beyond this many are summarised, so an error stays one screen.
pub const MAX_LISTED_PROBLEMS: usize = 40;

fn format_problems(path: &std::path::Path, problems: &[Problem]) -> String {
    let file = path.display();
    let mut out = match problems.len() {
        1 => format!("{file} is not a valid EconLens dataset:"),
        n => format!("{file} is not a valid EconLens dataset ({n} problems):"),
    };
    for problem in problems.iter().take(MAX_LISTED_PROBLEMS) {
        out.push('\n');
        out.push_str(&format_problem(&file.to_string(), problem));
    }
    if problems.len() > MAX_LISTED_PROBLEMS {
        out.push_str(&format!("\n... and {} more", problems.len() - MAX_LISTED_PROBLEMS));
    }
    out
}

/// `file:line:col: field: message`, leaving out the parts that are unknown.
pub fn format_problem(file: &str, problem: &Problem) -> String {
    let mut out = String::from(file);
    if let Some(position) = problem.position {
        out.push_str(&format!(":{position}"));
    }
    if !problem.field.is_empty() {
        out.push_str(&format!(": {}", problem.field));
    }
    out.push_str(&format!(": {}", problem.message));
    out
}

#[expect(clippy::cast_precision_loss, reason = "a size shown to one decimal")]
fn format_mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}
