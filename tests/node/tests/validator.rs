//! flt-validator end to end on the node: the client process reads
//! evaluation lines, checks them, records them in batches and journals each
//! step; it is killed and restarted.
//!
//! What it proves:
//! - a round with good lines, an invalid line, a duplicate id, an
//!   unregistered and a banned contributor and an id already on chain: the good ones are
//!   recorded in several batches sized to the gas budget (each item's
//!   `ContributionRecorded` with its values, once), the others are reported
//!   by line and reason and change nothing on chain; the per-round summary
//!   counts them, sums the receipts' gas and names the epoch; a second run
//!   of the same input sends nothing;
//! - killed between sending and mining (the node not mining), then
//!   restarted: the journaled transaction is awaited, the rest sent with the
//!   next nonce, every id recorded exactly once, nothing dropped;
//! - killed after journaling a signed transaction and before broadcasting
//!   it: the restart broadcasts the same bytes (same hash, same nonce);
//! - `--watch DIR` records a round file as it appears, reads only complete
//!   lines (a half-written line waits, is not refused), ignores other
//!   files; `-` reads stdin;
//! - `--dry-run` prints the batches and their calldata (selector
//!   0x58b7cc6a, the tuple's) and sends nothing, writes no journal;
//! - refusals before anything is sent, each with its message and nothing
//!   changed: no key file, a key on the command line, a key that is not a
//!   validator, a config whose chain id is not the node's; a batch the
//!   contract refuses as a whole (a pause) stops the client with the
//!   contract's error and keeps the items for the next run.

use std::{
    io::{BufRead, BufReader},
    process::Stdio,
    time::{Duration, Instant},
};

use alloy_primitives::{keccak256, Address, B256};
use alloy_sol_types::SolCall;
use flt_node_tests::{
    abi::{FLTCouncil, FLTRewards},
    flows::{self, account, register},
    system::{fresh, role, System},
    validator::{line, nonce, read_records, recorded_events, Workdir},
};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_flt-validator-e2e");

fn id(tag: &str, n: u64) -> B256 {
    keccak256(format!("validator.rs {tag} {n}"))
}

/// `isRecorded(id)` at the latest block (anvil answers a call without a
/// block from its pending state, which includes the pool).
fn recorded(sys: &System, id: B256) -> bool {
    let data = alloy_primitives::Bytes::from(FLTRewards::isRecordedCall { contributionId: id }.abi_encode());
    let out = sys.node.rpc("eth_call", json!([{ "to": sys.rewards, "data": data }, "latest"])).expect("isRecorded");
    let out: alloy_primitives::Bytes = out.as_str().expect("hex").parse().expect("bytes");
    FLTRewards::isRecordedCall::abi_decode_returns(&out, true).expect("bool")._0
}

/// The node mines only on `evm_mine` while this lives; automine is back
/// when it drops, also when the test fails (the next tests need it).
struct ManualMining<'a>(&'a System);

