//! A deployed program's life on a Stylus chain, through the ArbWasm and
//! ArbWasmCache precompiles over the same client as the deployment (no
//! cargo-stylus): whether it is active and current, re-activation, and
//! caching, by a chain owner (`cacheProgram`) or with a bid to the chain's
//! CacheManager (`placeBid`). Every decision is read from the chain first
//! and printed; a transaction is sent only when the chain says it is
//! needed, and its effect is read back.

use alloy_primitives::{keccak256, Address, B256, U256};
use alloy_sol_types::{SolCall, SolEvent, SolInterface};

use crate::{
    abi::{ArbOwnerPublic, ArbWasm, ArbWasmCache, CacheManager, ARB_OWNER_PUBLIC, ARB_WASM, ARB_WASM_CACHE},
    chain::{Chain, Failed, Receipt, Tx},
    config::Cache,
};

/// cargo-stylus' default bump on the estimated activation fee; the Stylus
/// deployer and ArbWasm refund what is not used.
pub const FEE_BUMP_PERCENT: u64 = 20;

/// The value of the fee-estimating `eth_call`s, from a funded override
/// account: far above any data fee.
pub fn one_eth() -> U256 {
    U256::from(10u64).pow(U256::from(18u64))
}

/// `fee` plus [`FEE_BUMP_PERCENT`].
pub fn bumped(fee: U256) -> U256 {
    fee.saturating_mul(U256::from(100 + FEE_BUMP_PERCENT)) / U256::from(100u64)
}

/// A refused call in words: ArbWasm's and the CacheManager's errors by
/// name with their values, other revert data in hex, else the node's
/// message.
pub fn explain(failed: &Failed) -> String {
    use ArbWasm::ArbWasmErrors as W;
    use CacheManager::CacheManagerErrors as M;
    let Some(data) = failed.data.as_deref() else { return failed.message.clone() };
    if let Ok(e) = W::abi_decode(data, true) {
        return match e {
            W::ProgramNotWasm(_) => "ProgramNotWasm (no Stylus program there)".into(),
            W::ProgramNotActivated(_) => "ProgramNotActivated".into(),
            W::ProgramNeedsUpgrade(e) => {
                format!("ProgramNeedsUpgrade(version {}, stylusVersion {})", e.version, e.stylusVersion)
            }
            W::ProgramExpired(e) => format!("ProgramExpired(ageInSeconds {})", e.ageInSeconds),
            W::ProgramUpToDate(_) => "ProgramUpToDate".into(),
            W::ProgramKeepaliveTooSoon(e) => format!("ProgramKeepaliveTooSoon(ageInSeconds {})", e.ageInSeconds),
            W::ProgramInsufficientValue(e) => format!("ProgramInsufficientValue(have {}, want {})", e.have, e.want),
        };
    }
    if let Ok(e) = M::abi_decode(data, true) {
        return match e {
            M::NotChainOwner(e) => format!("NotChainOwner({})", e.sender),
            M::AsmTooLarge(e) => {
                format!("AsmTooLarge(asm {}, queueSize {}, cacheSize {})", e.asm, e.queueSize, e.cacheSize)
            }
            M::AlreadyCached(e) => format!("AlreadyCached({})", e.codehash),
            M::BidTooLarge(e) => format!("BidTooLarge({})", e.bid),
            M::BidTooSmall(e) => format!("BidTooSmall(bid {}, min {})", e.bid, e.min),
            M::BidsArePaused(_) => "BidsArePaused".into(),
            M::MakeSpaceTooLarge(e) => format!("MakeSpaceTooLarge(size {}, limit {})", e.size, e.limit),
        };
    }
    if data.is_empty() {
        "reverted without data".into()
    } else {
        format!("reverted with 0x{}", alloy_primitives::hex::encode(data))
    }
}

fn view<C: SolCall>(chain: &mut impl Chain, to: Address, call: C) -> Result<C::Return, Failed> {
    let out = chain.call(to, call.abi_encode())?;
    C::abi_decode_returns(&out, true).map_err(|e| Failed::from(format!("unexpected answer to {}: {e}", C::SIGNATURE)))
}

/// keccak256 of the code at `program` (what ArbWasm and ArbWasmCache key
/// programs by); no code there is an error.
pub fn codehash(chain: &mut impl Chain, name: &str, program: Address) -> Result<B256, String> {
    let code = chain.code(program)?;
    if code.is_empty() {
        return Err(format!("{name}: no code at {program}"));
    }
    Ok(keccak256(code))
}

/// Where a deployed program stands, read from ArbWasm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Active at the chain's Stylus version; `time_left` is what
    /// `programTimeLeft` answers.
    Current { version: u16, time_left: u64 },
    /// Calls into it fail until it is activated: why, in ArbWasm's words.
    Inactive(String),
}

