//! The `econlens` binary: parse the command line, then run a CLI command or
//! start the GUI. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser as _;
use econlens::cli::{Cli, Command, check, export};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Check { file, dump }) => check(
            file.as_deref(),
            *dump,
            cli.max_size_bytes(),
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        Some(Command::Export(args)) => {
            export(args, cli.max_size_bytes(), &mut std::io::stdout().lock(), &mut std::io::stderr().lock())
        }
        None => match econlens::ui::run(cli.file.clone(), cli.max_size_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: cannot open the window: {error}");
                ExitCode::FAILURE
            }
        },
    }
}
