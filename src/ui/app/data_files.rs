//! The window's writes to data files: the chart builder's charts saved into
//! the file on screen, or a copy of the embedded data with them. The work
//! runs as a [`Saving`] task; when it is written the file is shown (loaded
//! from the text just written) and the builder goes on editing the chart.

use super::EconLensApp;
use crate::data::raw::RawChart;
use crate::data::saved_chart::SavedChart;
use crate::data::to_raw::raw_chart;
use crate::msg;
use crate::ui::file_picker::Purpose;
use crate::ui::notice::Notice;
use crate::ui::saving::{Saved, Saving};
use crate::ui::session::Origin;

impl EconLensApp {
    /// The chart builder's Save: adds or replaces the chart in the file.
    pub(super) fn save_chart(&mut self, ctx: &egui::Context, saved: &SavedChart) {
        let raw = raw_chart(&self.session.loaded.dataset, saved);
        let editing = Some(saved.id.clone());
        self.change_saved_charts(ctx, editing, move |charts| {
            match charts.iter_mut().find(|chart| chart.id == raw.id) {
                Some(existing) => *existing = raw,
                None => charts.push(raw),
            }
        });
    }

    /// The chart builder's Delete.
    pub(super) fn delete_saved_chart(&mut self, ctx: &egui::Context, id: String) {
        self.change_saved_charts(ctx, None, move |charts| charts.retain(|chart| chart.id != id));
    }

    /// Changes the saved charts of the file on screen in the background; for
    /// the embedded data, asks where to write a copy with the charts instead.
    fn change_saved_charts(
        &mut self,
        ctx: &egui::Context,
        editing: Option<String>,
        change: impl FnOnce(&mut Vec<RawChart>) + Send + 'static,
    ) {
        let Origin::File(path) = self.session.loaded.origin.clone() else {
            let dataset = &self.session.loaded.dataset;
            let mut charts: Vec<RawChart> =
                dataset.charts().iter().map(|chart| raw_chart(dataset, chart)).collect();
            change(&mut charts);
            self.notice = Some(Notice::info(msg!(
                "内置数据不能修改：请选择一个位置，保存带有该图表的数据副本。",
                "The embedded data cannot be changed: choose where to save a copy of it with the chart."
            )));
            self.files.ask(ctx, Purpose::SaveDataCopy { charts }, &self.settings);
            return;
        };
        self.saving = Some(Saving::charts(ctx, path, editing, change));
    }

    /// Writes the embedded data with `charts` to `path` in the background, then opens it.
    pub(super) fn write_data_copy(
        &mut self,
        ctx: &egui::Context,
        path: std::path::PathBuf,
        charts: Vec<RawChart>,
    ) {
        self.saving = Some(Saving::data_copy(ctx, path, charts));
    }

    /// Takes a finished save: shows the file written, or says why it was not.
    pub(super) fn poll_saving(&mut self, ctx: &egui::Context) {
        let Some(finished) = self.saving.as_mut().and_then(Saving::poll) else { return };
        self.saving = None;
        match finished {
            Ok(written) => {
                let events = self.session.show_written(ctx, &written.path, *written.prepared);
                self.take_events(ctx, events);
                if let Saved::Charts { editing } = written.saved {
                    self.tabs.custom.draft.editing = editing;
                }
                self.notice = Some(Notice::info(written.notice));
            }
            Err(message) => self.notice = Some(Notice::error(message)),
        }
    }
}
