//! FLTGovernor and FLTCouncil with FLToken and FLTRewards (SPEC.md sections
//! 7 and 8): every proposal state and transition, votes at the snapshot,
//! quorum, council approvals, council actions and the emergency pause.

use alloy_primitives::{aliases::U48, keccak256, Address, B256, U256};
use alloy_sol_types::{sol, SolCall};
use fl_council::{council::kind, errors as ce, events::*};
use fl_governor::{errors::*, events::*, proposals::state};
use flt_system_tests::*;
use motsu::prelude::*;
use stylus_sdk::abi::Bytes;

sol! { function setParameter(uint8 id, uint256 value); }

fn flt(n: u64) -> U256 {
    U256::from(n) * FLT
}

struct Proposal {
    targets: Vec<Address>,
    values: Vec<U256>,
    calldatas: Vec<Bytes>,
    description: String,
}

impl Proposal {
    fn hash(&self) -> B256 {
        keccak256(self.description.as_bytes())
    }
}

fn set_parameter(target: Address, id: u8, value: U256, description: &str) -> Proposal {
    Proposal {
        targets: vec![target],
        values: vec![U256::ZERO],
        calldatas: vec![setParameterCall { id, value }.abi_encode().into()],
        description: description.into(),
    }
}

/// See [`System::governed_holders`].
fn governed() -> (System, Vec<Address>) {
    System::governed_holders()
}

fn propose(s: &System, who: Address, p: &Proposal) -> U256 {
    s.gov
        .sender(who)
        .propose(p.targets.clone(), p.values.clone(), p.calldatas.clone(), p.description.clone().into())
        .motsu_unwrap()
}

fn queue(s: &System, p: &Proposal) -> Result<U256, Error> {
    s.gov.sender(addr(99)).queue(p.targets.clone(), p.values.clone(), p.calldatas.clone(), p.hash())
}

fn execute(s: &System, p: &Proposal) -> Result<U256, Error> {
    s.gov.sender(addr(99)).execute(p.targets.clone(), p.values.clone(), p.calldatas.clone(), p.hash())
}

fn st(s: &System, id: U256) -> u8 {
    s.gov.sender(addr(99)).state(id).motsu_unwrap()
}

fn unexpected(id: U256, current: u8, expected: &[u8]) -> Error {
    let mut m = U256::ZERO;
    for e in expected {
        m |= U256::from(1u8) << usize::from(*e);
    }
    Error::UnexpectedProposalState(GovernorUnexpectedProposalState {
        proposalId: id,
        current,
        expectedStates: B256::from(m),
    })
}

#[motsu::test]
fn a_parameter_proposal_goes_pending_active_succeeded_queued_executed() {
    let (s, h) = governed();
    let p = set_parameter(s.rewards.address(), 0, flt(2_000_000), "raise the weekly pool");
    let id = propose(&s, h[0], &p);
    // OZ's id: keccak256(abi.encode(targets, values, calldatas,
    // descriptionHash)), encoded here independently of the contract.
    let calldatas: Vec<alloy_primitives::Bytes> = p.calldatas.iter().map(|c| c.0.clone().into()).collect();
    let encoded = alloy_sol_types::SolValue::abi_encode_params(&(
        p.targets.clone(),
        p.values.clone(),
        calldatas,
        keccak256("raise the weekly pool".as_bytes()),
    ));
    assert_eq!(id, U256::from_be_bytes(keccak256(encoded).0), "the id is OZ's hashProposal");
    assert_eq!(
        id,
        s.gov.sender(h[0]).hash_proposal(p.targets.clone(), p.values.clone(), p.calldatas.clone(), p.hash())
    );
    let start = now() + DAY;
    assert_eq!(s.gov.sender(h[0]).proposal_snapshot(id).motsu_unwrap(), U256::from(start));
    assert_eq!(s.gov.sender(h[0]).proposal_deadline(id).motsu_unwrap(), U256::from(start + WEEK));
    assert_eq!(s.gov.sender(h[0]).proposal_proposer(id), h[0]);
    assert_eq!(st(&s, id), state::PENDING);
    // Votes are refused while pending.
    assert_eq!(
        s.gov.sender(h[1]).cast_vote(id, 1).motsu_unwrap_err(),
        unexpected(id, state::PENDING, &[state::ACTIVE])
    );
    advance(DAY + 1);
    assert_eq!(st(&s, id), state::ACTIVE);
    assert_eq!(s.gov.sender(h[1]).cast_vote(id, 1).motsu_unwrap(), CAP);
    s.gov.assert_emitted(&VoteCast { voter: h[1], proposalId: id, support: 1, weight: CAP, reason: String::new() });
    s.gov.sender(h[2]).cast_vote_with_reason(id, 0, "too generous".into()).motsu_unwrap();
    s.gov.sender(h[3]).cast_vote(id, 2).motsu_unwrap();
    s.gov.sender(h[4]).cast_vote(id, 1).motsu_unwrap();
    assert_eq!(s.gov.sender(h[0]).proposal_votes(id).motsu_unwrap(), (CAP, CAP + CAP, CAP));
    assert!(s.gov.sender(h[0]).has_voted(id, h[1]));
    advance(WEEK);
    assert_eq!(st(&s, id), state::SUCCEEDED);
    queue(&s, &p).motsu_unwrap();
    let eta = now() + 2 * DAY;
    s.gov.assert_emitted(&ProposalQueued { proposalId: id, etaSeconds: U256::from(eta) });
    assert_eq!(st(&s, id), state::QUEUED);
    // Before eta: refused. Without the council: refused.
    assert_eq!(
        execute(&s, &p).motsu_unwrap_err(),
        Error::TimelockNotReady(FLTTimelockNotReady { proposalId: id, eta: U256::from(eta) })
    );
    advance(2 * DAY);
    let missing = |n: u64| {
        Error::MissingCouncilApprovals(FLTMissingCouncilApprovals {
            id,
            approvals: U256::from(n),
            threshold: U256::from(2u8),
        })
    };
    assert_eq!(execute(&s, &p).motsu_unwrap_err(), missing(0));
    s.council.sender(s.signers[0]).approve_proposal(id).motsu_unwrap();
    assert_eq!(execute(&s, &p).motsu_unwrap_err(), missing(1));
    let err = s.council.sender(s.signers[0]).approve_proposal(id).motsu_unwrap_err();
    assert_eq!(err, Vec::<u8>::from(ce::Error::AlreadyApproved(ce::FLTAlreadyApproved { id, signer: s.signers[0] })));
    s.council.sender(s.signers[2]).approve_proposal(id).motsu_unwrap();
    execute(&s, &p).motsu_unwrap();
    s.gov.assert_emitted(&ProposalExecuted { proposalId: id });
    assert_eq!(st(&s, id), state::EXECUTED);
    assert_eq!(s.rewards.sender(h[0]).params()[0], flt(2_000_000));
    assert_eq!(execute(&s, &p).motsu_unwrap_err(), unexpected(id, state::EXECUTED, &[state::QUEUED]));
}

