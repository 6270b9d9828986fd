//! Writes that never leave a half-written file: the bytes go to a hidden
//! temporary file in the target's folder, are flushed to disk, then renamed
//! over the target in one step. An interrupted export leaves the old file
//! (or nothing); a failed one removes its temporary file.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Why a file could not be written, for the person who chose the path.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write {}: the folder {} does not exist", .path.display(), .folder.display())]
    MissingFolder { path: PathBuf, folder: PathBuf },
    #[error("cannot write {}: expected a file name, not a folder", .path.display())]
    NotAFileName { path: PathBuf },
    #[error("cannot write {}: permission denied; choose a folder you can write to", .path.display())]
    PermissionDenied { path: PathBuf },
    #[error("cannot write {}: the disk is full", .path.display())]
    DiskFull { path: PathBuf },
    #[error("cannot write {}: {source}", .path.display())]
    Other { path: PathBuf, source: std::io::Error },
}

fn classify(path: &Path, error: std::io::Error) -> WriteError {
    let path = path.to_owned();
    match error.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            WriteError::PermissionDenied { path }
        }
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => WriteError::DiskFull { path },
        std::io::ErrorKind::IsADirectory => WriteError::NotAFileName { path },
        _ => WriteError::Other { path, source: error },
    }
}

/// Replaces `path` with `bytes` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let Some(file_name) = path.file_name() else {
        return Err(WriteError::NotAFileName { path: path.to_owned() });
    };
    if path.is_dir() {
        return Err(WriteError::NotAFileName { path: path.to_owned() });
    }
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_owned(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(WriteError::MissingFolder { path: path.to_owned(), folder });
    }
    let temp = folder.join(format!(".{}.econlens-{}.tmp", file_name.to_string_lossy(), std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    result.map_err(|error| {
        let _ = std::fs::remove_file(&temp);
        classify(path, error)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("econlens-atomic-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn replaces_a_file_and_leaves_no_temporary_file() {
        let dir = temp_dir("replace");
        let path = dir.join("chart.csv");
        std::fs::write(&path, "old").expect("old file");
        write_atomic(&path, b"new").expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        let leftovers = std::fs::read_dir(&dir).expect("list").count();
        assert_eq!(leftovers, 1, "only the target remains");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_missing_folder_or_a_folder_as_target_is_named() {
        let dir = temp_dir("missing");
        let error = write_atomic(&dir.join("nope/chart.png"), b"x").expect_err("no folder");
        assert!(error.to_string().contains("does not exist"), "{error}");
        let error = write_atomic(&dir, b"x").expect_err("a folder");
        assert!(error.to_string().contains("not a folder"), "{error}");
        let _ = std::fs::remove_dir_all(dir);
    }
}
