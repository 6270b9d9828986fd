//! `econlens report`: many charts in one Word, PDF or HTML file, without a window.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Console, load};
use crate::chart::catalogue::build_charts;
use crate::data::model::View;
use crate::export::Drawer;
use crate::figure::Theme;
use crate::msg;
use crate::report::{Report, ReportFormat, ReportOptions, ReportScope, write_report};

/// A tab a report can hold, by the word its data files use (`custom`: the user's charts).
fn parse_tab(text: &str) -> Result<View, String> {
    crate::report::SECTION_ORDER.into_iter().find(|view| view.id() == text).ok_or_else(|| {
        let words: Vec<&str> = crate::report::SECTION_ORDER.iter().map(|view| view.id()).collect();
        format!("expected one of {}, found {text:?}", words.join(", "))
    })
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("which").args(["tab", "all", "charts"])))]
pub struct ReportArgs {
    /// The data file (default: the embedded dataset).
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// The tabs to put in the report: overview, output, finance, clusters,
    /// enterprises, commerce, custom (repeat or separate with commas).
    #[arg(long, value_delimiter = ',', value_name = "TAB", value_parser = parse_tab)]
    pub tab: Vec<View>,
    /// Every chart of every tab (the default).
    #[arg(long)]
    pub all: bool,
    /// These charts, in this order (ids from `econlens export --list`, separated with commas).
    #[arg(long, value_delimiter = ',', value_name = "ID,…")]
    pub charts: Vec<String>,
    /// The file to write: .docx, .pdf or .html.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// docx, pdf or html [default: from --out's extension].
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Light or dark charts.
    #[arg(long, value_enum, default_value_t = Theme::Light)]
    pub theme: Theme,
    /// Leave out the table of values under each chart.
    #[arg(long)]
    pub no_tables: bool,
}

impl ReportArgs {
    /// The format asked for, by flag or by --out's extension.
    pub fn format(&self) -> Option<ReportFormat> {
        self.format.or_else(|| ReportFormat::from_path(&self.out))
    }

    pub fn scope(&self) -> ReportScope {
        if !self.tab.is_empty() {
            ReportScope::Views(self.tab.clone())
        } else if !self.charts.is_empty() {
            ReportScope::Charts(self.charts.clone())
        } else {
            ReportScope::All
        }
    }
}

/// Runs `econlens report`.
pub fn report(args: &ReportArgs, max_size_bytes: u64, console: &mut Console<'_>) -> ExitCode {
    let lang = console.lang;
    let Some(format) = args.format() else {
        let file = args.out.display();
        console.fail(
            msg!(
                "无法从 {file} 判断报告格式；请加上 --format docx、pdf 或 html，或用 .docx、.pdf、.html 作为文件扩展名",
                "cannot tell the report's format from {file}; add --format docx, pdf or html, or name the file .docx, .pdf or .html"
            )
            .get(lang),
        );
        return ExitCode::from(2);
    };
    let dataset = match load(args.data.as_deref(), max_size_bytes) {
        Ok(dataset) => dataset,
        Err(error) => return console.fail(&error.message(lang)),
    };
    let charts = build_charts(&dataset);
    let options = ReportOptions {
        scope: args.scope(),
        format,
        lang,
        theme: args.theme,
        tables: !args.no_tables,
        date: chrono::Local::now().format("%Y-%m-%d").to_string(),
    };
    let report = match Report::plan(&dataset, &charts, options) {
        Ok(report) => report,
        Err(error) => return console.fail(&error.message(lang)),
    };
    let mut drawer = Drawer::new(None);
    if let Err(error) = write_report(&report, &mut drawer, &args.out, &mut |_| {}) {
        return console.fail(&error.message(lang));
    }
    let (file, count) = (args.out.display(), report.chart_count());
    let done = msg!("{file}（{count} 张图表）\n", "{file} ({count} charts)\n");
    console.print(done.get(lang)).map_or_else(|code| code, |()| ExitCode::SUCCESS)
}
