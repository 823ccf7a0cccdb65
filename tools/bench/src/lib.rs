//! `./flt bench`: the gas of every state-changing entrypoint users call, on
//! the local Stylus node (nitro's Stylus VM), with the four programs of
//! `target/stylus/` deployed by flt-deploy: once uncached (activated by the
//! StylusDeployer), once cached (ArbWasmCache), and OpenZeppelin 5
//! Solidity contracts doing the same jobs on the same node.

pub mod arb;
pub mod bench;
pub mod report;
pub mod scenario;
pub mod solc;

use std::path::Path;

use alloy_primitives::{keccak256, Address};
use alloy_sol_types::SolCall;
use flt_artifacts::size::Size;
use flt_node::dev;
use flt_node_tests::System;
use report::{Header, Program, Report, Row};
use serde_json::json;

/// `(contract, key, operation)`: the rows of the report, in order. A key
/// is what [`scenario`] records; `/N` after a key divides its figures by N.
pub const ROWS: &[(&str, &str, &str)] = &[
    ("FLToken", "transfer", "transfer to a holder (neither side delegating)"),
    ("FLToken", "transfer_fresh", "transfer to a fresh recipient"),
    ("FLToken", "transfer_delegated", "transfer between two self-delegated holders"),
    ("FLToken", "approve", "approve (allowance 0 -> nonzero)"),
    ("FLToken", "transfer_from", "transferFrom, finite allowance"),
    ("FLToken", "transfer_from_max", "transferFrom, infinite allowance"),
    ("FLToken", "permit", "permit (first nonce, allowance 0 -> nonzero), relayed"),
    ("FLToken", "delegate", "delegate to self (first delegation)"),
    ("FLToken", "delegate_by_sig", "delegateBySig to self (first delegation), relayed"),
    ("FLToken", "stake", "stake (new position, 1 month)"),
    ("FLToken", "stake_top_up", "stake top-up (same tier)"),
    ("FLToken", "unstake", "unstake after the lock"),
    ("FLTRewards", "register", "registerContributor"),
    ("FLTRewards", "record_open", "recordContribution, first of epoch 0 (nothing to close)"),
    ("FLTRewards", "record_roll", "recordContribution, first of an epoch, closing the previous one (roll-over)"),
    ("FLTRewards", "record_new", "recordContribution, a contributor's first in the epoch"),
    ("FLTRewards", "record_again", "recordContribution, a contributor's next in the epoch"),
    ("FLTRewards", "batch_1", "recordContributions, 1 item"),
    ("FLTRewards", "batch_10", "recordContributions, 10 items"),
    ("FLTRewards", "batch_10/10", "recordContributions, 10 items, per item"),
    ("FLTRewards", "batch_100", "recordContributions, 100 items"),
    ("FLTRewards", "batch_100/100", "recordContributions, 100 items, per item"),
    ("FLTRewards", "claim_1", "claim, 1 epoch, by a holder (opens a supply-history slot)"),
    ("FLTRewards", "claim_1_rewrite", "claim, 1 epoch, by a holder (fills a half-used supply-history slot)"),
    ("FLTRewards", "claim_fresh", "claim, 1 epoch, fresh recipient (opens a supply-history slot)"),
    ("FLTRewards", "claim_for", "claimFor, 1 epoch, fresh recipient, by a third party (fills the half-used slot)"),
    ("FLTRewards", "claim_4", "claim, 4 epochs, fresh recipient (opens a supply-history slot)"),
    ("FLTGovernor", "propose", "propose (one setParameter action)"),
    ("FLTGovernor", "cast_vote", "castVote"),
    ("FLTGovernor", "cast_vote_reason", "castVoteWithReason"),
    ("FLTGovernor", "queue", "queue"),
    ("FLTGovernor", "execute", "execute (runs the setParameter action)"),
    ("FLTCouncil", "approve_proposal", "approveProposal (first approval; asks FLTGovernor about the proposal)"),
    ("FLTCouncil", "council_propose", "councilPropose (add validator)"),
    ("FLTCouncil", "council_approve", "councilApprove (reaches the threshold, executes through FLTGovernor)"),
    ("FLTCouncil", "pause", "pause (one signer; FLTGovernor pauses FLToken and FLTRewards)"),
];

