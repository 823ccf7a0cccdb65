//! Build -> process -> validate -> measure, and the interface export, for
//! every contract of the workspace. Nested cargo runs use their own target
//! directories so that they can run inside `cargo test`.

use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

use crate::{
    sections,
    size::Size,
    validate::{validate, Program},
};

pub struct Contract {
    /// Solidity-facing name; also the artifact's and abi/ files' name.
    pub name: &'static str,
    pub package: &'static str,
}

pub const CONTRACTS: &[Contract] = &[
    Contract { name: "FLToken", package: "fl-token" },
    Contract { name: "FLTRewards", package: "fl-rewards" },
    Contract { name: "FLTGovernor", package: "fl-governor" },
    Contract { name: "FLTCouncil", package: "fl-council" },
];

/// Where the deployable, processed programs land.
pub const OUT_DIR: &str = "target/stylus";

pub struct Artifact {
    pub path: PathBuf,
    pub program: Program,
    pub size: Size,
    pub wasm: Vec<u8>,
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

fn node_tool(root: &Path, tool: &str) -> Result<PathBuf, String> {
    let path = root.join("tools/node/node_modules/.bin").join(tool);
    if path.exists() {
        Ok(path)
    } else {
        Err(format!("{} is missing: run `npm ci --prefix tools/node` (./flt setup does)", path.display()))
    }
}

fn run(cmd: &mut Command) -> Result<Vec<u8>, String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(format!("{cmd:?} failed:\n{}", String::from_utf8_lossy(&out.stderr)))
    }
}

/// The features the deployable build of `contract` resolves (no dev
/// dependencies), as `cargo tree` prints them.
pub fn deployable_features(root: &Path, contract: &Contract) -> Result<String, String> {
    let out = run(Command::new(env!("CARGO")).current_dir(root).args([
        "tree",
        "--locked",
        "-p",
        contract.package,
        "--target",
        "wasm32-unknown-unknown",
        "-e",
        "no-dev,features",
        "--prefix",
        "none",
    ]))?;
    String::from_utf8(out).map_err(|e| e.to_string())
}

/// Rustflags (added to `.cargo/config.toml`'s) for the deployable build:
/// - `--remap-path-prefix`: the checkout's and the crate registry's absolute
///   paths become fixed ones, so the artifact is byte for byte the same on
///   any machine with the pinned toolchain, Cargo.lock and wasm-opt;
/// - `-Zlocation-detail=none` and `-Zfmt-debug=none`: no file names, lines
///   or `Debug` strings in the program. A program's static data is copied
///   into memory on every call (nitro prices it at ~0.75 gas per byte, cached
///   or not), and nothing on chain can print them: a panic aborts, and
///   errors are ABI-encoded, never formatted. These two flags are the only
///   unstable ones, enabled on the pinned stable toolchain with
///   `RUSTC_BOOTSTRAP=1` for this build alone (see [`artifact`]); they cut
///   each program's data by ~1.6 KB (README, "The artifacts");
/// - `-Cpanic=immediate-abort` with core, alloc and std rebuilt from the
///   toolchain's `rust-src` (`-Zbuild-std`, see [`artifact`]): a panic is
///   the `unreachable` instruction at its site, so no panic message, no
///   formatting code and no panic location is linked at all, and the
///   standard library is optimised for size together with the program
///   (measured: ~1 KB brotli and ~1.1 KB of static data less per program).
fn reproducible_paths(root: &Path) -> Result<String, String> {
    let cargo_home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo"));
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let sysroot = run(Command::new(rustc).current_dir(root).args(["--print", "sysroot"]))?;
    let sysroot = String::from_utf8(sysroot).map_err(|e| e.to_string())?;
    Ok(format!(
        "target.wasm32-unknown-unknown.rustflags=[\"--remap-path-prefix={}=/cargo\", \"--remap-path-prefix={}=/rustc\", \"--remap-path-prefix={}=/flt\", \"-Zlocation-detail=none\", \"-Zfmt-debug=none\", \"-Zunstable-options\", \"-Cpanic=immediate-abort\"]",
        cargo_home.display(),
        sysroot.trim(),
        root.display()
    ))
}

