//! Signatures and votes on the real Stylus VM, signed with real secp256k1
//! keys over EIP-712 digests computed by alloy (not by the contract).
//!
//! What it proves:
//! - `eip712Domain()`, decoded as wallets decode it (seven return values),
//!   reads back "Federated Learning Token", "1", chain id 412346 and the
//!   token's address, and `DOMAIN_SEPARATOR()` equals the separator alloy
//!   computes from that domain (the one the signatures below use).
//! - `permit` with a wallet's signature, relayed by a third account, emits
//!   `Approval(owner, spender, value)`, sets the allowance and advances the
//!   nonce; the deadline is inclusive. An expired deadline
//!   (`ERC2612ExpiredSignature(deadline)`), a wrong signer
//!   (`ERC2612InvalidSigner(signer, owner)`), a replay (the recovered address
//!   is then another one, named in the error) and the malleable twin of a
//!   valid signature (`ECDSAInvalidSignatureS(s)`) are each refused with
//!   allowance and nonce unchanged.
//! - `delegateBySig` with a real signature emits `DelegateChanged` and
//!   `DelegateVotesChanged` with their values and moves the votes
//!   (`delegates`, `getVotes`); its replay is refused with
//!   `InvalidAccountNonce(account, currentNonce)` and an expired one with
//!   `VotesExpiredSignature(expiry)`, votes unchanged.
//! - `delegate` directly; `getPastVotes` / `getPastTotalSupply` at a past
//!   timestamp keep their value after later transfers and payouts, and a
//!   future (or present) timepoint is refused with
//!   `ERC5805FutureLookup(timepoint, clock)`.

use alloy_primitives::{Address, FixedBytes, U256};
use alloy_sol_types::SolStruct;
use flt_node_tests::{
    abi::{FLToken, FLToken::IFLTokenErrors as E},
    govern::{claim, earn, flt, show},
    sign::{self, Delegation, Permit, CHAIN_ID},
    system::fresh,
    System,
};

fn allowance(sys: &System, owner: Address, spender: Address) -> U256 {
    sys.client.call(sys.token, &FLToken::allowanceCall { owner, spender })._0
}

fn nonce(sys: &System, owner: Address) -> U256 {
    sys.client.call(sys.token, &FLToken::noncesCall { owner })._0
}

fn votes(sys: &System, account: Address) -> U256 {
    sys.client.call(sys.token, &FLToken::getVotesCall { account })._0
}

/// The token's EIP-712 domain: the documented one, which must give the
/// separator the chain reports.
fn chain_domain(sys: &System) -> alloy_sol_types::Eip712Domain {
    let domain = sign::token_domain(sys.token);
    let separator = sys.client.call(sys.token, &FLToken::DOMAIN_SEPARATORCall {})._0;
    assert_eq!(separator, domain.separator(), "DOMAIN_SEPARATOR() is the EIP-712 separator of the documented domain");
    domain
}

/// EIP-5267 as wallets read it: `eip712Domain()`'s answer decoded as the
/// seven return values (the encoding Solidity gives them), naming the same
/// domain.
#[test]
fn eip712_domain_reads_as_wallets_read_it() {
    let sys = fresh();
    let d = sys.client.call(sys.token, &FLToken::eip712DomainCall {});
    assert_eq!(d.fields, FixedBytes([0x0f]), "fields: name, version, chainId, verifyingContract");
    assert_eq!(d.name, "Federated Learning Token");
    assert_eq!(d.version, "1");
    assert_eq!(d.chainId, U256::from(CHAIN_ID));
    assert_eq!(d.verifyingContract, sys.token);
    assert_eq!(d.salt, FixedBytes::ZERO, "no salt");
    assert!(d.extensions.is_empty(), "no extensions");
    let domain = sign::domain(&d.name, &d.version, d.chainId, d.verifyingContract);
    assert_eq!(domain, sign::token_domain(sys.token));
    let separator = sys.client.call(sys.token, &FLToken::DOMAIN_SEPARATORCall {})._0;
    assert_eq!(separator, domain.separator(), "DOMAIN_SEPARATOR() is the separator of eip712Domain()");
}

fn permit_call(p: &Permit, sig: sign::Sig) -> FLToken::permitCall {
    FLToken::permitCall {
        owner: p.owner,
        spender: p.spender,
        value: p.value,
        deadline: p.deadline,
        v: sig.v,
        r: sig.r,
        s: sig.s,
    }
}