#[motsu::test]
fn defeated_by_a_tie_or_a_missed_quorum_and_canceled_while_pending() {
    let (s, h) = governed();
    // Tie: for == against.
    let tie = set_parameter(s.rewards.address(), 4, U256::from(2u8), "tie");
    let id = propose(&s, h[0], &tie);
    advance(DAY + 1);
    s.gov.sender(h[1]).cast_vote(id, 1).motsu_unwrap();
    s.gov.sender(h[2]).cast_vote(id, 0).motsu_unwrap();
    advance(WEEK);
    assert_eq!(st(&s, id), state::DEFEATED);
    assert_eq!(queue(&s, &tie).motsu_unwrap_err(), unexpected(id, state::DEFEATED, &[state::SUCCEEDED]));
    // Canceled by its proposer while pending, by nobody else.
    let c = set_parameter(s.rewards.address(), 4, U256::from(3u8), "cancel me");
    let id = propose(&s, h[0], &c);
    let err = s
        .gov
        .sender(h[1])
        .cancel(c.targets.clone(), c.values.clone(), c.calldatas.clone(), c.hash())
        .motsu_unwrap_err();
    assert_eq!(err, Error::OnlyProposer(GovernorOnlyProposer { account: h[1] }));
    s.gov.sender(h[0]).cancel(c.targets.clone(), c.values.clone(), c.calldatas.clone(), c.hash()).motsu_unwrap();
    s.gov.assert_emitted(&ProposalCanceled { proposalId: id });
    assert_eq!(st(&s, id), state::CANCELED);
    advance(DAY + 1);
    assert_eq!(
        s.gov.sender(h[1]).cast_vote(id, 1).motsu_unwrap_err(),
        unexpected(id, state::CANCELED, &[state::ACTIVE])
    );
}

#[motsu::test]
fn future_timepoints_are_refused_as_oz_does() {
    // SPEC section 7 (v1.1): ERC5805FutureLookup(timepoint, clock) for
    // timepoint >= clock() in quorum and getVotes.
    let (s, h) = governed();
    advance(10);
    let clock = now();
    let future =
        |t: u64| Error::FutureLookup(ERC5805FutureLookup { timepoint: U256::from(t), clock: U48::from(clock) });
    for t in [clock, clock + 1] {
        assert_eq!(s.gov.sender(h[0]).quorum(U256::from(t)).motsu_unwrap_err(), future(t));
        assert_eq!(s.gov.sender(h[0]).get_votes(h[0], U256::from(t)).motsu_unwrap_err(), future(t));
    }
    let huge = Error::FutureLookup(ERC5805FutureLookup { timepoint: U256::MAX, clock: U48::from(clock) });
    assert_eq!(s.gov.sender(h[0]).quorum(U256::MAX).motsu_unwrap_err(), huge);
    // One second in the past answers.
    assert_eq!(
        s.gov.sender(h[0]).get_votes(h[0], U256::from(clock - 1)).motsu_unwrap(),
        s.token.sender(h[0]).get_votes(h[0])
    );
    assert!(s.gov.sender(h[0]).quorum(U256::from(clock - 1)).motsu_unwrap() > U256::ZERO);
}

#[motsu::test]
fn supports_interface_claims_erc165_only() {
    let (s, _) = governed();
    let g = s.gov.sender(addr(1));
    assert!(g.supports_interface(alloy_primitives::FixedBytes([0x01, 0xff, 0xc9, 0xa7])), "ERC-165");
    assert!(!g.supports_interface(alloy_primitives::FixedBytes([0xff; 4])), "ERC-165: never 0xffffffff");
    assert!(!g.supports_interface(alloy_primitives::FixedBytes([0; 4])));
}

#[motsu::test]
fn quorum_exactly_met_passes_and_one_wei_short_fails() {
    let (s, h) = governed();
    // Quorum: 4 % of 1,000,000 FLT circulating = 40,000 FLT of for + abstain.
    let (exact, short) = (addr(50), addr(51));
    s.token.sender(h[8]).transfer(exact, flt(40_000)).motsu_unwrap();
    s.token.sender(h[9]).transfer(short, flt(40_000) - U256::from(1u8)).motsu_unwrap();
    s.token.sender(exact).delegate(exact);
    s.token.sender(short).delegate(short);
    advance(1);
    let (a, b) = (
        set_parameter(s.rewards.address(), 4, U256::from(2u8), "a"),
        set_parameter(s.rewards.address(), 4, U256::from(3u8), "b"),
    );
    let (ida, idb) = (propose(&s, h[0], &a), propose(&s, h[0], &b));
    assert_eq!(s.gov.sender(h[0]).quorum(U256::from(now() - 1)).motsu_unwrap(), flt(40_000));
    advance(DAY + 1);
    s.gov.sender(exact).cast_vote(ida, 1).motsu_unwrap();
    s.gov.sender(short).cast_vote(idb, 1).motsu_unwrap();
    advance(WEEK);
    assert_eq!(st(&s, ida), state::SUCCEEDED);
    assert_eq!(st(&s, idb), state::DEFEATED);
}

