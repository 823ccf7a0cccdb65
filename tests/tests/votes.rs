//! Votes in FLToken (SPEC.md section 7): ERC20Votes delegation with an
//! EIP-6372 timestamp clock, over the circulating supply.

use alloy_primitives::{
    aliases::{U208, U48},
    Address, B256, U256,
};
use alloy_signer::SignerSync;
use alloy_sol_types::{eip712_domain, sol, SolEvent, SolStruct};
use fl_token::{
    errors::*,
    events::{DelegateChanged, DelegateVotesChanged, Transfer},
};
use flt_system_tests::*;
use motsu::prelude::*;

sol! { struct Delegation { address delegatee; uint256 nonce; uint256 expiry; } }

fn flt(n: u64) -> U256 {
    U256::from(n) * FLT
}

#[motsu::test]
fn self_delegation_activates_the_whole_balance_including_stake() {
    let who = addr(1);
    let s = System::deploy();
    s.fund(&[who]);
    assert_eq!(s.token.sender(who).get_votes(who), U256::ZERO, "undelegated balances do not vote");
    s.token.sender(who).stake(flt(10_000), 0).motsu_unwrap();
    s.token.sender(who).delegate(who);
    s.token.assert_emitted(&DelegateChanged { delegator: who, fromDelegate: Address::ZERO, toDelegate: who });
    s.token.assert_emitted(&DelegateVotesChanged { delegate: who, previousVotes: U256::ZERO, newVotes: CAP });
    assert_eq!(s.token.sender(who).get_votes(who), CAP, "locked stake keeps voting");
    assert_eq!(s.token.sender(who).delegates(who), who);
    // Staking more does not move voting power.
    s.token.sender(who).stake(flt(5_000), 0).motsu_unwrap();
    assert_eq!(s.token.sender(who).get_votes(who), CAP);
}

#[motsu::test]
fn transfers_between_holders_who_never_delegated_touch_no_votes() {
    let (a, b) = (addr(1), addr(2));
    let s = System::deploy();
    s.fund(&[a, b]);
    let events = s.token.all_events().len();
    s.token.sender(a).transfer(b, flt(1)).motsu_unwrap();
    assert_eq!(s.token.all_events().len(), events + 1, "only Transfer: no DelegateVotesChanged");
    assert_eq!((s.token.sender(a).get_votes(a), s.token.sender(b).get_votes(b)), (U256::ZERO, U256::ZERO));
}

#[motsu::test]
fn votes_follow_transfers_between_delegates() {
    let (a, b, rep) = (addr(1), addr(2), addr(3));
    let s = System::deploy();
    s.fund(&[a, b]);
    s.token.sender(a).delegate(rep);
    s.token.sender(b).delegate(b);
    s.token.sender(a).transfer(b, flt(30_000)).motsu_unwrap();
    s.token.assert_emitted(&DelegateVotesChanged { delegate: rep, previousVotes: CAP, newVotes: flt(70_000) });
    s.token.assert_emitted(&DelegateVotesChanged { delegate: b, previousVotes: CAP, newVotes: flt(130_000) });
    // To a holder who never delegated: only the sender's delegate loses.
    let c = addr(4);
    s.token.sender(b).transfer(c, flt(30_000)).motsu_unwrap();
    assert_eq!(s.token.sender(c).get_votes(b), CAP);
    assert_eq!(s.token.sender(c).get_votes(c), U256::ZERO);
    // Redelegation moves everything; delegating to zero withdraws.
    s.token.sender(a).delegate(b);
    assert_eq!((s.token.sender(a).get_votes(rep), s.token.sender(a).get_votes(b)), (U256::ZERO, flt(170_000)));
    s.token.sender(a).delegate(Address::ZERO);
    s.token.assert_emitted(&DelegateChanged { delegator: a, fromDelegate: b, toDelegate: Address::ZERO });
    assert_eq!(s.token.sender(a).get_votes(b), CAP);
    assert_eq!(s.token.sender(a).delegates(a), Address::ZERO);
}

