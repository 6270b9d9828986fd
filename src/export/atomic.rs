//! Writes that never leave a half-written file, and why one failed, for
//! the person who chose the path. The writing is the platform's
//! ([`crate::platform`]): on the desktop the bytes go to a hidden temporary
//! file beside the target and are renamed over it in one step; in a
//! browser the file is a download.

use std::path::{Path, PathBuf};

use crate::i18n::{Lang, io_reason};

/// Why a file could not be written, for the person who chose the path.
#[derive(Debug)]
pub enum WriteError {
    MissingFolder { path: PathBuf, folder: PathBuf },
    NotAFileName { path: PathBuf },
    PermissionDenied { path: PathBuf },
    DiskFull { path: PathBuf },
    Other { path: PathBuf, source: std::io::Error },
}

impl std::error::Error for WriteError {}

/// English, for logs; people see [`WriteError::message`].
impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl WriteError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::MissingFolder { path, folder }, Lang::Zh) => {
                format!("无法写入 {}：文件夹 {} 不存在", path.display(), folder.display())
            }
            (Self::MissingFolder { path, folder }, Lang::En) => {
                format!("cannot write {}: the folder {} does not exist", path.display(), folder.display())
            }
            (Self::NotAFileName { path }, Lang::Zh) => {
                format!("无法写入 {}：这是文件夹，应为文件名", path.display())
            }
            (Self::NotAFileName { path }, Lang::En) => {
                format!("cannot write {}: expected a file name, not a folder", path.display())
            }
            (Self::PermissionDenied { path }, Lang::Zh) => {
                format!("无法写入 {}：没有权限；请选择一个可以写入的文件夹", path.display())
            }
            (Self::PermissionDenied { path }, Lang::En) => {
                format!(
                    "cannot write {}: permission denied; choose a folder you can write to",
                    path.display()
                )
            }
            (Self::DiskFull { path }, Lang::Zh) => format!("无法写入 {}：磁盘已满", path.display()),
            (Self::DiskFull { path }, Lang::En) => {
                format!("cannot write {}: the disk is full", path.display())
            }
            (Self::Other { path, source }, Lang::Zh) => {
                format!("无法写入 {}：{}", path.display(), io_reason(source, lang))
            }
            (Self::Other { path, source }, Lang::En) => {
                format!("cannot write {}: {}", path.display(), io_reason(source, lang))
            }
        }
    }
}

/// Replaces `path` with `bytes` atomically (in a browser: downloads it
/// under `path`'s file name).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    crate::platform::write_file(path, bytes)
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
    fn a_missing_folder_or_a_folder_as_target_is_named_in_both_languages() {
        let dir = temp_dir("missing");
        let error = write_atomic(&dir.join("nope/chart.png"), b"x").expect_err("no folder");
        assert!(error.message(Lang::En).contains("does not exist"), "{error}");
        assert!(error.message(Lang::Zh).contains("不存在"), "{}", error.message(Lang::Zh));
        let error = write_atomic(&dir, b"x").expect_err("a folder");
        assert!(error.to_string().contains("not a folder"), "{error}");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn leftovers_of_a_killed_write_are_removed_by_the_next_one() {
        let dir = temp_dir("leftovers");
        let leftover = dir.join(".chart.png.abc123.econlens-tmp");
        let other = dir.join(".other.png.abc123.econlens-tmp");
        std::fs::write(&leftover, "half").expect("leftover");
        std::fs::write(&other, "another file's").expect("other");
        write_atomic(&dir.join("chart.png"), b"whole").expect("written");
        assert!(!leftover.exists(), "the same target's leftover is gone");
        assert!(other.exists(), "another target's temporary file is not touched");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_readable_by_others_and_a_replaced_one_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = temp_dir("permissions");
        let new = dir.join("new.png");
        write_atomic(&new, b"x").expect("written");
        let mode = std::fs::metadata(&new).expect("meta").permissions().mode();
        assert_eq!(mode & 0o600, 0o600, "the owner reads and writes it: {mode:o}");
        assert_ne!(mode & 0o077, 0, "not private like a temporary file (umask allowing): {mode:o}");
        let kept = dir.join("kept.png");
        std::fs::write(&kept, "old").expect("old");
        std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomic(&kept, b"new").expect("written");
        assert_eq!(std::fs::metadata(&kept).expect("meta").permissions().mode() & 0o777, 0o640);
        let _ = std::fs::remove_dir_all(dir);
    }
}
