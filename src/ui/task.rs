//! The one way the window runs work in the background: loading a file,
//! exporting a chart, importing a table, auditing, saving charts into a data
//! file. A [`Task`] runs its job on a named thread under `catch_unwind`, asks
//! the window to repaint when the job is done, can be cancelled (the job
//! sees it through [`Progress`]) and reports how far it got. Its result
//! comes back once through [`Task::poll`]: the job's value, or a
//! [`Failure`] when the job panicked or its thread vanished — never a result
//! that looks clean or a spinner that never stops. Where no thread can
//! start (a browser has none), the job runs on the window's thread at the
//! next [`Task::poll`], after the frame that started it was shown, so the
//! work is still done and the spinner was seen. Work that waits on the
//! browser (a file being read) is a task finished from outside
//! ([`Task::finished_by`]).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

use web_time::Instant;

use crate::i18n::Message;
use crate::msg;

/// The text a panic carried (`panic!("…")`, an index out of bounds).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

/// Runs `job`, turning a panic into its message.
pub fn catching<T>(job: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(job))
        .map_err(|payload| panic_message(payload.as_ref()))
}

/// Why a task has no result: its job panicked (with the panic's message) or
/// its thread ended without sending one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub reason: String,
}

impl Failure {
    /// What the user reads: the task stopped, why, and what to do.
    pub fn message(&self) -> Message {
        let reason = &self.reason;
        msg!(
            "后台任务意外中止（{reason}），请重试；如再次出现，请报告此问题。",
            "The background task stopped unexpectedly ({reason}); try again, and report it if it happens again."
        )
    }
}

/// "Not reported yet" in [`Shared::progress_permille`].
const NO_PROGRESS: u32 = u32::MAX;

/// What the window and the job share: the cancel flag and the progress.
struct Shared {
    cancelled: AtomicBool,
    progress_permille: AtomicU32,
}

/// The job's side of a task: report progress, notice a cancel.
#[derive(Clone)]
pub struct Progress(Arc<Shared>);

impl Progress {
    /// How far the job is, from 0 to 1.
    pub fn set(&self, fraction: f32) {
        let permille = (fraction.clamp(0.0, 1.0) * 1000.0).round() as u32;
        self.0.progress_permille.store(permille, Ordering::Relaxed);
    }

    /// Whether the window no longer wants the result (a job may stop early).
    pub fn cancelled(&self) -> bool {
        self.0.cancelled.load(Ordering::Relaxed)
    }
}

/// A job running in the background, and its result once.
pub struct Task<T> {
    started: Instant,
    shared: Arc<Shared>,
    /// `None` once the result was taken.
    receiver: Option<Receiver<Result<T, String>>>,
    /// The job, where no thread could start: it runs at the next poll.
    deferred: Option<Box<dyn FnOnce() + Send>>,
}

impl<T: Send + 'static> Task<T> {
    /// Starts `job` on a thread called `name`; `ctx` repaints when it is
    /// done. If no thread can start, `job` runs here before this returns.
    pub fn spawn(ctx: &egui::Context, name: &str, job: impl FnOnce(&Progress) -> T + Send + 'static) -> Self {
        let shared = Arc::new(Shared {
            cancelled: AtomicBool::new(false),
            progress_permille: AtomicU32::new(NO_PROGRESS),
        });
        let (sender, receiver) = channel();
        let progress = Progress(Arc::clone(&shared));
        let repaint = ctx.clone();
        let thread_progress = progress.clone();
        let on_thread: Box<dyn FnOnce() + Send> = Box::new(move || {
            // The receiver is gone only when the window dropped the task.
            let _ = sender.send(catching(|| job(&thread_progress)));
            repaint.request_repaint();
        });
        let deferred = crate::platform::spawn_thread(name, on_thread).err();
        if deferred.is_some() {
            // The next frame runs the job.
            ctx.request_repaint();
        }
        Self { started: Instant::now(), shared, receiver: Some(receiver), deferred }
    }

    /// A task whose result comes from outside (the browser reading a file):
    /// the [`Finish`] given with it sends the value once and repaints `ctx`.
    /// Dropping the [`Finish`] unsent is a failure, as a vanished thread is.
    pub fn finished_by(ctx: &egui::Context) -> (Self, Finish<T>) {
        let shared = Arc::new(Shared {
            cancelled: AtomicBool::new(false),
            progress_permille: AtomicU32::new(NO_PROGRESS),
        });
        let (sender, receiver) = channel();
        let task = Self { started: Instant::now(), shared, receiver: Some(receiver), deferred: None };
        (task, Finish { sender, ctx: ctx.clone() })
    }
}

/// Sends a [`Task::finished_by`] task its value.
pub struct Finish<T> {
    sender: std::sync::mpsc::Sender<Result<T, String>>,
    ctx: egui::Context,
}

