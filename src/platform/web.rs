//! The browser: the app on a `<canvas id="econlens">` of the page through
//! eframe's web runner (WebGL2, or WebGPU where the browser has it),
//! settings in the page's local storage (eframe's), no threads, and no file
//! system: the files the user gives the page are kept in memory under
//! their names, and every file the app writes is a download.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::Closure;

use super::{DialogRequest, Received};
use crate::export::WriteError;
use crate::ui::app::EconLensApp;
use crate::ui::task::{Finish, Task};

/// The id of the canvas the page gives the app.
pub const CANVAS_ID: &str = "econlens";
/// The page's loading line, replaced by a message if the app cannot start.
const STATUS_ID: &str = "econlens-status";
/// The element a published page carries its data file in (its text; the
/// file's name in `data-name`).
const DATA_ID: &str = "econlens-data";
/// The hidden file input the app's File → Open and Import use.
const FILE_INPUT_ID: &str = "econlens-file-input";

/// Not a desktop: no file system the app can list or watch, and a page
/// is closed by the browser, not by the app.
pub const DESKTOP: bool = false;

/// The browser's picker always opens: what it answers is the user's choice.
const PICKER_ALWAYS_OPENS: Duration = Duration::MAX;

type PickAnswer = Finish<(Option<PathBuf>, Duration)>;

thread_local! {
    /// The files given to the page (picked, dropped, published with it), by name.
    static GIVEN: RefCell<HashMap<PathBuf, Arc<[u8]>>> = RefCell::new(HashMap::new());
    /// The name the page's own data is kept under.
    static PAGE_DATA: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
    /// The picker's answer, while it is open.
    static PICKING: RefCell<Option<PickAnswer>> = const { RefCell::new(None) };
}

/// A browser has no settings folder (settings are in local storage).
pub fn settings_folder() -> Option<PathBuf> {
    None
}

type Job = Box<dyn FnOnce() + Send>;

/// A page has no threads: the job comes back to run between frames.
pub fn spawn_thread(_name: &str, job: Job) -> Result<(), Job> {
    Err(job)
}

/// The bytes of a file given to the page under `path` (its name).
pub fn given_file(path: &Path) -> Option<Arc<[u8]>> {
    GIVEN.with(|given| given.borrow().get(path).cloned())
}

fn keep(name: &str, bytes: Arc<[u8]>) -> PathBuf {
    let path = PathBuf::from(name);
    GIVEN.with(|given| given.borrow_mut().insert(path.clone(), bytes));
    path
}

/// A file the app writes: offered as a download named like `path`'s file,
/// and kept, so the app reads back what it wrote (a chart saved into the data).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let name =
        path.file_name().map_or_else(|| "econlens".to_owned(), |name| name.to_string_lossy().into_owned());
    keep(&name, Arc::from(bytes));
    download(&name, bytes)
        .map_err(|reason| WriteError::Other { path: path.to_owned(), source: std::io::Error::other(reason) })
}

/// A page has no files to watch (the app never asks: [`DESKTOP`] is false).
pub struct FileWatcher(());

impl FileWatcher {
    pub fn new(_path: &Path, _ctx: &egui::Context) -> std::io::Result<Self> {
        Err(std::io::ErrorKind::Unsupported.into())
    }

    pub fn reload_due(&self) -> bool {
        false
    }
}

fn download(name: &str, bytes: &[u8]) -> Result<(), String> {
    let js = |error: wasm_bindgen::JsValue| error.as_string().unwrap_or_else(|| format!("{error:?}"));
    let document = document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime_type(name));
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js)?;
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(js)?.dyn_into().map_err(|_| "not an anchor")?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The download has its own reference to the blob once started; the URL is released a minute later.
    let revoke = Closure::once_into_js(move || drop(web_sys::Url::revoke_object_url(&url)));
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}

fn mime_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or_default().to_ascii_lowercase().as_str() {
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "pdf" => "application/pdf",
        "csv" => "text/csv",
        "html" => "text/html",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    }
}

