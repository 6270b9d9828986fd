//! The export workflow in the window: where the file goes (asking before
//! replacing one), drawing it on the export thread, and saying how it went.
//! Images for the clipboard come back from the same thread.

use std::path::PathBuf;
use std::sync::Arc;

use crate::chart::Chart;
use crate::data::model::Dataset;
use crate::export::ExportJob;
use crate::i18n::{Lang, Message};
use crate::msg;
use crate::ui::commands::Command;
use crate::ui::exporting::{ExportDone, ExportOutcome, ExportRequest, ExportTarget, ExportWorker, Gpu};
use crate::ui::notice::Notice;

#[derive(Default)]
pub struct ExportFlow {
    /// The window's GPU, shared by offscreen export rendering.
    gpu: Option<Gpu>,
    /// Made on the first export.
    worker: Option<ExportWorker>,
    /// An export waiting for the user to agree to replace an existing file.
    pub pending_overwrite: Option<(PathBuf, ExportJob)>,
}

impl ExportFlow {
    pub fn with_gpu(gpu: Option<Gpu>) -> Self {
        Self { gpu, ..Self::default() }
    }

    /// Exports to `path`, asking first if a file is there.
    pub fn export_to(
        &mut self,
        ctx: &egui::Context,
        job: ExportJob,
        path: PathBuf,
        data: (&Arc<Vec<Chart>>, &Arc<Dataset>),
    ) {
        if path.exists() {
            self.pending_overwrite = Some((path, job));
            return;
        }
        self.start(ctx, job, ExportTarget::File(path), data);
    }

    /// The user agreed to replace the file.
    pub fn confirm_overwrite(&mut self, ctx: &egui::Context, data: (&Arc<Vec<Chart>>, &Arc<Dataset>)) {
        if let Some((path, job)) = self.pending_overwrite.take() {
            self.start(ctx, job, ExportTarget::File(path), data);
        }
    }

    /// Starts an export as a background task; the result arrives as a
    /// notice through [`Self::poll`].
    pub fn start(
        &mut self,
        ctx: &egui::Context,
        job: ExportJob,
        target: ExportTarget,
        (charts, dataset): (&Arc<Vec<Chart>>, &Arc<Dataset>),
    ) {
        let request = ExportRequest { job, target, charts: Arc::clone(charts), dataset: Arc::clone(dataset) };
        let gpu = &self.gpu;
        self.worker.get_or_insert_with(|| ExportWorker::new(gpu.clone())).submit(ctx, request);
    }

    /// The notices of exports finished since the last frame.
    pub fn poll(&mut self, ctx: &egui::Context) -> Vec<Notice> {
        let Some(worker) = &mut self.worker else { return Vec::new() };
        worker.poll().into_iter().map(|done| finished(ctx, done)).collect()
    }

    /// The export being drawn or written now (the oldest unfinished), if any.
    pub fn in_flight(&self) -> Option<&ExportTarget> {
        self.worker.as_ref().and_then(|worker| worker.in_flight().next())
    }

    /// The status line's words while an export runs.
    pub fn status(&self) -> Option<Message> {
        Some(match self.in_flight()? {
            ExportTarget::File(path) => {
                let file = path.display();
                msg!("正在导出 {file}…", "Exporting {file}…")
            }
            ExportTarget::Clipboard => Message::new("正在生成图片…", "Drawing the image…"),
        })
    }

    /// Asks whether to replace the file, while an export waits for the answer.
    pub fn overwrite_modal_ui(&self, ctx: &egui::Context, lang: Lang, commands: &mut Vec<Command>) {
        if let Some((path, _)) = &self.pending_overwrite {
            let answers = (Command::ConfirmOverwrite, Command::CancelOverwrite);
            replace_file_modal_ui(ctx, path, lang, answers, commands);
        }
    }
}

/// Asks whether to replace `path`; the answer is one of the two commands.
pub fn replace_file_modal_ui(
    ctx: &egui::Context,
    path: &std::path::Path,
    lang: Lang,
    (replace, cancel): (Command, Command),
    commands: &mut Vec<Command>,
) {
    let file = path.display();
    let text = msg!("{file} 已存在。要替换它吗？", "{file} already exists. Replace it?");
    egui::Modal::new(egui::Id::unique("confirm-overwrite")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.label(text.get(lang));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(lang.tr("替换", "Replace")).clicked() {
                commands.push(replace);
            }
            if ui.button(lang.tr("取消", "Cancel")).clicked() {
                commands.push(cancel);
            }
        });
    });
}

/// Says where an export went, or why it could not; puts images on the clipboard.
fn finished(ctx: &egui::Context, done: ExportDone) -> Notice {
    match (done.target, done.result) {
        (_, Ok(ExportOutcome::Written(path))) => {
            let file = path.display();
            Notice::info(msg!("已导出：{file}", "Exported: {file}"))
        }
        (_, Ok(ExportOutcome::Image(image))) => {
            let size = [image.width as usize, image.height as usize];
            ctx.copy_image(egui::ColorImage::from_rgba_unmultiplied(size, &image.pixels));
            Notice::info(msg!("图片已复制到剪贴板。", "Image copied to the clipboard."))
        }
        (ExportTarget::File(_), Err(error)) => Notice::error(
            Message::new("导出失败：", "Export failed: ")
                .then(&Message::new(error.message(Lang::Zh), error.message(Lang::En))),
        ),
        (ExportTarget::Clipboard, Err(error)) => Notice::error(
            Message::new("复制失败：", "Copy failed: ")
                .then(&Message::new(error.message(Lang::Zh), error.message(Lang::En))),
        ),
    }
}
