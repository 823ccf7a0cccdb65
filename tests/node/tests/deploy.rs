//! flt-deploy for real, on the local Stylus node (nitro's Stylus VM): the
//! whole deployment with caching as a chain owner, its record and
//! read-back; `./flt deploy|cache|activate|verify local` as subprocesses,
//! exactly as deploy/README.md documents them; an expired program
//! re-activated the way `./flt activate` does it; and the refusals that
//! must come before any transaction (wrong chain, no Stylus deployer, no
//! funds, a program the chain will not activate), each with its message and
//! the deployer's nonce unchanged. The node runs with the standard
//! 24,576-byte code-size limit: each program deploys as one contract, and
//! one too large for a contract cannot be deployed there.
//!
//! Each test starts its own node: a clean chain per deployment.

use std::{
    path::{Path, PathBuf},
    process::Command,
    sync::atomic::{AtomicUsize, Ordering},
};

use alloy_primitives::{keccak256, Address, B256, U256};
use alloy_sol_types::{SolEvent, SolInterface};
use flt_deploy::{
    abi::{ArbWasm, ArbWasmCache, Program, ARB_WASM, ARB_WASM_CACHE, STYLUS_DEPLOYER},
    artifacts::{self, Artifact},
    chain::{Failed, Rpc},
    code::{init_code, program_code},
    config::{self, Cache, Config},
    deploy::{self, Plan},
    record, stylus, verify,
};
use flt_node::{dev, Node, Options};
use flt_node_tests::{
    abi::{FLTCouncil, FLToken},
    Client, GENESIS_TIME,
};
use serde_json::{json, Value};

fn root() -> PathBuf {
    flt_node::binary::workspace_root()
}

/// A fresh node at [`GENESIS_TIME`], dev account 0 a chain owner (as
/// `./flt node` starts it).
fn node() -> Node {
    Node::start(&Options { timestamp: Some(GENESIS_TIME), chain_owners: vec![dev::address(0)], ..Options::default() })
        .unwrap_or_else(|e| panic!("local Stylus node: {e}"))
}