/// Builds the release wasm, runs wasm-opt (binaryen 132, as cargo-stylus)
/// with only the features Stylus accepts, validates and measures it.
pub fn artifact(root: &Path, contract: &Contract) -> Result<Artifact, String> {
    let features = deployable_features(root, contract)?;
    if features.contains("\"test-clock\"") {
        return Err(format!("{}: the test clock seam is enabled in the deployable build", contract.name));
    }
    if features.contains("\"test-seams\"") {
        return Err(format!("{}: the governor's test seams are enabled in the deployable build", contract.name));
    }
    let target = root.join("target/wasm");
    run(Command::new(env!("CARGO"))
        .current_dir(root)
        .env("CARGO_TARGET_DIR", &target)
        // The -Z flags of `reproducible_paths` and -Zbuild-std, on the pinned stable toolchain.
        .env("RUSTC_BOOTSTRAP", "1")
        .args(["build", "--release", "--locked", "--target", "wasm32-unknown-unknown", "--lib", "-p", contract.package])
        // std too: stylus-sdk 0.9 depends on clap (unused on chain), which needs it.
        .args(["-Zbuild-std=std,panic_abort", "--config", &reproducible_paths(root)?]))?;
    let raw =
        target.join("wasm32-unknown-unknown/release").join(format!("{}.wasm", contract.package.replace('-', "_")));
    let out_dir = root.join(OUT_DIR);
    fs::create_dir_all(&out_dir).map_err(|e| e.to_string())?;
    let path = out_dir.join(format!("{}.wasm", contract.name));
    run(Command::new(node_tool(root, "wasm-opt")?)
        .arg(&raw)
        .args([
            "-Oz",
            "--mvp-features",
            "--enable-bulk-memory",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-nontrapping-float-to-int",
            "--strip-debug",
            "--strip-producers",
            "--strip-target-features",
            "-o",
        ])
        .arg(&path))?;
    // nitro's parser refuses the DataCount section wasm-opt writes.
    let optimized = fs::read(&path).map_err(|e| e.to_string())?;
    let wasm = sections::strip(&optimized).map_err(|e| format!("{}: {e}", contract.name))?;
    // Static data as code: no data segments for nitro to price on every call.
    let wasm = crate::inline::inline(&wasm).map_err(|e| format!("{}: {e}", contract.name))?;
    fs::write(&path, &wasm).map_err(|e| e.to_string())?;
    let program = validate(&wasm).map_err(|e| format!("{}: invalid for Stylus: {e}", contract.name))?;
    Ok(Artifact { path, program, size: Size::of(&wasm), wasm })
}

/// The contract's complete Solidity interface, printed by its `-abi` binary.
pub fn interface(root: &Path, contract: &Contract) -> Result<String, String> {
    let out = run(Command::new(env!("CARGO"))
        .current_dir(root)
        .env("CARGO_TARGET_DIR", root.join("target/abi"))
        .args(["run", "--quiet", "--locked", "-p", contract.package, "--features", "export-abi"])
        .args(["--bin", &format!("{}-abi", contract.package)]))?;
    String::from_utf8(out).map_err(|e| e.to_string())
}

/// Compiles an interface with solcjs and returns its JSON ABI, pretty-printed.
pub fn json_abi(root: &Path, contract: &Contract, interface: &str) -> Result<String, String> {
    let dir = root.join("target/solc").join(contract.name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let source = dir.join(format!("{}.sol", contract.name));
    fs::write(&source, interface).map_err(|e| e.to_string())?;
    run(Command::new(node_tool(root, "solcjs")?)
        .current_dir(&dir)
        .args(["--abi", "-o", "out"])
        .arg(source.file_name().expect("file name")))?;
    let abi_file = fs::read_dir(dir.join("out"))
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "abi"))
        .ok_or("solcjs wrote no .abi file")?;
    let abi: serde_json::Value =
        serde_json::from_slice(&fs::read(abi_file).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    Ok(serde_json::to_string_pretty(&abi).map_err(|e| e.to_string())? + "\n")
}

/// `abi/<Name>.sol` and `abi/<Name>.json` as the code says they must be.
pub fn abi_files(root: &Path, contract: &Contract) -> Result<[(PathBuf, String); 2], String> {
    let sol = interface(root, contract)?;
    let json = json_abi(root, contract, &sol)?;
    let dir = root.join("abi");
    Ok([(dir.join(format!("{}.sol", contract.name)), sol), (dir.join(format!("{}.json", contract.name)), json)])
}
