//! FLTRewards end to end on the real Stylus VM (SPEC.md sections 3, 5, 6),
//! every flow checked through its decoded events and read back through the
//! views (`contributorInfo`, `contributorEpoch`, `epochInfo`,
//! `pendingReward`, `accounting`, `currentEpoch`) and the token balances.
//!
//! What it proves:
//! - registration is self-service and once (`FLTAlreadyRegistered`, nothing
//!   changed);
//! - a single recording updates the entry, the average and the epoch totals
//!   with the event's values;
//! - batches of 1, 10 and 100 items record every item (each event, each
//!   entry, the totals) and their gas (printed) grows per item, not per call;
//! - the twelve-contributor scenario of the motsu distribution test pays
//!   the same wei on the node: floors, proportional shares, caps with
//!   their returned excess, the 6 wei of dust on the last claim, and the
//!   second week's capped pair;
//! - epochs roll over with time moved on the node: 51 idle weeks skipped in
//!   one call (two logs only), idle weeks closed with no pool;
//! - claims and `claimFor` open exactly at the time lock; a list is
//!   all-or-nothing;
//! - the reserve runs out on a real path: governance raises weeklyPool to
//!   10,000,000 FLT and maxShareBps to 100 % (propose, vote, queue, council
//!   approvals, execute), then one contribution per week empties the
//!   reserve: 99 full pools, one shrunken pool, then pools of 0 (a 0-payout
//!   claim is still accepted once, and one transfer pays a list);
//! - every user-triggerable refusal is its named custom error with its
//!   values, mined and failed on chain, and changes no view or balance:
//!   unregistered and banned contributors, accuracy above 10^6, ids replayed
//!   across calls and inside one batch, a non-validator caller (single and
//!   batch), an empty batch, a batch with one bad item, a claim before the
//!   time lock and of the running epoch, a double claim (also by
//!   `claimFor`), empty lists, ineligible entries (severe-only, none,
//!   epoch without contributions), and, while one council signer's pause
//!   runs, recording, batches, claims and `claimFor` (`EnforcedPause`) until
//!   the pause lapses by itself.

use alloy_primitives::{Address, Bytes, U256};
use alloy_sol_types::{SolCall, SolError, SolValue};
use flt_node_tests::{
    abi::{FLTCouncil, FLTGovernor, FLTRewards, FLToken},
    flows::{
        self, account, block_time, cid, claim, claims_open, item, record, record_batch, refuse_rewards, register, BASE,
    },
    govern,
    system::{fresh, System},
    DAY, FLT, WEEK,
};

type Rewards = FLTRewards::IFLTRewardsErrors;

fn u(v: u128) -> U256 {
    U256::from(v)
}

const POOL: u128 = 1_000_000 * FLT;
const CAP: u128 = 100_000 * FLT;
const SUPPLY: u128 = 1_000_000_000 * FLT;

/// The raw answers of every view a refused call could have changed, as one
/// comparable list.
fn snapshot(sys: &System, who: &[Address], epochs: &[u64]) -> Vec<Bytes> {
    let mut calls: Vec<(Address, Vec<u8>)> = vec![
        (sys.rewards, FLTRewards::accountingCall {}.abi_encode()),
        (sys.rewards, FLTRewards::currentEpochCall {}.abi_encode()),
        (sys.token, FLToken::balanceOfCall { account: sys.rewards }.abi_encode()),
    ];
    for &e in epochs {
        calls.push((sys.rewards, FLTRewards::epochInfoCall { epoch: e }.abi_encode()));
    }
    for &w in who {
        calls.push((sys.rewards, FLTRewards::contributorInfoCall { contributor: w }.abi_encode()));
        calls.push((sys.token, FLToken::balanceOfCall { account: w }.abi_encode()));
        for &e in epochs {
            calls.push((sys.rewards, FLTRewards::contributorEpochCall { contributor: w, epoch: e }.abi_encode()));
            calls.push((sys.rewards, FLTRewards::pendingRewardCall { contributor: w, epoch: e }.abi_encode()));
        }
    }
    calls
        .into_iter()
        .map(|(to, data)| sys.client.call_raw(Address::ZERO, to, data, U256::ZERO).expect("view answers"))
        .collect()
}

fn entry(sys: &System, who: Address, epoch: u64) -> (u32, u64, U256, bool, bool, bool) {
    let r = sys.client.call(sys.rewards, &FLTRewards::contributorEpochCall { contributor: who, epoch });
    (r._0, r._1, r._2, r._3, r._4, r._5)
}

fn info(sys: &System, who: Address) -> (bool, bool, i64) {
    let r = sys.client.call(sys.rewards, &FLTRewards::contributorInfoCall { contributor: who });
    (r._0, r._1, r._2)
}

/// `(start, end, claimsOpen, eligible, totalScore, pool, claimed, closed)`.
fn epoch(sys: &System, e: u64) -> (u64, u64, u64, u32, U256, U256, u32, bool) {
    let r = sys.client.call(sys.rewards, &FLTRewards::epochInfoCall { epoch: e });
    (r._0, r._1, r._2, r._3, r._4, r._5, r._6, r._7)
}

fn pending(sys: &System, who: Address, e: u64) -> U256 {
    sys.client.call(sys.rewards, &FLTRewards::pendingRewardCall { contributor: who, epoch: e })._0
}

/// The fields of a `ContributionRecorded`, for one comparison.
type Recorded = (Address, alloy_primitives::B256, u64, Address, i64, bool, i64, U256);

fn recorded(e: &FLTRewards::ContributionRecorded) -> Recorded {
    (e.contributor, e.contributionId, e.epoch, e.validator, e.impact, e.severe, e.ema, e.score)
}

fn claimed(e: &FLTRewards::RewardClaimed) -> (Address, u64, U256, U256) {
    (e.contributor, e.epoch, e.payout, e.returned)
}

fn closed(e: &FLTRewards::EpochClosed) -> (u64, U256, u32, U256) {
    (e.epoch, e.pool, e.eligibleCount, e.totalScore)
}

