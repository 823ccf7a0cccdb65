//! `flt-deploy` as a user runs it (`./flt deploy ...`): the dry run, the
//! refusals and their exit codes, and the calls `cache` and `activate`
//! make.

mod support;

use std::{path::Path, process::Command};

const NETWORKS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../deploy/networks");
/// The first public dev-chain key and its address.
const DEV_KEY: &str = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const DEV_ADDRESS: &str = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn flt_deploy(args: &[&str], env: &[(&str, &str)]) -> Out {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_flt-deploy"));
    cmd.args(args).env_remove("FLT_LOCAL_RPC").env_remove("FLT_DEPLOYER_KEY_FILE");
    env.iter().for_each(|(k, v)| {
        cmd.env(k, v);
    });
    let out = cmd.output().expect("runs");
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
    }
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_dry_run_prints_the_plan_and_exits_zero() {
    let artifacts = support::artifact_dir();
    let deployments = support::temp_dir("deployments");
    let key = support::temp_dir("key").join("deployer.key");
    std::fs::write(&key, format!("{DEV_KEY}\n")).unwrap();
    let out = flt_deploy(
        &[
            "deploy",
            "local",
            "--dry-run",
            "--networks",
            NETWORKS,
            "--artifacts",
            path(&artifacts),
            "--deployments",
            path(&deployments),
        ],
        &[("FLT_DEPLOYER_KEY_FILE", path(&key))],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("Deployment plan for local (chain id 412346), dry run: nothing is sent."));
    // Four programs, each one contract: 14 steps, no fragment anywhere.
    assert!(out.stdout.contains(" 14. read back:"), "{}", out.stdout);
    assert_eq!(out.stdout.matches(", deployed as one contract of ").count(), 4, "{}", out.stdout);
    assert!(!out.stdout.contains("fragment"), "{}", out.stdout);
    // The deployer (FLTRewards' and FLTCouncil's wirer) comes from the key
    // file, offline.
    assert_eq!(out.stdout.matches(&format!("] {DEV_ADDRESS}\n")).count(), 1, "{}", out.stdout);
    assert_eq!(out.stdout.matches(&format!("] 2 {DEV_ADDRESS}\n")).count(), 1, "{}", out.stdout);
    assert!(out.stdout.contains(" 11. wire: cast send <FLTRewards> \"wire(address,address)\" <FLToken> <FLTGovernor>"));
    assert!(out.stdout.contains(" 12. wire: cast send <FLTCouncil> \"wire(address)\" <FLTGovernor>"));
    assert!(std::fs::read_dir(&deployments).unwrap().next().is_none(), "nothing recorded");
}

#[test]
fn a_bad_config_is_refused_with_every_reason_and_no_usage_text() {
    let networks = support::temp_dir("networks");
    let text = support::LOCAL
        .replace("threshold = 2", "threshold = 4")
        .replace("\"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\"", "\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\"");
    std::fs::write(networks.join("local.toml"), text).unwrap();
    let artifacts = support::artifact_dir();
    let out = flt_deploy(
        &["deploy", "local", "--dry-run", "--networks", path(&networks), "--artifacts", path(&artifacts)],
        &[],
    );
    assert_eq!(out.code, 1);
    assert!(out.stdout.is_empty(), "no plan for a refused config: {}", out.stdout);
    assert!(out.stderr.contains("local.toml refused:"), "{}", out.stderr);
    assert!(out.stderr.contains("council.signers[1] = 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 is listed twice"));
    assert!(out.stderr.contains("council.threshold 4 must be between 1 and the number of signers (3)"));
    assert!(!out.stderr.contains("usage:"));
}

#[test]
fn missing_artifacts_are_refused() {
    let empty = support::temp_dir("empty");
    let out = flt_deploy(&["deploy", "local", "--dry-run", "--networks", NETWORKS, "--artifacts", path(&empty)], &[]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("artifacts refused:") && out.stderr.matches("build it with `./flt build`").count() == 4,
        "{}",
        out.stderr
    );
}

