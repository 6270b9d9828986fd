//! Opening the window: each graphics backend in turn (see [`graphics`])
//! until one opens it and draws a first frame, and a message box when none
//! can, since a Windows app started from Explorer has no terminal to print to.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::i18n::{Lang, Message};
use crate::msg;
use crate::ui::app::EconLensApp;
use crate::ui::graphics::{self, ChoiceOrigin, Ending, InUse, Renderer, StartLog, Try};

/// What `econlens [FILE]` asked of the window.
#[derive(Clone, Debug, Default)]
pub struct WindowRequest {
    pub file: Option<PathBuf>,
    pub max_size_bytes: u64,
    /// `--renderer`.
    pub renderer: Option<Renderer>,
    /// `--lang`: the first start's language when no settings are stored yet.
    pub lang: Option<Lang>,
}

/// Opens the window and runs until it closes. An error is what to tell
/// the user, already shown in a message box: the window could not open with
/// any backend, or it failed after it had opened.
pub fn run(request: &WindowRequest) -> Result<(), String> {
    let started = std::time::Instant::now();
    let folder = crate::platform::settings_folder();
    let log = StartLog::begin(folder.as_deref());
    let environment = std::env::var(graphics::RENDERER_ENV).ok();
    let choice =
        graphics::choose(request.renderer, environment.as_deref(), graphics::remembered(folder.as_deref()));
    let origin = match choice.origin {
        ChoiceOrigin::CommandLine => "--renderer",
        ChoiceOrigin::Environment => graphics::RENDERER_ENV,
        ChoiceOrigin::Remembered => "View → Graphics",
        ChoiceOrigin::Default => "default",
    };
    let attempts = choice.renderer.attempts();
    let order = attempts.iter().map(|renderer| renderer.label(Lang::En)).collect::<Vec<_>>().join(", ");
    log.line(&format!("graphics: {} ({origin}); trying {order}", choice.renderer.word()));
    if let Some(problem) = &choice.problem {
        log.line(problem.get(Lang::En));
    }
    let ending = graphics::first_that_draws(&attempts, |renderer, failures| {
        let drew = Arc::new(AtomicBool::new(false));
        let in_use = InUse {
            renderer,
            adapter: String::new(),
            failures: failures.to_vec(),
            next_start: choice.renderer,
            folder: folder.clone(),
        };
        let label = renderer.label(Lang::En);
        match open(request, renderer, in_use, &drew, started, &log) {
            Ok(()) => Try::Closed,
            Err(error) if !drew.load(Ordering::Relaxed) => {
                log.line(&format!("{label}: the window could not open: {error}"));
                Try::FailedBeforeDrawing(error.to_string())
            }
            Err(error) => {
                log.line(&format!("{label}: the window failed after it opened: {error}"));
                Try::FailedAfterDrawing(error.to_string())
            }
        }
    });
    match ending {
        Ending::Closed => Ok(()),
        Ending::Failed { reason, .. } => {
            Err(tell(request, &msg!("窗口出错并已关闭：{reason}", "The window failed and closed: {reason}")))
        }
        Ending::NoneWorked(failures) => Err(tell(request, &graphics::none_worked(&failures, log.path()))),
    }
}

/// Shows `message` in a message box (a Windows app started from Explorer
/// has no terminal) and returns it for stderr.
fn tell(request: &WindowRequest, message: &Message) -> String {
    let text = message.get(request.lang.unwrap_or_else(Lang::from_system)).to_owned();
    let _ = rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("EconLens")
        .set_description(&text)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
    text
}

/// One try at the window with one backend.
fn open(
    request: &WindowRequest,
    renderer: Renderer,
    in_use: InUse,
    drew: &Arc<AtomicBool>,
    started: std::time::Instant,
    log: &StartLog,
) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("EconLens")
        .with_app_id(crate::ui::APP_ID)
        .with_inner_size([1200.0, 800.0])
        .with_min_inner_size([480.0, 360.0])
        .with_drag_and_drop(true);
    // The icon is a PNG built into the binary; a decoding failure only costs the icon.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(crate::ui::APP_ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let mut setup = egui_wgpu::WgpuSetupCreateNew::without_display_handle();
    setup.instance_descriptor.backends = renderer.backends();
    let wgpu_options = egui_wgpu::WgpuConfiguration {
        wgpu_setup: egui_wgpu::WgpuSetup::CreateNew(setup),
        ..Default::default()
    };
    let options =
        eframe::NativeOptions { viewport, persist_window: true, wgpu_options, ..Default::default() };
    let (request, drew, log) = (request.clone(), Arc::clone(drew), log.clone());
    eframe::run_native(
        "EconLens",
        options,
        Box::new(move |cc| {
            let mut in_use = in_use;
            if let Some(state) = &cc.wgpu_render_state {
                let info = state.adapter.get_info();
                in_use.renderer = Renderer::from_backend(info.backend);
                in_use.adapter = graphics::adapter_name(&info.name, &info.driver, &info.driver_info);
            }
            log.line(&format!("{}: window open on {}", in_use.renderer.label(Lang::En), in_use.adapter));
            let mut app =
                EconLensApp::new(cc, request.file, request.max_size_bytes, request.lang, Some(in_use));
            if std::env::var_os("ECONLENS_REPORT_FIRST_FRAME").is_some() {
                app.report_first_frame_since(started);
            }
            if let Some(request) = std::env::var_os("ECONLENS_MEASURE_FRAMES") {
                app.measure_frames(&request.to_string_lossy());
            }
            Ok(Box::new(FirstFrame { app, frames: 0, drew }))
        }),
    )
}

/// The app, and whether a frame has been drawn: a backend that fails
/// before its first frame is one to fall back from; after it, it is not.
struct FirstFrame {
    app: EconLensApp,
    frames: u8,
    drew: Arc<AtomicBool>,
}

impl eframe::App for FirstFrame {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        // The second frame starts after the first was drawn and presented.
        if self.frames < 2 {
            self.frames += 1;
            if self.frames == 2 {
                self.drew.store(true, Ordering::Relaxed);
            }
        }
        self.app.ui(ui, frame);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.app.save(storage);
    }
}