#[test]
fn registration_is_self_service_and_once() {
    let sys = fresh();
    let who = sys.at(5);
    assert_eq!(info(&sys, who), (false, false, 0));
    let receipt = register(&sys, who);
    let ev = receipt.event::<FLTRewards::ContributorRegistered>(sys.rewards);
    assert_eq!((ev.contributor, ev.nodeId), (who, flows::node_id(who)));
    assert_eq!(receipt.logs.len(), 1);
    assert_eq!(info(&sys, who), (true, false, 0));
    let before = snapshot(&sys, &[who], &[0]);
    refuse_rewards(
        &sys,
        who,
        &FLTRewards::registerContributorCall { nodeId: alloy_primitives::B256::repeat_byte(7) },
        FLTRewards::FLTAlreadyRegistered { contributor: who },
    );
    assert_eq!(snapshot(&sys, &[who], &[0]), before, "the node id is not replaced");
}

#[test]
fn a_contribution_updates_entry_average_and_totals() {
    let sys = fresh();
    let who = sys.at(5);
    register(&sys, who);
    let receipt = record(&sys, who, 1, BASE, BASE + 5_000);
    println!("gas: recordContribution (first of the epoch) {}", receipt.gas_used);
    let ev = receipt.event::<FLTRewards::ContributionRecorded>(sys.rewards);
    // base 1_000_000 + 100 * 5_000; ema 0 + 5_000 * 20 % = 1_000, the band's edge: 1.0x.
    assert_eq!(recorded(&ev), (who, cid(1), 0, flows::validator(&sys), 5_000, false, 1_000, u(1_500_000)));
    assert_eq!(entry(&sys, who, 0), (1, 5_000, u(1_500_000), true, false, false));
    assert_eq!(info(&sys, who).2, 1_000);
    let g = sys.genesis;
    assert_eq!(epoch(&sys, 0), (g, g + WEEK, g + WEEK + DAY, 1, u(1_500_000), U256::ZERO, 0, false));
    assert_eq!(flows::current_epoch(&sys), (0, g, g + WEEK));
    // The running epoch's projection: a lone contributor is capped.
    assert_eq!(pending(&sys, who, 0), u(CAP));
    // A severe one does not count but moves the average: -2_000 + ... = 1_000 - 4_400.
    let receipt = record(&sys, who, 2, BASE, BASE - 22_000);
    println!("gas: recordContribution (second) {}", receipt.gas_used);
    let ev = receipt.event::<FLTRewards::ContributionRecorded>(sys.rewards);
    // ema 1_000 + (-22_000 - 1_000) * 2_000 / 10_000 = -3_600 -> 0.5x: score (1_000_000 + 500_000) / 2.
    assert_eq!(recorded(&ev), (who, cid(2), 0, flows::validator(&sys), -22_000, true, -3_600, u(750_000)));
    assert_eq!(entry(&sys, who, 0), (1, 5_000, u(750_000), true, false, false));
    assert_eq!(epoch(&sys, 0).4, u(750_000), "the total follows the rescored entry");
    assert_eq!(flows::accounting(&sys), (u(SUPPLY), U256::ZERO));
}

#[test]
fn batches_of_one_ten_and_a_hundred_record_every_item() {
    let sys = fresh();
    let people: Vec<Address> = (0..111).map(|i| account(&sys, i)).collect();
    for &p in &people {
        register(&sys, p);
    }
    let validator = flows::validator(&sys);
    // Item k: impact 40 k ppm (ema 8 k <= the neutral band: 1.0x), score 1_000_000 + 4_000 k.
    let score = |k: u64| u(1_000_000 + 4_000 * u128::from(k));
    let mut total = U256::ZERO;
    let mut k = 0u64;
    let mut gas = Vec::new();
    for (size, range) in [(1usize, 0..1usize), (10, 1..11), (100, 11..111)] {
        let first = k;
        let items: Vec<_> = people[range.clone()]
            .iter()
            .map(|&p| {
                let it = item(p, 1_000 + k, BASE, BASE + 40 * k as u32);
                k += 1;
                it
            })
            .collect();
        let receipt = record_batch(&sys, items);
        let events = receipt.events::<FLTRewards::ContributionRecorded>(sys.rewards);
        assert_eq!(events.len(), size);
        assert_eq!(receipt.logs.len(), size, "one log per item, nothing else");
        for (j, (ev, &p)) in events.iter().zip(&people[range]).enumerate() {
            let k = first + j as u64;
            let impact = 40 * k as i64;
            assert_eq!(recorded(ev), (p, cid(1_000 + k), 0, validator, impact, false, impact / 5, score(k)));
            assert_eq!(entry(&sys, p, 0), (1, 40 * k, score(k), true, false, false), "entry of item {k}");
            total += score(k);
        }
        let e = epoch(&sys, 0);
        assert_eq!((e.3, e.4), (k as u32, total), "epoch totals after the batch of {size}");
        gas.push((size, receipt.gas_used));
    }
    for (size, g) in &gas {
        println!("gas: recordContributions of {size:>3} items: {g:>9} ({} per item)", g / *size as u64);
    }
    // Batching amortises the fixed cost: 100 items cost less than 100 single calls' worth of 10-item batches.
    assert!(gas[2].1 < 10 * gas[1].1 && gas[1].1 < 10 * gas[0].1, "{gas:?}");
}

