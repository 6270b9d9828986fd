//! Writes to disk that never leave a half-written file: the bytes go to a
//! hidden temporary file in the target's folder (`tempfile`), are flushed
//! to disk, then renamed over the target in one step. An interrupted export
//! leaves the old file (or nothing); a failed one removes its temporary
//! file, and the next write of the same file removes what a killed process
//! left. A replaced file keeps its permissions; a new one gets the usual
//! ones for the user (not the temporary file's private 0600).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::export::WriteError;

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

/// The permissions the written file gets: those of the file it replaces, or
/// on Unix read-write for all as the user's umask allows (as any new file).
fn permissions_for(path: &Path) -> Option<std::fs::Permissions> {
    if let Ok(existing) = std::fs::metadata(path) {
        return Some(existing.permissions());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        Some(std::fs::Permissions::from_mode(0o666))
    }
    #[cfg(not(unix))]
    None
}

const TEMP_SUFFIX: &str = ".econlens-tmp";

/// Removes temporary files of earlier writes of the same target that never
/// finished (the process was killed between writing and renaming).
fn remove_leftovers(folder: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(prefix) && name.ends_with(TEMP_SUFFIX) {
            // Best effort: a leftover that cannot be removed only costs space.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Replaces `path` with `bytes` atomically.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
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
    let prefix = format!(".{}.", file_name.to_string_lossy());
    remove_leftovers(&folder, &prefix);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    if let Some(permissions) = permissions_for(path) {
        builder.permissions(permissions);
    }
    // On any failure below the temporary file is dropped, which deletes it.
    let mut temp = builder.tempfile_in(&folder).map_err(|error| classify(path, error))?;
    temp.write_all(bytes).map_err(|error| classify(path, error))?;
    temp.as_file().sync_all().map_err(|error| classify(path, error))?;
    temp.persist(path).map_err(|error| classify(path, error.error))?;
    Ok(())
}
