//! The desktop: settings in the system's configuration folder, threads,
//! files on disk, and the system's file dialog answering with a path.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{DialogRequest, Received};
use crate::ui::task::Task;

/// A desktop: files on disk (watched for changes, listed by the built-in
/// file dialog) and a window the app can close.
pub const DESKTOP: bool = true;

/// The folder the window's settings are kept in (eframe's, for the app id).
pub fn settings_folder() -> Option<PathBuf> {
    eframe::storage_dir(crate::ui::APP_ID)
}

type Job = Box<dyn FnOnce() + Send>;

/// Runs `job` on a new thread called `name`; gives it back if no thread can start.
pub fn spawn_thread(name: &str, job: Job) -> Result<(), Job> {
    // Kept here too, so the job is not lost if the thread never starts.
    let slot = Arc::new(Mutex::new(Some(job)));
    let thread_slot = Arc::clone(&slot);
    let spawned = std::thread::Builder::new().name(name.to_owned()).spawn(move || {
        let job = thread_slot.lock().ok().and_then(|mut job| job.take());
        if let Some(job) = job {
            job();
        }
    });
    match spawned {
        Ok(_) => Ok(()),
        Err(_) => match slot.lock().ok().and_then(|mut job| job.take()) {
            Some(job) => Err(job),
            // The thread started after all and took the job.
            None => Ok(()),
        },
    }
}

/// Awaits the system's file dialog on a background task, so the window
/// keeps drawing while it is up; the task answers with the path chosen
/// (`None` when cancelled or when no dialog could open) and how long it took.
pub fn ask_system_dialog(
    ctx: &egui::Context,
    request: DialogRequest,
) -> Option<Task<(Option<PathBuf>, Duration)>> {
    let DialogRequest { title, filter: (label, extensions), save_as, folder } = request;
    let mut dialog = rfd::AsyncFileDialog::new().set_title(title).add_filter(label, &extensions);
    if let Some(folder) = folder.filter(|folder| folder.is_dir()) {
        dialog = dialog.set_directory(folder);
    }
    // Made here, on the window's thread (as macOS wants); awaited on the task.
    let picked = save_as.is_none().then(|| dialog.clone().pick_file());
    let saved = save_as.map(|name| dialog.set_file_name(name).save_file());
    Some(Task::spawn(ctx, "econlens-file-dialog", move |_| {
        let asked = Instant::now();
        let chosen = pollster::block_on(async move {
            match (picked, saved) {
                (Some(picked), _) => picked.await,
                (None, Some(saved)) => saved.await,
                (None, None) => None,
            }
        });
        (chosen.map(|file| file.path().to_owned()), asked.elapsed())
    }))
}

/// A dropped file has a path on the desktop.
pub fn receive_dropped(_ctx: &egui::Context, file: &egui::DroppedFileHandle) -> Received {
    Received::Path(file.path().to_owned())
}

/// Files are read from disk on the desktop; nothing is kept in memory.
pub fn given_file(_path: &Path) -> Option<Arc<[u8]>> {
    None
}

/// The window's title is set through eframe on the desktop.
pub fn show_title(_title: &str) {}

/// Frame times are printed by the window (`ECONLENS_MEASURE_FRAMES`) on the desktop.
pub fn frame_measured(summary: &str) {
    eprintln!("{summary}");
}

/// The desktop reports its first frame itself (`ECONLENS_REPORT_FIRST_FRAME`).
pub fn first_frame_shown() {}

/// The GPU's pixels are read back as soon as it has drawn (see `export::render`).
pub const GPU_READS_BACK: bool = true;

/// Never called on the desktop, where charts are painted on the GPU.
pub fn rasterize_svg(
    _svg: &str,
    _scale: f32,
) -> Result<crate::export::RgbaImage, crate::export::RenderError> {
    Err(crate::export::RenderError::Gpu("charts are painted on the GPU on the desktop".to_owned()))
}

/// Files are read again from the disk.
pub fn reload(_path: &Path) -> super::ReloadWay {
    super::ReloadWay::ReadAgain
}
