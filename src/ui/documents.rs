//! Files of many values: a report of charts (File → Export report…, chosen
//! in a dialog: this tab, every tab or some tabs; Word, PDF or HTML; with
//! or without tables) and the Data tab's table as shown (CSV or Excel).
//! Each is written atomically on a background task, one at a time, its
//! progress in the status line; the window keeps drawing, and the result
//! comes back as a notice.

use std::path::PathBuf;
use std::sync::Arc;

use crate::chart::Chart;
use crate::data::model::{Dataset, View};
use crate::export::data_table::{TableFormat, data_csv, data_workbook};
use crate::export::{Drawer, Gpu, write_atomic};
use crate::i18n::{Lang, Message};
use crate::msg;
use crate::report::{Report, ReportFormat, ReportOptions, ReportScope, write_report};
use crate::ui::commands::Command;
use crate::ui::notice::Notice;
use crate::ui::tabs::data_rows::ShownRows;
use crate::ui::task::Task;

/// What File → Export report… was asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportChoice {
    /// The tabs whose charts go in, in tab order.
    pub views: Vec<View>,
    pub format: ReportFormat,
    pub tables: bool,
}

/// A file of many values to write.
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    Report(ReportChoice),
    /// The Data tab's rows, filtered and sorted as shown.
    Table {
        format: TableFormat,
        rows: Arc<ShownRows>,
    },
}

impl Document {
    pub fn extension(&self) -> &'static str {
        match self {
            Self::Report(choice) => choice.format.extension(),
            Self::Table { format, .. } => format.extension(),
        }
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        match self {
            Self::Report(choice) => choice.format.label(lang),
            Self::Table { format, .. } => format.label(lang),
        }
    }

    /// The name the save dialog proposes.
    pub fn file_name(&self, dataset: &Dataset, lang: Lang) -> String {
        match self {
            Self::Report(choice) => crate::report::suggested_file_name(dataset, choice.format, lang),
            Self::Table { format, .. } => format!("{}.{}", lang.tr("数据", "data"), format.extension()),
        }
    }
}

/// The report dialog's choices while it is open.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportDialog {
    /// Each tab with charts, and whether it goes in.
    pub views: Vec<(View, bool)>,
    pub format: ReportFormat,
    pub tables: bool,
}

/// A document being written: where, and the task writing it.
struct Running {
    path: PathBuf,
    is_report: bool,
    task: Task<Result<(), String>>,
}

#[derive(Default)]
pub struct DocumentFlow {
    /// The window's GPU, for a Word report's pictures.
    gpu: Option<Gpu>,
    pub dialog: Option<ReportDialog>,
    /// The format and tables chosen last, offered again.
    last: Option<(ReportFormat, bool)>,
    running: Option<Running>,
    /// A document waiting for the user to agree to replace an existing file.
    pub pending_overwrite: Option<(PathBuf, Document)>,
}

impl DocumentFlow {
    pub fn with_gpu(gpu: Option<Gpu>) -> Self {
        Self { gpu, ..Self::default() }
    }

