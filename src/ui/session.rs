//! The data on screen and where it came from: the embedded dataset or a
//! file, loaded on a background task (before the first frame at start-up),
//! reloaded when it changes on disk. A file that fails to load leaves the previous data on screen and
//! its error in both languages for the error panel.
//!
//! A file's path is made absolute and canonical once, when it is opened, so
//! that the file watcher (which sees absolute paths), the recent-files list
//! and the status line all name the same file whatever folder the app was
//! started in.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::chart::Chart;
use crate::data::model::{Dataset, Period, RegionIx};
use crate::data::{EMBEDDED_NAME, LoadError, load_embedded};
use crate::i18n::{Lang, Message};
use crate::msg;
use crate::platform::FileWatcher;
use crate::ui::loading::{BACKGROUND_THRESHOLD_BYTES, PendingLoad, Prepared, RememberedFocus, load_prepared};
use crate::ui::notice::Notice;
use crate::ui::task::Task;

/// Where the data on screen came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Embedded,
    File(PathBuf),
}

impl Origin {
    pub fn display_name(&self, lang: Lang) -> String {
        match self {
            Self::Embedded => {
                lang.tr("内置数据（济南市市中区）", "embedded data (Shizhong District)").to_owned()
            }
            Self::File(path) => path.display().to_string(),
        }
    }
}

/// The data on screen and everything built from it once per load.
pub struct Loaded {
    pub dataset: Arc<Dataset>,
    pub charts: Arc<Vec<Chart>>,
    pub origin: Origin,
    pub featured: Option<Period>,
    /// `2015–2025`: the years of the data's first and last period, for the status line.
    pub period_label: String,
    /// Local time of the load, `HH:MM:SS`.
    pub loaded_at: String,
    /// Changes on every load, so tabs know to rebuild their caches.
    pub generation: u64,
    /// The headline cards, worked out once per load.
    pub cards: crate::ui::cards::Cards,
}

impl Loaded {
    fn new(prepared: Prepared, origin: Origin, generation: u64) -> Self {
        let Prepared { dataset, charts, featured, cards } = prepared;
        let period_label =
            dataset.period_range().map_or_else(String::new, |(first, last)| match (first.year, last.year) {
                (first, last) if first == last => first.to_string(),
                (first, last) => format!("{first}–{last}"),
            });
        Self {
            period_label,
            dataset: Arc::new(dataset),
            charts: Arc::new(charts),
            origin,
            featured,
            // chrono: the local wall-clock time on every system; std has no time zones.
            loaded_at: chrono::Local::now().format("%H:%M:%S").to_string(),
            generation,
            cards,
        }
    }
}

/// A file that failed to load: shown in a panel whose text can be copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorReport {
    pub file: String,
    pub message: Message,
}

impl ErrorReport {
    pub fn new(file: &str, error: &LoadError) -> Self {
        Self {
            file: file.to_owned(),
            message: Message::new(error.message(Lang::Zh), error.message(Lang::En)),
        }
    }
}

/// What a load did, for the app to act on.
#[derive(Debug, PartialEq, Eq)]
pub enum LoadEvent {
    /// A file's data is on screen now (remember it in recent files).
    Opened(PathBuf),
    /// Something to tell the user in the status line.
    Notice(Notice),
}

pub struct Session {
    pub loaded: Loaded,
    pub error: Option<ErrorReport>,
    pending: Option<PendingLoad>,
    /// The charts being built again for another focus region.
    refocus: Option<Refocus>,
    watcher: Option<FileWatcher>,
    max_size_bytes: u64,
    /// The focus region chosen for each file, applied as it loads.
    remembered_focus: RememberedFocus,
}

/// The data on screen built again for another focus region, on a task
/// (charting a large file takes longer than a frame).
struct Refocus {
    /// The data it was started from; a newer load makes it moot.
    generation: u64,
    region: RegionIx,
    task: Task<Prepared>,
}

/// `path` made absolute with links and `..` resolved, as the file watcher
/// reports it; as given if the file cannot be found (the load then says why).
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).map_or_else(|_| path.to_owned(), without_verbatim_prefix)
}

/// Windows writes canonical paths as `\\?\C:\…`; people know them as `C:\…`.
fn without_verbatim_prefix(path: PathBuf) -> PathBuf {
    let text = path.to_string_lossy();
    match text.strip_prefix(r"\\?\") {
        Some(rest) if rest.as_bytes().get(1) == Some(&b':') => PathBuf::from(rest),
        _ => path,
    }
}

