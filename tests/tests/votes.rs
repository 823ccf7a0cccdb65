//! Votes in FLToken (SPEC.md section 7): ERC20Votes delegation with an
//! EIP-6372 timestamp clock, over the circulating supply.

use alloy_primitives::{aliases::U48, Address, B256, U256};
use alloy_signer::SignerSync;
use alloy_sol_types::{eip712_domain, sol, SolStruct};
use fl_token::{
    errors::*,
    events::{DelegateChanged, DelegateVotesChanged},
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
