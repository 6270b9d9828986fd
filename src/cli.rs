//! The command line: `econlens [FILE]` opens the GUI, `econlens check`
//! validates a file and prints a summary, every problem, or every value, and
//! `econlens export` writes charts without a window, `econlens report` many
//! charts in one Word, PDF or HTML file ([`report`]).
//!
//! Arguments go through two steps, as in ripgrep: clap parses and enforces
//! what it can (one of `--chart`, `--all`, `--list`; `--out` unless
//! listing; the values of enums), then [`ExportArgs::check`] turns them into
//! an [`ExportPlan`] that needs no more checking. Messages follow `--lang`,
//! or the system's language (Chinese or English).
//!
//! Exit codes: 0 when the file is valid (or the export done), 1 when it is
//! not (or cannot be read or written), 2 for a usage error. Output cut short
//! by a closed pipe (`econlens check --dump | head`) ends quietly with 0.

pub mod publish;
pub mod report;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::chart::Chart;
use crate::chart::catalogue::build_charts;
use crate::data::dump::dump_csv;
use crate::data::raw::SourceKind;
use crate::data::{DEFAULT_MAX_SIZE_BYTES, Dataset, EMBEDDED_NAME, LoadError, load_embedded, load_file};
use crate::export::{Drawer, ExportFormat, ExportJob, export_to_file, find_chart, suggested_file_name};
use crate::figure::Theme;
use crate::i18n::{Lang, Message};
use crate::import::{ImportRequest, LayoutChoice, ReadOptions, RowsAre, SourceInfo};
use crate::msg;

/// EconLens — a dashboard of regional economic statistics where every value
/// traces back to its source.
#[derive(Debug, Parser)]
#[command(name = "econlens", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A data file to open (a .csv or spreadsheet opens the import dialog);
    /// the embedded Shizhong District dataset when absent.
    pub file: Option<PathBuf>,
    /// Refuse data files larger than this many MiB.
    #[arg(long, value_name = "MIB", default_value_t = DEFAULT_MAX_SIZE_BYTES / MIB, global = true)]
    pub max_size_mib: u64,
    /// Language of messages and exported charts [default: the system's, else English].
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,
    /// The window's graphics backend, tried first [default: ECONLENS_RENDERER,
    /// else View → Graphics, else the platform's order]; the others follow if it fails.
    #[arg(long, value_enum, value_name = "BACKEND")]
    pub renderer: Option<crate::ui::graphics::Renderer>,
}

