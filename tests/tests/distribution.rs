//! The weekly distribution end to end (SPEC.md sections 5 and 6), with
//! FLToken and FLTRewards deployed together and paying for real.

use alloy_primitives::{Address, U256};
use fl_rewards::{
    errors::{Error, FLTNotEligible},
    events::{EpochClosed, RewardClaimed},
};
use flt_system_tests::*;
use motsu::prelude::*;

const BASE: u32 = 800_000;

fn u(v: u128) -> U256 {
    U256::from(v)
}

/// Week 0 of the scenario: twelve contributors of different behaviour.
/// Returns them in order h0..h3, strong, free rider, poisoner, negative,
/// sporadic, steady, idle, recovering.
fn week0(s: &System) -> [Address; 12] {
    let c: [Address; 12] = core::array::from_fn(|i| addr(i as u64 + 1));
    for who in c {
        s.register(who);
    }
    let v = s.validator;
    let r = &s.rewards;
    let mut id = 0;
    let mut rec = |who: Address, delta: i64| {
        id += 1;
        let new = (i64::from(BASE) + delta) as u32;
        r.sender(v).record_contribution(who, cid(id), BASE, new).motsu_unwrap();
    };
    for h in &c[..4] {
        rec(*h, 2_000); // ema 400: neutral; score 1_000_000 + 100 * 2_000 = 1_200_000
    }
    rec(c[4], 10_000); // ema 2_000 -> 1.1111x; base 2_000_000 -> 2_222_200
    rec(c[5], 0); // free rider: 1_000_000
    rec(c[6], -20_000); // poisoner: severe, count 0 -> ineligible
    rec(c[7], -5_000); // negative: ema -1_000 (neutral edge), then
    rec(c[7], -5_000); // ema -1_800 -> 0.5x; base 2_000_000 -> 1_000_000
    rec(c[8], 100_000); // sporadic: ema 20_000 -> 2.0x; base 11_000_000 -> 22_000_000
    for _ in 0..5 {
        rec(c[9], 1_000); // steady: ema 672; base 5_500_000
    }
    // c[10] registered, never contributes.
    rec(c[11], -20_000); // severe, ema -4_000
    rec(c[11], 3_000); // ema -2_600 -> 0.5x; base 1_300_000 -> 650_000
    c
}

#[motsu::test]
fn twelve_contributors_over_three_weeks_are_paid_the_hand_computed_amounts() {
    let s = System::deploy();
    let c = week0(&s);
    let info = s.rewards.sender(s.deployer).epoch_info(0);
    assert_eq!((info.3, info.4), (10, u(37_172_200)), "n and S of week 0");
    let scores: Vec<U256> = c.iter().map(|w| s.rewards.sender(*w).contributor_epoch(*w, 0).2).collect();
    let expected = [
        1_200_000, 1_200_000, 1_200_000, 1_200_000, 2_222_200, 1_000_000, 0, 1_000_000, 22_000_000, 5_500_000, 0,
        650_000,
    ];
    assert_eq!(scores, expected.map(u));
    assert_eq!(s.rewards.sender(c[9]).contributor_info(c[9]).2, 672);

    // Week 1: two of them again; the poisoner's average carries over.
    advance(WEEK);
    s.record(c[0], 100, BASE, BASE + 2_000).motsu_unwrap(); // ema 720, score 1_200_000
    s.record(c[8], 101, BASE, BASE).motsu_unwrap(); // ema 16_000 -> 2.0x, score 2_000_000
    s.rewards.assert_emitted(&EpochClosed { epoch: 0, pool: POOL, eligibleCount: 10, totalScore: u(37_172_200) });
    assert_eq!(s.accounting(), (U256::from(999_000_000u64) * FLT, POOL));
    s.assert_invariants();

    // Week 2 is idle; claims for week 0 opened a day into week 1.
    advance(WEEK + DAY);
    // P = 10^24, floors 10^21 each (10 * 10^21 <= P), rest 9.9 * 10^23 by score, cap 10^23.
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
        (11, 18_311_324_053_997_342_099_741, 6), // last claim: returns the 6 wei of dust
    ];
    for (i, payout, returned) in payouts {
        let who = c[i];
        assert_eq!(s.rewards.sender(who).pending_reward(who, 0), u(payout), "pending of c{i}");
        assert_eq!(s.rewards.sender(who).claim(vec![0]).motsu_unwrap(), u(payout));
        s.rewards.assert_emitted(&RewardClaimed {
            contributor: who,
            epoch: 0,
            payout: u(payout),
            returned: u(returned),
        });
        assert_eq!(s.balance(who), u(payout));
        s.assert_invariants();
    }
    for i in [6, 10] {
        let err = s.rewards.sender(c[i]).claim(vec![0]).motsu_unwrap_err();
        assert_eq!(err, Error::NotEligible(FLTNotEligible { epoch: 0, contributor: c[i] }));
    }
    // Week 0 fully claimed: its earmark is gone. Week 1 has two
    // contributors at a 10 % cap, so only their two caps were earmarked
    // (SPEC section 6, v1.1).
    let paid: u128 = payouts.iter().map(|p| p.1).sum();
    let (reserve, earmarked) = s.accounting();
    assert_eq!(earmarked, CAP + CAP, "only week 1 remains earmarked: two caps");
    assert_eq!(reserve, U256::from(1_000_000_000u64) * FLT - CAP - CAP - u(paid));
    assert_eq!(s.rewards.sender(s.deployer).epoch_info(0).6, 10, "all ten claimed");

    // Week 1: n = 2, S = 3_200_000: raw 3.7525e23 and 6.2475e23, both
    // capped; each held one cap of the earmark, so nothing returns.
    for who in [c[0], c[8]] {
        s.rewards.sender(who).claim(vec![1]).motsu_unwrap();
        s.rewards.assert_emitted(&RewardClaimed { contributor: who, epoch: 1, payout: CAP, returned: U256::ZERO });
    }
    assert_eq!(s.accounting().1, U256::ZERO);
    assert_eq!(s.balance(c[8]), u(200_000 * 10u128.pow(18)));
    // Week 2 had nobody: nothing moved, nothing to claim.
    assert_eq!(s.epoch_pool(2), U256::ZERO);
    s.assert_invariants();
}