/// Week 0 of the scenario of `tests/tests/distribution.rs`
/// (`twelve_contributors_over_three_weeks_are_paid_the_hand_computed_amounts`):
/// twelve contributors h0..h3, strong, free rider, poisoner, negative,
/// sporadic, steady, idle, recovering.
fn week0(sys: &System) -> Vec<Address> {
    let c: Vec<Address> = (0..12).map(|i| account(sys, 200 + i)).collect();
    for &who in &c {
        register(sys, who);
    }
    let mut id = 0;
    let mut rec = |who: Address, delta: i64| {
        id += 1;
        record(sys, who, id, BASE, (i64::from(BASE) + delta) as u32);
    };
    for &h in &c[..4] {
        rec(h, 2_000); // ema 400: neutral; score 1_200_000
    }
    rec(c[4], 10_000); // ema 2_000 -> 1.1111x; 2_222_200
    rec(c[5], 0); // free rider: 1_000_000
    rec(c[6], -20_000); // poisoner: severe, ineligible
    rec(c[7], -5_000); // ema -1_000, then
    rec(c[7], -5_000); // ema -1_800 -> 0.5x: 1_000_000
    rec(c[8], 100_000); // sporadic: 2.0x: 22_000_000
    for _ in 0..5 {
        rec(c[9], 1_000); // steady: ema 672; 5_500_000
    }
    // c[10] registered, never contributes.
    rec(c[11], -20_000); // severe, ema -4_000
    rec(c[11], 3_000); // ema -2_600 -> 0.5x: 650_000
    c
}

#[test]
fn the_motsu_distribution_scenario_pays_the_same_wei_on_the_node() {
    // Source: tests/tests/distribution.rs,
    // twelve_contributors_over_three_weeks_are_paid_the_hand_computed_amounts.
    let sys = fresh();
    let g = sys.genesis;
    let c = week0(&sys);
    let e0 = epoch(&sys, 0);
    assert_eq!((e0.3, e0.4), (10, u(37_172_200)), "n and S of week 0");
    let scores: Vec<U256> = c.iter().map(|&w| entry(&sys, w, 0).2).collect();
    let expected = [
        1_200_000, 1_200_000, 1_200_000, 1_200_000, 2_222_200, 1_000_000, 0, 1_000_000, 22_000_000, 5_500_000, 0,
        650_000,
    ];
    assert_eq!(scores, expected.map(u));
    assert_eq!(info(&sys, c[9]).2, 672);

    // Week 1: two of them again.
    sys.warp(g + WEEK + 1);
    let receipt = record(&sys, c[0], 100, BASE, BASE + 2_000);
    assert_eq!(closed(&receipt.event::<FLTRewards::EpochClosed>(sys.rewards)), (0, u(POOL), 10, u(37_172_200)));
    let ev = receipt.event::<FLTRewards::ContributionRecorded>(sys.rewards);
    assert_eq!((ev.epoch, ev.ema, ev.score), (1, 720, u(1_200_000)));
    let receipt = record(&sys, c[8], 101, BASE, BASE);
    assert!(receipt.events::<FLTRewards::EpochClosed>(sys.rewards).is_empty(), "week 0 closes once");
    let ev = receipt.event::<FLTRewards::ContributionRecorded>(sys.rewards);
    assert_eq!((ev.epoch, ev.ema, ev.score), (1, 16_000, u(2_000_000)));
    assert_eq!(flows::accounting(&sys), (u(SUPPLY - POOL), u(POOL)));

    // Week 2 is idle; claims for week 0 opened a day into week 1.
    sys.warp(g + 2 * WEEK + DAY);
    let payouts: [(usize, u128, u128); 10] = [
        (0, 32_959_367_484_302_785_414_906, 0),
        (1, 32_959_367_484_302_785_414_906, 0),
        (2, 32_959_367_484_302_785_414_906, 0),
        (3, 32_959_367_484_302_785_414_906, 0),
        (4, 60_183_422_019_681_374_790_838, 0),
        (5, 27_632_806_236_918_987_845_755, 0),
        (7, 27_632_806_236_918_987_845_755, 0),
        (8, 100_000_000_000_000_000_000_000, 486_921_737_212_217_732_606_625),
        (9, 100_000_000_000_000_000_000_000, 47_480_434_303_054_433_151_656),
        (11, 18_311_324_053_997_342_099_741, 6), // the last claim returns the 6 wei of dust
    ];
    for (i, payout, returned) in payouts {
        let who = c[i];
        assert_eq!(pending(&sys, who, 0), u(payout), "pending of c{i}");
        let receipt = claim(&sys, who, vec![0]);
        assert_eq!(claimed(&receipt.event::<FLTRewards::RewardClaimed>(sys.rewards)), (who, 0, u(payout), u(returned)));
        let transfer = receipt.event::<FLToken::Transfer>(sys.token);
        assert_eq!((transfer.from, transfer.to, transfer.value), (sys.rewards, who, u(payout)));
        assert_eq!(sys.balance(who), u(payout));
        assert_eq!(pending(&sys, who, 0), U256::ZERO);
    }
    for i in [6, 10] {
        let before = snapshot(&sys, &[c[i]], &[0, 1]);
        refuse_rewards(
            &sys,
            c[i],
            &FLTRewards::claimCall { epochs: vec![0] },
            FLTRewards::FLTNotEligible { epoch: 0, contributor: c[i] },
        );
        assert_eq!(snapshot(&sys, &[c[i]], &[0, 1]), before);
    }
    let paid: u128 = payouts.iter().map(|p| p.1).sum();
    let (reserve, earmarked) = flows::accounting(&sys);
    // SPEC section 6 (v1.1): week 1's two contributors at a 10 % cap can
    // be paid two caps, and only those were earmarked.
    assert_eq!(earmarked, u(2 * CAP), "only week 1 remains earmarked: two caps");
    assert_eq!(reserve, u(SUPPLY - 2 * CAP - paid));
    assert_eq!(epoch(&sys, 0).6, 10, "all ten claimed");

    // Week 1: n = 2, S = 3_200_000: raw 3.7525e23 and 6.2475e23, both
    // capped; each held one cap of the earmark, so nothing returns.
    for who in [c[0], c[8]] {
        let receipt = claim(&sys, who, vec![1]);
        assert_eq!(claimed(&receipt.event::<FLTRewards::RewardClaimed>(sys.rewards)), (who, 1, u(CAP), U256::ZERO));
    }
    assert_eq!(flows::accounting(&sys), (u(SUPPLY - paid - 2 * CAP), U256::ZERO));
    assert_eq!(sys.balance(c[8]), u(2 * CAP));
    assert_eq!(sys.balance(sys.rewards), u(SUPPLY - paid - 2 * CAP), "balanceOf(FLTRewards) = reserve + earmarked");
    // Week 2 had nobody: nothing moved, nothing to claim.
    let e2 = epoch(&sys, 2);
    assert_eq!((e2.3, e2.5, e2.7), (0, U256::ZERO, false));
}

