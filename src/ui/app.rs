//! The app: its parts, one frame, and the commands that change it.
//!
//! A frame reads input (shortcuts, dropped files), lets the session and the
//! exporter report what finished, draws the chrome and the current tab, and
//! then applies every [`Command`] the user gave during it. The parts live in
//! their own files: [`Settings`] (what is remembered, checked once),
//! [`Session`] (the data on screen: load, reload, watch), [`ExportFlow`],
//! [`FilePicker`], the shortcut table and the window chrome; the export
//! commands in [`exports`], the writes to data files in [`data_files`].
//! Everything that reads or writes a file runs as a background task.

mod data_files;
mod exports;

use std::path::PathBuf;

use crate::figure::setup_context;
use crate::i18n::Lang;
use crate::msg;
use crate::ui::chrome;
use crate::ui::commands::Command;
use crate::ui::documents::DocumentFlow;
use crate::ui::export_flow::ExportFlow;
use crate::ui::file_picker::{FilePicker, Purpose, is_table};
use crate::ui::graphics::InUse;
use crate::ui::import_dialog::import_dialog_ui;
use crate::ui::import_flow::{ImportFlow, Outcome};
use crate::ui::loading::Prepared;
use crate::ui::notice::Notice;
use crate::ui::saving::Saving;
use crate::ui::session::{ErrorReport, LoadEvent, Loaded, Origin, Session};
use crate::ui::settings::Settings;
use crate::ui::shortcuts;
use crate::ui::tabs::central::TabStates;

pub struct EconLensApp {
    pub settings: Settings,
    session: Session,
    /// The latest message for the status line.
    pub notice: Option<Notice>,
    exports: ExportFlow,
    /// Reports and the Data tab's table.
    documents: DocumentFlow,
    files: FilePicker,
    /// File → Import table… while its dialog is open.
    import: Option<ImportFlow>,
    /// What each tab keeps between frames.
    pub tabs: TabStates,
    commands: Vec<Command>,
    title_sent: Option<String>,
    /// When set, the first frame prints how long start-up took.
    first_frame_report: Option<web_time::Instant>,
    /// The graphics backend of the window (none in tests, which have no window).
    graphics: Option<InUse>,
    /// Charts being saved into a data file.
    saving: Option<Saving>,
    /// Frame times measured on request (`ECONLENS_MEASURE_FRAMES`, `#measure=`).
    frame_meter: Option<crate::ui::frame_meter::FrameMeter>,
    /// Whether a frame has been shown (the page is told after the first).
    shown: bool,
}