#[motsu::test]
fn past_votes_and_supply_never_change_and_the_future_is_refused() {
    let (a, b) = (addr(1), addr(2));
    let s = System::deploy();
    // Before any payout nothing circulates: the reserve never counts.
    advance(1);
    assert_eq!(s.token.sender(a).get_past_total_supply(U256::from(now() - 1)).motsu_unwrap(), U256::ZERO);
    s.fund(&[a, b]);
    let t_funded = now();
    s.token.sender(a).delegate(a);
    advance(10);
    let t1 = now();
    advance(10);
    s.token.sender(a).transfer(b, flt(40_000)).motsu_unwrap();
    advance(10);
    let t = |x: u64| U256::from(x);
    assert_eq!(s.token.sender(a).get_past_votes(a, t(t1)).motsu_unwrap(), CAP);
    assert_eq!(s.token.sender(a).get_past_votes(a, t(now() - 1)).motsu_unwrap(), flt(60_000));
    assert_eq!(s.token.sender(a).get_past_votes(a, t(t_funded - 1)).motsu_unwrap(), U256::ZERO);
    assert_eq!(s.token.sender(a).get_past_total_supply(t(t1)).motsu_unwrap(), CAP + CAP, "two payouts circulate");
    assert_eq!(s.token.sender(a).get_past_total_supply(t(t_funded - DAY - 1)).motsu_unwrap(), U256::ZERO);
    for future in [t(now()), t(now() + 1), U256::MAX] {
        let err = s.token.sender(a).get_past_votes(a, future).motsu_unwrap_err();
        assert_eq!(err, Error::FutureLookup(ERC5805FutureLookup { timepoint: future, clock: U48::from(now()) }));
        let err = s.token.sender(a).get_past_total_supply(future).motsu_unwrap_err();
        assert_eq!(err, Error::FutureLookup(ERC5805FutureLookup { timepoint: future, clock: U48::from(now()) }));
    }
    assert_eq!(s.token.sender(a).clock(), U48::from(now()));
    assert_eq!(s.token.sender(a).clock_mode(), "mode=timestamp");
}

fn sign(s: &System, signer: &Account, d: &Delegation) -> (u8, B256, B256) {
    let domain = eip712_domain! { name: "Federated Learning Token", version: "1", chain_id: 42_161, verifying_contract: s.token.address(), };
    let sig = signer.signer().sign_hash_sync(&d.eip712_signing_hash(&domain)).unwrap();
    (27 + u8::from(sig.v()), sig.r().into(), sig.s().into())
}

#[motsu::test]
fn delegate_by_sig_checks_expiry_nonce_and_signer() {
    let holder = Account::from_seed("delegator");
    let (who, rep, relayer) = (holder.address(), addr(9), addr(8));
    let s = System::deploy();
    s.fund(&[who]);
    let d = Delegation { delegatee: rep, nonce: U256::ZERO, expiry: U256::from(now() + 60) };
    // Expired.
    let late = Delegation { expiry: U256::from(now() - 1), ..d.clone() };
    let (v, r, sig_s) = sign(&s, &holder, &late);
    let err = s.token.sender(relayer).delegate_by_sig(rep, late.nonce, late.expiry, v, r, sig_s).motsu_unwrap_err();
    assert_eq!(err, Error::ExpiredDelegation(VotesExpiredSignature { expiry: late.expiry }));
    // Wrong nonce.
    let ahead = Delegation { nonce: U256::from(1u8), ..d.clone() };
    let (v, r, sig_s) = sign(&s, &holder, &ahead);
    let err = s.token.sender(relayer).delegate_by_sig(rep, ahead.nonce, ahead.expiry, v, r, sig_s).motsu_unwrap_err();
    assert_eq!(err, Error::InvalidAccountNonce(InvalidAccountNonce { account: who, currentNonce: U256::ZERO }));
    assert_eq!((s.token.sender(who).delegates(who), s.token.sender(who).nonces(who)), (Address::ZERO, U256::ZERO));
    // Valid, once.
    let (v, r, sig_s) = sign(&s, &holder, &d);
    s.token.sender(relayer).delegate_by_sig(rep, d.nonce, d.expiry, v, r, sig_s).motsu_unwrap();
    assert_eq!(s.token.sender(who).delegates(who), rep);
    assert_eq!(s.token.sender(who).get_votes(rep), CAP);
    let err = s.token.sender(relayer).delegate_by_sig(rep, d.nonce, d.expiry, v, r, sig_s).motsu_unwrap_err();
    assert_eq!(err, Error::InvalidAccountNonce(InvalidAccountNonce { account: who, currentNonce: U256::from(1u8) }));
}