impl<'a> ManualMining<'a> {
    fn start(sys: &'a System) -> ManualMining<'a> {
        sys.node.rpc("evm_setAutomine", json!([false])).expect("manual mining");
        ManualMining(sys)
    }
}

impl Drop for ManualMining<'_> {
    fn drop(&mut self) {
        let _ = self.0.node.rpc("evm_setAutomine", json!([true]));
    }
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `n` fresh registered contributors.
fn contributors(sys: &System, from: u64, n: u64) -> Vec<Address> {
    (from..from + n)
        .map(|i| {
            let who = account(sys, i);
            register(sys, who);
            who
        })
        .collect()
}

fn round_of(report: &Value, round: u64) -> Value {
    report["rounds"]
        .as_array()
        .expect("rounds")
        .iter()
        .find(|r| r["round"] == json!(round))
        .unwrap_or_else(|| panic!("round {round} in {report}"))
        .clone()
}

fn gas_of(sys: &System, tx: &str) -> u64 {
    let r = sys.node.rpc("eth_getTransactionReceipt", json!([tx])).expect("receipt");
    assert_eq!(r["status"], json!("0x1"), "{tx} succeeded");
    u64::from_str_radix(r["gasUsed"].as_str().expect("gasUsed").trim_start_matches("0x"), 16).expect("hex")
}

/// How many times each id was recorded on the chain.
fn times_recorded(sys: &System, ids: &[B256]) -> Vec<usize> {
    let events = recorded_events(sys);
    ids.iter().map(|i| events.iter().filter(|e| e.contributionId == *i).count()).collect()
}

#[test]
fn records_a_round_in_batches_and_reports_what_it_skipped_and_refused() {
    let sys = fresh();
    let work = Workdir::new(BIN, &sys, "round");
    let who = contributors(&sys, 100, 7);
    let stranger = account(&sys, 199); // never registers
                                       // who[6] is banned by the council (kind 2, two of three signers).
    let data = alloy_primitives::Bytes::from(alloy_sol_types::SolValue::abi_encode(&who[6]));
    flt_node_tests::govern::council_act(&sys, role::SIGNERS[0], role::SIGNERS[1], 2, data);
    assert!(sys.client.call(sys.rewards, &FLTRewards::contributorInfoCall { contributor: who[6] })._1, "banned");
    let ids: Vec<B256> = (0..6).map(|n| id("round", n)).collect();
    // ids[5] is recorded before the client runs.
    flows::record_batch(
        &sys,
        vec![FLTRewards::Contribution {
            contributor: who[5],
            contributionId: ids[5],
            previousAccuracy: 800_000,
            newAccuracy: 800_000,
        }],
    );
    let unregistered = id("round", 50);
    let accuracies =
        [(800_000, 805_000), (805_000, 805_000), (805_000, 790_000), (790_000, 801_000), (801_000, 1_000_000)];
    let mut lines: Vec<String> = (0..5).map(|i| line(who[i], ids[i], accuracies[i].0, accuracies[i].1, 7)).collect();
    lines.push(line(who[5], ids[5], 800_000, 801_000, 7)); // line 6: already on chain
    lines.push(line(stranger, unregistered, 800_000, 801_000, 7)); // line 7
    lines.push(line(who[0], ids[0], 1, 2, 7)); // line 8: duplicate id of line 1
    lines.push(line(who[1], id("round", 60), 800_000, 1_000_001, 7)); // line 9: out of range
    let banned = id("round", 70);
    lines.push(line(who[6], banned, 800_000, 801_000, 7)); // line 10: banned contributor
    let input = work.dir.join("round-7.jsonl");
    std::fs::write(&input, lines.join("\n") + "\n").expect("input");
    let stranger_before = sys.client.call(sys.rewards, &FLTRewards::contributorInfoCall { contributor: stranger });
    let nonce_before = nonce(&sys, flows::validator(&sys));

    // A budget that fits two items (~300k gas with the headroom): 3 batches.
    let out = work.run(&sys, &["--gas-budget", "400000", input.to_str().expect("path")]);
    assert!(out.status.success(), "exit 0: {}", stderr(&out));
    let text = stdout(&out);
    let source = input.display().to_string();
    assert!(text.contains(&format!("skipped {source}:6: contribution {} already recorded on chain", ids[5])), "{text}");
    assert!(
        text.contains(&format!(
            "refused {source}:7: contribution {unregistered}: contributor not registered ({stranger})"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("refused {source}:10: contribution {banned}: contributor banned ({})", who[6])),
        "{text}"
    );
    assert!(
        text.contains(&format!("refused {source}:8: contribution id {} was already read from {source}:1", ids[0])),
        "{text}"
    );
    assert!(
        text.contains(&format!("refused {source}:9: accuracy_after_ppm 1000001 is above 1000000 (100 % in ppm)")),
        "{text}"
    );

    // On chain: the five good ids once each, with the values of their lines.
    assert_eq!(times_recorded(&sys, &ids), vec![1, 1, 1, 1, 1, 1], "each id recorded once (ids[5] by the test)");
    let events = recorded_events(&sys);
    for i in 0..5 {
        let e = events.iter().find(|e| e.contributionId == ids[i]).expect("event");
        assert_eq!(e.contributor, who[i]);
        assert_eq!(e.validator, flows::validator(&sys));
        assert_eq!(e.epoch, 0);
        assert_eq!(e.impact, i64::from(accuracies[i].1) - i64::from(accuracies[i].0), "impact of line {}", i + 1);
        assert_eq!(e.severe, i == 2, "a 1.5 pp drop is severe");
    }
    assert!(!recorded(&sys, unregistered) && !recorded(&sys, id("round", 60)) && !recorded(&sys, banned));
    assert_eq!(
        sys.client.call(sys.rewards, &FLTRewards::contributorInfoCall { contributor: stranger }),
        stranger_before
    );

    // The summary: three batches, their gas, epoch 0.
    let report = work.last_report();
    let r = round_of(&report, 7);
    assert_eq!(r["recorded"], json!(5));
    assert_eq!(r["skipped"], json!({ "already recorded on chain": 1 }));
    assert_eq!(r["refused"], json!({ "contributor banned": 1, "contributor not registered": 1 }));
    assert_eq!(r["epochs"], json!([0]));
    let txs: Vec<String> =
        r["transactions"].as_array().expect("txs").iter().map(|t| t.as_str().expect("hash").to_string()).collect();
    assert_eq!(txs.len(), 3, "5 items in batches of at most 2 under a 400k budget: {r}");
    assert_eq!(r["gas_used"], json!(txs.iter().map(|t| gas_of(&sys, t)).sum::<u64>()));
    assert_eq!(report["invalid"].as_array().expect("invalid").len(), 2, "lines 8 and 9");
    assert!(text.contains("round 7: recorded 5, skipped 1 (1 already recorded on chain), refused 2 (1 contributor banned; 1 contributor not registered), gas used"), "{text}");
    assert_eq!(nonce(&sys, flows::validator(&sys)), nonce_before + 3);

    // Run again: everything is done per the journal; nothing is sent.
    let out = work.run(&sys, &[input.to_str().expect("path")]);
    assert!(out.status.success());
    assert_eq!(nonce(&sys, flows::validator(&sys)), nonce_before + 3, "no transaction the second time");
    assert_eq!(round_of(&work.last_report(), 7)["done_before"], json!(8), "5 mined, 1 skipped, 2 refused");
    assert_eq!(times_recorded(&sys, &ids), vec![1; 6]);
}

/// Reads the client's stdout; mines a block each time it waits for
/// transactions (the node does not mine by itself); returns its output.
fn mine_while_waiting(sys: &System, mut child: std::process::Child) -> (bool, String) {
    let reader = BufReader::new(child.stdout.take().expect("stdout"));
    let mut text = String::new();
    for l in reader.lines() {
        let l = l.expect("line");
        text += &l;
        text.push('\n');
        if l.starts_with("waiting for") {
            std::thread::sleep(Duration::from_millis(300));
            sys.node.rpc("evm_mine", json!([])).expect("evm_mine");
        }
    }
    let status = child.wait().expect("exit");
    (status.success(), text)
}

#[test]
fn a_kill_between_sending_and_mining_neither_drops_nor_doubles() {
    let sys = fresh();
    let work = Workdir::new(BIN, &sys, "kill");
    let who = contributors(&sys, 200, 6);
    let ids: Vec<B256> = (0..6).map(|n| id("kill", n)).collect();
    let lines: Vec<String> = (0..6).map(|i| line(who[i], ids[i], 800_000, 802_000, 1)).collect();
    let input = work.dir.join("round-1.jsonl");
    std::fs::write(&input, lines.join("\n") + "\n").expect("input");
    let validator = flows::validator(&sys);
    let nonce_before = nonce(&sys, validator);

    let manual = ManualMining::start(&sys);
    let mut child = work
        .command(&sys, &["--gas-budget", "400000", input.to_str().expect("path")])
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn");
    // Kill it once a journaled transaction is in the node's pool.
    let deadline = Instant::now() + Duration::from_secs(60);
    let first = loop {
        let sent: Vec<Value> = work.records().into_iter().filter(|r| r["event"] == "sent").collect();
        if let Some(tx) = sent.first().map(|r| r["tx"].as_str().expect("tx").to_string()) {
            let known = sys.node.rpc("eth_getTransactionByHash", json!([tx])).expect("by hash");
            if !known.is_null() {
                assert!(known["blockNumber"].is_null(), "still in the pool, not mined");
                break tx;
            }
        }
        assert!(Instant::now() < deadline, "no transaction sent in 60 s");
        std::thread::sleep(Duration::from_millis(20));
    };
    child.kill().expect("kill");
    child.wait().expect("reaped");
    assert!(!recorded(&sys, ids[0]), "nothing mined before the restart");
    let sent_before_restart = work.records().iter().filter(|r| r["event"] == "sent").count();
    assert!(sent_before_restart >= 1);

    // Restart with the node still not mining: it waits for the journaled
    // transaction(s), sends the rest with the next nonces; we mine.
    let child = work
        .command(&sys, &["--gas-budget", "400000", input.to_str().expect("path")])
        .stdout(Stdio::piped())
        .spawn()
        .expect("respawn");
    let (ok, text) = mine_while_waiting(&sys, child);
    drop(manual);
    eprintln!("killed after {sent_before_restart} journaled transaction(s); the restarted client said:\n{text}");
    assert!(ok, "the restarted client finished: {text}");
    assert!(text.contains("waiting for") && text.contains(&first), "it resumed {first}: {text}");

    // Nothing dropped, nothing twice.
    assert_eq!(times_recorded(&sys, &ids), vec![1; 6], "{text}");
    let records = work.records();
    let sent: Vec<&Value> = records.iter().filter(|r| r["event"] == "sent").collect();
    let mut sent_ids: Vec<&str> =
        sent.iter().flat_map(|r| r["ids"].as_array().expect("ids").iter().map(|i| i.as_str().expect("id"))).collect();
    sent_ids.sort();
    let mut want: Vec<String> = ids.iter().map(B256::to_string).collect();
    want.sort();
    assert_eq!(sent_ids, want, "each id in exactly one journaled transaction");
    assert_eq!(nonce(&sys, validator), nonce_before + sent.len() as u64, "one nonce per journaled transaction");
    let nonces: Vec<u64> = sent.iter().map(|r| r["nonce"].as_u64().expect("nonce")).collect();
    assert_eq!(nonces, (nonce_before..nonce_before + sent.len() as u64).collect::<Vec<_>>(), "nonces in a row");
    let mined = records.iter().filter(|r| r["event"] == "mined").count();
    assert_eq!(mined, sent.len(), "every journaled transaction's outcome journaled");

    // A third run has nothing to do.
    let out = work.run(&sys, &[input.to_str().expect("path")]);
    assert!(out.status.success());
    assert_eq!(nonce(&sys, validator), nonce_before + sent.len() as u64);
    assert_eq!(round_of(&work.last_report(), 1)["done_before"], json!(6));
}

#[test]
fn a_crash_after_journaling_and_before_broadcasting_sends_the_same_transaction() {
    let sys = fresh();
    let work = Workdir::new(BIN, &sys, "crash");
    let who = contributors(&sys, 300, 2);
    let ids: Vec<B256> = (0..2).map(|n| id("crash", n)).collect();
    let input = work.dir.join("r.jsonl");
    std::fs::write(&input, format!("{}\n{}\n", line(who[0], ids[0], 1, 2, 3), line(who[1], ids[1], 2, 3, 3)))
        .expect("input");
    let validator = flows::validator(&sys);
    let nonce_before = nonce(&sys, validator);

    let out = work
        .command(&sys, &[input.to_str().expect("path")])
        .env("FLT_VALIDATOR_TEST_CRASH", "before-broadcast")
        .output()
        .expect("run");
    assert!(!out.status.success(), "aborted");
    assert!(stderr(&out).contains("aborting before broadcasting"), "{}", stderr(&out));
    let sent: Vec<Value> = work.records().into_iter().filter(|r| r["event"] == "sent").collect();
    assert_eq!(sent.len(), 1);
    let tx = sent[0]["tx"].as_str().expect("tx").to_string();
    assert!(sys.node.rpc("eth_getTransactionByHash", json!([tx])).expect("by hash").is_null(), "never broadcast");
    assert_eq!(nonce(&sys, validator), nonce_before);

    let out = work.run(&sys, &[input.to_str().expect("path")]);
    assert!(out.status.success());
    assert!(
        stdout(&out).contains(&format!("re-broadcast {tx} (nonce {nonce_before}) from the journal")),
        "{}",
        stdout(&out)
    );
    assert!(gas_of(&sys, &tx) > 0, "the journaled transaction itself was mined");
    assert_eq!(times_recorded(&sys, &ids), vec![1, 1]);
    assert_eq!(nonce(&sys, validator), nonce_before + 1, "one transaction");
    assert_eq!(round_of(&work.last_report(), 3)["recorded"], json!(2));
}

#[test]
fn dry_run_prints_batches_and_calldata_and_sends_nothing() {
    let sys = fresh();
    let work = Workdir::new(BIN, &sys, "dry");
    let who = contributors(&sys, 400, 3);
    let ids: Vec<B256> = (0..3).map(|n| id("dry", n)).collect();
    let input = work.dir.join("r.jsonl");
    let lines: Vec<String> = (0..3).map(|i| line(who[i], ids[i], 900_000, 900_100, 2)).collect();
    std::fs::write(&input, lines.join("\n") + "\n").expect("input");
    let nonce_before = nonce(&sys, flows::validator(&sys));

    // Without a key: --from names the validator to estimate as.
    let out = work
        .command(&sys, &["--dry-run", "--from", &flows::validator(&sys).to_string(), input.to_str().expect("path")])
        .env_remove("FLT_VALIDATOR_KEY_FILE")
        .output()
        .expect("run");
    let text = stdout(&out);
    assert!(out.status.success(), "{text}{}", stderr(&out));
    assert!(text.contains("dry run: nothing is sent"));
    assert!(text.contains("batch 1 (round 2): 3 items, gas limit"), "{text}");
    assert!(text.contains(&format!("  {} {} 900000 -> 900100 ({}:1)", who[0], ids[0], input.display())), "{text}");
    let calldata = text.lines().find_map(|l| l.trim().strip_prefix("calldata 0x")).expect("calldata line");
    assert!(calldata.starts_with("58b7cc6a"), "the tuple selector: {calldata}");
    let items: Vec<FLTRewards::Contribution> = (0..3)
        .map(|i| FLTRewards::Contribution {
            contributor: who[i],
            contributionId: ids[i],
            previousAccuracy: 900_000,
            newAccuracy: 900_100,
        })
        .collect();
    let want = FLTRewards::recordContributionsCall { contributions: items }.abi_encode();
    assert_eq!(calldata, alloy_primitives::hex::encode(want), "the calldata a wallet would send");
    assert!(!work.journal().exists(), "a dry run writes no journal");
    assert!(ids.iter().all(|i| !recorded(&sys, *i)));
    assert_eq!(nonce(&sys, flows::validator(&sys)), nonce_before);
}

#[test]
fn refusals_before_sending_name_the_problem_and_change_nothing() {
    let sys = fresh();
    let who = contributors(&sys, 500, 1);
    let the_id = id("refuse", 0);
    let validator = flows::validator(&sys);
    let nonce_before = nonce(&sys, validator);
    let work = Workdir::new(BIN, &sys, "refuse");
    let input = work.dir.join("r.jsonl");
    std::fs::write(&input, line(who[0], the_id, 1, 2, 1) + "\n").expect("input");
    let path = input.to_str().expect("path");
    let unchanged = |sys: &System| {
        assert!(!recorded(sys, the_id), "nothing recorded");
        assert_eq!(nonce(sys, validator), nonce_before, "nothing sent by the validator");
    };

    let out = work.command(&sys, &[path]).env_remove("FLT_VALIDATOR_KEY_FILE").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("set $FLT_VALIDATOR_KEY_FILE to the path of the validator's key file; nothing was sent")
    );

    let out = work.run(&sys, &["--private-key", flt_node::dev::KEYS[3], path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--private-key is refused: put the key in a file and set $FLT_VALIDATOR_KEY_FILE"));

    std::fs::write(&work.key, "not a key").expect("bad key");
    let out = work.run(&sys, &[path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("validator key") && stderr(&out).contains("not a hex private key"));

    // Dev account 5 is no validator: refused before any transaction.
    let stranger = Workdir::with_key(BIN, &sys, "refuse-stranger", 5);
    let out = stranger.run(&sys, &[path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(&format!("{} is not a validator of FLTRewards {}", sys.at(5), sys.rewards)));
    assert_eq!(nonce(&sys, sys.at(5)), 0);

    // A config for another chain.
    let networks = work.dir.join("networks");
    std::fs::create_dir_all(&networks).expect("dir");
    let local = std::fs::read_to_string(sys.root.join("deploy/networks/local.toml")).expect("local.toml");
    std::fs::write(networks.join("other.toml"), local.replace("chain_id = 412346", "chain_id = 5")).expect("other");
    let good = Workdir::new(BIN, &sys, "refuse-chain");
    let out = good.run(&sys, &["--network", "other", "--networks", networks.to_str().expect("dir"), path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("the node at $FLT_LOCAL_RPC is chain 412346, but other is chain 5; nothing was sent"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    unchanged(&sys);

    // A pause: the batch is refused as a whole; the client stops with the
    // contract's error, and the item stays for the next run.
    sys.client.send(sys.at(role::SIGNERS[1]), sys.council, &FLTCouncil::pauseCall {});
    let paused = Workdir::new(BIN, &sys, "refuse-paused");
    let out = paused.run(&sys, &[path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("recordContributions refused: EnforcedPause"), "{}", stderr(&out));
    unchanged(&sys);
    let records = read_records(&paused.journal());
    assert_eq!(records.last().expect("journal")["event"], json!("checked"), "the item stays checked: {records:?}");
}

#[test]
fn watches_a_directory_for_new_rounds_and_reads_stdin() {
    let sys = fresh();
    let work = Workdir::new(BIN, &sys, "watch");
    let who = contributors(&sys, 600, 3);
    let ids: Vec<B256> = (0..3).map(|n| id("watch", n)).collect();
    let rounds = work.dir.join("rounds");
    std::fs::create_dir_all(&rounds).expect("dir");
    std::fs::write(rounds.join("round-1.jsonl"), line(who[0], ids[0], 1, 2, 1) + "\n").expect("round 1");
    std::fs::write(rounds.join("notes.txt"), "not a round file\n").expect("other file");
    let mut child = work
        .command(&sys, &["--watch", rounds.to_str().expect("path"), "--poll-ms", "100"])
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn");
    let wait_for = |what: &str, done: &dyn Fn() -> bool| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !done() {
            assert!(Instant::now() < deadline, "{what} within 30 s");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_for("round 1 recorded", &|| recorded(&sys, ids[0]));

    // A round file whose last line is still being written: the complete
    // line is recorded, the partial one waits (and is not refused).
    let partial = line(who[2], ids[2], 3, 4, 2);
    let (head, tail) = partial.split_at(20);
    std::fs::write(rounds.join("round-2.jsonl"), format!("{}\n{head}", line(who[1], ids[1], 2, 3, 2)))
        .expect("round 2");
    wait_for("round 2's complete line recorded", &|| recorded(&sys, ids[1]));
    std::thread::sleep(Duration::from_millis(500));
    assert!(!recorded(&sys, ids[2]));
    assert!(!work.records().iter().any(|r| r["event"] == "invalid"), "a half-written line is not refused");
    let mut f = std::fs::OpenOptions::new().append(true).open(rounds.join("round-2.jsonl")).expect("append");
    std::io::Write::write_all(&mut f, format!("{tail}\n").as_bytes()).expect("finish the line");
    drop(f);
    wait_for("the finished line recorded", &|| recorded(&sys, ids[2]));
    child.kill().expect("stop the watcher");
    child.wait().expect("reaped");
    assert_eq!(times_recorded(&sys, &ids), vec![1, 1, 1]);

    // stdin: `-`.
    let more = contributors(&sys, 650, 1);
    let from_stdin = id("watch", 9);
    let mut child = work.command(&sys, &["-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    std::io::Write::write_all(&mut stdin, (line(more[0], from_stdin, 5, 6, 4) + "\n").as_bytes()).expect("write");
    drop(stdin);
    let out = child.wait_with_output().expect("exit");
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(recorded(&sys, from_stdin));
    assert!(stdout(&out).contains("round 4: recorded 1, skipped 0, refused 0"), "{}", stdout(&out));
}
