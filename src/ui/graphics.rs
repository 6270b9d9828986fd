//! Which graphics backend draws the window, and what happened when the
//! window tried each.
//!
//! wgpu picks one backend and the window fails when that one cannot draw
//! (DirectX 12 on old Intel graphics, in virtual machines, over some remote
//! desktops, under Wine), although another on the same machine works. So
//! the window tries the platform's backends in order — DirectX 12, Vulkan,
//! OpenGL on Windows; Vulkan, OpenGL on Linux; Metal on macOS — until one
//! opens it and draws a first frame. A choice (`--renderer`, then
//! `ECONLENS_RENDERER`, then View → Graphics, remembered in `graphics.ron`
//! beside the settings) is tried first, the others after it. Each attempt
//! goes to the start log (`start.log` beside the settings, and stderr), which
//! the message shown when none works points to.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use egui_wgpu::wgpu;
use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Message};
use crate::msg;

/// The environment variable that chooses the renderer, like `--renderer`.
pub const RENDERER_ENV: &str = "ECONLENS_RENDERER";

/// A graphics backend, or `Auto` for the platform's order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
pub enum Renderer {
    #[default]
    Auto,
    /// DirectX 12 (Windows).
    Dx12,
    /// Vulkan (Windows, Linux).
    Vulkan,
    /// Metal (macOS).
    Metal,
    /// OpenGL (Windows, Linux).
    #[value(alias = "opengl")]
    Gl,
}

impl Renderer {
    /// The backends this platform has, in the order `Auto` tries them.
    pub fn platform_order() -> &'static [Self] {
        if cfg!(windows) {
            &[Self::Dx12, Self::Vulkan, Self::Gl]
        } else if cfg!(target_os = "macos") {
            &[Self::Metal]
        } else {
            &[Self::Vulkan, Self::Gl]
        }
    }

    /// What View → Graphics offers: `Auto` and this platform's backends.
    pub fn choices() -> Vec<Self> {
        std::iter::once(Self::Auto).chain(Self::platform_order().iter().copied()).collect()
    }

    /// The order in which the window tries backends: the chosen one first,
    /// then the platform's others, so a choice that fails still leaves a window.
    pub fn attempts(self) -> Vec<Self> {
        let mut order: Vec<Self> = Self::platform_order().to_vec();
        if self != Self::Auto {
            order.retain(|renderer| *renderer != self);
            order.insert(0, self);
        }
        order
    }

    /// wgpu's name for the backend.
    pub fn backends(self) -> wgpu::Backends {
        match self {
            Self::Auto => wgpu::Backends::PRIMARY | wgpu::Backends::GL,
            Self::Dx12 => wgpu::Backends::DX12,
            Self::Vulkan => wgpu::Backends::VULKAN,
            Self::Metal => wgpu::Backends::METAL,
            Self::Gl => wgpu::Backends::GL,
        }
    }

    /// The backend wgpu reports for an open window.
    pub fn from_backend(backend: wgpu::Backend) -> Self {
        match backend {
            wgpu::Backend::Dx12 => Self::Dx12,
            wgpu::Backend::Vulkan => Self::Vulkan,
            wgpu::Backend::Metal => Self::Metal,
            wgpu::Backend::Gl => Self::Gl,
            wgpu::Backend::Noop | wgpu::Backend::BrowserWebGpu => Self::Auto,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Auto => lang.tr("自动", "Automatic"),
            Self::Dx12 => "DirectX 12",
            Self::Vulkan => "Vulkan",
            Self::Metal => "Metal",
            Self::Gl => "OpenGL",
        }
    }

    /// The word `--renderer` and `ECONLENS_RENDERER` take (clap's name for it).
    pub fn word(self) -> String {
        clap::ValueEnum::to_possible_value(&self).map(|value| value.get_name().to_owned()).unwrap_or_default()
    }

    /// Reads a word of `ECONLENS_RENDERER` as `--renderer` reads it (any
    /// case, surrounding blanks ignored, `opengl` for `gl`).
    pub fn from_word(word: &str) -> Option<Self> {
        <Self as clap::ValueEnum>::from_str(word.trim(), true).ok()
    }
}

/// Where the renderer choice came from, to say so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChoiceOrigin {
    CommandLine,
    Environment,
    Remembered,
    Default,
}

