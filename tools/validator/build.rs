//! Wraps `abi/FLTRewards.sol` in `sol!`: the calls, events and errors the
//! validator uses are exactly those of the published interface, selectors
//! computed as wallets do (`recordContributions((address,bytes32,uint32,uint32)[])`,
//! 0x58b7cc6a).

use std::{env, fs, path::Path};

fn main() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../abi/FLTRewards.sol");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let out = format!("alloy_sol_types::sol! {{\n#![sol(all_derives)]\n{text}\n}}\n");
    fs::write(Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("abi.rs"), out).expect("write abi.rs");
}
