//! Wraps `abi/*.sol` in `sol!` with every derive (Debug, PartialEq, ...),
//! which the macro's file form cannot take.

use std::{env, fs, path::Path};

fn main() {
    let abi = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../abi");
    let mut out = String::new();
    for name in ["FLToken", "FLTRewards", "FLTCouncil", "FLTGovernor"] {
        let path = abi.join(format!("{name}.sol"));
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        out.push_str(&format!("alloy_sol_types::sol! {{\n#![sol(all_derives)]\n{text}\n}}\n"));
    }
    fs::write(Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("abi.rs"), out).expect("write abi.rs");
}
