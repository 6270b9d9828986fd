//! Reloads the open file when it changes on disk, after the writes settle.
//!
//! The folder is watched rather than the file, because editors save by
//! writing a new file and renaming it over the old one. The watcher reports
//! absolute paths, so the file is named by its canonical path (the session
//! makes it so when the file is opened). Bursts of events are debounced: the
//! reload happens once, `DEBOUNCE` after the last change.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use web_time::Instant;

use notify::Watcher as _;

pub const DEBOUNCE: Duration = Duration::from_millis(400);

pub struct FileWatcher {
    _watcher: notify::RecommendedWatcher,
    last_change: Arc<Mutex<Option<Instant>>>,
    ctx: egui::Context,
}

impl FileWatcher {
    /// Starts watching `path` (absolute, as the session opens it); asks
    /// `ctx` to repaint when a reload falls due.
    pub fn new(path: &Path, ctx: &egui::Context) -> notify::Result<Self> {
        let target: PathBuf = path.to_owned();
        let folder = path.parent().filter(|folder| !folder.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let last_change = Arc::new(Mutex::new(None));
        let (shared, repaint) = (Arc::clone(&last_change), ctx.clone());
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            let touches_target = event.paths.iter().any(|changed| same_file(changed, &target));
            if touches_target && (event.kind.is_modify() || event.kind.is_create()) {
                if let Ok(mut last) = shared.lock() {
                    *last = Some(Instant::now());
                }
                repaint.request_repaint_after(DEBOUNCE);
            }
        })?;
        watcher.watch(folder, notify::RecursiveMode::NonRecursive)?;
        Ok(Self { _watcher: watcher, last_change, ctx: ctx.clone() })
    }

    /// True once the file has been quiet for `DEBOUNCE` after a change.
    pub fn reload_due(&self) -> bool {
        let Ok(mut last) = self.last_change.lock() else { return false };
        match *last {
            Some(at) if at.elapsed() >= DEBOUNCE => {
                *last = None;
                true
            }
            Some(at) => {
                self.ctx.request_repaint_after(DEBOUNCE.saturating_sub(at.elapsed()));
                false
            }
            None => false,
        }
    }
}

/// Whether a path the watcher reports is the watched file: the same path,
/// or the same name in the same folder reached another way (a link).
fn same_file(changed: &Path, target: &Path) -> bool {
    changed == target
        || (changed.file_name() == target.file_name()
            && changed.parent().map(Path::canonicalize).and_then(Result::ok)
                == target.parent().map(Path::canonicalize).and_then(Result::ok))
}
