//! Staking as in-place locks (SPEC.md section 9) and its multiplier in
//! real payouts (section 5), with the contracts deployed together.

use alloy_primitives::{Address, U256};
use fl_rewards::{
    errors::{Error as RewardsError, FLTOnlyToken},
    events::ScoreRefreshed,
};
use fl_token::{
    errors::*,
    events::{Staked, Unstaked},
};
use flt_system_tests::*;
use motsu::prelude::*;

const BASE: u32 = 800_000;
const MONTH: u64 = 30 * DAY;
const MIN: U256 = alloy_primitives::uint!(10_000_000_000_000_000_000_000_U256);

fn flt(n: u64) -> U256 {
    U256::from(n) * FLT
}

/// Deploys and funds `holder` with 100,000 FLT.
fn funded(holder: Address) -> System {
    let s = System::deploy();
    s.fund(&[holder]);
    s
}

type StakeView = (U256, u8, u64, u32);

/// What a refused staking call could have touched.
fn snapshot(s: &System, who: Address) -> (U256, StakeView, usize) {
    (s.balance(who), s.token.sender(who).stake_of(who), s.token.all_events().len())
}

#[motsu::test]
fn a_stake_locks_in_place_and_keeps_the_balance() {
    let who = addr(1);
    let s = funded(who);
    let events = s.token.all_events().len();
    s.token.sender(who).stake(MIN, 1).motsu_unwrap();
    let lock_end = now() + 3 * MONTH;
    s.token.assert_emitted(&Staked { holder: who, amount: MIN, total: MIN, tier: 1, lockEnd: lock_end });
    assert_eq!(s.token.all_events().len(), events + 1, "Staked only: no Transfer, nothing moves");
    assert_eq!(s.token.sender(who).stake_of(who), (MIN, 1, lock_end, 12_000));
    assert_eq!(s.balance(who), CAP);
    s.assert_invariants();
}

#[motsu::test]
fn each_tier_locks_for_its_months_with_its_multiplier() {
    let holders = [addr(1), addr(2), addr(3), addr(4)];
    let s = System::deploy();
    s.fund(&holders);
    for (tier, (who, (months, bps))) in
        holders.iter().zip([(1, 11_000), (3, 12_000), (6, 13_000), (12, 15_000)]).enumerate()
    {
        s.token.sender(*who).stake(MIN, tier as u8).motsu_unwrap();
        assert_eq!(s.token.sender(*who).stake_of(*who), (MIN, tier as u8, now() + months * MONTH, bps));
    }
}

#[motsu::test]
fn each_tier_multiplier_shows_in_a_real_payout() {
    // Four stakers (tiers 0..=3) and sixteen unstaked contributors, all with
    // one neutral contribution: scores 1,000,000 x the stake multiplier.
    let stakers = [addr(1), addr(2), addr(3), addr(4)];
    let fillers: Vec<Address> = (0..16).map(|i| addr(100 + i)).collect();
    let s = System::deploy();
    s.fund(&stakers);
    for (tier, who) in stakers.iter().enumerate() {
        s.token.sender(*who).stake(MIN, tier as u8).motsu_unwrap();
    }
    for who in &fillers {
        s.register(*who);
    }
    for who in stakers.iter().chain(&fillers) {
        s.contribute(*who, BASE, BASE);
    }
    let scores = [1_100_000u64, 1_200_000, 1_300_000, 1_500_000];
    for (who, score) in stakers.iter().zip(scores) {
        assert_eq!(s.rewards.sender(*who).contributor_epoch(*who, 1).2, U256::from(score));
    }
    let total = U256::from(16_000_000u64 + scores.iter().sum::<u64>());
    assert_eq!(s.rewards.sender(s.deployer).epoch_info(1).4, total);
    advance(WEEK);
    // 20 floors of 1,000 FLT, 980,000 FLT by score; nobody reaches the cap.
    let floor = flt(1_000);
    let rest = flt(980_000);
    let mut paid = Vec::new();
    for (who, score) in stakers.iter().zip(scores) {
        let before = s.balance(*who);
        s.rewards.sender(*who).claim(vec![1]).motsu_unwrap();
        let payout = s.balance(*who) - before;
        assert_eq!(payout, floor + rest * U256::from(score) / total);
        paid.push(payout - floor);
    }
    // Identical contributors but for the tier: shares in the ratio of the
    // multipliers (15,000 : 11,000), up to one wei of rounding each.
    let (low, high) = (paid[0], paid[3]);
    let (a, b) = (high * U256::from(11_000u32), low * U256::from(15_000u32));
    assert!(a.abs_diff(b) <= U256::from(15_000u32), "{high} / {low} is 15/11");
    s.assert_invariants();
}

