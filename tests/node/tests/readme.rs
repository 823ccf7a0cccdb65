//! The README's `cast` examples, run as written against the node with
//! Foundry's own `cast` (npm `@foundry-rs/cast-linux-amd64`, pinned in
//! tools/node): every block marked `<!-- example: NAME -->` is run by bash
//! in the order a network lives it, with the variables "Using the examples"
//! names set for the role that runs it, and the state each block changes is
//! read back.
//!
//! Blocks share one shell state (variables one block sets, such as `$ID`,
//! reach the next), as when a user pastes them into one terminal.

use std::{collections::HashMap, path::PathBuf, process::Command};

use alloy_primitives::{keccak256, U256};
use alloy_sol_types::SolEvent;
use flt_node_tests::{
    abi::{FLTCouncil as C, FLTGovernor as G, FLTRewards as R, FLToken as T},
    system::{fresh, System},
    DAY, FLT,
};

/// `<!-- example: NAME -->` followed by a ```sh block.
fn examples(readme: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        let Some(name) = line.trim().strip_prefix("<!-- example: ").and_then(|r| r.strip_suffix(" -->")) else {
            continue;
        };
        assert_eq!(lines.next().map(str::trim), Some("```sh"), "example {name} must be followed by a sh block");
        let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        assert!(out.insert(name.to_string(), body.join("\n")).is_none(), "example {name} twice");
    }
    out
}

struct Shell {
    state: PathBuf,
    path: String,
    ran: Vec<String>,
}

