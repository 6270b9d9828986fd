//! Exports run as background tasks so the window never freezes: drawing a
//! chart at 4× on a software renderer takes a few hundred milliseconds. The
//! tasks share one drawer (its PNG painter on the window's GPU when there is
//! one); the status line shows what is being written and each result comes
//! back as a notice, or as an image for the clipboard.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::Mutex;

use crate::chart::Chart;
use crate::data::model::Dataset;
pub use crate::export::Gpu;
use crate::export::{Drawer, ExportError, ExportJob, RenderError, RgbaImage, export_to_file, find_chart};
use crate::ui::task::Task;

/// Where an export goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportTarget {
    /// Written atomically to this path.
    File(PathBuf),
    /// Rendered, then put on the clipboard by the UI thread.
    Clipboard,
}

/// One export handed to the worker, with the data it was asked for.
pub struct ExportRequest {
    pub job: ExportJob,
    pub target: ExportTarget,
    pub charts: Arc<Vec<Chart>>,
    pub dataset: Arc<Dataset>,
}

/// What a finished export produced.
#[derive(Debug)]
pub enum ExportOutcome {
    Written(PathBuf),
    Image(RgbaImage),
}

/// A finished export, good or bad.
#[derive(Debug)]
pub struct ExportDone {
    pub target: ExportTarget,
    pub result: Result<ExportOutcome, ExportError>,
}

/// The drawer, its parts made on the first export that needs them and kept for the next.
struct Renderer {
    drawer: Drawer,
}

impl Renderer {
    fn run(&mut self, request: ExportRequest) -> ExportDone {
        let ExportRequest { job, target, charts, dataset } = request;
        let result = find_chart(&charts, &job.chart_id).and_then(|chart| match &target {
            ExportTarget::File(path) => {
                export_to_file(chart, &dataset, &job, &mut self.drawer, path)?;
                Ok(ExportOutcome::Written(path.clone()))
            }
            ExportTarget::Clipboard => Ok(ExportOutcome::Image(self.drawer.image(chart, &dataset, &job)?)),
        });
        ExportDone { target, result }
    }
}

/// Exports running as background tasks, oldest first. They share one
/// drawer (so the GPU painter is set up once), taking turns at it.
pub struct ExportWorker {
    renderer: Arc<Mutex<Renderer>>,
    gpu: Option<Gpu>,
    in_flight: Vec<(ExportTarget, Task<ExportDone>)>,
}

impl ExportWorker {
    /// A worker drawing on `gpu` (the window's device) when there is one.
    pub fn new(gpu: Option<Gpu>) -> Self {
        let renderer = Arc::new(Mutex::new(Renderer { drawer: Drawer::new(gpu.clone()) }));
        Self { renderer, gpu, in_flight: Vec::new() }
    }

    /// Starts `request`; `ctx` repaints when it is done.
    pub fn submit(&mut self, ctx: &egui::Context, request: ExportRequest) {
        let target = request.target.clone();
        let (renderer, gpu) = (Arc::clone(&self.renderer), self.gpu.clone());
        let task = Task::spawn(ctx, "econlens-export", move |_| {
            // An export that panicked left the drawer half-made: start a new one.
            let mut renderer = renderer.lock().unwrap_or_else(|poisoned| {
                let mut renderer = poisoned.into_inner();
                *renderer = Renderer { drawer: Drawer::new(gpu) };
                renderer
            });
            renderer.run(request)
        });
        self.in_flight.push((target, task));
    }

    /// Exports not finished yet, oldest first.
    pub fn in_flight(&self) -> impl Iterator<Item = &ExportTarget> {
        self.in_flight.iter().map(|(target, _)| target)
    }

    /// Every export finished since the last call; one whose task died (a
    /// driver panic) comes back as an error with the panic's message.
    pub fn poll(&mut self) -> Vec<ExportDone> {
        let mut done = Vec::new();
        self.in_flight.retain_mut(|(target, task)| match task.poll() {
            None => true,
            Some(Ok(finished)) => {
                done.push(finished);
                false
            }
            Some(Err(failure)) => {
                let result = Err(RenderError::Died(failure.reason).into());
                done.push(ExportDone { target: target.clone(), result });
                false
            }
        });
        done
    }
}