#[motsu::test]
fn staking_during_an_epoch_rescores_the_entry() {
    let who = addr(1);
    let s = funded(who);
    s.contribute(who, BASE, BASE);
    assert_eq!(s.rewards.sender(who).contributor_epoch(who, 1).2, U256::from(1_000_000u32));
    s.token.sender(who).stake(MIN, 3).motsu_unwrap();
    s.rewards.assert_emitted(&ScoreRefreshed { contributor: who, epoch: 1, score: U256::from(1_500_000u32) });
    assert_eq!(s.rewards.sender(who).epoch_info(1).4, U256::from(1_500_000u32));
    // Only FLToken may report stake changes.
    let err = s.rewards.sender(who).on_stake_changed(who, 15_000).motsu_unwrap_err();
    assert_eq!(err, RewardsError::OnlyToken(FLTOnlyToken { caller: who }));
}

#[motsu::test]
fn an_ended_lock_no_longer_multiplies() {
    let who = addr(1);
    let s = funded(who);
    s.token.sender(who).stake(MIN, 0).motsu_unwrap();
    advance(MONTH);
    assert_eq!(s.token.sender(who).stake_of(who).3, 10_000);
    s.contribute(who, BASE, BASE);
    let epoch = s.rewards.sender(who).current_epoch().motsu_unwrap().0;
    assert_eq!(s.rewards.sender(who).contributor_epoch(who, epoch).2, U256::from(1_000_000u32));
}

#[motsu::test]
fn a_stake_below_the_minimum_is_refused_unchanged() {
    let who = addr(1);
    let s = funded(who);
    let before = snapshot(&s, who);
    let err = s.token.sender(who).stake(MIN - U256::from(1u8), 0).motsu_unwrap_err();
    assert_eq!(err, Error::StakeBelowMinimum(FLTStakeBelowMinimum { amount: MIN - U256::from(1u8), minimum: MIN }));
    assert_eq!(snapshot(&s, who), before);
}

#[motsu::test]
fn a_bad_tier_is_refused_unchanged() {
    let who = addr(1);
    let s = funded(who);
    let before = snapshot(&s, who);
    for tier in [4u8, 255] {
        let err = s.token.sender(who).stake(MIN, tier).motsu_unwrap_err();
        assert_eq!(err, Error::InvalidStakeTier(FLTInvalidStakeTier { tier }));
    }
    assert_eq!(snapshot(&s, who), before);
}

#[motsu::test]
fn the_tier_only_rises_while_locked_and_is_free_after() {
    let who = addr(1);
    let s = funded(who);
    s.token.sender(who).stake(MIN, 2).motsu_unwrap();
    let before = snapshot(&s, who);
    let err = s.token.sender(who).stake(FLT, 1).motsu_unwrap_err();
    assert_eq!(err, Error::StakeTierDecrease(FLTStakeTierDecrease { current: 2, requested: 1 }));
    assert_eq!(snapshot(&s, who), before);
    // Same tier or higher re-locks the whole position from now.
    advance(10 * DAY);
    s.token.sender(who).stake(FLT, 3).motsu_unwrap();
    assert_eq!(s.token.sender(who).stake_of(who), (MIN + FLT, 3, now() + 12 * MONTH, 15_000));
    // Once ended, any tier.
    advance(12 * MONTH);
    s.token.sender(who).stake(FLT, 0).motsu_unwrap();
    s.token.assert_emitted(&Staked { holder: who, amount: FLT, total: MIN + flt(2), tier: 0, lockEnd: now() + MONTH });
}

#[motsu::test]
fn a_zero_top_up_is_refused_unchanged() {
    let who = addr(1);
    let s = funded(who);
    s.token.sender(who).stake(MIN, 0).motsu_unwrap();
    let before = snapshot(&s, who);
    let err = s.token.sender(who).stake(U256::ZERO, 0).motsu_unwrap_err();
    assert_eq!(err, Error::ZeroStake(FLTZeroStake {}));
    assert_eq!(snapshot(&s, who), before);
}

#[motsu::test]
fn staking_more_than_the_balance_is_refused_unchanged() {
    let who = addr(1);
    let s = funded(who);
    let before = snapshot(&s, who);
    let err = s.token.sender(who).stake(CAP + U256::from(1u8), 0).motsu_unwrap_err();
    assert_eq!(
        err,
        Error::StakeExceedsBalance(FLTStakeExceedsBalance { available: CAP, amount: CAP + U256::from(1u8) })
    );
    assert_eq!(snapshot(&s, who), before);
    // A top-up counts only the unstaked part.
    s.token.sender(who).stake(flt(60_000), 0).motsu_unwrap();
    let err = s.token.sender(who).stake(flt(40_001), 0).motsu_unwrap_err();
    assert_eq!(err, Error::StakeExceedsBalance(FLTStakeExceedsBalance { available: flt(40_000), amount: flt(40_001) }));
    s.token.sender(who).stake(flt(40_000), 0).motsu_unwrap();
    assert_eq!(s.token.sender(who).stake_of(who).0, CAP);
}

