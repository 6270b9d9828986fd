//! `econlens publish`: a dashboard as a web page. The web build of the app
//! (`econlens.js` and `econlens_bg.wasm`, made by `bash .ci/web-build.sh` into
//! `target/econlens-web`)
//! and a data file become either a folder for any web server (`index.html`,
//! the app, the data file beside it, fetched when the page opens) or one
//! self-contained `.html` that opens by double-click from the disk, offline
//! (the app gzip-compressed and inlined, unpacked by the browser's
//! `DecompressionStream`; the data inlined). The data file is published as
//! it is, byte for byte: what the page shows is what the file says.

mod base64;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::export::{WriteError, write_atomic};
use crate::i18n::{Lang, Message};
use crate::msg;

/// The page both forms are made from.
const PAGE: &str = include_str!("../../assets/web/index.html");
/// The script both forms start the app with.
const LOADER: &str = include_str!("../../assets/web/loader.js");
/// The files of the web build.
pub const APP_JS: &str = "econlens.js";
pub const APP_WASM: &str = "econlens_bg.wasm";
/// Names the web build's folder when `--web-build` does not.
pub const WEB_BUILD_ENV: &str = "ECONLENS_WEB_BUILD";
/// The web build's folder when neither names it: beside the program, or
/// one folder up (`target/econlens-web` beside `target/release`).
pub const WEB_BUILD_FOLDER: &str = "econlens-web";

/// The web build of the app, read from its folder.
pub struct WebBuild {
    pub folder: PathBuf,
    pub js: String,
    pub wasm: Vec<u8>,
}

/// The data a page opens on: its file's name and text, as published.
pub struct PageData {
    pub name: String,
    pub text: String,
    /// The dataset's title, for the page's title.
    pub title: String,
}

/// Why nothing was published.
#[derive(Debug)]
pub enum PublishError {
    /// No web build where it was looked for.
    NoWebBuild {
        looked: Vec<PathBuf>,
    },
    /// The web build's folder lacks a file or it cannot be read.
    BrokenWebBuild {
        folder: PathBuf,
        file: &'static str,
        reason: String,
    },
    /// `--out` names a file where a folder was expected (no error), or the folder cannot be made.
    Folder {
        path: PathBuf,
        error: Option<std::io::Error>,
    },
    Write(WriteError),
}

impl PublishError {
    pub fn message(&self, lang: Lang) -> String {
        let text: Message = match self {
            Self::NoWebBuild { looked } => {
                let looked =
                    looked.iter().map(|path| path.display().to_string()).collect::<Vec<_>>().join("、");
                msg!(
                    "找不到 EconLens 的网页版（{APP_JS} 和 {APP_WASM}），查找过：{looked}；请先运行 bash .ci/web-build.sh，或用 --web-build 指定其文件夹",
                    "the web build of EconLens ({APP_JS} and {APP_WASM}) was not found; looked in: {looked}; \
                     run bash .ci/web-build.sh first, or name its folder with --web-build"
                )
            }
            Self::BrokenWebBuild { folder, file, reason } => {
                let folder = folder.display();
                msg!(
                    "网页版文件夹 {folder} 中的 {file} 无法读取：{reason}",
                    "{file} in the web build's folder {folder} cannot be read: {reason}"
                )
            }
            Self::Folder { path, error: None } => {
                let path = path.display();
                msg!(
                    "{path} 是一个文件；请指定文件夹，或加上 --single-file 生成单个网页文件",
                    "{path} is a file; name a folder, or add --single-file for one page file"
                )
            }
            Self::Folder { path, error: Some(error) } => {
                let (path, reason) = (path.display(), crate::i18n::io_reason(error, lang));
                msg!("无法创建文件夹 {path}：{reason}", "cannot make the folder {path}: {reason}")
            }
            Self::Write(error) => return error.message(lang),
        };
        text.get(lang).to_owned()
    }
}

impl WebBuild {
    /// The folders looked in, in order: `explicit`, `$ECONLENS_WEB_BUILD`,
    /// `econlens-web/` beside the program, then one folder up.
    pub fn candidates(explicit: Option<&Path>) -> Vec<PathBuf> {
        if let Some(folder) = explicit {
            return vec![folder.to_owned()];
        }
        let mut folders: Vec<PathBuf> =
            std::env::var_os(WEB_BUILD_ENV).map(PathBuf::from).into_iter().collect();
        if let Some(program_folder) =
            std::env::current_exe().ok().and_then(|exe| exe.parent().map(Path::to_owned))
        {
            folders.push(program_folder.join(WEB_BUILD_FOLDER));
            if let Some(up) = program_folder.parent() {
                folders.push(up.join(WEB_BUILD_FOLDER));
            }
        }
        folders
    }

    /// Reads the web build from the first of [`Self::candidates`] that has one.
    pub fn find(explicit: Option<&Path>) -> Result<Self, PublishError> {
        let looked = Self::candidates(explicit);
        let Some(folder) = looked.iter().find(|folder| folder.join(APP_WASM).is_file()) else {
            return Err(PublishError::NoWebBuild { looked });
        };
        Self::read(folder)
    }

