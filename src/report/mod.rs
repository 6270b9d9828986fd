//! A report of many charts in one file, for the 经济运行分析 a user writes:
//! Word (`.docx`), PDF or a single self-contained HTML page.
//!
//! [`Report::plan`] picks the charts (one tab's, several tabs', every tab's,
//! or charts by id) and turns them into a plain model: a title page (the
//! file's title, the focus region, the period covered, the date), one section
//! per tab with each chart, its values as a table when asked for
//! ([`ChartTable`]), and the sources with their kinds and dates at the end.
//! The writers ([`html`], [`pdf`], [`docx`]) only lay that model out; the
//! charts in them come from the same figure layer as every chart export
//! (vector in PDF and HTML, a 2× PNG in DOCX).
//!
//! A report is refused, with the reason, beyond [`MAX_CHARTS`] charts or
//! [`MAX_TABLE_ROWS`] table rows, so a national file's every chart cannot
//! make a file no word processor opens.

pub mod docx;
pub mod html;
pub mod pages;
pub mod pdf;

use std::path::Path;

use crate::chart::Chart;
use crate::data::model::{Dataset, SourceIx, View};
use crate::export::table::ChartTable;
use crate::export::{Drawer, ExportError, write_atomic};
use crate::figure::Theme;
use crate::i18n::Lang;
use crate::msg;

/// The most charts one report holds.
pub const MAX_CHARTS: usize = 400;
/// The most rows of value tables one report holds.
pub const MAX_TABLE_ROWS: usize = 20_000;

/// What a report is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, clap::ValueEnum)]
pub enum ReportFormat {
    Docx,
    Pdf,
    Html,
}

impl ReportFormat {
    pub const ALL: [Self; 3] = [Self::Docx, Self::Pdf, Self::Html];

    pub fn extension(self) -> &'static str {
        match self {
            Self::Docx => "docx",
            Self::Pdf => "pdf",
            Self::Html => "html",
        }
    }

    /// The format a path's extension asks for (`.htm` too), if it names one.
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        if extension == "htm" {
            return Some(Self::Html);
        }
        Self::ALL.into_iter().find(|format| format.extension() == extension)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Docx => lang.tr("Word 文档（.docx）", "Word document (.docx)"),
            Self::Pdf => lang.tr("PDF 文档", "PDF document"),
            Self::Html => lang.tr("网页（单个 .html 文件）", "Web page (one .html file)"),
        }
    }
}

/// Which charts a report holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReportScope {
    /// Every chart of every tab, the user's own charts last.
    All,
    /// The charts of these tabs, in tab order.
    Views(Vec<View>),
    /// These charts, in this order, under their tabs' headings.
    Charts(Vec<String>),
}

/// What to put in a report and how it looks.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportOptions {
    pub scope: ReportScope,
    pub format: ReportFormat,
    pub lang: Lang,
    pub theme: Theme,
    /// A table of each chart's values under it.
    pub tables: bool,
    /// The date on the title page (`2026-12-07`).
    pub date: String,
}

/// A tab's part of the report.
pub struct Section<'a> {
    pub view: View,
    pub heading: String,
    pub charts: Vec<&'a Chart>,
}

/// A source the report's charts rest on, as the list at its end names it.
pub struct SourceEntry {
    pub title: String,
    /// `市中区统计局 · 统计公报 · 2024-03`
    pub details: String,
    pub url: Option<String>,
}

/// The report as a plain model, before it is laid out.
pub struct Report<'a> {
    pub options: ReportOptions,
    pub title: String,
    /// `重点地区：市中区`, `时期：2015年–2025年`, `生成日期：2026-12-07`.
    pub facts: Vec<String>,
    pub sections: Vec<Section<'a>>,
    /// Each chart's table (when asked for), by the chart's position in the report.
    pub tables: Vec<Option<ChartTable>>,
    pub sources: Vec<SourceEntry>,
    pub dataset: &'a Dataset,
}

/// Why a report cannot be made.
#[derive(Debug)]
pub enum ReportError {
    /// Chart ids that name no chart.
    UnknownCharts(Vec<String>),
    /// Nothing to put in it.
    Empty,
    TooLarge {
        charts: usize,
        rows: usize,
    },
    Export(ExportError),
    /// The document writer's reason.
    Document(String),
}

impl From<crate::export::RenderError> for ReportError {
    fn from(error: crate::export::RenderError) -> Self {
        Self::Export(error.into())
    }
}

impl From<ExportError> for ReportError {
    fn from(error: ExportError) -> Self {
        Self::Export(error)
    }
}

