//! `deploy/deployments/<network>.json`: where each program lives, the
//! transactions that made it, what was deployed (wasm hash and sizes: each
//! program is one contract, `codeBytes` long) and the config it was deployed
//! with. `cache`, `activate` and `verify` read it.

use std::path::Path;

use alloy_primitives::Address;
use serde_json::{json, Value};

use crate::{abi::Program, artifacts::Artifact, chain::Receipt, config::Config, deploy::Known, verify::Deployed};

/// Transactions sent so far, by what they did.
#[derive(Debug, Default)]
pub struct Log(Vec<Value>);

impl Log {
    pub fn tx(&mut self, what: String, receipt: &Receipt) {
        self.0.push(json!({ "what": what, "hash": receipt.hash.to_string(), "block": receipt.block }));
    }
}

pub fn write(path: &Path, config: &Config, artifacts: &[Artifact], known: &Known, log: &Log) -> Result<(), String> {
    let mut programs = serde_json::Map::new();
    for a in artifacts {
        let i = a.program.index();
        programs.insert(
            a.program.name().into(),
            json!({
                "address": known.programs[i].map(|x| x.to_string()),
                "wasmKeccak": a.wasm_hash.to_string(),
                "rawBytes": a.size.raw,
                "brotliBytes": a.size.brotli,
                "codeBytes": a.code.len(),
            }),
        );
    }
    let doc = json!({
        "network": config.network,
        "chainId": config.chain_id,
        "deployer": known.deployer.map(|a| a.to_string()),
        "contracts": programs,
        "transactions": log.0,
        "config": {
            "genesis": config.genesis,
            "validators": config.validators.iter().map(Address::to_string).collect::<Vec<_>>(),
            "council": { "signers": config.signers.iter().map(Address::to_string).collect::<Vec<_>>(), "threshold": config.threshold },
        },
    });
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n";
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The four addresses of a recorded deployment.
pub fn read(path: &Path) -> Result<Deployed, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e} (deploy first)", path.display()))?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let at = |p: Program| -> Result<Address, String> {
        doc["contracts"][p.name()]["address"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("{}: no address for {}", path.display(), p.name()))
    };
    Ok(Deployed {
        rewards: at(Program::Rewards)?,
        token: at(Program::Token)?,
        council: at(Program::Council)?,
        governor: at(Program::Governor)?,
    })
}
