//! The app: its parts, one frame, and the commands that change it.
//!
//! A frame reads input (shortcuts, dropped files), lets the session and the
//! exporter report what finished, draws the chrome and the current tab, and
//! then applies every [`Command`] the user gave during it. The parts live in
//! their own files: [`Settings`] (what is remembered, checked once),
//! [`Session`] (the data on screen: load, reload, watch), [`ExportFlow`],
//! [`FilePicker`], the shortcut table and the window chrome.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use crate::chart::Chart;
use crate::data::charts_section::{checked_with_charts, update_charts};
use crate::data::raw::RawChart;
use crate::data::to_raw::raw_chart;
use crate::export::{ExportFormat, ExportJob, suggested_file_name};
use crate::figure::setup_context;
use crate::i18n::{Lang, Message};
use crate::msg;
use crate::ui::chrome;
use crate::ui::commands::Command;
use crate::ui::export_flow::ExportFlow;
use crate::ui::exporting::ExportTarget;
use crate::ui::file_picker::{FilePicker, Purpose, TABLE_EXTENSIONS};
use crate::ui::graphics::{self, InUse, Renderer};
use crate::ui::import_dialog::import_dialog_ui;
use crate::ui::import_flow::{ImportFlow, Outcome};
use crate::ui::loading::Prepared;
use crate::ui::notice::Notice;
use crate::ui::session::{ErrorReport, LoadEvent, Loaded, Origin, Session};
use crate::ui::settings::Settings;
use crate::ui::shortcuts;
use crate::ui::tabs::custom_state::CustomState;
use crate::ui::tabs::data::{DataTabState, data_ui};
use crate::ui::tabs::sources::{SourcesTabState, sources_ui};
use crate::ui::tabs::{self, Tab, TabContext};

pub struct EconLensApp {
    pub settings: Settings,
    session: Session,
    /// The latest message for the status line.
    pub notice: Option<Notice>,
    exports: ExportFlow,
    files: FilePicker,
    /// File → Import table… while its dialog is open.
    import: Option<ImportFlow>,
    pub data_tab: DataTabState,
    pub sources_tab: SourcesTabState,
    pub checks_tab: tabs::checks::ChecksTabState,
    pub custom_tab: CustomState,
    /// The chart builder's latest chart, so it can be exported before it is saved.
    preview: Option<Arc<Chart>>,
    /// The chart under the pointer, for File → Export current chart.
    hovered_chart: Option<String>,
    /// Each chart card's height when last drawn, for the data generation below.
    card_heights: HashMap<String, f32>,
    card_heights_generation: u64,
    commands: Vec<Command>,
    reset_pending: HashSet<String>,
    title_sent: Option<String>,
    /// When set, the first frame prints how long start-up took.
    first_frame_report: Option<std::time::Instant>,
    /// The graphics backend of the window (none in tests, which have no window).
    graphics: Option<InUse>,
}

