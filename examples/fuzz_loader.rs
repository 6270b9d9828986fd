//! A long run of the loader over randomly damaged files, beyond what the
//! test suite's few thousand cases cover:
//!
//!     cargo run --release --example fuzz_loader -- --minutes 60
//!
//! It starts from the embedded dataset, the test fixtures and a synthetic
//! file, damages them with `econlens::data::mutate` (several changes at a
//! time) and loads each result. A panic, or a problem reported without a
//! line:col, is a failure: the input is saved beside `--keep` and the run
//! ends with exit code 1. Every input is reproducible from `--seed`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use econlens::data::mutate::{Rng, Verdict, check, mutate};
use econlens::data::synthetic::{Shape, synthetic_ron};

#[derive(Parser)]
struct Args {
    /// How long to run.
    #[arg(long, default_value_t = 1.0)]
    minutes: f64,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder for inputs that fail.
    #[arg(long, default_value = "fuzz-failures")]
    keep: PathBuf,
}

fn bases() -> Vec<(String, Vec<u8>)> {
    let mut bases = vec![
        ("shizhong.ron".to_owned(), econlens::data::EMBEDDED_DATASET.as_bytes().to_vec()),
        (
            "synthetic.ron".to_owned(),
            synthetic_ron(Shape { regions: 12, indicators: 4, years: 6 }).into_bytes(),
        ),
    ];
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    if let Ok(entries) = std::fs::read_dir(fixtures) {
        for entry in entries.flatten() {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                bases.push((entry.file_name().to_string_lossy().into_owned(), bytes));
            }
        }
    }
    bases
}

fn main() -> ExitCode {
    let args = Args::parse();
    let bases = bases();
    let mut rng = Rng::new(args.seed);
    let deadline = Instant::now() + Duration::from_secs_f64(args.minutes * 60.0);
    // A panic is reported by this run, not printed by the default hook for each case.
    std::panic::set_hook(Box::new(|_| {}));
    let (mut inputs, mut failures) = (0u64, 0u64);
    while Instant::now() < deadline {
        for _ in 0..256 {
            let (name, base) = &bases[rng.below(bases.len())];
            let mut bytes = base.clone();
            for _ in 0..=rng.below(4) {
                bytes = mutate(&bytes, &mut rng);
            }
            inputs += 1;
            let failure = match std::panic::catch_unwind(|| check(name, &bytes)) {
                Ok(Verdict::Fine) => None,
                Ok(Verdict::Unplaced(problem)) => Some(format!("a problem without line:col: {problem}")),
                Err(_) => Some("the loader panicked".to_owned()),
            };
            if let Some(failure) = failure {
                failures += 1;
                let _ = std::fs::create_dir_all(&args.keep);
                let path = args.keep.join(format!("failure-{inputs}-{name}"));
                let saved = std::fs::write(&path, &bytes).is_ok();
                eprintln!("input {inputs} from {name}: {failure} (saved: {saved}, {})", path.display());
            }
        }
    }
    println!(
        "{inputs} damaged files in {:.1} minutes (seed {}): {failures} failures",
        args.minutes, args.seed
    );
    if failures == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