#[test]
fn idle_weeks_are_skipped_in_one_roll() {
    let sys = fresh();
    let g = sys.genesis;
    let who = sys.at(5);
    register(&sys, who);
    let first = record(&sys, who, 1, BASE, BASE);
    sys.warp(g + 52 * WEEK + 3 * DAY);
    // Views answer as if rolled: epoch 0 closed with its pool, of which a
    // lone contributor's cap is earmarked (SPEC section 6, v1.1).
    let e0 = epoch(&sys, 0);
    assert_eq!((e0.3, e0.5, e0.7), (1, u(POOL), true));
    assert_eq!(flows::accounting(&sys), (u(SUPPLY - CAP), u(CAP)));
    let receipt = record(&sys, who, 2, BASE, BASE);
    println!("gas: recordContribution after 52 weeks {} (the first one: {})", receipt.gas_used, first.gas_used);
    // One roll: epoch 0 closes; nothing per idle week.
    let kinds = receipt.log_kinds();
    assert_eq!(
        kinds,
        vec![
            (sys.rewards, <FLTRewards::EpochClosed as alloy_sol_types::SolEvent>::SIGNATURE_HASH),
            (sys.rewards, <FLTRewards::ContributionRecorded as alloy_sol_types::SolEvent>::SIGNATURE_HASH)
        ]
    );
    assert_eq!(closed(&receipt.event::<FLTRewards::EpochClosed>(sys.rewards)), (0, u(POOL), 1, u(1_000_000)));
    assert_eq!(receipt.event::<FLTRewards::ContributionRecorded>(sys.rewards).epoch, 52);
    assert_eq!(flows::current_epoch(&sys), (52, g + 52 * WEEK, g + 53 * WEEK));
    assert_eq!(entry(&sys, who, 52).0, 1);
    for idle in [1, 26, 51] {
        let e = epoch(&sys, idle);
        assert_eq!((e.0, e.3, e.5, e.7), (g + idle * WEEK, 0, U256::ZERO, true), "idle week {idle}");
    }
    assert_eq!(flows::accounting(&sys), (u(SUPPLY - CAP), u(CAP)), "only epoch 0 earmarked");
    // Epoch 0 still pays, a year later.
    let receipt = claim(&sys, who, vec![0]);
    assert_eq!(claimed(&receipt.event::<FLTRewards::RewardClaimed>(sys.rewards)), (who, 0, u(CAP), U256::ZERO));
    assert_eq!(flows::accounting(&sys), (u(SUPPLY - CAP), U256::ZERO));
}

/// Two contributors with equal scores in epoch 0 and `a` alone in epoch 1:
/// each is owed half of epoch 0's pool, capped at 10 %.
fn two_contributors(sys: &System) -> (Address, Address) {
    let (a, b) = (sys.at(5), sys.at(6));
    register(sys, a);
    register(sys, b);
    record(sys, a, 1, BASE, BASE);
    record(sys, b, 2, BASE, BASE);
    sys.warp(sys.genesis + WEEK + 1);
    record(sys, a, 3, BASE, BASE);
    (a, b)
}

#[test]
fn claims_open_at_the_time_lock_and_claim_for_pays_the_contributor() {
    let sys = fresh();
    let g = sys.genesis;
    let (a, b) = two_contributors(&sys);
    let stranger = sys.at(7);
    let opens = claims_open(&sys, 0);
    assert_eq!(opens, g + WEEK + DAY);
    sys.warp(opens - 60);
    let before = snapshot(&sys, &[a, b, stranger], &[0, 1]);
    refuse_rewards(
        &sys,
        a,
        &FLTRewards::claimCall { epochs: vec![0] },
        FLTRewards::FLTClaimNotOpen { epoch: 0, opensAt: opens },
    );
    refuse_rewards(
        &sys,
        stranger,
        &FLTRewards::claimForCall { contributor: b, epochs: vec![0] },
        FLTRewards::FLTClaimNotOpen { epoch: 0, opensAt: opens },
    );
    // The running epoch is not claimable either.
    refuse_rewards(
        &sys,
        a,
        &FLTRewards::claimCall { epochs: vec![1] },
        FLTRewards::FLTClaimNotOpen { epoch: 1, opensAt: g + 2 * WEEK + DAY },
    );
    assert_eq!(snapshot(&sys, &[a, b, stranger], &[0, 1]), before);

    sys.warp(opens);
    assert_eq!(pending(&sys, a, 0), u(CAP));
    let receipt = claim(&sys, a, vec![0]);
    // Two contributors at a 10 % cap: two caps earmarked, nothing to return.
    assert_eq!(claimed(&receipt.event::<FLTRewards::RewardClaimed>(sys.rewards)), (a, 0, u(CAP), U256::ZERO));
    assert_eq!(sys.balance(a), u(CAP));
    // claimFor by a stranger pays b, not the stranger; the last claim returns the (zero) dust.
    let receipt = sys.client.send(stranger, sys.rewards, &FLTRewards::claimForCall { contributor: b, epochs: vec![0] });
    assert_eq!(claimed(&receipt.event::<FLTRewards::RewardClaimed>(sys.rewards)), (b, 0, u(CAP), U256::ZERO));
    let transfer = receipt.event::<FLToken::Transfer>(sys.token);
    assert_eq!((transfer.from, transfer.to, transfer.value), (sys.rewards, b, u(CAP)));
    assert_eq!((sys.balance(b), sys.balance(stranger)), (u(CAP), U256::ZERO));
    assert_eq!(flows::accounting(&sys), (u(SUPPLY - 2 * CAP), U256::ZERO), "epoch 0 settled, epoch 1 running");
    assert_eq!(epoch(&sys, 0).6, 2);
}

