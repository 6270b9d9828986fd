//! Large files load on a background thread so the window never freezes:
//! the data on screen stays usable, the status line shows the file, its size
//! and the seconds elapsed, and the new data replaces the old in one step
//! when it is ready (or the error appears and the old data stays).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

use crate::chart::Chart;
use crate::chart::catalogue::build_charts;
use crate::data::model::{Dataset, Period};
use crate::data::{LoadError, load_file};
use crate::ui::cards::Cards;
use crate::ui::widgets::featured_year;

/// Files larger than this load in the background; smaller ones load at once
/// (the embedded dataset takes about a millisecond).
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
        let featured = featured_year(&dataset, dataset.focus_region);
        let cards = Cards::build(&dataset, featured);
        Self { dataset, charts, featured, cards }
    }
}

/// A load running on its own thread.
pub struct PendingLoad {
    pub path: PathBuf,
    pub size_bytes: u64,
    pub started: Instant,
    receiver: Receiver<Result<Prepared, LoadError>>,
}

impl PendingLoad {
    /// Starts loading `path`; `ctx` is asked to repaint when the result is in.
    /// Fails only if no thread can be started.
    pub fn start(
        path: &Path,
        size_bytes: u64,
        max_size_bytes: u64,
        ctx: &egui::Context,
    ) -> std::io::Result<Self> {
        let (sender, receiver) = channel();
        let (thread_path, repaint) = (path.to_owned(), ctx.clone());
        std::thread::Builder::new().name("econlens-load".to_owned()).spawn(move || {
            let result = load_file(&thread_path, max_size_bytes).map(Prepared::new);
            // The receiver is gone only if a newer load replaced this one.
            let _ = sender.send(result);
            repaint.request_repaint();
        })?;
        Ok(Self { path: path.to_owned(), size_bytes, started: Instant::now(), receiver })
    }

    /// The result once the thread is done.
    pub fn poll(&self) -> Option<Result<Prepared, LoadError>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(LoadError::Stopped { path: self.path.clone() })),
        }
    }
}
