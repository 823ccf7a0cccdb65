//! The council and the emergency pause end to end on the real Stylus VM
//! (council = dev 0, 1, 2, threshold 2; validator = dev 3). They live in
//! FLTCouncil (SPEC.md section 0, v1.1); FLTGovernor stays the only pauser
//! and role-changer of FLToken and FLTRewards and applies what FLTCouncil
//! decides (`setPause`, `relay`).
//!
//! What it proves:
//! - The wiring both ways: `FLTCouncil.governor()` is FLTGovernor and
//!   `FLTGovernor.council()` is FLTCouncil; a second `wire` is refused
//!   (`FLTUnauthorized(caller)`, the governor unchanged); FLTGovernor's
//!   `setPause` and `relay` refuse anyone but FLTCouncil, a signer included
//!   (`FLTUnauthorized(caller)`, nothing paused, no validator added); the
//!   council's functions are gone from FLTGovernor (unknown selectors).
//! - A FLTCouncil deployed but not wired: a signer proposes an action, but
//!   what would reach FLTGovernor (the approval that executes it, `pause`,
//!   `approveProposal`) is refused with `FLTNotWired()`, the action left
//!   unexecuted with one approval; `wire`
//!   by anyone but the wirer, or to the zero address, with
//!   `FLTUnauthorized(caller)`; the wirer's `wire` emits
//!   `CouncilWired(governor)`.
//! - `councilPropose(kind, data)` by one signer emits
//!   `CouncilActionProposed(id, kind, data, signer)` and counts its approval
//!   (`CouncilActionApproved(id, signer, 1)`); `councilAction` reads it back;
//!   the second signer's `councilApprove` executes it (`CouncilActionApproved`
//!   with 2, the FLTRewards event, `CouncilActionExecuted`).
//! - Add validator (kind 0): `ValidatorSet(v, true)`, `isValidator`, and a
//!   recording by it then works (`ContributionRecorded` naming it); remove
//!   (kind 1): `ValidatorSet(v, false)` and its recording refused with
//!   `FLTNotValidator(v)`, entry unchanged.
//! - Ban (kind 2): `ContributorBanned(c, true)` and `Disqualified(epoch, c,
//!   0)`, its running entry disqualified (`contributorEpoch`), the epoch's
//!   n and S reduced (`epochInfo`), its recording refused with
//!   `FLTContributorBanned(c)`; unban (kind 3): recording works again, the
//!   entry of that epoch stays disqualified; its claim is then refused with
//!   `FLTNotEligible`.
//! - Disqualify (kind 4) inside the fraud window (after the epoch's end,
//!   before its claims open): `Disqualified`, the fraudster's claim refused
//!   (`FLTNotEligible`), the others' payouts recomputed over the smaller n
//!   and S (`pendingReward` before and after, equal to SPEC.md's allocation
//!   formula evaluated here, and the claimed `RewardClaimed.payout`); outside
//!   the window the action fails at execution with
//!   `FLTActionFailed(0, FLTOutsideFraudWindow(epoch, closedAt))`, its
//!   approval not counted and the entry untouched. FLTRewards refuses
//!   anyone but the governor (`FLTUnauthorized`).
//! - Refusals: a non-signer's `councilPropose` / `councilApprove` /
//!   `pause` (`FLTNotSigner`), an approval counted twice
//!   (`FLTAlreadyApproved`), an executed action approved or executed again
//!   (`FLTCouncilActionDone`), an unknown action (`FLTUnknownCouncilAction`),
//!   a bad kind or data (`FLTInvalidCouncilAction`).
//! - Replace council (kind 5): `CouncilChanged(signers, threshold,
//!   generation)`, `signers()` / `councilInfo()`; invalid councils fail with
//!   `FLTInvalidCouncil(signers, threshold)`; a removed signer's pending
//!   approval stops counting and it can no longer approve or pause
//!   (`FLTNotSigner`); the new council approves from scratch.
//! - `pause()` by ONE signer on FLTCouncil: FLTGovernor's `PauseSet(signer,
//!   now + 14 days)` and `Paused(governor)` on FLToken and FLTRewards,
//!   `pausedUntil` on FLTGovernor, FLToken and FLTRewards, and FLTGovernor's
//!   `pauseWindow()` (until, start); transfers, `transferFrom`, claims,
//!   recording and proposal execution are refused with `EnforcedPause()`
//!   (balances, entries, state unchanged),
//!   while views, `approve`, `delegate`, proposing, voting and queueing
//!   work; a second pause is refused (`FLTPauseAlreadyUsed`,
//!   `FLTPauseCooldown(readyAt)`). At `pausedUntil` (14 days, no action) the
//!   pause has lapsed: the refused transfer, claim, recording and execution
//!   all go through.
//! - Unpause (kind 6) needs 2 of 3: `PauseSet(by, now)`, `Unpaused` on both
//!   contracts, transfers work at once; then a new pause is refused for 14
//!   days (`FLTPauseCooldown`), and renewing or unpausing with no pause
//!   running fails with `FLTNotPaused`.

use alloy_primitives::{keccak256, Address, Bytes, U256};
use alloy_sol_types::{SolCall, SolValue};
use flt_node_tests::{
    abi::{
        FLTCouncil, FLTCouncil::IFLTCouncilErrors as C, FLTGovernor, FLTGovernor::IFLTGovernorErrors as G, FLTRewards,
        FLTRewards::IFLTRewardsErrors as R, FLToken, FLToken::IFLTokenErrors as T,
    },
    govern::{
        self, contribution_id, current_epoch, delegate_self, epoch_info, flt, fund, record, register, show, Proposal,
    },
    system::fresh,
    Receipt, System, DAY,
};