/// topic0 of each log `token` emitted after the first `from` ones.
fn topics_since(s: &System, from: usize) -> Vec<B256> {
    s.token.all_events()[from..].iter().map(|log| log.topics()[0]).collect()
}

#[motsu::test]
fn checkpoints_list_each_change_of_votes_as_oz_checkpoint208() {
    let (a, b, rep) = (addr(1), addr(2), addr(3));
    let s = System::deploy();
    s.fund(&[a, b]);
    let key = |t: u64| U48::from(t);
    let votes = |v: U256| U208::from(v);
    assert_eq!(s.token.sender(b).num_checkpoints(a), 0, "no votes yet, no history");
    let err = s.token.sender(b).checkpoints(a, 0).motsu_unwrap_err();
    assert_eq!(err, Error::NoCheckpoint(FLTNoCheckpoint { account: a, pos: 0, numCheckpoints: 0 }));

    s.token.sender(a).delegate(a);
    let t0 = now();
    advance(10);
    s.token.sender(a).transfer(b, flt(30_000)).motsu_unwrap();
    // A second change in the same second overwrites that second's checkpoint.
    s.token.sender(a).transfer(b, flt(10_000)).motsu_unwrap();
    let t1 = now();
    assert_eq!(s.token.sender(b).num_checkpoints(a), 2);
    assert_eq!(s.token.sender(b).checkpoints(a, 0).motsu_unwrap(), (key(t0), votes(CAP)));
    assert_eq!(s.token.sender(b).checkpoints(a, 1).motsu_unwrap(), (key(t1), votes(flt(60_000))));
    for pos in [2, 3, u32::MAX] {
        let err = s.token.sender(b).checkpoints(a, pos).motsu_unwrap_err();
        assert_eq!(err, Error::NoCheckpoint(FLTNoCheckpoint { account: a, pos, numCheckpoints: 2 }));
    }
    assert_eq!(s.token.sender(b).num_checkpoints(a), 2, "refused reads change nothing");
    assert_eq!(s.token.sender(b).get_votes(a), flt(60_000));
    assert_eq!(s.token.sender(b).num_checkpoints(b), 0, "b never delegated: no history of its own");

    // Redelegation: a's votes fall to zero (a third checkpoint), rep's first.
    advance(5);
    s.token.sender(a).delegate(rep);
    let t2 = now();
    assert_eq!(s.token.sender(b).num_checkpoints(a), 3);
    assert_eq!(s.token.sender(b).checkpoints(a, 2).motsu_unwrap(), (key(t2), votes(U256::ZERO)));
    assert_eq!(s.token.sender(b).num_checkpoints(rep), 1);
    assert_eq!(s.token.sender(b).checkpoints(rep, 0).motsu_unwrap(), (key(t2), votes(flt(60_000))));
    assert_eq!(s.token.sender(b).delegates(rep), Address::ZERO, "a history does not make rep a delegator");
    assert_eq!(s.token.sender(b).delegates(a), rep);
    // rep (no balance) delegates to itself and away: its history stays.
    s.token.sender(rep).delegate(rep);
    s.token.sender(rep).delegate(Address::ZERO);
    assert_eq!(s.token.sender(b).num_checkpoints(rep), 1);
    assert_eq!(s.token.sender(b).get_votes(rep), flt(60_000));
    assert_eq!(s.token.sender(b).get_past_votes(rep, U256::from(t2 - 1)).motsu_unwrap(), U256::ZERO);
}

#[motsu::test]
fn a_transfer_logs_transfer_before_delegate_votes_changed() {
    let (a, b) = (addr(1), addr(2));
    let s = System::deploy();
    s.fund(&[a, b]);
    s.token.sender(a).delegate(a);
    s.token.sender(b).delegate(b);
    let (transfer, moved) = (Transfer::SIGNATURE_HASH, DelegateVotesChanged::SIGNATURE_HASH);
    let before = s.token.all_events().len();
    s.token.sender(a).transfer(b, flt(1)).motsu_unwrap();
    assert_eq!(topics_since(&s, before), vec![transfer, moved, moved], "as ERC20Votes: Transfer first");
    s.token.assert_emitted(&Transfer { from: a, to: b, value: flt(1) });
    // A payout to a delegating holder: the same order.
    let before = s.token.all_events().len();
    s.fund(&[a]);
    assert_eq!(topics_since(&s, before), vec![transfer, moved]);
    assert_eq!(s.token.sender(a).get_votes(a), CAP + CAP - flt(1));
}

