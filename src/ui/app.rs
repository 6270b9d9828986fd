//! The app: persisted settings, the loaded data with its chart models, and
//! the frame loop — input, panels, the current tab — with every side effect
//! (open, reload, switch) applied as a [`Command`] after the frame is drawn.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::chart::Chart;
use crate::data::model::{Dataset, Period, Region, RegionIx, Text};
use crate::data::{EMBEDDED_NAME, LoadError, load_embedded, load_file};
use crate::export::{ExportFormat, ExportJob, suggested_file_name};
use crate::figure::{Theme, palette, setup_context};
use crate::i18n::Lang;
use crate::ui::commands::Command;
use crate::ui::exporting::{
    ExportDone, ExportOutcome, ExportRequest, ExportTarget, ExportWorker, Gpu, export_here,
};
use crate::ui::loading::{BACKGROUND_THRESHOLD_BYTES, PendingLoad, Prepared};
use crate::ui::tabs;
use crate::ui::tabs::data::{DataTabState, data_ui};
use crate::ui::tabs::sources::{SourcesTabState, sources_ui};
use crate::ui::tabs::{Tab, TabContext};
use crate::ui::watch::FileWatcher;

/// Remembered between runs (eframe stores it where each OS keeps app data).
/// A settings file that does not parse is ignored and these defaults used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub theme: Theme,
    pub tab: Tab,
    /// Most recent first.
    pub recent_files: Vec<PathBuf>,
    /// Pixel density of PNG exports from File → Export current chart: 1, 2 or 4.
    pub export_scale: u8,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            lang: Lang::default(),
            theme: Theme::default(),
            tab: Tab::default(),
            recent_files: Vec::new(),
            export_scale: crate::export::DEFAULT_SCALE,
        }
    }
}

const MAX_RECENT_FILES: usize = 8;

/// Where the data on screen came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Embedded,
    File(PathBuf),
}

impl Origin {
    pub fn display_name(&self, lang: Lang) -> String {
        match self {
            Self::Embedded => {
                lang.tr("内置数据（济南市市中区）", "embedded data (Shizhong District)").to_owned()
            }
            Self::File(path) => path.display().to_string(),
        }
    }
}

/// The data on screen and everything built from it once per load.
pub struct Loaded {
    pub dataset: Arc<Dataset>,
    pub charts: Arc<Vec<Chart>>,
    pub origin: Origin,
    pub featured: Option<Period>,
    /// `2015–2025`: the data's first and last period, for the status line.
    pub period_label: String,
    /// Local time of the load, `HH:MM:SS`.
    pub loaded_at: String,
    /// Changes on every load, so tabs know to rebuild their caches.
    pub generation: u64,
}

impl Loaded {
    fn new(prepared: Prepared, origin: Origin, generation: u64) -> Self {
        let Prepared { dataset, charts, featured } = prepared;
        let period_label =
            dataset.period_range().map_or_else(String::new, |(first, last)| format!("{first}–{last}"));
        Self {
            period_label,
            dataset: Arc::new(dataset),
            charts: Arc::new(charts),
            origin,
            featured,
            loaded_at: chrono::Local::now().format("%H:%M:%S").to_string(),
            generation,
        }
    }
}

/// A file that failed to load: shown in a panel whose text can be copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorReport {
    pub file: String,
    pub text: String,
}

/// A one-line message in the status bar: where an export went, or why it failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

pub struct EconLensApp {
    pub settings: Settings,
    pub loaded: Loaded,
    pub error: Option<ErrorReport>,
    pub notice: Option<Notice>,
    /// An export waiting for the user to agree to replace an existing file.
    pub pending_overwrite: Option<(PathBuf, ExportJob)>,
    hovered_chart: Option<String>,
    card_heights: std::collections::HashMap<String, f32>,
    /// The window's GPU, shared by offscreen export rendering.
    gpu: Option<Gpu>,
    /// Started on the first export.
    exporter: Option<ExportWorker>,
    pub data_tab: DataTabState,
    pub sources_tab: SourcesTabState,
    commands: Vec<Command>,
    reset_pending: HashSet<String>,
    max_size_bytes: u64,
    watcher: Option<FileWatcher>,
    pending: Option<PendingLoad>,
    title_sent: Option<String>,
    /// When set, the first frame prints how long start-up took.
    first_frame_report: Option<std::time::Instant>,
}

