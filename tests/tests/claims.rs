//! Claims: the time lock, once per (epoch, contributor), all-or-nothing
//! lists, and claimFor (SPEC.md section 6).

use alloy_primitives::{Address, U256};
use fl_rewards::{
    errors::*,
    events::{EpochClosed, RewardClaimed},
};
use flt_system_tests::*;
use motsu::prelude::*;

const BASE: u32 = 800_000;

/// Two contributors with equal scores in epoch 0 (and `a` alone in epoch 1):
/// each is owed half of epoch 0's pool, capped at 10 %.
fn setup() -> (System, Address, Address) {
    let s = System::deploy();
    let (a, b) = (addr(1), addr(2));
    s.register(a);
    s.register(b);
    s.record(a, 1, BASE, BASE).motsu_unwrap();
    s.record(b, 2, BASE, BASE).motsu_unwrap();
    advance(WEEK);
    s.record(a, 3, BASE, BASE).motsu_unwrap();
    (s, a, b)
}

/// What a refused claim could have touched.
fn snapshot(s: &System, who: Address) -> ((U256, U256), U256, EntryView, usize) {
    (s.accounting(), s.balance(who), s.rewards.sender(who).contributor_epoch(who, 0), s.rewards.all_events().len())
}

#[motsu::test]
fn claims_open_only_after_the_time_lock() {
    let (s, a, _) = setup();
    let before = snapshot(&s, a);
    // Epoch 0 ended at T0 + WEEK; claims open one claimDelay (1 day) later.
    advance(DAY - 1);
    let err = s.rewards.sender(a).claim(vec![0]).motsu_unwrap_err();
    assert_eq!(err, Error::ClaimNotOpen(FLTClaimNotOpen { epoch: 0, opensAt: T0 + WEEK + DAY }));
    // The running epoch is not claimable either.
    let err = s.rewards.sender(a).claim(vec![1]).motsu_unwrap_err();
    assert_eq!(err, Error::ClaimNotOpen(FLTClaimNotOpen { epoch: 1, opensAt: T0 + 2 * WEEK + DAY }));
    assert_eq!(snapshot(&s, a), before);
    // Epoch 1 has ended but nothing has closed it: a claim rolls first, so a
    // refused claim must undo the roll it began with.
    advance(WEEK);
    let before = snapshot(&s, a);
    let err = s.rewards.sender(a).claim(vec![1]).motsu_unwrap_err();
    assert_eq!(err, Error::ClaimNotOpen(FLTClaimNotOpen { epoch: 1, opensAt: T0 + 2 * WEEK + DAY }));
    assert_eq!(snapshot(&s, a), before, "no EpochClosed, no earmark");
    // The roll was pending: the next successful call performs it.
    let total_score = s.rewards.sender(a).epoch_info(1).4;
    assert_eq!(s.rewards.sender(a).claim(vec![0]).motsu_unwrap(), CAP);
    s.rewards.assert_emitted(&EpochClosed { epoch: 1, pool: POOL, eligibleCount: 1, totalScore: total_score });
    // Two contributors at a 10 % cap: only their two caps were earmarked,
    // so a capped claim has no excess to return.
    s.rewards.assert_emitted(&RewardClaimed { contributor: a, epoch: 0, payout: CAP, returned: U256::ZERO });
    s.assert_invariants();
}

#[motsu::test]
fn each_epoch_pays_once() {
    let (s, a, _) = setup();
    advance(DAY);
    s.rewards.sender(a).claim(vec![0]).motsu_unwrap();
    let before = snapshot(&s, a);
    let err = s.rewards.sender(a).claim(vec![0]).motsu_unwrap_err();
    assert_eq!(err, Error::AlreadyClaimed(FLTAlreadyClaimed { epoch: 0, contributor: a }));
    let err = s.rewards.sender(addr(7)).claim_for(a, vec![0]).motsu_unwrap_err();
    assert_eq!(err, Error::AlreadyClaimed(FLTAlreadyClaimed { epoch: 0, contributor: a }));
    assert_eq!(snapshot(&s, a), before);
    assert_eq!(s.rewards.sender(a).pending_reward(a, 0), U256::ZERO);
}

#[motsu::test]
fn a_list_is_all_or_nothing() {
    let (s, a, _) = setup();
    advance(WEEK + DAY);
    let before = snapshot(&s, a);
    // Epoch 0 and 1 are claimable; the duplicate 0 fails the whole list.
    let err = s.rewards.sender(a).claim(vec![0, 1, 0]).motsu_unwrap_err();
    assert_eq!(err, Error::AlreadyClaimed(FLTAlreadyClaimed { epoch: 0, contributor: a }));
    assert_eq!(snapshot(&s, a), before);
    let err = s.rewards.sender(a).claim(vec![0, 5]).motsu_unwrap_err();
    assert_eq!(err, Error::NotEligible(FLTNotEligible { epoch: 5, contributor: a }));
    assert_eq!(snapshot(&s, a), before);
    // Both at once: two capped payouts in one transfer.
    assert_eq!(s.rewards.sender(a).claim(vec![0, 1]).motsu_unwrap(), CAP + CAP);
    assert_eq!(s.balance(a), CAP + CAP);
    s.assert_invariants();
}