#[motsu::test]
fn votes_count_at_the_snapshot_so_late_tokens_do_not_vote() {
    let (s, h) = governed();
    let p = set_parameter(s.rewards.address(), 4, U256::from(2u8), "flash");
    let id = propose(&s, h[0], &p);
    advance(DAY + 1);
    // After the snapshot, h[1] moves its tokens to a fresh account and
    // delegates h[2]'s votes away: neither the buyer nor the new delegate
    // gets weight for this proposal; the old snapshot stands.
    let buyer = addr(60);
    s.token.sender(h[1]).transfer(buyer, CAP).motsu_unwrap();
    s.token.sender(buyer).delegate(buyer);
    s.token.sender(h[2]).delegate(buyer);
    assert_eq!(s.gov.sender(buyer).cast_vote(id, 1).motsu_unwrap(), U256::ZERO);
    assert_eq!(s.gov.sender(h[1]).cast_vote(id, 1).motsu_unwrap(), CAP, "h[1] held its votes at the snapshot");
    let err = s.gov.sender(h[1]).cast_vote(id, 0).motsu_unwrap_err();
    assert_eq!(err, Error::AlreadyCastVote(GovernorAlreadyCastVote { voter: h[1] }));
    assert_eq!(
        s.gov.sender(h[3]).cast_vote(id, 3).motsu_unwrap_err(),
        Error::InvalidVoteType(GovernorInvalidVoteType {})
    );
}

#[motsu::test]
fn proposals_are_checked_when_made() {
    let (s, h) = governed();
    let small = addr(70);
    s.token.sender(h[0]).transfer(small, flt(1)).motsu_unwrap();
    s.token.sender(small).delegate(small);
    advance(1);
    let p = set_parameter(s.rewards.address(), 4, U256::from(2u8), "x");
    let err = s
        .gov
        .sender(small)
        .propose(p.targets.clone(), p.values.clone(), p.calldatas.clone(), p.description.clone().into())
        .motsu_unwrap_err();
    assert_eq!(
        err,
        Error::InsufficientProposerVotes(GovernorInsufficientProposerVotes {
            proposer: small,
            votes: flt(1),
            threshold: flt(100_000)
        })
    );
    let try_propose = |p: Proposal| {
        s.gov.sender(h[1]).propose(p.targets, p.values, p.calldatas, p.description.into()).motsu_unwrap_err()
    };
    // Wrong owner for the id, another selector, a value, a foreign target, an empty call elsewhere.
    assert_eq!(
        try_propose(set_parameter(s.token.address(), 4, U256::from(2u8), "x")),
        Error::InvalidAction(FLTInvalidAction { index: U256::ZERO })
    );
    let transfer = Proposal {
        calldatas: vec![Bytes(vec![0xa9, 0x05, 0x9c, 0xbb])],
        ..set_parameter(s.token.address(), 0, U256::ZERO, "x")
    };
    assert_eq!(try_propose(transfer), Error::InvalidAction(FLTInvalidAction { index: U256::ZERO }));
    let paid =
        Proposal { values: vec![U256::from(1u8)], ..set_parameter(s.rewards.address(), 4, U256::from(2u8), "x") };
    assert_eq!(try_propose(paid), Error::InvalidAction(FLTInvalidAction { index: U256::ZERO }));
    let foreign = set_parameter(addr(5), 4, U256::from(2u8), "x");
    assert_eq!(try_propose(foreign), Error::InvalidAction(FLTInvalidAction { index: U256::ZERO }));
    let empty_elsewhere =
        Proposal { calldatas: vec![Bytes(vec![])], ..set_parameter(s.rewards.address(), 4, U256::ZERO, "x") };
    assert_eq!(try_propose(empty_elsewhere), Error::InvalidAction(FLTInvalidAction { index: U256::ZERO }));
    // Out of bounds at propose time; an unknown id.
    let err = try_propose(set_parameter(s.rewards.address(), 4, U256::from(10_001u32), "x"));
    assert_eq!(
        err,
        Error::ParameterOutOfBounds(FLTParameterOutOfBounds {
            id: 4,
            value: U256::from(10_001u32),
            min: U256::from(1u8),
            max: U256::from(10_000u32)
        })
    );
    assert_eq!(
        try_propose(set_parameter(s.rewards.address(), 18, U256::ZERO, "x")),
        Error::UnknownParameter(FLTUnknownParameter { id: 18 })
    );
    let mismatched = Proposal { values: vec![], ..set_parameter(s.rewards.address(), 4, U256::from(2u8), "x") };
    assert_eq!(
        try_propose(mismatched),
        Error::InvalidProposalLength(GovernorInvalidProposalLength {
            targets: U256::from(1u8),
            calldatas: U256::from(1u8),
            values: U256::ZERO
        })
    );
    // A signal proposal (empty call on the governor) needs no council and changes nothing.
    let signal = Proposal {
        targets: vec![s.gov.address()],
        values: vec![U256::ZERO],
        calldatas: vec![Bytes(vec![])],
        description: "adopt model v2".into(),
    };
    let id = propose(&s, h[1], &signal);
    advance(DAY + 1);
    for v in &h[2..5] {
        s.gov.sender(*v).cast_vote(id, 1).motsu_unwrap();
    }
    advance(WEEK);
    queue(&s, &signal).motsu_unwrap();
    advance(2 * DAY);
    let err = s.council.sender(s.signers[0]).approve_proposal(id).motsu_unwrap_err();
    assert_eq!(err, Vec::<u8>::from(ce::Error::NoApprovalNeeded(ce::FLTNoApprovalNeeded { proposalId: id })));
    execute(&s, &signal).motsu_unwrap();
    assert_eq!(st(&s, id), state::EXECUTED);
}

/// Passes `p` (votes, queue, wait, council approvals) up to execution.
fn pass(s: &System, h: &[Address], p: &Proposal) -> U256 {
    pass_with(s, h[0], &h[1..4], p, 2 * DAY)
}

/// [`pass`] with its `voters` and the `timelock` the proposal waits.
fn pass_with(s: &System, proposer: Address, voters: &[Address], p: &Proposal, timelock: u64) -> U256 {
    let id = propose(s, proposer, p);
    advance(DAY + 1);
    for v in voters {
        s.gov.sender(*v).cast_vote(id, 1).motsu_unwrap();
    }
    advance(WEEK);
    queue(s, p).motsu_unwrap();
    advance(timelock);
    s.council.sender(s.signers[0]).approve_proposal(id).motsu_unwrap();
    s.council.sender(s.signers[1]).approve_proposal(id).motsu_unwrap();
    id
}

