//! flt-validator (tools/validator) run as a process against the shared
//! deployment, as a validator's machine runs it: validator.rs and flower.rs.

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

use alloy_primitives::{Address, B256};
use alloy_sol_types::SolEvent;
use serde_json::{json, Value};

use crate::{
    abi::FLTRewards,
    system::{role, System},
};

/// A validator's working directory: its key file (dev account 3, the
/// deployment's validator, unless another is given) and its journal.
pub struct Workdir {
    /// This package's binary that runs `flt_validator::cli::main`: a test
    /// passes `env!("CARGO_BIN_EXE_flt-validator-e2e")`.
    pub binary: &'static str,
    pub dir: PathBuf,
    pub key: PathBuf,
}

impl Workdir {
    /// A new, empty directory under target/node-tests for test `name`.
    pub fn new(binary: &'static str, sys: &System, name: &str) -> Workdir {
        Workdir::with_key(binary, sys, name, role::VALIDATOR)
    }

    pub fn with_key(binary: &'static str, sys: &System, name: &str, dev: usize) -> Workdir {
        let dir = sys.root.join("target/node-tests").join(format!(
            "validator-{}-{}-{name}",
            std::process::id(),
            sys.node.port
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("validator work dir");
        let key = dir.join("validator.key");
        std::fs::write(&key, flt_node::dev::KEYS[dev]).expect("key file");
        Workdir { binary, dir, key }
    }

    pub fn journal(&self) -> PathBuf {
        self.dir.join("journal.jsonl")
    }

    pub fn report(&self) -> PathBuf {
        self.dir.join("report.json")
    }

    /// `flt-validator --network local --rewards <FLTRewards> --journal ...
    /// --report ... <args>` (`--network local` unless `args` name one), run from the workspace root with the node's URL
    /// in FLT_LOCAL_RPC and the key file in FLT_VALIDATOR_KEY_FILE.
    pub fn command(&self, sys: &System, args: &[&str]) -> Command {
        let mut cmd = Command::new(self.binary);
        cmd.current_dir(&sys.root)
            .env("FLT_LOCAL_RPC", &sys.node.url)
            .env("FLT_VALIDATOR_KEY_FILE", &self.key)
            .env_remove("FLT_VALIDATOR_TEST_CRASH")
            .args(if args.contains(&"--network") { vec![] } else { vec!["--network", "local"] })
            .args(["--rewards", &sys.rewards.to_string()])
            .arg("--journal")
            .arg(self.journal())
            .arg("--report")
            .arg(self.report())
            .args(args);
        cmd
    }

    pub fn run(&self, sys: &System, args: &[&str]) -> Output {
        let out = self.command(sys, args).output().expect("flt-validator runs");
        eprintln!(
            "flt-validator {args:?}: {}\n--- stdout\n{}--- stderr\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// The last run's `--report` JSON.
    pub fn last_report(&self) -> Value {
        let text = std::fs::read_to_string(self.report()).expect("report written");
        serde_json::from_str(&text).expect("report is JSON")
    }

    /// The journal's records, parsed.
    pub fn records(&self) -> Vec<Value> {
        read_records(&self.journal())
    }
}

pub fn read_records(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("journal line is JSON"))
        .collect()
}

/// One evaluation as a JSON line.
pub fn line(contributor: Address, id: B256, before: u32, after: u32, round: u64) -> String {
    json!({
        "contributor": contributor.to_string(),
        "contribution_id": id.to_string(),
        "accuracy_before_ppm": before,
        "accuracy_after_ppm": after,
        "round": round,
    })
    .to_string()
}

/// Every `ContributionRecorded` FLTRewards logged on the chain so far.
pub fn recorded_events(sys: &System) -> Vec<FLTRewards::ContributionRecorded> {
    let logs = sys
        .node
        .rpc(
            "eth_getLogs",
            json!([{ "address": sys.rewards, "fromBlock": "0x0", "toBlock": "latest",
                     "topics": [FLTRewards::ContributionRecorded::SIGNATURE_HASH] }]),
        )
        .expect("eth_getLogs");
    logs.as_array()
        .expect("log list")
        .iter()
        .map(|l| {
            let topics: Vec<B256> = l["topics"]
                .as_array()
                .expect("topics")
                .iter()
                .map(|t| t.as_str().expect("topic").parse().expect("32 bytes"))
                .collect();
            let data: alloy_primitives::Bytes = l["data"].as_str().expect("data").parse().expect("hex");
            FLTRewards::ContributionRecorded::decode_raw_log(topics, &data, true).expect("ContributionRecorded")
        })
        .collect()
}

/// The validator's nonce on the chain (mined transactions).
pub fn nonce(sys: &System, who: Address) -> u64 {
    let n = sys.node.rpc("eth_getTransactionCount", json!([who, "latest"])).expect("nonce");
    u64::from_str_radix(n.as_str().expect("hex").trim_start_matches("0x"), 16).expect("hex nonce")
}