impl<T> Finish<T> {
    pub fn send(self, value: T) {
        // Nobody waits any more when the window dropped the task.
        let _ = self.sender.send(Ok(value));
        self.ctx.request_repaint();
    }
}

impl<T> Task<T> {
    /// The result, once, when the job is done: its value, or why there is none.
    pub fn poll(&mut self) -> Option<Result<T, Failure>> {
        if self.receiver.is_some()
            && let Some(job) = self.deferred.take()
        {
            job();
        }
        let receiver = self.receiver.as_ref()?;
        let result = match receiver.try_recv() {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(reason)) => Err(Failure { reason }),
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => {
                Err(Failure { reason: "the thread ended without a result".to_owned() })
            }
        };
        self.receiver = None;
        Some(result)
    }

    /// Tells the job its result is no longer wanted; whatever it sends is dropped.
    pub fn cancel(&mut self) {
        self.shared.cancelled.store(true, Ordering::Relaxed);
        self.receiver = None;
        self.deferred = None;
    }

    /// How far the job said it is, from 0 to 1; `None` before it says.
    pub fn progress(&self) -> Option<f32> {
        match self.shared.progress_permille.load(Ordering::Relaxed) {
            NO_PROGRESS => None,
            permille => Some(permille as f32 / 1000.0),
        }
    }

    /// Time since the task started.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }
}

impl<T> Drop for Task<T> {
    /// A task dropped (replaced by a newer request, the window closed) is cancelled.
    fn drop(&mut self) {
        self.shared.cancelled.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Polls until the task answers (at most ten seconds).
    fn wait<T>(task: &mut Task<T>) -> Result<T, Failure> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(result) = task.poll() {
                return result;
            }
            assert!(Instant::now() < deadline, "the task answered within ten seconds");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn a_job_s_value_comes_back_once() {
        let ctx = egui::Context::default();
        let mut task = Task::spawn(&ctx, "test-value", |_| 6 * 7);
        assert_eq!(wait(&mut task), Ok(42));
        assert_eq!(task.poll(), None, "a result is given once");
    }

    #[test]
    fn a_panicking_job_is_a_failure_with_its_message() {
        let ctx = egui::Context::default();
        let mut task: Task<u32> = Task::spawn(&ctx, "test-panic", |_| {
            let empty: Vec<u32> = Vec::new();
            #[allow(clippy::indexing_slicing)]
            empty[3]
        });
        let failure = wait(&mut task).expect_err("a panic is no result");
        assert!(failure.reason.contains("index out of bounds"), "{}", failure.reason);
        let shown = failure.message().get(crate::i18n::Lang::Zh).to_owned();
        assert!(shown.contains("后台任务意外中止") && shown.contains("index out of bounds"), "{shown}");
    }

    #[test]
    fn progress_and_cancel_reach_the_job() {
        let ctx = egui::Context::default();
        let (go, wait_for_go) = channel::<()>();
        let (saw, seen) = channel::<bool>();
        let mut task = Task::spawn(&ctx, "test-cancel", move |progress| {
            progress.set(0.25);
            let _ = wait_for_go.recv();
            let _ = saw.send(progress.cancelled());
        });
        let deadline = Instant::now() + Duration::from_secs(10);
        while task.progress().is_none() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(task.progress(), Some(0.25));
        task.cancel();
        go.send(()).expect("the job waits");
        assert_eq!(seen.recv_timeout(Duration::from_secs(10)), Ok(true), "the job saw the cancel");
        assert_eq!(task.poll(), None);
    }

    #[test]
    fn dropping_a_task_cancels_its_job() {
        let ctx = egui::Context::default();
        let (go, wait_for_go) = channel::<()>();
        let (saw, seen) = channel::<bool>();
        let task = Task::spawn(&ctx, "test-drop", move |progress| {
            let _ = wait_for_go.recv();
            let _ = saw.send(progress.cancelled());
        });
        drop(task);
        go.send(()).expect("the job waits");
        assert_eq!(seen.recv_timeout(Duration::from_secs(10)), Ok(true));
    }

    #[test]
    fn a_task_finished_from_outside_gives_its_value_or_fails_when_abandoned() {
        let ctx = egui::Context::default();
        let (mut task, finish) = Task::<u32>::finished_by(&ctx);
        assert_eq!(task.poll(), None, "nothing until it is finished");
        finish.send(7);
        assert_eq!(task.poll(), Some(Ok(7)));
        let (mut abandoned, finish) = Task::<u32>::finished_by(&ctx);
        drop(finish);
        assert!(
            matches!(abandoned.poll(), Some(Err(_))),
            "a reader that vanished is a failure, not a spinner"
        );
    }
}