/// The renderer to try first and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub renderer: Renderer,
    pub origin: ChoiceOrigin,
    /// `ECONLENS_RENDERER` held a word that is not a renderer.
    pub problem: Option<Message>,
}

/// `--renderer`, else `ECONLENS_RENDERER`, else the remembered choice, else `Auto`.
pub fn choose(
    command_line: Option<Renderer>,
    environment: Option<&str>,
    remembered: Option<Renderer>,
) -> Choice {
    if let Some(renderer) = command_line {
        return Choice { renderer, origin: ChoiceOrigin::CommandLine, problem: None };
    }
    let mut problem = None;
    if let Some(word) = environment.filter(|word| !word.trim().is_empty()) {
        match Renderer::from_word(word) {
            Some(renderer) => return Choice { renderer, origin: ChoiceOrigin::Environment, problem: None },
            None => {
                let words =
                    Renderer::choices().iter().map(|renderer| renderer.word()).collect::<Vec<_>>().join("、");
                let words_en = words.replace('、', ", ");
                problem = Some(msg!(
                    "环境变量 {RENDERER_ENV}={word} 不是可用的图形接口（可用：{words}），已忽略",
                    "{RENDERER_ENV}={word} is not a graphics backend (one of {words_en}); it is ignored"
                ));
            }
        }
    }
    match remembered {
        Some(renderer) => Choice { renderer, origin: ChoiceOrigin::Remembered, problem },
        None => Choice { renderer: Renderer::Auto, origin: ChoiceOrigin::Default, problem },
    }
}

/// The file View → Graphics writes: read before the window (and eframe's
/// settings) exist.
fn choice_file(folder: &Path) -> PathBuf {
    folder.join("graphics.ron")
}

/// The renderer chosen in View → Graphics on an earlier run; none when the
/// file is absent or unreadable (the platform's order is then tried).
pub fn remembered(folder: Option<&Path>) -> Option<Renderer> {
    let text = std::fs::read_to_string(choice_file(folder?)).ok()?;
    ron::from_str(&text).ok()
}

/// Remembers `renderer` for the next start.
pub fn remember(folder: &Path, renderer: Renderer) -> Result<(), crate::export::WriteError> {
    if let Err(source) = std::fs::create_dir_all(folder) {
        return Err(crate::export::WriteError::Other { path: folder.to_owned(), source });
    }
    let text = ron::to_string(&renderer).unwrap_or_else(|_| "Auto".to_owned());
    crate::export::write_atomic(&choice_file(folder), format!("{text}\n").as_bytes())
}

/// `llvmpipe (LLVM 15.0.6, 256 bits) (Mesa 22.3.6)`: the adapter, then its
/// driver where wgpu knows it.
pub fn adapter_name(name: &str, driver: &str, driver_info: &str) -> String {
    let driver =
        [driver.trim(), driver_info.trim()].into_iter().filter(|part| !part.is_empty()).collect::<Vec<_>>();
    if driver.is_empty() { name.trim().to_owned() } else { format!("{} ({})", name.trim(), driver.join(" ")) }
}

/// One backend's try at opening the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub renderer: Renderer,
    pub reason: String,
}

/// How one backend's try at the window ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Try {
    /// The user closed the window.
    Closed,
    /// The backend failed before the window's first frame was drawn: the next one is tried.
    FailedBeforeDrawing(String),
    /// The window was in use when it failed: no other backend is tried, as
    /// that would open a second window on a user who was working.
    FailedAfterDrawing(String),
}

/// How the window's run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ending {
    Closed,
    NoneWorked(Vec<Failure>),
    Failed { renderer: Renderer, reason: String },
}

/// Tries `attempts` in order with `open` (given the failures so far) until
/// one opens the window and draws.
pub fn first_that_draws(attempts: &[Renderer], mut open: impl FnMut(Renderer, &[Failure]) -> Try) -> Ending {
    let mut failures = Vec::new();
    for &renderer in attempts {
        match open(renderer, &failures) {
            Try::Closed => return Ending::Closed,
            Try::FailedBeforeDrawing(reason) => failures.push(Failure { renderer, reason }),
            Try::FailedAfterDrawing(reason) => return Ending::Failed { renderer, reason },
        }
    }
    Ending::NoneWorked(failures)
}

