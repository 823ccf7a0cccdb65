//! The OpenZeppelin side's bytecode: `tools/bench/solidity/*.sol` and
//! OpenZeppelin's TimelockController compiled by the pinned solc through
//! `tools/bench/compile.js` (standard JSON, optimizer 200 runs, cancun).

use std::{collections::BTreeMap, path::Path, process::Command};

/// What `compile.js` passes to solc, for the report.
pub const SETTINGS: &str = "optimizer on, 200 runs, evmVersion cancun";

#[derive(Debug, Clone)]
pub struct Compiled {
    /// solc's own version string.
    pub solc: String,
    /// Creation bytecode by contract name.
    pub contracts: BTreeMap<String, Vec<u8>>,
}

impl Compiled {
    pub fn code(&self, name: &str) -> Result<Vec<u8>, String> {
        self.contracts.get(name).cloned().ok_or_else(|| format!("solc produced no contract {name}"))
    }
}

/// Compiles with `node` from the workspace `root`.
pub fn compile(root: &Path) -> Result<Compiled, String> {
    let modules = root.join("tools/node/node_modules");
    if !modules.join("solc").is_dir() || !modules.join("@openzeppelin/contracts").is_dir() {
        return Err(format!("{}: solc or @openzeppelin/contracts missing; run `./flt setup`", modules.display()));
    }
    let out = Command::new("node")
        .arg(root.join("tools/bench/compile.js"))
        .arg(&modules)
        .arg(root.join("tools/bench/solidity"))
        .output()
        .map_err(|e| format!("running node (Node.js is required): {e}"))?;
    if !out.status.success() {
        return Err(format!("solc refused the bench contracts:\n{}", String::from_utf8_lossy(&out.stderr)));
    }
    parse(&String::from_utf8_lossy(&out.stdout))
}

/// `compile.js`'s answer: `{"solc": "...", "contracts": {"Name": "0x.."}}`.
pub fn parse(text: &str) -> Result<Compiled, String> {
    let json: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("compile.js answer: {e}"))?;
    let solc = json["solc"].as_str().ok_or("compile.js answer without `solc`")?.to_string();
    let mut contracts = BTreeMap::new();
    for (name, hex) in json["contracts"].as_object().ok_or("compile.js answer without `contracts`")? {
        let hex = hex.as_str().ok_or_else(|| format!("{name}: bytecode is not a string"))?;
        let code = alloy_primitives::hex::decode(hex).map_err(|e| format!("{name}: bytecode: {e}"))?;
        if code.is_empty() {
            return Err(format!("{name}: empty bytecode (abstract contract?)"));
        }
        contracts.insert(name.clone(), code);
    }
    Ok(Compiled { solc, contracts })
}
