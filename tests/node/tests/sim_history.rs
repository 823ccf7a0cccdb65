//! `flt-sim history` against the local Stylus node (issue 15, item 4): a
//! scripted fortnight is recorded on chain (a lone contributor earns and
//! stakes in week 0; four contributors, one of them staked, record eleven
//! updates in week 1, one of them severe), then the command line replays
//! the `ContributionRecorded` events read with paged `eth_getLogs`.
//!
//! What it proves:
//! - the event it decodes is FLTRewards' own (same signature);
//! - replayed with the chain's current parameters, every score (the stake
//!   multiplier recovered from the events) and every payout equals the
//!   chain's (`contributorEpoch`, `pendingReward`, the claimed payout);
//! - with a proposal (`--params maxShareBps=500`) each payout is
//!   `flt_scoring::allocate` of the chain's own epoch totals under the
//!   proposed cap, and the cap binds;
//! - pages of 1 block give the same table as pages of 10,000;
//! - a proposal outside the bounds and a missing deployment file are
//!   refused with messages that name them.

use alloy_primitives::{Address, U256};
use alloy_sol_types::SolEvent;
use flt_node_tests::{
    abi::{FLTRewards, FLToken},
    flows::{self, account, claims_open, earn, item, record_batch, BASE},
    system::fresh,
    FLT,
};

/// `flt-sim ARGS` as the binary runs them; the error as it prints it.
fn cli(args: &[&str]) -> Result<(), String> {
    let mut all = vec!["flt-sim".to_string()];
    all.extend(args.iter().map(|a| a.to_string()));
    flt_sim::cli::execute(flt_sim::cli::parse(all).expect("arguments")).map_err(|e| e.to_string())
}

/// history.csv rows: (epoch, contributor, score now, payout now, score proposed, payout proposed).
fn table(path: &std::path::Path) -> Vec<(u64, Address, U256, U256, U256, U256)> {
    let text = std::fs::read_to_string(path).expect("history.csv");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("epoch,contributor,score_current,payout_current,score_proposed,payout_proposed"));
    lines
        .map(|line| {
            // Numbers and addresses only: no quoting.
            let rec: Vec<&str> = line.split(',').collect();
            let n = |i: usize| rec[i].parse::<U256>().unwrap();
            (rec[0].parse().unwrap(), rec[1].parse().unwrap(), n(2), n(3), n(4), n(5))
        })
        .collect()
}

#[test]
fn history_replays_the_chain_and_previews_a_proposal() {
    assert_eq!(flt_sim::history::ContributionRecorded::SIGNATURE, FLTRewards::ContributionRecorded::SIGNATURE);
    let sys = fresh();
    let who: Vec<Address> = (0..4).map(|i| account(&sys, 7_700 + i)).collect();
    // Week 0: the lone contributor earns the cap, claims it in week 1 and
    // stakes 10,000 FLT for 3 months (1.2x).
    let (e0, paid0) = earn(&sys, who[0], 1);
    assert_eq!((e0, paid0), (0, U256::from(100_000 * FLT)));
    sys.client.send(who[0], sys.token, &FLToken::stakeCall { amount: U256::from(10_000 * FLT), tier: 1 });
    for w in &who[1..] {
        flows::register(&sys, *w);
    }
    // Week 1: eleven updates, one severe.
    let updates = [
        (0, 3_000),
        (0, 2_500),
        (0, 1_000),
        (1, 500),
        (1, 0),
        (1, 4_000),
        (2, 0),
        (2, 0),
        (3, -20_000),
        (3, 800),
        (3, 100),
    ];
    let items = updates
        .iter()
        .enumerate()
        .map(|(k, (i, d))| item(who[*i], 100 + k as u64, BASE, (BASE as i64 + d) as u32))
        .collect();
    record_batch(&sys, items);
    let (e1, _, _) = flows::current_epoch(&sys);
    assert_eq!(e1, 1);
    sys.warp(claims_open(&sys, 1));

    let record =
        sys.root.join("target/node-tests").join(format!("{}-{}", std::process::id(), sys.node.port)).join("local.json");
    let out = sys.root.join("target/node-tests").join(format!("history-{}", std::process::id()));
    let outs = out.to_string_lossy().to_string();
    let url = sys.node.url.clone();
    let dep = record.to_string_lossy().to_string();
    cli(&["history", "--rpc", &url, "--deployment", &dep, "--params", "maxShareBps=500", "--out", &outs])
        .expect("history");
    let rows = table(&out.join("history.csv"));
    assert_eq!(rows.len(), 5, "one entry in epoch 0, four in epoch 1: {rows:?}");

    let info = sys.client.call(sys.rewards, &FLTRewards::epochInfoCall { epoch: 1 });
    let (n, total, pool) = (info._3, info._4, info._5);
    assert_eq!(n, 4);
    let mut capped = 0;
    for (epoch, contributor, score_now, payout_now, score_new, payout_new) in &rows {
        let entry = sys
            .client
            .call(sys.rewards, &FLTRewards::contributorEpochCall { contributor: *contributor, epoch: *epoch });
        assert_eq!(*score_now, entry._2, "score of {contributor} in epoch {epoch}");
        assert_eq!(score_new, score_now, "the cap does not change scores");
        if *epoch == 0 {
            assert_eq!((*contributor, *payout_now), (who[0], paid0), "the claimed payout");
            continue;
        }
        let chain =
            sys.client.call(sys.rewards, &FLTRewards::pendingRewardCall { contributor: *contributor, epoch: 1 })._0;
        assert_eq!(*payout_now, chain, "payout of {contributor} in epoch 1");
        let want = flt_scoring::allocate(pool.to(), n.into(), total.to(), score_now.to(), 10, 500).unwrap().payout;
        assert_eq!(*payout_new, U256::from(want), "proposed payout of {contributor}");
        if want == 50_000 * FLT {
            capped += 1;
        }
    }
    assert!(capped >= 2, "the 5 % cap binds");
    let staked = rows.iter().find(|r| r.0 == 1 && r.1 == who[0]).unwrap();
    let unstaked = flt_scoring::score(
        flt_scoring::Entry { count: 3, positive_impact: 6_500 },
        sys.client.call(sys.rewards, &FLTRewards::contributorInfoCall { contributor: who[0] })._2,
        10_000,
        &flt_scoring::Params::default(),
    )
    .unwrap();
    assert_eq!(staked.2, U256::from(unstaked * 12 / 10), "the 1.2x stake multiplier was recovered");

    // One block per page: the same table.
    let paged = sys.root.join("target/node-tests").join(format!("history-paged-{}", std::process::id()));
    let pageds = paged.to_string_lossy().to_string();
    cli(&[
        "history",
        "--rpc",
        &url,
        "--deployment",
        &dep,
        "--params",
        "maxShareBps=500",
        "--page",
        "1",
        "--out",
        &pageds,
    ])
    .expect("paged history");
    assert_eq!(table(&paged.join("history.csv")), rows);

    // Refusals.
    let err = cli(&["history", "--rpc", &url, "--deployment", &dep, "--params", "maxShareBps=50", "--out", &outs])
        .unwrap_err();
    assert_eq!(err.to_string(), "--params maxShareBps = 50: OutOfBounds: must be within 100..=10000");
    let err = cli(&["history", "--rpc", &url, "--deployment", "deploy/deployments/nowhere.json", "--out", &outs])
        .unwrap_err();
    assert!(err.to_string().contains("deploy/deployments/nowhere.json"), "{err}");
}