#[test]
fn permit_with_a_wallet_signature_and_its_refusals() {
    let sys = fresh();
    let domain = chain_domain(&sys);
    let (owner, spender, relayer) = (sys.at(5), sys.at(6), sys.at(7));
    let t = sys.now() + 100;
    let p = Permit { owner, spender, value: flt(1234), nonce: U256::ZERO, deadline: U256::from(t) };
    let (sig, digest) = sign::sign(5, &p, &domain);
    assert_eq!(sig.recover(digest), owner);

    // The deadline is inclusive: a permit mined at its deadline passes.
    sys.next_at(t);
    let r = sys.client.send(relayer, sys.token, &permit_call(&p, sig));
    assert_eq!(sys.now(), t);
    let approval = r.event::<FLToken::Approval>(sys.token);
    assert_eq!((approval.owner, approval.spender, approval.value), (owner, spender, flt(1234)));
    assert_eq!(r.logs.len(), 1, "{:?}", r.log_kinds());
    assert_eq!(allowance(&sys, owner, spender), flt(1234));
    assert_eq!(nonce(&sys, owner), U256::from(1));

    // Replay of the same signature, in a block still at its deadline (not
    // whenever the wall clock lets the next block fall): the nonce is now
    // 1, so the digest the token hashes differs and ecrecover yields
    // another address.
    let replayed = Permit { nonce: U256::from(1), ..p.clone() }.eip712_signing_hash(&domain);
    let stranger = sig.recover(replayed);
    assert_ne!(stranger, owner);
    sys.next_at(t);
    match sys.client.refuse::<_, E>(relayer, sys.token, &permit_call(&p, sig)) {
        E::ERC2612InvalidSigner(e) => assert_eq!((e.signer, e.owner), (stranger, owner)),
        other => panic!("replay: {}", show(&other)),
    }
    assert_eq!((allowance(&sys, owner, spender), nonce(&sys, owner)), (flt(1234), U256::from(1)));

    // Expired: a valid signature (nonce 1) mined one second after its deadline.
    let late = sys.now() + 50;
    let p1 = Permit { value: flt(99), nonce: U256::from(1), deadline: U256::from(late), ..p.clone() };
    let (sig1, _) = sign::sign(5, &p1, &domain);
    sys.warp(late + 1);
    match sys.client.refuse::<_, E>(relayer, sys.token, &permit_call(&p1, sig1)) {
        E::ERC2612ExpiredSignature(e) => assert_eq!(e.deadline, U256::from(late)),
        other => panic!("expired: {}", show(&other)),
    }
    assert_eq!((allowance(&sys, owner, spender), nonce(&sys, owner)), (flt(1234), U256::from(1)));

    // A wrong signer: dev 8 signs the owner's permit.
    let p2 = Permit { deadline: U256::from(sys.now() + 1000), ..p1.clone() };
    let (forged, _) = sign::sign(8, &p2, &domain);
    match sys.client.refuse::<_, E>(relayer, sys.token, &permit_call(&p2, forged)) {
        E::ERC2612InvalidSigner(e) => assert_eq!((e.signer, e.owner), (sys.at(8), owner)),
        other => panic!("wrong signer: {}", show(&other)),
    }
    assert_eq!((allowance(&sys, owner, spender), nonce(&sys, owner)), (flt(1234), U256::from(1)));

    // The malleable twin of the owner's valid signature (same signer for
    // ecrecover) is refused as OZ's ECDSA refuses it.
    let (good, digest2) = sign::sign(5, &p2, &domain);
    let twin = good.malleated();
    assert_eq!(twin.recover(digest2), owner, "the twin recovers the owner");
    match sys.client.refuse::<_, E>(relayer, sys.token, &permit_call(&p2, twin)) {
        E::ECDSAInvalidSignatureS(e) => assert_eq!(e.s, twin.s),
        other => panic!("high s: {}", show(&other)),
    }
    assert_eq!((allowance(&sys, owner, spender), nonce(&sys, owner)), (flt(1234), U256::from(1)));

    // The valid one still works: nonce 1 is unused.
    let r = sys.client.send(relayer, sys.token, &permit_call(&p2, good));
    let approval = r.event::<FLToken::Approval>(sys.token);
    assert_eq!((approval.owner, approval.spender, approval.value), (owner, spender, flt(99)));
    assert_eq!((allowance(&sys, owner, spender), nonce(&sys, owner)), (flt(99), U256::from(2)));
}

