//! Staking on the real Stylus VM (SPEC.md section 9, README "Staking"):
//! in-place locks in FLToken and their multiplier in FLTRewards' scores.
//! Holders get FLT the only way there is: FLTRewards holds the whole
//! supply, so a contributor earns it (register, a recorded contribution,
//! the time lock, a claim) and passes some on by transfer.
//!
//! What it proves:
//! - a stake in each tier 0..=3 emits `Staked(holder, amount, total, tier,
//!   lockEnd)` with `lockEnd = block time + 1/3/6/12 x 30 days`, moves
//!   nothing (no `Transfer`, balance unchanged), and `stakeOf` answers the
//!   amount, tier, lock end and 11,000 / 12,000 / 13,000 / 15,000 bps;
//! - a top-up re-locks the whole position from now; the tier may stay or
//!   rise while locked, lowering it is refused (`FLTStakeTierDecrease`), as
//!   are a zero top-up, a bad tier and a stake above the unstaked balance;
//! - `unstake` before the lock ends is refused (`FLTStakeLocked(lockEnd)`),
//!   from the lock end on it returns the position (`Unstaked`), then
//!   `FLTNoStake`; the multiplier is 1.0x once the lock has ended;
//! - a transfer or `transferFrom` dipping into the locked part is refused
//!   with `FLTLockedBalance(holder, transferable, needed)` while the rest
//!   moves;
//! - a first stake below stakeMin is refused (`FLTStakeBelowMinimum`);
//! - the multiplier shows in the contributor's score: staking rescores the
//!   running entry (`ScoreRefreshed`, epoch total), later recordings use it.
//!
//! Every refusal is mined, fails on chain, decodes to its error with its
//! values, and leaves balances, stakes and the rewards views unchanged.

use alloy_primitives::{Address, Bytes, U256};
use alloy_sol_types::{SolCall, SolEvent};
use flt_node_tests::{
    abi::{FLTRewards, FLToken},
    flows::{self, block_time, record, refuse_token, BASE},
    system::{fresh, System},
    DAY, FLT,
};

const MONTH: u64 = 30 * DAY;
/// stakeMin, 10,000 FLT.
const MIN: u128 = 10_000 * FLT;
const CAP: u128 = 100_000 * FLT;

fn u(v: u128) -> U256 {
    U256::from(v)
}

/// Dev account 5 earns 100,000 FLT as a lone contributor in epoch 0 (and
/// stays registered); returns it. Time is then when epoch 0's claims opened.
fn earner(sys: &System) -> Address {
    let who = sys.at(5);
    let (epoch, paid) = flows::earn(sys, who, 1);
    assert_eq!((epoch, paid), (0, u(CAP)));
    who
}

fn transfer(sys: &System, from: Address, to: Address, value: U256) -> flt_node_tests::Receipt {
    let receipt = sys.client.send(from, sys.token, &FLToken::transferCall { to, value });
    let t = receipt.event::<FLToken::Transfer>(sys.token);
    assert_eq!((t.from, t.to, t.value), (from, to, value));
    receipt
}

fn stake_of(sys: &System, who: Address) -> (U256, u8, u64, u32) {
    let r = sys.client.call(sys.token, &FLToken::stakeOfCall { holder: who });
    (r._0, r._1, r._2, r._3)
}

fn staked(e: &FLToken::Staked) -> (Address, U256, U256, u8, u64) {
    (e.holder, e.amount, e.total, e.tier, e.lockEnd)
}

/// The raw answers of what a refused token call could have changed.
fn snapshot(sys: &System, who: &[Address]) -> Vec<Bytes> {
    let mut calls: Vec<(Address, Vec<u8>)> = vec![
        (sys.token, FLToken::totalSupplyCall {}.abi_encode()),
        (sys.token, FLToken::balanceOfCall { account: sys.rewards }.abi_encode()),
        (sys.rewards, FLTRewards::accountingCall {}.abi_encode()),
    ];
    for &w in who {
        calls.push((sys.token, FLToken::balanceOfCall { account: w }.abi_encode()));
        calls.push((sys.token, FLToken::stakeOfCall { holder: w }.abi_encode()));
        calls.push((sys.token, FLToken::getVotesCall { account: w }.abi_encode()));
    }
    calls
        .into_iter()
        .map(|(to, data)| sys.client.call_raw(Address::ZERO, to, data, U256::ZERO).expect("view answers"))
        .collect()
}

