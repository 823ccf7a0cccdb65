//! `./flt bench`: see the crate documentation (`src/lib.rs`).

use std::path::PathBuf;

use clap::Parser;

/// Measures the gasUsed of every state-changing FLT entrypoint users call on
/// a fresh local Stylus node (programs uncached, then cached) and of
/// OpenZeppelin 5 Solidity contracts doing the same jobs; prints the table
/// and writes gas.md and gas.json. A benchmark: no figure is asserted.
#[derive(Parser)]
#[command(
    name = "flt-bench",
    after_help = "Examples:\n  ./flt bench\n  ./flt bench --out target/bench-before\n\nNeeds target/stylus/ (./flt build), \
the local Stylus node (see ./flt node) and Node.js with tools/node (./flt setup)."
)]
struct Args {
    /// Directory for gas.md and gas.json (relative paths: from the workspace root).
    #[arg(long, default_value = "target/bench")]
    out: PathBuf,
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let root = flt_node::binary::workspace_root();
    let out = if args.out.is_absolute() { args.out.clone() } else { root.join(&args.out) };
    let started = std::time::Instant::now();
    let result = flt_bench::run(&root).and_then(|report| {
        flt_bench::write(&report, &out)?;
        Ok(report)
    });
    match result {
        Ok(report) => {
            print!("{}", report.markdown());
            eprintln!(
                "flt-bench: wrote {} and {} in {} s",
                out.join("gas.md").display(),
                out.join("gas.json").display(),
                started.elapsed().as_secs()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("flt-bench: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