const MIB: u64 = 1024 * 1024;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a data file (the embedded dataset when FILE is absent) and
    /// print a summary or every problem found.
    Check {
        file: Option<PathBuf>,
        /// Print every observation as CSV instead of the summary.
        #[arg(long)]
        dump: bool,
    },
    /// Export charts as PNG, SVG or PDF pictures or CSV tables, without a window.
    Export(ExportArgs),
    /// Check the figures of a data file (the embedded dataset when FILE is
    /// absent) against each other and against their quotes; one line per
    /// finding. Findings are not errors: the exit code is 0 for any file that loads.
    Audit {
        file: Option<PathBuf>,
        /// text (one line per finding) or csv.
        #[arg(long, value_enum, default_value_t = AuditFormat::Text)]
        format: AuditFormat,
    },
    /// Read a table (CSV, .xlsx, .xls, .ods) into a data file, or add it to one.
    Import(Box<ImportArgs>),
    /// Write a report of many charts (every tab's, some tabs', or chosen
    /// charts) as one Word, PDF or HTML file: a title page, a section per
    /// tab, each chart with its values, and the sources.
    Report(Box<report::ReportArgs>),
    /// Publish a data file (the embedded dataset when FILE is absent) as a
    /// web page: a folder for any web server, or with --single-file one
    /// .html that opens by double-click, offline.
    Publish(Box<publish::PublishArgs>),
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The table: .csv, .tsv, .xlsx, .xls, .xlsb or .ods.
    pub table: PathBuf,
    /// The sheet of a workbook (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Long (one value per row), wide (a dimension across the header), or found from the header.
    #[arg(long, value_enum, default_value_t = LayoutChoice::Auto)]
    pub layout: LayoutChoice,
    /// The header row, counted from 1 as the spreadsheet shows it (default: found).
    #[arg(long, value_name = "ROW")]
    pub header_row: Option<usize>,
    /// What the first column of a wide table lists (default: found from the header or the names).
    #[arg(long, value_enum)]
    pub rows: Option<RowsAre>,
    /// The year of periods written without one (前三季度, 10月).
    #[arg(long)]
    pub year: Option<i16>,
    /// The period of a table of one period, as written (2023年, 2024年1-9月).
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// The indicator of a table of one indicator, with its unit: 地区生产总值（亿元）.
    #[arg(long, value_name = "NAME")]
    pub indicator: Option<String>,
    /// The unit of the values where the table does not give one.
    #[arg(long)]
    pub unit: Option<String>,
    /// The region of a table of one region.
    #[arg(long, value_name = "NAME")]
    pub region: Option<String>,
    /// The source's title (default: the table's file name).
    #[arg(long, value_name = "TITLE")]
    pub source_title: Option<String>,
    /// Who published the source.
    #[arg(long)]
    pub publisher: Option<String>,
    /// What kind of source: official, official-copy, newspaper, news-repost, aggregator, synthetic.
    #[arg(long, value_enum)]
    pub kind: Option<SourceKind>,
    /// The source's address.
    #[arg(long)]
    pub url: Option<String>,
    /// The source's date as it gives it (2024-10-20).
    #[arg(long)]
    pub date: Option<String>,
    /// Add the values to this data file instead of making a new one.
    #[arg(long, value_name = "FILE")]
    pub into: Option<PathBuf>,
    /// The region the dashboard is about, by name or code (default: the table's
    /// total, else its first region that is not an aggregate).
    #[arg(long, value_name = "REGION")]
    pub focus: Option<String>,
    /// The data file to write (may be the --into file).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Refuse tables larger than this many MiB.
    #[arg(long, value_name = "MIB", default_value_t = crate::import::DEFAULT_MAX_TABLE_BYTES / MIB)]
    pub max_table_mib: u64,
}

impl ImportArgs {
    /// The request these arguments make.
    pub fn request(&self) -> ImportRequest {
        ImportRequest {
            table: self.table.clone(),
            sheet: self.sheet.clone(),
            read: ReadOptions {
                layout: self.layout,
                header_row: self.header_row,
                rows: self.rows,
                year: self.year,
                period: self.period.clone(),
                indicator: self.indicator.clone(),
                unit: self.unit.clone(),
                region: self.region.clone(),
            },
            source: SourceInfo {
                title: self.source_title.clone(),
                publisher: self.publisher.clone(),
                kind: self.kind,
                url: self.url.clone(),
                date: self.date.clone(),
                note: None,
            },
            into: self.into.clone(),
            focus: self.focus.clone(),
            max_bytes: self.max_table_mib.saturating_mul(MIB),
        }
    }
}

/// Runs `econlens import`: reads the table, writes the data file, prints what was read.
pub fn import(args: &ImportArgs, console: &mut Console<'_>) -> ExitCode {
    let lang = console.lang;
    let imported = match crate::import::import(&args.request(), &args.out) {
        Ok(imported) => imported,
        Err(problems) => {
            let count = problems.len();
            let table = args.table.display().to_string();
            let plural = if count == 1 { "" } else { "s" };
            let heading = msg!(
                "{table} 无法导入（{count} 个问题）：",
                "{table} cannot be imported ({count} problem{plural}):"
            );
            let lines: Vec<String> = problems.iter().map(|problem| problem.render(lang)).collect();
            return console.fail(&format!("{}\n{}", heading.get(lang), lines.join("\n")));
        }
    };
    if let Err(error) = crate::export::atomic::write_atomic(&args.out, imported.text.as_bytes()) {
        return console.fail(&error.message(lang));
    }
    let mut text =
        crate::import::report::reading_summary(&imported.place, imported.encoding, &imported.reading, lang);
    if args.into.is_some() {
        text.push_str(&crate::import::report::merge_summary(&imported, lang));
    }
    let written = args.out.display().to_string();
    text.push_str(msg!("已写入：{written}\n", "written: {written}\n").get(lang));
    text.push_str(&summary(&written, &imported.dataset, lang));
    match console.print(&text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("which").args(["chart", "all", "list"]).required(true)))]