mod kind {
    pub const ADD_VALIDATOR: u8 = 0;
    pub const REMOVE_VALIDATOR: u8 = 1;
    pub const BAN: u8 = 2;
    pub const UNBAN: u8 = 3;
    pub const DISQUALIFY: u8 = 4;
    pub const REPLACE_COUNCIL: u8 = 5;
    pub const UNPAUSE: u8 = 6;
    pub const RENEW_PAUSE: u8 = 7;
}

/// Dev `by` proposes council action `kind`; checks the two events and the
/// view; returns its id (one approval so far: no execution).
fn council_propose(sys: &System, by: usize, kind: u8, data: &Bytes) -> U256 {
    let r = sys.client.send(sys.at(by), sys.council, &FLTCouncil::councilProposeCall { kind, data: data.clone() });
    let p = r.event::<FLTCouncil::CouncilActionProposed>(sys.council);
    assert_eq!((p.kind, &p.data, p.signer), (kind, data, sys.at(by)));
    let a = r.event::<FLTCouncil::CouncilActionApproved>(sys.council);
    assert_eq!((a.actionId, a.signer, a.approvals), (p.actionId, sys.at(by), U256::from(1)));
    assert!(r.events::<FLTCouncil::CouncilActionExecuted>(sys.council).is_empty());
    assert_eq!(action(sys, p.actionId), (kind, 1, false, data.clone()));
    p.actionId
}

/// Dev `by` gives the second approval: the action executes.
fn council_approve(sys: &System, by: usize, id: U256) -> Receipt {
    let r = sys.client.send(sys.at(by), sys.council, &FLTCouncil::councilApproveCall { actionId: id });
    let a = r.event::<FLTCouncil::CouncilActionApproved>(sys.council);
    assert_eq!((a.actionId, a.signer, a.approvals), (id, sys.at(by), U256::from(2)));
    assert_eq!(r.event::<FLTCouncil::CouncilActionExecuted>(sys.council).actionId, id);
    assert!(action(sys, id).2, "executed");
    r
}

/// A council action by dev 0 and dev 1.
fn act(sys: &System, kind: u8, data: Bytes) -> (U256, Receipt) {
    let id = council_propose(sys, 0, kind, &data);
    (id, council_approve(sys, 1, id))
}

fn action(sys: &System, id: U256) -> (u8, u32, bool, Bytes) {
    let a = sys.client.call(sys.council, &FLTCouncil::councilActionCall { actionId: id });
    (a.kind, a.approvals, a.executed, a.data)
}

fn done<K: alloy_sol_types::SolCall>(sys: &System, call: &K, id: U256) {
    match sys.client.refuse::<_, C>(sys.at(2), sys.council, call) {
        C::FLTCouncilActionDone(e) => assert_eq!(e.actionId, id),
        other => panic!("{}: {}", K::SIGNATURE, show(&other)),
    }
}

/// `(address[] signers, uint8 threshold)`.
fn council_data(signers: &[Address], threshold: u8) -> Bytes {
    use alloy_sol_types::{sol_data, SolType};
    <(sol_data::Array<sol_data::Address>, sol_data::Uint<8>) as SolType>::abi_encode_params(&(
        signers.to_vec(),
        threshold,
    ))
    .into()
}

fn address_data(a: Address) -> Bytes {
    a.abi_encode().into()
}

fn is_validator(sys: &System, a: Address) -> bool {
    sys.client.call(sys.rewards, &FLTRewards::isValidatorCall { account: a })._0
}

/// `(count, positiveImpact, score, eligible, claimed, disqualified)`.
fn entry(sys: &System, who: Address, e: u64) -> (u32, u64, U256, bool, bool, bool) {
    let c = sys.client.call(sys.rewards, &FLTRewards::contributorEpochCall { contributor: who, epoch: e });
    (c._0, c._1, c._2, c._3, c._4, c._5)
}

fn record_call(who: Address, tag: &str) -> FLTRewards::recordContributionCall {
    FLTRewards::recordContributionCall {
        contributor: who,
        contributionId: contribution_id(tag, who),
        previousAccuracy: 500_000,
        newAccuracy: 500_000,
    }
}