#[motsu::test]
fn unstake_only_after_the_lock_ends() {
    let who = addr(1);
    let s = funded(who);
    let err = s.token.sender(who).unstake().motsu_unwrap_err();
    assert_eq!(err, Error::NoStake(FLTNoStake { holder: who }));
    s.token.sender(who).stake(MIN, 1).motsu_unwrap();
    let lock_end = now() + 3 * MONTH;
    advance(3 * MONTH - 1);
    let before = snapshot(&s, who);
    let err = s.token.sender(who).unstake().motsu_unwrap_err();
    assert_eq!(err, Error::StakeLocked(FLTStakeLocked { lockEnd: lock_end }));
    assert_eq!(snapshot(&s, who), before);
    advance(1);
    s.token.sender(who).unstake().motsu_unwrap();
    s.token.assert_emitted(&Unstaked { holder: who, amount: MIN });
    assert_eq!(s.token.sender(who).stake_of(who), (U256::ZERO, 0, 0, 10_000));
    assert_eq!(s.balance(who), CAP);
}

#[motsu::test]
fn locked_tokens_do_not_move_by_transfer_transfer_from_or_permit() {
    let (who, bob, spender) = (addr(1), addr(2), addr(3));
    let s = funded(who);
    s.token.sender(who).stake(flt(70_000), 3).motsu_unwrap();
    let locked =
        |needed: U256| Error::LockedBalance(FLTLockedBalance { holder: who, transferable: flt(30_000), needed });
    let before = (s.balance(who), s.balance(bob));
    assert_eq!(s.token.sender(who).transfer(bob, flt(30_001)).motsu_unwrap_err(), locked(flt(30_001)));
    s.token.sender(who).approve(spender, U256::MAX).motsu_unwrap();
    assert_eq!(s.token.sender(spender).transfer_from(who, bob, flt(50_000)).motsu_unwrap_err(), locked(flt(50_000)));
    assert_eq!((s.balance(who), s.balance(bob)), before);
    assert_eq!(s.token.sender(who).allowance(who, spender), U256::MAX);
    // The unlocked rest moves.
    s.token.sender(spender).transfer_from(who, bob, flt(10_000)).motsu_unwrap();
    s.token.sender(who).transfer(bob, flt(20_000)).motsu_unwrap();
    assert_eq!((s.balance(who), s.balance(bob)), (flt(70_000), flt(30_000)));
    assert_eq!(
        s.token.sender(who).transfer(bob, U256::from(1u8)).motsu_unwrap_err(),
        Error::LockedBalance(FLTLockedBalance { holder: who, transferable: U256::ZERO, needed: U256::from(1u8) })
    );
    assert_eq!(s.token.sender(who).stake_of(who).0, flt(70_000), "the position is intact");
    s.assert_invariants();
}

#[motsu::test]
fn locked_tokens_do_not_move_through_a_permit_either() {
    use alloy_signer::SignerSync;
    use alloy_sol_types::{eip712_domain, sol, SolStruct};
    sol! { struct Permit { address owner; address spender; uint256 value; uint256 nonce; uint256 deadline; } }
    let owner = Account::from_seed("permit owner");
    let (who, spender) = (owner.address(), addr(3));
    let s = funded(who);
    s.token.sender(who).stake(flt(90_000), 0).motsu_unwrap();
    let permit = Permit { owner: who, spender, value: CAP, nonce: U256::ZERO, deadline: U256::from(now() + 60) };
    let domain = eip712_domain! { name: "Federated Learning Token", version: "1", chain_id: 42_161, verifying_contract: s.token.address(), };
    let sig = owner.signer().sign_hash_sync(&permit.eip712_signing_hash(&domain)).unwrap();
    s.token
        .sender(spender)
        .permit(who, spender, CAP, permit.deadline, 27 + u8::from(sig.v()), sig.r().into(), sig.s().into())
        .motsu_unwrap();
    let err = s.token.sender(spender).transfer_from(who, spender, flt(10_001)).motsu_unwrap_err();
    assert_eq!(
        err,
        Error::LockedBalance(FLTLockedBalance { holder: who, transferable: flt(10_000), needed: flt(10_001) })
    );
    s.token.sender(spender).transfer_from(who, spender, flt(10_000)).motsu_unwrap();
    assert_eq!(s.balance(spender), flt(10_000));
}

#[motsu::test]
fn after_the_lock_ends_tokens_move_and_the_position_shrinks() {
    let (who, bob) = (addr(1), addr(2));
    let s = funded(who);
    s.token.sender(who).stake(flt(80_000), 0).motsu_unwrap();
    let lock_end = now() + MONTH;
    advance(MONTH);
    s.token.sender(who).transfer(bob, flt(50_000)).motsu_unwrap();
    // 50,000 left: the ended position shrinks to what the holder still has.
    assert_eq!(s.token.sender(who).stake_of(who), (flt(50_000), 0, lock_end, 10_000));
    s.token.sender(who).unstake().motsu_unwrap();
    s.token.assert_emitted(&Unstaked { holder: who, amount: flt(50_000) });
    s.assert_invariants();
}