#[motsu::test]
fn the_supply_history_survives_pauses() {
    let (a, b) = (addr(1), addr(2));
    let s = System::deploy();
    s.fund(&[a]);
    let t1 = now();
    s.token.sender(s.governor).set_paused_until(now() + DAY).motsu_unwrap();
    advance(1);
    let past_supply = |t: u64| s.token.sender(a).get_past_total_supply(U256::from(t)).motsu_unwrap();
    assert_eq!(past_supply(t1), CAP, "pausing kept the supply checkpoint");
    assert_eq!(s.token.sender(a).paused_until(), t1 + DAY);
    s.token.sender(s.governor).set_paused_until(0).motsu_unwrap();
    s.fund(&[b]);
    let t2 = now();
    advance(1);
    assert_eq!((past_supply(t1), past_supply(t2)), (CAP, CAP + CAP));
    assert_eq!(s.token.sender(a).paused_until(), 0, "the payout kept the pause");
}

/// A delegation signed by another key never moves the holder's votes: the
/// signature speaks for its signer only (OZ's `delegateBySig`). With the
/// holder's nonce it is refused with the signer's own nonce; with the
/// signer's nonce it delegates the signer's (empty) account, and the
/// holder's delegation, nonce and votes stay as they were.
#[motsu::test]
fn delegate_by_sig_from_the_wrong_signer_never_moves_the_holders_votes() {
    let holder = Account::from_seed("delegator");
    let imposter = Account::from_seed("imposter");
    let (who, rep, relayer) = (holder.address(), addr(9), addr(8));
    let s = System::deploy();
    s.fund(&[who]);
    // The holder delegates to itself by signature (its nonce becomes 1).
    let first = Delegation { delegatee: who, nonce: U256::ZERO, expiry: U256::from(now() + 60) };
    let (v, r, sig_s) = sign(&s, &holder, &first);
    s.token.sender(relayer).delegate_by_sig(who, first.nonce, first.expiry, v, r, sig_s).motsu_unwrap();
    let state = |s: &System| {
        let t = s.token.sender(who);
        (t.delegates(who), t.nonces(who), t.get_votes(who), t.get_votes(rep), t.nonces(imposter.address()))
    };
    let before = state(&s);
    assert_eq!(before, (who, U256::from(1u8), CAP, U256::ZERO, U256::ZERO));
    // The holder's next delegation (nonce 1), signed by the imposter.
    let d = Delegation { delegatee: rep, nonce: U256::from(1u8), expiry: U256::from(now() + 60) };
    let (v, r, sig_s) = sign(&s, &imposter, &d);
    let err = s.token.sender(relayer).delegate_by_sig(rep, d.nonce, d.expiry, v, r, sig_s).motsu_unwrap_err();
    assert_eq!(
        err,
        Error::InvalidAccountNonce(InvalidAccountNonce { account: imposter.address(), currentNonce: U256::ZERO })
    );
    assert_eq!(state(&s), before, "a refused delegation changed nothing");
    // With the imposter's own nonce it is the imposter who delegates.
    let d = Delegation { nonce: U256::ZERO, ..d };
    let (v, r, sig_s) = sign(&s, &imposter, &d);
    s.token.sender(relayer).delegate_by_sig(rep, d.nonce, d.expiry, v, r, sig_s).motsu_unwrap();
    s.token.assert_emitted(&DelegateChanged {
        delegator: imposter.address(),
        fromDelegate: Address::ZERO,
        toDelegate: rep,
    });
    assert_eq!(s.token.sender(who).delegates(imposter.address()), rep);
    assert_eq!(state(&s), (who, U256::from(1u8), CAP, U256::ZERO, U256::from(1u8)), "the holder's votes stayed");
}