#[test]
fn validators_added_and_removed_and_refusals() {
    let sys = fresh();
    register(&sys, &[4]);
    let (v, c) = (sys.at(8), sys.at(4));
    assert!(!is_validator(&sys, v));
    match sys.client.refuse::<_, R>(v, sys.rewards, &record_call(c, "a")) {
        R::FLTNotValidator(e) => assert_eq!(e.caller, v),
        other => panic!("{}", show(&other)),
    }
    // Only the governor may call FLTRewards' role functions.
    match sys.client.refuse::<_, R>(
        sys.at(0),
        sys.rewards,
        &FLTRewards::setValidatorCall { validator: v, allowed: true },
    ) {
        R::FLTUnauthorized(e) => assert_eq!(e.caller, sys.at(0)),
        other => panic!("{}", show(&other)),
    }

    // Non-signers and bad actions.
    let data = address_data(v);
    let propose = FLTCouncil::councilProposeCall { kind: kind::ADD_VALIDATOR, data: data.clone() };
    match sys.client.refuse::<_, C>(sys.at(5), sys.council, &propose) {
        C::FLTNotSigner(e) => assert_eq!(e.caller, sys.at(5)),
        other => panic!("{}", show(&other)),
    }
    for (k, d) in
        [(9u8, data.clone()), (kind::ADD_VALIDATOR, Bytes::from(vec![1u8; 31])), (kind::UNPAUSE, data.clone())]
    {
        match sys.client.refuse::<_, C>(sys.at(0), sys.council, &FLTCouncil::councilProposeCall { kind: k, data: d }) {
            C::FLTInvalidCouncilAction(e) => assert_eq!(e.kind, k),
            other => panic!("kind {k}: {}", show(&other)),
        }
    }

    let id = council_propose(&sys, 0, kind::ADD_VALIDATOR, &data);
    match sys.client.refuse::<_, C>(sys.at(0), sys.council, &FLTCouncil::councilApproveCall { actionId: id }) {
        C::FLTAlreadyApproved(e) => assert_eq!((e.id, e.signer), (id, sys.at(0))),
        other => panic!("{}", show(&other)),
    }
    match sys.client.refuse::<_, C>(sys.at(5), sys.council, &FLTCouncil::councilApproveCall { actionId: id }) {
        C::FLTNotSigner(e) => assert_eq!(e.caller, sys.at(5)),
        other => panic!("{}", show(&other)),
    }
    // Issue 13 item 4: `councilExecute(uint256)` could never succeed and is
    // gone from the ABI; its selector reverts empty, as any unknown one, on
    // FLTCouncil and on FLTGovernor (which no longer has the council's
    // functions: `councilApprove` there is unknown too).
    let gone: Vec<u8> =
        keccak256("councilExecute(uint256)")[..4].iter().copied().chain(id.to_be_bytes::<32>()).collect();
    let moved = FLTCouncil::councilApproveCall { actionId: id }.abi_encode();
    for (to, data) in [(sys.council, gone.clone()), (sys.governor, gone), (sys.governor, moved)] {
        assert_eq!(sys.client.call_raw(sys.at(1), to, data, U256::ZERO).unwrap_err().data, Bytes::new());
    }
    let unknown = id + U256::from(1);
    match sys.client.refuse::<_, C>(sys.at(1), sys.council, &FLTCouncil::councilApproveCall { actionId: unknown }) {
        C::FLTUnknownCouncilAction(e) => assert_eq!(e.actionId, unknown),
        other => panic!("{}", show(&other)),
    }
    assert_eq!(action(&sys, id), (kind::ADD_VALIDATOR, 1, false, data.clone()));
    assert!(!is_validator(&sys, v));

    let r = council_approve(&sys, 1, id);
    let set = r.event::<FLTRewards::ValidatorSet>(sys.rewards);
    assert_eq!((set.validator, set.allowed), (v, true));
    assert_eq!(action(&sys, id), (kind::ADD_VALIDATOR, 2, true, data.clone()));
    assert!(is_validator(&sys, v));
    done(&sys, &FLTCouncil::councilApproveCall { actionId: id }, id);

    // The new validator records.
    let r = sys.client.send(v, sys.rewards, &record_call(c, "a"));
    let rec = r.event::<FLTRewards::ContributionRecorded>(sys.rewards);
    assert_eq!((rec.contributor, rec.validator, rec.epoch), (c, v, 0));
    assert_eq!(entry(&sys, c, 0).0, 1);

    // Removed by dev 2 and dev 1: refused again, entry unchanged.
    let id = council_propose(&sys, 2, kind::REMOVE_VALIDATOR, &data);
    let r = council_approve(&sys, 1, id);
    let set = r.event::<FLTRewards::ValidatorSet>(sys.rewards);
    assert_eq!((set.validator, set.allowed), (v, false));
    assert!(!is_validator(&sys, v));
    assert!(is_validator(&sys, sys.at(3)), "the other validator stays");
    match sys.client.refuse::<_, R>(v, sys.rewards, &record_call(c, "b")) {
        R::FLTNotValidator(e) => assert_eq!(e.caller, v),
        other => panic!("{}", show(&other)),
    }
    assert_eq!(entry(&sys, c, 0).0, 1);
}

#[test]
fn ban_and_unban() {
    let sys = fresh();
    register(&sys, &[4, 5]);
    let (c, other) = (sys.at(4), sys.at(5));
    record(&sys, "a", &[(c, 500_000, 500_000), (other, 500_000, 500_000)]);
    let before = entry(&sys, c, 0);
    assert_eq!((before.0, before.3, before.5), (1, true, false));
    let info = epoch_info(&sys, 0);
    let (n, s) = (info._3, info._4);
    assert_eq!(n, 2);

    let (_, r) = act(&sys, kind::BAN, address_data(c));
    let ban = r.event::<FLTRewards::ContributorBanned>(sys.rewards);
    assert_eq!((ban.contributor, ban.banned), (c, true));
    let d = r.event::<FLTRewards::Disqualified>(sys.rewards);
    assert_eq!((d.epoch, d.contributor, d.returned), (0, c, U256::ZERO));
    let after = entry(&sys, c, 0);
    assert_eq!((after.0, after.2, after.3, after.5), (1, before.2, false, true), "disqualified, not eligible");
    let info = epoch_info(&sys, 0);
    assert_eq!((info._3, info._4), (1, s - before.2), "n and S without the banned entry");
    assert!(sys.client.call(sys.rewards, &FLTRewards::contributorInfoCall { contributor: c })._1, "banned");

    match sys.client.refuse::<_, R>(sys.at(3), sys.rewards, &record_call(c, "b")) {
        R::FLTContributorBanned(e) => assert_eq!(e.contributor, c),
        other => panic!("{}", show(&other)),
    }
    assert_eq!(entry(&sys, c, 0), after);
    // Others record as before.
    sys.client.send(sys.at(3), sys.rewards, &record_call(other, "b"));
    assert_eq!(entry(&sys, other, 0).0, 2);

    let (_, r) = act(&sys, kind::UNBAN, address_data(c));
    let ban = r.event::<FLTRewards::ContributorBanned>(sys.rewards);
    assert_eq!((ban.contributor, ban.banned), (c, false));
    assert!(r.events::<FLTRewards::Disqualified>(sys.rewards).is_empty());
    assert!(!sys.client.call(sys.rewards, &FLTRewards::contributorInfoCall { contributor: c })._1);
    sys.client.send(sys.at(3), sys.rewards, &record_call(c, "c"));
    let unbanned = entry(&sys, c, 0);
    assert_eq!((unbanned.0, unbanned.3, unbanned.5), (2, false, true), "counted, but this epoch's entry stays out");
    assert_eq!(epoch_info(&sys, 0)._3, 1);

    let opens = epoch_info(&sys, 0)._2;
    sys.warp(opens);
    match sys.client.refuse::<_, R>(c, sys.rewards, &FLTRewards::claimCall { epochs: vec![0] }) {
        R::FLTNotEligible(e) => assert_eq!((e.epoch, e.contributor), (0, c)),
        other => panic!("{}", show(&other)),
    }
    assert_eq!(sys.balance(c), U256::ZERO);
    assert_eq!(govern::claim(&sys, 5, 0), flt(100_000));
}