#[motsu::test]
fn bounds_are_checked_again_at_execution() {
    let (s, h) = governed();
    // minShareBps = 2,000 is inside its static bounds but above maxShareBps (1,000).
    let p = set_parameter(s.rewards.address(), 3, U256::from(2_000u32), "floor above cap");
    let id = pass(&s, &h, &p);
    let err = execute(&s, &p).motsu_unwrap_err();
    let Error::ActionFailed(FLTActionFailed { index, .. }) = err else { panic!("{err:?}") };
    assert_eq!(index, U256::ZERO);
    assert_eq!(st(&s, id), state::QUEUED, "the failed execution changed nothing");
    assert_eq!(s.rewards.sender(h[0]).params()[3], U256::from(10u8));
}

#[motsu::test]
fn an_expired_proposal_cannot_execute() {
    let (s, h) = governed();
    let p = set_parameter(s.token.address(), 12, flt(20_000), "stake minimum");
    let id = pass(&s, &h, &p);
    // `pass` ends at the eta; the grace period is 14 days.
    advance(14 * DAY - 1);
    assert_eq!(st(&s, id), state::QUEUED);
    advance(1);
    assert_eq!(st(&s, id), state::EXPIRED);
    assert_eq!(execute(&s, &p).motsu_unwrap_err(), unexpected(id, state::EXPIRED, &[state::QUEUED]));
}

#[motsu::test]
fn governance_parameters_change_through_proposals_and_snapshot_per_proposal() {
    let (s, h) = governed();
    let p = set_parameter(s.gov.address(), 14, U256::from(2 * DAY), "shorter votes");
    let id = pass(&s, &h, &p);
    // Open another proposal before execution: it keeps the old voting period.
    let other = set_parameter(s.rewards.address(), 4, U256::from(2u8), "other");
    let other_id = propose(&s, h[0], &other);
    execute(&s, &p).motsu_unwrap();
    assert_eq!(st(&s, id), state::EXECUTED);
    s.gov.assert_emitted(&ParameterChanged { id: 14, value: U256::from(2 * DAY) });
    assert_eq!(s.gov.sender(h[0]).voting_period(), U256::from(2 * DAY));
    let start = s.gov.sender(h[0]).proposal_snapshot(other_id).motsu_unwrap();
    assert_eq!(s.gov.sender(h[0]).proposal_deadline(other_id).motsu_unwrap(), start + U256::from(WEEK));
    // Nobody calls setParameter directly, not on the governor either.
    let err = s.gov.sender(h[0]).set_parameter(14, U256::from(DAY)).motsu_unwrap_err();
    assert_eq!(err, Error::Unauthorized(FLTUnauthorized { caller: h[0] }));
}

#[motsu::test]
fn an_epoch_parameter_from_a_proposal_applies_from_the_next_epoch() {
    let (s, h) = governed();
    let p = set_parameter(s.rewards.address(), 0, flt(3_000_000), "bigger pool");
    pass(&s, &h, &p);
    let epoch_before = s.rewards.sender(h[0]).current_epoch().motsu_unwrap().0;
    s.contribute(h[0], 800_000, 800_000);
    execute(&s, &p).motsu_unwrap();
    // The running epoch keeps its pool; the next one uses the new value.
    advance(WEEK);
    s.contribute(h[0], 800_000, 800_000);
    assert_eq!(s.epoch_pool(epoch_before), POOL);
    advance(WEEK);
    s.contribute(h[0], 800_000, 800_000);
    assert_eq!(s.epoch_pool(epoch_before + 1), flt(3_000_000));
}

#[motsu::test]
fn a_removed_signers_approval_does_not_count() {
    let (s, h) = governed();
    let p = set_parameter(s.rewards.address(), 4, U256::from(2u8), "approve then rotate");
    let id = propose(&s, h[0], &p);
    s.council.sender(s.signers[0]).approve_proposal(id).motsu_unwrap();
    s.council.sender(s.signers[1]).approve_proposal(id).motsu_unwrap();
    assert_eq!(s.council.sender(h[0]).approval_status(id), (2, 2));
    // The council replaces signer 0 (2 of 3 approve the action).
    let new = addr(0x5170);
    let data = alloy_sol_types::SolValue::abi_encode_params(&(vec![new, s.signers[1], s.signers[2]], U256::from(2u8)));
    let action = s.council.sender(s.signers[1]).council_propose(kind::REPLACE_COUNCIL, data.into()).motsu_unwrap();
    s.council.sender(s.signers[2]).council_approve(action).motsu_unwrap();
    s.council.assert_emitted(&CouncilActionExecuted { actionId: action });
    assert_eq!(s.council.sender(h[0]).signers(), vec![new, s.signers[1], s.signers[2]]);
    assert_eq!(s.council.sender(h[0]).approval_status(id), (0, 2), "all pending approvals void");
    let err = s.council.sender(s.signers[0]).approve_proposal(id).motsu_unwrap_err();
    assert_eq!(err, Vec::<u8>::from(ce::Error::NotSigner(ce::FLTNotSigner { caller: s.signers[0] })));
    // Vote it through: execution needs two approvals of the new council.
    advance(DAY + 1);
    for v in &h[1..4] {
        s.gov.sender(*v).cast_vote(id, 1).motsu_unwrap();
    }
    advance(WEEK);
    queue(&s, &p).motsu_unwrap();
    advance(2 * DAY);
    s.council.sender(s.signers[1]).approve_proposal(id).motsu_unwrap();
    let err = execute(&s, &p).motsu_unwrap_err();
    assert_eq!(
        err,
        Error::MissingCouncilApprovals(FLTMissingCouncilApprovals {
            id,
            approvals: U256::from(1u8),
            threshold: U256::from(2u8)
        })
    );
    s.council.sender(new).approve_proposal(id).motsu_unwrap();
    execute(&s, &p).motsu_unwrap();
}

