//! A Flower network paid on the node: examples/flower runs a federated
//! round loop (Flower's Server and FedAvg, 10 clients training scikit-learn
//! logistic regressions on the digits data set: 7 honest, 2 poisoners with
//! shuffled labels, 1 free rider that sends the global model back
//! untouched); its strategy measures each update on a held-out set and
//! writes the JSON lines; flt-validator records them; time moves past the
//! epoch and its time lock; the contributors claim.
//!
//! What it proves:
//! - the strategy's evaluations reach the chain unchanged: 3 rounds x 10
//!   updates recorded, each once, with the accuracies Flower measured (the
//!   event's impact is after - before), all in epoch 0, the validator's
//!   summary saying so per round;
//! - every poisoned update is a severe drop (>= 1 pp) and counts for
//!   nothing: the poisoners are not eligible, their claims are refused
//!   with `FLTNotEligible(0, poisoner)` and change nothing;
//! - every honest client earns more than the free rider, who earns the
//!   floor and a share for neutral work, more than the poisoners' 0;
//! - the payouts are the epoch's allocation: what each claim paid plus
//!   what it returned (cap excess, dust) is what the epoch's close
//!   earmarked (min(pool, n x cap), SPEC v1.1) to the wei,
//!   the balances moved by the payouts, the reserve got the returns and
//!   nothing stays earmarked.
//!
//! The Python environment comes from examples/flower/setup.sh (idempotent:
//! about 2.5 minutes the first time on 2 cores, then instant).

use std::{path::PathBuf, process::Command};

use alloy_primitives::{Address, U256};
use flt_node_tests::{
    abi::FLTRewards,
    flows::{self, account, claims_open, refuse_rewards, register},
    system::fresh,
    validator::{recorded_events, Workdir},
};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_flt-validator-e2e");
const ROUNDS: u64 = 3;