/// Only if the embedded dataset itself failed, which its tests rule out:
/// an empty dataset, so the window still opens and shows the error.
fn empty_dataset() -> Dataset {
    Dataset {
        title: Text { zh: "EconLens".to_owned(), en: None },
        focus_region: RegionIx(0),
        regions: vec![Region {
            id: "none".to_owned(),
            name: Text { zh: "—".to_owned(), en: None },
            parent: None,
        }],
        sources: Vec::new(),
        indicators: Vec::new(),
        lists: Vec::new(),
        texts: Vec::new(),
    }
}

impl EconLensApp {
    /// Called by eframe: restores settings, installs the fonts, loads the data.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>, max_size_bytes: u64) -> Self {
        let settings =
            cc.storage.and_then(|storage| eframe::get_value(storage, eframe::APP_KEY)).unwrap_or_default();
        let mut app = Self::with_settings(&cc.egui_ctx, settings, file, max_size_bytes);
        app.gpu = cc.wgpu_render_state.as_ref().map(|state| (state.device.clone(), state.queue.clone()));
        app
    }

    /// Builds the app with given settings; tests use this to start from a known state.
    pub fn with_settings(
        ctx: &egui::Context,
        settings: Settings,
        file: Option<PathBuf>,
        max_size_bytes: u64,
    ) -> Self {
        setup_context(ctx);
        let (loaded, error) = match load_embedded() {
            Ok(dataset) => (Loaded::new(Prepared::new(dataset), Origin::Embedded, 0), None),
            Err(error) => (
                Loaded::new(Prepared::new(empty_dataset()), Origin::Embedded, 0),
                Some(report(EMBEDDED_NAME, &error)),
            ),
        };
        let mut app = Self {
            settings,
            loaded,
            error,
            notice: None,
            pending_overwrite: None,
            hovered_chart: None,
            card_heights: std::collections::HashMap::new(),
            gpu: None,
            exporter: None,
            data_tab: DataTabState::default(),
            sources_tab: SourcesTabState::default(),
            commands: Vec::new(),
            reset_pending: HashSet::new(),
            max_size_bytes,
            watcher: None,
            pending: None,
            title_sent: None,
            first_frame_report: None,
        };
        app.apply_theme(ctx);
        if let Some(path) = file {
            app.load_path(ctx, &path);
        }
        app
    }

    /// Loads `path`; on failure the data on screen stays and the error is shown.
    /// Large files load on a background thread (see [`PendingLoad`]).
    pub fn load_path(&mut self, ctx: &egui::Context, path: &Path) {
        let size_bytes = std::fs::metadata(path).map_or(0, |metadata| metadata.len());
        if size_bytes > BACKGROUND_THRESHOLD_BYTES && size_bytes <= self.max_size_bytes {
            self.pending = Some(PendingLoad::start(path, size_bytes, self.max_size_bytes, ctx));
            return;
        }
        let result = load_file(path, self.max_size_bytes).map(Prepared::new);
        self.finish_load(ctx, path, result);
    }

    fn finish_load(&mut self, ctx: &egui::Context, path: &Path, result: Result<Prepared, LoadError>) {
        match result {
            Ok(prepared) => {
                self.replace_data(prepared, Origin::File(path.to_owned()));
                self.remember_recent(path);
                self.watcher = FileWatcher::new(path, ctx).ok();
            }
            Err(error) => self.error = Some(report(&path.display().to_string(), &error)),
        }
    }

    /// Takes a background load's result once it is ready.
    fn poll_pending(&mut self, ctx: &egui::Context) {
        let Some(pending) = &self.pending else { return };
        match pending.poll() {
            Some(result) => {
                let path = pending.path.clone();
                self.pending = None;
                self.finish_load(ctx, &path, result);
            }
            None => ctx.request_repaint_after(std::time::Duration::from_millis(250)),
        }
    }

    /// Whether a file is loading in the background.
    pub fn is_loading(&self) -> bool {
        self.pending.is_some()
    }

    /// Prints the time from `started` to the first frame, once (start-up benchmark).
    pub fn report_first_frame_since(&mut self, started: std::time::Instant) {
        self.first_frame_report = Some(started);
    }

    /// Shows `prepared` data now, as a finished load does.
    pub fn replace_data(&mut self, prepared: Prepared, origin: Origin) {
        self.loaded = Loaded::new(prepared, origin, self.loaded.generation + 1);
        self.card_heights.clear();
        self.error = None;
    }

    fn remember_recent(&mut self, path: &Path) {
        let recent = &mut self.settings.recent_files;
        recent.retain(|known| known != path);
        recent.insert(0, path.to_owned());
        recent.truncate(MAX_RECENT_FILES);
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(self.settings.theme.egui());
    }

    /// Carries out one command. Public so tests can drive what a menu would.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenDialog => {
                let dialog = rfd::FileDialog::new()
                    .set_title(self.settings.lang.tr("打开数据文件", "Open a data file"))
                    .add_filter("EconLens RON", &["ron"]);
                let asked = std::time::Instant::now();
                match dialog.pick_file() {
                    Some(path) => self.load_path(ctx, &path),
                    None => self.explain_missing_dialog(asked),
                }
            }
            Command::Open(path) => self.load_path(ctx, &path),
            Command::Reload => match self.loaded.origin.clone() {
                Origin::File(path) => self.load_path(ctx, &path),
                Origin::Embedded => match load_embedded() {
                    Ok(dataset) => self.replace_data(Prepared::new(dataset), Origin::Embedded),
                    Err(error) => self.error = Some(report(EMBEDDED_NAME, &error)),
                },
            },
            Command::SelectTab(tab) => self.settings.tab = tab,
            Command::SetLang(lang) => self.settings.lang = lang,
            Command::SetTheme(theme) => {
                self.settings.theme = theme;
                self.apply_theme(ctx);
            }
            Command::DismissError => self.error = None,
            Command::ClearRecent => self.settings.recent_files.clear(),
            Command::ResetChart(id) => {
                self.reset_pending.insert(id);
                ctx.request_repaint();
            }
            Command::OpenUrl(url) => ctx.open_url(egui::OpenUrl::new_tab(url)),
            Command::Export { chart_id, format, scale } => self.export_dialog(&chart_id, format, scale),
            Command::ExportCurrent => match self.current_chart_id() {
                Some(chart_id) => {
                    self.export_dialog(&chart_id, ExportFormat::Png, self.settings.export_scale);
                }
                None => self.notify(
                    self.settings.lang.tr("此页没有可导出的图表。", "This tab has no chart to export."),
                    true,
                ),
            },
            Command::ExportTo { job, path } => {
                if path.exists() {
                    self.pending_overwrite = Some((path, job));
                } else {
                    self.start_export(ctx, job, ExportTarget::File(path));
                }
            }
            Command::ConfirmOverwrite => {
                if let Some((path, job)) = self.pending_overwrite.take() {
                    self.start_export(ctx, job, ExportTarget::File(path));
                }
            }
            Command::CancelOverwrite => self.pending_overwrite = None,
            Command::CopyImage(chart_id) => {
                let job = self.job(&chart_id, ExportFormat::Png, crate::export::DEFAULT_SCALE);
                self.start_export(ctx, job, ExportTarget::Clipboard);
            }
            Command::SetExportScale(scale) => self.settings.export_scale = scale,
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    fn notify(&mut self, text: impl Into<String>, is_error: bool) {
        self.notice = Some(Notice { text: text.into(), is_error });
    }

    fn job(&self, chart_id: &str, format: ExportFormat, scale: u8) -> ExportJob {
        let theme = self.settings.theme;
        ExportJob { chart_id: chart_id.to_owned(), format, scale, lang: self.settings.lang, theme }
    }

    /// The chart under the pointer if it is on this tab, else the tab's first chart.
    fn current_chart_id(&self) -> Option<String> {
        let view = self.settings.tab.view()?;
        let on_tab = |id: &str| self.loaded.charts.iter().any(|chart| chart.view == view && chart.id == id);
        self.hovered_chart.clone().filter(|id| on_tab(id)).or_else(|| {
            self.loaded.charts.iter().find(|chart| chart.view == view).map(|chart| chart.id.clone())
        })
    }

    /// Asks where to save, proposing a name from the chart's id and period.
    fn export_dialog(&mut self, chart_id: &str, format: ExportFormat, scale: u8) {
        let Some(chart) = self.loaded.charts.iter().find(|chart| chart.id == chart_id) else { return };
        let lang = self.settings.lang;
        let (filter_name, extension) = match format {
            ExportFormat::Png => (lang.tr("PNG 图片", "PNG image"), "png"),
            ExportFormat::Csv => (lang.tr("CSV 表格", "CSV table"), "csv"),
        };
        let dialog = rfd::FileDialog::new()
            .set_title(lang.tr("导出图表", "Export chart"))
            .set_file_name(suggested_file_name(chart, format))
            .add_filter(filter_name, &[extension]);
        let asked = std::time::Instant::now();
        let Some(mut path) = dialog.save_file() else {
            self.explain_missing_dialog(asked);
            return;
        };
        if ExportFormat::from_path(&path) != Some(format) {
            path.as_mut_os_string().push(format!(".{extension}"));
        }
        let job = self.job(chart_id, format, scale);
        self.commands.push(Command::ExportTo { job, path });
    }

    /// A file dialog that returns at once did not open: on Linux this means
    /// no xdg-desktop-portal is running. Say so instead of doing nothing.
    fn explain_missing_dialog(&mut self, asked: std::time::Instant) {
        if asked.elapsed() < std::time::Duration::from_millis(150) {
            self.notify(
                self.settings.lang.tr(
                    "无法打开系统文件对话框（Linux 需要 xdg-desktop-portal）。可拖放文件到窗口打开，或用 econlens export 命令导出。",
                    "The system file dialog could not open (Linux needs xdg-desktop-portal). Drop a file on the window to open it, or export with `econlens export`.",
                ),
                true,
            );
        }
    }

    /// Hands an export to the worker thread; the result arrives as a notice.
    fn start_export(&mut self, ctx: &egui::Context, job: ExportJob, target: ExportTarget) {
        let request = ExportRequest {
            job,
            target,
            charts: Arc::clone(&self.loaded.charts),
            dataset: Arc::clone(&self.loaded.dataset),
        };
        if self.exporter.as_ref().is_none_or(ExportWorker::has_stopped) {
            self.exporter = ExportWorker::start(self.gpu.clone(), ctx);
        }
        let unsent = match &mut self.exporter {
            Some(worker) => worker.submit(request).err(),
            None => Some(request),
        };
        if let Some(request) = unsent {
            // No thread: export here, so the file is still written.
            let done = export_here(self.gpu.clone(), request);
            self.finish_export(ctx, done);
        }
    }

    /// Takes finished exports from the worker.
    fn poll_exports(&mut self, ctx: &egui::Context) {
        let Some(worker) = &mut self.exporter else { return };
        for done in worker.poll() {
            self.finish_export(ctx, done);
        }
    }

    /// Says where an export went, or why it could not; puts images on the clipboard.
    fn finish_export(&mut self, ctx: &egui::Context, done: ExportDone) {
        let lang = self.settings.lang;
        match (done.target, done.result) {
            (_, Ok(ExportOutcome::Written(path))) => {
                self.notify(format!("{}{}", lang.tr("已导出：", "Exported: "), path.display()), false);
            }
            (_, Ok(ExportOutcome::Image(image))) => {
                let size = [image.width as usize, image.height as usize];
                ctx.copy_image(egui::ColorImage::from_rgba_unmultiplied(size, &image.pixels));
                self.notify(lang.tr("图片已复制到剪贴板。", "Image copied to the clipboard."), false);
            }
            (ExportTarget::File(_), Err(error)) => {
                self.notify(format!("{}{error}", lang.tr("导出失败：", "Export failed: ")), true);
            }
            (ExportTarget::Clipboard, Err(error)) => {
                self.notify(format!("{}{error}", lang.tr("复制失败：", "Copy failed: ")), true);
            }
        }
    }

    /// Whether an export is still being drawn or written.
    pub fn is_exporting(&self) -> bool {
        self.exporter.as_ref().is_some_and(|worker| !worker.in_flight().is_empty())
    }

    fn overwrite_modal_ui(&mut self, ctx: &egui::Context) {
        let Some((path, _)) = &self.pending_overwrite else { return };
        let lang = self.settings.lang;
        let text = match lang {
            Lang::Zh => format!("{} 已存在。要替换它吗？", path.display()),
            Lang::En => format!("{} already exists. Replace it?", path.display()),
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("confirm-overwrite")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.label(text);
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button(lang.tr("替换", "Replace")).clicked() {
                    answer = Some(Command::ConfirmOverwrite);
                }
                if ui.button(lang.tr("取消", "Cancel")).clicked() {
                    answer = Some(Command::CancelOverwrite);
                }
            });
        });
        self.commands.extend(answer);
    }

    /// Keyboard shortcuts: Ctrl+O, F5, Ctrl+Q, Ctrl+1…8, Ctrl+Tab, Ctrl+Shift+Tab.
    fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let pressed = |modifiers, key| {
            ctx.input_mut(|input| input.consume_shortcut(&KeyboardShortcut::new(modifiers, key)))
        };
        if pressed(Modifiers::COMMAND, Key::O) {
            self.commands.push(Command::OpenDialog);
        }
        if pressed(Modifiers::NONE, Key::F5) {
            self.commands.push(Command::Reload);
        }
        if pressed(Modifiers::COMMAND, Key::E) {
            self.commands.push(Command::ExportCurrent);
        }
        if pressed(Modifiers::COMMAND, Key::Q) {
            self.commands.push(Command::Quit);
        }
        let number_keys =
            [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6, Key::Num7, Key::Num8];
        for (key, tab) in number_keys.into_iter().zip(Tab::ALL) {
            if pressed(Modifiers::COMMAND, key) {
                self.commands.push(Command::SelectTab(tab));
            }
        }
        if pressed(Modifiers::COMMAND | Modifiers::SHIFT, Key::Tab) {
            self.commands.push(Command::SelectTab(self.settings.tab.step(false)));
        } else if pressed(Modifiers::COMMAND, Key::Tab) {
            self.commands.push(Command::SelectTab(self.settings.tab.step(true)));
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> =
            ctx.input(|input| input.raw.dropped_files.iter().map(|file| file.path().to_path_buf()).collect());
        if let Some(path) = dropped.into_iter().next() {
            self.commands.push(Command::Open(path));
        }
    }

    fn window_title(&mut self, ctx: &egui::Context) {
        let title = format!("{} — EconLens", self.loaded.dataset.title.get(self.settings.lang));
        if self.title_sent.as_ref() != Some(&title) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = Some(title);
        }
    }

    fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.settings.lang;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(lang.tr("文件", "File"), |ui| {
                if ui.add(egui::Button::new(lang.tr("打开…", "Open…")).shortcut_text("Ctrl+O")).clicked()
                {
                    self.commands.push(Command::OpenDialog);
                }
                if ui.add(egui::Button::new(lang.tr("重新加载", "Reload")).shortcut_text("F5")).clicked()
                {
                    self.commands.push(Command::Reload);
                }
                ui.menu_button(lang.tr("最近打开", "Recent files"), |ui| {
                    if self.settings.recent_files.is_empty() {
                        ui.label(lang.tr("（无）", "(none)"));
                    }
                    for path in &self.settings.recent_files {
                        if ui.button(path.display().to_string()).clicked() {
                            self.commands.push(Command::Open(path.clone()));
                        }
                    }
                    if !self.settings.recent_files.is_empty()
                        && ui.button(lang.tr("清除列表", "Clear list")).clicked()
                    {
                        self.commands.push(Command::ClearRecent);
                    }
                });
                ui.separator();
                let export = egui::Button::new(lang.tr("导出当前图表…", "Export current chart…"))
                    .shortcut_text("Ctrl+E");
                if ui.add(export).clicked() {
                    self.commands.push(Command::ExportCurrent);
                }
                ui.menu_button(lang.tr("导出图片倍率", "Export image scale"), |ui| {
                    for scale in crate::export::SCALES {
                        if ui
                            .selectable_label(self.settings.export_scale == scale, format!("{scale}×"))
                            .clicked()
                        {
                            self.commands.push(Command::SetExportScale(scale));
                        }
                    }
                });
                ui.separator();
                if ui.add(egui::Button::new(lang.tr("退出", "Quit")).shortcut_text("Ctrl+Q")).clicked() {
                    self.commands.push(Command::Quit);
                }
            });
            ui.separator();
            for choice in Lang::ALL {
                if ui.selectable_label(lang == choice, choice.native_name()).clicked() {
                    self.commands.push(Command::SetLang(choice));
                }
            }
            ui.separator();
            for choice in [Theme::Light, Theme::Dark] {
                if ui.selectable_label(self.settings.theme == choice, choice.label(lang)).clicked() {
                    self.commands.push(Command::SetTheme(choice));
                }
            }
        });
    }

    fn tab_bar_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.settings.lang;
        ui.horizontal_wrapped(|ui| {
            for tab in Tab::ALL {
                let selected = self.settings.tab == tab;
                if ui.selectable_label(selected, tab.label(lang)).clicked() && !selected {
                    self.commands.push(Command::SelectTab(tab));
                }
            }
        });
    }

    fn status_line_ui(&self, ui: &mut egui::Ui) {
        let lang = self.settings.lang;
        let loaded = &self.loaded;
        let period = &loaded.period_label;
        ui.horizontal_wrapped(|ui| {
            if let Some(pending) = &self.pending {
                ui.spinner();
                #[expect(clippy::cast_precision_loss, reason = "a file size shown to one decimal")]
                let size_mb = pending.size_bytes as f64 / 1e6;
                let seconds = pending.started.elapsed().as_secs();
                ui.label(match lang {
                    Lang::Zh => format!(
                        "正在加载 {}（{size_mb:.1} MB，{seconds} 秒）…当前数据仍可使用",
                        pending.path.display()
                    ),
                    Lang::En => format!(
                        "Loading {} ({size_mb:.1} MB, {seconds} s)… the current data stays usable",
                        pending.path.display()
                    ),
                });
                ui.separator();
            }
            if let Some(target) = self.exporter.as_ref().and_then(|worker| worker.in_flight().first()) {
                ui.spinner();
                ui.label(match target {
                    ExportTarget::File(path) => {
                        format!("{}{}…", lang.tr("正在导出 ", "Exporting "), path.display())
                    }
                    ExportTarget::Clipboard => lang.tr("正在生成图片…", "Drawing the image…").to_owned(),
                });
                ui.separator();
            }
            ui.label(loaded.origin.display_name(lang));
            ui.separator();
            ui.label(format!("{}{period}", lang.tr("数据期间：", "Period: ")));
            ui.separator();
            ui.label(match lang {
                Lang::Zh => format!("{} 个来源", loaded.dataset.sources.len()),
                Lang::En => format!("{} sources", loaded.dataset.sources.len()),
            });
            ui.separator();
            ui.label(format!("{}{}", lang.tr("加载于 ", "Loaded at "), loaded.loaded_at));
            if let Some(notice) = &self.notice {
                ui.separator();
                let text = egui::RichText::new(&notice.text);
                let text = if notice.is_error {
                    text.color(palette::error_color(ui.visuals().dark_mode))
                } else {
                    text
                };
                ui.label(text);
            }
        });
    }

    fn error_panel_ui(&mut self, ui: &mut egui::Ui) {
        let Some(error) = &self.error else { return };
        let lang = self.settings.lang;
        let dark_mode = ui.visuals().dark_mode;
        let mut dismiss = false;
        egui::Panel::bottom("load-error").resizable(true).default_size(180.0).show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                ui.label(
                    egui::RichText::new(match lang {
                        Lang::Zh => format!("无法打开 {}，仍显示之前的数据。", error.file),
                        Lang::En => {
                            format!("Could not open {}; the previous data stays on screen.", error.file)
                        }
                    })
                    .color(palette::error_color(dark_mode))
                    .strong(),
                );
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button(lang.tr("关闭", "Dismiss")).clicked() {
                        dismiss = true;
                    }
                    if ui.button(lang.tr("复制错误信息", "Copy message")).clicked() {
                        ui.ctx().copy_text(error.text.clone());
                    }
                });
            });
            egui::ScrollArea::vertical().show(ui, |ui| {
                let mut text = error.text.as_str();
                ui.add(
                    egui::TextEdit::multiline(&mut text)
                        .font(egui::TextStyle::Monospace)
                        .desired_width(f32::INFINITY)
                        .desired_rows(4),
                );
            });
        });
        if dismiss {
            self.commands.push(Command::DismissError);
        }
    }

    fn drop_hint_ui(&self, ctx: &egui::Context) {
        if ctx.input(|input| input.raw.hovered_files.is_empty()) {
            return;
        }
        let lang = self.settings.lang;
        let screen = ctx.content_rect();
        let painter =
            ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop-hint")));
        painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
        painter.text(
            screen.center(),
            egui::Align2::CENTER_CENTER,
            lang.tr("松开以打开数据文件", "Drop to open the data file"),
            egui::FontId::proportional(24.0),
            egui::Color32::WHITE,
        );
    }

    fn tab_ui(&mut self, ui: &mut egui::Ui, reset_charts: &HashSet<String>) {
        let dataset = Arc::clone(&self.loaded.dataset);
        let charts = Arc::clone(&self.loaded.charts);
        let generation = self.loaded.generation;
        let mut ctx = TabContext {
            dataset: &dataset,
            charts: &charts,
            lang: self.settings.lang,
            featured: self.loaded.featured,
            reset_charts,
            commands: &mut self.commands,
            hovered_chart: &mut self.hovered_chart,
            card_heights: &mut self.card_heights,
        };
        let tab = self.settings.tab;
        if tab == Tab::Data {
            data_ui(ui, &mut ctx, &mut self.data_tab, generation);
            return;
        }
        egui::ScrollArea::vertical().auto_shrink(false).id_salt(tab).show(ui, |ui| match tab {
            Tab::Overview => tabs::overview::overview_ui(ui, &mut ctx),
            Tab::Sources => sources_ui(ui, &mut ctx, &mut self.sources_tab, generation),
            Tab::Data => {}
            view_tab => {
                if let Some(view) = view_tab.view() {
                    tabs::view::view_ui(ui, &mut ctx, view);
                }
            }
        });
    }
}