/// A fresh directory under target/node-tests/.
fn temp_dir(tag: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = root().join("target/node-tests").join(format!(
        "deploy-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A key file holding `key`, as `./flt node` writes one.
fn key_file(dir: &Path, key: &str) -> PathBuf {
    let path = dir.join("deployer.key");
    std::fs::write(&path, format!("{key}\n")).expect("key file");
    path
}

fn local() -> Config {
    config::load(&root().join("deploy/networks/local.toml"), GENESIS_TIME).expect("local.toml is valid")
}

fn plan(config: Config, cache: Option<Cache>, dir: &Path) -> Plan {
    let artifacts = artifacts::load(&root().join("target/stylus"))
        .unwrap_or_else(|r| panic!("artifacts refused (run ./flt build):\n{r}"));
    Plan { config, artifacts, cache, record: dir.join("local.json") }
}

fn nonce(node: &Node, who: Address) -> u64 {
    let n = node.rpc("eth_getTransactionCount", json!([who, "latest"])).unwrap();
    u64::from_str_radix(n.as_str().unwrap().trim_start_matches("0x"), 16).unwrap()
}

fn code(node: &Node, at: Address) -> Vec<u8> {
    let hex = node.rpc("eth_getCode", json!([at, "latest"])).unwrap();
    alloy_primitives::hex::decode(hex.as_str().unwrap()).unwrap()
}

fn is_cached(client: &Client, at: Address, node: &Node) -> bool {
    client.call(ARB_WASM_CACHE, &ArbWasmCache::codehashIsCachedCall { codehash: keccak256(code(node, at)) })._0
}

fn stylus_version(client: &Client) -> u16 {
    client.call(ARB_WASM, &ArbWasm::stylusVersionCall {}).version
}

/// `programVersion(at)`: the version, or ArbWasm's error by name with its
/// values (as flt-deploy prints it).
fn program_version(client: &Client, at: Address) -> Result<u16, String> {
    client.try_call(Address::ZERO, ARB_WASM, &ArbWasm::programVersionCall { program: at }).map(|r| r.version).map_err(
        |revert| {
            assert!(
                ArbWasm::ArbWasmErrors::abi_decode(&revert.data, true).is_ok(),
                "programVersion: {} is no ArbWasm error",
                revert.message
            );
            stylus::explain(&Failed { data: Some(revert.data.to_vec()), message: revert.message })
        },
    )
}

fn receipt(node: &Node, hash: &str) -> Value {
    let r = node.rpc("eth_getTransactionReceipt", json!([hash])).unwrap();
    assert_eq!(r["status"], "0x1", "tx {hash} succeeded");
    r
}

/// The ArbWasm `ProgramActivated` events of a receipt.
fn activations(receipt: &Value) -> Vec<ArbWasm::ProgramActivated> {
    receipt["logs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["address"].as_str().unwrap().parse::<Address>().unwrap() == ARB_WASM)
        .filter_map(|l| {
            let topics: Vec<B256> =
                l["topics"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().parse().unwrap()).collect();
            let data = alloy_primitives::hex::decode(l["data"].as_str().unwrap()).unwrap();
            (topics.first() == Some(&ArbWasm::ProgramActivated::SIGNATURE_HASH))
                .then(|| ArbWasm::ProgramActivated::decode_raw_log(topics, &data, true).unwrap())
        })
        .collect()
}

fn addresses(d: &verify::Deployed) -> [(Program, Address); 4] {
    Program::ORDER.map(|p| (p, d.of(p)))
}

#[test]
fn the_deployment_with_owner_caching_records_caches_activates_and_reads_back() {
    let node = node();
    let client = Client::new(&node.url);
    let dir = temp_dir("run");
    let key = key_file(&dir, dev::KEYS[0]);
    let plan = plan(local(), Some(Cache::Owner), &dir);
    let mut chain = Rpc::connect(&node.url, Some(&key)).unwrap();
    let deployed = deploy::run(&plan, &mut chain).expect("deploys");

    // Every program active at the chain's Stylus version, and cached.
    let stylus = stylus_version(&client);
    assert_eq!(stylus, 2, "arbos-anvil runs Stylus version 2 (ArbOS 42 pricing)");
    for (p, at) in addresses(&deployed) {
        assert_eq!(program_version(&client, at), Ok(stylus), "{}", p.name());
        assert!(is_cached(&client, at, &node), "{} cached", p.name());
    }
    // ArbWasmCache logged each caching: manager = the deployer, cached = true.
    let logs = node
        .rpc(
            "eth_getLogs",
            json!([{ "address": ARB_WASM_CACHE, "fromBlock": "0x0", "toBlock": "latest",
                     "topics": [ArbWasmCache::UpdateProgramCache::SIGNATURE_HASH] }]),
        )
        .unwrap();
    let updates: Vec<(B256, B256, String)> = logs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["topics"][1].as_str().unwrap().parse().unwrap(),
                l["topics"][2].as_str().unwrap().parse().unwrap(),
                l["data"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let manager = B256::left_padding_from(dev::address(0).as_slice());
    let expected: Vec<(B256, B256, String)> =
        addresses(&deployed).map(|(_, at)| (manager, keccak256(code(&node, at)), format!("0x{:064x}", 1))).to_vec();
    assert_eq!(updates, expected);

    // The record: where each program lives, what was deployed, how.
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&plan.record).unwrap()).unwrap();
    assert_eq!(doc["network"], "local");
    assert_eq!(doc["chainId"], 412_346);
    assert_eq!(doc["deployer"], dev::address(0).to_string());
    for (p, at) in addresses(&deployed) {
        let c = &doc["contracts"][p.name()];
        let wasm = std::fs::read(root().join(format!("target/stylus/{}.wasm", p.name()))).unwrap();
        assert_eq!(c["address"], at.to_string(), "{}", p.name());
        assert!(c.get("fragments").is_none(), "{}: no fragments in the record: {c}", p.name());
        assert_eq!(c["wasmKeccak"], keccak256(&wasm).to_string());
        assert_eq!(c["rawBytes"], wasm.len());
        // The code at the address is the one-contract layout of that wasm:
        // the program prefix, its brotli-11, within one contract's limit.
        let on_chain = code(&node, at);
        assert_eq!(on_chain[..4], [0xEF, 0xF0, 0x00, 0x00], "{}", p.name());
        assert!(on_chain.len() <= 24_576, "{}: {} B", p.name(), on_chain.len());
        assert_eq!(on_chain, program_code(&wasm), "{}", p.name());
        assert_eq!(c["codeBytes"], on_chain.len(), "{}", p.name());
        println!("{}: one contract of {} B ({} B left)", p.name(), on_chain.len(), 24_576 - on_chain.len());
    }
    assert_eq!(doc["config"]["genesis"], 0);
    assert_eq!(doc["config"]["validators"], json!([dev::address(3).to_string()]));
    assert_eq!(
        doc["config"]["council"],
        json!({ "signers": ([0, 1, 2].map(|i| dev::address(i).to_string())), "threshold": 2 })
    );
    let txs = doc["transactions"].as_array().unwrap();
    let whats: Vec<&str> = txs.iter().map(|t| t["what"].as_str().unwrap()).collect();
    assert_eq!(
        whats,
        [
            "FLTRewards",
            "FLToken",
            "FLTCouncil",
            "FLTGovernor",
            "wire FLTRewards",
            "wire FLTCouncil",
            "cache FLTRewards",
            "cache FLToken",
            "cache FLTCouncil",
            "cache FLTGovernor"
        ]
    );
    for tx in txs {
        receipt(&node, tx["hash"].as_str().unwrap());
    }
    // Each deployment transaction activated its program, charging the data
    // fee the activation check priced (0 on this node: see below).
    for (tx, (p, at)) in txs.iter().zip(addresses(&deployed)) {
        let r = receipt(&node, tx["hash"].as_str().unwrap());
        assert_eq!(r["blockNumber"].as_str().map(|b| u64::from_str_radix(&b[2..], 16).unwrap()), tx["block"].as_u64());
        let activated = activations(&r);
        assert_eq!(activated.len(), 1, "{}", p.name());
        assert_eq!(activated[0].program, at);
        assert_eq!(activated[0].codehash, keccak256(code(&node, at)));
        assert_eq!(activated[0].version, stylus);
        assert_eq!(activated[0].dataFee, U256::ZERO, "arbos-anvil charges no data fee");
    }
    // 4 deployments, the two wirings, 4 cacheProgram: 10 transactions.
    assert_eq!(nonce(&node, dev::address(0)), 10);
    assert_eq!(record::read(&plan.record).unwrap(), deployed);

    // `verify`'s read-back over a read-only client.
    let checks = verify::read_back(&mut Rpc::connect(&node.url, None).unwrap(), &plan.config, deployed).unwrap();
    assert_eq!(checks.len(), 18);
    assert!(checks.iter().all(|c| c.ok()), "{}", verify::report(&checks));
    let read = |what: &str| checks.iter().find(|c| c.what == what).map(|c| c.actual.clone());
    assert_eq!(read("FLTCouncil.governor()"), Some(deployed.governor.to_string()));
    assert_eq!(read("FLTGovernor.council()"), Some(deployed.council.to_string()));
    assert_eq!(read("FLTCouncil.signers()"), Some(format!("{:?}", [0, 1, 2].map(dev::address))));
    // The wirings' events: FLTCouncil's `CouncilWired(governor)`.
    let wired = receipt(&node, txs[5]["hash"].as_str().unwrap());
    let logs = wired["logs"].as_array().unwrap();
    assert_eq!(logs.len(), 1, "{wired}");
    assert_eq!(logs[0]["address"].as_str().unwrap().parse::<Address>().unwrap(), deployed.council);
    let topics: Vec<B256> =
        logs[0]["topics"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().parse().unwrap()).collect();
    assert_eq!(topics, vec![FLTCouncil::CouncilWired::SIGNATURE_HASH, deployed.governor.into_word()]);
    assert_eq!(client.call(deployed.token, &FLToken::nameCall {})._0, "Federated Learning Token");
}

/// `./flt <args>` from the repository root, as a user runs it, with the
/// two variables `./flt node` prints.
fn flt(args: &[&str], node: &Node, key: &Path) -> (i32, String, String) {
    let out = Command::new(root().join("flt"))
        .args(args)
        .current_dir(root())
        .env("FLT_LOCAL_RPC", &node.url)
        .env("FLT_DEPLOYER_KEY_FILE", key)
        .output()
        .expect("./flt runs");
    let (stdout, stderr) =
        (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned());
    (out.status.code().unwrap_or(-1), stdout, stderr)
}

/// The address printed after `name` in `deployed and verified: ...`.
fn printed(stdout: &str, name: &str) -> Address {
    let line = stdout.lines().find(|l| l.starts_with("deployed and verified: ")).expect("summary line");
    let after = line.split(&format!("{name} ")).nth(1).unwrap_or_else(|| panic!("{name} in {line}"));
    after[..42].parse().unwrap_or_else(|e| panic!("{name} address in {line}: {e}"))
}

#[test]
fn flt_deploy_cache_activate_and_verify_local_run_as_the_readme_says() {
    let node = node();
    let client = Client::new(&node.url);
    let dir = temp_dir("cli");
    let key = key_file(&dir, dev::KEYS[0]);
    let deployments = dir.join("deployments");
    let d = deployments.to_str().unwrap();
    let repo_record = root().join("deploy/deployments/local.json");
    let repo_before = std::fs::read(&repo_record).ok();

    let (rc, stdout, stderr) = flt(&["deploy", "local", "--yes", "--deployments", d], &node, &key);
    assert_eq!(rc, 0, "{stdout}\n{stderr}");
    let record = deployments.join("local.json");
    let deployed = record::read(&record).unwrap();
    for p in Program::ORDER {
        assert_eq!(printed(&stdout, p.name()), deployed.of(p), "{stdout}");
        assert!(!code(&node, deployed.of(p)).is_empty());
    }
    assert!(stdout.contains(&format!("recorded in {}", record.display())), "{stdout}");
    assert!(stdout.contains("activation check passed: ArbWasm activates it as version 2, data fee 0 wei"), "{stdout}");
    assert!(stdout.contains("activated in this transaction: version 2, data fee 0 wei"), "{stdout}");
    assert_eq!(stdout.matches("  ok        ").count(), 18, "{stdout}");
    assert!(!stdout.contains("MISMATCH"));
    assert_eq!(std::fs::read(&repo_record).ok(), repo_before, "the repository's deploy/deployments/ is not written");
    // Without --cache nothing is cached.
    assert!(Program::ORDER.iter().all(|p| !is_cached(&client, deployed.of(*p), &node)));
    let after_deploy = nonce(&node, dev::address(0));
    assert_eq!(after_deploy, 6, "4 deployments and 2 wirings");

    // ./flt cache local: local.toml's [cache] owner = true.
    let (rc, stdout, stderr) = flt(&["cache", "local", "--deployments", d], &node, &key);
    assert_eq!(rc, 0, "{stdout}\n{stderr}");
    for p in Program::ORDER {
        let at = deployed.of(p);
        assert!(is_cached(&client, at, &node), "{} cached", p.name());
        let hash = keccak256(code(&node, at));
        assert!(stdout.contains(&format!("  {} {at}: cached (tx 0x", p.name())), "{stdout}");
        assert!(stdout.contains(&format!("ArbWasmCache.codehashIsCached({hash}) = true")), "{stdout}");
    }
    assert_eq!(nonce(&node, dev::address(0)), after_deploy + 4);
    // Again: every program is already cached, nothing is sent.
    let (rc, stdout, _) = flt(&["cache", "local", "--deployments", d], &node, &key);
    assert_eq!(rc, 0);
    assert_eq!(stdout.matches(": already cached (ArbWasmCache.codehashIsCached(").count(), 4, "{stdout}");
    assert_eq!(nonce(&node, dev::address(0)), after_deploy + 4);

    // ./flt activate local: all four current, nothing sent.
    let (rc, stdout, stderr) = flt(&["activate", "local", "--deployments", d], &node, &key);
    assert_eq!(rc, 0, "{stdout}\n{stderr}");
    for p in Program::ORDER {
        assert!(
            stdout.contains(&format!("  {} {}: up to date (version 2, programTimeLeft ", p.name(), deployed.of(p))),
            "{stdout}"
        );
    }
    assert_eq!(nonce(&node, dev::address(0)), after_deploy + 4);

    // ./flt verify local: the read-back again, no key needed.
    let (rc, stdout, stderr) = flt(&["verify", "local", "--deployments", d], &node, Path::new(""));
    assert_eq!(rc, 0, "{stdout}\n{stderr}");
    assert_eq!(stdout.matches("  ok        ").count(), 18, "{stdout}");
}

#[test]
fn an_expired_program_is_re_activated_the_way_flt_activate_does_it() {
    let node = node();
    let client = Client::new(&node.url);
    let dir = temp_dir("expiry");
    let key = key_file(&dir, dev::KEYS[0]);
    let plan = plan(local(), None, &dir);
    let deployed = deploy::run(&plan, &mut Rpc::connect(&node.url, Some(&key)).unwrap()).expect("deploys");
    let stylus = stylus_version(&client);
    let token = deployed.token;
    assert_eq!(program_version(&client, token), Ok(stylus));
    let left = client.call(ARB_WASM, &ArbWasm::programTimeLeftCall { program: token }).secs;

    // A day past ArbWasm's expiry (365 days by default).
    let expiry = u64::from(client.call(ARB_WASM, &ArbWasm::expiryDaysCall {}).days_) * 86_400;
    assert_eq!(expiry, 365 * 86_400);
    node.mine_at(node.timestamp().unwrap() + expiry + 86_400).unwrap();
    for (p, at) in addresses(&deployed) {
        let err = program_version(&client, at).expect_err("expired");
        let age: u64 = err
            .strip_prefix("ProgramExpired(ageInSeconds ")
            .and_then(|a| a.strip_suffix(')'))
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("{}: expected ProgramExpired, got {err}", p.name()));
        assert!(age > expiry, "{}: age {age}", p.name());
    }
    let Err(expired) = client.try_call(Address::ZERO, ARB_WASM, &ArbWasm::programTimeLeftCall { program: token })
    else {
        panic!("programTimeLeft of an expired program must revert")
    };
    let why = stylus::explain(&Failed { data: Some(expired.data.to_vec()), message: expired.message });
    assert!(why.starts_with("ProgramExpired(ageInSeconds "), "{why}");
    // nitro refuses calls into an expired program; arbos-anvil still runs
    // them (it also runs programs never activated): ArbWasm's answers above
    // are what shows the expiry on this node.
    let name = client.try_call(Address::ZERO, token, &FLToken::nameCall {});
    assert!(name.is_ok(), "arbos-anvil does not enforce expiry on calls; if it now does, assert the revert here");

    let before = nonce(&node, dev::address(0));
    let deployments = dir.to_str().unwrap();
    let (rc, stdout, stderr) = flt(&["activate", "local", "--deployments", deployments], &node, &key);
    assert_eq!(rc, 0, "{stdout}\n{stderr}");
    assert_eq!(nonce(&node, dev::address(0)), before + 4, "one activateProgram per program");
    for (p, at) in addresses(&deployed) {
        let reason = stdout
            .lines()
            .find(|l| l.starts_with(&format!("  {} {at}: ProgramExpired(ageInSeconds ", p.name())))
            .unwrap_or_else(|| panic!("{}: {stdout}", p.name()));
        assert!(reason.ends_with("; re-activating"), "{reason}");
        let done = stdout
            .lines()
            .find(|l| l.starts_with(&format!("  {}: activated, version {stylus}, data fee 0 wei (tx ", p.name())))
            .unwrap_or_else(|| panic!("{}: {stdout}", p.name()));
        let hash = done.split("(tx ").nth(1).unwrap().split(')').next().unwrap();
        let activated = activations(&receipt(&node, hash));
        assert_eq!(activated.len(), 1);
        assert_eq!((activated[0].program, activated[0].version), (at, stylus));
        assert_eq!(activated[0].codehash, keccak256(code(&node, at)));
        assert_eq!(program_version(&client, at), Ok(stylus), "{} active again", p.name());
    }
    // The lifetime restarted: programTimeLeft answers again. (arbos-anvil
    // answers the program's age where nitro answers expiry - age, so the
    // value is only bounded here.)
    let renewed = client.call(ARB_WASM, &ArbWasm::programTimeLeftCall { program: token }).secs;
    assert!(renewed <= expiry, "{renewed}");
    assert!(left <= expiry, "{left}");
    assert_eq!(client.call(token, &FLToken::nameCall {})._0, "Federated Learning Token");

    // A second run finds all four current and sends nothing.
    let (rc, stdout, _) = flt(&["activate", "local", "--deployments", deployments], &node, &key);
    assert_eq!(rc, 0);
    assert_eq!(stdout.matches(": up to date (version 2, programTimeLeft ").count(), 4, "{stdout}");
    assert_eq!(nonce(&node, dev::address(0)), before + 4);
}

/// A run that must stop before its first transaction with `expect`.
fn refused(node: &Node, plan: &Plan, key: &str, expect: &str) {
    let sender: Address = key.parse::<alloy_signer_local::PrivateKeySigner>().unwrap().address();
    let before = nonce(node, sender);
    let key_path = key_file(plan.record.parent().unwrap(), key);
    let mut chain = Rpc::connect(&node.url, Some(&key_path)).unwrap();
    let err = deploy::run(plan, &mut chain).unwrap_err();
    assert_eq!(err, expect);
    assert_eq!(nonce(node, sender), before, "nothing was sent");
    assert!(!plan.record.exists(), "nothing recorded");
}

#[test]
fn a_config_for_another_chain_is_refused_before_any_transaction() {
    let node = node();
    let text = std::fs::read_to_string(root().join("deploy/networks/local.toml")).unwrap();
    let devnet = config::parse("devnet", &text.replace("chain_id = 412346", "chain_id = 31337"), GENESIS_TIME).unwrap();
    refused(
        &node,
        &plan(devnet, None, &temp_dir("chain")),
        dev::KEYS[0],
        "the node at $FLT_LOCAL_RPC is chain 412346, but devnet is chain 31337; nothing was sent",
    );
}

#[test]
fn a_chain_without_the_stylus_deployer_is_refused_before_any_transaction() {
    let node = node();
    node.set_code(STYLUS_DEPLOYER, &[]).unwrap();
    assert!(code(&node, STYLUS_DEPLOYER).is_empty());
    refused(
        &node,
        &plan(local(), Some(Cache::Owner), &temp_dir("nodeployer")),
        dev::KEYS[0],
        &format!("no Stylus deployer at {STYLUS_DEPLOYER} on this chain; nothing was sent"),
    );
}

#[test]
fn a_deployer_without_funds_is_refused_before_any_transaction() {
    let node = node();
    node.set_balance(dev::address(9), U256::ZERO).unwrap();
    refused(
        &node,
        &plan(local(), None, &temp_dir("nofunds")),
        dev::KEYS[9],
        &format!(
            "deployer {} holds 0 wei, not more than the 0 wei of data fees (plus gas); nothing was sent",
            dev::address(9)
        ),
    );
}

#[test]
fn caching_as_owner_by_a_deployer_who_is_no_chain_owner_is_refused_before_any_transaction() {
    let node = node();
    refused(
        &node,
        &plan(local(), Some(Cache::Owner), &temp_dir("notowner")),
        dev::KEYS[5],
        &format!(
            "the deployer {} is not a chain owner (ArbOwnerPublic.isChainOwner = false), so ArbWasmCache.cacheProgram would refuse it; bid instead (cache.bid_wei); nothing was sent",
            dev::address(5)
        ),
    );
    // A bid needs a cache manager, and this node has none.
    refused(
        &node,
        &plan(local(), Some(Cache::Bid(1)), &temp_dir("nomanager")),
        dev::KEYS[0],
        "this chain has no cache manager (ArbWasmCache.allCacheManagers() is empty): a bid cannot be placed; cache as a chain owner instead ([cache] owner = true); nothing was sent",
    );
}

// --- Programs the chain refuses -----------------------------------------

fn leb(bytes: &[u8], at: &mut usize) -> u32 {
    let mut value = 0u32;
    for shift in (0..35).step_by(7) {
        let b = bytes[*at];
        *at += 1;
        value |= u32::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            break;
        }
    }
    value
}

fn put_leb(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        out.push(if v == 0 { b } else { b | 0x80 });
        if v == 0 {
            return;
        }
    }
}