pub struct ExportArgs {
    /// The data file (default: the embedded dataset).
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// Print the chart ids and titles.
    #[arg(long)]
    pub list: bool,
    /// The chart to export (see --list).
    #[arg(long, value_name = "ID")]
    pub chart: Option<String>,
    /// Export every chart into the folder --out.
    #[arg(long)]
    pub all: bool,
    /// With --all, every format when absent; with --chart, from --out's extension.
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// Pixel density of PNGs: 1, 2 or 4 (SVG and PDF text is placed as in a PNG of this density).
    #[arg(long, default_value_t = crate::export::DEFAULT_SCALE, value_parser = parse_scale)]
    pub scale: u8,
    /// Light or dark background.
    #[arg(long, value_enum, default_value_t = Theme::Light)]
    pub theme: Theme,
    /// The file to write (--chart) or the folder to write into (--all).
    #[arg(long, value_name = "PATH", required_unless_present = "list")]
    pub out: Option<PathBuf>,
}

fn parse_scale(text: &str) -> Result<u8, String> {
    match text.parse::<u8>() {
        Ok(scale) if crate::export::SCALES.contains(&scale) => Ok(scale),
        _ => Err(format!("expected 1, 2 or 4, found {text:?}")),
    }
}

impl Cli {
    pub fn max_size_bytes(&self) -> u64 {
        self.max_size_mib.saturating_mul(MIB)
    }

    /// `--lang`, else the system's language.
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_else(Lang::from_system)
    }

    /// What clap lets through but cannot mean anything: a file to open in the
    /// window given together with a command (`econlens data.ron check`).
    pub fn usage_problem(&self) -> Option<Message> {
        let file = self.file.as_ref()?.display().to_string();
        self.command.is_some().then(|| {
            msg!(
                "{file} 是要在窗口中打开的文件，不能与命令同时使用；要检查它，请写 `econlens check {file}`",
                "{file} is a file to open in the window and cannot go with a command; to check it, write `econlens check {file}`"
            )
        })
    }
}

/// What `econlens export` will do, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportPlan {
    List,
    One { chart: String, format: ExportFormat, out: PathBuf },
    All { formats: Vec<ExportFormat>, folder: PathBuf },
}

impl ExportArgs {
    /// The plan these arguments ask for, or why they cannot be carried out.
    /// Only what clap cannot know is checked here.
    pub fn check(&self) -> Result<ExportPlan, Message> {
        if self.list {
            return Ok(ExportPlan::List);
        }
        // clap requires --out unless --list.
        let out = self.out.clone().unwrap_or_default();
        if self.all {
            let formats = self.format.map_or_else(|| ExportFormat::ALL.to_vec(), |format| vec![format]);
            return Ok(ExportPlan::All { formats, folder: out });
        }
        let chart = self.chart.clone().unwrap_or_default();
        let Some(format) = self.format.or_else(|| ExportFormat::from_path(&out)) else {
            let file = out.display();
            return Err(msg!(
                "无法从 {file} 判断导出格式；请加上 --format png、svg、pdf、csv 或 xlsx，或用 .png、.svg、.pdf、.csv、.xlsx 作为文件扩展名",
                "cannot tell the format from {file}; add --format png, svg, pdf, csv or xlsx, or name the file .png, .svg, .pdf, .csv or .xlsx"
            ));
        };
        Ok(ExportPlan::One { chart, format, out })
    }
}

/// How `econlens audit` prints its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditFormat {
    Text,
    Csv,
}

