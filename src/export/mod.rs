//! Exporting a chart as a self-describing PNG, SVG or PDF, or as the CSV of
//! exactly what it shows. The GUI and `econlens export` call the same
//! functions, so a chart exported either way is the same file. The three
//! pictures come from one layout of the figure ([`layout`]): the PNG paints
//! its shapes on a GPU ([`render`]), SVG and PDF write the same shapes as
//! vector elements ([`vector`]).

pub mod atomic;
pub mod csv;
pub mod data_table;
pub mod layout;
pub mod png;
pub mod render;
pub mod table;
pub mod vector;
pub mod xlsx;

use std::path::Path;

use crate::chart::Chart;
use crate::data::model::Dataset;
use crate::i18n::Lang;

pub use atomic::{WriteError, write_atomic};
pub use layout::FigureLayout;
pub use render::{Gpu, Offscreen, RenderError, RgbaImage};

/// What a chart is exported as. PNG for slides and documents at a fixed
/// size, SVG for the web and for editing, PDF for print, CSV for the
/// numbers, an Excel workbook for the numbers with an editable chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, clap::ValueEnum)]
pub enum ExportFormat {
    Png,
    Svg,
    Pdf,
    Csv,
    Xlsx,
}

impl ExportFormat {
    /// Every format, in the order menus offer them.
    pub const ALL: [Self; 5] = [Self::Png, Self::Svg, Self::Pdf, Self::Csv, Self::Xlsx];
    /// The pictures of a chart (the formats drawn from its figure).
    pub const PICTURES: [Self; 3] = [Self::Png, Self::Svg, Self::Pdf];

    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Pdf => "pdf",
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    /// The format a path's extension asks for, if it names one.
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|format| format.extension() == extension)
    }

    /// What a file of this format is, for menus and file dialogs.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Png => lang.tr("PNG 图片", "PNG image"),
            Self::Svg => lang.tr("SVG 矢量图", "SVG vector image"),
            Self::Pdf => lang.tr("PDF 文档", "PDF document"),
            Self::Csv => lang.tr("CSV 表格", "CSV table"),
            Self::Xlsx => lang.tr("Excel 工作簿", "Excel workbook"),
        }
    }
}