/// `(id, contents)` of each section.
fn sections(wasm: &[u8]) -> Vec<(u8, Vec<u8>)> {
    let mut at = 8;
    let mut out = Vec::new();
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let len = leb(wasm, &mut at) as usize;
        out.push((id, wasm[at..at + len].to_vec()));
        at += len;
    }
    out
}

fn module(sections: &[(u8, Vec<u8>)]) -> Vec<u8> {
    let mut out = b"\0asm\x01\0\0\0".to_vec();
    for (id, contents) in sections {
        out.push(*id);
        put_leb(&mut out, contents.len() as u32);
        out.extend(contents);
    }
    out
}

/// `wasm` with a DataCount section (id 12, what `wasm-opt
/// --enable-bulk-memory` writes) before its code section, counting its
/// data segments (none: the pipeline turns the data into code, and nitro
/// refuses the section id whatever it counts): otherwise the same program.
fn with_data_count(wasm: &[u8]) -> Vec<u8> {
    let mut s = sections(wasm);
    let count = s.iter().find(|(id, _)| *id == 11).map_or(0, |(_, data)| leb(data, &mut 0));
    let mut contents = Vec::new();
    put_leb(&mut contents, count);
    let code = s.iter().position(|(id, _)| *id == 10).expect("a code section");
    s.insert(code, (12, contents));
    module(&s)
}