    /// Opens the report dialog with `current` ticked (every tab when it shows no charts).
    pub fn open_dialog(&mut self, charts: &[Chart], current: Option<View>) {
        let with_charts: Vec<View> = crate::report::SECTION_ORDER
            .into_iter()
            .filter(|view| charts.iter().any(|chart| chart.view == *view))
            .collect();
        let current = current.filter(|view| with_charts.contains(view));
        let views = with_charts
            .into_iter()
            .map(|view| (view, current.is_none_or(|current| current == view)))
            .collect();
        let (format, tables) = self.last.unwrap_or((ReportFormat::Docx, true));
        self.dialog = Some(ReportDialog { views, format, tables });
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Writes `document` to `path`, asking first if a file is there.
    pub fn write_to(
        &mut self,
        ctx: &egui::Context,
        document: Document,
        path: PathBuf,
        data: (&Arc<Vec<Chart>>, &Arc<Dataset>, Lang),
    ) {
        if path.exists() {
            self.pending_overwrite = Some((path, document));
            return;
        }
        self.start(ctx, document, path, data);
    }

    /// The user agreed to replace the file.
    pub fn confirm_overwrite(&mut self, ctx: &egui::Context, data: (&Arc<Vec<Chart>>, &Arc<Dataset>, Lang)) {
        if let Some((path, document)) = self.pending_overwrite.take() {
            self.start(ctx, document, path, data);
        }
    }

    /// Starts writing on a task (replacing, and so cancelling, one still running).
    fn start(
        &mut self,
        ctx: &egui::Context,
        document: Document,
        path: PathBuf,
        (charts, dataset, lang): (&Arc<Vec<Chart>>, &Arc<Dataset>, Lang),
    ) {
        let (charts, dataset, gpu, target) =
            (Arc::clone(charts), Arc::clone(dataset), self.gpu.clone(), path.clone());
        let is_report = matches!(document, Document::Report(_));
        let date = chrono::Local::now().format("%Y-%m-%d").to_string();
        let task = Task::spawn(ctx, "econlens-document", move |progress| match document {
            Document::Report(choice) => {
                let options = ReportOptions {
                    scope: ReportScope::Views(choice.views),
                    format: choice.format,
                    lang,
                    theme: crate::figure::Theme::Light,
                    tables: choice.tables,
                    date,
                };
                let report = Report::plan(&dataset, &charts, options).map_err(|error| error.message(lang))?;
                let mut drawer = Drawer::new(gpu);
                write_report(&report, &mut drawer, &target, &mut |fraction| progress.set(fraction))
                    .map_err(|error| error.message(lang))
            }
            Document::Table { format, rows } => {
                let shown: Vec<_> = rows.rows(&dataset).collect();
                let bytes = match format {
                    TableFormat::Csv => data_csv(&dataset, shown.into_iter(), lang).into_bytes(),
                    TableFormat::Xlsx => data_workbook(&dataset, shown.into_iter(), lang)
                        .map_err(|error| error.message(lang))?,
                };
                write_atomic(&target, &bytes).map_err(|error| error.message(lang))
            }
        });
        self.running = Some(Running { path, is_report, task });
    }

    /// The status line's words while a document is written: `正在生成报告 report.docx…（45%）`.
    pub fn status(&self) -> Option<Message> {
        let running = self.running.as_ref()?;
        let file = running.path.display();
        let percent = (running.task.progress().unwrap_or(0.0) * 100.0).round() as u32;
        Some(if running.is_report {
            msg!("正在生成报告 {file}…（{percent}%）", "Writing the report {file}… ({percent}%)")
        } else {
            msg!("正在导出数据 {file}…", "Exporting the data {file}…")
        })
    }

    /// The notice of a document finished since the last frame.
    pub fn poll(&mut self) -> Option<Notice> {
        let running = self.running.as_mut()?;
        let result = running.task.poll()?;
        let running = self.running.take()?;
        let file = running.path.display();
        Some(match result {
            Ok(Ok(())) => Notice::info(msg!("已导出：{file}", "Exported: {file}")),
            Ok(Err(reason)) => Notice::error(
                Message::new("导出失败：", "Export failed: ").then(&Message::new(reason.clone(), reason)),
            ),
            Err(failure) => Notice::error(
                Message::new("导出任务意外停止：", "The export stopped: ").then(&failure.message()),
            ),
        })
    }

    /// The report dialog, while open: which tabs, which format, tables or not.
    pub fn dialog_ui(&mut self, ctx: &egui::Context, lang: Lang, commands: &mut Vec<Command>) {
        let Some(dialog) = &mut self.dialog else { return };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("report-dialog")).show(ctx, |ui| {
            ui.set_width(380.0);
            ui.heading(lang.tr("导出报告", "Export report"));
            ui.add_space(6.0);
            ui.label(lang.tr("包含的页面：", "Tabs to include:"));
            for (view, chosen) in &mut dialog.views {
                ui.checkbox(chosen, view.label(lang));
            }
            ui.horizontal(|ui| {
                if ui.small_button(lang.tr("全选", "All")).clicked() {
                    dialog.views.iter_mut().for_each(|(_, chosen)| *chosen = true);
                }
                if ui.small_button(lang.tr("全不选", "None")).clicked() {
                    dialog.views.iter_mut().for_each(|(_, chosen)| *chosen = false);
                }
            });
            ui.add_space(6.0);
            ui.label(lang.tr("格式：", "Format:"));
            for format in ReportFormat::ALL {
                ui.radio_value(&mut dialog.format, format, format.label(lang));
            }
            ui.add_space(6.0);
            ui.checkbox(
                &mut dialog.tables,
                lang.tr("每张图表下附数值表", "A table of values under each chart"),
            );
            ui.add_space(10.0);
            let views: Vec<View> =
                dialog.views.iter().filter(|(_, chosen)| *chosen).map(|(view, _)| *view).collect();
            ui.horizontal(|ui| {
                let export =
                    ui.add_enabled(!views.is_empty(), egui::Button::new(lang.tr("导出…", "Export…")));
                if export.clicked() {
                    let choice =
                        ReportChoice { views: views.clone(), format: dialog.format, tables: dialog.tables };
                    self.last = Some((dialog.format, dialog.tables));
                    commands.push(Command::AskDocument(Document::Report(choice)));
                    close = true;
                }
                if ui.button(lang.tr("取消", "Cancel")).clicked()
                    || ui.input(|input| input.key_pressed(egui::Key::Escape))
                {
                    close = true;
                }
            });
            if views.is_empty() {
                ui.label(
                    egui::RichText::new(lang.tr("请至少选择一个页面。", "Choose at least one tab.")).weak(),
                );
            }
        });
        if close {
            self.dialog = None;
        }
    }

    /// Asks whether to replace the file, while a document waits for the answer.
    pub fn overwrite_modal_ui(&self, ctx: &egui::Context, lang: Lang, commands: &mut Vec<Command>) {
        if let Some((path, _)) = &self.pending_overwrite {
            let answers = (Command::ConfirmDocumentOverwrite, Command::CancelDocumentOverwrite);
            crate::ui::export_flow::replace_file_modal_ui(ctx, path, lang, answers, commands);
        }
    }
}