/// The browser's file picker for a file to open (answering with the name
/// the picked file is kept under); a file to write needs no dialog: it is
/// downloaded under the proposed name.
pub fn ask_system_dialog(
    ctx: &egui::Context,
    request: DialogRequest,
) -> Option<Task<(Option<PathBuf>, Duration)>> {
    let (task, answer) = Task::finished_by(ctx);
    if let Some(name) = request.save_as {
        answer.send((Some(PathBuf::from(name)), PICKER_ALWAYS_OPENS));
        return Some(task);
    }
    let input = file_input()?;
    let accept: Vec<String> = request.filter.1.iter().map(|extension| format!(".{extension}")).collect();
    input.set_accept(&accept.join(","));
    // Cleared, so picking the same file again is a change too.
    input.set_value("");
    // A picker still open is answered "nothing chosen" first.
    if let Some(earlier) = PICKING.with(|picking| picking.borrow_mut().replace(answer)) {
        earlier.send((None, PICKER_ALWAYS_OPENS));
    }
    input.click();
    Some(task)
}

/// The page's hidden file input, made (with its listeners) on first use.
fn file_input() -> Option<web_sys::HtmlInputElement> {
    let document = document()?;
    if let Some(input) = document.get_element_by_id(FILE_INPUT_ID) {
        return input.dyn_into().ok();
    }
    let input: web_sys::HtmlInputElement = document.create_element("input").ok()?.dyn_into().ok()?;
    input.set_id(FILE_INPUT_ID);
    input.set_type("file");
    let _ = input.style().set_property("display", "none");
    document.body()?.append_child(&input).ok()?;
    let picked = input.clone();
    let on_change = Closure::<dyn FnMut()>::new(move || {
        let Some(answer) = PICKING.with(|picking| picking.borrow_mut().take()) else { return };
        match picked.files().and_then(|files| files.get(0)) {
            Some(file) => read_into(file, answer),
            None => answer.send((None, PICKER_ALWAYS_OPENS)),
        }
    });
    let on_cancel = Closure::<dyn FnMut()>::new(move || {
        if let Some(answer) = PICKING.with(|picking| picking.borrow_mut().take()) {
            answer.send((None, PICKER_ALWAYS_OPENS));
        }
    });
    input.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref()).ok()?;
    input.add_event_listener_with_callback("cancel", on_cancel.as_ref().unchecked_ref()).ok()?;
    // The listeners live as long as the page.
    on_change.forget();
    on_cancel.forget();
    Some(input)
}

/// Reads a picked file into memory, then answers with the name it is kept under.
fn read_into(file: web_sys::File, answer: PickAnswer) {
    wasm_bindgen_futures::spawn_local(async move {
        let read = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
        let chosen = read.ok().map(|buffer| {
            let bytes: Arc<[u8]> = js_sys::Uint8Array::new(&buffer).to_vec().into();
            keep(&file.name(), bytes)
        });
        answer.send((chosen, PICKER_ALWAYS_OPENS));
    });
}

/// A file dropped on the page is read into memory, then opened by its name.
pub fn receive_dropped(ctx: &egui::Context, file: &egui::DroppedFileHandle) -> Received {
    let (task, answer) = Task::finished_by(ctx);
    let file = Arc::clone(file);
    wasm_bindgen_futures::spawn_local(async move {
        let name = file.path().to_string_lossy().into_owned();
        let chosen = file.bytes_async().await.ok().map(|bytes| keep(&name, bytes.into()));
        answer.send((chosen, PICKER_ALWAYS_OPENS));
    });
    Received::Reading(task)
}

/// The page's own data: the page reloads (a published page fetches its
/// data file again). A file the user gave: asked for again.
pub fn reload(path: &Path) -> super::ReloadWay {
    let is_page_data = PAGE_DATA.with(|page| page.borrow().as_deref() == Some(path));
    if is_page_data && web_sys::window().is_some_and(|window| window.location().reload().is_ok()) {
        super::ReloadWay::PageReloads
    } else {
        super::ReloadWay::AskAgain
    }
}

/// The tab's title names the data, as the desktop window's title does.
pub fn show_title(title: &str) {
    if let Some(document) = document() {
        document.set_title(title);
    }
}

/// Frame times measured on request (`#measure=TAB:FRAMES` in the page's
/// address) are left on the page's body for whoever asked (CI's browser test).
pub fn frame_measured(summary: &str) {
    if let Some(body) = document().and_then(|document| document.body()) {
        let _ = body.dataset().set("econlensFrames", summary);
    }
}