impl EconLensApp {
    /// Called by eframe: restores and checks the settings (the first start
    /// speaks `--lang` or the system's language), installs the fonts, loads
    /// the data, and shares the window's GPU with exports. `graphics` is the
    /// desktop window's backend (none in a browser).
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        file: Option<PathBuf>,
        max_size_bytes: u64,
        lang: Option<Lang>,
        graphics: Option<InUse>,
    ) -> Self {
        let first_lang = lang.unwrap_or_else(Lang::from_system);
        let mut app = Self::from_storage(&cc.egui_ctx, cc.storage, file, max_size_bytes, first_lang);
        let gpu = cc.wgpu_render_state.as_ref().map(|state| (state.device.clone(), state.queue.clone()));
        app.exports = ExportFlow::with_gpu(gpu.clone());
        app.documents = DocumentFlow::with_gpu(gpu);
        if app.notice.is_none() {
            app.notice = graphics.as_ref().and_then(InUse::fallback_notice).map(Notice::info);
        }
        app.graphics = graphics;
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
            documents: DocumentFlow::default(),
            files: FilePicker::default(),
            import: None,
            tabs: TabStates::default(),
            commands: Vec::new(),
            title_sent: None,
            first_frame_report: None,
            graphics: None,
            saving: None,
            frame_meter: None,
            shown: false,
        };
        app.session.remember_focus(&app.settings.focus_by_file);
        match file {
            // `econlens table.xlsx` starts on the embedded data with the import dialog open.
            Some(path) if is_table(&path) => app.import = Some(ImportFlow::start(ctx, path)),
            Some(path) => {
                let events = app.session.open_at_start(ctx, &path);
                app.take_events(ctx, events);
            }
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

    /// Whether a file is loading, a data file being written or a file
    /// dialog waiting for the disk (what a test waits for).
    pub fn is_busy(&self) -> bool {
        self.is_loading() || self.session.is_refocusing() || self.saving.is_some() || self.files.is_waiting()
    }

    /// Whether an export, a report or the Data tab's table is still being drawn or written.
    pub fn is_exporting(&self) -> bool {
        self.exports.in_flight().is_some() || self.documents.is_running()
    }

    /// Whether an export waits for the user to agree to replace a file, or
    /// the report dialog is open.
    pub fn asks_to_overwrite(&self) -> bool {
        self.exports.pending_overwrite.is_some()
            || self.documents.pending_overwrite.is_some()
            || self.documents.dialog.is_some()
    }

    /// Whether the built-in file dialog is open.
    pub fn file_dialog_open(&self) -> bool {
        self.files.is_open()
    }

    /// Prints the time from `started` to the first frame, once (start-up benchmark).
    pub fn report_first_frame_since(&mut self, started: web_time::Instant) {
        self.first_frame_report = Some(started);
    }

    /// Measures frames of a tab (`TAB:FRAMES`, see [`crate::ui::frame_meter`]);
    /// a request that cannot be read is said in the status line.
    pub fn measure_frames(&mut self, request: &str) {
        match crate::ui::frame_meter::FrameMeter::parse(request) {
            Ok(meter) => self.frame_meter = Some(meter),
            Err(reason) => {
                self.notice = Some(Notice::error(msg!(
                    "无法测量帧时间：{reason}",
                    "Cannot measure frame times: {reason}"
                )));
            }
        }
    }

    /// Shows `prepared` data now, as a finished load does (benchmarks use it).
    pub fn replace_data(&mut self, prepared: Prepared, origin: Origin) {
        self.session.replace_data(prepared, origin);
    }

    fn open(&mut self, ctx: &egui::Context, path: &std::path::Path) {
        let events = self.session.open(ctx, path);
        self.take_events(ctx, events);
    }

    fn take_events(&mut self, ctx: &egui::Context, events: Vec<LoadEvent>) {
        for event in events {
            match event {
                LoadEvent::Opened(path) => {
                    self.settings.remember_recent(&path);
                    // The focus the user chose for this file before.
                    let dataset = &self.session.loaded.dataset;
                    let remembered = self.settings.focus_for(&path).and_then(|id| dataset.region_by_id(id));
                    // A load applies it as it builds the charts; an import or a save does not.
                    if let Some(region) = remembered {
                        self.session.set_focus(ctx, region);
                    }
                }
                LoadEvent::Notice(notice) => self.notice = Some(notice),
            }
        }
    }

    /// File → Reload: the file read again (on the desktop), or, in a
    /// browser, picked again or the page's data fetched again.
    fn reload(&mut self, ctx: &egui::Context) {
        let way = match &self.session.loaded.origin {
            Origin::File(path) => crate::platform::reload(path),
            Origin::Embedded => crate::platform::ReloadWay::ReadAgain,
        };
        match way {
            crate::platform::ReloadWay::ReadAgain => {
                let events = self.session.reload(ctx);
                self.take_events(ctx, events);
            }
            crate::platform::ReloadWay::AskAgain => self.files.ask(ctx, Purpose::Open, &self.settings),
            crate::platform::ReloadWay::PageReloads => {}
        }
    }

    /// Makes `region` the focus, remembers it for the file and says so.
    fn set_focus(&mut self, ctx: &egui::Context, region: crate::data::model::RegionIx) {
        if !self.session.set_focus(ctx, region) {
            return;
        }
        let dataset = &self.session.loaded.dataset;
        let (id, name) = (dataset.region(region).id.clone(), dataset.region(region).name.clone());
        if let Origin::File(path) = &self.session.loaded.origin {
            self.settings.remember_focus(path, &id);
            self.session.remember_focus(&self.settings.focus_by_file);
        }
        let (zh, en) = (name.zh.clone(), name.en.clone().unwrap_or_else(|| name.zh.clone()));
        self.notice = Some(crate::ui::notice::Notice::info(crate::msg!(
            "重点地区：{zh}（记在本机设置中，数据文件不变）",
            "Focus region: {en} (remembered on this computer; the data file is unchanged)"
        )));
    }

    /// Carries out one command. Public so tests can drive what a menu would.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenDialog => self.files.ask(ctx, Purpose::Open, &self.settings),
            Command::ImportDialog => self.files.ask(ctx, Purpose::ImportTable, &self.settings),
            Command::ImportTable(path) => self.import = Some(ImportFlow::start(ctx, path)),
            Command::Open(path) => self.open(ctx, &path),
            Command::Reload => self.reload(ctx),
            Command::SelectTab(tab) => self.settings.tab = tab,
            Command::SetFocus(region) => self.set_focus(ctx, region),
            Command::SetLang(lang) => self.settings.lang = lang,
            Command::SetRenderer(renderer) => {
                self.notice = self.graphics.as_mut().map(|graphics| graphics.remember_next(renderer));
            }
            Command::SetTheme(theme) => {
                self.settings.theme = theme;
                ctx.set_theme(theme.egui());
            }
            Command::DismissError => self.session.error = None,
            Command::ClearRecent => self.settings.recent_files.clear(),
            Command::ResetChart(id) => {
                self.tabs.reset_pending.insert(id);
                ctx.request_repaint();
            }
            Command::OpenUrl(url) => ctx.open_url(egui::OpenUrl::new_tab(url)),
            Command::Export { chart_id, format, scale } => self.export(ctx, &chart_id, format, scale),
            Command::ExportCurrent => self.export_current(ctx),
            Command::ExportTo { job, path } => self.export_to(ctx, job, path),
            Command::ConfirmOverwrite => self.confirm_overwrite(ctx),
            Command::CancelOverwrite => self.exports.pending_overwrite = None,
            Command::CopyImage(chart_id) => self.copy_image(ctx, &chart_id),
            Command::SaveChart(saved) => self.save_chart(ctx, &saved),
            Command::DeleteSavedChart(id) => self.delete_saved_chart(ctx, id),
            Command::WriteDataCopy { path, charts } => self.write_data_copy(ctx, path, charts),
            Command::ReportDialog => self.open_report_dialog(),
            Command::AskDocument(document) => self.ask_document(ctx, document),
            Command::WriteDocument { document, path } => self.write_document(ctx, document, path),
            Command::ConfirmDocumentOverwrite => self.confirm_document_overwrite(ctx),
            Command::CancelDocumentOverwrite => self.documents.pending_overwrite = None,
            Command::Notify(message) => self.notice = Some(Notice::info(message)),
            Command::SetExportScale(scale) => self.settings.export_scale = scale,
            Command::SetExportFormat(format) => self.settings.export_format = format,
            Command::SetFileDialog(choice) => self.settings.file_dialog = choice,
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
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
                self.take_events(ctx, events);
                self.commands
                    .push(Command::Notify(msg!("已导入并写入 {file}", "Imported and written to {file}")));
            }
        }
    }

    /// One frame of the whole window; eframe calls it through [`eframe::App::ui`],
    /// benchmarks call it directly.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let lang = self.settings.lang;
        if !self.files.is_open() && !self.asks_to_overwrite() && self.import.is_none() {
            self.commands.extend(shortcuts::pressed(&ctx, self.settings.tab));
        }
        self.commands.extend(self.files.take_dropped(&ctx));
        let events = self.session.poll(&ctx);
        self.take_events(&ctx, events);
        self.poll_saving(&ctx);
        if let Some(notice) = crate::ui::notice::joined(self.exports.poll(&ctx)) {
            self.notice = Some(notice);
        }
        if let Some(notice) = self.documents.poll() {
            self.notice = Some(notice);
        }
        let title = self.session.loaded.dataset.title().get(lang);
        chrome::window_title(&ctx, title, &mut self.title_sent);

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
            let working = self.documents.status().or_else(|| self.exports.status());
            let notice = self.notice.as_ref();
            chrome::status_line_ui(ui, lang, &self.session, working, notice, self.graphics.as_ref());
        });
        if let Some(error) = &self.session.error {
            chrome::error_panel_ui(ui, lang, error, &mut self.commands);
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let (loaded, tab) = (&self.session.loaded, (self.settings.tab, lang));
            self.tabs.ui(ui, tab, loaded, &mut self.commands);
        });
        chrome::drop_hint_ui(&ctx, lang);
        self.exports.overwrite_modal_ui(&ctx, lang, &mut self.commands);
        self.documents.overwrite_modal_ui(&ctx, lang, &mut self.commands);
        self.documents.dialog_ui(&ctx, lang, &mut self.commands);
        let (command, notice) = self.files.ui(&ctx, lang);
        self.commands.extend(command);
        if notice.is_some() {
            self.notice = notice;
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

impl eframe::App for EconLensApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if let Some(tab) = self.frame_meter.as_ref().and_then(crate::ui::frame_meter::FrameMeter::tab) {
            self.settings.tab = tab;
        }
        self.show(ui);
        let measured =
            self.frame_meter.as_mut().and_then(|meter| meter.frame(ui.ctx(), frame.info().cpu_usage));
        if let Some(summary) = measured {
            crate::platform::frame_measured(&summary);
        }
        if !self.shown {
            self.shown = true;
            crate::platform::first_frame_shown();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}
