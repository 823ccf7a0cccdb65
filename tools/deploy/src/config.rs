//! A network's deployment config (`deploy/networks/<network>.toml`) and the
//! checks that refuse a bad one, all problems at once, before anything is
//! sent. The bounds are the constructors' own (SPEC.md sections 2 and 3), so
//! a config that passes here cannot make a constructor revert.

use std::{collections::HashSet, fmt, path::Path};

use alloy_primitives::Address;
use serde::Deserialize;

/// Networks whose chain id is fixed: a config under one of these names
/// must say that id, and the RPC endpoint must answer with it.
pub const KNOWN_CHAINS: [(&str, u64); 3] =
    [("arbitrum-one", 42_161), ("arbitrum-sepolia", 421_614), ("local", 412_346)];

/// Networks where the threat model (docs/threat-model.md) assumes a council
/// of M >= 2 signers: a threshold of 1 is refused there unless the operator
/// passes `--allow-single-signer`.
pub const MULTI_SIGNER_NETWORKS: [&str; 2] = ["arbitrum-one", "arbitrum-sepolia"];

/// Why `config` may not be deployed with one signer, if it may not.
pub fn single_signer_refusal(config: &Config, allowed: bool) -> Option<String> {
    (config.threshold == 1 && !allowed && MULTI_SIGNER_NETWORKS.contains(&config.network.as_str())).then(|| {
        format!(
            "council.threshold 1 on {}: one key could alone ban, disqualify, add validators, unpause and approve \
             parameter changes, and the threat model assumes M >= 2. Raise the threshold, or pass \
             --allow-single-signer to deploy with one signer anyway; nothing was sent",
            config.network
        )
    })
}

/// SPEC.md section 3: N signers, 1..=16.
pub const MAX_SIGNERS: usize = 16;

/// A future genesis must be at least this far ahead when validated, so that
/// it is still in the future when the constructor runs (which refuses a past
/// one with `FLTGenesisInPast`).
pub const GENESIS_MARGIN: u64 = 600;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub chain_id: u64,
    /// Name of the environment variable that holds the RPC URL (URLs often
    /// carry API keys, so they stay out of the repository).
    pub rpc_env: String,
    /// Unix seconds; 0 = the deployment time.
    #[serde(default)]
    pub genesis: u64,
    #[serde(default)]
    pub validators: Vec<String>,
    pub council: RawCouncil,
    #[serde(default)]
    pub cache: RawCache,
}

/// The refusal of a config that still sets `fragments`, which this tool no
/// longer has: every network takes each program as one contract.
pub const FRAGMENTS_REMOVED: &str = "`fragments` is no longer a setting: every program is deployed as one contract \
     (brotli-11 + 4-byte prefix <= 24,576 B) on every network, and ArbOS 61 fragments are not used; delete the \
     `fragments = ...` line";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCouncil {
    #[serde(default)]
    pub signers: Vec<String>,
    pub threshold: u64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCache {
    /// `true`: the deployer is a chain owner and caches each program with
    /// `ArbWasmCache.cacheProgram` (the local node).
    #[serde(default)]
    pub owner: bool,
    /// The bid (wei) placed with the chain's CacheManager (public chains).
    pub bid_wei: Option<u64>,
}

/// How `--cache` caches the programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cache {
    /// `ArbWasmCache.cacheProgram(program)` from the deployer, a chain owner.
    Owner,
    /// `CacheManager.placeBid(program)` with this many wei.
    Bid(u64),
}

/// A config that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub network: String,
    pub chain_id: u64,
    pub rpc_env: String,
    pub genesis: u64,
    pub validators: Vec<Address>,
    pub signers: Vec<Address>,
    pub threshold: u8,
    /// The `[cache]` section: `None` when it names no way to cache.
    pub cache: Option<Cache>,
}

/// Every reason a config was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub Vec<String>);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.0 {
            writeln!(f, "  - {problem}")?;
        }
        Ok(())
    }
}

/// Reads and checks `path`; the network's name is the file's stem.
pub fn load(path: &Path, now: u64) -> Result<Config, Refused> {
    let network = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Refused(vec![format!("{}: {e}", path.display())]))?;
    parse(&network, &text, now)
}

