//! The command line: `econlens [FILE]` opens the GUI, `econlens check`
//! validates a file and prints a summary, every problem, or every value.
//!
//! Exit codes: 0 when the file is valid, 1 when it is not (or cannot be
//! read), 2 for a usage error (clap's own).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::chart::catalogue::build_charts;
use crate::data::dump::dump_csv;
use crate::data::{DEFAULT_MAX_SIZE_BYTES, Dataset, EMBEDDED_NAME, LoadError, load_embedded, load_file};
use crate::export::{ExportFormat, ExportJob, Offscreen, export_to_file, find_chart, suggested_file_name};
use crate::i18n::Lang;

/// EconLens — a dashboard of regional economic statistics where every value
/// traces back to its source.
#[derive(Debug, Parser)]
#[command(name = "econlens", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A data file to open; the embedded Shizhong District dataset when absent.
    pub file: Option<PathBuf>,
    /// Refuse data files larger than this many MiB.
    #[arg(long, value_name = "MIB", default_value_t = DEFAULT_MAX_SIZE_BYTES / MIB, global = true)]
    pub max_size_mib: u64,
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
    /// Export charts as PNG images or CSV tables, without a window.
    Export(ExportArgs),
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
    /// png or csv; with --all, both when absent; with --chart, from --out's extension.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Pixel density of PNGs: 1, 2 or 4.
    #[arg(long, default_value_t = crate::export::DEFAULT_SCALE, value_parser = parse_scale)]
    pub scale: u8,
    /// Language of titles, labels and footers.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
    /// Light or dark background.
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    pub theme: ThemeArg,
    /// The file to write (--chart) or the folder to write into (--all).
    #[arg(long, value_name = "PATH", required_unless_present = "list")]
    pub out: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum FormatArg {
    Png,
    Csv,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ThemeArg {
    Light,
    Dark,
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
}

/// Loads `file`, or the embedded dataset when `None`.
pub fn load(file: Option<&Path>, max_size_bytes: u64) -> Result<Dataset, LoadError> {
    match file {
        Some(path) => load_file(path, max_size_bytes),
        None => load_embedded(),
    }
}

/// Runs `econlens check`, writing to `out` and problems to `err`.
pub fn check(
    file: Option<&Path>,
    dump: bool,
    max_size_bytes: u64,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> ExitCode {
    let dataset = match load(file, max_size_bytes) {
        Ok(dataset) => dataset,
        Err(error) => {
            let _ = writeln!(err, "error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let written = if dump {
        out.write_all(dump_csv(&dataset).as_bytes())
    } else {
        let name = file.map_or_else(|| EMBEDDED_NAME.to_owned(), |path| path.display().to_string());
        out.write_all(summary(&name, &dataset).as_bytes())
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`econlens check --dump | head`) is not the file's fault.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(err, "error: cannot write the output: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The few lines `econlens check` prints for a valid file.
pub fn summary(name: &str, dataset: &Dataset) -> String {
    let range =
        dataset.period_range().map_or_else(|| "none".to_owned(), |(first, last)| format!("{first} – {last}"));
    let region = &dataset.region(dataset.focus_region).name.zh;
    format!(
        "{name}: valid\n\
         title:        {}\n\
         focus region: {region}\n\
         regions:      {}\n\
         indicators:   {}\n\
         observations: {}\n\
         sources:      {}\n\
         lists:        {}\n\
         periods:      {range}\n",
        dataset.title.zh,
        dataset.regions.len(),
        dataset.indicators.len(),
        dataset.observation_count(),
        dataset.sources.len(),
        dataset.lists.len(),
    )
}

/// Runs `econlens export`: lists charts, or writes one or all of them.
pub fn export(
    args: &ExportArgs,
    max_size_bytes: u64,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> ExitCode {
    let dataset = match load(args.data.as_deref(), max_size_bytes) {
        Ok(dataset) => dataset,
        Err(error) => {
            let _ = writeln!(err, "error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let charts = build_charts(&dataset);
    let lang = match args.lang {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    };
    if args.list {
        for chart in &charts {
            let _ = writeln!(out, "{}\t{}", chart.id, chart.title.get(lang));
        }
        return ExitCode::SUCCESS;
    }
    let Some(target) = args.out.as_deref() else {
        let _ = writeln!(err, "error: --out is required");
        return ExitCode::from(2);
    };
    let explicit = args.format.map(|format| match format {
        FormatArg::Png => ExportFormat::Png,
        FormatArg::Csv => ExportFormat::Csv,
    });
    // (chart, format, path) for every file to write.
    let mut plan: Vec<(&crate::chart::Chart, ExportFormat, PathBuf)> = Vec::new();
    if args.all {
        if let Err(error) = std::fs::create_dir_all(target) {
            let _ = writeln!(err, "error: cannot create the folder {}: {error}", target.display());
            return ExitCode::FAILURE;
        }
        let formats =
            explicit.map_or_else(|| vec![ExportFormat::Png, ExportFormat::Csv], |format| vec![format]);
        for chart in &charts {
            for &format in &formats {
                plan.push((chart, format, target.join(suggested_file_name(chart, format))));
            }
        }
    } else if let Some(id) = &args.chart {
        match find_chart(&charts, id) {
            Ok(chart) => {
                let format =
                    explicit.or_else(|| ExportFormat::from_path(target)).unwrap_or(ExportFormat::Png);
                plan.push((chart, format, target.to_owned()));
            }
            Err(error) => {
                let _ = writeln!(err, "error: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    let theme = match args.theme {
        ThemeArg::Light => crate::figure::Theme::Light,
        ThemeArg::Dark => crate::figure::Theme::Dark,
    };
    let mut offscreen = None;
    if plan.iter().any(|(_, format, _)| *format == ExportFormat::Png) {
        match Offscreen::headless() {
            Ok(renderer) => offscreen = Some(renderer),
            Err(error) => {
                let _ = writeln!(err, "error: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    for (chart, format, path) in plan {
        let job = ExportJob { chart_id: chart.id.clone(), format, scale: args.scale, lang, theme };
        let renderer = if format == ExportFormat::Png { offscreen.as_mut() } else { None };
        if let Err(error) = export_to_file(chart, &dataset, &job, renderer, &path) {
            let _ = writeln!(err, "error: {error}");
            return ExitCode::FAILURE;
        }
        let _ = writeln!(out, "{}", path.display());
    }
    ExitCode::SUCCESS
}