fn python(root: &std::path::Path) -> PathBuf {
    let out = Command::new("bash")
        .arg(root.join("examples/flower/setup.sh"))
        .output()
        .expect("examples/flower/setup.sh runs");
    assert!(out.status.success(), "setup.sh failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    PathBuf::from(text.lines().last().expect("setup.sh prints the venv's python").trim())
}

#[test]
fn a_flower_network_is_paid_for_what_its_updates_did() {
    let sys = fresh();
    let work = Workdir::new(BIN, &sys, "flower");
    let behaviours: Vec<&str> = [vec!["honest"; 7], vec!["poisoner"; 2], vec!["free_rider"]].concat();
    let who: Vec<Address> = (0..behaviours.len() as u64).map(|i| account(&sys, 1_000 + i)).collect();
    for w in &who {
        register(&sys, *w);
    }
    let clients: Vec<Value> =
        who.iter().zip(&behaviours).map(|(w, b)| json!({ "address": w.to_string(), "behaviour": b })).collect();
    let clients_file = work.dir.join("clients.json");
    std::fs::write(&clients_file, serde_json::to_string_pretty(&clients).expect("json")).expect("clients.json");
    let rounds_dir = work.dir.join("rounds");

    // The Flower network: three rounds.
    let py = python(&sys.root);
    let out = Command::new(&py)
        .arg(sys.root.join("examples/flower/flower_network.py"))
        .args(["--clients", clients_file.to_str().expect("path")])
        .args(["--out", rounds_dir.to_str().expect("path")])
        .args(["--rounds", &ROUNDS.to_string(), "--seed", "7"])
        .output()
        .expect("flower_network.py runs");
    let log = String::from_utf8_lossy(&out.stderr);
    eprintln!("{}", log.lines().filter(|l| l.starts_with("round")).collect::<Vec<_>>().join("\n"));
    assert!(out.status.success(), "flower_network.py failed:\n{log}");
    let lines: Vec<Value> = (1..=ROUNDS)
        .flat_map(|r| {
            let text = std::fs::read_to_string(rounds_dir.join(format!("round-{r:03}.jsonl"))).expect("round file");
            text.lines().map(|l| serde_json::from_str::<Value>(l).expect("JSON line")).collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(lines.len(), (ROUNDS as usize) * who.len(), "one evaluation per client and round");

    // The validator records the directory the strategy wrote.
    let out = work.run(&sys, &["--watch", rounds_dir.to_str().expect("path"), "--once"]);
    assert!(out.status.success(), "flt-validator: {}", String::from_utf8_lossy(&out.stderr));
    let report = work.last_report();
    for r in 1..=ROUNDS {
        let round =
            report["rounds"].as_array().expect("rounds").iter().find(|x| x["round"] == json!(r)).expect("round");
        assert_eq!(round["recorded"], json!(who.len()), "round {r}: {round}");
        assert_eq!(round["epochs"], json!([0]), "round {r} landed in epoch 0");
        assert_eq!(round["refused"], json!({}));
        assert_eq!(round["skipped"], json!({}));
    }

    // On chain: each evaluation once, as Flower measured it.
    let events = recorded_events(&sys);
    assert_eq!(events.len(), lines.len(), "no duplicate, none dropped");
    for l in &lines {
        let id: alloy_primitives::B256 = l["contribution_id"].as_str().expect("id").parse().expect("b256");
        let e = events.iter().find(|e| e.contributionId == id).expect("recorded");
        let contributor: Address = l["contributor"].as_str().expect("address").parse().expect("address");
        assert_eq!(e.contributor, contributor);
        let before = l["accuracy_before_ppm"].as_i64().expect("ppm");
        let after = l["accuracy_after_ppm"].as_i64().expect("ppm");
        assert_eq!(e.impact, after - before);
        let i = who.iter().position(|w| *w == contributor).expect("a client");
        match behaviours[i] {
            "poisoner" => assert!(e.severe && e.impact <= -10_000, "a poisoned update is a severe drop: {e:?}"),
            "free_rider" => assert!(e.impact == 0 && !e.severe, "the untouched model changes nothing: {e:?}"),
            _ => assert!(!e.severe, "an honest update is never severe: {e:?}"),
        }
    }

    // Past the epoch and its time lock: everyone claims.
    let (reserve0, earmarked0) = flows::accounting(&sys);
    sys.warp(claims_open(&sys, 0));
    let info = sys.client.call(sys.rewards, &FLTRewards::epochInfoCall { epoch: 0 });
    let pool = info._5;
    assert!(info._7, "epoch 0 closed");
    assert_eq!(info._3, 8, "7 honest + the free rider eligible; the poisoners not");
    let (reserve1, earmarked1) = flows::accounting(&sys);
    assert_eq!((reserve1 + earmarked1), (reserve0 + earmarked0), "closing only earmarks the pool");
    let mut paid = vec![U256::ZERO; who.len()];
    let mut returned = U256::ZERO;
    for (i, w) in who.iter().enumerate() {
        if behaviours[i] == "poisoner" {
            assert_eq!(
                sys.client.call(sys.rewards, &FLTRewards::pendingRewardCall { contributor: *w, epoch: 0 })._0,
                U256::ZERO
            );
            let before = sys.balance(*w);
            refuse_rewards(
                &sys,
                *w,
                &FLTRewards::claimCall { epochs: vec![0] },
                FLTRewards::FLTNotEligible { epoch: 0, contributor: *w },
            );
            assert_eq!(sys.balance(*w), before, "a refused claim pays nothing");
            continue;
        }
        let pending = sys.client.call(sys.rewards, &FLTRewards::pendingRewardCall { contributor: *w, epoch: 0 })._0;
        let before = sys.balance(*w);
        let ev = flows::claim(&sys, *w, vec![0]).event::<FLTRewards::RewardClaimed>(sys.rewards);
        assert_eq!((ev.contributor, ev.epoch, ev.payout), (*w, 0, pending), "the claim pays what pendingReward said");
        assert_eq!(sys.balance(*w), before + ev.payout);
        paid[i] = ev.payout;
        returned += ev.returned;
    }
    eprintln!(
        "payouts (FLT): {}",
        who.iter()
            .zip(&behaviours)
            .zip(&paid)
            .map(|((_, b), p)| format!("{b} {}", p / U256::from(flt_node_tests::FLT)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let free_rider = paid[9];
    for (i, p) in paid.iter().enumerate().take(7) {
        assert!(*p > free_rider, "honest client {i} ({p}) earns more than the free rider ({free_rider})");
    }
    assert!(free_rider > U256::ZERO && paid[7] == U256::ZERO && paid[8] == U256::ZERO);
    // The epoch's allocation: what its close moved from the reserve to
    // `earmarked`, min(pool, n * maxAmt) (SPEC v1.1; maxShareBps 10 %).
    let allocation = earmarked1 - earmarked0;
    assert_eq!(allocation, pool.min(U256::from(info._3) * pool / U256::from(10u64)));
    let total: U256 = paid.iter().copied().sum();
    assert_eq!(total + returned, allocation, "payouts + returns = the epoch's allocation, to the wei");
    let (reserve2, earmarked2) = flows::accounting(&sys);
    assert_eq!(earmarked2, earmarked0, "nothing of epoch 0 stays earmarked");
    assert_eq!(reserve2, reserve1 + returned, "cap excess and dust back in the reserve");
    let info = sys.client.call(sys.rewards, &FLTRewards::epochInfoCall { epoch: 0 });
    assert_eq!(info._6, 8, "every eligible contributor claimed");
}