/// `wasm` with `f32.const 0; drop` at the start of its first function:
/// otherwise the same program.
fn with_float(wasm: &[u8]) -> Vec<u8> {
    let mut s = sections(wasm);
    let code = s.iter_mut().find(|(id, _)| *id == 10).expect("a code section");
    let old = std::mem::take(&mut code.1);
    let mut at = 0;
    let count = leb(&old, &mut at);
    let body_len = leb(&old, &mut at) as usize;
    let body = &old[at..at + body_len];
    let rest = &old[at + body_len..];
    // Locals: a vector of (count, type).
    let mut l = 0;
    for _ in 0..leb(body, &mut l) {
        leb(body, &mut l);
        l += 1;
    }
    let mut new_body = body[..l].to_vec();
    new_body.extend([0x43, 0, 0, 0, 0, 0x1a]); // f32.const 0, drop
    new_body.extend(&body[l..]);
    let mut contents = Vec::new();
    put_leb(&mut contents, count);
    put_leb(&mut contents, new_body.len() as u32);
    contents.extend(new_body);
    contents.extend(rest);
    code.1 = contents;
    module(&s)
}

#[test]
fn a_program_the_chain_will_not_activate_fails_the_activation_check_before_any_transaction() {
    let node = node();
    let dir = temp_dir("refused");
    let key = key_file(&dir, dev::KEYS[0]);
    let mut chain = Rpc::connect(&node.url, Some(&key)).unwrap();
    let wasm = std::fs::read(root().join("target/stylus/FLToken.wasm")).unwrap();

    // The real program passes, at this node's data fee of 0.
    assert_eq!(deploy::activation_fee(&mut chain, &program_code(&wasm), "FLToken"), Ok(U256::ZERO));
    // The same program with one DataCount section: nitro's parser refuses
    // the section, and the node reports the failed activation as out of gas.
    let bad = with_data_count(&wasm);
    assert_eq!(sections(&bad).len(), sections(&wasm).len() + 1);
    let err = deploy::activation_fee(&mut chain, &program_code(&bad), "FLToken").unwrap_err();
    assert_eq!(
        err,
        "FLToken: this chain refuses to activate it: RPC: server returned an error response: error code -32603: EVM error OutOfGas; nothing was sent"
    );
    // In a whole run it stops at FLToken's check: FLTRewards' passed, nothing sent.
    let mut plan = plan(local(), None, &temp_dir("refused-run"));
    let token = plan.artifacts.iter_mut().find(|a| a.program == Program::Token).unwrap();
    *token = Artifact { code: program_code(&bad), wasm_hash: keccak256(&bad), ..token.clone() };
    refused(&node, &plan, dev::KEYS[0], &err);
    // The build's own check refuses it first, naming the section.
    assert!(validate(&bad).unwrap_err().contains("DataCount"), "{:?}", validate(&bad));
}

