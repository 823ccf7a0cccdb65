//! The four processed programs `./flt build` leaves in `target/stylus/`,
//! checked again (Stylus activation rules, size budget) before anything is
//! sent: a missing, stale-format or oversized file is refused here. The size
//! budget is one contract: a program whose brotli-11 code with its 4-byte
//! prefix is over 24,576 bytes is refused, on every network.

use std::path::Path;

use alloy_primitives::{keccak256, B256};
use flt_artifacts::{size::Size, validate::validate};

use crate::{abi::Program, code::program_code, config::Refused};

#[derive(Debug, Clone)]
pub struct Artifact {
    pub program: Program,
    pub size: Size,
    /// keccak256 of the wasm file, recorded with the deployment.
    pub wasm_hash: B256,
    /// The one contract's code ([`program_code`]), at most
    /// [`crate::code::MAX_CODE_SIZE`] bytes.
    pub code: Vec<u8>,
}

/// The four programs in deployment order, or every reason one is refused.
pub fn load(dir: &Path) -> Result<Vec<Artifact>, Refused> {
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
        out.push(Artifact { program, size, wasm_hash: keccak256(&wasm), code: program_code(&wasm) });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Refused(problems))
    }
}
