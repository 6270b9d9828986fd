//! Load errors written for the person who has to fix the file.
//!
//! Every problem names the file, the line:col (of the syntax or type error,
//! or of the field a rule found wrong), the field path
//! (`indicators[3].observations[2].value`) and what was expected, in Chinese
//! and English. The `file:line:col: field:` prefix is the same in both, so a
//! message can be searched for and pasted into an issue in either language.
//! Validation reports every problem it finds, not only the first; syntax
//! errors stop parsing, so there is one of those at most.

use std::fmt;
use std::path::PathBuf;

use crate::i18n::{Lang, Message, io_reason};
use crate::msg;

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
    pub message: Message,
}

impl Problem {
    pub fn new(field: impl Into<String>, message: Message) -> Self {
        Self { position: None, field: field.into(), message }
    }

    pub fn at(position: Position, field: impl Into<String>, message: Message) -> Self {
        Self { position: Some(position), field: field.into(), message }
    }
}

/// Why a file could not become a dataset. The app keeps its previous data.
#[derive(Debug)]
pub enum LoadError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    TooLarge {
        path: PathBuf,
        size_bytes: u64,
        limit_bytes: u64,
    },
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
    /// The thread loading the file stopped before it was done.
    Stopped {
        path: PathBuf,
        /// What the thread said as it stopped (a panic's message).
        reason: String,
    },
}

impl std::error::Error for LoadError {}

/// English, for logs; people see [`LoadError::message`] in their language.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Problems beyond this many are summarised, so an error stays one screen.
pub const MAX_LISTED_PROBLEMS: usize = 40;

impl LoadError {
    /// The whole error in `lang`: a heading, then one line per problem.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Io { path, source } => {
                let (file, reason) = (path.display(), io_reason(source, lang));
                match lang {
                    Lang::Zh => format!("无法读取 {file}：{reason}"),
                    Lang::En => format!("cannot read {file}: {reason}"),
                }
            }
            Self::TooLarge { path, size_bytes, limit_bytes } => {
                let (file, size, limit) = (path.display(), format_mib(*size_bytes), format_mib(*limit_bytes));
                match lang {
                    Lang::Zh => format!(
                        "{file} 大小为 {size}，超过上限 {limit}；如果它确实是数据文件，可用 --max-size-mib 提高上限"
                    ),
                    Lang::En => format!(
                        "{file} is {size} and the limit is {limit}; raise it with --max-size-mib if the file is really a dataset"
                    ),
                }
            }
            Self::Invalid { path, problems } => format_problems(path, problems, lang),
            Self::Stopped { path, reason } => {
                let file = path.display();
                msg!(
                    "加载 {file} 的线程意外停止（{reason}）；请重试",
                    "loading {file} stopped unexpectedly ({reason}); try again"
                )
                .get(lang)
                .to_owned()
            }
        }
    }
}

fn format_problems(path: &std::path::Path, problems: &[Problem], lang: Lang) -> String {
    let file = path.display().to_string();
    let count = problems.len();
    let mut out = match count {
        1 => msg!("{file} 不是有效的 EconLens 数据文件：", "{file} is not a valid EconLens dataset:"),
        _ => msg!(
            "{file} 不是有效的 EconLens 数据文件（{count} 个问题）：",
            "{file} is not a valid EconLens dataset ({count} problems):"
        ),
    }
    .get(lang)
    .to_owned();
    for problem in problems.iter().take(MAX_LISTED_PROBLEMS) {
        out.push('\n');
        out.push_str(&format_problem(&file, problem, lang));
    }
    if count > MAX_LISTED_PROBLEMS {
        let more = count - MAX_LISTED_PROBLEMS;
        out.push('\n');
        out.push_str(msg!("……另有 {more} 个问题", "... and {more} more").get(lang));
    }
    out
}

/// `file:line:col: field: message`, leaving out the parts that are unknown.
pub fn format_problem(file: &str, problem: &Problem, lang: Lang) -> String {
    let mut out = String::from(file);
    if let Some(position) = problem.position {
        out.push_str(&format!(":{position}"));
    }
    if !problem.field.is_empty() {
        out.push_str(&format!(": {}", problem.field));
    }
    out.push_str(&format!(": {}", problem.message.get(lang)));
    out
}

#[expect(clippy::cast_precision_loss, reason = "a size shown to one decimal")]
fn format_mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}
