//! The simulator agrees with the chain (issue 15, item 1): the scenario
//! `tools/sim/scenarios/agreement.toml` (20 wallets, 6 weeks, every
//! behaviour) runs through `flt-sim` and, transaction for transaction at the
//! same block times, through the four programs deployed on the local
//! Stylus node.
//!
//! What it proves, to the wei:
//! - every epoch's close: `EpochClosed` (pool, eligible count, total score)
//!   and, before anyone claims, `pendingReward` of all 20 wallets and their
//!   entry scores (`contributorEpoch`) for that epoch;
//! - every claim: each `RewardClaimed` (epoch, payout, returned cap excess
//!   and dust) in order;
//! - `accounting()` (reserve, earmarked) after every transaction, so the
//!   reserve after every epoch (SPEC v1.1: only `min(P, n * maxAmt)` is
//!   earmarked);
//! - at the end, every wallet's FLT balance and `balanceOf(FLTRewards) =
//!   reserve + earmarked`.
//!
//! and that the scenario exercises what it claims: a cap and a floor bind,
//! an epoch earmarks less than its pool, each behaviour is paid something
//! and the tier-0 staker's lock lapses before week 5's updates.

use alloy_primitives::{Address, U256};
use flt_node_tests::{
    abi::{FLTRewards, FLToken},
    flows::{self, account, accounting, item, register},
    system::fresh,
};
use flt_sim::{
    run::{run, Action, Options},
    Behaviour, Scenario,
};

const SCENARIO: &str = include_str!("../../../tools/sim/scenarios/agreement.toml");

fn u(v: u128) -> U256 {
    U256::from(v)
}

#[test]
fn the_simulator_pays_what_the_contracts_pay() {
    let sys = fresh();
    let scenario = Scenario::parse(SCENARIO).expect("agreement.toml");
    let report = run(&scenario, Options { trace: true, genesis: sys.genesis }, |_| {}).expect("simulation");

    // The scenario covers what it claims.
    assert_eq!(report.per_wallet.len(), 20);
    assert!(report.rows.iter().any(|r| r.capped > 0), "a cap binds");
    assert!(report.rows.iter().any(|r| r.earmarked < r.pool), "an epoch earmarks less than its pool");
    let closes: Vec<_> = report.steps.iter().filter_map(|s| s.closed.as_ref()).collect();
    assert_eq!(closes.len(), 6, "six epochs close");
    let floor_lifts = closes.iter().any(|c| {
        c.payouts.iter().any(|x| {
            let pro_rata = flt_scoring::math::mul_div(c.pool, x.score, c.total_score).unwrap();
            x.payout == x.raw && x.payout > pro_rata
        })
    });
    assert!(floor_lifts, "the floor lifts an uncapped payout above its pro-rata share");
    for b in Behaviour::ALL {
        assert!(report.totals.get(&b).copied().unwrap_or(0) > 0, "{b} is paid");
    }

    // Wallet i is a fresh impersonated account, registered before the first
    // step (two days into epoch 0).
    let wallets: Vec<Address> = (0..20).map(|i| account(&sys, 15_000 + i)).collect();
    for w in &wallets {
        register(&sys, *w);
    }
    let mut last_at = 0;
    let (mut claims, mut stakes, mut records) = (0, 0, 0);
    for (n, step) in report.steps.iter().enumerate() {
        if step.at != last_at {
            sys.warp(step.at);
            last_at = step.at;
        }
        // Before the transaction that closes an epoch: the views answer as
        // if rolled, for every wallet.
        if let Some(c) = &step.closed {
            let info = sys.client.call(sys.rewards, &FLTRewards::epochInfoCall { epoch: c.epoch });
            assert_eq!(
                (info._3, info._4, info._5),
                (c.eligible as u32, u(c.total_score), u(c.pool)),
                "epoch {}",
                c.epoch
            );
            for (i, w) in wallets.iter().enumerate() {
                let sim = c.payouts.iter().find(|x| x.wallet == i as u32);
                let chain =
                    sys.client.call(sys.rewards, &FLTRewards::pendingRewardCall { contributor: *w, epoch: c.epoch })._0;
                assert_eq!(chain, u(sim.map_or(0, |x| x.payout)), "payout of wallet {i} in epoch {}", c.epoch);
                if let Some(x) = sim {
                    let entry = sys
                        .client
                        .call(sys.rewards, &FLTRewards::contributorEpochCall { contributor: *w, epoch: c.epoch });
                    assert_eq!((entry._2, entry._3), (u(x.score), true), "score of wallet {i} in epoch {}", c.epoch);
                }
            }
        }
        let receipt = match &step.action {
            Action::Claim { wallet, claimed } => {
                claims += 1;
                let who = wallets[*wallet as usize];
                let r = flows::claim(&sys, who, claimed.epochs.clone());
                let events = r.events::<FLTRewards::RewardClaimed>(sys.rewards);
                let got: Vec<_> = events.iter().map(|e| (e.contributor, e.epoch, e.payout, e.returned)).collect();
                let want: Vec<_> = (0..claimed.epochs.len())
                    .map(|k| (who, claimed.epochs[k], u(claimed.payouts[k]), u(claimed.returned[k])))
                    .collect();
                assert_eq!(got, want, "step {n}: claim of wallet {wallet}");
                r
            }
            Action::Stake { wallet, amount, tier } => {
                stakes += 1;
                let who = wallets[*wallet as usize];
                let r = sys.client.send(who, sys.token, &FLToken::stakeCall { amount: u(*amount), tier: *tier });
                let e = r.event::<FLToken::Staked>(sys.token);
                assert_eq!((e.holder, e.amount, e.tier), (who, u(*amount), *tier), "step {n}");
                r
            }
            Action::Record { items } => {
                records += 1;
                let batch =
                    items.iter().map(|(w, id, prev, new)| item(wallets[*w as usize], *id, *prev, *new)).collect();
                let r = flows::record_batch(&sys, batch);
                assert_eq!(r.events::<FLTRewards::ContributionRecorded>(sys.rewards).len(), items.len(), "step {n}");
                r
            }
        };
        let closed = receipt.events::<FLTRewards::EpochClosed>(sys.rewards);
        let got: Vec<_> = closed.iter().map(|e| (e.epoch, e.pool, e.eligibleCount, e.totalScore)).collect();
        let want: Vec<_> =
            step.closed.iter().map(|c| (c.epoch, u(c.pool), c.eligible as u32, u(c.total_score))).collect();
        assert_eq!(got, want, "step {n}: EpochClosed");
        assert_eq!(
            accounting(&sys),
            (u(step.reserve), u(step.earmarked)),
            "step {n} at {}: (reserve, earmarked)",
            step.at
        );
    }
    assert_eq!((records, stakes), (6, 2), "a batch a week, two first stakes");
    assert!(claims >= 40, "{claims} claims");

    // The tier-0 lock (30 days from week 1) ended before week 5's updates.
    let staker = wallets[18];
    let lock_end = sys.client.call(sys.token, &FLToken::stakeOfCall { holder: staker })._2;
    let week5_updates = sys.genesis + 5 * 7 * 86_400 + 5 * 86_400;
    assert!(lock_end < week5_updates && lock_end > week5_updates - 7 * 86_400, "lock end {lock_end}");

    for (i, w) in wallets.iter().enumerate() {
        assert_eq!(sys.balance(*w), u(report.balances[i]), "balance of wallet {i}");
    }
    assert_eq!(sys.balance(sys.rewards), u(report.reserve + report.earmarked), "FLTRewards holds reserve + earmarked");
    assert!(report.earmarked > 0, "the wallet that never claims leaves its payouts earmarked");
}