/// `programVersion(program)` against `stylusVersion()`.
pub fn status(chain: &mut impl Chain, program: Address) -> Result<Status, String> {
    let stylus = view(chain, ARB_WASM, ArbWasm::stylusVersionCall {})?.version;
    match view(chain, ARB_WASM, ArbWasm::programVersionCall { program }) {
        Ok(v) if v.version == stylus => {
            let time_left = view(chain, ARB_WASM, ArbWasm::programTimeLeftCall { program })
                .map_err(|f| format!("ArbWasm.programTimeLeft({program}): {}", explain(&f)))?
                .secs;
            Ok(Status::Current { version: v.version, time_left })
        }
        Ok(v) => Ok(Status::Inactive(format!("version {}, the chain's Stylus version is {stylus}", v.version))),
        Err(f) if f.data.as_deref().is_some_and(|d| ArbWasm::ArbWasmErrors::abi_decode(d, true).is_ok()) => {
            Ok(Status::Inactive(explain(&f)))
        }
        Err(f) => Err(format!("ArbWasm.programVersion({program}): {}", explain(&f))),
    }
}

/// What [`activate`] does, as the dry run prints it.
pub fn describe_activate(name: &str, at: &str) -> String {
    format!(
        "{name} {at}: ArbWasm({ARB_WASM}).programVersion({at}) against stylusVersion(); current: programTimeLeft({at}) is reported and nothing sent; expired, outdated or not active: eth_call activateProgram({at}) with 1 ETH from a funded override account gives the data fee, then activateProgram({at}) is sent to {ARB_WASM} with the fee + {FEE_BUMP_PERCENT} % (the rest is refunded) and programVersion read again"
    )
}

/// What [`activate`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Activation {
    UpToDate { version: u16, time_left: u64 },
    Activated { version: u16, data_fee: U256, tx: B256, time_left: u64 },
}

/// Re-activates `program` when ArbWasm says it needs it (expired, built for
/// an older Stylus version, or never activated); a current one is reported
/// and skipped.
pub fn activate(chain: &mut impl Chain, name: &str, program: Address) -> Result<Activation, String> {
    let hash = codehash(chain, name, program)?;
    let reason = match status(chain, program)? {
        Status::Current { version, time_left } => {
            println!("  {name} {program}: up to date (version {version}, programTimeLeft {time_left} s); nothing sent");
            return Ok(Activation::UpToDate { version, time_left });
        }
        Status::Inactive(reason) => reason,
    };
    println!("  {name} {program}: {reason}; re-activating");
    let data = ArbWasm::activateProgramCall { program }.abi_encode();
    let out = chain.call_with_codes(ARB_WASM, data.clone(), one_eth(), vec![]).map_err(|f| {
        format!("{name}: ArbWasm.activateProgram({program}) is refused: {}; nothing was sent", explain(&f))
    })?;
    let estimate = ArbWasm::activateProgramCall::abi_decode_returns(&out, true)
        .map_err(|e| format!("{name}: unexpected answer to activateProgram: {e}"))?;
    let value = bumped(estimate.dataFee);
    let balance = chain.balance(chain.sender())?;
    if balance <= value {
        return Err(format!(
            "{name}: {} holds {balance} wei, not more than the {value} wei data fee (plus gas); nothing was sent",
            chain.sender()
        ));
    }
    let receipt = chain.send(&Tx { to: Some(ARB_WASM), data, value })?;
    let event = receipt
        .logs
        .iter()
        .filter(|(from, topics, _)| {
            *from == ARB_WASM
                && topics.first() == Some(&ArbWasm::ProgramActivated::SIGNATURE_HASH)
                && topics.get(1) == Some(&hash)
        })
        .find_map(|(_, topics, data)| {
            ArbWasm::ProgramActivated::decode_raw_log(topics.iter().copied(), data, true).ok()
        })
        .filter(|_| receipt.success)
        .ok_or_else(|| format!("{name}: activateProgram failed (tx {})", receipt.hash))?;
    match status(chain, program)? {
        Status::Current { version, time_left } => {
            println!(
                "  {name}: activated, version {version}, data fee {} wei (tx {}); programTimeLeft {time_left} s",
                event.dataFee, receipt.hash
            );
            Ok(Activation::Activated { version, data_fee: event.dataFee, tx: receipt.hash, time_left })
        }
        Status::Inactive(why) => Err(format!("{name}: still not active after tx {}: {why}", receipt.hash)),
    }
}

/// `ArbWasmCache.codehashIsCached(codehash)`.
pub fn is_cached(chain: &mut impl Chain, hash: B256) -> Result<bool, String> {
    view(chain, ARB_WASM_CACHE, ArbWasmCache::codehashIsCachedCall { codehash: hash })
        .map(|r| r._0)
        .map_err(|f| format!("ArbWasmCache.codehashIsCached({hash}): {}", explain(&f)))
}