#[motsu::test]
fn council_actions_run_at_the_threshold() {
    let (s, h) = governed();
    let v2 = addr(80);
    let data = alloy_sol_types::SolValue::abi_encode(&v2);
    let id = s.council.sender(s.signers[0]).council_propose(kind::ADD_VALIDATOR, data.into()).motsu_unwrap();
    assert!(!s.rewards.sender(v2).is_validator(v2), "one approval of two");
    let err = s.council.sender(s.signers[0]).council_approve(id).motsu_unwrap_err();
    assert_eq!(err, ce::Error::AlreadyApproved(ce::FLTAlreadyApproved { id, signer: s.signers[0] }));
    let err = s.council.sender(h[0]).council_approve(id).motsu_unwrap_err();
    assert_eq!(err, ce::Error::NotSigner(ce::FLTNotSigner { caller: h[0] }));
    s.council.sender(s.signers[2]).council_approve(id).motsu_unwrap();
    assert!(s.rewards.sender(v2).is_validator(v2));
    let err = s.council.sender(s.signers[1]).council_approve(id).motsu_unwrap_err();
    assert_eq!(err, ce::Error::CouncilActionDone(ce::FLTCouncilActionDone { actionId: id }));
    // Bad data and bad councils are refused.
    let err = s.council.sender(s.signers[0]).council_propose(kind::BAN, Bytes(vec![1, 2])).motsu_unwrap_err();
    assert_eq!(err, ce::Error::InvalidCouncilAction(ce::FLTInvalidCouncilAction { kind: kind::BAN }));
    let err = s.council.sender(s.signers[0]).council_propose(42, Bytes(vec![])).motsu_unwrap_err();
    assert_eq!(err, ce::Error::InvalidCouncilAction(ce::FLTInvalidCouncilAction { kind: 42 }));
    let bad = alloy_sol_types::SolValue::abi_encode_params(&(vec![s.signers[0], s.signers[0]], U256::from(1u8)));
    let id = s.council.sender(s.signers[0]).council_propose(kind::REPLACE_COUNCIL, bad.into()).motsu_unwrap();
    let err = s.council.sender(s.signers[1]).council_approve(id).motsu_unwrap_err();
    assert_eq!(err, ce::Error::InvalidCouncil(ce::FLTInvalidCouncil { signers: U256::from(2u8), threshold: 1 }));
}

#[motsu::test]
fn one_signer_pauses_everything_once_and_the_pause_lapses() {
    let (s, h) = governed();
    let p = set_parameter(s.rewards.address(), 4, U256::from(2u8), "during a pause");
    pass(&s, &h, &p);
    s.council.sender(s.signers[2]).pause().motsu_unwrap();
    let until = now() + 14 * DAY;
    s.gov.assert_emitted(&PauseSet { by: s.signers[2], pausedUntil: until });
    assert_eq!((s.token.sender(h[0]).paused_until(), s.rewards.sender(h[0]).paused_until()), (until, until));
    assert_eq!(execute(&s, &p).motsu_unwrap_err(), Error::EnforcedPause(EnforcedPause {}));
    let balances = (s.balance(h[0]), s.balance(h[1]));
    let err = s.token.sender(h[0]).transfer(h[1], FLT).motsu_unwrap_err();
    assert_eq!(err, fl_token::errors::Error::EnforcedPause(EnforcedPause {}));
    assert_eq!((s.balance(h[0]), s.balance(h[1])), balances, "a refused transfer moved nothing");
    let err = s.council.sender(s.signers[2]).pause().motsu_unwrap_err();
    assert_eq!(err, ce::Error::PauseAlreadyUsed(ce::FLTPauseAlreadyUsed { signer: s.signers[2] }));
    let err = s.council.sender(h[0]).pause().motsu_unwrap_err();
    assert_eq!(err, ce::Error::NotSigner(ce::FLTNotSigner { caller: h[0] }));
    // Voting and council actions keep working while paused.
    let other = set_parameter(s.rewards.address(), 4, U256::from(3u8), "vote while paused");
    let id = propose(&s, h[0], &other);
    advance(DAY + 1);
    s.gov.sender(h[1]).cast_vote(id, 1).motsu_unwrap();
    // It lapses by itself after 14 days; then 14 free days follow in which
    // nobody can pause again.
    advance(14 * DAY);
    s.token.sender(h[0]).transfer(h[1], FLT).motsu_unwrap();
    let err = s.council.sender(s.signers[0]).pause().motsu_unwrap_err();
    assert_eq!(err, ce::Error::PauseCooldown(ce::FLTPauseCooldown { readyAt: until + 14 * DAY }));
    advance(14 * DAY);
    // M-of-N unpause works at once.
    s.council.sender(s.signers[0]).pause().motsu_unwrap();
    let action = s.council.sender(s.signers[0]).council_propose(kind::UNPAUSE, Bytes(vec![])).motsu_unwrap();
    s.council.sender(s.signers[1]).council_approve(action).motsu_unwrap();
    assert_eq!(s.token.sender(h[0]).paused_until(), now(), "the pause ends now");
    s.token.sender(h[0]).transfer(h[1], FLT).motsu_unwrap();
}