/// What the window drew with, for the status line and View → Graphics.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InUse {
    pub renderer: Renderer,
    /// The adapter and driver as wgpu names them.
    pub adapter: String,
    /// The backends that failed before this one.
    pub failures: Vec<Failure>,
    /// What to remember on the next start (changed in View → Graphics).
    pub next_start: Renderer,
    /// Where View → Graphics remembers it: beside the settings.
    pub folder: Option<PathBuf>,
}

impl InUse {
    /// View → Graphics: remembers `renderer` for the next start (the window
    /// cannot change its backend while it is open); what to tell the user.
    pub fn remember_next(&mut self, renderer: Renderer) -> crate::ui::notice::Notice {
        let saved = match &self.folder {
            Some(folder) => remember(folder, renderer)
                .map_err(|error| Message::new(error.message(Lang::Zh), error.message(Lang::En))),
            None => Err(Message::new("找不到保存设置的文件夹", "no folder to keep settings in")),
        };
        match saved {
            Ok(()) => {
                self.next_start = renderer;
                let name = renderer.label(Lang::En);
                crate::ui::notice::Notice::info(msg!(
                    "下次启动时使用图形接口：{name}",
                    "The next start uses the graphics backend: {name}"
                ))
            }
            Err(reason) => crate::ui::notice::Notice::error(
                Message::new("无法保存图形设置：", "Cannot save the graphics setting: ").then(&reason),
            ),
        }
    }

    /// Said once in the status line when the window had to fall back.
    pub fn fallback_notice(&self) -> Option<Message> {
        let failed = self.failures.first()?;
        let (from, to) = (failed.renderer.label(Lang::En), self.renderer.label(Lang::En));
        let reason = &failed.reason;
        Some(msg!(
            "{from} 无法使用（{reason}），已改用 {to}",
            "{from} could not be used ({reason}); using {to}"
        ))
    }
}

/// The start log: `start.log` beside the settings, begun anew at each start,
/// and stderr for whoever started the app from a terminal.
#[derive(Clone, Debug, Default)]
pub struct StartLog {
    path: Option<PathBuf>,
}