#[test]
fn each_tier_locks_for_its_months_with_its_multiplier() {
    let sys = fresh();
    let first = earner(&sys);
    let holders = [first, sys.at(6), sys.at(7), sys.at(8)];
    for &h in &holders[1..] {
        transfer(&sys, first, h, u(20_000 * FLT));
    }
    for (tier, (&who, (months, bps))) in
        holders.iter().zip([(1u64, 11_000u32), (3, 12_000), (6, 13_000), (12, 15_000)]).enumerate()
    {
        let tier = tier as u8;
        let balance = sys.balance(who);
        let receipt = sys.client.send(who, sys.token, &FLToken::stakeCall { amount: u(MIN), tier });
        let lock_end = block_time(&sys, receipt.block) + months * MONTH;
        assert_eq!(staked(&receipt.event::<FLToken::Staked>(sys.token)), (who, u(MIN), u(MIN), tier, lock_end));
        assert!(receipt.events::<FLToken::Transfer>(sys.token).is_empty(), "nothing moves");
        assert_eq!(receipt.logs.len(), 1, "Staked only (no entry in the running epoch to rescore)");
        assert_eq!(stake_of(&sys, who), (u(MIN), tier, lock_end, bps), "tier {tier}");
        assert_eq!(sys.balance(who), balance, "staked tokens stay in the balance");
    }
    println!("stake tiers 0..=3: multipliers 11000 12000 13000 15000 bps");
}

#[test]
fn a_top_up_relocks_and_the_tier_may_only_rise_while_locked() {
    let sys = fresh();
    let who = earner(&sys);
    let receipt = sys.client.send(who, sys.token, &FLToken::stakeCall { amount: u(MIN), tier: 1 });
    let first_end = block_time(&sys, receipt.block) + 3 * MONTH;
    assert_eq!(stake_of(&sys, who), (u(MIN), 1, first_end, 12_000));
    sys.warp(sys.now() + 10 * DAY);
    // Top-up at the same tier: the whole position re-locks from now.
    let receipt = sys.client.send(who, sys.token, &FLToken::stakeCall { amount: u(5_000 * FLT), tier: 1 });
    let end = block_time(&sys, receipt.block) + 3 * MONTH;
    assert!(end > first_end);
    assert_eq!(staked(&receipt.event::<FLToken::Staked>(sys.token)), (who, u(5_000 * FLT), u(15_000 * FLT), 1, end));
    assert_eq!(stake_of(&sys, who), (u(15_000 * FLT), 1, end, 12_000));
    let before = snapshot(&sys, &[who]);
    // Lower tier while locked, zero top-up, bad tier, more than the unstaked balance.
    refuse_token(
        &sys,
        who,
        &FLToken::stakeCall { amount: u(FLT), tier: 0 },
        FLToken::FLTStakeTierDecrease { current: 1, requested: 0 },
    );
    refuse_token(&sys, who, &FLToken::stakeCall { amount: U256::ZERO, tier: 1 }, FLToken::FLTZeroStake {});
    refuse_token(&sys, who, &FLToken::stakeCall { amount: u(FLT), tier: 4 }, FLToken::FLTInvalidStakeTier { tier: 4 });
    refuse_token(
        &sys,
        who,
        &FLToken::stakeCall { amount: u(85_000 * FLT + 1), tier: 1 },
        FLToken::FLTStakeExceedsBalance { available: u(85_000 * FLT), amount: u(85_000 * FLT + 1) },
    );
    assert_eq!(snapshot(&sys, &[who]), before, "a refused stake changed something");
    // Raising the tier while locked is allowed: 12 months, 1.5x.
    let receipt = sys.client.send(who, sys.token, &FLToken::stakeCall { amount: u(FLT), tier: 3 });
    let end = block_time(&sys, receipt.block) + 12 * MONTH;
    assert_eq!(staked(&receipt.event::<FLToken::Staked>(sys.token)), (who, u(FLT), u(15_001 * FLT), 3, end));
    assert_eq!(stake_of(&sys, who), (u(15_001 * FLT), 3, end, 15_000));
    // Once the lock has ended any tier may be chosen again.
    sys.warp(end);
    assert_eq!(stake_of(&sys, who).3, 10_000, "an ended lock no longer multiplies");
    let receipt = sys.client.send(who, sys.token, &FLToken::stakeCall { amount: u(FLT), tier: 0 });
    let end = block_time(&sys, receipt.block) + MONTH;
    assert_eq!(stake_of(&sys, who), (u(15_002 * FLT), 0, end, 11_000));
}

