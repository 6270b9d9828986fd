//! The export commands of the window: which chart (the one under the
//! pointer, the builder's unsaved chart), where it goes (asking with a
//! proposed name, then before replacing), and handing it to the exporter.

use std::path::PathBuf;
use std::sync::Arc;

use super::EconLensApp;
use crate::chart::Chart;
use crate::export::{ExportFormat, ExportJob, suggested_file_name};
use crate::msg;
use crate::ui::documents::Document;
use crate::ui::exporting::ExportTarget;
use crate::ui::file_picker::Purpose;
use crate::ui::notice::Notice;

impl EconLensApp {
    fn job(&self, chart_id: &str, format: ExportFormat, scale: u8) -> ExportJob {
        let (lang, theme) = (self.settings.lang, self.settings.theme);
        ExportJob { chart_id: chart_id.to_owned(), format, scale, lang, theme }
    }

    /// The charts the exporter draws from for `chart_id`: the loaded data's,
    /// or the chart builder's chart before it is saved.
    fn export_charts(&self, chart_id: &str) -> Arc<Vec<Chart>> {
        match &self.tabs.preview {
            Some(preview) if preview.id == chart_id => Arc::new(vec![Chart::clone(preview)]),
            _ => Arc::clone(&self.session.loaded.charts),
        }
    }

    /// The chart under the pointer if it is on this tab, else the tab's first chart.
    fn current_chart_id(&self) -> Option<String> {
        let view = self.settings.tab.view()?;
        if view == crate::data::model::View::Custom
            && let Some(preview) = &self.tabs.preview
            && self.tabs.hovered_chart.as_deref().is_none_or(|id| id == preview.id)
        {
            return Some(preview.id.clone());
        }
        let charts = &self.session.loaded.charts;
        let on_tab = |id: &str| charts.iter().any(|chart| chart.view == view && chart.id == id);
        self.tabs
            .hovered_chart
            .clone()
            .filter(|id| on_tab(id))
            .or_else(|| charts.iter().find(|chart| chart.view == view).map(|chart| chart.id.clone()))
    }

    /// A card's Export menu: remembers the format, then asks where.
    pub(super) fn export(&mut self, ctx: &egui::Context, chart_id: &str, format: ExportFormat, scale: u8) {
        self.settings.export_format = format;
        self.ask_export(ctx, chart_id, format, scale);
    }

    /// File → Export current chart, in the last format and scale.
    pub(super) fn export_current(&mut self, ctx: &egui::Context) {
        match self.current_chart_id() {
            Some(chart_id) => {
                let (format, scale) = (self.settings.export_format, self.settings.export_scale);
                self.ask_export(ctx, &chart_id, format, scale);
            }
            None => {
                self.notice =
                    Some(Notice::error(msg!("此页没有可导出的图表。", "This tab has no chart to export.")));
            }
        }
    }

    /// Asks where to save, proposing a name from the chart's id and period.
    fn ask_export(&mut self, ctx: &egui::Context, chart_id: &str, format: ExportFormat, scale: u8) {
        let charts = self.export_charts(chart_id);
        let Some(chart) = charts.iter().find(|chart| chart.id == chart_id) else { return };
        let file_name = suggested_file_name(chart, format);
        let job = self.job(chart_id, format, scale);
        self.files.ask(ctx, Purpose::Export { job, file_name }, &self.settings);
    }

    /// The file was chosen: export there (asking first if one is there).
    pub(super) fn export_to(&mut self, ctx: &egui::Context, job: ExportJob, path: PathBuf) {
        if let Some(folder) = path.parent().filter(|folder| folder.is_dir()) {
            self.settings.last_folder = Some(folder.to_owned());
        }
        let charts = self.export_charts(&job.chart_id);
        self.exports.export_to(ctx, job, path, (&charts, &self.session.loaded.dataset));
    }

    /// The user agreed to replace the file.
    pub(super) fn confirm_overwrite(&mut self, ctx: &egui::Context) {
        let chart_id = self.exports.pending_overwrite.as_ref().map(|(_, job)| job.chart_id.clone());
        let charts = self.export_charts(chart_id.as_deref().unwrap_or_default());
        self.exports.confirm_overwrite(ctx, (&charts, &self.session.loaded.dataset));
    }

    /// File → Export report…: the dialog, with this tab ticked.
    pub(super) fn open_report_dialog(&mut self) {
        let view = self.settings.tab.view();
        self.documents.open_dialog(&self.session.loaded.charts, view);
    }

    /// Asks where to write a report or the Data tab's table.
    pub(super) fn ask_document(&mut self, ctx: &egui::Context, document: Document) {
        let file_name = document.file_name(&self.session.loaded.dataset, self.settings.lang);
        self.files.ask(ctx, Purpose::Document { document, file_name }, &self.settings);
    }

    /// The file was chosen: write there on a task (asking first if one is there).
    pub(super) fn write_document(&mut self, ctx: &egui::Context, document: Document, path: PathBuf) {
        if let Some(folder) = path.parent().filter(|folder| folder.is_dir()) {
            self.settings.last_folder = Some(folder.to_owned());
        }
        let loaded = &self.session.loaded;
        self.documents.write_to(ctx, document, path, (&loaded.charts, &loaded.dataset, self.settings.lang));
    }

    pub(super) fn confirm_document_overwrite(&mut self, ctx: &egui::Context) {
        let loaded = &self.session.loaded;
        self.documents.confirm_overwrite(ctx, (&loaded.charts, &loaded.dataset, self.settings.lang));
    }

    /// Draws the chart at the default scale for the clipboard.
    pub(super) fn copy_image(&mut self, ctx: &egui::Context, chart_id: &str) {
        let job = self.job(chart_id, ExportFormat::Png, crate::export::DEFAULT_SCALE);
        let charts = self.export_charts(chart_id);
        self.exports.start(ctx, job, ExportTarget::Clipboard, (&charts, &self.session.loaded.dataset));
    }
}
