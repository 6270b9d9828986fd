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

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("no chart has the id {0:?}; `econlens export --list` shows the ids")]
    UnknownChart(String),
    #[error("{0}")]
    Render(#[from] RenderError),
    #[error("cannot encode the PNG: {0}")]
    Encode(#[from] ::png::EncodingError),
    #[error("{0}")]
    Write(#[from] WriteError),
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