#[test]
fn a_program_over_one_contract_is_refused_before_the_plan() {
    let artifacts = support::artifact_dir();
    std::fs::write(artifacts.join("FLTGovernor.wasm"), support::program(30_000)).unwrap();
    let out =
        flt_deploy(&["deploy", "local", "--dry-run", "--networks", NETWORKS, "--artifacts", path(&artifacts)], &[]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.is_empty(), "no plan: {}", out.stdout);
    let governor = artifacts.join("FLTGovernor.wasm");
    let line = out.stderr.lines().find(|l| l.contains("FLTGovernor.wasm")).unwrap_or_default();
    assert!(
        out.stderr.starts_with("flt-deploy: artifacts refused:\n")
            && line.starts_with(&format!("  - {}: over the size budget: ", governor.display()))
            && line.contains(" B does not fit one contract (24576 B): ")
            && line.ends_with(" B over"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.matches("over the size budget").count(), 1, "only FLTGovernor: {}", out.stderr);
}

#[test]
fn a_config_that_still_sets_fragments_is_refused_naming_the_field() {
    let networks = support::temp_dir("fragments");
    std::fs::write(networks.join("local.toml"), format!("fragments = false\n{}", support::LOCAL)).unwrap();
    let artifacts = support::artifact_dir();
    let out = flt_deploy(
        &["deploy", "local", "--dry-run", "--networks", path(&networks), "--artifacts", path(&artifacts)],
        &[],
    );
    assert_eq!(out.code, 1);
    assert!(out.stdout.is_empty(), "no plan: {}", out.stdout);
    assert_eq!(
        out.stderr,
        format!(
            "flt-deploy: {} refused:\n  - line 1: {}\n\n",
            networks.join("local.toml").display(),
            flt_deploy::config::FRAGMENTS_REMOVED
        )
    );
}

#[test]
fn without_yes_the_plan_is_shown_and_nothing_is_sent() {
    let artifacts = support::artifact_dir();
    let out = flt_deploy(&["deploy", "local", "--networks", NETWORKS, "--artifacts", path(&artifacts)], &[]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.starts_with("Deployment plan for local"));
    assert!(out.stderr.contains("add --yes to send this plan"), "{}", out.stderr);
}

#[test]
fn a_real_run_without_the_rpc_variable_stops_before_connecting() {
    let artifacts = support::artifact_dir();
    let deployments = support::temp_dir("deployments");
    let out = flt_deploy(
        &[
            "deploy",
            "local",
            "--yes",
            "--networks",
            NETWORKS,
            "--artifacts",
            path(&artifacts),
            "--deployments",
            path(&deployments),
        ],
        &[],
    );
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("set $FLT_LOCAL_RPC to the RPC URL; nothing was sent"), "{}", out.stderr);
    assert!(std::fs::read_dir(&deployments).unwrap().next().is_none());
}

#[test]
fn bad_arguments_print_the_usage_and_exit_two() {
    for args in [
        &["deploy", "local", "--frobnicate"][..],
        &["deploy"],
        &["launch", "local"],
        &["cache", "local", "--bid", "lots"],
    ] {
        let out = flt_deploy(args, &[]);
        assert_eq!(out.code, 2, "{args:?}");
        assert!(out.stderr.contains("usage: flt-deploy"), "{args:?}: {}", out.stderr);
    }
}

/// How the tool prints 0x…00<tail>: EIP-55.
fn checksummed(tail: &str) -> String {
    format!("0x{:0>40}", tail).parse::<alloy_primitives::Address>().unwrap().to_string()
}

fn recorded() -> std::path::PathBuf {
    let dir = support::temp_dir("recorded");
    let doc = serde_json::json!({ "contracts": {
        "FLTRewards": { "address": "0x00000000000000000000000000000000000000a1" },
        "FLToken": { "address": "0x00000000000000000000000000000000000000a2" },
        "FLTCouncil": { "address": "0x00000000000000000000000000000000000000a3" },
        "FLTGovernor": { "address": "0x00000000000000000000000000000000000000a4" },
    }});
    std::fs::write(dir.join("local.json"), doc.to_string()).unwrap();
    dir
}