#[test]
fn claim_refusals_name_their_error_and_change_nothing() {
    let sys = fresh();
    let (a, b) = two_contributors(&sys);
    let stranger = sys.at(7);
    // A contributor whose only contribution in epoch 1 is severe: ineligible there.
    let poisoner = sys.at(8);
    register(&sys, poisoner);
    record(&sys, poisoner, 4, BASE, BASE - 20_000);
    sys.warp(claims_open(&sys, 1));
    claim(&sys, a, vec![0]);
    let everyone = [a, b, stranger, poisoner];
    let before = snapshot(&sys, &everyone, &[0, 1, 5]);
    let refusals: Vec<(Address, Vec<u8>, Vec<u8>)> = vec![
        // Double claim, also through claimFor.
        (
            a,
            FLTRewards::claimCall { epochs: vec![0] }.abi_encode(),
            FLTRewards::FLTAlreadyClaimed { epoch: 0, contributor: a }.abi_encode(),
        ),
        (
            stranger,
            FLTRewards::claimForCall { contributor: a, epochs: vec![0] }.abi_encode(),
            FLTRewards::FLTAlreadyClaimed { epoch: 0, contributor: a }.abi_encode(),
        ),
        // All or nothing: a claimable epoch with an already claimed one.
        (
            a,
            FLTRewards::claimCall { epochs: vec![1, 0] }.abi_encode(),
            FLTRewards::FLTAlreadyClaimed { epoch: 0, contributor: a }.abi_encode(),
        ),
        (
            b,
            FLTRewards::claimCall { epochs: vec![0, 0] }.abi_encode(),
            FLTRewards::FLTAlreadyClaimed { epoch: 0, contributor: b }.abi_encode(),
        ),
        // Empty lists.
        (a, FLTRewards::claimCall { epochs: vec![] }.abi_encode(), FLTRewards::FLTEmptyClaim {}.abi_encode()),
        (
            stranger,
            FLTRewards::claimForCall { contributor: a, epochs: vec![] }.abi_encode(),
            FLTRewards::FLTEmptyClaim {}.abi_encode(),
        ),
        // Ineligible: no entry, a severe-only entry, an epoch without contributions.
        (
            stranger,
            FLTRewards::claimCall { epochs: vec![0] }.abi_encode(),
            FLTRewards::FLTNotEligible { epoch: 0, contributor: stranger }.abi_encode(),
        ),
        (
            b,
            FLTRewards::claimCall { epochs: vec![0, 1] }.abi_encode(),
            FLTRewards::FLTNotEligible { epoch: 1, contributor: b }.abi_encode(),
        ),
        (
            poisoner,
            FLTRewards::claimCall { epochs: vec![1] }.abi_encode(),
            FLTRewards::FLTNotEligible { epoch: 1, contributor: poisoner }.abi_encode(),
        ),
        (
            a,
            FLTRewards::claimCall { epochs: vec![1, 5] }.abi_encode(),
            FLTRewards::FLTNotEligible { epoch: 5, contributor: a }.abi_encode(),
        ),
    ];
    for (from, call, want) in refusals {
        let refused = sys.client.send_raw(from, Some(sys.rewards), call.clone(), U256::ZERO).expect_err("refused");
        assert!(refused.mined.is_some(), "mined and failed on chain");
        let decoded: Rewards = refused.decode();
        assert_eq!(Bytes::from(alloy_sol_types::SolInterface::abi_encode(&decoded)), Bytes::from(want), "{call:?}");
        assert_eq!(snapshot(&sys, &everyone, &[0, 1, 5]), before, "refused claim changed a view");
    }
    // The remaining claims then succeed: b for 0, a for 1 (alone in epoch 1: capped).
    assert_eq!(claim(&sys, b, vec![0]).event::<FLTRewards::RewardClaimed>(sys.rewards).payout, u(CAP));
    let receipt = claim(&sys, a, vec![1]);
    assert_eq!(claimed(&receipt.event::<FLTRewards::RewardClaimed>(sys.rewards)), (a, 1, u(CAP), U256::ZERO));
    assert_eq!(sys.balance(a), u(2 * CAP));
}