/// Pixel densities offered for PNG export (vector exports are laid out at
/// the same density, so their text sits where the PNG's does).
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
    /// The workbook could not be put together (the writer's reason).
    Workbook(String),
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
            Self::Workbook(reason) => match lang {
                Lang::Zh => format!("无法生成 Excel 工作簿：{reason}"),
                Lang::En => format!("cannot make the Excel workbook: {reason}"),
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

/// What exports draw with, each part made when first needed: a GPU painter
/// (PNG, with its own layout context) and a layout context (SVG, PDF).
pub struct Drawer {
    gpu: Option<Gpu>,
    offscreen: Option<Offscreen>,
    layout: Option<FigureLayout>,
}

impl Drawer {
    /// Paints PNGs on `gpu` (the window's device) or, without one, on any
    /// adapter found when the first PNG is asked for.
    pub fn new(gpu: Option<Gpu>) -> Self {
        Self { gpu, offscreen: None, layout: None }
    }

    /// The PNG painter, made on first use.
    pub fn offscreen(&mut self) -> Result<&mut Offscreen, RenderError> {
        let offscreen = match (self.offscreen.take(), &self.gpu) {
            (Some(made), _) => made,
            (None, Some((device, queue))) => Offscreen::on_device(device.clone(), queue.clone()),
            (None, None) => Offscreen::headless()?,
        };
        Ok(self.offscreen.insert(offscreen))
    }

    /// Whether the PNG painter (and so a GPU or software renderer) has been set up.
    pub fn has_painter(&self) -> bool {
        self.offscreen.is_some()
    }

    /// The layout context of vector exports, made on first use. It is not
    /// the painter's: the painter's atlas must receive every change its
    /// context makes, and vector exports have no atlas to keep.
    pub fn layout(&mut self) -> &FigureLayout {
        self.layout.get_or_insert_with(FigureLayout::new)
    }
}

/// The chart as an image painted on the GPU, without encoding it.
pub fn render_image(
    chart: &Chart,
    dataset: &Dataset,
    job: &ExportJob,
    offscreen: &mut Offscreen,
) -> Result<RgbaImage, ExportError> {
    Ok(offscreen.render_chart(chart, dataset, job.lang, job.theme, f32::from(job.scale))?)
}

impl Drawer {
    /// The chart as an image, without encoding it: painted on the GPU, or,
    /// where the GPU's pixels cannot be read back within one call (WebGL in
    /// a browser), its vector figure rasterised on the CPU (see [`crate::platform`]).
    pub fn image(
        &mut self,
        chart: &Chart,
        dataset: &Dataset,
        job: &ExportJob,
    ) -> Result<RgbaImage, ExportError> {
        if crate::platform::GPU_READS_BACK {
            return render_image(chart, dataset, job, self.offscreen()?);
        }
        let figure = vector_figure(chart, dataset, job, self.layout());
        let about = vector::Description { title: "", description: "", lang: job.lang.tag() };
        let svg = vector::svg::write_svg(&figure, &about);
        Ok(crate::platform::rasterize_svg(&svg, f32::from(job.scale))?)
    }
}

/// The chart's figure as vector elements, from the same layout a PNG is painted from.
pub fn vector_figure(
    chart: &Chart,
    dataset: &Dataset,
    job: &ExportJob,
    layout: &FigureLayout,
) -> vector::VectorFigure {
    let mut laid_out = layout.lay_out(chart, dataset, job.lang, job.theme, f32::from(job.scale));
    // Glyphs are drawn from their outlines, not from egui's font atlas.
    laid_out.textures.clear();
    vector::from_laid_out(&laid_out)
}

/// What every picture of a chart says about itself (PNG text chunks, SVG
/// `<desc>`, PDF subject): unit, period and sources.
pub fn description(chart: &Chart, dataset: &Dataset, lang: Lang) -> String {
    format!("{} · {}", chart.subtitle(lang), chart.footer(dataset, lang))
}

/// The bytes of the exported file. A PNG needs a GPU (or a software
/// renderer); SVG, PDF and CSV do not.
pub fn export_bytes(
    chart: &Chart,
    dataset: &Dataset,
    job: &ExportJob,
    drawer: &mut Drawer,
) -> Result<Vec<u8>, ExportError> {
    let title = chart.title.get(job.lang);
    let description = description(chart, dataset, job.lang);
    let about = vector::Description { title, description: &description, lang: job.lang.tag() };
    match job.format {
        ExportFormat::Csv => Ok(csv::chart_csv(chart, dataset, job.lang).into_bytes()),
        ExportFormat::Xlsx => xlsx::chart_workbook(chart, dataset, job.lang)
            .map_err(|error| ExportError::Workbook(error.to_string())),
        ExportFormat::Png => {
            let image = drawer.image(chart, dataset, job)?;
            Ok(png::encode_png(&image, &png::PngText { title, description: &description })?)
        }
        ExportFormat::Svg => {
            let figure = vector_figure(chart, dataset, job, drawer.layout());
            Ok(vector::svg::write_svg(&figure, &about).into_bytes())
        }
        ExportFormat::Pdf => {
            let figure = vector_figure(chart, dataset, job, drawer.layout());
            Ok(vector::pdf::write_pdf(&figure, &about))
        }
    }
}

/// Exports one chart to `path`, atomically.
pub fn export_to_file(
    chart: &Chart,
    dataset: &Dataset,
    job: &ExportJob,
    drawer: &mut Drawer,
    path: &Path,
) -> Result<(), ExportError> {
    let bytes = export_bytes(chart, dataset, job, drawer)?;
    write_atomic(path, &bytes)?;
    Ok(())
}

/// Finds a chart by id.
pub fn find_chart<'a>(charts: &'a [Chart], id: &str) -> Result<&'a Chart, ExportError> {
    charts.iter().find(|chart| chart.id == id).ok_or_else(|| ExportError::UnknownChart(id.to_owned()))
}
