//! Exporting a chart as a self-describing PNG or as the CSV of exactly what
//! it shows. The GUI and `econlens export` call the same functions, so a
//! chart exported either way is the same file.

pub mod atomic;
pub mod csv;
pub mod png;
pub mod render;

use std::path::Path;

use crate::chart::Chart;
use crate::data::model::Dataset;
use crate::i18n::Lang;

pub use atomic::{WriteError, write_atomic};
pub use render::{Offscreen, RenderError, RgbaImage};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, clap::ValueEnum)]
pub enum ExportFormat {
    Png,
    Csv,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Csv => "csv",
        }
    }

    /// The format a path's extension asks for, if it names one.
    pub fn from_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "png" => Some(Self::Png),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }
}

/// Pixel densities offered for PNG export.
pub const SCALES: [u8; 3] = [1, 2, 4];
pub const DEFAULT_SCALE: u8 = 2;

/// What to export and how it should look.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportJob {
    pub chart_id: String,
    pub format: ExportFormat,
    pub scale: u8,
    pub lang: Lang,
    pub theme: crate::figure::Theme,
}

#[derive(Debug)]
pub enum ExportError {
    UnknownChart(String),
    Render(RenderError),
    Encode(::png::EncodingError),
    Write(WriteError),
}

impl From<RenderError> for ExportError {
    fn from(error: RenderError) -> Self {
        Self::Render(error)
    }
}

impl From<WriteError> for ExportError {
    fn from(error: WriteError) -> Self {
        Self::Write(error)
    }
}

impl From<::png::EncodingError> for ExportError {
    fn from(error: ::png::EncodingError) -> Self {
        Self::Encode(error)
    }
}

impl std::error::Error for ExportError {}

/// English, for logs; people see [`ExportError::message`].
impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl ExportError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::UnknownChart(id) => match lang {
                Lang::Zh => format!("没有 id 为 {id:?} 的图表；`econlens export --list` 列出所有 id"),
                Lang::En => format!("no chart has the id {id:?}; `econlens export --list` shows the ids"),
            },
            Self::Render(error) => error.message(lang),
            Self::Encode(error) => match lang {
                Lang::Zh => format!("无法编码 PNG：{error}"),
                Lang::En => format!("cannot encode the PNG: {error}"),
            },
            Self::Write(error) => error.message(lang),
        }
    }
}

/// `gdp-shizhong-history_2015-2025.png`: the chart's id (which names its
/// region) and its period, safe as a file name on every system.
pub fn suggested_file_name(chart: &Chart, format: ExportFormat) -> String {
    let period = chart.period_label().replace('–', "-");
    let stem = if period.is_empty() { chart.id.clone() } else { format!("{}_{period}", chart.id) };
    let safe: String = stem
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
        .collect();
    format!("{safe}.{}", format.extension())
}

/// The chart as an image, without encoding it.
pub fn render_image(
    chart: &Chart,
    dataset: &Dataset,
    job: &ExportJob,
    offscreen: &mut Offscreen,
) -> Result<RgbaImage, ExportError> {
    Ok(offscreen.render_chart(chart, dataset, job.lang, job.theme, f32::from(job.scale))?)
}

/// The bytes of the exported file. A PNG needs a renderer; a CSV does not.
pub fn export_bytes(
    chart: &Chart,
    dataset: &Dataset,
    job: &ExportJob,
    offscreen: Option<&mut Offscreen>,
) -> Result<Vec<u8>, ExportError> {
    match job.format {
        ExportFormat::Csv => Ok(csv::chart_csv(chart, dataset, job.lang).into_bytes()),
        ExportFormat::Png => {
            let Some(offscreen) = offscreen else {
                return Err(RenderError::NoAdapter("no renderer was set up".to_owned()).into());
            };
            let image = render_image(chart, dataset, job, offscreen)?;
            let title = chart.title.get(job.lang);
            let description = format!("{} · {}", chart.period_label(), chart.footer(dataset, job.lang));
            Ok(png::encode_png(&image, &png::PngText { title, description: &description })?)
        }
    }
}

/// Exports one chart to `path`, atomically.
pub fn export_to_file(
    chart: &Chart,
    dataset: &Dataset,
    job: &ExportJob,
    offscreen: Option<&mut Offscreen>,
    path: &Path,
) -> Result<(), ExportError> {
    let bytes = export_bytes(chart, dataset, job, offscreen)?;
    write_atomic(path, &bytes)?;
    Ok(())
}

/// Finds a chart by id.
pub fn find_chart<'a>(charts: &'a [Chart], id: &str) -> Result<&'a Chart, ExportError> {
    charts.iter().find(|chart| chart.id == id).ok_or_else(|| ExportError::UnknownChart(id.to_owned()))
}