/// The measurements of one run, `(key, gasUsed)` in order.
pub type Measured = Vec<(&'static str, u64)>;

/// The figure of `key` (`name/N`: the figure of `name` divided by N,
/// rounded down) in `measured`.
pub fn figure(measured: &Measured, key: &str) -> Option<u64> {
    let (name, per) = match key.split_once('/') {
        Some((name, n)) => (name, n.parse::<u64>().ok().filter(|n| *n > 0)?),
        None => (key, 1),
    };
    measured.iter().find(|(k, _)| *k == name).map(|(_, gas)| gas / per)
}

/// The rows of [`ROWS`] from the three runs. Errors when a key was
/// measured twice, or measured but has no row (a scenario/table mismatch).
pub fn rows(uncached: &Measured, cached: &Measured, solidity: &Measured) -> Result<Vec<Row>, String> {
    for run in [uncached, cached, solidity] {
        for (i, (key, _)) in run.iter().enumerate() {
            if run[..i].iter().any(|(k, _)| k == key) {
                return Err(format!("operation {key} measured twice in one run"));
            }
            if !ROWS.iter().any(|(_, k, _)| k == key) {
                return Err(format!("operation {key} has no row in the report"));
            }
        }
    }
    Ok(ROWS
        .iter()
        .map(|(contract, key, op)| {
            Row::new(contract, key, op, figure(uncached, key), figure(cached, key), figure(solidity, key))
        })
        .collect())
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("git").arg("-C").arg(root).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// `git rev-parse --short HEAD`, `+dirty` when `git status` lists changes.
pub fn commit(root: &Path) -> String {
    let head = git(root, &["rev-parse", "--short", "HEAD"]).unwrap_or_else(|| "unknown".into());
    match git(root, &["status", "--porcelain"]) {
        Some(s) if !s.is_empty() => format!("{head}+dirty"),
        _ => head,
    }
}

fn view<C: SolCall>(sys: &System, to: Address, call: &C) -> Result<C::Return, String> {
    sys.client.try_call(Address::ZERO, to, call).map_err(|r| format!("{}: {} {}", C::SIGNATURE, r.data, r.message))
}

fn programs(sys: &System) -> [(&'static str, Address); 4] {
    [("FLToken", sys.token), ("FLTRewards", sys.rewards), ("FLTCouncil", sys.council), ("FLTGovernor", sys.governor)]
}

/// Whether each program is in ArbWasmCache.
fn cached(sys: &System) -> Result<Vec<bool>, String> {
    programs(sys)
        .iter()
        .map(|(_, at)| {
            let codehash = arb::codehash(&sys.node, *at)?;
            Ok(view(sys, arb::ARB_WASM_CACHE, &arb::ArbWasmCache::codehashIsCachedCall { codehash })?._0)
        })
        .collect()
}

fn snapshot(sys: &System) -> Result<serde_json::Value, String> {
    sys.node.rpc("evm_snapshot", json!([]))
}

fn revert(sys: &System, id: serde_json::Value) -> Result<(), String> {
    match sys.node.rpc("evm_revert", json!([id]))? {
        serde_json::Value::Bool(true) => Ok(()),
        other => Err(format!("evm_revert answered {other}")),
    }
}

/// Runs `f` with file descriptor 1 pointing at stderr: flt-deploy prints
/// its deployment log with `println!`, and stdout is the table's.
fn with_stdout_on_stderr<T>(f: impl FnOnce() -> T) -> T {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    // SAFETY: dup/dup2/close on the process's own standard descriptors, no
    // memory involved; on failure stdout is left as it was.
    let saved = unsafe { libc::dup(1) };
    if saved < 0 {
        return f();
    }
    // SAFETY: as above.
    if unsafe { libc::dup2(2, 1) } < 0 {
        // SAFETY: `saved` is the descriptor dup returned.
        unsafe { libc::close(saved) };
        return f();
    }
    let out = f();
    let _ = std::io::stdout().flush();
    // SAFETY: as above; `saved` is the descriptor dup returned.
    unsafe {
        libc::dup2(saved, 1);
        libc::close(saved);
    }
    out
}

/// Progress on stderr (stdout carries the table).
fn say(what: &str) {
    eprintln!("flt-bench: {what}");
}

/// Deploys, runs the three measured runs and returns the report.
pub fn run(root: &Path) -> Result<Report, String> {
    say("compiling the OpenZeppelin contracts");
    let compiled = solc::compile(root)?;
    say("starting the local Stylus node and deploying target/stylus/ with flt-deploy");
    let sys = with_stdout_on_stderr(System::try_deploy)?;

    let mut programs_out = Vec::new();
    for (name, at) in programs(&sys) {
        let wasm_path = root.join("target/stylus").join(format!("{name}.wasm"));
        let wasm = std::fs::read(&wasm_path).map_err(|e| format!("{}: {e}", wasm_path.display()))?;
        // The figures belong to the program on chain: the file must still be
        // the one flt-deploy deployed (a rebuild during the run would not be).
        let on_chain = keccak256(flt_deploy::code::program_code(&wasm));
        if arb::codehash(&sys.node, at)? != on_chain {
            return Err(format!(
                "{}: not the program deployed (rebuilt during the run?); run again",
                wasm_path.display()
            ));
        }
        let size = Size::of(&wasm);
        let init = view(&sys, arb::ARB_WASM, &arb::ArbWasm::programInitGasCall { program: at })?;
        programs_out.push(Program {
            name: name.to_string(),
            wasm_keccak: keccak256(&wasm).to_string(),
            raw_bytes: size.raw,
            brotli_bytes: size.brotli,
            init_gas: init.gas,
            init_gas_cached: init.gasWhenCached,
        });
    }

    // Both Stylus runs and the Solidity run start from the state right
    // after deployment, with the same clock.
    let start = sys.node.timestamp()? + 100;
    let after_deploy = snapshot(&sys)?;
    if cached(&sys)?.iter().any(|c| *c) {
        return Err("a program is cached right after deployment: the uncached run would not be uncached".into());
    }
    say("run 1: Stylus, programs not cached");
    let b = bench::Bench::new(&sys, start);
    scenario::stylus(&b)?;
    let uncached = b.measured();

    revert(&sys, after_deploy)?;
    let after_deploy = snapshot(&sys)?;
    say("run 2: Stylus, programs cached (ArbWasmCache.cacheProgram by a chain owner)");
    let b = bench::Bench::new(&sys, start - 60);
    for (_, at) in programs(&sys) {
        b.tx(dev::address(0), arb::ARB_WASM_CACHE, &arb::ArbWasmCache::cacheProgramCall { addr: at })?;
    }
    if !cached(&sys)?.iter().all(|c| *c) {
        return Err("cacheProgram did not cache every program (codehashIsCached false)".into());
    }
    let b = bench::Bench::new(&sys, start);
    scenario::stylus(&b)?;
    let cached_run = b.measured();
    if uncached.iter().map(|(k, _)| k).ne(cached_run.iter().map(|(k, _)| k)) {
        return Err("the cached run measured other operations than the uncached one".into());
    }

    revert(&sys, after_deploy)?;
    say("run 3: OpenZeppelin Solidity");
    let b = bench::Bench::new(&sys, start);
    let deployed = scenario::deploy_solidity(&b, &|name| compiled.code(name))?;
    scenario::solidity(&b, &deployed)?;
    let solidity = b.measured();

    let node = sys.node.rpc("web3_clientVersion", json!([]))?.as_str().unwrap_or("unknown").to_string();
    let binary = sys.node.binary.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    // ArbSys reports the ArbOS version plus 55 (nitro's convention).
    let arbos_version = view(&sys, arb::ARB_SYS, &arb::ArbSys::arbOSVersionCall {})
        .ok()
        .and_then(|v| u64::try_from(v._0).ok())
        .map(|v| v.saturating_sub(55));
    let stylus_version =
        view(&sys, arb::ARB_WASM, &arb::ArbWasm::stylusVersionCall {}).ok().map(|v| u64::from(v.version));
    let unix = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| format!("clock before 1970: {e}"))?
        .as_secs();
    let header = Header {
        date: report::utc_date(unix),
        commit: commit(root),
        node: format!("{binary} ({node})"),
        chain_id: flt_node::node::CHAIN_ID,
        arbos_version,
        stylus_version,
        solc: format!("solc {} ({})", compiled.solc, solc::SETTINGS),
        openzeppelin: openzeppelin_version(root),
    };
    Ok(Report { header, programs: programs_out, rows: rows(&uncached, &cached_run, &solidity)?, notes: notes() })
}

fn openzeppelin_version(root: &Path) -> String {
    let path = root.join("tools/node/node_modules/@openzeppelin/contracts/package.json");
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|j| j["version"].as_str().map(String::from))
        .unwrap_or_else(|| "unknown".into())
}

fn notes() -> Vec<String> {
    [
        "Figures are the L2 gasUsed of each transaction's receipt (21,000 intrinsic and calldata included); \
         every transaction has its own block, 12 s after the previous one (longer where the scenario waits \
         for an epoch, a vote, an eta or a lock).",
        "Stylus uncached: the programs as flt-deploy leaves them (activated through the StylusDeployer, \
         codehashIsCached false). Stylus cached: the same operations on the same state (evm_revert to the \
         snapshot taken after deployment) after ArbWasmCache.cacheProgram of all four programs by a chain \
         owner (codehashIsCached true). A call into another program (stakeOf, transfer, setParameter, \
         setValidator, setPausedUntil; FLTCouncil's calls into FLTGovernor and on to FLToken and FLTRewards) \
         pays that program's entry too.",
        "OZ Solidity: ERC20 + ERC20Permit + ERC20Votes (timestamp clock) and Governor + GovernorSettings + \
         GovernorCountingSimple + GovernorVotes + GovernorVotesQuorumFraction + GovernorTimelockControl with a \
         TimelockController (tools/bench/solidity), same accounts and state shape; its proposal's action is one \
         owned setParameter(uint8,uint256) store, FLT's is FLTRewards.setParameter (a new parameter set). \
         FLTGovernor's execute also needs council approvals (FLTCouncil), which OZ has no counterpart for.",
        "Per item: the batch's gasUsed divided by its items, rounded down. Batch items are contributors' first \
         contributions of the epoch; `-` marks an operation the other side does not have.",
    ]
    .map(String::from)
    .to_vec()
}

/// Writes `gas.md` and `gas.json` into `out`.
pub fn write(report: &Report, out: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    for (file, text) in [("gas.md", report.markdown()), ("gas.json", report.json())] {
        let path = out.join(file);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}