#[test]
fn unstake_only_from_the_lock_end_on() {
    let sys = fresh();
    let who = earner(&sys);
    let receipt = sys.client.send(who, sys.token, &FLToken::stakeCall { amount: u(MIN), tier: 0 });
    let lock_end = block_time(&sys, receipt.block) + MONTH;
    sys.warp(lock_end - 60);
    let before = snapshot(&sys, &[who]);
    refuse_token(&sys, who, &FLToken::unstakeCall {}, FLToken::FLTStakeLocked { lockEnd: lock_end });
    assert_eq!(snapshot(&sys, &[who]), before);
    sys.warp(lock_end);
    assert_eq!(stake_of(&sys, who), (u(MIN), 0, lock_end, 10_000), "the lock has ended: 1.0x");
    let receipt = sys.client.send(who, sys.token, &FLToken::unstakeCall {});
    let ev = receipt.event::<FLToken::Unstaked>(sys.token);
    assert_eq!((ev.holder, ev.amount), (who, u(MIN)));
    assert!(receipt.events::<FLToken::Transfer>(sys.token).is_empty(), "nothing moves");
    assert_eq!(stake_of(&sys, who), (U256::ZERO, 0, 0, 10_000));
    assert_eq!(sys.balance(who), u(CAP));
    let before = snapshot(&sys, &[who]);
    refuse_token(&sys, who, &FLToken::unstakeCall {}, FLToken::FLTNoStake { holder: who });
    assert_eq!(snapshot(&sys, &[who]), before);
}

#[test]
fn a_transfer_may_not_dip_into_the_locked_part() {
    let sys = fresh();
    let who = earner(&sys);
    let (to, spender) = (sys.at(6), sys.at(7));
    sys.client.send(who, sys.token, &FLToken::stakeCall { amount: u(60_000 * FLT), tier: 0 });
    let free = u(40_000 * FLT);
    let before = snapshot(&sys, &[who, to]);
    refuse_token(
        &sys,
        who,
        &FLToken::transferCall { to, value: free + u(1) },
        FLToken::FLTLockedBalance { holder: who, transferable: free, needed: free + u(1) },
    );
    assert_eq!(snapshot(&sys, &[who, to]), before);
    // Through an allowance too.
    sys.client.send(who, sys.token, &FLToken::approveCall { spender, value: U256::MAX });
    let before = snapshot(&sys, &[who, to]);
    refuse_token(
        &sys,
        spender,
        &FLToken::transferFromCall { from: who, to, value: u(50_000 * FLT) },
        FLToken::FLTLockedBalance { holder: who, transferable: free, needed: u(50_000 * FLT) },
    );
    assert_eq!(snapshot(&sys, &[who, to]), before);
    // The unlocked part moves; then nothing more does.
    transfer(&sys, who, to, free);
    assert_eq!((sys.balance(who), sys.balance(to)), (u(60_000 * FLT), free));
    refuse_token(
        &sys,
        who,
        &FLToken::transferCall { to, value: u(1) },
        FLToken::FLTLockedBalance { holder: who, transferable: U256::ZERO, needed: u(1) },
    );
    assert_eq!(stake_of(&sys, who).0, u(60_000 * FLT));
}