/// Issue 13 item 3, the rule chosen (README, "Bans"): a ban takes the
/// contributor out of the whole epoch it falls in, whatever its entry was
/// at ban time: none, only severe contributions, or counted. Contributions
/// recorded after the unban in that epoch stay out of n and S; the next
/// epoch counts them. An all-severe entry can be disqualified by the council.
#[test]
fn ban_then_unban_in_one_epoch_excludes_that_epoch_in_all_three_cases() {
    let sys = fresh();
    register(&sys, &[4, 5, 6, 7, 8]);
    let (none, severe, counted, good, fraud) = (sys.at(4), sys.at(5), sys.at(6), sys.at(7), sys.at(8));
    // 500_000 -> 400_000 is a severe drop: recorded, not counted.
    record(&sys, "a", &[(severe, 500_000, 400_000), (counted, 500_000, 510_000), (good, 500_000, 500_000)]);
    record(&sys, "f", &[(fraud, 500_000, 400_000)]);
    assert_eq!(epoch_info(&sys, 0)._3, 2, "counted and good");
    for (i, who) in [none, severe, counted].into_iter().enumerate() {
        let (_, r) = act(&sys, kind::BAN, address_data(who));
        let d = r.event::<FLTRewards::Disqualified>(sys.rewards);
        assert_eq!((d.epoch, d.contributor, d.returned), (0, who, U256::ZERO), "case {i}");
        let (_, r) = act(&sys, kind::UNBAN, address_data(who));
        assert!(!r.event::<FLTRewards::ContributorBanned>(sys.rewards).banned);
        record(&sys, &format!("after-unban-{i}"), &[(who, 500_000, 520_000)]);
        let e = entry(&sys, who, 0);
        assert_eq!((e.0 >= 1, e.3, e.5), (true, false, true), "case {i}: recorded, not eligible, disqualified");
    }
    let info = epoch_info(&sys, 0);
    assert_eq!((info._3, info._4), (1, entry(&sys, good, 0).2), "only good counts");
    // The council disqualifies the all-severe entry of `fraud` (it used to revert).
    let data: Bytes = (0u64, fraud).abi_encode_params().into();
    let (_, r) = act(&sys, kind::DISQUALIFY, data);
    let d = r.event::<FLTRewards::Disqualified>(sys.rewards);
    assert_eq!((d.epoch, d.contributor, d.returned), (0, fraud, U256::ZERO));
    assert!(entry(&sys, fraud, 0).5);
    record(&sys, "f2", &[(fraud, 500_000, 520_000)]);
    assert!(!entry(&sys, fraud, 0).3, "its later contribution stays out");
    assert_eq!(epoch_info(&sys, 0)._3, 1);

    sys.warp(epoch_info(&sys, 0)._2);
    for who in [none, severe, counted, fraud] {
        match sys.client.refuse::<_, R>(who, sys.rewards, &FLTRewards::claimCall { epochs: vec![0] }) {
            R::FLTNotEligible(e) => assert_eq!((e.epoch, e.contributor), (0, who)),
            other => panic!("{}", show(&other)),
        }
        assert_eq!(sys.balance(who), U256::ZERO);
    }
    assert_eq!(govern::claim(&sys, 7, 0), flt(100_000));
    // Epoch 1 counts them again.
    record(&sys, "next", &[(none, 500_000, 500_000), (severe, 500_000, 500_000), (counted, 500_000, 500_000)]);
    for who in [none, severe, counted] {
        assert!(entry(&sys, who, 1).3, "eligible in epoch 1");
    }
}

/// SPEC.md section 6's allocation, from the views.
fn expected_payout(sys: &System, who: Address, e: u64) -> U256 {
    let info = epoch_info(sys, e);
    let (n, s_total, pool) = (U256::from(info._3), info._4, info._5);
    let params = sys.client.call(sys.rewards, &FLTRewards::paramsCall {})._0;
    let (max_bps, min_bps) = (params[2], params[3]);
    let s = entry(sys, who, e).2;
    let bps = U256::from(10_000);
    let (min_amt, max_amt) = (pool * min_bps / bps, pool * max_bps / bps);
    let raw = if n * min_amt <= pool { min_amt + (pool - n * min_amt) * s / s_total } else { pool * s / s_total };
    raw.min(max_amt)
}

fn pending(sys: &System, who: Address, e: u64) -> U256 {
    sys.client.call(sys.rewards, &FLTRewards::pendingRewardCall { contributor: who, epoch: e })._0
}