/// The four functions FLTRewards' fallback answers read their arguments by
/// hand (`raw.rs`): on the real VM, each non-canonical encoding, and value
/// sent, reverts with empty data (as the SDK's router did) and changes
/// nothing; the canonical calls then work.
#[test]
fn only_canonical_arguments_are_read_and_value_is_refused() {
    let sys = fresh();
    let (a, _) = two_contributors(&sys);
    let (newcomer, stranger, validator) = (sys.at(9), sys.at(7), flows::validator(&sys));
    register(&sys, newcomer);
    sys.warp(claims_open(&sys, 0));
    let everyone = [a, newcomer, stranger];
    let before = snapshot(&sys, &everyone, &[0, 1]);
    let refuse_empty = |from: Address, data: Vec<u8>, value: U256, why: &str| {
        let refused = sys.client.send_raw(from, Some(sys.rewards), data, value).expect_err(why);
        assert!(refused.mined.is_some(), "{why}: not mined: {}", refused.message);
        assert!(refused.data.is_empty(), "{why}: revert data {}", refused.data);
        assert_eq!(snapshot(&sys, &everyone, &[0, 1]), before, "{why}: changed a view");
    };
    let word = |data: &mut Vec<u8>, at: usize, v: u64| {
        data[at..at + 32].fill(0);
        data[at + 24..at + 32].copy_from_slice(&v.to_be_bytes());
    };
    // claim: selector, offset, length, epoch.
    let claim_call = FLTRewards::claimCall { epochs: vec![0] }.abi_encode();
    let mut big = claim_call.clone();
    big[4 + 64 + 23] = 1;
    refuse_empty(a, big, U256::ZERO, "an epoch above 2^64");
    let mut gap = claim_call.clone();
    gap.splice(4 + 32..4 + 32, [0u8; 32]);
    word(&mut gap, 4, 64);
    refuse_empty(a, gap, U256::ZERO, "a non-canonical offset");
    let mut trailing = claim_call.clone();
    trailing.push(0);
    refuse_empty(a, trailing, U256::ZERO, "a trailing byte");
    refuse_empty(a, claim_call[..claim_call.len() - 1].to_vec(), U256::ZERO, "one byte short");
    refuse_empty(a, claim_call.clone(), U256::from(1), "value sent to claim");
    // claimFor: an address with a non-zero upper byte.
    let mut dirty = FLTRewards::claimForCall { contributor: a, epochs: vec![0] }.abi_encode();
    dirty[4] = 1;
    refuse_empty(stranger, dirty, U256::ZERO, "claimFor, a dirty address");
    // recordContribution: an accuracy above 2^32, 129 bytes, value sent.
    let single = FLTRewards::recordContributionCall {
        contributor: newcomer,
        contributionId: cid(20),
        previousAccuracy: BASE,
        newAccuracy: BASE,
    }
    .abi_encode();
    let mut wide = single.clone();
    wide[4 + 3 * 32 + 27] = 1;
    refuse_empty(validator, wide, U256::ZERO, "an accuracy above 2^32");
    let mut long = single.clone();
    long.push(0);
    refuse_empty(validator, long, U256::ZERO, "recordContribution, a trailing byte");
    refuse_empty(validator, single.clone(), U256::from(1), "value sent to recordContribution");
    // recordContributions: item 1's address dirty, a length past the end.
    let batch = FLTRewards::recordContributionsCall {
        contributions: vec![item(newcomer, 21, BASE, BASE), item(newcomer, 22, BASE, BASE)],
    }
    .abi_encode();
    let mut dirty = batch.clone();
    dirty[4 + 64 + 128] = 1;
    refuse_empty(validator, dirty, U256::ZERO, "a batch item's dirty address");
    let mut short = batch.clone();
    word(&mut short, 4 + 32, 3);
    refuse_empty(validator, short, U256::ZERO, "a batch length past the end");

    // The canonical calls are read as sent.
    let receipt = sys.client.send_raw(validator, Some(sys.rewards), single, U256::ZERO).expect("recorded");
    let e = receipt.event::<FLTRewards::ContributionRecorded>(sys.rewards);
    assert_eq!((e.contributor, e.contributionId, e.epoch), (newcomer, cid(20), 1));
    let receipt = sys.client.send_raw(validator, Some(sys.rewards), batch, U256::ZERO).expect("recorded");
    assert_eq!(receipt.events::<FLTRewards::ContributionRecorded>(sys.rewards).len(), 2);
    assert_eq!(entry(&sys, newcomer, 1).0, 3, "three contributions counted");
    let receipt = sys.client.send_raw(a, Some(sys.rewards), claim_call, U256::ZERO).expect("claimed");
    assert_eq!(claimed(&receipt.event::<FLTRewards::RewardClaimed>(sys.rewards)), (a, 0, u(CAP), U256::ZERO));
    assert_eq!(sys.balance(a), u(CAP));
}

#[test]
fn recording_refusals_name_their_error_and_change_nothing() {
    let sys = fresh();
    let who = sys.at(5);
    let validator = flows::validator(&sys);
    register(&sys, who);
    record(&sys, who, 1, BASE, BASE + 100);
    let stranger = sys.at(9);
    let everyone = [who, stranger];
    let before = snapshot(&sys, &everyone, &[0]);
    let single = |contributor: Address, id: u64, previous: u32, new: u32| FLTRewards::recordContributionCall {
        contributor,
        contributionId: cid(id),
        previousAccuracy: previous,
        newAccuracy: new,
    };
    let batch = |items: Vec<FLTRewards::Contribution>| FLTRewards::recordContributionsCall { contributions: items };
    // Unregistered contributor.
    refuse_rewards(
        &sys,
        validator,
        &single(stranger, 2, BASE, BASE),
        FLTRewards::FLTNotRegistered { contributor: stranger },
    );
    // Accuracy above 10^6, either side (both bounds inclusive: 0 and 10^6 pass below).
    for (previous, new, bad) in [(1_000_001, BASE, 1_000_001), (BASE, 1_000_001, 1_000_001), (BASE, u32::MAX, u32::MAX)]
    {
        refuse_rewards(
            &sys,
            validator,
            &single(who, 2, previous, new),
            FLTRewards::FLTAccuracyOutOfRange { accuracy: bad },
        );
    }
    // A replayed id, across calls and inside one batch.
    refuse_rewards(
        &sys,
        validator,
        &single(who, 1, BASE, BASE + 900),
        FLTRewards::FLTContributionReplayed { contributionId: cid(1) },
    );
    refuse_rewards(
        &sys,
        validator,
        &batch(vec![item(who, 2, BASE, BASE), item(who, 2, BASE, BASE)]),
        FLTRewards::FLTContributionReplayed { contributionId: cid(2) },
    );
    refuse_rewards(
        &sys,
        validator,
        &batch(vec![item(who, 3, BASE, BASE), item(who, 1, BASE, BASE)]),
        FLTRewards::FLTContributionReplayed { contributionId: cid(1) },
    );
    // A batch with one bad item records nothing.
    refuse_rewards(
        &sys,
        validator,
        &batch(vec![item(who, 4, BASE, BASE + 100), item(stranger, 5, BASE, BASE)]),
        FLTRewards::FLTNotRegistered { contributor: stranger },
    );
    // Not a validator: the contributor itself, the deployer (a council signer), a stranger.
    for caller in [who, sys.at(0), stranger] {
        refuse_rewards(&sys, caller, &single(who, 6, BASE, BASE), FLTRewards::FLTNotValidator { caller });
        refuse_rewards(&sys, caller, &batch(vec![item(who, 6, BASE, BASE)]), FLTRewards::FLTNotValidator { caller });
    }
    // An empty batch.
    refuse_rewards(&sys, validator, &batch(vec![]), FLTRewards::FLTEmptyBatch {});
    assert_eq!(snapshot(&sys, &everyone, &[0]), before, "a refused recording changed a view");
    // The ids of refused calls were not consumed; both accuracy bounds are inclusive.
    let receipt = record_batch(&sys, vec![item(who, 2, 0, 1_000_000), item(who, 4, 1_000_000, 0)]);
    let ids: Vec<_> =
        receipt.events::<FLTRewards::ContributionRecorded>(sys.rewards).iter().map(|e| e.contributionId).collect();
    assert_eq!(ids, vec![cid(2), cid(4)]);
}