#[motsu::test]
fn cast_vote_by_sig_counts_for_the_signer_once() {
    use alloy_signer::SignerSync;
    use alloy_sol_types::{eip712_domain, SolStruct};
    sol! { struct Ballot { uint256 proposalId; uint8 support; address voter; uint256 nonce; } }
    let (s, h) = governed();
    let voter = Account::from_seed("ballot signer");
    s.token.sender(h[5]).transfer(voter.address(), flt(50_000)).motsu_unwrap();
    s.token.sender(voter.address()).delegate(voter.address());
    advance(1);
    let p = set_parameter(s.rewards.address(), 4, U256::from(2u8), "by signature");
    let id = propose(&s, h[0], &p);
    advance(DAY + 1);
    let domain =
        eip712_domain! { name: "FLTGovernor", version: "1", chain_id: 42_161, verifying_contract: s.gov.address(), };
    let sign = |support: u8, nonce: u64| {
        let ballot = Ballot { proposalId: id, support, voter: voter.address(), nonce: U256::from(nonce) };
        let sig = voter.signer().sign_hash_sync(&ballot.eip712_signing_hash(&domain)).unwrap();
        let mut bytes = sig.r().to_be_bytes::<32>().to_vec();
        bytes.extend_from_slice(&sig.s().to_be_bytes::<32>());
        bytes.push(27 + u8::from(sig.v()));
        Bytes(bytes)
    };
    let relayer = addr(98);
    // Signed for another support value than submitted: refused.
    let err = s.gov.sender(relayer).cast_vote_by_sig(id, 0, voter.address(), sign(1, 0)).motsu_unwrap_err();
    assert_eq!(err, Error::InvalidSignature(GovernorInvalidSignature { voter: voter.address() }));
    assert_eq!(s.gov.sender(relayer).cast_vote_by_sig(id, 1, voter.address(), sign(1, 0)).motsu_unwrap(), flt(50_000));
    s.gov.assert_emitted(&VoteCast {
        voter: voter.address(),
        proposalId: id,
        support: 1,
        weight: flt(50_000),
        reason: String::new(),
    });
    assert_eq!(s.gov.sender(relayer).nonces(voter.address()), U256::from(1u8));
    // Replayed: the nonce moved on, the signature no longer matches.
    let err = s.gov.sender(relayer).cast_vote_by_sig(id, 1, voter.address(), sign(1, 0)).motsu_unwrap_err();
    assert_eq!(err, Error::InvalidSignature(GovernorInvalidSignature { voter: voter.address() }));
    // A fresh signature still cannot vote twice.
    let err = s.gov.sender(relayer).cast_vote_by_sig(id, 1, voter.address(), sign(1, 1)).motsu_unwrap_err();
    assert_eq!(err, Error::AlreadyCastVote(GovernorAlreadyCastVote { voter: voter.address() }));
}

#[motsu::test]
fn the_council_renews_a_pause_and_bans_through_actions() {
    let (s, h) = governed();
    let renew = |s: &System| {
        let id = s.council.sender(s.signers[1]).council_propose(kind::RENEW_PAUSE, Bytes(vec![])).motsu_unwrap();
        s.council.sender(s.signers[2]).council_approve(id).motsu_res()
    };
    assert_eq!(renew(&s).unwrap_err(), ce::Error::NotPaused(ce::FLTNotPaused {}));
    s.council.sender(s.signers[0]).pause().motsu_unwrap();
    let start = now();
    advance(10 * DAY);
    renew(&s).unwrap();
    let until = now() + 14 * DAY;
    assert_eq!((s.gov.sender(h[0]).paused_until(), s.rewards.sender(h[0]).paused_until()), (until, until));
    // However often it is renewed, a pause ends 28 days after it started.
    advance(10 * DAY);
    renew(&s).unwrap();
    assert_eq!(s.token.sender(h[0]).paused_until(), start + 28 * DAY);
    advance(8 * DAY);
    s.token.sender(h[0]).transfer(h[1], FLT).motsu_unwrap();
    // A ban through the council (2 of 3).
    let who = h[0];
    s.contribute(who, 800_000, 800_000);
    let data = alloy_sol_types::SolValue::abi_encode(&who);
    let ban = s.council.sender(s.signers[0]).council_propose(kind::BAN, data.into()).motsu_unwrap();
    s.council.sender(s.signers[1]).council_approve(ban).motsu_unwrap();
    assert!(s.rewards.sender(who).contributor_info(who).1, "banned");
    let (kind_, approvals, executed, _) = s.council.sender(who).council_action(ban).motsu_unwrap();
    assert_eq!((kind_, approvals, executed), (kind::BAN, 2, true));
}

/// SPEC.md section 7 (v1.1): a queued proposal expires 14 days after
/// `max(eta, end of the latest pause that began before its window closed)`.
/// Without that rule one signer pausing at the eta (execution is refused
/// while paused, and a pause lasts exactly 14 days) turned any queued
/// proposal Expired the second the pause lapsed.
mod pauses_never_take_the_execution_window {
    use super::*;

    fn queued() -> (System, Proposal, U256, u64) {
        let (s, h) = governed();
        let p = set_parameter(s.token.address(), 12, flt(20_000), "stake minimum");
        let id = pass(&s, &h, &p);
        (s, p, id, now())
    }

    #[motsu::test]
    fn a_pause_at_the_eta_gives_14_days_after_it_ends() {
        let (s, p, id, eta) = queued();
        s.council.sender(s.signers[0]).pause().motsu_unwrap();
        let until = s.gov.sender(s.signers[0]).paused_until();
        assert_eq!(until, eta + 14 * DAY);
        advance(14 * DAY);
        assert_eq!(st(&s, id), state::QUEUED, "still queued when the pause lapses");
        advance(14 * DAY - 1);
        assert_eq!(st(&s, id), state::QUEUED, "one second before its 14 unpaused days end");
        execute(&s, &p).motsu_unwrap();
        assert_eq!(st(&s, id), state::EXECUTED);
    }

    #[motsu::test]
    fn a_pause_one_second_before_the_eta_counts_too() {
        let (s, h) = governed();
        let p = set_parameter(s.token.address(), 12, flt(20_000), "stake minimum");
        let id = propose(&s, h[0], &p);
        advance(DAY + 1);
        for v in &h[1..4] {
            s.gov.sender(*v).cast_vote(id, 1).motsu_unwrap();
        }
        advance(WEEK);
        queue(&s, &p).motsu_unwrap();
        let eta = s.gov.sender(h[0]).proposal_eta(id).to::<u64>();
        advance(eta - now() - 1);
        s.council.sender(s.signers[1]).pause().motsu_unwrap();
        let until = s.gov.sender(s.signers[1]).paused_until();
        advance(until - now() + 14 * DAY - 1);
        assert_eq!(st(&s, id), state::QUEUED);
        advance(1);
        assert_eq!(st(&s, id), state::EXPIRED, "14 unpaused days after the pause, it expires");
        assert_eq!(execute(&s, &p).motsu_unwrap_err(), unexpected(id, state::EXPIRED, &[state::QUEUED]));
    }