impl Shell {
    fn new(sys: &System) -> Shell {
        let dir = sys.root.join("target/node-tests").join(format!("readme-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let state = dir.join("state.sh");
        let exports = format!(
            "export ETH_RPC_URL={} FLT={} REWARDS={} COUNCIL={} GOV={}\n",
            sys.node.url, sys.token, sys.rewards, sys.council, sys.governor
        );
        std::fs::write(&state, exports).unwrap();
        let cast_dir = sys.root.join("tools/node/node_modules/@foundry-rs/cast-linux-amd64/bin");
        assert!(cast_dir.join("cast").exists(), "cast is missing: ./flt setup installs it");
        let path = format!("{}:{}", cast_dir.display(), std::env::var("PATH").unwrap_or_default());
        Shell { state, path, ran: Vec::new() }
    }

    /// Runs example `name` as dev account `who` (`$KEY`, `$ME`), with
    /// `vars` set first; returns its output.
    fn run(&mut self, examples: &HashMap<String, String>, name: &str, who: usize, vars: &[(&str, String)]) -> String {
        let block = examples.get(name).unwrap_or_else(|| panic!("README has no example {name}"));
        let mut script = format!(
            "set -ea\nsource {}\nKEY={}\nME={}\n",
            self.state.display(),
            flt_node::dev::KEYS[who],
            flt_node::dev::address(who)
        );
        for (k, v) in vars {
            script.push_str(&format!("{k}={v}\n"));
        }
        script.push_str(block);
        script.push_str(&format!("\nexport -p > {}\n", self.state.display()));
        let out = Command::new("bash").arg("-c").arg(&script).env("PATH", &self.path).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "README example {name} failed ({}):\n{block}\nstdout:\n{stdout}\nstderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        self.ran.push(name.to_string());
        stdout
    }
}

#[test]
fn every_readme_cast_example_runs_against_the_node() {
    let readme = std::fs::read_to_string(flt_node::binary::workspace_root().join("README.md")).unwrap();
    let examples = examples(&readme);
    let sys = fresh();
    let mut sh = Shell::new(&sys);
    let c = &sys.client;
    let (holder, node1, node2, validator, new_validator) = (4, 5, 6, 3, 7);
    let addr = |i| sys.at(i);
    let t = std::cell::Cell::new(sys.genesis + 60);
    let tick = |by: u64| {
        t.set(t.get() + by);
        sys.warp(t.get());
    };

    // A contributor registers; two more register through the client.
    sh.run(&examples, "contributor-register", holder, &[]);
    let info = c.call(sys.rewards, &R::contributorInfoCall { contributor: addr(holder) });
    assert!(info._0, "registered");
    // The node id is logged, not stored: one ContributorRegistered(holder, keccak256("my-node-1")).
    let logs = sys
        .node
        .rpc(
            "eth_getLogs",
            serde_json::json!([{ "address": sys.rewards, "fromBlock": "0x0", "toBlock": "latest",
                "topics": [R::ContributorRegistered::SIGNATURE_HASH, addr(holder).into_word(), keccak256("my-node-1")] }]),
        )
        .expect("eth_getLogs");
    assert_eq!(logs.as_array().map(Vec::len), Some(1), "the registration logs the README's node id");
    for i in [node1, node2] {
        c.send(addr(i), sys.rewards, &R::registerContributorCall { nodeId: keccak256(format!("node-{i}")) });
    }

    // The validator records one contribution and a batch of two.
    tick(DAY);
    let vars =
        [("NODE", addr(holder).to_string()), ("NODE1", addr(node1).to_string()), ("NODE2", addr(node2).to_string())];
    sh.run(&examples, "validator-record", validator, &vars);
    for (i, impact) in [(holder, 2655u64), (node1, 2655), (node2, 0)] {
        let e = c.call(sys.rewards, &R::contributorEpochCall { contributor: addr(i), epoch: 0 });
        assert_eq!((e._0, e._1, e._3), (1, impact, true), "dev {i}: (count, positiveImpact, eligible)");
    }

    // Claims open one day after the week ends: the contributor claims.
    let claims_open = c.call(sys.rewards, &R::epochInfoCall { epoch: 0 })._2;
    t.set(claims_open + 1);
    sys.warp(t.get());
    let pending = c.call(sys.rewards, &R::pendingRewardCall { contributor: addr(holder), epoch: 0 })._0;
    // Three eligible contributors: each is capped at 10 % of the pool.
    assert_eq!(pending, U256::from(100_000 * FLT));
    let out = sh.run(&examples, "contributor-claim", holder, &[]);
    assert!(out.contains("100000000000000000000000"), "the example prints the pending reward:\n{out}");
    assert_eq!(sys.balance(addr(holder)), pending);

    // The holder stakes for a month and delegates to itself.
    tick(60);
    sh.run(&examples, "holder-stake", holder, &[]);
    let s = c.call(sys.token, &T::stakeOfCall { holder: addr(holder) });
    assert_eq!((s._0, s._1, s._3), (U256::from(10_000 * FLT), 0, 11_000));
    let lock_end = s._2;
    tick(60);
    let out = sh.run(&examples, "holder-delegate", holder, &[]);
    assert!(out.contains("100000000000000000000000"), "getVotes printed:\n{out}");
    assert_eq!(c.call(sys.token, &T::delegatesCall { account: addr(holder) })._0, addr(holder));

    // ... proposes a bigger pool, votes for it, queues it.
    tick(60);
    sh.run(&examples, "holder-propose", holder, &[]);
    let id = U256::from_str_radix(
        std::fs::read_to_string(&sh.state).unwrap().split("ID=\"").nth(1).unwrap().split('"').next().unwrap(),
        10,
    )
    .unwrap();
    assert_eq!(c.call(sys.governor, &G::stateCall { proposalId: id })._0, 0, "Pending");
    tick(DAY + 60);
    sh.run(&examples, "holder-vote", holder, &[]);
    assert!(c.call(sys.governor, &G::hasVotedCall { proposalId: id, account: addr(holder) })._0);
    assert_eq!(c.call(sys.governor, &G::proposalVotesCall { proposalId: id })._1, U256::from(100_000 * FLT));
    tick(7 * DAY);
    sh.run(&examples, "holder-queue", holder, &[]);
    assert_eq!(c.call(sys.governor, &G::stateCall { proposalId: id })._0, 5, "Queued");

    // Two council signers approve it on FLTCouncil; after the timelock it executes.
    sh.run(&examples, "council-approve", 0, &[]);
    sh.run(&examples, "council-approve", 1, &[]);
    let status = c.call(sys.council, &C::approvalStatusCall { proposalId: id });
    assert_eq!((status._0, status._1), (2, 2), "(approvals, threshold)");
    tick(2 * DAY + 60);
    sh.run(&examples, "holder-execute", holder, &[]);
    assert_eq!(c.call(sys.governor, &G::stateCall { proposalId: id })._0, 7, "Executed");
    assert_eq!(c.call(sys.rewards, &R::paramsCall {})._0[0], U256::from(2_000_000 * FLT));

    // A council action: one signer proposes a new validator, another approves.
    let vars = [("NEW_VALIDATOR", addr(new_validator).to_string())];
    sh.run(&examples, "council-propose", 0, &vars);
    assert!(!c.call(sys.rewards, &R::isValidatorCall { account: addr(new_validator) })._0);
    let out = sh.run(&examples, "council-approve-action", 1, &[]);
    assert!(out.trim_end().ends_with("true"), "isValidator printed:\n{out}");
    assert!(c.call(sys.rewards, &R::isValidatorCall { account: addr(new_validator) })._0);

    // The lock ends; the holder unstakes.
    t.set(t.get().max(lock_end) + 60);
    sys.warp(t.get());
    sh.run(&examples, "holder-unstake", holder, &[]);
    assert_eq!(c.call(sys.token, &T::stakeOfCall { holder: addr(holder) })._0, U256::ZERO);

    // One signer pauses.
    tick(60);
    let out = sh.run(&examples, "council-pause", 2, &[]);
    let until = c.call(sys.governor, &G::pausedUntilCall {})._0;
    assert!(until > t.get(), "paused until {until}");
    assert!(out.contains(&until.to_string()));
    assert_eq!(c.call(sys.token, &T::pausedUntilCall {})._0, until);

    let mut all: Vec<&String> = examples.keys().collect();
    all.sort();
    let mut ran = sh.ran.clone();
    ran.sort();
    ran.dedup();
    assert_eq!(ran.iter().collect::<Vec<_>>(), all, "every README example runs");
}