#[test]
fn a_float_op_passes_activation_so_the_artifact_check_is_what_refuses_it() {
    // Nitro parses floats and prices float operators at infinite ink: a
    // float program activates, and fails only when a float op runs. The
    // artifact check (tools/artifacts, run again by flt-deploy before any
    // connection) is what keeps one from being deployed.
    let node = node();
    let key = key_file(&temp_dir("float"), dev::KEYS[0]);
    let mut chain = Rpc::connect(&node.url, Some(&key)).unwrap();
    let wasm = std::fs::read(root().join("target/stylus/FLToken.wasm")).unwrap();
    let float = with_float(&wasm);
    assert_eq!(float.len(), wasm.len() + 6);
    assert_eq!(deploy::activation_fee(&mut chain, &program_code(&float), "FLToken"), Ok(U256::ZERO));
    let refused = validate(&float).unwrap_err();
    assert!(refused.contains("FLToken.wasm: Stylus would refuse it: ") && refused.contains("F32Const"), "{refused}");
}

/// `wasm` with a custom section of `noise` incompressible bytes at the end:
/// the same program, larger.
fn with_noise(wasm: &[u8], noise: usize) -> Vec<u8> {
    let mut s = sections(wasm);
    let mut contents = b"\x05noise".to_vec();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    contents.extend((0..noise).map(|_| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x as u8
    }));
    s.push((0, contents));
    module(&s)
}