impl Session {
    /// The embedded dataset, or an empty one with the error if it failed.
    pub fn embedded(max_size_bytes: u64) -> Self {
        let (loaded, error) = match load_embedded() {
            Ok(dataset) => (Loaded::new(Prepared::new(dataset), Origin::Embedded, 0), None),
            Err(error) => (
                Loaded::new(Prepared::new(Dataset::placeholder()), Origin::Embedded, 0),
                Some(ErrorReport::new(EMBEDDED_NAME, &error)),
            ),
        };
        Self {
            loaded,
            error,
            pending: None,
            refocus: None,
            watcher: None,
            max_size_bytes,
            remembered_focus: RememberedFocus::default(),
        }
    }

    /// Loads `path`; on failure the data on screen stays and the error is
    /// shown. Large files load on a background thread (see [`PendingLoad`]).
    /// The latest request wins: a load still running is dropped (its
    /// thread's result goes nowhere), and the status line says so.
    pub fn open(&mut self, ctx: &egui::Context, path: &Path) -> Vec<LoadEvent> {
        let dropped = self.drop_pending();
        let mut events = self.open_now(ctx, path);
        events.splice(0..0, dropped);
        events
    }

    /// A load still running, dropped for a newer request: what to tell the user.
    fn drop_pending(&mut self) -> Option<LoadEvent> {
        self.refocus = None;
        let pending = self.pending.take()?;
        let file = pending.path.display();
        Some(LoadEvent::Notice(Notice::info(msg!(
            "已放弃较早的加载：{file}（以最新的操作为准）",
            "The earlier load of {file} was dropped: the latest request wins"
        ))))
    }

    fn open_now(&mut self, ctx: &egui::Context, path: &Path) -> Vec<LoadEvent> {
        // Only the size, for the status line; reading happens on the task.
        let size_bytes = file_size(path);
        let sizes = (size_bytes, self.max_size_bytes);
        self.pending = Some(PendingLoad::start(path, sizes, &self.remembered_focus, ctx));
        Vec::new()
    }

    /// Loads `path` before the window's first frame (a file named at
    /// start-up, up to [`BACKGROUND_THRESHOLD_BYTES`]), so the window opens
    /// on it; larger files load in the background as when opened later.
    pub fn open_at_start(&mut self, ctx: &egui::Context, path: &Path) -> Vec<LoadEvent> {
        let size_bytes = file_size(path);
        if size_bytes > BACKGROUND_THRESHOLD_BYTES {
            return self.open(ctx, path);
        }
        let path = canonical(path);
        let result = load_prepared(&path, self.max_size_bytes, &self.remembered_focus);
        self.finish(ctx, &path, result)
    }

    /// The focus region chosen for each file (from the settings), applied to every load from now on.
    pub fn remember_focus(&mut self, focus_by_file: &[(PathBuf, String)]) {
        self.remembered_focus = std::sync::Arc::new(focus_by_file.to_vec());
    }

    /// Shows data just written to `path` and already loaded (an import), as
    /// if the file had been opened: it is watched and becomes the latest file.
    pub fn show_written(&mut self, ctx: &egui::Context, path: &Path, prepared: Prepared) -> Vec<LoadEvent> {
        let path = canonical(path);
        let dropped = self.drop_pending();
        let mut events = self.finish(ctx, &path, Ok(prepared));
        events.splice(0..0, dropped);
        events
    }

    /// Loads the current file (or the embedded data) again; like opening,
    /// it drops a load still running.
    pub fn reload(&mut self, ctx: &egui::Context) -> Vec<LoadEvent> {
        match self.loaded.origin.clone() {
            Origin::File(path) => self.open(ctx, &path),
            Origin::Embedded => {
                let dropped = self.drop_pending();
                match load_embedded() {
                    Ok(dataset) => self.replace_data(Prepared::new(dataset), Origin::Embedded),
                    Err(error) => self.error = Some(ErrorReport::new(EMBEDDED_NAME, &error)),
                }
                dropped.into_iter().collect()
            }
        }
    }