#[test]
fn a_first_stake_below_stake_min_is_refused() {
    let sys = fresh();
    let who = earner(&sys);
    let before = snapshot(&sys, &[who]);
    refuse_token(
        &sys,
        who,
        &FLToken::stakeCall { amount: u(MIN - 1), tier: 0 },
        FLToken::FLTStakeBelowMinimum { amount: u(MIN - 1), minimum: u(MIN) },
    );
    assert_eq!(snapshot(&sys, &[who]), before);
    assert_eq!(stake_of(&sys, who), (U256::ZERO, 0, 0, 10_000));
    // Exactly stakeMin is enough.
    sys.client.send(who, sys.token, &FLToken::stakeCall { amount: u(MIN), tier: 0 });
    assert_eq!(stake_of(&sys, who).0, u(MIN));
}

#[test]
fn the_multiplier_shows_in_the_contributors_score() {
    let sys = fresh();
    let who = earner(&sys);
    let other = sys.at(6);
    transfer(&sys, who, other, u(20_000 * FLT));
    flows::register(&sys, other);
    let epoch = flows::current_epoch(&sys).0;
    assert_eq!(epoch, 1);
    // An unstaked neutral contribution: 1,000,000.
    let receipt = record(&sys, who, 2, BASE, BASE);
    assert_eq!(receipt.event::<FLTRewards::ContributionRecorded>(sys.rewards).score, u(1_000_000));
    // Staking for 12 months rescores the running entry at once (FLToken
    // reports the multiplier to FLTRewards in the same transaction).
    let receipt = sys.client.send(who, sys.token, &FLToken::stakeCall { amount: u(MIN), tier: 3 });
    let refreshed = receipt.event::<FLTRewards::ScoreRefreshed>(sys.rewards);
    assert_eq!((refreshed.contributor, refreshed.epoch, refreshed.score), (who, epoch, u(1_500_000)));
    assert_eq!(
        receipt.log_kinds(),
        vec![(sys.token, FLToken::Staked::SIGNATURE_HASH), (sys.rewards, FLTRewards::ScoreRefreshed::SIGNATURE_HASH)]
    );
    let info = sys.client.call(sys.rewards, &FLTRewards::epochInfoCall { epoch });
    assert_eq!((info._3, info._4), (1, u(1_500_000)), "the total follows");
    // A later contribution reads the stake again: base 2,000,000 x 1.5.
    let receipt = record(&sys, who, 3, BASE, BASE);
    assert_eq!(receipt.event::<FLTRewards::ContributionRecorded>(sys.rewards).score, u(3_000_000));
    // A tier-0 staker who contributes after staking: 1.1x from the start.
    sys.client.send(other, sys.token, &FLToken::stakeCall { amount: u(MIN), tier: 0 });
    let receipt = record(&sys, other, 4, BASE, BASE);
    assert_eq!(receipt.event::<FLTRewards::ContributionRecorded>(sys.rewards).score, u(1_100_000));
    let entry = sys.client.call(sys.rewards, &FLTRewards::contributorEpochCall { contributor: other, epoch });
    assert_eq!((entry._0, entry._2, entry._3), (1, u(1_100_000), true));
    let info = sys.client.call(sys.rewards, &FLTRewards::epochInfoCall { epoch });
    assert_eq!((info._3, info._4), (2, u(4_100_000)));
    // refreshScore (anyone) after the stake changes nothing more.
    let receipt = sys.client.send(sys.at(9), sys.rewards, &FLTRewards::refreshScoreCall { contributor: other });
    assert_eq!(receipt.event::<FLTRewards::ScoreRefreshed>(sys.rewards).score, u(1_100_000));
    assert_eq!(sys.client.call(sys.rewards, &FLTRewards::epochInfoCall { epoch })._4, u(4_100_000));
}