#[test]
fn disqualify_inside_the_fraud_window_only() {
    let sys = fresh();
    register(&sys, &[4, 5, 6]);
    let (fraud, a, b) = (sys.at(4), sys.at(5), sys.at(6));
    // The fraudster claims a huge gain: most of the score, so the others
    // get little until it is disqualified.
    record(&sys, "a", &[(fraud, 0, 1_000_000), (a, 500_000, 500_000), (b, 500_000, 500_000)]);
    let info = epoch_info(&sys, 0);
    let (end, opens) = (info._1, info._2);
    sys.warp(end + 1);
    let info = epoch_info(&sys, 0);
    assert_eq!((info._3, info._5, info._7), (3, flt(1_000_000), true), "closed: n = 3, pool 1M");
    let small = pending(&sys, a, 0);
    assert_eq!(small, expected_payout(&sys, a, 0));
    assert!(small < flt(10_000), "{small}");

    // Inside the window (ended, claims not open).
    let data: Bytes = (0u64, fraud).abi_encode_params().into();
    let (_, r) = act(&sys, kind::DISQUALIFY, data);
    let d = r.event::<FLTRewards::Disqualified>(sys.rewards);
    // Three caps were earmarked; two contributors can be paid two (SPEC 6, v1.1).
    assert_eq!((d.epoch, d.contributor, d.returned), (0, fraud, flt(100_000)));
    let e = entry(&sys, fraud, 0);
    assert_eq!((e.3, e.5), (false, true));
    let info = epoch_info(&sys, 0);
    assert_eq!((info._3, info._4), (2, entry(&sys, a, 0).2 + entry(&sys, b, 0).2));
    let big = pending(&sys, a, 0);
    assert_eq!(big, expected_payout(&sys, a, 0));
    assert_eq!(big, flt(100_000), "two contributors: each at the 10 % cap");
    assert_eq!(pending(&sys, fraud, 0), U256::ZERO);

    // Outside the window: claims are open. Disqualifying b now fails at
    // execution; the approval does not count and b keeps its entry.
    sys.warp(opens);
    let data: Bytes = (0u64, b).abi_encode_params().into();
    let id = council_propose(&sys, 0, kind::DISQUALIFY, &data);
    match sys.client.refuse::<_, C>(sys.at(1), sys.council, &FLTCouncil::councilApproveCall { actionId: id }) {
        C::FLTActionFailed(e) => {
            assert_eq!(e.index, U256::ZERO);
            match alloy_sol_types::SolInterface::abi_decode(&e.reason, true) {
                Ok(R::FLTOutsideFraudWindow(w)) => assert_eq!((w.epoch, w.closedAt), (0, opens)),
                Ok(other) => panic!("{}", show(&other)),
                Err(err) => panic!("reason {}: {err}", e.reason),
            }
        }
        other => panic!("{}", show(&other)),
    }
    assert_eq!(action(&sys, id), (kind::DISQUALIFY, 1, false, data));
    assert!(!entry(&sys, b, 0).5);
    // And directly, FLTRewards refuses anyone but the governor.
    match sys.client.refuse::<_, R>(sys.at(0), sys.rewards, &FLTRewards::disqualifyCall { epoch: 0, contributor: b }) {
        R::FLTUnauthorized(e) => assert_eq!(e.caller, sys.at(0)),
        other => panic!("{}", show(&other)),
    }

    match sys.client.refuse::<_, R>(fraud, sys.rewards, &FLTRewards::claimCall { epochs: vec![0] }) {
        R::FLTNotEligible(e) => assert_eq!((e.epoch, e.contributor), (0, fraud)),
        other => panic!("{}", show(&other)),
    }
    assert_eq!(sys.balance(fraud), U256::ZERO);
    assert_eq!(govern::claim(&sys, 5, 0), big);
    assert_eq!(govern::claim(&sys, 6, 0), big);
    assert_eq!((sys.balance(a), sys.balance(b)), (big, big));
}

fn paused_until(sys: &System) -> (u64, u64, u64) {
    (
        sys.client.call(sys.governor, &FLTGovernor::pausedUntilCall {})._0,
        sys.client.call(sys.token, &FLToken::pausedUntilCall {})._0,
        sys.client.call(sys.rewards, &FLTRewards::pausedUntilCall {})._0,
    )
}

fn enforced_token<C: alloy_sol_types::SolCall>(sys: &System, from: Address, call: &C) {
    match sys.client.refuse::<_, T>(from, sys.token, call) {
        T::EnforcedPause(_) => {}
        other => panic!("{}: {}", C::SIGNATURE, show(&other)),
    }
}

fn enforced_rewards<C: alloy_sol_types::SolCall>(sys: &System, from: Address, call: &C) {
    match sys.client.refuse::<_, R>(from, sys.rewards, call) {
        R::EnforcedPause(_) => {}
        other => panic!("{}: {}", C::SIGNATURE, show(&other)),
    }
}