#[test]
fn cache_and_activate_dry_runs_print_each_call_per_recorded_program() {
    let dir = recorded();
    let with_dir = |extra: &[&str]| -> Out {
        let mut a = extra.to_vec();
        a.extend(["--dry-run", "--networks", NETWORKS, "--deployments", path(&dir)]);
        flt_deploy(&a, &[])
    };
    let bid = with_dir(&["cache", "local", "--bid", "7"]);
    assert_eq!(bid.code, 0, "{}", bid.stderr);
    let mut lines = bid.stdout.lines();
    assert_eq!(lines.next(), Some("cache local (chain id 412346), dry run: nothing is sent."));
    for (name, tail) in [("FLTRewards", "a1"), ("FLToken", "a2"), ("FLTCouncil", "a3"), ("FLTGovernor", "a4")] {
        let at = checksummed(tail);
        assert_eq!(
            lines.next().unwrap(),
            format!("  cache {name}: skipped if ArbWasmCache.codehashIsCached(keccak256(code at {at})) already; else CacheManager (the last of ArbWasmCache.allCacheManagers()).placeBid({at}) with 7 wei (an eth_call first: a refusal sends nothing), then codehashIsCached must be true")
        );
    }
    assert_eq!(lines.next(), None);

    // local.toml's [cache] says owner = true: the local node's deployer is a chain owner.
    let owner = with_dir(&["cache", "local"]);
    assert_eq!(owner.code, 0, "{}", owner.stderr);
    assert_eq!(owner.stdout.matches("from the deployer (a chain owner)").count(), 4, "{}", owner.stdout);
    assert!(owner.stdout.contains(&format!(
        "else ArbWasmCache(0x0000000000000000000000000000000000000072).cacheProgram({}) from the deployer",
        checksummed("a2")
    )));

    let activate = with_dir(&["activate", "local"]);
    assert_eq!(activate.code, 0, "{}", activate.stderr);
    assert!(activate.stdout.starts_with("activate local (chain id 412346), dry run: nothing is sent.\n"));
    for tail in ["a1", "a2", "a3", "a4"] {
        let at = checksummed(tail);
        assert!(
            activate.stdout.contains(&format!("{at}: ArbWasm(0x0000000000000000000000000000000000000071).programVersion({at}) against stylusVersion()")),
            "{}",
            activate.stdout
        );
    }
    assert!(!activate.stdout.contains("cargo") && !bid.stdout.contains("cargo"));
}

#[test]
fn cache_on_a_network_without_a_cache_section_needs_a_bid() {
    let dir = recorded();
    let networks = support::temp_dir("nocache");
    let text = support::LOCAL.replace("[cache]\nowner = true", "");
    assert_ne!(text, support::LOCAL, "the fixture removed [cache]");
    std::fs::write(networks.join("local.toml"), text).unwrap();
    let out =
        flt_deploy(&["cache", "local", "--dry-run", "--networks", path(&networks), "--deployments", path(&dir)], &[]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("cache needs --bid WEI or a [cache] section in the config (owner = true or bid_wei)"),
        "{}",
        out.stderr
    );
    let artifacts = support::artifact_dir();
    let deploy = flt_deploy(
        &["deploy", "local", "--dry-run", "--cache", "--networks", path(&networks), "--artifacts", path(&artifacts)],
        &[],
    );
    assert_eq!(deploy.code, 1);
    assert!(
        deploy.stderr.contains("--cache needs a [cache] section with owner = true or bid_wei"),
        "{}",
        deploy.stderr
    );
}

#[test]
fn cache_without_a_recorded_deployment_says_to_deploy_first() {
    let empty = support::temp_dir("none");
    let out =
        flt_deploy(&["activate", "local", "--dry-run", "--networks", NETWORKS, "--deployments", path(&empty)], &[]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("local.json") && out.stderr.contains("(deploy first)"), "{}", out.stderr);
}

#[test]
fn a_record_without_flt_council_is_refused_by_name() {
    // A record from before the split names three programs.
    let dir = support::temp_dir("old-record");
    let doc = serde_json::json!({ "contracts": {
        "FLTRewards": { "address": "0x00000000000000000000000000000000000000a1" },
        "FLToken": { "address": "0x00000000000000000000000000000000000000a2" },
        "FLTGovernor": { "address": "0x00000000000000000000000000000000000000a3" },
    }});
    std::fs::write(dir.join("local.json"), doc.to_string()).unwrap();
    let out = flt_deploy(&["activate", "local", "--dry-run", "--networks", NETWORKS, "--deployments", path(&dir)], &[]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr.contains(&format!("{}: no address for FLTCouncil", dir.join("local.json").display())),
        "{}",
        out.stderr
    );
}

#[test]
fn a_single_signer_public_deployment_needs_allow_single_signer() {
    let networks = support::temp_dir("single");
    let text = format!(
        "chain_id = 421614\nrpc_env = \"FLT_SEPOLIA_RPC\"\n[council]\nsigners = [\"{DEV_ADDRESS}\"]\nthreshold = 1\n"
    );
    std::fs::write(networks.join("arbitrum-sepolia.toml"), text).unwrap();
    let artifacts = support::artifact_dir();
    let base =
        ["deploy", "arbitrum-sepolia", "--dry-run", "--networks", path(&networks), "--artifacts", path(&artifacts)];
    let out = flt_deploy(&base, &[]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stderr.contains("council.threshold 1 on arbitrum-sepolia"), "{}", out.stderr);
    assert!(out.stderr.contains("--allow-single-signer"), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "no plan printed: {}", out.stdout);
    let mut allowed = base.to_vec();
    allowed.push("--allow-single-signer");
    let out = flt_deploy(&allowed, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("Deployment plan for arbitrum-sepolia (chain id 421614), dry run"),
        "{}",
        out.stdout
    );
}