    pub fn read(folder: &Path) -> Result<Self, PublishError> {
        let broken = |file, error: std::io::Error| PublishError::BrokenWebBuild {
            folder: folder.to_owned(),
            file,
            reason: crate::i18n::io_reason(&error, Lang::En),
        };
        let js = std::fs::read_to_string(folder.join(APP_JS)).map_err(|error| broken(APP_JS, error))?;
        let wasm = std::fs::read(folder.join(APP_WASM)).map_err(|error| broken(APP_WASM, error))?;
        if !wasm.starts_with(b"\0asm") {
            return Err(PublishError::BrokenWebBuild {
                folder: folder.to_owned(),
                file: APP_WASM,
                reason: "not a WebAssembly module".to_owned(),
            });
        }
        Ok(Self { folder: folder.to_owned(), js, wasm })
    }
}

/// The page, with its title, data element and script filled in.
fn page(title: &str, data: &str, script: &str) -> String {
    PAGE.replace("{{VERSION}}", env!("CARGO_PKG_VERSION"))
        .replace("{{TITLE}}", &crate::export::vector::svg::escape(&format!("{title} — EconLens")))
        .replace("{{DATA}}", data)
        .replace("{{SCRIPT}}", script)
}

/// A safe file name for the data beside the page (the published file's own name, if it is one).
fn data_file_name(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
        .collect();
    if safe.ends_with(".ron") && safe.len() > 4 { safe } else { "data.ron".to_owned() }
}

/// `index.html` of a published folder: the data is fetched from `data_file` beside it.
pub fn folder_page(data: &PageData, data_file: &str) -> String {
    let escape = crate::export::vector::svg::escape;
    let element = format!(
        r#"<script id="econlens-data" type="application/x-econlens-ron" data-name="{}" data-src="{}"></script>"#,
        escape(&data.name),
        escape(data_file)
    );
    let script = format!(
        "<script type=\"module\">\nimport init from \"./{APP_JS}\";\n{LOADER}\nawait econlensStart(init, async () => \"./{APP_WASM}\");\n</script>"
    );
    page(&data.title, &element, &script)
}

/// The single self-contained page: the app's script inlined, its wasm
/// gzip-compressed in base64, the data in base64 (so no text of the file
/// can end the element early).
pub fn single_file_page(build: &WebBuild, data: &PageData) -> Result<String, PublishError> {
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let packed = gzip.write_all(&build.wasm).and_then(|()| gzip.finish()).map_err(|error| {
        PublishError::BrokenWebBuild {
            folder: build.folder.clone(),
            file: APP_WASM,
            reason: error.to_string(),
        }
    })?;
    let escape = crate::export::vector::svg::escape;
    let element = format!(
        "<script id=\"econlens-data\" type=\"application/x-econlens-ron\" data-name=\"{}\" data-encoding=\"base64\">{}</script>",
        escape(&data.name),
        base64::encode(data.text.as_bytes())
    );
    // A script element ends at the first `</script`; in the glue's strings and comments `<\/` means the same.
    let glue = build.js.replace("</script", "<\\/script");
    let script = format!(
        "<script id=\"econlens-wasm\" type=\"application/octet-stream\">{}</script>\n<script type=\"module\">\n{glue}\n{LOADER}\n\
         await econlensStart(__wbg_init, async () => {{\n\
           const packed = econlensBytes(document.getElementById(\"econlens-wasm\").textContent);\n\
           const unpacked = new Blob([packed]).stream().pipeThrough(new DecompressionStream(\"gzip\"));\n\
           return await new Response(unpacked).arrayBuffer();\n\
         }});\n</script>",
        base64::encode(&packed)
    );
    Ok(page(&data.title, &element, &script))
}

/// What was written, for the person who asked.
pub struct Published {
    pub files: Vec<(PathBuf, u64)>,
}

/// Writes the folder form into `out` (made if missing): `index.html`, the
/// app's two files and the data file; each written atomically.
pub fn publish_folder(build: &WebBuild, data: &PageData, out: &Path) -> Result<Published, PublishError> {
    if out.is_file() {
        return Err(PublishError::Folder { path: out.to_owned(), error: None });
    }
    std::fs::create_dir_all(out)
        .map_err(|error| PublishError::Folder { path: out.to_owned(), error: Some(error) })?;
    let data_file = data_file_name(&data.name);
    let index = folder_page(data, &data_file);
    let files: [(&str, &[u8]); 4] = [
        ("index.html", index.as_bytes()),
        (APP_JS, build.js.as_bytes()),
        (APP_WASM, &build.wasm),
        (&data_file, data.text.as_bytes()),
    ];
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = out.join(name);
        write_atomic(&path, bytes).map_err(PublishError::Write)?;
        written.push((path, u64::try_from(bytes.len()).unwrap_or(u64::MAX)));
    }
    Ok(Published { files: written })
}

/// Writes the single-file form to `out`, atomically.
pub fn publish_single_file(build: &WebBuild, data: &PageData, out: &Path) -> Result<Published, PublishError> {
    let page = single_file_page(build, data)?;
    write_atomic(out, page.as_bytes()).map_err(PublishError::Write)?;
    Ok(Published { files: vec![(out.to_owned(), u64::try_from(page.len()).unwrap_or(u64::MAX))] })
}