#[test]
fn one_signer_pauses_and_the_pause_lapses_after_14_days() {
    let sys = fresh();
    // Devs 4 and 5 earn in epoch 0; dev 4 claims now, dev 5 during the pause.
    let e = govern::earn(&sys, &[4, 5]);
    assert_eq!(govern::claim(&sys, 4, e), flt(100_000));
    delegate_self(&sys, &[4]);
    sys.warp(sys.now() + 10);
    let p = Proposal::signal(sys.governor, "Signal during a pause");
    sys.client.send(sys.at(4), sys.governor, &p.propose());
    let id = p.id();

    let t = sys.now() + 1;
    sys.next_at(t);
    let r = sys.client.send(sys.at(2), sys.council, &FLTCouncil::pauseCall {});
    let until = t + 14 * DAY;
    let set = r.event::<FLTGovernor::PauseSet>(sys.governor);
    assert_eq!((set.by, set.pausedUntil), (sys.at(2), until));
    assert_eq!(r.event::<FLToken::Paused>(sys.token).account, sys.governor);
    assert_eq!(r.event::<FLTRewards::Paused>(sys.rewards).account, sys.governor);
    assert_eq!(paused_until(&sys), (until, until, until));
    let w = sys.client.call(sys.governor, &FLTGovernor::pauseWindowCall {});
    assert_eq!((w._0, w._1), (until, t), "FLTGovernor stores the window FLTCouncil set");

    // A second pause: by the same signer, by another one, by a non-signer.
    match sys.client.refuse::<_, C>(sys.at(2), sys.council, &FLTCouncil::pauseCall {}) {
        C::FLTPauseAlreadyUsed(e) => assert_eq!(e.signer, sys.at(2)),
        other => panic!("{}", show(&other)),
    }
    match sys.client.refuse::<_, C>(sys.at(1), sys.council, &FLTCouncil::pauseCall {}) {
        C::FLTPauseCooldown(e) => assert_eq!(e.readyAt, until + 14 * DAY),
        other => panic!("{}", show(&other)),
    }
    match sys.client.refuse::<_, C>(sys.at(6), sys.council, &FLTCouncil::pauseCall {}) {
        C::FLTNotSigner(e) => assert_eq!(e.caller, sys.at(6)),
        other => panic!("{}", show(&other)),
    }
    assert_eq!(paused_until(&sys), (until, until, until));

    // Refused while paused, nothing moved.
    let (h, to) = (sys.at(4), sys.at(7));
    let transfer = FLToken::transferCall { to, value: flt(1_000) };
    enforced_token(&sys, h, &transfer);
    // approve works; transferFrom does not.
    let r = sys.client.send(h, sys.token, &FLToken::approveCall { spender: to, value: flt(500) });
    assert_eq!(r.event::<FLToken::Approval>(sys.token).value, flt(500));
    let transfer_from = FLToken::transferFromCall { from: h, to, value: flt(500) };
    enforced_token(&sys, to, &transfer_from);
    assert_eq!((sys.balance(h), sys.balance(to)), (flt(100_000), U256::ZERO));
    assert_eq!(sys.client.call(sys.token, &FLToken::allowanceCall { owner: h, spender: to })._0, flt(500));

    let claim = FLTRewards::claimCall { epochs: vec![e] };
    let owed = pending(&sys, sys.at(5), e);
    assert_eq!(owed, flt(100_000));
    enforced_rewards(&sys, sys.at(5), &claim);
    assert_eq!((sys.balance(sys.at(5)), pending(&sys, sys.at(5), e)), (U256::ZERO, owed));

    let cur = current_epoch(&sys);
    let rec = record_call(h, "paused");
    let before = entry(&sys, h, cur);
    enforced_rewards(&sys, sys.at(3), &rec);
    assert_eq!(entry(&sys, h, cur), before);

    // Views, delegation, proposing, voting and queueing keep working.
    let during = Proposal::signal(sys.governor, "Proposed during a pause");
    let r = sys.client.send(h, sys.governor, &during.propose());
    assert_eq!(r.event::<FLTGovernor::ProposalCreated>(sys.governor).proposalId, during.id());
    let r = sys.client.send(sys.at(5), sys.token, &FLToken::delegateCall { delegatee: sys.at(5) });
    assert_eq!(r.event::<FLToken::DelegateChanged>(sys.token).toDelegate, sys.at(5));
    let start = sys.client.call(sys.governor, &FLTGovernor::proposalSnapshotCall { proposalId: id })._0.to::<u64>();
    sys.warp(start + 1);
    let r = sys.client.send(h, sys.governor, &FLTGovernor::castVoteCall { proposalId: id, support: 1 });
    let v = r.event::<FLTGovernor::VoteCast>(sys.governor);
    assert_eq!((v.voter, v.support, v.weight), (h, 1, flt(100_000)));
    let deadline = sys.client.call(sys.governor, &FLTGovernor::proposalDeadlineCall { proposalId: id })._0.to::<u64>();
    sys.warp(deadline + 1);
    let r = sys.client.send(h, sys.governor, &p.queue());
    let eta = r.event::<FLTGovernor::ProposalQueued>(sys.governor).etaSeconds.to::<u64>();
    assert!(eta < until, "the timelock ends inside the pause");
    sys.warp(eta);
    match sys.client.refuse::<_, G>(h, sys.governor, &p.execute()) {
        G::EnforcedPause(_) => {}
        other => panic!("{}", show(&other)),
    }
    assert_eq!(govern::state(&sys, id), govern::state::QUEUED);
    assert_eq!(sys.balance(h), flt(100_000));

    // Still paused shortly before the end; at pausedUntil it has lapsed
    // by itself.
    sys.warp(until - 60);
    enforced_token(&sys, h, &transfer);
    sys.warp(until);
    let r = sys.client.send(h, sys.token, &transfer);
    let moved = r.event::<FLToken::Transfer>(sys.token);
    assert_eq!((moved.from, moved.to, moved.value), (h, to, flt(1_000)));
    let r = sys.client.send(to, sys.token, &transfer_from);
    assert_eq!(r.event::<FLToken::Transfer>(sys.token).value, flt(500));
    assert_eq!((sys.balance(h), sys.balance(to)), (flt(98_500), flt(1_500)));
    assert_eq!(govern::claim(&sys, 5, e), owed);
    let r = sys.client.send(sys.at(3), sys.rewards, &rec);
    assert_eq!(r.event::<FLTRewards::ContributionRecorded>(sys.rewards).contributor, h);
    let r = sys.client.send(h, sys.governor, &p.execute());
    assert_eq!(r.event::<FLTGovernor::ProposalExecuted>(sys.governor).proposalId, id);
    assert_eq!(paused_until(&sys), (until, until, until), "lapsed, not rewritten");
}

