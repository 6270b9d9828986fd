//! Reading a data file from disk or from the binary, safely.
//!
//! The size cap is checked against the file's metadata before reading, and
//! reading stops at the cap anyway (a device or a growing file can lie about
//! its size). Invalid UTF-8 is reported with the position of the first bad
//! byte; a UTF-8 byte-order mark, as Windows editors write it, is accepted.

use std::io::Read as _;
use std::path::Path;

use super::error::{LoadError, Position, Problem};
use super::model::Dataset;
use super::parse::parse_raw;
use super::validate::validate;
use crate::msg;

/// The default dataset, built into the binary: Jinan's Shizhong District.
pub const EMBEDDED_DATASET: &str = include_str!("../../assets/data/shizhong.ron");
/// How the embedded dataset is named in messages and the status line.
pub const EMBEDDED_NAME: &str = "assets/data/shizhong.ron (embedded)";
/// Files larger than this are refused unless the user raises the cap: 1 GiB.
pub const DEFAULT_MAX_SIZE_BYTES: u64 = 1024 * 1024 * 1024;

/// Loads the dataset built into the binary.
pub fn load_embedded() -> Result<Dataset, LoadError> {
    load_text(Path::new(EMBEDDED_NAME), EMBEDDED_DATASET)
}

/// Parses and validates `text`, naming it `path` in errors.
pub fn load_text(path: &Path, text: &str) -> Result<Dataset, LoadError> {
    let invalid = |problems| LoadError::Invalid { path: path.to_owned(), problems };
    let raw = parse_raw(text).map_err(|problem| invalid(vec![problem]))?;
    validate(raw).map_err(|mut problems| {
        add_positions(text, &mut problems);
        invalid(problems)
    })
}

/// Problems beyond this many keep their field path only: locating one scans
/// the text, and nobody reads a thousand positions.
const MAX_LOCATED_PROBLEMS: usize = 200;

/// Gives problems found after parsing the line:col of their field path, or
/// of the dataset's opening bracket for a problem of the whole file.
fn add_positions(text: &str, problems: &mut [Problem]) {
    let start = super::locate::start_of_data(text);
    for problem in problems.iter_mut().take(MAX_LOCATED_PROBLEMS) {
        if problem.position.is_none() {
            problem.position = super::locate::locate(text, &problem.field).or(Some(start));
        }
    }
}

/// Reads, parses and validates a data file of at most `max_size_bytes`.
///
/// The text is released once parsed: a national file's text is as large as
/// its values, and validation then builds the model. If there are problems,
/// they are located in the file read again (and left with their field paths
/// only if it changed in between).
pub fn load_file(path: &Path, max_size_bytes: u64) -> Result<Dataset, LoadError> {
    let invalid = |problems| LoadError::Invalid { path: path.to_owned(), problems };
    let bytes = read_capped(path, max_size_bytes)?;
    let read_len = bytes.len();
    let raw = {
        let text = decode_utf8(&bytes).map_err(|problem| invalid(vec![problem]))?;
        parse_raw(text).map_err(|problem| invalid(vec![problem]))?
    };
    drop(bytes);
    validate(raw).map_err(|mut problems| {
        if let Ok(again) = read_capped(path, max_size_bytes)
            && again.len() == read_len
            && let Ok(text) = decode_utf8(&again)
        {
            add_positions(text, &mut problems);
        }
        invalid(problems)
    })
}

/// A data file's text, refused when too large or not UTF-8 as
/// [`load_file`] refuses it; for callers that need the text after loading
/// (the audit places its findings in it), with [`load_text`].
pub fn read_text(path: &Path, max_size_bytes: u64) -> Result<String, LoadError> {
    let bytes = read_capped(path, max_size_bytes)?;
    String::from_utf8(bytes).map_err(|error| {
        let problems = decode_utf8(error.as_bytes()).err().into_iter().collect();
        LoadError::Invalid { path: path.to_owned(), problems }
    })
}

fn read_capped(path: &Path, max_size_bytes: u64) -> Result<Vec<u8>, LoadError> {
    let io_error = |source| LoadError::Io { path: path.to_owned(), source };
    let too_large =
        |size_bytes| LoadError::TooLarge { path: path.to_owned(), size_bytes, limit_bytes: max_size_bytes };
    // A file given to the app in a browser, kept in memory.
    if let Some(bytes) = crate::platform::given_file(path) {
        let size_bytes = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        return if size_bytes > max_size_bytes { Err(too_large(size_bytes)) } else { Ok(bytes.to_vec()) };
    }
    let file = std::fs::File::open(path).map_err(io_error)?;
    let metadata = file.metadata().map_err(io_error)?;
    if metadata.is_dir() {
        return Err(io_error(std::io::ErrorKind::IsADirectory.into()));
    }
    if metadata.len() > max_size_bytes {
        return Err(too_large(metadata.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(max_size_bytes.saturating_add(1)).read_to_end(&mut bytes).map_err(io_error)?;
    let read_bytes = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read_bytes > max_size_bytes {
        return Err(too_large(read_bytes));
    }
    Ok(bytes)
}

/// Decodes UTF-8, pointing at the first invalid byte otherwise.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, Problem> {
    std::str::from_utf8(bytes).map_err(|error| {
        let valid = &bytes[..error.valid_up_to()];
        // The prefix up to `valid_up_to` is valid UTF-8 by definition.
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line = 1 + valid.matches('\n').count();
        let col = 1 + valid.rsplit('\n').next().map_or(0, |last| last.chars().count());
        let bad_byte = bytes[error.valid_up_to()];
        Problem::at(
            Position { line, col },
            "",
            msg!(
                "文件不是 UTF-8 文本（此处为字节 0x{bad_byte:02X}）；请另存为 UTF-8——GBK 或 GB18030 编码的文件须先转换",
                "the file is not UTF-8 text (byte 0x{bad_byte:02X} here); save it as UTF-8 — \
                 GBK or GB18030 files must be converted first"
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_points_at_the_bad_byte() {
        let problem = decode_utf8(b"(version: 1,\n  title: \xff)").expect_err("not UTF-8");
        assert_eq!(problem.position, Some(Position { line: 2, col: 10 }));
        assert!(problem.message.en.contains("0xFF"), "{}", problem.message.en);
        assert!(problem.message.zh.contains("0xFF"), "{}", problem.message.zh);
    }

    #[test]
    fn the_embedded_dataset_is_valid() {
        let dataset = load_embedded().unwrap_or_else(|error| panic!("{error}"));
        assert!(dataset.observation_count() > 50);
    }
}