    fn finish(
        &mut self,
        ctx: &egui::Context,
        path: &Path,
        result: Result<Prepared, LoadError>,
    ) -> Vec<LoadEvent> {
        match result {
            Ok(prepared) => {
                self.replace_data(prepared, Origin::File(path.to_owned()));
                let mut events = vec![LoadEvent::Opened(path.to_owned())];
                // A browser has no files to watch: File → Reload asks for the file again.
                let watched = crate::platform::DESKTOP.then(|| FileWatcher::new(path, ctx)).transpose();
                match watched {
                    Ok(None) => self.watcher = None,
                    Ok(Some(watcher)) => self.watcher = Some(watcher),
                    Err(error) => {
                        self.watcher = None;
                        let (file, reason) = (path.display(), error.to_string());
                        events.push(LoadEvent::Notice(Notice::error(msg!(
                            "无法监视 {file} 的变化（{reason}）；文件改动后请按 F5 重新加载。",
                            "Cannot watch {file} for changes ({reason}); press F5 to reload after editing it."
                        ))));
                    }
                }
                events
            }
            Err(error) => {
                self.error = Some(ErrorReport::new(&path.display().to_string(), &error));
                Vec::new()
            }
        }
    }

    /// Once per frame: takes a background load's result, and reloads a file
    /// that changed on disk — unless a newer file is loading, which will
    /// replace it anyway (a change on disk is not a request of the user's).
    pub fn poll(&mut self, ctx: &egui::Context) -> Vec<LoadEvent> {
        if let Some(events) = self.poll_refocus() {
            return events;
        }
        if let Some(pending) = &mut self.pending {
            match pending.poll() {
                Some((path, result)) => {
                    self.pending = None;
                    return self.finish(ctx, &path, result);
                }
                None => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(250));
                    return Vec::new();
                }
            }
        }
        if self.watcher.as_ref().is_some_and(FileWatcher::reload_due) {
            return self.reload(ctx);
        }
        Vec::new()
    }

    /// Shows `prepared` data now, as a finished load does.
    pub fn replace_data(&mut self, prepared: Prepared, origin: Origin) {
        self.loaded = Loaded::new(prepared, origin, self.loaded.generation + 1);
        self.error = None;
    }

    /// Makes `region` the focus of the data on screen: its charts are built
    /// again on a task and replace the ones shown when ready (the file is not
    /// changed). `false` when it already is (or is becoming) the focus, or is
    /// not one of the data's regions.
    pub fn set_focus(&mut self, ctx: &egui::Context, region: RegionIx) -> bool {
        let becoming =
            self.refocus.as_ref().map_or(self.loaded.dataset.focus_region(), |refocus| refocus.region);
        if becoming == region || region.0 as usize >= self.loaded.dataset.regions().len() {
            return false;
        }
        let shared = Arc::clone(&self.loaded.dataset);
        let task = Task::spawn(ctx, "econlens-focus", move |_| {
            let mut dataset = Dataset::clone(&shared);
            dataset.set_focus(region);
            Prepared::new(dataset)
        });
        self.refocus = Some(Refocus { generation: self.loaded.generation, region, task });
        true
    }

    /// Shows the data built for a new focus, unless newer data came meanwhile.
    fn poll_refocus(&mut self) -> Option<Vec<LoadEvent>> {
        let refocus = self.refocus.as_mut()?;
        let done = refocus.task.poll()?;
        let generation = refocus.generation;
        self.refocus = None;
        match done {
            Ok(prepared) if generation == self.loaded.generation => {
                let origin = self.loaded.origin.clone();
                self.loaded = Loaded::new(prepared, origin, self.loaded.generation + 1);
                Some(Vec::new())
            }
            Ok(_) => Some(Vec::new()),
            Err(failure) => Some(vec![LoadEvent::Notice(Notice::error(failure.message()))]),
        }
    }

    /// Whether the charts are being built for a new focus region.
    pub fn is_refocusing(&self) -> bool {
        self.refocus.is_some()
    }

    /// The load running in the background, if any.
    pub fn pending(&self) -> Option<&PendingLoad> {
        self.pending.as_ref()
    }
}

/// A file's size for the status line: on disk, or as given to the page in a browser.
fn file_size(path: &Path) -> u64 {
    match crate::platform::given_file(path) {
        Some(bytes) => u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        None => std::fs::metadata(path).map_or(0, |metadata| metadata.len()),
    }
}