#[motsu::test]
fn floors_are_suspended_when_they_cannot_all_be_met() {
    // 1,001 eligible contributors: 1,001 floors of 1,000 FLT exceed the pool,
    // so the pool is split by score alone (equal scores: P / 1001 each).
    let s = System::deploy();
    let n = 1_001u64;
    let batch: Vec<_> = (0..n)
        .map(|i| {
            let who = addr(10_000 + i);
            s.register(who);
            item(who, i, BASE, BASE)
        })
        .collect();
    for chunk in batch.chunks(250) {
        s.rewards.sender(s.validator).record_contributions(chunk.to_vec()).motsu_unwrap();
    }
    assert_eq!(s.rewards.sender(s.deployer).epoch_info(0).3, 1_001);
    advance(WEEK + DAY);
    let share = POOL / U256::from(n);
    for i in 0..n {
        let who = addr(10_000 + i);
        assert_eq!(s.rewards.sender(s.deployer).pending_reward(who, 0), share);
        s.rewards.sender(s.deployer).claim_for(who, vec![0]).motsu_unwrap();
    }
    // Σ raw = 1001 * floor(P / 1001): the remainder came back as dust.
    assert_eq!(s.accounting(), (U256::from(1_000_000_000u64) * FLT - share * U256::from(n), U256::ZERO));
    s.assert_invariants();
}

#[motsu::test]
fn a_lone_contributor_is_floored_and_capped() {
    let s = System::deploy();
    let who = addr(1);
    s.register(who);
    s.record(who, 1, BASE, BASE + 500).motsu_unwrap();
    advance(WEEK + DAY);
    // raw = floor + (P - floor) * s / s = P; payout = cap (10 %). Only the
    // cap left the reserve (SPEC section 6, v1.1), so nothing returns.
    let cap = POOL / U256::from(10u8);
    assert_eq!(s.accounting(), (U256::from(1_000_000_000u64) * FLT - cap, cap));
    s.rewards.sender(who).claim(vec![0]).motsu_unwrap();
    s.rewards.assert_emitted(&RewardClaimed { contributor: who, epoch: 0, payout: cap, returned: U256::ZERO });
    assert_eq!(s.accounting(), (U256::from(1_000_000_000u64) * FLT - cap, U256::ZERO));
    s.assert_invariants();
}

#[motsu::test]
fn fifty_two_idle_weeks_are_skipped_in_one_call() {
    let s = System::deploy();
    let who = addr(1);
    s.register(who);
    // The running epoch before its first contribution: claims open at its
    // end + claimDelay too.
    let running = s.rewards.sender(who).epoch_info(0);
    assert_eq!((running.1, running.2, running.7), (T0 + WEEK, T0 + WEEK + DAY, false));
    s.record(who, 1, BASE, BASE).motsu_unwrap();
    advance(52 * WEEK + 3 * DAY);
    let before = s.rewards.all_events().len();
    s.record(who, 2, BASE, BASE).motsu_unwrap();
    let events = s.rewards.all_events();
    // One roll: epoch 0 closes, no per-week work for the 51 idle weeks.
    assert_eq!(events.len() - before, 2, "EpochClosed(0) and ContributionRecorded only");
    s.rewards.assert_emitted(&EpochClosed {
        epoch: 0,
        pool: POOL,
        eligibleCount: 1,
        totalScore: U256::from(1_000_000u32),
    });
    assert_eq!(s.rewards.sender(who).current_epoch().motsu_unwrap(), (52, T0 + 52 * WEEK, T0 + 53 * WEEK));
    assert_eq!(s.rewards.sender(who).contributor_epoch(who, 52).0, 1);
    for idle in [1, 26, 51] {
        let info = s.rewards.sender(who).epoch_info(idle);
        assert_eq!((info.0, info.3, info.5, info.7), (T0 + idle * WEEK, 0, U256::ZERO, true), "idle week {idle}");
        // SPEC section 6: claims open at end + claimDelay (1 day), with or
        // without contributions (issue 13, item 7).
        assert_eq!((info.1, info.2), (T0 + (idle + 1) * WEEK, T0 + (idle + 1) * WEEK + DAY), "idle week {idle}");
    }
    // A future epoch: the same rule.
    let next = s.rewards.sender(who).epoch_info(53);
    assert_eq!((next.1, next.2, next.7), (T0 + 54 * WEEK, T0 + 54 * WEEK + DAY, false));
    assert_eq!(s.accounting().1, CAP, "only epoch 0 earmarked: one contributor's cap");
    // A far-future epoch answers without overflowing (debug builds would panic).
    let far = s.rewards.sender(who).epoch_info(u64::MAX);
    assert_eq!((far.0, far.1, far.3, far.7), (u64::MAX, u64::MAX, 0, false));
    s.assert_invariants();
}