/// `econlens audit`: every finding of the consistency audit, placed at the
/// line:col of the value it is about.
pub fn audit(
    file: Option<&Path>,
    format: AuditFormat,
    max_size_bytes: u64,
    console: &mut Console<'_>,
) -> ExitCode {
    // The text is kept: findings are placed in it.
    let loaded = match file {
        Some(path) => crate::data::load::read_text(path, max_size_bytes)
            .and_then(|text| crate::data::load_text(path, &text).map(|dataset| (dataset, Cow::Owned(text)))),
        None => load_embedded().map(|dataset| (dataset, Cow::Borrowed(crate::data::EMBEDDED_DATASET))),
    };
    let (dataset, text) = match loaded {
        Ok(loaded) => loaded,
        Err(error) => return console.fail(&error.message(console.lang)),
    };
    let findings = crate::audit::audit(&dataset);
    let locator = crate::audit::locate::Locator::new(&text);
    let name = file.map_or_else(|| EMBEDDED_NAME.to_owned(), |path| path.display().to_string());
    let report = match format {
        AuditFormat::Text => crate::audit::report::text(&name, &dataset, &findings, &locator, console.lang),
        AuditFormat::Csv => crate::audit::report::csv(&name, &dataset, &findings, &locator, console.lang),
    };
    match console.print(&report) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// Loads `file`, or the embedded dataset when `None`.
pub fn load(file: Option<&Path>, max_size_bytes: u64) -> Result<Dataset, LoadError> {
    match file {
        Some(path) => load_file(path, max_size_bytes),
        None => load_embedded(),
    }
}

/// Where command output goes, and how its end is reported.
pub struct Console<'a> {
    pub out: &'a mut dyn std::io::Write,
    pub err: &'a mut dyn std::io::Write,
    pub lang: Lang,
}

impl Console<'_> {
    /// `error: …` on stderr; exit code 1.
    fn fail(&mut self, message: &str) -> ExitCode {
        let prefix = self.lang.tr("错误：", "error: ");
        // Nothing is left to tell the user if stderr itself is gone.
        let _ = writeln!(self.err, "{prefix}{message}");
        ExitCode::FAILURE
    }

    /// Writes `text` to stdout. A closed pipe ends the command quietly (exit
    /// 0: the reader has what it wanted); any other failure is an error.
    fn print(&mut self, text: &str) -> Result<(), ExitCode> {
        match self.out.write_all(text.as_bytes()).and_then(|()| self.out.flush()) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Err(ExitCode::SUCCESS),
            Err(error) => {
                let reason = crate::i18n::io_reason(&error, self.lang);
                let message = msg!("无法写出结果：{reason}", "cannot write the output: {reason}");
                Err(self.fail(message.get(self.lang)))
            }
        }
    }
}

