//! `flt-sim`: see `flt-sim --help` and tools/sim/README.md.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match flt_sim::cli::parse(std::env::args().collect()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match flt_sim::cli::execute(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("flt-sim: {e:#}");
            ExitCode::FAILURE
        }
    }
}
