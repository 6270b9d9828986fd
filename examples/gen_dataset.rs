//! Writes a synthetic EconLens dataset for benchmarks and scale tests:
//!
//!     cargo run --release --example gen_dataset -- --regions 2850 --indicators 40 --years 25 --out big.ron
//!
//! The file is in the real format; its only source is marked `Synthetic`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use econlens::data::synthetic::{Shape, synthetic_ron};

/// Generate a synthetic (invented) EconLens dataset.
#[derive(Parser)]
struct Args {
    /// County-level regions.
    #[arg(long, default_value_t = 2850)]
    regions: usize,
    #[arg(long, default_value_t = 40)]
    indicators: usize,
    /// Years per series, from 2000.
    #[arg(long, default_value_t = 25)]
    years: usize,
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let text = synthetic_ron(Shape { regions: args.regions, indicators: args.indicators, years: args.years });
    match econlens::export::write_atomic(&args.out, text.as_bytes()) {
        Ok(()) => {
            println!(
                "{}: {} observations, {:.1} MB (synthetic)",
                args.out.display(),
                args.regions * args.indicators * args.years,
                text.len() as f64 / 1e6
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