#[motsu::test]
fn pools_shrink_then_stop_when_the_reserve_runs_out() {
    let s = System::deploy();
    let who = addr(1);
    s.register(who);
    // Week 0 at the 10 % cap: only the cap is earmarked, and paid.
    s.record(who, 0, BASE, BASE).motsu_unwrap();
    // A 100 % cap from week 1, so that a lone contributor can be paid the
    // whole pool and the reserve runs out in ~1,000 weeks.
    s.rewards.sender(s.governor).set_parameter(2, U256::from(10_000u32)).motsu_unwrap();
    advance(WEEK + DAY);
    s.rewards.sender(who).claim(vec![0]).motsu_unwrap();
    s.rewards.assert_emitted(&RewardClaimed { contributor: who, epoch: 0, payout: CAP, returned: U256::ZERO });
    // Now a day into week 1. 10^9 FLT - 10^5 FLT paid = 999.9 pools: weeks 1..=999 take a full pool each.
    for week in 1..=1_001u64 {
        s.record(who, week, BASE, BASE).motsu_unwrap();
        advance(WEEK);
    }
    s.record(who, 2_000, BASE, BASE).motsu_unwrap(); // rolls week 1001 closed
    assert_eq!(s.epoch_pool(999), POOL);
    assert_eq!(s.epoch_pool(1_000), U256::from(900_000u32) * FLT, "the last pool shrinks to what is left");
    assert_eq!(s.epoch_pool(1_001), U256::ZERO, "then pools stop");
    // Everything earmarked can be paid: each week's one contributor is owed its whole pool.
    assert_eq!(s.accounting(), (U256::ZERO, U256::from(1_000_000_000u64 - 100_000) * FLT));
    // An empty pool pays nothing but is still claimable once.
    assert_eq!(s.rewards.sender(who).claim(vec![1_001]).motsu_unwrap(), U256::ZERO);
    let paid = s.rewards.sender(who).claim(vec![1_000]).motsu_unwrap();
    assert_eq!(paid, U256::from(900_000u32) * FLT, "100 % of the shrunken pool");
    let weeks: Vec<u64> = (1..1_000).collect();
    assert_eq!(s.rewards.sender(who).claim(weeks).motsu_unwrap(), U256::from(999u32) * POOL);
    assert_eq!(s.accounting(), (U256::ZERO, U256::ZERO), "nothing earmarked that no one is owed");
    s.assert_invariants();
}

#[motsu::test]
fn a_small_epoch_earmarks_only_its_caps() {
    // SPEC section 6 (v1.1): min(P, n * maxAmt). One contributor at the
    // default 10 % cap takes one cap out of the reserve, not the pool.
    let s = System::deploy();
    let (a, b) = (addr(1), addr(2));
    s.register(a);
    s.register(b);
    s.record(a, 1, BASE, BASE).motsu_unwrap();
    advance(WEEK);
    s.record(a, 2, BASE, BASE).motsu_unwrap(); // closes week 0 (n = 1)
    assert_eq!(s.accounting(), (U256::from(1_000_000_000u64) * FLT - CAP, CAP));
    s.rewards.assert_emitted(&EpochClosed {
        epoch: 0,
        pool: POOL,
        eligibleCount: 1,
        totalScore: U256::from(1_000_000u32),
    });
    s.record(b, 3, BASE, BASE).motsu_unwrap();
    advance(WEEK);
    s.record(a, 4, BASE, BASE).motsu_unwrap(); // closes week 1 (n = 2)
    assert_eq!(s.accounting(), (U256::from(1_000_000_000u64) * FLT - CAP * U256::from(3u8), CAP * U256::from(3u8)));
    s.assert_invariants();
}