impl ReportError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::UnknownCharts(ids) => {
                let ids = ids.join(", ");
                msg!(
                    "没有这些 id 的图表：{ids}；`econlens export --list` 列出所有 id",
                    "no chart has these ids: {ids}; `econlens export --list` shows the ids"
                )
                .get(lang)
                .to_owned()
            }
            Self::Empty => lang
                .tr(
                    "所选页面没有图表，报告为空。",
                    "The chosen tabs have no charts; the report would be empty.",
                )
                .to_owned(),
            Self::TooLarge { charts, rows } => {
                let (max_charts, max_rows) = (MAX_CHARTS, crate::format::group_count(MAX_TABLE_ROWS));
                let rows = crate::format::group_count(*rows);
                msg!(
                    "报告将有 {charts} 张图表、{rows} 行数值表，超过上限（{max_charts} 张图表、{max_rows} 行）；请只选部分页面或图表，或不附数值表",
                    "the report would hold {charts} charts and {rows} table rows, over the limit ({max_charts} charts, {max_rows} rows); choose fewer tabs or charts, or leave the tables out"
                )
                .get(lang)
                .to_owned()
            }
            Self::Export(error) => error.message(lang),
            Self::Document(reason) => match lang {
                Lang::Zh => format!("无法生成报告文件：{reason}"),
                Lang::En => format!("cannot make the report file: {reason}"),
            },
        }
    }
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ReportError {}

/// The tabs a report's sections follow, in tab order (the user's charts last).
pub const SECTION_ORDER: [View; 7] = [
    View::Overview,
    View::Output,
    View::Finance,
    View::Clusters,
    View::Enterprises,
    View::Commerce,
    View::Custom,
];

impl<'a> Report<'a> {
    /// The report `options` ask for, from `charts` (the dataset's charts, as built for the dashboard).
    pub fn plan(
        dataset: &'a Dataset,
        charts: &'a [Chart],
        options: ReportOptions,
    ) -> Result<Self, ReportError> {
        let chosen = choose(charts, &options.scope)?;
        if chosen.is_empty() {
            return Err(ReportError::Empty);
        }
        let rows: usize = if options.tables { chosen.iter().map(|chart| table_rows(chart)).sum() } else { 0 };
        if chosen.len() > MAX_CHARTS || rows > MAX_TABLE_ROWS {
            return Err(ReportError::TooLarge { charts: chosen.len(), rows });
        }
        let lang = options.lang;
        let mut sections: Vec<Section<'a>> = Vec::new();
        for view in SECTION_ORDER {
            let in_view: Vec<&Chart> = chosen.iter().copied().filter(|chart| chart.view == view).collect();
            if !in_view.is_empty() {
                sections.push(Section { view, heading: view.label(lang).to_owned(), charts: in_view });
            }
        }
        let tables = sections
            .iter()
            .flat_map(|section| section.charts.iter())
            .map(|chart| options.tables.then(|| ChartTable::by_region(chart, lang)))
            .collect();
        let sources = source_entries(dataset, &chosen, lang);
        let facts = facts(dataset, &chosen, &options);
        let title = format!("{}{}", dataset.title().get(lang), lang.tr(" · 图表报告", " · chart report"));
        Ok(Self { options, title, facts, sections, tables, sources, dataset })
    }

    /// Every chart in report order, with its table.
    pub fn charts(&self) -> impl Iterator<Item = (&'a Chart, Option<&ChartTable>)> + '_ {
        let charts = self.sections.iter().flat_map(|section| section.charts.iter().copied());
        charts.zip(self.tables.iter().map(Option::as_ref))
    }

    pub fn chart_count(&self) -> usize {
        self.tables.len()
    }

    /// `图 3　地区生产总值` / `Figure 3. GDP`: a chart's caption, numbered in report order.
    pub fn caption(&self, number: usize, chart: &Chart) -> String {
        let title = chart.title.get(self.options.lang);
        match self.options.lang {
            Lang::Zh => format!("图 {number}　{title}"),
            Lang::En => format!("Figure {number}. {title}"),
        }
    }

    /// The heading of the sources list.
    pub fn sources_heading(&self) -> &'static str {
        self.options.lang.tr("数据来源", "Sources")
    }

    /// The line above a chart's table: `表 3　图 3 的数值`.
    pub fn table_heading(&self, number: usize) -> String {
        match self.options.lang {
            Lang::Zh => format!("表 {number}　图 {number} 的数值"),
            Lang::En => format!("Table {number}. The values of figure {number}"),
        }
    }
}