impl EconLensApp {
    /// Called by eframe: restores and checks the settings (the first start
    /// speaks `--lang` or the system's language), installs the fonts, loads
    /// the data, and shares the window's GPU with exports.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        file: Option<PathBuf>,
        max_size_bytes: u64,
        lang: Option<Lang>,
        graphics: InUse,
    ) -> Self {
        let first_lang = lang.unwrap_or_else(Lang::from_system);
        let mut app = Self::from_storage(&cc.egui_ctx, cc.storage, file, max_size_bytes, first_lang);
        let gpu = cc.wgpu_render_state.as_ref().map(|state| (state.device.clone(), state.queue.clone()));
        app.exports = ExportFlow::with_gpu(gpu);
        if app.notice.is_none() {
            app.notice = graphics.fallback_notice().map(Notice::info);
        }
        app.graphics = Some(graphics);
        app
    }

    /// Starts the app as eframe does, from whatever settings `storage`
    /// holds; settings that are unreadable or out of range are reset with a
    /// notice. With none stored (the first start), the interface speaks `first_lang`.
    pub fn from_storage(
        ctx: &egui::Context,
        storage: Option<&dyn eframe::Storage>,
        file: Option<PathBuf>,
        max_size_bytes: u64,
        first_lang: Lang,
    ) -> Self {
        let (settings, notice) = Settings::restore(storage, first_lang);
        let mut app = Self::with_settings(ctx, settings, file, max_size_bytes);
        if notice.is_some() && app.notice.is_none() {
            app.notice = notice.map(Notice::error);
        }
        app
    }

    /// Builds the app with given settings; tests and benchmarks start from a known state.
    pub fn with_settings(
        ctx: &egui::Context,
        settings: Settings,
        file: Option<PathBuf>,
        max_size_bytes: u64,
    ) -> Self {
        setup_context(ctx);
        ctx.set_theme(settings.theme.egui());
        let mut app = Self {
            settings,
            session: Session::embedded(max_size_bytes),
            notice: None,
            exports: ExportFlow::default(),
            files: FilePicker::default(),
            import: None,
            data_tab: DataTabState::default(),
            sources_tab: SourcesTabState::default(),
            checks_tab: tabs::checks::ChecksTabState::default(),
            custom_tab: CustomState::default(),
            preview: None,
            hovered_chart: None,
            card_heights: HashMap::new(),
            card_heights_generation: 0,
            commands: Vec::new(),
            reset_pending: HashSet::new(),
            title_sent: None,
            first_frame_report: None,
            graphics: None,
        };
        match file {
            // `econlens table.xlsx` starts on the embedded data with the import dialog open.
            Some(path) if is_table(&path) => app.import = Some(ImportFlow::start(ctx, path)),
            Some(path) => app.open(ctx, &path),
            None => {}
        }
        app
    }

    /// The data on screen.
    pub fn loaded(&self) -> &Loaded {
        &self.session.loaded
    }

    /// Why the last file could not be opened, while the panel shows it.
    pub fn error(&self) -> Option<&ErrorReport> {
        self.session.error.as_ref()
    }

    /// Whether a file is loading in the background.
    pub fn is_loading(&self) -> bool {
        self.session.pending().is_some()
    }

    /// Whether an export is still being drawn or written.
    pub fn is_exporting(&self) -> bool {
        self.exports.in_flight().is_some()
    }

    /// Whether an export waits for the user to agree to replace a file.
    pub fn asks_to_overwrite(&self) -> bool {
        self.exports.pending_overwrite.is_some()
    }

    /// Whether the built-in file dialog is open.
    pub fn file_dialog_open(&self) -> bool {
        self.files.is_open()
    }

    /// Prints the time from `started` to the first frame, once (start-up benchmark).
    pub fn report_first_frame_since(&mut self, started: std::time::Instant) {
        self.first_frame_report = Some(started);
    }

    /// Shows `prepared` data now, as a finished load does (benchmarks use it).
    pub fn replace_data(&mut self, prepared: Prepared, origin: Origin) {
        self.session.replace_data(prepared, origin);
    }

    /// View → Graphics: remembers the backend for the next start (the
    /// window cannot change its backend while it is open).
    fn set_renderer(&mut self, renderer: Renderer) {
        let Some(graphics) = &mut self.graphics else { return };
        let saved = match &graphics.folder {
            Some(folder) => {
                graphics::remember(folder, renderer).map_err(|error| error.message(self.settings.lang))
            }
            None => Err(self
                .settings
                .lang
                .tr("找不到保存设置的文件夹", "no folder to keep settings in")
                .to_owned()),
        };
        self.notice = Some(match saved {
            Ok(()) => {
                graphics.next_start = renderer;
                let name = renderer.label(Lang::En);
                Notice::info(msg!(
                    "下次启动时使用图形接口：{name}",
                    "The next start uses the graphics backend: {name}"
                ))
            }
            Err(reason) => Notice::error(msg!(
                "无法保存图形设置：{reason}",
                "Cannot save the graphics setting: {reason}"
            )),
        });
    }

    fn open(&mut self, ctx: &egui::Context, path: &std::path::Path) {
        let events = self.session.open(ctx, path);
        self.take_events(events);
    }

    fn take_events(&mut self, events: Vec<LoadEvent>) {
        for event in events {
            match event {
                LoadEvent::Opened(path) => {
                    self.settings.remember_recent(&path);
                    // The focus the user chose for this file before.
                    let dataset = &self.session.loaded.dataset;
                    let remembered = self.settings.focus_for(&path).and_then(|id| dataset.region_by_id(id));
                    if let Some(region) = remembered {
                        self.session.set_focus(region);
                    }
                }
                LoadEvent::Notice(notice) => self.notice = Some(notice),
            }
        }
    }

    /// Makes `region` the focus, remembers it for the file and says so.
    fn set_focus(&mut self, region: crate::data::model::RegionIx) {
        if !self.session.set_focus(region) {
            return;
        }
        let dataset = &self.session.loaded.dataset;
        let (id, name) = (dataset.region(region).id.clone(), dataset.region(region).name.clone());
        if let Origin::File(path) = &self.session.loaded.origin {
            self.settings.remember_focus(path, &id);
        }
        let (zh, en) = (name.zh.clone(), name.en.clone().unwrap_or_else(|| name.zh.clone()));
        self.notice = Some(crate::ui::notice::Notice::info(crate::msg!(
            "重点地区：{zh}（记在本机设置中，数据文件不变）",
            "Focus region: {en} (remembered on this computer; the data file is unchanged)"
        )));
    }

    fn ask_file(&mut self, purpose: Purpose) {
        let (command, notice) = self.files.ask(purpose, &self.settings);
        self.commands.extend(command);
        if notice.is_some() {
            self.notice = notice;
        }
    }

    fn job(&self, chart_id: &str, format: ExportFormat, scale: u8) -> ExportJob {
        let (lang, theme) = (self.settings.lang, self.settings.theme);
        ExportJob { chart_id: chart_id.to_owned(), format, scale, lang, theme }
    }

    /// The charts the exporter draws from for `chart_id`: the loaded data's,
    /// or the chart builder's chart before it is saved.
    fn export_charts(&self, chart_id: &str) -> Arc<Vec<Chart>> {
        match &self.preview {
            Some(preview) if preview.id == chart_id => Arc::new(vec![Chart::clone(preview)]),
            _ => Arc::clone(&self.session.loaded.charts),
        }
    }

    /// The chart under the pointer if it is on this tab, else the tab's first chart.
    fn current_chart_id(&self) -> Option<String> {
        let view = self.settings.tab.view()?;
        if view == crate::data::model::View::Custom
            && let Some(preview) = &self.preview
            && self.hovered_chart.as_deref().is_none_or(|id| id == preview.id)
        {
            return Some(preview.id.clone());
        }
        let charts = &self.session.loaded.charts;
        let on_tab = |id: &str| charts.iter().any(|chart| chart.view == view && chart.id == id);
        self.hovered_chart
            .clone()
            .filter(|id| on_tab(id))
            .or_else(|| charts.iter().find(|chart| chart.view == view).map(|chart| chart.id.clone()))
    }

    /// Carries out one command. Public so tests can drive what a menu would.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenDialog => self.ask_file(Purpose::Open),
            Command::ImportDialog => self.ask_file(Purpose::ImportTable),
            Command::ImportTable(path) => self.import = Some(ImportFlow::start(ctx, path)),
            Command::Open(path) => self.open(ctx, &path),
            Command::Reload => {
                let events = self.session.reload(ctx);
                self.take_events(events);
            }
            Command::SelectTab(tab) => self.settings.tab = tab,
            Command::SetFocus(region) => self.set_focus(region),
            Command::SetLang(lang) => self.settings.lang = lang,
            Command::SetRenderer(renderer) => self.set_renderer(renderer),
            Command::SetTheme(theme) => {
                self.settings.theme = theme;
                ctx.set_theme(theme.egui());
            }
            Command::DismissError => self.session.error = None,
            Command::ClearRecent => self.settings.recent_files.clear(),
            Command::ResetChart(id) => {
                self.reset_pending.insert(id);
                ctx.request_repaint();
            }
            Command::OpenUrl(url) => ctx.open_url(egui::OpenUrl::new_tab(url)),
            Command::Export { chart_id, format, scale } => {
                self.settings.export_format = format;
                self.ask_export(&chart_id, format, scale);
            }
            Command::ExportCurrent => match self.current_chart_id() {
                Some(chart_id) => {
                    self.ask_export(&chart_id, self.settings.export_format, self.settings.export_scale);
                }
                None => {
                    self.notice = Some(Notice::error(msg!(
                        "此页没有可导出的图表。",
                        "This tab has no chart to export."
                    )));
                }
            },
            Command::ExportTo { job, path } => {
                if let Some(folder) = path.parent().filter(|folder| folder.is_dir()) {
                    self.settings.last_folder = Some(folder.to_owned());
                }
                let charts = self.export_charts(&job.chart_id);
                if let Some(notice) =
                    self.exports.export_to(ctx, job, path, (&charts, &self.session.loaded.dataset))
                {
                    self.notice = Some(notice);
                }
            }
            Command::ConfirmOverwrite => {
                let chart_id = self.exports.pending_overwrite.as_ref().map(|(_, job)| job.chart_id.clone());
                let charts = self.export_charts(chart_id.as_deref().unwrap_or_default());
                if let Some(notice) =
                    self.exports.confirm_overwrite(ctx, (&charts, &self.session.loaded.dataset))
                {
                    self.notice = Some(notice);
                }
            }
            Command::CancelOverwrite => self.exports.pending_overwrite = None,
            Command::CopyImage(chart_id) => {
                let job = self.job(&chart_id, ExportFormat::Png, crate::export::DEFAULT_SCALE);
                let charts = self.export_charts(&chart_id);
                let data = (&charts, &self.session.loaded.dataset);
                if let Some(notice) = self.exports.start(ctx, job, ExportTarget::Clipboard, data) {
                    self.notice = Some(notice);
                }
            }
            Command::SaveChart(saved) => {
                let id = saved.id.clone();
                let raw = raw_chart(&self.session.loaded.dataset, &saved);
                if self.change_saved_charts(ctx, |charts| {
                    match charts.iter_mut().find(|chart| chart.id == raw.id) {
                        Some(existing) => *existing = raw,
                        None => charts.push(raw),
                    }
                }) {
                    self.custom_tab.draft.editing = Some(id);
                }
            }
            Command::DeleteSavedChart(id) => {
                if self.change_saved_charts(ctx, |charts| charts.retain(|chart| chart.id != id)) {
                    self.custom_tab.draft.editing = None;
                }
            }
            Command::WriteDataCopy { path, charts } => self.write_data_copy(ctx, &path, &charts),
            Command::Notify(message) => self.notice = Some(Notice::info(message)),
            Command::SetExportScale(scale) => self.settings.export_scale = scale,
            Command::SetExportFormat(format) => self.settings.export_format = format,
            Command::SetFileDialog(choice) => self.settings.file_dialog = choice,
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// Asks where to save, proposing a name from the chart's id and period.
    fn ask_export(&mut self, chart_id: &str, format: ExportFormat, scale: u8) {
        let charts = self.export_charts(chart_id);
        let Some(chart) = charts.iter().find(|chart| chart.id == chart_id) else { return };
        let file_name = suggested_file_name(chart, format);
        let job = self.job(chart_id, format, scale);
        self.ask_file(Purpose::Export { job, file_name });
    }

    /// Changes the saved charts of the file on screen and reloads it; for the
    /// embedded data, asks where to write a copy with the charts instead.
    /// Whether the change was written.
    fn change_saved_charts(&mut self, ctx: &egui::Context, change: impl FnOnce(&mut Vec<RawChart>)) -> bool {
        let Origin::File(path) = self.session.loaded.origin.clone() else {
            let dataset = &self.session.loaded.dataset;
            let mut charts: Vec<RawChart> =
                dataset.charts.iter().map(|chart| raw_chart(dataset, chart)).collect();
            change(&mut charts);
            self.notice = Some(Notice::info(msg!(
                "内置数据不能修改：请选择一个位置，保存带有该图表的数据副本。",
                "The embedded data cannot be changed: choose where to save a copy of it with the chart."
            )));
            self.ask_file(Purpose::SaveDataCopy { charts });
            return false;
        };
        match update_charts(&path, change) {
            Ok(()) => {
                let file = path.display();
                self.notice = Some(Notice::info(msg!("图表已保存到 {file}", "Charts saved to {file}")));
                let events = self.session.reload(ctx);
                self.take_events(events);
                true
            }
            Err(error) => {
                let message = Message::new(error.message(Lang::Zh), error.message(Lang::En));
                self.notice = Some(Notice::error(
                    Message::new("无法保存图表：", "Could not save the chart: ").then(&message),
                ));
                false
            }
        }
    }

    /// Writes the embedded data with `charts` to `path` and opens it.
    fn write_data_copy(&mut self, ctx: &egui::Context, path: &std::path::Path, charts: &[RawChart]) {
        let file = path.display();
        if path.exists() {
            self.notice = Some(Notice::error(msg!(
                "{file} 已存在；为免覆盖数据，请选择新的文件名。",
                "{file} already exists; choose a new name, so no data is overwritten."
            )));
            return;
        }
        let written = checked_with_charts(crate::data::EMBEDDED_DATASET, charts)
            .map_err(|error| Message::new(error.message(Lang::Zh), error.message(Lang::En)))
            .and_then(|text| {
                crate::export::write_atomic(path, text.as_bytes())
                    .map_err(|error| Message::new(error.message(Lang::Zh), error.message(Lang::En)))
            });
        match written {
            Ok(()) => {
                self.open(ctx, path);
                self.notice = Some(Notice::info(msg!(
                    "数据和图表已保存到 {file}",
                    "The data and charts were saved to {file}"
                )));
            }
            Err(message) => {
                self.notice =
                    Some(Notice::error(Message::new("无法保存：", "Could not save: ").then(&message)));
            }
        }
    }

    fn window_title(&mut self, ctx: &egui::Context) {
        let title = format!("{} — EconLens", self.session.loaded.dataset.title.get(self.settings.lang));
        if self.title_sent.as_ref() != Some(&title) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = Some(title);
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped =
            ctx.input(|input| input.raw.dropped_files.first().map(|file| file.path().to_path_buf()));
        // A table is imported; anything else is opened (and a file that is not data says why).
        self.commands.extend(
            dropped
                .map(|path| if is_table(&path) { Command::ImportTable(path) } else { Command::Open(path) }),
        );
    }

    /// The import dialog while it is open; a written file is opened.
    fn import_ui(&mut self, ctx: &egui::Context, lang: Lang) {
        let Some(flow) = &mut self.import else { return };
        match import_dialog_ui(ctx, lang, flow) {
            None => {}
            Some(Outcome::Close) => self.import = None,
            Some(Outcome::Open(written)) => {
                self.import = None;
                let file = written.path.display().to_string();
                let events = self.session.show_written(ctx, &written.path, *written.prepared);
                self.take_events(events);
                self.commands
                    .push(Command::Notify(msg!("已导入并写入 {file}", "Imported and written to {file}")));
            }
        }
    }

    fn tab_ui(&mut self, ui: &mut egui::Ui, reset_charts: &HashSet<String>) {
        let loaded = &self.session.loaded;
        let (dataset, charts, generation) =
            (Arc::clone(&loaded.dataset), Arc::clone(&loaded.charts), loaded.generation);
        if self.card_heights_generation != generation {
            self.card_heights.clear();
            self.card_heights_generation = generation;
        }
        let mut ctx = TabContext {
            dataset: &dataset,
            charts: &charts,
            lang: self.settings.lang,
            featured: loaded.featured,
            cards: &loaded.cards,
            reset_charts,
            commands: &mut self.commands,
            hovered_chart: &mut self.hovered_chart,
            card_heights: &mut self.card_heights,
            preview: &mut self.preview,
        };
        let tab = self.settings.tab;
        if tab == Tab::Data {
            data_ui(ui, &mut ctx, &mut self.data_tab, generation);
            return;
        }
        if tab == Tab::Checks {
            tabs::checks::checks_ui(ui, &mut ctx, &mut self.checks_tab, &dataset, generation);
            return;
        }
        egui::ScrollArea::vertical().auto_shrink(false).id_salt(tab).show(ui, |ui| match tab {
            Tab::Overview => tabs::overview::overview_ui(ui, &mut ctx),
            Tab::Sources => sources_ui(ui, &mut ctx, &mut self.sources_tab, generation),
            Tab::Custom => tabs::custom::custom_ui(ui, &mut ctx, &mut self.custom_tab, generation),
            Tab::Data | Tab::Checks => {}
            view_tab => {
                if let Some(view) = view_tab.view() {
                    tabs::view::view_ui(ui, &mut ctx, view);
                }
            }
        });
    }

    /// One frame of the whole window; eframe calls it through [`eframe::App::ui`],
    /// benchmarks call it directly.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let lang = self.settings.lang;
        if !self.files.is_open() && !self.asks_to_overwrite() && self.import.is_none() {
            self.commands.extend(shortcuts::pressed(&ctx, self.settings.tab));
        }
        self.dropped_files(&ctx);
        let events = self.session.poll(&ctx);
        self.take_events(events);
        if let Some(notice) = crate::ui::notice::joined(self.exports.poll(&ctx)) {
            self.notice = Some(notice);
        }
        self.window_title(&ctx);
        let reset_charts = std::mem::take(&mut self.reset_pending);

        egui::Panel::top("menu").show(ui, |ui| {
            let (settings, dataset) = (&self.settings, &self.session.loaded.dataset);
            chrome::menu_bar_ui(ui, settings, dataset, self.graphics.as_ref(), &mut self.commands);
        });
        egui::Panel::top("tabs").show(ui, |ui| {
            ui.add_space(2.0);
            chrome::tab_bar_ui(ui, self.settings.tab, lang, &mut self.commands);
            ui.add_space(2.0);
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            let (exporting, notice) = (self.exports.in_flight(), self.notice.as_ref());
            chrome::status_line_ui(ui, lang, &self.session, exporting, notice, self.graphics.as_ref());
        });
        if let Some(error) = &self.session.error {
            chrome::error_panel_ui(ui, lang, error, &mut self.commands);
        }
        egui::CentralPanel::default().show(ui, |ui| self.tab_ui(ui, &reset_charts));
        chrome::drop_hint_ui(&ctx, lang);
        self.exports.overwrite_modal_ui(&ctx, lang, &mut self.commands);
        if let Some(command) = self.files.ui(&ctx, lang) {
            self.commands.push(command);
        }
        self.import_ui(&ctx, lang);

        for command in std::mem::take(&mut self.commands) {
            self.apply(&ctx, command);
        }
        if let Some(started) = self.first_frame_report.take() {
            eprintln!("first frame after {} ms", started.elapsed().as_millis());
        }
    }
}

/// Whether `path` is a table to import (CSV or a spreadsheet) rather than a data file.
fn is_table(path: &std::path::Path) -> bool {
    let extension = path.extension().map(|ext| ext.to_string_lossy().to_lowercase()).unwrap_or_default();
    TABLE_EXTENSIONS.contains(&extension.as_str())
}

impl eframe::App for EconLensApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}