    #[motsu::test]
    fn a_renewed_pause_extends_the_window_to_its_new_end() {
        let (s, p, id, eta) = queued();
        advance(3 * DAY);
        s.council.sender(s.signers[0]).pause().motsu_unwrap();
        advance(10 * DAY);
        let renew = s.council.sender(s.signers[1]).council_propose(kind::RENEW_PAUSE, Bytes(vec![])).motsu_unwrap();
        s.council.sender(s.signers[2]).council_approve(renew).motsu_unwrap();
        let until = s.gov.sender(s.signers[0]).paused_until();
        assert_eq!(until, eta + 3 * DAY + 10 * DAY + 14 * DAY, "renewed: 14 more days from the renewal");
        advance(until - now() + 14 * DAY - 1);
        assert_eq!(st(&s, id), state::QUEUED);
        execute(&s, &p).motsu_unwrap();
        assert_eq!(st(&s, id), state::EXECUTED);
    }

    #[motsu::test]
    fn a_pause_after_the_window_changes_nothing() {
        let (s, _p, id, _eta) = queued();
        advance(14 * DAY);
        assert_eq!(st(&s, id), state::EXPIRED);
        s.council.sender(s.signers[0]).pause().motsu_unwrap();
        assert_eq!(st(&s, id), state::EXPIRED, "a pause that begins after the window closed does not reopen it");
        advance(20 * DAY);
        assert_eq!(st(&s, id), state::EXPIRED);
    }
}

/// SPEC.md sections 4 and 11: governance parameters are snapshotted per
/// proposal at creation, quorumBps and timelockDelay by the index of their
/// parameter set (a proposal's one fresh slot holds the index).
mod parameter_sets {
    use fl_governor::{
        proposals::{words, Proposal as Words},
        MAX_PARAMETER_SET,
    };

    use super::*;

    /// One proposal setting several governance parameters at once.
    fn governance_change(s: &System, changes: &[(u8, U256)], description: &str) -> Proposal {
        Proposal {
            targets: vec![s.gov.address(); changes.len()],
            values: vec![U256::ZERO; changes.len()],
            calldatas: changes
                .iter()
                .map(|(id, value)| setParameterCall { id: *id, value: *value }.abi_encode().into())
                .collect(),
            description: description.into(),
        }
    }

    fn index(s: &System) -> u32 {
        s.gov.sender(addr(99)).seam_parameter_set_index()
    }

    /// `(quorumBps, timelockDelay)` in force.
    fn in_force(s: &System) -> (U256, U256) {
        let p = s.gov.sender(addr(99)).params();
        (p[3], p[4])
    }

    #[motsu::test]
    fn a_proposal_keeps_the_quorum_and_timelock_in_force_when_it_was_made() {
        let (s, h) = governed();
        assert_eq!(index(&s), 0, "the defaults are set 0");
        // quorumBps 400 -> 5,000 (50 % of the 1,000,000 FLT circulating)
        // and timelockDelay 2 days -> 5 days, in one proposal.
        let change =
            governance_change(&s, &[(16, U256::from(5_000u32)), (17, U256::from(5 * DAY))], "quorum and timelock");
        pass(&s, &h, &change);
        // Made before the change executes: the old set.
        let before = set_parameter(s.rewards.address(), 4, U256::from(2u8), "before");
        let before_id = propose(&s, h[0], &before);
        execute(&s, &change).motsu_unwrap();
        assert_eq!(in_force(&s), (U256::from(5_000u32), U256::from(5 * DAY)));
        assert_eq!(index(&s), 2, "each changed pair is a new set");
        // Made after: the new set.
        let small = set_parameter(s.rewards.address(), 4, U256::from(3u8), "after, 10 % for");
        let big = set_parameter(s.rewards.address(), 4, U256::from(4u8), "after, 50 % for");
        let (small_id, big_id) = (propose(&s, h[0], &small), propose(&s, h[0], &big));
        advance(DAY + 1);
        // 10 % of the supply for: enough for 4 %, not for 50 %.
        for id in [before_id, small_id] {
            s.gov.sender(h[5]).cast_vote(id, 1).motsu_unwrap();
        }
        for v in &h[5..10] {
            s.gov.sender(*v).cast_vote(big_id, 1).motsu_unwrap();
        }
        advance(WEEK);
        assert_eq!(st(&s, before_id), state::SUCCEEDED, "the old quorum (4 %) applies");
        assert_eq!(st(&s, small_id), state::DEFEATED, "the new quorum (50 %) applies");
        assert_eq!(st(&s, big_id), state::SUCCEEDED, "50 % for meets the new quorum exactly");
        assert_eq!(s.gov.sender(h[0]).quorum(U256::from(now() - 1)).motsu_unwrap(), flt(500_000));
        queue(&s, &before).motsu_unwrap();
        assert_eq!(s.gov.sender(h[0]).proposal_eta(before_id), U256::from(now() + 2 * DAY), "the old timelock");
        queue(&s, &big).motsu_unwrap();
        assert_eq!(s.gov.sender(h[0]).proposal_eta(big_id), U256::from(now() + 5 * DAY), "the new timelock");
        s.gov.assert_emitted(&ProposalQueued { proposalId: big_id, etaSeconds: U256::from(now() + 5 * DAY) });
        // A change that leaves the pair as it is writes no set.
        let same = governance_change(&s, &[(16, U256::from(5_000u32)), (13, U256::from(2 * DAY))], "same quorum");
        // 50 % quorum and the 5-day timelock now in force.
        pass_with(&s, h[0], &h[1..7], &same, 5 * DAY);
        execute(&s, &same).motsu_unwrap();
        assert_eq!(s.gov.sender(h[0]).voting_delay(), U256::from(2 * DAY));
        assert_eq!(index(&s), 2, "votingDelay is applied at creation: no new set");
    }

