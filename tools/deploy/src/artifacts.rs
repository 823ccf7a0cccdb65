//! The four processed programs `./flt build` leaves in `target/stylus/`,
//! checked again (Stylus activation rules, size budget) before anything is
//! sent: a missing, stale-format or oversized file is refused here.

use std::path::Path;

use alloy_primitives::{keccak256, B256};
use flt_artifacts::{size::Size, validate::validate};

use crate::{abi::Program, code::Code, config::Refused};

#[derive(Debug, Clone)]
pub struct Artifact {
    pub program: Program,
    pub size: Size,
    /// keccak256 of the wasm file, recorded with the deployment.
    pub wasm_hash: B256,
    pub code: Code,
}

/// `fragments`: whether the chain takes ArbOS 61 fragments
/// ([`crate::config::Config::fragments`]).
pub fn load(dir: &Path, fragments: bool) -> Result<Vec<Artifact>, Refused> {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for program in Program::ORDER {
        let path = dir.join(format!("{}.wasm", program.name()));
        let wasm = match std::fs::read(&path) {
            Ok(wasm) => wasm,
            Err(e) => {
                problems.push(format!("{}: {e}; build it with `./flt build`", path.display()));
                continue;
            }
        };
        if let Err(invalid) = validate(&wasm) {
            problems.push(format!("{}: Stylus would refuse it: {invalid}", path.display()));
            continue;
        }
        let size = Size::of(&wasm);
        if let Some(why) = size.over_budget() {
            problems.push(format!("{}: over the size budget: {why}", path.display()));
            continue;
        }
        out.push(Artifact { program, size, wasm_hash: keccak256(&wasm), code: Code::of(&wasm, fragments) });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Refused(problems))
    }
}
