//! The command line: `econlens [FILE]` opens the GUI, `econlens check`
//! validates a file and prints a summary, every problem, or every value.
//!
//! Exit codes: 0 when the file is valid, 1 when it is not (or cannot be
//! read), 2 for a usage error (clap's own).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::data::dump::dump_csv;
use crate::data::{DEFAULT_MAX_SIZE_BYTES, Dataset, EMBEDDED_NAME, LoadError, load_embedded, load_file};

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