#[test]
fn a_banned_contributor_is_refused_and_its_entry_disqualified() {
    let sys = fresh();
    let who = sys.at(5);
    let validator = flows::validator(&sys);
    register(&sys, who);
    record(&sys, who, 1, BASE, BASE);
    assert_eq!(epoch(&sys, 0).3, 1);
    // Council action 2 (ban) on FLTCouncil: proposed by signer 0, executed
    // at signer 1's approval, applied by FLTGovernor.
    let (_, approved) = govern::council_act(&sys, 0, 1, 2, who.abi_encode().into());
    let ban = approved.event::<FLTRewards::ContributorBanned>(sys.rewards);
    assert_eq!((ban.contributor, ban.banned), (who, true));
    let dq = approved.event::<FLTRewards::Disqualified>(sys.rewards);
    assert_eq!((dq.epoch, dq.contributor, dq.returned), (0, who, U256::ZERO));
    assert!(info(&sys, who).1, "banned");
    assert_eq!(entry(&sys, who, 0), (1, 0, u(1_000_000), false, false, true), "disqualified entry");
    assert_eq!(epoch(&sys, 0).3, 0, "left n");
    let before = snapshot(&sys, &[who], &[0]);
    refuse_rewards(
        &sys,
        validator,
        &FLTRewards::recordContributionCall {
            contributor: who,
            contributionId: cid(2),
            previousAccuracy: BASE,
            newAccuracy: BASE,
        },
        FLTRewards::FLTContributorBanned { contributor: who },
    );
    refuse_rewards(
        &sys,
        validator,
        &FLTRewards::recordContributionsCall { contributions: vec![item(who, 2, BASE, BASE)] },
        FLTRewards::FLTContributorBanned { contributor: who },
    );
    assert_eq!(snapshot(&sys, &[who], &[0]), before);
}

/// Changes FLTRewards parameters through governance: `proposer` (holding
/// 100,000 FLT, the threshold) delegates to itself, proposes, votes,
/// queues; council signers 0 and 1 approve; it executes after the
/// timelock. Returns the epoch in which it executed.
fn govern_rewards(sys: &System, proposer: Address, changes: &[(u8, U256)]) -> u64 {
    sys.client.send(proposer, sys.token, &FLToken::delegateCall { delegatee: proposer });
    sys.warp(sys.now() + 2);
    let description = "Raise the weekly pool to 10M FLT".to_string();
    let targets = vec![sys.rewards; changes.len()];
    let values = vec![U256::ZERO; changes.len()];
    let calldatas: Vec<alloy_primitives::Bytes> =
        changes.iter().map(|&(id, value)| FLTRewards::setParameterCall { id, value }.abi_encode().into()).collect();
    let created = sys.client.send(
        proposer,
        sys.governor,
        &FLTGovernor::proposeCall {
            targets: targets.clone(),
            values: values.clone(),
            calldatas: calldatas.clone(),
            description: description.clone(),
        },
    );
    let created = created.event::<FLTGovernor::ProposalCreated>(sys.governor);
    let id = created.proposalId;
    sys.warp(created.voteStart.to::<u64>() + 1);
    sys.client.send(proposer, sys.governor, &FLTGovernor::castVoteCall { proposalId: id, support: 1 });
    sys.warp(created.voteEnd.to::<u64>() + 1);
    let hash = alloy_primitives::keccak256(description.as_bytes());
    let queued = sys.client.send(
        proposer,
        sys.governor,
        &FLTGovernor::queueCall {
            targets: targets.clone(),
            values: values.clone(),
            calldatas: calldatas.clone(),
            descriptionHash: hash,
        },
    );
    let eta = queued.event::<FLTGovernor::ProposalQueued>(sys.governor).etaSeconds.to::<u64>();
    for (signer, approvals) in [(0, 1), (1, 2)] {
        govern::approve(sys, signer, id, approvals);
    }
    sys.warp(eta + 1);
    let executed = sys.client.send(
        proposer,
        sys.governor,
        &FLTGovernor::executeCall { targets, values, calldatas, descriptionHash: hash },
    );
    assert_eq!(executed.event::<FLTGovernor::ProposalExecuted>(sys.governor).proposalId, id);
    let changed: Vec<(u8, U256)> =
        executed.events::<FLTRewards::ParameterChanged>(sys.rewards).iter().map(|c| (c.id, c.value)).collect();
    assert_eq!(changed, changes);
    let params = sys.client.call(sys.rewards, &FLTRewards::paramsCall {})._0;
    for &(id, value) in changes {
        assert_eq!(params[usize::from(id)], value, "the next epoch's set");
    }
    flows::current_epoch(sys).0
}

