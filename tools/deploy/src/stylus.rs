//! cargo-stylus, for what it does well on deployed programs: cache bids and
//! re-activation. Commands are shown with `"$VAR"` in place of the RPC URL
//! and key file (URLs carry API keys) and run with the values.

use std::process::Command;

/// The version whose on-chain formats `code.rs` mirrors.
pub const VERSION: &str = "0.10.10";
/// Environment variable naming the file that holds the deployer's hex key.
pub const KEY_ENV: &str = "FLT_DEPLOYER_KEY_FILE";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StylusCmd {
    /// The words after `cargo stylus`, without endpoint and key.
    pub args: Vec<String>,
    /// Whether the command signs (gets `--private-key-path`).
    pub signs: bool,
}

impl StylusCmd {
    pub fn cache_bid(address: &str, bid_wei: u64) -> StylusCmd {
        StylusCmd { args: vec!["cache".into(), "bid".into(), address.into(), bid_wei.to_string()], signs: true }
    }

    pub fn activate(address: &str) -> StylusCmd {
        StylusCmd { args: vec!["activate".into(), "--address".into(), address.into()], signs: true }
    }

    /// The full command line, endpoint and key file as given.
    pub fn argv(&self, endpoint: &str, key_file: &str) -> Vec<String> {
        let mut argv = vec!["cargo".to_string(), "stylus".to_string()];
        argv.extend(self.args.iter().cloned());
        argv.extend(["--endpoint".to_string(), endpoint.to_string()]);
        if self.signs {
            argv.extend(["--private-key-path".to_string(), key_file.to_string()]);
        }
        argv
    }

    /// As printed: the environment variables' names, not their values.
    pub fn render(&self, rpc_env: &str) -> String {
        self.argv(&format!("\"${rpc_env}\""), &format!("\"${KEY_ENV}\"")).join(" ")
    }
}

pub fn install_command() -> Vec<String> {
    ["cargo", "install", "--locked", "cargo-stylus", "--version", VERSION].map(String::from).to_vec()
}

/// Runs commands; a trait so that tests record instead of running.
pub trait Shell {
    /// Whether `cargo stylus` of [`VERSION`] is installed.
    fn has_cargo_stylus(&mut self) -> bool;
    fn run(&mut self, argv: &[String]) -> Result<(), String>;
}

pub struct System;

impl Shell for System {
    fn has_cargo_stylus(&mut self) -> bool {
        Command::new("cargo")
            .args(["stylus", "--version"])
            .output()
            .is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).contains(VERSION))
    }

    fn run(&mut self, argv: &[String]) -> Result<(), String> {
        let (program, args) = argv.split_first().ok_or("empty command")?;
        let status = Command::new(program).args(args).status().map_err(|e| format!("{program}: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            // The words before the endpoint: the URL may carry an API key.
            let shown: Vec<&str> = argv.iter().map(String::as_str).take_while(|a| *a != "--endpoint").collect();
            Err(format!("`{}` failed ({status})", shown.join(" ")))
        }
    }
}

/// Installs cargo-stylus when missing (about 11 minutes on 2 cores).
pub fn ensure(shell: &mut impl Shell) -> Result<(), String> {
    if shell.has_cargo_stylus() {
        return Ok(());
    }
    println!("cargo-stylus {VERSION} is missing; installing: {}", install_command().join(" "));
    shell.run(&install_command())
}