/// The chain's cache manager: the last of `allCacheManagers()`, checked
/// with `isCacheManager`.
pub fn cache_manager(chain: &mut impl Chain) -> Result<Address, String> {
    let all = view(chain, ARB_WASM_CACHE, ArbWasmCache::allCacheManagersCall {})
        .map_err(|f| format!("ArbWasmCache.allCacheManagers(): {}", explain(&f)))?
        .managers;
    let manager = *all.last().ok_or(
        "this chain has no cache manager (ArbWasmCache.allCacheManagers() is empty): a bid cannot be placed; cache as a chain owner instead ([cache] owner = true)",
    )?;
    let ok = view(chain, ARB_WASM_CACHE, ArbWasmCache::isCacheManagerCall { manager })
        .map_err(|f| format!("ArbWasmCache.isCacheManager({manager}): {}", explain(&f)))?
        ._0;
    if !ok {
        return Err(format!("ArbWasmCache.isCacheManager({manager}) = false"));
    }
    Ok(manager)
}

/// `ArbOwnerPublic.isChainOwner(who)`.
pub fn is_chain_owner(chain: &mut impl Chain, who: Address) -> Result<bool, String> {
    view(chain, ARB_OWNER_PUBLIC, ArbOwnerPublic::isChainOwnerCall { addr: who })
        .map(|r| r._0)
        .map_err(|f| format!("ArbOwnerPublic.isChainOwner({who}): {}", explain(&f)))
}

/// The check before any transaction that `how` can work: the deployer is a
/// chain owner, or the chain has a cache manager.
pub fn check_cache(chain: &mut impl Chain, how: Cache) -> Result<(), String> {
    match how {
        Cache::Owner => {
            let sender = chain.sender();
            if !is_chain_owner(chain, sender)? {
                return Err(format!(
                    "the deployer {sender} is not a chain owner (ArbOwnerPublic.isChainOwner = false), so ArbWasmCache.cacheProgram would refuse it; bid instead (cache.bid_wei); nothing was sent"
                ));
            }
            println!("      {sender} is a chain owner");
        }
        Cache::Bid(_) => {
            let manager = cache_manager(chain).map_err(|e| format!("{e}; nothing was sent"))?;
            println!("      cache manager {manager}");
        }
    }
    Ok(())
}

/// What [`cache`] does, as the dry run prints it.
pub fn describe_cache(name: &str, at: &str, how: Cache) -> String {
    let send = match how {
        Cache::Owner => format!("ArbWasmCache({ARB_WASM_CACHE}).cacheProgram({at}) from the deployer (a chain owner)"),
        Cache::Bid(wei) => {
            format!("CacheManager (the last of ArbWasmCache.allCacheManagers()).placeBid({at}) with {wei} wei")
        }
    };
    format!(
        "cache {name}: skipped if ArbWasmCache.codehashIsCached(keccak256(code at {at})) already; else {send} (an eth_call first: a refusal sends nothing), then codehashIsCached must be true"
    )
}

/// What [`cache`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cached {
    Already(B256),
    Now { codehash: B256, receipt: Receipt },
}

/// Caches `program` the way `how` says and reads back that it is cached.
pub fn cache(chain: &mut impl Chain, name: &str, program: Address, how: Cache) -> Result<Cached, String> {
    let hash = codehash(chain, name, program)?;
    if is_cached(chain, hash)? {
        println!("  {name} {program}: already cached (ArbWasmCache.codehashIsCached({hash}) = true); nothing sent");
        return Ok(Cached::Already(hash));
    }
    let (to, data, value, what) = match how {
        Cache::Owner => (
            ARB_WASM_CACHE,
            ArbWasmCache::cacheProgramCall { addr: program }.abi_encode(),
            U256::ZERO,
            format!("ArbWasmCache.cacheProgram({program})"),
        ),
        Cache::Bid(wei) => {
            let manager = cache_manager(chain)?;
            (
                manager,
                CacheManager::placeBidCall { program }.abi_encode(),
                U256::from(wei),
                format!("CacheManager({manager}).placeBid({program}) with {wei} wei"),
            )
        }
    };
    if let Err(f) = chain.call_with_value(to, data.clone(), value) {
        let who = chain.sender();
        let hint = match how {
            Cache::Owner => format!(
                " (only a chain owner may; ArbOwnerPublic.isChainOwner({who}) = {})",
                is_chain_owner(chain, who)?
            ),
            Cache::Bid(_) => String::new(),
        };
        return Err(format!("{name}: {what} from {who} is refused: {}{hint}; nothing was sent", explain(&f)));
    }
    let receipt = chain.send(&Tx { to: Some(to), data, value })?;
    if !receipt.success {
        return Err(format!("{name}: {what} failed (tx {})", receipt.hash));
    }
    if !is_cached(chain, hash)? {
        return Err(format!(
            "{name}: {what} was mined (tx {}), but ArbWasmCache.codehashIsCached({hash}) = false",
            receipt.hash
        ));
    }
    println!("  {name} {program}: cached (tx {}); ArbWasmCache.codehashIsCached({hash}) = true", receipt.hash);
    Ok(Cached::Now { codehash: hash, receipt })
}
