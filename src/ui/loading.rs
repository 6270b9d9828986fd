//! Files load on a background task so the window never freezes: the data on
//! screen stays usable, the status line shows the file, its size and the
//! seconds elapsed, and the new data replaces the old in one step when it is
//! ready (or the error appears and the old data stays).

use std::path::{Path, PathBuf};

use crate::chart::Chart;
use crate::chart::catalogue::build_charts;
use crate::data::model::{Dataset, Period};
use crate::data::{LoadError, load_file};
use crate::ui::cards::Cards;
use crate::ui::session::canonical;
use crate::ui::task::Task;
use crate::ui::widgets::featured_year;

/// A file named on the command line up to this size loads before the first
/// frame, so the window opens on it; a larger one, and every file opened or
/// reloaded while the window runs, loads in the background.
pub const BACKGROUND_THRESHOLD_BYTES: u64 = 4 * 1024 * 1024;

/// Everything built from a file, ready to show.
pub struct Prepared {
    pub dataset: Dataset,
    pub charts: Vec<Chart>,
    pub featured: Option<Period>,
    pub cards: Cards,
}

impl Prepared {
    pub fn new(dataset: Dataset) -> Self {
        let charts = build_charts(&dataset);
        let featured = featured_year(&dataset, dataset.focus_region());
        let cards = Cards::build(&dataset, featured);
        Self { dataset, charts, featured, cards }
    }
}

/// A load running as a background [`Task`]: reading, parsing, validating
/// and charting a file never happens on the window's thread.
pub struct PendingLoad {
    pub path: PathBuf,
    pub size_bytes: u64,
    task: Task<(PathBuf, Result<Prepared, LoadError>)>,
}

/// The focus region a user chose for each file (its id, by the file's full
/// path), kept in the settings: a file loads with its charts built for it.
pub type RememberedFocus = std::sync::Arc<Vec<(PathBuf, String)>>;

/// Loads the file at its full `path` and builds what the window shows, for
/// the focus the user chose for this file, if any (else the file's own).
pub fn load_prepared(
    path: &Path,
    max_size_bytes: u64,
    focus: &RememberedFocus,
) -> Result<Prepared, LoadError> {
    let mut dataset = load_file(path, max_size_bytes)?;
    let remembered =
        focus.iter().find(|(known, _)| known == path).and_then(|(_, id)| dataset.region_by_id(id));
    if let Some(region) = remembered {
        dataset.set_focus(region);
    }
    Ok(Prepared::new(dataset))
}

impl PendingLoad {
    /// Starts loading `path` (`size_bytes` as the status line shows it);
    /// `ctx` is asked to repaint when the result is in.
    pub fn start(
        path: &Path,
        (size_bytes, max_size_bytes): (u64, u64),
        focus: &RememberedFocus,
        ctx: &egui::Context,
    ) -> Self {
        let (thread_path, focus) = (path.to_owned(), std::sync::Arc::clone(focus));
        let task = Task::spawn(ctx, "econlens-load", move |_| {
            let path = canonical(&thread_path);
            let result = load_prepared(&path, max_size_bytes, &focus);
            (path, result)
        });
        Self { path: path.to_owned(), size_bytes, task }
    }

    /// The file's full path and what loading it gave, once the task is done;
    /// a task that died is an error naming the file and the reason.
    pub fn poll(&mut self) -> Option<(PathBuf, Result<Prepared, LoadError>)> {
        Some(match self.task.poll()? {
            Ok(done) => done,
            Err(failure) => {
                let path = canonical(&self.path);
                (path.clone(), Err(LoadError::Stopped { path, reason: failure.reason }))
            }
        })
    }

    /// Seconds since the load started.
    pub fn elapsed(&self) -> std::time::Duration {
        self.task.elapsed()
    }
}