/// The charts `scope` names, in report order.
fn choose<'a>(charts: &'a [Chart], scope: &ReportScope) -> Result<Vec<&'a Chart>, ReportError> {
    match scope {
        ReportScope::All => Ok(charts.iter().collect()),
        ReportScope::Views(views) => Ok(charts.iter().filter(|chart| views.contains(&chart.view)).collect()),
        ReportScope::Charts(ids) => {
            let unknown: Vec<String> =
                ids.iter().filter(|id| !charts.iter().any(|chart| &chart.id == *id)).cloned().collect();
            if !unknown.is_empty() {
                return Err(ReportError::UnknownCharts(unknown));
            }
            let mut chosen: Vec<&Chart> = Vec::new();
            for id in ids {
                if let Some(chart) = charts.iter().find(|chart| &chart.id == id)
                    && !chosen.iter().any(|known| known.id == chart.id)
                {
                    chosen.push(chart);
                }
            }
            Ok(chosen)
        }
    }
}

/// The rows `chart`'s table will have, counted without making it.
fn table_rows(chart: &Chart) -> usize {
    let mut keys: Vec<_> = chart.points().map(crate::export::table::RowKey::of).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.len() + 1
}

/// The title page's lines: the focus region, the period covered, the date, the charts.
fn facts(dataset: &Dataset, charts: &[&Chart], options: &ReportOptions) -> Vec<String> {
    let lang = options.lang;
    let focus = dataset.region(dataset.focus_region()).name.get(lang);
    let periods =
        charts.iter().filter_map(|chart| chart.period_range()).flat_map(|(first, last)| [first, last]);
    let covered = match crate::data::period::span(periods) {
        Some((first, last)) if first == last => first.label(lang),
        Some((first, last)) => format!("{}–{}", first.label(lang), last.label(lang)),
        None => String::new(),
    };
    let count = charts.len();
    vec![
        format!("{}{focus}", lang.tr("重点地区：", "Focus region: ")),
        format!("{}{covered}", lang.tr("时期：", "Period covered: ")),
        format!("{}{count}", lang.tr("图表：", "Charts: ")),
        format!("{}{}", lang.tr("生成日期：", "Made on: "), options.date),
        lang.tr(
            "每个数值均可追溯到其来源；EconLens 推算的数值在表中标为“推算”。",
            "Every value traces back to its source; values EconLens computed are marked \"derived\" in the tables.",
        )
        .to_owned(),
    ]
}

/// Every source behind the charts, once each, in the file's order.
fn source_entries(dataset: &Dataset, charts: &[&Chart], lang: Lang) -> Vec<SourceEntry> {
    let mut all: Vec<SourceIx> = charts.iter().flat_map(|chart| chart.sources()).collect();
    all.sort_unstable();
    all.dedup();
    all.into_iter()
        .map(|ix| {
            let source = dataset.source(ix);
            let mut details = vec![source.publisher.clone(), source.kind.label(lang).to_owned()];
            details.extend(source.date.clone());
            details.retain(|part| !part.is_empty());
            SourceEntry {
                title: source.title.clone(), details: details.join(" · "), url: source.url.clone()
            }
        })
        .collect()
}

/// The report's file, with progress reported as charts are drawn (0–1).
pub fn report_bytes(
    report: &Report<'_>,
    drawer: &mut Drawer,
    progress: &mut dyn FnMut(f32),
) -> Result<Vec<u8>, ReportError> {
    match report.options.format {
        ReportFormat::Html => Ok(html::write_html(report, drawer.layout(), progress).into_bytes()),
        ReportFormat::Pdf => Ok(pdf::write_pdf_report(report, drawer.layout(), progress)),
        ReportFormat::Docx => docx::write_docx(report, drawer, progress),
    }
}

/// Writes the report to `path`, atomically.
pub fn write_report(
    report: &Report<'_>,
    drawer: &mut Drawer,
    path: &Path,
    progress: &mut dyn FnMut(f32),
) -> Result<(), ReportError> {
    let bytes = report_bytes(report, drawer, progress)?;
    write_atomic(path, &bytes).map_err(|error| ReportError::Export(error.into()))?;
    Ok(())
}

/// `report.docx` unless the user names one: the file's id-safe title.
pub fn suggested_file_name(dataset: &Dataset, format: ReportFormat, lang: Lang) -> String {
    let stem: String = dataset
        .title()
        .get(lang)
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_') { c } else { '_' })
        .collect();
    let suffix = lang.tr("报告", "report");
    format!("{stem}_{suffix}.{}", format.extension())
}