#[test]
fn unpause_needs_the_council_then_a_cooldown() {
    let sys = fresh();
    fund(&sys, &[4]);
    let (h, to) = (sys.at(4), sys.at(7));
    sys.client.send(sys.at(0), sys.council, &FLTCouncil::pauseCall {});
    let transfer = FLToken::transferCall { to, value: flt(1) };
    enforced_token(&sys, h, &transfer);

    // One approval is not enough; the second unpauses at once.
    let id = council_propose(&sys, 1, kind::UNPAUSE, &Bytes::new());
    enforced_token(&sys, h, &transfer);
    let r = council_approve(&sys, 2, id);
    let now = sys.now();
    let set = r.event::<FLTGovernor::PauseSet>(sys.governor);
    assert_eq!((set.by, set.pausedUntil), (sys.at(2), now));
    assert_eq!(r.event::<FLToken::Unpaused>(sys.token).account, sys.governor);
    assert_eq!(r.event::<FLTRewards::Unpaused>(sys.rewards).account, sys.governor);
    assert_eq!(paused_until(&sys), (now, now, now));
    let r = sys.client.send(h, sys.token, &transfer);
    assert_eq!(r.event::<FLToken::Transfer>(sys.token).value, flt(1));

    // No new pause for 14 days, by a signer that has not paused yet.
    match sys.client.refuse::<_, C>(sys.at(1), sys.council, &FLTCouncil::pauseCall {}) {
        C::FLTPauseCooldown(e) => assert_eq!(e.readyAt, now + 14 * DAY),
        other => panic!("{}", show(&other)),
    }
    // Renewing or unpausing with no pause running fails at execution.
    for k in [kind::RENEW_PAUSE, kind::UNPAUSE] {
        let id = council_propose(&sys, 0, k, &Bytes::new());
        match sys.client.refuse::<_, C>(sys.at(1), sys.council, &FLTCouncil::councilApproveCall { actionId: id }) {
            C::FLTNotPaused(_) => {}
            other => panic!("kind {k}: {}", show(&other)),
        }
        assert_eq!(action(&sys, id), (k, 1, false, Bytes::new()));
    }
    assert_eq!(paused_until(&sys), (now, now, now));
}

#[test]
fn replacing_the_council_voids_pending_approvals() {
    let sys = fresh();
    let (threshold, gen) = {
        let c = sys.client.call(sys.council, &FLTCouncil::councilInfoCall {});
        (c._0, c._1)
    };
    assert_eq!(threshold, 2);
    let signers = |s: &System| s.client.call(s.council, &FLTCouncil::signersCall {})._0;
    assert_eq!(signers(&sys), vec![sys.at(0), sys.at(1), sys.at(2)]);
    // A pending action with dev 2's approval.
    let v = sys.at(8);
    let pending = council_propose(&sys, 2, kind::ADD_VALIDATOR, &address_data(v));

    // Invalid councils fail at execution, changing nothing.
    for (list, t) in [(vec![sys.at(0), sys.at(1), sys.at(9)], 4u8), (vec![sys.at(0), sys.at(0)], 1), (vec![], 1)] {
        let data: Bytes = council_data(&list, t);
        let id = council_propose(&sys, 0, kind::REPLACE_COUNCIL, &data);
        match sys.client.refuse::<_, C>(sys.at(1), sys.council, &FLTCouncil::councilApproveCall { actionId: id }) {
            C::FLTInvalidCouncil(e) => assert_eq!((e.signers, e.threshold), (U256::from(list.len()), t)),
            other => panic!("{}", show(&other)),
        }
    }
    assert_eq!(signers(&sys), vec![sys.at(0), sys.at(1), sys.at(2)]);

    // Dev 2 is replaced by dev 9.
    let new = vec![sys.at(0), sys.at(1), sys.at(9)];
    let (_, r) = act(&sys, kind::REPLACE_COUNCIL, council_data(&new, 2));
    let changed = r.event::<FLTCouncil::CouncilChanged>(sys.council);
    assert_eq!((changed.signers.clone(), changed.threshold, changed.generation), (new.clone(), 2, gen + 1));
    assert_eq!(signers(&sys), new);
    let c = sys.client.call(sys.council, &FLTCouncil::councilInfoCall {});
    assert_eq!((c._0, c._1), (2, gen + 1));

    // Dev 2's approval no longer counts, and dev 2 can do nothing.
    assert_eq!(action(&sys, pending).1, 0, "approvals of the old generation are void");
    for refused in [
        sys.client.refuse::<_, C>(sys.at(2), sys.council, &FLTCouncil::councilApproveCall { actionId: pending }),
        sys.client.refuse::<_, C>(sys.at(2), sys.council, &FLTCouncil::pauseCall {}),
    ] {
        match refused {
            C::FLTNotSigner(e) => assert_eq!(e.caller, sys.at(2)),
            other => panic!("{}", show(&other)),
        }
    }
    // The new council approves from scratch: one approval is not enough.
    let r = sys.client.send(sys.at(9), sys.council, &FLTCouncil::councilApproveCall { actionId: pending });
    let a = r.event::<FLTCouncil::CouncilActionApproved>(sys.council);
    assert_eq!((a.signer, a.approvals), (sys.at(9), U256::from(1)));
    assert!(!is_validator(&sys, v));
    let r = council_approve(&sys, 0, pending);
    assert_eq!(r.event::<FLTRewards::ValidatorSet>(sys.rewards).validator, v);
    assert!(is_validator(&sys, v));
}

