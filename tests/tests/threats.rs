//! The threat model's lines that had no test doing what they say
//! (docs/threat-model.md, issue 13 item 8): a proposer's votes one second
//! before proposing, quorum at the snapshot, delegating and voting during a
//! pause, and ballots signed for another chain or contract or in malleable
//! form.

use alloy_primitives::{keccak256, Address, U256};
use alloy_signer::SignerSync;
use alloy_sol_types::{eip712_domain, sol, Eip712Domain, SolCall, SolStruct};
use fl_governor::{errors::*, events::VoteCast, proposals::state};
use fl_token::{
    errors::{self as te, Error as TError},
    events::DelegateVotesChanged,
};
use flt_system_tests::*;
use motsu::prelude::*;
use stylus_sdk::abi::Bytes;

sol! {
    function setParameter(uint8 id, uint256 value);
    struct Ballot { uint256 proposalId; uint8 support; address voter; uint256 nonce; }
}

/// secp256k1's group order n: a signature's malleable twin has s' = n - s.
const SECP256K1_N: U256 =
    alloy_primitives::uint!(0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141_U256);

fn flt(n: u64) -> U256 {
    U256::from(n) * FLT
}

/// See [`System::governed_holders`].
fn governed() -> (System, Vec<Address>) {
    System::governed_holders()
}

/// A one-action parameter proposal (`minContributions = value`) and its id.
fn propose(s: &System, who: Address, value: u8, description: &str) -> Result<U256, Error> {
    let data = setParameterCall { id: 4, value: U256::from(value) }.abi_encode();
    s.gov.sender(who).propose(vec![s.rewards.address()], vec![U256::ZERO], vec![data.into()], description.into())
}

fn state_of(s: &System, id: U256) -> u8 {
    s.gov.sender(addr(99)).state(id).motsu_unwrap()
}

#[motsu::test]
fn a_proposers_votes_count_as_of_one_second_before_it_proposes() {
    let (s, h) = governed();
    // `late` gets 100,000 FLT (the threshold) and delegates in this second.
    let late = addr(40);
    s.token.sender(h[9]).transfer(late, flt(100_000)).motsu_unwrap();
    s.token.sender(late).delegate(late);
    assert_eq!(s.token.sender(late).get_votes(late), flt(100_000), "it has the votes now");
    let err = propose(&s, late, 2, "too early").motsu_unwrap_err();
    assert_eq!(
        err,
        Error::InsufficientProposerVotes(GovernorInsufficientProposerVotes {
            proposer: late,
            votes: U256::ZERO,
            threshold: flt(100_000)
        })
    );
    let id = s.gov.sender(late).hash_proposal(
        vec![s.rewards.address()],
        vec![U256::ZERO],
        vec![setParameterCall { id: 4, value: U256::from(2u8) }.abi_encode().into()],
        keccak256("too early"),
    );
    assert_eq!(
        s.gov.sender(late).state(id).motsu_unwrap_err(),
        Error::NonexistentProposal(GovernorNonexistentProposal { proposalId: id })
    );
    // One second later its votes are in the past, and count.
    advance(1);
    assert_eq!(propose(&s, late, 2, "too early").motsu_unwrap(), id);
    assert_eq!(state_of(&s, id), state::PENDING);
}

#[motsu::test]
fn quorum_is_the_fraction_of_circulating_supply_at_the_snapshot() {
    let (s, h) = governed();
    // A contributor earns a capped 100,000 FLT in epoch 0 and claims it
    // during the vote, after the snapshot: circulating grows by 10 %.
    let earner = addr(50);
    s.register(earner);
    s.contribute(earner, 800_000, 800_000);
    let exact = addr(51);
    s.token.sender(h[9]).transfer(exact, flt(40_000)).motsu_unwrap();
    s.token.sender(exact).delegate(exact);
    // Propose so that the snapshot (1 day later) falls at the epoch's end.
    let (epoch, _, end) = s.rewards.sender(earner).current_epoch().motsu_unwrap();
    advance(end - DAY - now());
    let id = propose(&s, h[0], 2, "quorum at the snapshot").motsu_unwrap();
    let snapshot = s.gov.sender(h[0]).proposal_snapshot(id).motsu_unwrap();
    assert_eq!(snapshot, U256::from(end));
    advance(2 * DAY); // claims for the epoch open at its end + 1 day
    assert_eq!(s.rewards.sender(earner).claim(vec![epoch]).motsu_unwrap(), CAP);
    advance(1);
    let now_minus_1 = U256::from(now() - 1);
    assert_eq!(s.gov.sender(h[0]).quorum(snapshot).motsu_unwrap(), flt(40_000));
    assert_eq!(s.gov.sender(h[0]).quorum(now_minus_1).motsu_unwrap(), flt(44_000), "4 % of 1,100,000 FLT now");
    // Exactly the snapshot's quorum, and nothing else, carries the vote.
    assert_eq!(s.gov.sender(exact).cast_vote(id, 1).motsu_unwrap(), flt(40_000));
    advance(WEEK);
    assert_eq!(state_of(&s, id), state::SUCCEEDED);
}

