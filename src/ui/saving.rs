//! Writing data files from the window: the chart builder's charts saved
//! into the file on screen, or a copy of the embedded data with them. The
//! file is read, changed, checked and written atomically on a background
//! [`Task`] (a data file may be hundreds of megabytes), then loaded from the
//! text just written, so the window shows exactly what is on disk without
//! reading it again.

use std::path::PathBuf;

use crate::data::charts_section::{checked_with_charts, update_charts};
use crate::data::load_text;
use crate::data::raw::RawChart;
use crate::i18n::{Lang, Message};
use crate::msg;
use crate::ui::loading::Prepared;
use crate::ui::task::Task;

/// What a save was for, and what follows when it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    /// The charts of the file on screen changed; the builder now edits this
    /// chart (`None` after a delete).
    Charts { editing: Option<String> },
    /// A copy of the embedded data with its charts was written.
    DataCopy,
}

/// A save that finished: the file, what it loads as, and what to tell the user.
pub struct Written {
    pub path: PathBuf,
    pub prepared: Box<Prepared>,
    pub saved: Saved,
    pub notice: Message,
}

/// A save running in the background.
pub struct Saving {
    pub path: PathBuf,
    saved: Saved,
    task: Task<Result<Written, Message>>,
}

impl Saving {
    /// Changes the `charts` section of the data file at `path` with `change`.
    pub fn charts(
        ctx: &egui::Context,
        path: PathBuf,
        editing: Option<String>,
        change: impl FnOnce(&mut Vec<RawChart>) + Send + 'static,
    ) -> Self {
        let saved = Saved::Charts { editing };
        let (thread_path, thread_saved) = (path.clone(), saved.clone());
        let task = Task::spawn(ctx, "econlens-save-charts", move |_| {
            let text = update_charts(&thread_path, change).map_err(|error| {
                Message::new("无法保存图表：", "Could not save the chart: ")
                    .then(&both(|lang| error.message(lang)))
            })?;
            let file = thread_path.display().to_string();
            let notice = msg!("图表已保存到 {file}", "Charts saved to {file}");
            written(thread_path, &text, thread_saved, notice)
        });
        Self { path, saved, task }
    }

    /// Writes the embedded data with `charts` to `path`, a new file (an
    /// existing one is never replaced, so no data is lost).
    pub fn data_copy(ctx: &egui::Context, path: PathBuf, charts: Vec<RawChart>) -> Self {
        let thread_path = path.clone();
        let task = Task::spawn(ctx, "econlens-save-copy", move |_| {
            let file = thread_path.display().to_string();
            if thread_path.exists() {
                return Err(msg!(
                    "{file} 已存在；为免覆盖数据，请选择新的文件名。",
                    "{file} already exists; choose a new name, so no data is overwritten."
                ));
            }
            let could_not = |reason: Message| Message::new("无法保存：", "Could not save: ").then(&reason);
            let text = checked_with_charts(crate::data::EMBEDDED_DATASET, &charts)
                .map_err(|error| could_not(both(|lang| error.message(lang))))?;
            crate::export::write_atomic(&thread_path, text.as_bytes())
                .map_err(|error| could_not(both(|lang| error.message(lang))))?;
            let notice = msg!("数据和图表已保存到 {file}", "The data and charts were saved to {file}");
            written(thread_path, &text, Saved::DataCopy, notice)
        });
        Self { path, saved: Saved::DataCopy, task }
    }

    /// What the save is for.
    pub fn saved(&self) -> &Saved {
        &self.saved
    }

    /// The result once the task is done; a task that died is an error with its reason.
    pub fn poll(&mut self) -> Option<Result<Written, Message>> {
        Some(self.task.poll()?.unwrap_or_else(|failure| Err(failure.message())))
    }
}

/// The file just written, loaded from its text.
fn written(path: PathBuf, text: &str, saved: Saved, notice: Message) -> Result<Written, Message> {
    let dataset = load_text(&path, text).map_err(|error| {
        Message::new("已保存，但无法重新读取：", "Saved, but it does not load again: ")
            .then(&both(|lang| error.message(lang)))
    })?;
    Ok(Written { path, prepared: Box::new(Prepared::new(dataset)), saved, notice })
}

/// A message from a function that speaks either language.
fn both(text: impl Fn(Lang) -> String) -> Message {
    Message::new(text(Lang::Zh), text(Lang::En))
}