/// Runs `econlens check`.
pub fn check(file: Option<&Path>, dump: bool, max_size_bytes: u64, console: &mut Console<'_>) -> ExitCode {
    let dataset = match load(file, max_size_bytes) {
        Ok(dataset) => dataset,
        Err(error) => return console.fail(&error.message(console.lang)),
    };
    let text = if dump {
        dump_csv(&dataset)
    } else {
        let name = file.map_or_else(|| EMBEDDED_NAME.to_owned(), |path| path.display().to_string());
        summary(&name, &dataset, console.lang)
    };
    match console.print(&text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// The few lines `econlens check` prints for a valid file.
pub fn summary(name: &str, dataset: &Dataset, lang: Lang) -> String {
    let range = dataset
        .period_range()
        .map_or_else(|| lang.tr("无", "none").to_owned(), |(first, last)| format!("{first} – {last}"));
    let region = &dataset.region(dataset.focus_region()).name.zh;
    let (regions, indicators, observations) =
        (dataset.regions().len(), dataset.indicators().len(), dataset.observation_count());
    let (sources, lists, title) = (dataset.sources().len(), dataset.lists().len(), &dataset.title().zh);
    match lang {
        Lang::Zh => format!(
            "{name}：有效\n\
             标题：    {title}\n\
             重点地区：{region}\n\
             地区：    {regions}\n\
             指标：    {indicators}\n\
             数值：    {observations}\n\
             来源：    {sources}\n\
             名单：    {lists}\n\
             时期：    {range}\n"
        ),
        Lang::En => format!(
            "{name}: valid\n\
             title:        {title}\n\
             focus region: {region}\n\
             regions:      {regions}\n\
             indicators:   {indicators}\n\
             observations: {observations}\n\
             sources:      {sources}\n\
             lists:        {lists}\n\
             periods:      {range}\n"
        ),
    }
}

/// Runs `econlens export`: lists charts, or writes one or all of them.
pub fn export(args: &ExportArgs, max_size_bytes: u64, console: &mut Console<'_>) -> ExitCode {
    let plan = match args.check() {
        Ok(plan) => plan,
        Err(message) => {
            console.fail(message.get(console.lang));
            return ExitCode::from(2);
        }
    };
    let dataset = match load(args.data.as_deref(), max_size_bytes) {
        Ok(dataset) => dataset,
        Err(error) => return console.fail(&error.message(console.lang)),
    };
    let charts = build_charts(&dataset);
    let lang = console.lang;
    // (chart, format, path) for every file to write.
    let files: Vec<(&Chart, ExportFormat, PathBuf)> = match plan {
        ExportPlan::List => {
            let list: String =
                charts.iter().map(|chart| format!("{}\t{}\n", chart.id, chart.title.get(lang))).collect();
            return console.print(&list).map_or_else(|code| code, |()| ExitCode::SUCCESS);
        }
        ExportPlan::One { chart, format, out } => match find_chart(&charts, &chart) {
            Ok(chart) => vec![(chart, format, out)],
            Err(error) => return console.fail(&error.message(lang)),
        },
        ExportPlan::All { formats, folder } => {
            if let Err(error) = std::fs::create_dir_all(&folder) {
                let (path, reason) = (folder.display(), crate::i18n::io_reason(&error, lang));
                return console.fail(
                    msg!("无法创建文件夹 {path}：{reason}", "cannot create the folder {path}: {reason}")
                        .get(lang),
                );
            }
            let mut files = Vec::new();
            for chart in &charts {
                for &format in &formats {
                    files.push((chart, format, folder.join(suggested_file_name(chart, format))));
                }
            }
            files
        }
    };
    // Without a GPU (or Mesa's software renderer) no PNG can be drawn: say
    // so before writing anything. SVG, PDF and CSV need none.
    let mut drawer = Drawer::new(None);
    if files.iter().any(|(_, format, _)| *format == ExportFormat::Png)
        && let Err(error) = drawer.offscreen()
    {
        return console.fail(&error.message(lang));
    }
    for (chart, format, path) in files {
        let job =
            ExportJob { chart_id: chart.id.clone(), format, scale: args.scale, lang, theme: args.theme };
        if let Err(error) = export_to_file(chart, &dataset, &job, &mut drawer, &path) {
            return console.fail(&error.message(lang));
        }
        if let Err(code) = console.print(&format!("{}\n", path.display())) {
            return code;
        }
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> ExportArgs {
        let cli =
            Cli::try_parse_from(std::iter::once("econlens").chain(args.iter().copied())).expect("parses");
        match cli.command {
            Some(Command::Export(args)) => args,
            other => panic!("not export: {other:?}"),
        }
    }

    #[test]
    fn the_format_comes_from_the_flag_or_the_file_name_and_is_never_guessed() {
        let from_name = parse(&["export", "--chart", "gdp", "--out", "gdp.CSV"]).check();
        assert_eq!(
            from_name,
            Ok(ExportPlan::One { chart: "gdp".into(), format: ExportFormat::Csv, out: "gdp.CSV".into() })
        );
        let from_flag = parse(&["export", "--chart", "gdp", "--format", "png", "--out", "gdp.txt"]).check();
        assert!(matches!(from_flag, Ok(ExportPlan::One { format: ExportFormat::Png, .. })));
        let unknown =
            parse(&["export", "--chart", "gdp", "--out", "gdp.txt"]).check().expect_err("no format");
        assert!(unknown.en.contains("cannot tell the format from gdp.txt"), "{}", unknown.en);
    }

    #[test]
    fn all_writes_both_formats_unless_one_is_named() {
        let both = parse(&["export", "--all", "--out", "charts"]).check();
        assert_eq!(
            both,
            Ok(ExportPlan::All { formats: ExportFormat::ALL.to_vec(), folder: "charts".into() })
        );
    }

    #[test]
    fn lang_theme_and_format_are_the_apps_own_types() {
        let cli = Cli::try_parse_from(["econlens", "--lang", "en", "export", "--list", "--theme", "dark"])
            .expect("parses");
        assert_eq!(cli.lang(), Lang::En);
        let Some(Command::Export(args)) = cli.command else { panic!("export") };
        assert_eq!(args.theme, Theme::Dark);
        assert!(Cli::try_parse_from(["econlens", "--lang", "fr"]).is_err(), "clap refuses other languages");
        let both = Cli::try_parse_from(["econlens", "data.ron", "check"]).expect("clap lets it through");
        assert!(both.usage_problem().is_some_and(|problem| problem.en.contains("econlens check data.ron")));
    }
}