#[motsu::test]
fn holders_delegate_propose_and_vote_during_a_pause_but_do_not_transfer() {
    let (s, h) = governed();
    let id = propose(&s, h[0], 2, "voted during a pause").motsu_unwrap();
    advance(DAY + 1);
    s.council.sender(s.signers[0]).pause().motsu_unwrap();
    let until = s.token.sender(h[0]).paused_until();
    assert!(until > now());
    // Transfers stop ...
    let err = s.token.sender(h[1]).transfer(h[2], FLT).motsu_unwrap_err();
    assert_eq!(err, TError::EnforcedPause(te::EnforcedPause {}));
    // ... delegation does not: h[1] moves its votes to h[2].
    s.token.sender(h[1]).delegate(h[2]);
    s.token.assert_emitted(&DelegateVotesChanged {
        delegate: h[2],
        previousVotes: flt(100_000),
        newVotes: flt(200_000),
    });
    assert_eq!(s.token.sender(h[2]).get_votes(h[2]), flt(200_000));
    assert_eq!(s.token.sender(h[1]).delegates(h[1]), h[2]);
    // Voting (at the snapshot's weights) and proposing go on.
    assert_eq!(s.gov.sender(h[3]).cast_vote(id, 1).motsu_unwrap(), flt(100_000));
    s.gov.assert_emitted(&VoteCast {
        voter: h[3],
        proposalId: id,
        support: 1,
        weight: flt(100_000),
        reason: "".into(),
    });
    let later = propose(&s, h[4], 3, "proposed during a pause").motsu_unwrap();
    assert_eq!(state_of(&s, later), state::PENDING);
    assert!(now() < until, "all of it inside the pause");
}

#[motsu::test]
fn ballots_for_another_chain_or_contract_or_in_malleable_form_are_refused() {
    let (s, h) = governed();
    let voter = Account::from_seed("threat ballot signer");
    s.token.sender(h[5]).transfer(voter.address(), flt(50_000)).motsu_unwrap();
    s.token.sender(voter.address()).delegate(voter.address());
    advance(1);
    let id = propose(&s, h[0], 2, "ballots").motsu_unwrap();
    advance(DAY + 1);
    let gov = s.gov.address();
    let sign = |domain: &Eip712Domain| {
        let ballot = Ballot { proposalId: id, support: 1, voter: voter.address(), nonce: U256::ZERO };
        let sig = voter.signer().sign_hash_sync(&ballot.eip712_signing_hash(domain)).unwrap();
        (sig.r(), sig.s(), 27 + u8::from(sig.v()))
    };
    let bytes = |r: U256, s_: U256, v: u8| {
        let mut b = r.to_be_bytes::<32>().to_vec();
        b.extend_from_slice(&s_.to_be_bytes::<32>());
        b.push(v);
        Bytes(b)
    };
    let other_chain = eip712_domain! { name: "FLTGovernor", version: "1", chain_id: 421_614, verifying_contract: gov, };
    let other_contract =
        eip712_domain! { name: "FLTGovernor", version: "1", chain_id: 42_161, verifying_contract: s.token.address(), };
    let right = eip712_domain! { name: "FLTGovernor", version: "1", chain_id: 42_161, verifying_contract: gov, };
    let (r, s_, v) = sign(&right);
    let malleable = bytes(r, SECP256K1_N - s_, if v == 27 { 28 } else { 27 });
    let wrong = [
        ("another chain", {
            let (r, s_, v) = sign(&other_chain);
            bytes(r, s_, v)
        }),
        ("another contract", {
            let (r, s_, v) = sign(&other_contract);
            bytes(r, s_, v)
        }),
        ("the malleable twin (high s)", malleable),
        ("64 bytes", Bytes(bytes(r, s_, v).0[..64].to_vec())),
    ];
    let relayer = addr(98);
    for (what, sig) in wrong {
        let err = s.gov.sender(relayer).cast_vote_by_sig(id, 1, voter.address(), sig).motsu_unwrap_err();
        assert_eq!(err, Error::InvalidSignature(GovernorInvalidSignature { voter: voter.address() }), "{what}");
        assert!(!s.gov.sender(relayer).has_voted(id, voter.address()), "{what}");
        assert_eq!(s.gov.sender(relayer).nonces(voter.address()), U256::ZERO, "{what}");
        assert_eq!(s.gov.sender(relayer).proposal_votes(id).motsu_unwrap(), (U256::ZERO, U256::ZERO, U256::ZERO));
    }
    // The ballot as signed for this chain and contract counts.
    assert_eq!(
        s.gov.sender(relayer).cast_vote_by_sig(id, 1, voter.address(), bytes(r, s_, v)).motsu_unwrap(),
        flt(50_000)
    );
    assert_eq!(s.gov.sender(relayer).nonces(voter.address()), U256::from(1u8));
}