impl StartLog {
    /// Begins the log in `folder` (none: stderr only).
    pub fn begin(folder: Option<&Path>) -> Self {
        let path = folder.and_then(|folder| {
            std::fs::create_dir_all(folder).ok()?;
            let path = folder.join("start.log");
            std::fs::write(&path, b"").ok().map(|()| path)
        });
        let log = Self { path };
        let now = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
        log.line(&format!(
            "EconLens {} ({}), started {now}",
            env!("CARGO_PKG_VERSION"),
            std::env::consts::OS
        ));
        log
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Adds a line; a log that cannot be written costs only the log.
    pub fn line(&self, text: &str) {
        eprintln!("econlens: {text}");
        if let Some(path) = &self.path
            && let Ok(mut file) = std::fs::OpenOptions::new().append(true).open(path)
        {
            let _ = writeln!(file, "{text}");
        }
    }
}

/// What the message box says when no backend could open the window.
pub fn none_worked(failures: &[Failure], log: Option<&Path>) -> Message {
    let list = failures
        .iter()
        .map(|failure| format!("{}: {}", failure.renderer.label(Lang::En), failure.reason))
        .collect::<Vec<_>>()
        .join("\n");
    let log = log.map(|path| path.display().to_string()).unwrap_or_default();
    msg!(
        "EconLens 无法打开窗口：没有一种图形接口可用。\n\n{list}\n\n可以尝试：更新显卡驱动；在远程桌面或虚拟机中开启 3D 加速；设置环境变量 {RENDERER_ENV}=gl 后重新启动。命令行功能（econlens check、export、import、audit）不需要窗口，仍可使用。\n\n详细记录：{log}",
        "EconLens cannot open its window: no graphics backend works here.\n\n{list}\n\nWhat to try: update the graphics driver; turn on 3D acceleration in the remote desktop or virtual machine; set {RENDERER_ENV}=gl and start again. The command line (econlens check, export, import, audit) needs no window and still works.\n\nDetails: {log}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_falls_back_until_a_backend_draws_and_not_after_it_has() {
        let order = [Renderer::Dx12, Renderer::Vulkan, Renderer::Gl];
        let mut seen = Vec::new();
        let ending = first_that_draws(&order, |renderer, failures| {
            seen.push((renderer, failures.len()));
            match renderer {
                Renderer::Dx12 => Try::FailedBeforeDrawing("Parent device is lost".to_owned()),
                _ => Try::Closed,
            }
        });
        assert_eq!(ending, Ending::Closed);
        assert_eq!(
            seen,
            [(Renderer::Dx12, 0), (Renderer::Vulkan, 1)],
            "Vulkan is told DirectX 12 failed; GL is not tried"
        );

        let mut tried = Vec::new();
        let ending = first_that_draws(&order, |renderer, _| {
            tried.push(renderer);
            Try::FailedAfterDrawing("device lost".to_owned())
        });
        assert_eq!(ending, Ending::Failed { renderer: Renderer::Dx12, reason: "device lost".to_owned() });
        assert_eq!(tried, [Renderer::Dx12], "a window in use is not reopened on another backend");

        let ending = first_that_draws(&order, |renderer, _| Try::FailedBeforeDrawing(renderer.word()));
        let Ending::NoneWorked(failures) = ending else { panic!("{ending:?}") };
        let named =
            failures.iter().map(|failure| (failure.renderer, failure.reason.as_str())).collect::<Vec<_>>();
        assert_eq!(named, [(Renderer::Dx12, "dx12"), (Renderer::Vulkan, "vulkan"), (Renderer::Gl, "gl")]);
        let message = none_worked(&failures, None).get(Lang::Zh).to_owned();
        assert!(message.contains("Vulkan: vulkan") && message.contains("ECONLENS_RENDERER=gl"), "{message}");
    }

    #[test]
    fn a_choice_is_tried_first_and_the_others_after_it() {
        let order = Renderer::platform_order();
        let last = *order.last().unwrap_or(&Renderer::Auto);
        let attempts = last.attempts();
        assert_eq!(attempts.first(), Some(&last));
        assert_eq!(attempts.len(), order.len());
        assert_eq!(Renderer::Auto.attempts(), order);
    }

    #[test]
    fn an_adapter_is_named_with_the_driver_parts_wgpu_knows() {
        assert_eq!(adapter_name("llvmpipe", "", " 4.5 Mesa 22.3.6"), "llvmpipe (4.5 Mesa 22.3.6)");
        assert_eq!(adapter_name("Intel UHD 620", "", ""), "Intel UHD 620");
    }

    #[test]
    fn the_command_line_beats_the_environment_which_beats_the_menu() {
        let cli = choose(Some(Renderer::Gl), Some("vulkan"), Some(Renderer::Dx12));
        assert_eq!((cli.renderer, cli.origin), (Renderer::Gl, ChoiceOrigin::CommandLine));
        let env = choose(None, Some(" Vulkan "), Some(Renderer::Dx12));
        assert_eq!((env.renderer, env.origin), (Renderer::Vulkan, ChoiceOrigin::Environment));
        let menu = choose(None, None, Some(Renderer::Dx12));
        assert_eq!((menu.renderer, menu.origin), (Renderer::Dx12, ChoiceOrigin::Remembered));
        assert_eq!(choose(None, Some(""), None).origin, ChoiceOrigin::Default);
        // The environment takes the words --renderer takes, `opengl` too.
        assert_eq!(choose(None, Some("OpenGL"), None).renderer, Renderer::Gl);
        assert_eq!(Renderer::Dx12.word(), "dx12");
    }

    #[test]
    fn an_unknown_environment_word_is_named_and_ignored() {
        let choice = choose(None, Some("directx"), Some(Renderer::Gl));
        assert_eq!(choice.renderer, Renderer::Gl);
        let problem = choice.problem.map(|message| message.get(Lang::En).to_owned()).unwrap_or_default();
        assert!(problem.contains("ECONLENS_RENDERER=directx"), "{problem}");
    }

    #[test]
    fn the_menu_choice_survives_a_restart_and_a_damaged_file_is_auto() {
        let folder = tempfile::tempdir().unwrap();
        assert_eq!(remembered(Some(folder.path())), None);
        assert!(remember(folder.path(), Renderer::Gl).is_ok());
        assert_eq!(remembered(Some(folder.path())), Some(Renderer::Gl));
        assert!(std::fs::write(folder.path().join("graphics.ron"), "Direct(").is_ok());
        assert_eq!(remembered(Some(folder.path())), None);
    }
}
