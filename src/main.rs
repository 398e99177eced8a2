//! The `parallax` binary: parse arguments, run, and turn the outcome into an exit code.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use parallax::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let outcome = cli::run(cli, &mut out);
    let _ = out.flush();
    match outcome {
        Ok(()) => ExitCode::from(cli::EXIT_OK),
        Err(failure) => {
            eprintln!("parallax: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}
