//! Exports run on their own thread so the window never freezes: drawing a
//! chart at 4× on a software renderer takes a few hundred milliseconds. The
//! worker keeps one drawer (its PNG painter on the window's GPU when there
//! is one) and takes jobs in order; the status line shows what is being written
//! and the result comes back as a notice, or as an image for the clipboard.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use crate::chart::Chart;
use crate::data::model::Dataset;
pub use crate::export::Gpu;
use crate::export::{
    Drawer, ExportError, ExportJob, RenderError, RgbaImage, export_to_file, find_chart, render_image,
};

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
            ExportTarget::Clipboard => {
                Ok(ExportOutcome::Image(render_image(chart, &dataset, &job, self.drawer.offscreen()?)?))
            }
        });
        ExportDone { target, result }
    }
}

/// The export thread and the jobs sent to it that have not come back yet.
pub struct ExportWorker {
    sender: Sender<ExportRequest>,
    receiver: Receiver<ExportDone>,
    /// In the order sent; the worker answers in the same order.
    in_flight: Vec<ExportTarget>,
    stopped: bool,
}

impl ExportWorker {
    /// Starts the thread; it asks `ctx` to repaint after each job. `None` if
    /// no thread could be started.
    pub fn start(gpu: Option<Gpu>, ctx: &egui::Context) -> Option<Self> {
        let (sender, requests) = channel::<ExportRequest>();
        let (results, receiver) = channel();
        let repaint = ctx.clone();
        std::thread::Builder::new()
            .name("econlens-export".to_owned())
            .spawn(move || {
                let mut renderer = Renderer { drawer: Drawer::new(gpu) };
                for request in requests {
                    if results.send(renderer.run(request)).is_err() {
                        break;
                    }
                    repaint.request_repaint();
                }
            })
            .ok()?;
        Some(Self { sender, receiver, in_flight: Vec::new(), stopped: false })
    }

    /// Queues `request`; on failure (the thread is gone) gives it back.
    pub fn submit(&mut self, request: ExportRequest) -> Result<(), ExportRequest> {
        let target = request.target.clone();
        self.sender.send(request).map_err(|error| {
            self.stopped = true;
            error.0
        })?;
        self.in_flight.push(target);
        Ok(())
    }

    /// Exports not finished yet, oldest first.
    pub fn in_flight(&self) -> &[ExportTarget] {
        &self.in_flight
    }

    /// Every export finished since the last call. If the thread died (a
    /// driver panic), the jobs it held come back as errors.
    pub fn poll(&mut self) -> Vec<ExportDone> {
        let mut done = Vec::new();
        loop {
            match self.receiver.try_recv() {
                Ok(finished) => {
                    if !self.in_flight.is_empty() {
                        self.in_flight.remove(0);
                    }
                    done.push(finished);
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.stopped = true;
                    done.extend(
                        self.in_flight
                            .drain(..)
                            .map(|target| ExportDone { target, result: Err(RenderError::Stopped.into()) }),
                    );
                    break;
                }
            }
        }
        done
    }

    /// Whether the thread has gone (a new worker takes the next job).
    pub fn has_stopped(&self) -> bool {
        self.stopped
    }
}

/// Runs `request` on the calling thread: the fallback when no thread starts.
pub fn export_here(gpu: Option<Gpu>, request: ExportRequest) -> ExportDone {
    Renderer { drawer: Drawer::new(gpu) }.run(request)
}
