//! Fixtures shared by the deploy tests: programs that pass the Stylus
//! activation check (of any size, so also ones too large for one contract),
//! an artifact directory, and a config.
#![allow(dead_code)]

use std::{
    path::PathBuf,
    sync::atomic::{AtomicUsize, Ordering},
};

use flt_deploy::config::{parse, Config};

pub const LOCAL: &str = include_str!("../../../../deploy/networks/local.toml");

pub fn local() -> Config {
    parse("local", LOCAL, 0).expect("the shipped local config is valid")
}

use flt_artifacts::validate::MINIMAL_PROGRAM_WAT as BODY;

/// A valid program; `noise` bytes of incompressible data make it large.
pub fn program(noise: usize) -> Vec<u8> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let data: String = (0..noise)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            format!("\\{:02x}", x as u8)
        })
        .collect();
    wat::parse_str(format!("(module {BODY} (data (i32.const 16384) \"{data}\"))")).expect("fixture parses")
}

/// A fresh directory under the system temp dir.
pub fn temp_dir(tag: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "flt-deploy-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Incompressible bytes in each program of [`artifact_dir`]: FLTRewards and
/// FLTGovernor are large (about 20 and 23 kB as one contract, as the real
/// ones are), FLToken and FLTCouncil small; all four fit one contract.
pub const NOISE: [(&str, usize); 4] =
    [("FLTRewards", 20_000), ("FLToken", 100), ("FLTCouncil", 200), ("FLTGovernor", 23_000)];

/// An artifact directory of the four programs of [`NOISE`].
pub fn artifact_dir() -> PathBuf {
    let dir = temp_dir("artifacts");
    for (name, noise) in NOISE {
        std::fs::write(dir.join(format!("{name}.wasm")), program(noise)).expect("write fixture");
    }
    dir
}