#[test]
fn a_program_over_one_contract_is_refused_by_the_size_gate_and_by_the_node() {
    let node = node();
    let dir = temp_dir("too-large");
    let key = key_file(&dir, dev::KEYS[0]);
    let wasm = std::fs::read(root().join("target/stylus/FLToken.wasm")).unwrap();
    let big = with_noise(&wasm, 8_000);
    let code = program_code(&big);
    assert!(code.len() > 24_576, "{} B", code.len());
    // flt-deploy's size gate refuses it by name, with its size.
    let gate = validate(&big).unwrap_err();
    assert!(
        gate.contains("FLToken.wasm: over the size budget: ")
            && gate.contains(&format!(" + 4 B prefix = {} B does not fit one contract (24576 B): ", code.len())),
        "{gate}"
    );
    // The node's own limit is the standard one: the same code as a plain
    // contract creation is refused, the real program's is not.
    let estimate = |code: &[u8]| {
        let data = format!("0x{}", alloy_primitives::hex::encode(init_code(code)));
        node.rpc("eth_estimateGas", json!([{ "from": dev::address(0), "data": data }]))
    };
    let err = estimate(&code).unwrap_err();
    assert!(err.contains("CreateContractSizeLimit"), "{err}");
    assert!(estimate(&program_code(&wasm)).is_ok());
    // With the gate bypassed, the Stylus deployer cannot create it either:
    // FLTRewards deploys, FLToken's creation reverts with the deployer's
    // `ContractDeploymentError(bytecode)` (in the gas estimate: not sent).
    let mut plan = plan(local(), None, &dir);
    let token = plan.artifacts.iter_mut().find(|a| a.program == Program::Token).unwrap();
    *token = Artifact { code, wasm_hash: keccak256(&big), ..token.clone() };
    let mut chain = Rpc::connect(&node.url, Some(&key)).unwrap();
    let err = deploy::run(&plan, &mut chain).unwrap_err();
    let selector = alloy_primitives::hex::encode(&keccak256("ContractDeploymentError(bytes)")[..4]);
    assert!(
        err.starts_with(&format!(
            "RPC: server returned an error response: error code 3: execution reverted: custom error 0x{selector}"
        )),
        "{}",
        &err[..err.len().min(300)]
    );
    assert_eq!(nonce(&node, dev::address(0)), 1, "FLTRewards' deployment only");
    let record: Value = serde_json::from_str(&std::fs::read_to_string(&plan.record).unwrap()).unwrap();
    let whats: Vec<&str> =
        record["transactions"].as_array().unwrap().iter().map(|t| t["what"].as_str().unwrap()).collect();
    assert_eq!(whats, ["FLTRewards"], "{err}");
    assert!(record["contracts"]["FLToken"]["address"].is_null(), "{err}");
}

/// The build's own activation check (tools/artifacts) on `wasm` as
/// FLToken, reached through flt-deploy's artifact loader.
fn validate(wasm: &[u8]) -> Result<(), String> {
    let dir = temp_dir("validate");
    for p in Program::ORDER {
        let real = std::fs::read(root().join(format!("target/stylus/{}.wasm", p.name()))).unwrap();
        std::fs::write(dir.join(format!("{}.wasm", p.name())), if p == Program::Token { wasm.to_vec() } else { real })
            .unwrap();
    }
    artifacts::load(&dir).map(drop).map_err(|r| r.to_string())
}