fn report(file: &str, error: &LoadError) -> ErrorReport {
    ErrorReport { file: file.to_owned(), text: error.to_string() }
}

impl EconLensApp {
    /// One frame of the whole window; eframe calls it through [`eframe::App::ui`],
    /// benchmarks call it directly.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.shortcuts(&ctx);
        self.dropped_files(&ctx);
        if self.watcher.as_ref().is_some_and(FileWatcher::reload_due) {
            self.commands.push(Command::Reload);
        }
        self.poll_pending(&ctx);
        self.poll_exports(&ctx);
        self.window_title(&ctx);
        let reset_charts = std::mem::take(&mut self.reset_pending);

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::top("tabs").show(ui, |ui| {
            ui.add_space(2.0);
            self.tab_bar_ui(ui);
            ui.add_space(2.0);
        });
        egui::Panel::bottom("status").show(ui, |ui| self.status_line_ui(ui));
        self.error_panel_ui(ui);
        egui::CentralPanel::default().show(ui, |ui| self.tab_ui(ui, &reset_charts));
        self.drop_hint_ui(&ctx);
        self.overwrite_modal_ui(&ctx);

        for command in std::mem::take(&mut self.commands) {
            self.apply(&ctx, command);
        }
        if let Some(started) = self.first_frame_report.take() {
            eprintln!("first frame after {} ms", started.elapsed().as_millis());
        }
    }
}

impl eframe::App for EconLensApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}
