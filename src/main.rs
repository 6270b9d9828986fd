//! The `econlens` binary: parse the command line, then run a CLI command or
//! start the GUI. Everything else lives in the library.
//!
//! On Windows the exe is a GUI-subsystem program, so starting it from
//! Explorer, the Start menu or a shortcut opens no console window. The
//! command line is the same program marked as a console program
//! (`econlens.com`, made by the Windows packaging script): a terminal waits
//! for it and gets its output and exit code, and `econlens check …` in cmd.exe
//! or PowerShell finds the `.com` before the `.exe`.
#![cfg_attr(windows, windows_subsystem = "windows")]

#[cfg(not(target_arch = "wasm32"))]
use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
use clap::Parser as _;
#[cfg(not(target_arch = "wasm32"))]
use econlens::cli::{Cli, Command, Console, audit, check, export, import};

/// In a browser: the app on the page's canvas (`platform::start`); no command line.
#[cfg(target_arch = "wasm32")]
fn main() {
    econlens::platform::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let cli = Cli::parse();
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let mut console = Console { out: &mut out, err: &mut err, lang: cli.lang() };
    if let Some(problem) = cli.usage_problem() {
        eprintln!("{}{}", console.lang.tr("错误：", "error: "), problem.get(console.lang));
        return ExitCode::from(2);
    }
    match &cli.command {
        Some(Command::Check { file, dump }) => {
            check(file.as_deref(), *dump, cli.max_size_bytes(), &mut console)
        }
        Some(Command::Export(args)) => export(args, cli.max_size_bytes(), &mut console),
        Some(Command::Audit { file, format }) => {
            audit(file.as_deref(), *format, cli.max_size_bytes(), &mut console)
        }
        Some(Command::Import(args)) => import(args, &mut console),
        Some(Command::Report(args)) => {
            econlens::cli::report::report(args, cli.max_size_bytes(), &mut console)
        }
        Some(Command::Publish(args)) => {
            econlens::cli::publish::publish(args, cli.max_size_bytes(), &mut console)
        }
        None => {
            let request = econlens::platform::WindowRequest {
                file: cli.file.clone(),
                max_size_bytes: cli.max_size_bytes(),
                renderer: cli.renderer,
                lang: cli.lang,
            };
            match econlens::platform::run(&request) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("{}{error}", console.lang.tr("错误：", "error: "));
                    ExitCode::FAILURE
                }
            }
        }
    }
}