#[motsu::test]
fn an_empty_list_is_refused() {
    let (s, a, _) = setup();
    advance(DAY);
    let before = snapshot(&s, a);
    let err = s.rewards.sender(a).claim(vec![]).motsu_unwrap_err();
    assert_eq!(err, Error::EmptyClaim(FLTEmptyClaim {}));
    let err = s.rewards.sender(a).claim_for(a, vec![]).motsu_unwrap_err();
    assert_eq!(err, Error::EmptyClaim(FLTEmptyClaim {}));
    assert_eq!(snapshot(&s, a), before);
}

#[motsu::test]
fn claim_for_by_a_stranger_pays_the_contributor() {
    let (s, a, b) = setup();
    advance(DAY);
    let stranger = addr(77);
    assert_eq!(s.rewards.sender(stranger).claim_for(b, vec![0]).motsu_unwrap(), CAP);
    assert_eq!((s.balance(b), s.balance(stranger)), (CAP, U256::ZERO));
    s.rewards.assert_emitted(&RewardClaimed { contributor: b, epoch: 0, payout: CAP, returned: U256::ZERO });
    // A stranger with no entry of its own cannot claim for itself.
    let err = s.rewards.sender(stranger).claim(vec![0]).motsu_unwrap_err();
    assert_eq!(err, Error::NotEligible(FLTNotEligible { epoch: 0, contributor: stranger }));
    // The second and last claim of epoch 0 returns its (zero) dust; the epoch is settled.
    s.rewards.sender(a).claim(vec![0]).motsu_unwrap();
    let (reserve, earmarked) = s.accounting();
    assert_eq!(earmarked, U256::ZERO, "epoch 1 is still open, epoch 0 is settled");
    assert_eq!(reserve, U256::from(1_000_000_000u64) * FLT - CAP - CAP);
    s.assert_invariants();
}

#[motsu::test]
fn views_answer_as_if_rolled() {
    let (s, a, b) = setup();
    advance(WEEK);
    // Nobody has touched the contract since epoch 1 ended: the views still
    // show it closed with its pool earmarked, and what a claim would pay.
    let info = s.rewards.sender(a).epoch_info(1);
    assert_eq!((info.3, info.5, info.7), (1, POOL, true));
    // SPEC section 6 (v1.1): epoch 0 earmarked two caps, epoch 1 (a alone) one.
    assert_eq!(s.accounting(), (U256::from(999_700_000u64) * FLT, CAP + CAP + CAP));
    assert_eq!(s.rewards.sender(a).pending_reward(a, 1), CAP);
    assert_eq!(s.rewards.sender(b).pending_reward(b, 1), U256::ZERO);
    assert_eq!(s.rewards.sender(a).current_epoch().motsu_unwrap(), (2, T0 + 2 * WEEK, T0 + 3 * WEEK));
    // The running epoch's projection: a lone contributor, capped.
    s.record(b, 9, BASE, BASE).motsu_unwrap();
    assert_eq!(s.rewards.sender(b).pending_reward(b, 2), CAP);
    assert!(!s.rewards.sender(b).epoch_info(2).7, "still running");
    s.assert_invariants();
}

/// The governor always pauses FLToken and FLTRewards in one call; FLToken's
/// pause alone is set here to show which word guards a payout: FLTRewards'
/// own (the claim refusals under a pause are in governance_hooks.rs), so
/// FLToken does not read its pause word again for the reserve's transfer.
#[motsu::test]
fn a_payout_is_guarded_by_the_rewards_pause_not_the_tokens_word() {
    let (s, a, b) = setup();
    advance(DAY);
    s.token.sender(s.governor).set_paused_until(now() + DAY).motsu_unwrap();
    let paused = fl_token::errors::Error::EnforcedPause(fl_token::errors::EnforcedPause {});
    assert_eq!(s.token.sender(a).transfer(b, U256::from(1u8)).motsu_unwrap_err(), paused, "holders are paused");
    assert_eq!(s.balance(a), U256::ZERO);
    assert_eq!(s.rewards.sender(a).claim(vec![0]).motsu_unwrap(), CAP);
    assert_eq!(s.balance(a), CAP, "the payout went through FLToken's transfer");
    s.rewards.assert_emitted(&RewardClaimed { contributor: a, epoch: 0, payout: CAP, returned: U256::ZERO });
}