pub fn parse(network: &str, text: &str, now: u64) -> Result<Config, Refused> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        // `deny_unknown_fields` says "unknown field `fragments`"; say why.
        let line = e.span().and_then(|s| text.get(..s.start)).map_or(0, |before| before.matches('\n').count() + 1);
        let problem = if e.message().starts_with("unknown field `fragments`") {
            format!("line {line}: {FRAGMENTS_REMOVED}")
        } else {
            format!("not a valid config: {e}")
        };
        Refused(vec![problem])
    })?;
    check(network, raw, now)
}

pub fn check(network: &str, raw: RawConfig, now: u64) -> Result<Config, Refused> {
    let mut problems = Vec::new();

    match KNOWN_CHAINS.iter().find(|(name, _)| *name == network) {
        Some((_, id)) if *id != raw.chain_id => {
            problems.push(format!("chain_id {} is wrong for {network}, whose chain id is {id}", raw.chain_id))
        }
        _ if raw.chain_id == 0 => problems.push("chain_id must not be 0".into()),
        _ => {}
    }

    let env_name = !raw.rpc_env.is_empty()
        && raw.rpc_env.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    if !env_name {
        problems.push(format!(
            "rpc_env = {:?} must name an environment variable (A-Z, 0-9, _) that holds the RPC URL, not the URL",
            raw.rpc_env
        ));
    }

    if raw.genesis != 0 && raw.genesis < now.saturating_add(GENESIS_MARGIN) {
        problems.push(format!(
            "genesis {} is not at least {GENESIS_MARGIN} s in the future (now {now}); use 0 for the deployment time",
            raw.genesis
        ));
    }

    let signers = addresses("council.signers", &raw.council.signers, &mut problems);
    if !(1..=MAX_SIGNERS).contains(&raw.council.signers.len()) {
        problems
            .push(format!("council.signers lists {} addresses; it needs 1..={MAX_SIGNERS}", raw.council.signers.len()));
    }
    let threshold =
        u8::try_from(raw.council.threshold).ok().filter(|t| (1..=raw.council.signers.len()).contains(&usize::from(*t)));
    if threshold.is_none() {
        problems.push(format!(
            "council.threshold {} must be between 1 and the number of signers ({})",
            raw.council.threshold,
            raw.council.signers.len()
        ));
    }

    let validators = addresses("validators", &raw.validators, &mut problems);

    let cache = match (raw.cache.owner, raw.cache.bid_wei) {
        (true, Some(_)) => {
            problems.push("cache: owner = true and bid_wei exclude each other; keep one".into());
            None
        }
        (true, None) => Some(Cache::Owner),
        (false, bid) => bid.map(Cache::Bid),
    };

    match threshold {
        Some(threshold) if problems.is_empty() => Ok(Config {
            network: network.to_string(),
            chain_id: raw.chain_id,
            rpc_env: raw.rpc_env,
            genesis: raw.genesis,
            validators,
            signers,
            threshold,
            cache,
        }),
        _ => Err(Refused(problems)),
    }
}

/// Parses a list of addresses; mixed-case ones must carry a valid EIP-55
/// checksum (a typo then shows up here, not as a lost council seat).
fn addresses(field: &str, list: &[String], problems: &mut Vec<String>) -> Vec<Address> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, text) in list.iter().enumerate() {
        match parse_address(text) {
            Err(_) => {
                problems.push(format!("{field}[{i}] = {text:?} is not an address (or its EIP-55 checksum is wrong)"))
            }
            Ok(a) if a.is_zero() => problems.push(format!("{field}[{i}] is the zero address")),
            Ok(a) if !seen.insert(a) => problems.push(format!("{field}[{i}] = {a} is listed twice")),
            Ok(a) => out.push(a),
        }
    }
    out
}

/// Any 0x-prefixed 20-byte hex; one that mixes cases must be EIP-55.
fn parse_address(text: &str) -> Result<Address, ()> {
    let hex = text.strip_prefix("0x").ok_or(())?;
    let mixed = hex.bytes().any(|b| b.is_ascii_lowercase()) && hex.bytes().any(|b| b.is_ascii_uppercase());
    if mixed {
        Address::parse_checksummed(text, None).map_err(|_| ())
    } else {
        text.parse().map_err(|_| ())
    }
}