#[test]
fn the_council_and_the_governor_are_wired_to_each_other_only() {
    let sys = fresh();
    assert_eq!(sys.client.call(sys.council, &FLTCouncil::governorCall {})._0, sys.governor);
    assert_eq!(sys.client.call(sys.governor, &FLTGovernor::councilCall {})._0, sys.council);
    // Wired once: the deployer (the wirer) and anyone else are refused.
    for who in [0, 5] {
        let wire = FLTCouncil::wireCall { governor: sys.at(9) };
        match sys.client.refuse::<_, C>(sys.at(who), sys.council, &wire) {
            C::FLTUnauthorized(e) => assert_eq!(e.caller, sys.at(who)),
            other => panic!("{}", show(&other)),
        }
    }
    assert_eq!(sys.client.call(sys.council, &FLTCouncil::governorCall {})._0, sys.governor);

    // FLTGovernor applies only what FLTCouncil sends, even from a signer.
    let now = sys.now();
    let set_pause = FLTGovernor::setPauseCall { by: sys.at(0), pausedUntil: now + 14 * DAY, pauseStarted: now };
    let v = sys.at(8);
    let add: Bytes = FLTRewards::setValidatorCall { validator: v, allowed: true }.abi_encode().into();
    for who in [0, 5] {
        match sys.client.refuse::<_, G>(sys.at(who), sys.governor, &set_pause) {
            G::FLTUnauthorized(e) => assert_eq!(e.caller, sys.at(who)),
            other => panic!("setPause: {}", show(&other)),
        }
        match sys.client.refuse::<_, G>(sys.at(who), sys.governor, &FLTGovernor::relayCall { data: add.clone() }) {
            G::FLTUnauthorized(e) => assert_eq!(e.caller, sys.at(who)),
            other => panic!("relay: {}", show(&other)),
        }
    }
    assert_eq!(paused_until(&sys), (0, 0, 0));
    assert!(!is_validator(&sys, v));
    // The council's functions left FLTGovernor: their selectors are unknown there.
    for data in [
        FLTCouncil::pauseCall {}.abi_encode(),
        FLTCouncil::signersCall {}.abi_encode(),
        FLTCouncil::approveProposalCall { proposalId: U256::from(1) }.abi_encode(),
        FLTCouncil::councilProposeCall { kind: 0, data: address_data(v) }.abi_encode(),
    ] {
        let refused = sys.client.call_raw(sys.at(0), sys.governor, data, U256::ZERO).unwrap_err();
        assert_eq!(refused.data, Bytes::new(), "{}", refused.message);
    }
}

/// A second FLTCouncil, deployed by dev 0 (its wirer) through the Stylus
/// deployer with flt-deploy's constructor encoding, not wired.
fn unwired_council(sys: &System) -> Address {
    use flt_deploy::abi::{deploy_call, Program, StylusDeployer, STYLUS_DEPLOYER};
    let artifacts = flt_deploy::artifacts::load(&sys.root.join("target/stylus")).expect("artifacts");
    let council = artifacts.iter().find(|a| a.program == Program::Council).expect("FLTCouncil");
    let init = Program::Council.init_data(&sys.config, sys.at(0), &[]);
    let data = deploy_call(&council.code, init);
    let r = sys.client.send_raw(sys.at(0), Some(STYLUS_DEPLOYER), data, U256::ZERO).expect("deploys");
    r.event::<StylusDeployer::ContractDeployed>(STYLUS_DEPLOYER).deployedContract
}

#[test]
fn an_unwired_council_refuses_until_its_wirer_wires_it() {
    let sys = fresh();
    let council = unwired_council(&sys);
    assert_eq!(sys.client.call(council, &FLTCouncil::governorCall {})._0, Address::ZERO);
    assert_eq!(sys.client.call(council, &FLTCouncil::signersCall {})._0, vec![sys.at(0), sys.at(1), sys.at(2)]);
    // Proposing an action needs no governor; executing it, pausing and
    // approving a proposal do.
    let data = address_data(sys.at(8));
    let r = sys.client.send(
        sys.at(0),
        council,
        &FLTCouncil::councilProposeCall { kind: kind::ADD_VALIDATOR, data: data.clone() },
    );
    let id = r.event::<FLTCouncil::CouncilActionProposed>(council).actionId;
    let approve = FLTCouncil::approveProposalCall { proposalId: U256::from(1) };
    for (what, refused) in [
        (
            "councilApprove",
            sys.client.refuse::<_, C>(sys.at(1), council, &FLTCouncil::councilApproveCall { actionId: id }),
        ),
        ("pause", sys.client.refuse::<_, C>(sys.at(1), council, &FLTCouncil::pauseCall {})),
        ("approveProposal", sys.client.refuse::<_, C>(sys.at(2), council, &approve)),
    ] {
        assert!(matches!(refused, C::FLTNotWired(_)), "{what}: {}", show(&refused));
    }
    let a = sys.client.call(council, &FLTCouncil::councilActionCall { actionId: id });
    assert_eq!((a.kind, a.approvals, a.executed, a.data), (kind::ADD_VALIDATOR, 1, false, data));
    assert_eq!(paused_until(&sys), (0, 0, 0), "the real system is not paused");
    assert!(!is_validator(&sys, sys.at(8)));

    // Only the wirer wires it, and not to the zero address.
    for (who, to) in [(1, sys.governor), (0, Address::ZERO)] {
        match sys.client.refuse::<_, C>(sys.at(who), council, &FLTCouncil::wireCall { governor: to }) {
            C::FLTUnauthorized(e) => assert_eq!(e.caller, sys.at(who)),
            other => panic!("{}", show(&other)),
        }
    }
    assert_eq!(sys.client.call(council, &FLTCouncil::governorCall {})._0, Address::ZERO);
    let r = sys.client.send(sys.at(0), council, &FLTCouncil::wireCall { governor: sys.governor });
    assert_eq!(r.event::<FLTCouncil::CouncilWired>(council).governor, sys.governor);
    assert_eq!(sys.client.call(council, &FLTCouncil::governorCall {})._0, sys.governor);
    // FLTGovernor still answers to its own council only.
    assert_eq!(sys.client.call(sys.governor, &FLTGovernor::councilCall {})._0, sys.council);
}