/// Leaves the time of the first frame since the page was opened (ms) on
/// the page's body, for whoever measures start-up (CI's browser test).
pub fn first_frame_shown() {
    let Some(window) = web_sys::window() else { return };
    let since_navigation_ms = window.performance().map_or(0.0, |performance| performance.now());
    if let Some(body) = window.document().and_then(|document| document.body()) {
        let _ = body.dataset().set("econlensFirstFrameMs", &format!("{since_navigation_ms:.0}"));
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|window| window.document())
}

/// The data file the page carries (a published dashboard), kept under its name.
fn page_data(document: &web_sys::Document) -> Option<PathBuf> {
    let element = document.get_element_by_id(DATA_ID)?;
    let text = element.text_content()?;
    let name = element.get_attribute("data-name").unwrap_or_else(|| "data.ron".to_owned());
    let path = keep(&name, Arc::from(text.into_bytes()));
    PAGE_DATA.with(|page| *page.borrow_mut() = Some(path.clone()));
    Some(path)
}

/// Starts the app on the page's canvas, on the data the page carries (or
/// the embedded data); if it cannot start (no WebGL2 or WebGPU), says so in
/// the page instead.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let Some(document) = document() else { return };
        let canvas = document
            .get_element_by_id(CANVAS_ID)
            .and_then(|element| element.dyn_into::<web_sys::HtmlCanvasElement>().ok());
        let Some(canvas) = canvas else {
            show_problem(
                &document,
                &format!(
                    "这个页面没有 id 为 {CANVAS_ID} 的画布。/ The page has no canvas with the id {CANVAS_ID}."
                ),
            );
            return;
        };
        let data = page_data(&document);
        let measure = web_sys::window()
            .and_then(|window| window.location().hash().ok())
            .and_then(|hash| hash.strip_prefix("#measure=").map(str::to_owned));
        let started = eframe::WebRunner::new()
            .start(
                canvas,
                eframe::WebOptions::default(),
                Box::new(move |cc| {
                    let max = crate::data::DEFAULT_MAX_SIZE_BYTES;
                    let mut app = EconLensApp::new(cc, data, max, None, None);
                    if let Some(request) = measure {
                        app.measure_frames(&request);
                    }
                    Ok(Box::new(app))
                }),
            )
            .await;
        if started.is_ok()
            && let Some(status) = document.get_element_by_id(STATUS_ID)
        {
            status.remove();
        }
        if let Err(error) = started {
            let reason = error.as_string().unwrap_or_else(|| format!("{error:?}"));
            show_problem(
                &document,
                &format!(
                    "EconLens 无法在此浏览器中启动（需要 WebGL2 或 WebGPU）：{reason} / EconLens cannot start in this browser (it needs WebGL2 or WebGPU): {reason}"
                ),
            );
        }
    });
}

/// Replaces the page's loading text with `text`.
fn show_problem(document: &web_sys::Document, text: &str) {
    if let Some(status) = document.get_element_by_id(STATUS_ID) {
        status.set_text_content(Some(text));
    }
}

/// WebGL hands back pixels only after the page returns to the browser
/// (its fences never signal within one call), so PNGs are not read back
/// from the GPU: the chart's vector figure is rasterised on the CPU.
pub const GPU_READS_BACK: bool = false;

/// The chart's SVG (glyphs as outlines, so no font is needed) as pixels at
/// `scale` × its size, by resvg.
pub fn rasterize_svg(svg: &str, scale: f32) -> Result<crate::export::RgbaImage, crate::export::RenderError> {
    use resvg::{tiny_skia, usvg};
    let failed = |reason: String| crate::export::RenderError::Gpu(reason);
    let tree =
        usvg::Tree::from_str(svg, &usvg::Options::default()).map_err(|error| failed(error.to_string()))?;
    let size = tree.size();
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "checked against MAX_PIXELS")]
    let (width, height) = ((size.width() * scale).round() as u32, (size.height() * scale).round() as u32);
    if u64::from(width) * u64::from(height) > crate::export::render::MAX_PIXELS {
        return Err(crate::export::RenderError::TooLarge { width, height });
    }
    let mut pixmap =
        tiny_skia::Pixmap::new(width, height).ok_or_else(|| failed(format!("{width} × {height}")))?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let pixels = pixmap
        .pixels()
        .iter()
        .flat_map(|pixel| {
            let straight = pixel.demultiply();
            [straight.red(), straight.green(), straight.blue(), straight.alpha()]
        })
        .collect();
    Ok(crate::export::RgbaImage { width, height, pixels })
}
