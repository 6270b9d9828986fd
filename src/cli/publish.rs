//! `econlens publish [FILE] --out DIR [--single-file]`: a data file (the
//! embedded dataset when absent) as a web page, through [`crate::publish`].
//! The file must load first: a page is never published on data the app refuses.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Console;
use crate::data::load::read_text;
use crate::data::{EMBEDDED_DATASET, load_text};
use crate::msg;
use crate::publish::{PageData, WebBuild, publish_folder, publish_single_file};

#[derive(Debug, clap::Args)]
pub struct PublishArgs {
    /// The data file (default: the embedded dataset).
    pub file: Option<PathBuf>,
    /// The folder to write (index.html, the app, the data file), or with
    /// --single-file the .html file.
    #[arg(long, value_name = "DIR|FILE")]
    pub out: PathBuf,
    /// One self-contained .html that opens by double-click, offline.
    #[arg(long)]
    pub single_file: bool,
    /// The web build's folder (econlens.js, econlens_bg.wasm) [default:
    /// $ECONLENS_WEB_BUILD, then econlens-web/ beside the program, then one folder up].
    #[arg(long, value_name = "DIR")]
    pub web_build: Option<PathBuf>,
}

pub fn publish(args: &PublishArgs, max_size_bytes: u64, console: &mut Console<'_>) -> ExitCode {
    let lang = console.lang;
    let (name, text) = match &args.file {
        Some(path) => match read_text(path, max_size_bytes) {
            Ok(text) => {
                let name = path.file_name().map_or_else(|| "data.ron".into(), |name| name.to_string_lossy());
                (name.into_owned(), text)
            }
            Err(error) => return console.fail(&error.message(lang)),
        },
        None => ("shizhong.ron".to_owned(), EMBEDDED_DATASET.to_owned()),
    };
    let shown = args.file.clone().unwrap_or_else(|| PathBuf::from(crate::data::EMBEDDED_NAME));
    let dataset = match load_text(&shown, &text) {
        Ok(dataset) => dataset,
        Err(error) => return console.fail(&error.message(lang)),
    };
    let data = PageData { name, text, title: dataset.title().get(lang).to_owned() };
    let build = match WebBuild::find(args.web_build.as_deref()) {
        Ok(build) => build,
        Err(error) => return console.fail(&error.message(lang)),
    };
    let published = if args.single_file {
        publish_single_file(&build, &data, &args.out)
    } else {
        publish_folder(&build, &data, &args.out)
    };
    let published = match published {
        Ok(published) => published,
        Err(error) => return console.fail(&error.message(lang)),
    };
    let mut text = String::new();
    for (path, size_bytes) in &published.files {
        #[expect(clippy::cast_precision_loss, reason = "a size shown to one decimal")]
        let size_mb = *size_bytes as f64 / 1_000_000.0;
        let file = path.display();
        text.push_str(msg!("{file}（{size_mb:.1} MB）\n", "{file} ({size_mb:.1} MB)\n").get(lang));
    }
    console.print(&text).map_or_else(|code| code, |()| ExitCode::SUCCESS)
}