fn delegate_by_sig_call(d: &Delegation, sig: sign::Sig) -> FLToken::delegateBySigCall {
    FLToken::delegateBySigCall {
        delegatee: d.delegatee,
        nonce: d.nonce,
        expiry: d.expiry,
        v: sig.v,
        r: sig.r,
        s: sig.s,
    }
}

#[test]
fn delegation_by_signature_direct_and_past_votes() {
    let sys = fresh();
    let domain = chain_domain(&sys);
    // Devs 4, 5 and 6 earn 100,000 FLT each in epoch 0; 4 and 5 claim now,
    // 6 later (the payout then grows the circulating supply).
    let e = earn(&sys, &[4, 5, 6]);
    for i in [4, 5] {
        assert_eq!(claim(&sys, i, e), flt(100_000));
    }
    let (holder, delegatee, relayer) = (sys.at(4), sys.at(8), sys.at(7));
    assert_eq!(votes(&sys, holder), U256::ZERO, "undelegated tokens do not vote");

    // delegateBySig: dev 4 signs, dev 7 relays.
    let d = Delegation { delegatee, nonce: U256::ZERO, expiry: U256::from(sys.now() + 3600) };
    let (sig, _) = sign::sign(4, &d, &domain);
    let r = sys.client.send(relayer, sys.token, &delegate_by_sig_call(&d, sig));
    let changed = r.event::<FLToken::DelegateChanged>(sys.token);
    assert_eq!((changed.delegator, changed.fromDelegate, changed.toDelegate), (holder, Address::ZERO, delegatee));
    let moved = r.event::<FLToken::DelegateVotesChanged>(sys.token);
    assert_eq!((moved.delegate, moved.previousVotes, moved.newVotes), (delegatee, U256::ZERO, flt(100_000)));
    let delegates = |a| sys.client.call(sys.token, &FLToken::delegatesCall { account: a })._0;
    assert_eq!(delegates(holder), delegatee);
    assert_eq!((votes(&sys, delegatee), votes(&sys, holder)), (flt(100_000), U256::ZERO));
    assert_eq!(nonce(&sys, holder), U256::from(1), "delegateBySig uses permit's nonces");

    // Replay: refused with the nonce it needs now.
    match sys.client.refuse::<_, E>(relayer, sys.token, &delegate_by_sig_call(&d, sig)) {
        E::InvalidAccountNonce(e) => assert_eq!((e.account, e.currentNonce), (holder, U256::from(1))),
        other => panic!("replay: {}", show(&other)),
    }
    // Expired: dev 4 re-delegates to itself, signed with a past expiry.
    let d1 = Delegation { delegatee: holder, nonce: U256::from(1), expiry: U256::from(sys.now()) };
    let (sig1, _) = sign::sign(4, &d1, &domain);
    sys.warp(sys.now() + 1);
    match sys.client.refuse::<_, E>(relayer, sys.token, &delegate_by_sig_call(&d1, sig1)) {
        E::VotesExpiredSignature(e) => assert_eq!(e.expiry, d1.expiry),
        other => panic!("expired: {}", show(&other)),
    }
    assert_eq!(delegates(holder), delegatee);
    assert_eq!((votes(&sys, delegatee), votes(&sys, holder)), (flt(100_000), U256::ZERO));
    assert_eq!(nonce(&sys, holder), U256::from(1));

    // delegate directly: dev 5 to itself.
    let r = sys.client.send(sys.at(5), sys.token, &FLToken::delegateCall { delegatee: sys.at(5) });
    let changed = r.event::<FLToken::DelegateChanged>(sys.token);
    assert_eq!((changed.delegator, changed.fromDelegate, changed.toDelegate), (sys.at(5), Address::ZERO, sys.at(5)));
    let moved = r.event::<FLToken::DelegateVotesChanged>(sys.token);
    assert_eq!((moved.delegate, moved.previousVotes, moved.newVotes), (sys.at(5), U256::ZERO, flt(100_000)));
    let t1 = sys.now();
    let supply_t1 = sys.client.call(sys.token, &FLToken::getPastTotalSupplyCall { timepoint: U256::from(t1 - 1) })._0;
    assert_eq!(supply_t1, flt(200_000), "circulating supply: the two payouts so far");

    // Later: dev 5 sends 30,000 FLT to dev 9 (not delegating), dev 4 moves
    // its delegation back to itself, and dev 6's payout circulates.
    sys.next_at(t1 + 10);
    let r = sys.client.send(sys.at(5), sys.token, &FLToken::transferCall { to: sys.at(9), value: flt(30_000) });
    let moved = r.event::<FLToken::DelegateVotesChanged>(sys.token);
    assert_eq!((moved.delegate, moved.previousVotes, moved.newVotes), (sys.at(5), flt(100_000), flt(70_000)));
    let r = sys.client.send(holder, sys.token, &FLToken::delegateCall { delegatee: holder });
    let changed = r.event::<FLToken::DelegateChanged>(sys.token);
    assert_eq!((changed.fromDelegate, changed.toDelegate), (delegatee, holder));
    let moved = r.events::<FLToken::DelegateVotesChanged>(sys.token);
    let moved: Vec<_> = moved.iter().map(|m| (m.delegate, m.previousVotes, m.newVotes)).collect();
    assert_eq!(moved, vec![(delegatee, flt(100_000), U256::ZERO), (holder, U256::ZERO, flt(100_000))]);
    assert_eq!(claim(&sys, 6, e), flt(100_000));
    sys.warp(sys.now() + 5);

    let past_votes =
        |a, t: u64| sys.client.call(sys.token, &FLToken::getPastVotesCall { account: a, timepoint: U256::from(t) })._0;
    let past_supply =
        |t: u64| sys.client.call(sys.token, &FLToken::getPastTotalSupplyCall { timepoint: U256::from(t) })._0;
    // At t1 the votes and supply are as they stood then.
    assert_eq!(past_votes(sys.at(5), t1), flt(100_000));
    assert_eq!(past_votes(delegatee, t1), flt(100_000));
    assert_eq!(past_votes(holder, t1), U256::ZERO);
    assert_eq!(past_supply(t1), flt(200_000));
    // Now they have moved.
    let now1 = sys.now() - 1;
    assert_eq!(votes(&sys, sys.at(5)), flt(70_000));
    assert_eq!(past_votes(sys.at(5), now1), flt(70_000));
    assert_eq!(past_votes(delegatee, now1), U256::ZERO);
    assert_eq!(past_votes(holder, now1), flt(100_000));
    assert_eq!(past_supply(now1), flt(300_000));
    assert_eq!(past_votes(sys.at(9), now1), U256::ZERO, "dev 9 never delegated");

    // A future timepoint, and the present one, are refused with the clock.
    // Calls run in the pending block, whose time anvil otherwise advances
    // with the wall clock between two calls: pin it, so "the present" is
    // one fixed second for every call below.
    let pinned = sys.now() + 5;
    sys.next_at(pinned);
    let clock = sys.client.call(sys.token, &FLToken::clockCall {})._0.to::<u64>();
    assert_eq!(clock, pinned, "calls see the pinned next block's time");
    for t in [clock + 1000, clock] {
        let refused = sys.client.try_call(
            Address::ZERO,
            sys.token,
            &FLToken::getPastVotesCall { account: holder, timepoint: U256::from(t) },
        );
        match refused.expect_err("future getPastVotes refused").decode::<E>() {
            E::ERC5805FutureLookup(e) => assert_eq!((e.timepoint, e.clock.to::<u64>()), (U256::from(t), clock)),
            other => panic!("getPastVotes({t}): {}", show(&other)),
        }
        let refused = sys.client.try_call(
            Address::ZERO,
            sys.token,
            &FLToken::getPastTotalSupplyCall { timepoint: U256::from(t) },
        );
        match refused.expect_err("future getPastTotalSupply refused").decode::<E>() {
            E::ERC5805FutureLookup(e) => assert_eq!((e.timepoint, e.clock.to::<u64>()), (U256::from(t), clock)),
            other => panic!("getPastTotalSupply({t}): {}", show(&other)),
        }
    }
    // Use up the pinned time (a block at it), so that no later call or test
    // inherits it.
    sys.warp(pinned);
    // Refused transactions changed nothing: the current votes stand.
    assert_eq!(
        (votes(&sys, holder), votes(&sys, delegatee), votes(&sys, sys.at(5))),
        (flt(100_000), U256::ZERO, flt(70_000))
    );
}