#[test]
fn pools_shrink_then_stop_when_the_reserve_runs_out() {
    let sys = fresh();
    let who = sys.at(5);
    let g = sys.genesis;
    // Epoch 0: a lone contributor, paid the cap; 90 % of the pool returns.
    let (e0, paid) = flows::earn(&sys, who, 1);
    assert_eq!((e0, paid), (0, u(CAP)));
    assert_eq!(flows::accounting(&sys), (u(SUPPLY - CAP), U256::ZERO));
    // Governance: weeklyPool 10,000,000 FLT and maxShareBps 10,000, so that a
    // lone contributor's payout is the whole pool (n * maxAmt = P: the
    // earmark is the pool under either reading of SPEC.md section 6).
    let big = u(10_000_000 * FLT);
    let executed_in = govern_rewards(&sys, who, &[(0, big), (2, u(10_000))]);
    // The running epoch keeps its snapshot; from the next one a pool is 10M FLT.
    // The reserve (10^9 - 10^5 FLT) holds 99 full pools and 9.9M FLT.
    let first = executed_in + 1;
    let mut pools = Vec::new();
    for k in 0..=101u64 {
        let e = first + k;
        sys.next_at(g + e * WEEK + 10);
        let receipt = record(&sys, who, 100 + e, BASE, BASE);
        assert_eq!(receipt.event::<FLTRewards::ContributionRecorded>(sys.rewards).epoch, e);
        if k > 0 {
            let c = receipt.event::<FLTRewards::EpochClosed>(sys.rewards);
            assert_eq!((c.epoch, c.eligibleCount), (e - 1, 1));
            pools.push(c.pool);
        }
    }
    let last = first + 100;
    assert_eq!(pools.len(), 101);
    assert!(pools[..99].iter().all(|p| *p == big), "99 full pools");
    let shrunk = u(9_900_000 * FLT);
    assert_eq!(pools[99], shrunk, "the last pool shrinks to what is left");
    assert_eq!(pools[100], U256::ZERO, "then pools stop");
    assert_eq!(epoch(&sys, last).5, U256::ZERO);
    assert_eq!(flows::accounting(&sys), (U256::ZERO, u(SUPPLY - CAP)));
    assert_eq!(pending(&sys, who, last - 1), shrunk);
    assert_eq!(pending(&sys, who, last), U256::ZERO);
    // An empty pool pays nothing but is claimable once.
    sys.warp(claims_open(&sys, last));
    let before = sys.balance(who);
    let receipt = claim(&sys, who, vec![last]);
    assert_eq!(claimed(&receipt.event::<FLTRewards::RewardClaimed>(sys.rewards)), (who, last, U256::ZERO, U256::ZERO));
    assert!(receipt.events::<FLToken::Transfer>(sys.token).is_empty(), "nothing to transfer");
    assert_eq!(sys.balance(who), before);
    let state = snapshot(&sys, &[who], &[last]);
    refuse_rewards(
        &sys,
        who,
        &FLTRewards::claimCall { epochs: vec![last] },
        FLTRewards::FLTAlreadyClaimed { epoch: last, contributor: who },
    );
    assert_eq!(snapshot(&sys, &[who], &[last]), state);
    // A full pool and the shrunken one in one list: one transfer pays both.
    let receipt = claim(&sys, who, vec![first, last - 1]);
    let paid: Vec<_> = receipt.events::<FLTRewards::RewardClaimed>(sys.rewards).iter().map(claimed).collect();
    assert_eq!(paid, vec![(who, first, big, U256::ZERO), (who, last - 1, shrunk, U256::ZERO)]);
    let transfer = receipt.event::<FLToken::Transfer>(sys.token);
    assert_eq!((transfer.from, transfer.to, transfer.value), (sys.rewards, who, big + shrunk));
    assert_eq!(sys.balance(who), before + big + shrunk);
    assert_eq!(flows::accounting(&sys), (U256::ZERO, u(SUPPLY - CAP) - big - shrunk));
    assert_eq!(sys.balance(sys.rewards), u(SUPPLY - CAP) - big - shrunk, "balanceOf(FLTRewards) = reserve + earmarked");
}

#[test]
fn a_pause_refuses_recording_and_claims_until_it_lapses() {
    let sys = fresh();
    let (a, b) = two_contributors(&sys);
    let validator = flows::validator(&sys);
    let opens = claims_open(&sys, 0);
    sys.warp(opens);
    // One council signer pauses FLToken and FLTRewards at once for 14 days.
    let receipt = sys.client.send(sys.at(2), sys.council, &FLTCouncil::pauseCall {});
    let until = receipt.event::<FLTGovernor::PauseSet>(sys.governor).pausedUntil;
    assert_eq!(until, block_time(&sys, receipt.block) + 14 * DAY);
    assert_eq!(receipt.event::<FLTRewards::Paused>(sys.rewards).account, sys.governor);
    assert_eq!(sys.client.call(sys.rewards, &FLTRewards::pausedUntilCall {})._0, until);
    let before = snapshot(&sys, &[a, b], &[0, 1]);
    let single = FLTRewards::recordContributionCall {
        contributor: a,
        contributionId: cid(9),
        previousAccuracy: BASE,
        newAccuracy: BASE,
    };
    refuse_rewards(&sys, validator, &single, FLTRewards::EnforcedPause {});
    refuse_rewards(
        &sys,
        validator,
        &FLTRewards::recordContributionsCall { contributions: vec![item(a, 9, BASE, BASE)] },
        FLTRewards::EnforcedPause {},
    );
    refuse_rewards(&sys, a, &FLTRewards::claimCall { epochs: vec![0] }, FLTRewards::EnforcedPause {});
    refuse_rewards(
        &sys,
        sys.at(7),
        &FLTRewards::claimForCall { contributor: b, epochs: vec![0] },
        FLTRewards::EnforcedPause {},
    );
    assert_eq!(snapshot(&sys, &[a, b], &[0, 1]), before, "a refused call changed a view");
    // Views keep answering as if rolled; the pause lapses by itself.
    assert_eq!(pending(&sys, a, 0), u(CAP));
    sys.warp(until);
    let receipt = claim(&sys, a, vec![0]);
    assert_eq!(claimed(&receipt.event::<FLTRewards::RewardClaimed>(sys.rewards)), (a, 0, u(CAP), U256::ZERO));
    let receipt = record(&sys, b, 9, BASE, BASE);
    assert_eq!(receipt.event::<FLTRewards::ContributionRecorded>(sys.rewards).contributor, b);
}

/// SPEC section 6: claims for an epoch open at its end + claimDelay, also
/// for an epoch without contributions, the running one included (issue 13,
/// item 7: `epochInfo` used to answer the end itself).
#[test]
fn epoch_info_opens_claims_after_the_delay_for_epochs_without_contributions() {
    let sys = fresh();
    for e in [0u64, 1, 9] {
        let info = sys.client.call(sys.rewards, &FLTRewards::epochInfoCall { epoch: e });
        let start = sys.genesis + e * WEEK;
        assert_eq!((info._0, info._1, info._2), (start, start + WEEK, start + WEEK + DAY), "epoch {e}");
        assert_eq!((info._3, info._5, info._7), (0, U256::ZERO, false), "epoch {e}: no contributions, not closed");
    }
}
