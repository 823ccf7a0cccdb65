//! `flt-artifacts build`: build, process, validate and size-report every
//! contract and regenerate `abi/`. `flt-artifacts check`: the same, but
//! `abi/` is compared instead of written. Exits non-zero on any failure.

use std::{fs, process::ExitCode};

use flt_artifacts::{
    pipeline::{abi_files, artifact, root, CONTRACTS, OUT_DIR},
    size::{MAX_CODE_SIZE, MAX_RAW, PREFIX},
};

fn main() -> ExitCode {
    let mode = std::env::args().nth(1).unwrap_or_default();
    if mode != "build" && mode != "check" {
        eprintln!("usage: flt-artifacts build|check");
        return ExitCode::from(2);
    }
    let root = root();
    let mut failures = Vec::new();
    println!(
        "Stylus artifacts in {OUT_DIR}/ (budget: {MAX_RAW} B raw, one contract: brotli-11 + {PREFIX} B prefix <= {MAX_CODE_SIZE} B)"
    );
    println!(
        "{:<12} {:>9} {:>11} {:>10} {:>10} {:>13} {:>6}",
        "contract", "raw B", "brotli-11 B", "contract B", "headroom B", "frame/stack", "keccak"
    );
    for contract in CONTRACTS {
        match artifact(&root, contract) {
            Ok(a) => {
                let p = &a.program;
                println!(
                    "{:<12} {:>9} {:>11} {:>10} {:>10} {:>13} {:>6}",
                    contract.name,
                    a.size.raw,
                    a.size.brotli,
                    a.size.code_bytes(),
                    a.size.headroom(),
                    format!("{}/{}", p.max_frame, p.stack_size),
                    if p.imports_host_keccak() { "host" } else { "WASM" },
                );
                if let Some(why) = a.size.over_budget() {
                    failures.push(format!("{}: {why}", contract.name));
                }
                if !p.imports_host_keccak() {
                    failures.push(format!(
                        "{}: native_keccak256 is not imported (a dependency turned on tiny-keccak)",
                        contract.name
                    ));
                }
            }
            Err(e) => failures.push(e),
        }
        match abi_files(&root, contract) {
            Ok(files) => {
                for (path, text) in files {
                    let current = fs::read_to_string(&path).unwrap_or_default();
                    if current == text {
                        continue;
                    }
                    if mode == "build" {
                        if let Err(e) = fs::write(&path, text) {
                            failures.push(format!("{}: {e}", path.display()));
                        }
                        println!("wrote {}", path.display());
                    } else {
                        failures.push(format!("{} is stale: run ./flt build", path.display()));
                    }
                }
            }
            Err(e) => failures.push(e),
        }
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        for f in &failures {
            eprintln!("FAIL: {f}");
        }
        ExitCode::FAILURE
    }
}