    #[motsu::test]
    fn a_change_past_the_last_parameter_set_is_refused_and_changes_nothing() {
        let (s, h) = governed();
        s.gov.sender(addr(99)).seam_jump_parameter_sets(MAX_PARAMETER_SET - 1);
        // The last set still fits.
        let last = governance_change(&s, &[(16, U256::from(500u32))], "quorum 5 %");
        pass(&s, &h, &last);
        execute(&s, &last).motsu_unwrap();
        assert_eq!(index(&s), MAX_PARAMETER_SET);
        // A proposal made at the last index reads it: quorum 5 %, timelock 2 days.
        let over = governance_change(&s, &[(17, U256::from(3 * DAY))], "timelock 3 days");
        let id = pass(&s, &h, &over);
        assert_eq!(st(&s, id), state::QUEUED);
        let err = execute(&s, &over).motsu_unwrap_err();
        assert_eq!(err, Error::ParameterSetsFull(FLTParameterSetsFull { maxIndex: MAX_PARAMETER_SET }));
        assert_eq!(st(&s, id), state::QUEUED, "the refused execution changed nothing");
        assert_eq!(in_force(&s), (U256::from(500u32), U256::from(2 * DAY)));
        assert_eq!(index(&s), MAX_PARAMETER_SET);
        assert!(!s.gov.emitted(&ProposalExecuted { proposalId: id }));
        // Parameters outside the set still change at the bound.
        let period = governance_change(&s, &[(14, U256::from(3 * DAY))], "shorter votes");
        pass(&s, &h, &period);
        execute(&s, &period).motsu_unwrap();
        assert_eq!(s.gov.sender(h[0]).voting_period(), U256::from(3 * DAY));
        assert_eq!(index(&s), MAX_PARAMETER_SET);
    }

    fn round_trip(p: &Words) -> Words {
        let mut q = words::from_core(words::core(p));
        words::with_b(&mut q, words::b(p));
        words::with_c(&mut q, words::c(p));
        q
    }

    #[motsu::test]
    fn the_proposal_words_round_trip_at_every_field_limit() {
        const T: u64 = (1 << 40) - 1;
        let max = Words {
            proposer: Address::repeat_byte(0xff),
            vote_start: T,
            vote_end: T + (1 << 23) - 1,
            eta: T,
            set: MAX_PARAMETER_SET,
            executed: true,
            canceled: true,
            needs_council: true,
            against: (1 << 96) - 1,
            for_: (1 << 96) - 1,
            abstain: u128::MAX,
        };
        assert_eq!(round_trip(&max), max);
        assert_eq!(words::core(&max), U256::MAX, "the core's fields fill its 256 bits exactly");
        assert_eq!(words::c(&max), (U256::from(1u8) << 232) - U256::from(1u8));
        // Each field alone at its limit, the others zero: nothing bleeds.
        let zero = Words::default();
        let fields: Vec<Words> = vec![
            Words { proposer: max.proposer, ..zero },
            Words { vote_start: T, vote_end: T, ..zero },
            Words { vote_end: (1 << 23) - 1, ..zero },
            Words { eta: T, ..zero },
            Words { set: MAX_PARAMETER_SET, ..zero },
            Words { executed: true, ..zero },
            Words { canceled: true, ..zero },
            Words { needs_council: true, ..zero },
            Words { against: max.against, ..zero },
            Words { for_: max.for_, ..zero },
            Words { abstain: u128::MAX, ..zero },
        ];
        for p in &fields {
            assert_eq!(round_trip(p), *p);
        }
        // The limits the contract can reach: the latest vote (60 days),
        // tallies of the whole supply.
        let reach = Words {
            proposer: addr(7),
            vote_start: T - 90 * DAY,
            vote_end: T - 30 * DAY,
            eta: T,
            set: 1,
            against: 1_000_000_000_000_000_000_000_000,
            for_: 1_000_000_000_000_000_000_000_000,
            abstain: 1_000_000_000_000_000_000_000_000,
            ..zero
        };
        assert_eq!(round_trip(&reach), reach);
    }
}

/// A description and a reason are Solidity `string`s taken as their bytes,
/// as Solidity and OpenZeppelin take them: the proposal id hashes the raw
/// bytes (`keccak256(bytes(description))`) and the events log them
/// unchanged, UTF-8 or not.
#[motsu::test]
fn descriptions_and_reasons_are_hashed_and_logged_byte_for_byte() {
    use alloy_sol_types::{sol_data as sd, SolEvent, SolType};
    use flt_sol::Text;
    let (s, h) = governed();
    let raw = vec![0xff, 0xfe, b'v', b'2'];
    assert!(String::from_utf8(raw.clone()).is_err(), "not UTF-8");
    let (targets, values, calldatas) = (vec![s.gov.address()], vec![U256::ZERO], vec![Bytes(vec![])]);
    let id = s
        .gov
        .sender(h[0])
        .propose(targets.clone(), values.clone(), calldatas.clone(), Text(raw.clone()))
        .motsu_unwrap();
    assert_eq!(id, s.gov.sender(h[0]).hash_proposal(targets, values, calldatas, keccak256(&raw)));
    let last = |topic: B256| {
        let logs = s.gov.all_events();
        let log = logs.iter().rev().find(|l| l.topics()[0] == topic).expect("logged").clone();
        (log.topics().to_vec(), log.data.to_vec())
    };
    let (_, data) = last(ProposalCreated::SIGNATURE_HASH);
    type Created = flt_system_tests::ProposalCreatedData;
    let created = <Created as SolType>::abi_decode_params(&data, true).unwrap();
    assert_eq!((created.0, created.1, created.4, created.8.to_vec()), (id, h[0], vec![String::new()], raw.clone()));
    advance(DAY + 1);
    let reason = vec![0xc3, 0x28];
    assert!(String::from_utf8(reason.clone()).is_err(), "not UTF-8");
    s.gov.sender(h[1]).cast_vote_with_reason(id, 1, Text(reason.clone())).motsu_unwrap();
    let (topics, data) = last(VoteCast::SIGNATURE_HASH);
    assert_eq!(topics[1], h[1].into_word());
    let cast =
        <(sd::Uint<256>, sd::Uint<8>, sd::Uint<256>, sd::Bytes) as SolType>::abi_decode_params(&data, true).unwrap();
    assert_eq!((cast.0, cast.1, cast.2, cast.3.to_vec()), (id, 1, flt(100_000), reason));
}
