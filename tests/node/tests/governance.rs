//! Governance end to end on the real Stylus VM: holders earn FLT through
//! FLTRewards, delegate, propose, vote, queue and execute on FLTGovernor.
//!
//! What it proves:
//! - A signal proposal (the governor as target, empty calldata): `propose`
//!   emits `ProposalCreated` with every value (id, proposer, actions, empty
//!   signatures, voteStart = now + 1 day, voteEnd = voteStart + 7 days,
//!   description); `hashProposal` and the id computed here by OZ's formula
//!   equal the returned id. It moves Pending -> Active -> Succeeded ->
//!   Queued -> Executed (`state`), with `castVote`, `castVoteWithReason` and
//!   `castVoteBySig` (a real EIP-712 Ballot signature, relayed) each
//!   emitting `VoteCast` with voter, support, weight and reason, and
//!   `proposalVotes` / `hasVoted` / the governor's `nonces` reading back.
//!   `ProposalQueued` carries eta = queue time + 2 days, `ProposalExecuted`
//!   ends it. A signal needs no council approval (`proposalNeedsCouncil`
//!   false; FLTCouncil's `approveProposal` refuses with
//!   `FLTNoApprovalNeeded`, `approvalStatus` (0, 2)).
//! - Refusals a user can trigger, each with its named error and values and
//!   the state read back unchanged: vote while Pending and after the vote
//!   ended (`GovernorUnexpectedProposalState` with the state bitmap),
//!   double vote (`GovernorAlreadyCastVote`), a replayed ballot signature
//!   (`GovernorInvalidSignature`), an unknown support (`GovernorInvalidVoteType`),
//!   queue before Succeeded, execute before eta (`FLTTimelockNotReady`),
//!   execute twice, a defeated proposal not queueable.
//! - A ballot signed by another key (`GovernorInvalidSignature(voter)`).
//! - A queued proposal expires 14 days after its eta (Expired, execution
//!   refused); a pause that began inside that window extends it to 14 days
//!   after the pause's end (SPEC.md section 7, v1.1).
//! - An ERC-1271 contract wallet votes by `castVoteBySig` (SPEC.md
//!   section 7, v1.1).
//! - A parameter proposal (`setParameter` on FLTRewards: weeklyPool and
//!   claimDelay) needs 2 of the 3 council approvals, given on FLTCouncil
//!   (`proposalNeedsCouncil` true): `execute` is refused with
//!   `FLTMissingCouncilApprovals(id, approvals, 2)` at 0 and at 1 (what
//!   FLTCouncil's `approvalStatus` says), an approval counts once
//!   (`FLTAlreadyApproved`), a non-signer's is refused (`FLTNotSigner`);
//!   FLTCouncil's `ProposalApproved` counts up; an unknown proposal comes
//!   back as FLTGovernor's `GovernorNonexistentProposal(id)`, an executed
//!   one as its `GovernorUnexpectedProposalState`; `execute` then emits
//!   `ProposalExecuted` and FLTRewards' `ParameterChanged`s; `params()`
//!   shows the new values, but the running epoch keeps its pool and its
//!   claim-open time (`epochInfo`), and the next epoch has the new ones
//!   (claims refused with `FLTClaimNotOpen(epoch, opensAt)` until then).
//! - At propose: below the threshold (`GovernorInsufficientProposerVotes`
//!   with votes and threshold), another selector, a non-zero value, a wrong
//!   target, a later bad action (`FLTInvalidAction(index)`), out-of-bounds
//!   values (`FLTParameterOutOfBounds(id, value, min, max)`), an unknown id
//!   (`FLTUnknownParameter`), mismatched lengths
//!   (`GovernorInvalidProposalLength`) are refused and no proposal exists
//!   afterwards (`GovernorNonexistentProposal`); cancel by a non-proposer
//!   (`GovernorOnlyProposer`), by the proposer (`ProposalCanceled`, state
//!   Canceled), a canceled proposal re-proposed, cancel once Active.

use alloy_primitives::{Address, Bytes, U256};
use alloy_sol_types::{SolCall, SolStruct};
use flt_node_tests::{
    abi::{
        FLTCouncil, FLTCouncil::IFLTCouncilErrors as C, FLTGovernor, FLTGovernor::IFLTGovernorErrors as G, FLTRewards,
        FLTRewards::IFLTRewardsErrors as R, FLToken,
    },
    govern::{
        self, current_epoch, delegate_self, epoch_info, flt, fund, record, show,
        state::{self, bitmap},
        Proposal,
    },
    sign::{self, Ballot},
    system::fresh,
    System, DAY,
};

fn votes_of(sys: &System, id: U256) -> (U256, U256, U256) {
    let v = sys.client.call(sys.governor, &FLTGovernor::proposalVotesCall { proposalId: id });
    (v._0, v._1, v._2)
}

fn has_voted(sys: &System, id: U256, who: Address) -> bool {
    sys.client.call(sys.governor, &FLTGovernor::hasVotedCall { proposalId: id, account: who })._0
}

fn unexpected(e: G, id: U256, current: u8, expected: &[u8]) {
    match e {
        G::GovernorUnexpectedProposalState(e) => {
            assert_eq!((e.proposalId, e.current, e.expectedStates), (id, current, bitmap(expected)))
        }
        other => panic!("expected GovernorUnexpectedProposalState: {}", show(&other)),
    }
}

/// Proposes `p` from dev `who` and checks `ProposalCreated`, the id and
/// the views; returns (id, voteStart, voteEnd).
fn propose(sys: &System, who: usize, p: &Proposal) -> (U256, u64, u64) {
    let r = sys.client.send(sys.at(who), sys.governor, &p.propose());
    let created = r.event::<FLTGovernor::ProposalCreated>(sys.governor);
    let now = sys.now();
    let (start, end) = (now + DAY, now + 8 * DAY);
    assert_eq!(created.proposalId, p.id(), "the id is OZ's hashProposal");
    assert_eq!(created.proposer, sys.at(who));
    assert_eq!(created.targets, p.targets);
    assert_eq!(created.values, p.values);
    assert_eq!(created.signatures, vec![String::new(); p.targets.len()]);
    assert_eq!(created.calldatas, p.calldatas);
    assert_eq!((created.voteStart, created.voteEnd), (U256::from(start), U256::from(end)));
    assert_eq!(created.description, p.description);
    let id = p.id();
    assert_eq!(sys.client.call(sys.governor, &p.hash())._0, id);
    assert_eq!(govern::state(sys, id), state::PENDING);
    let snapshot = sys.client.call(sys.governor, &FLTGovernor::proposalSnapshotCall { proposalId: id })._0;
    let deadline = sys.client.call(sys.governor, &FLTGovernor::proposalDeadlineCall { proposalId: id })._0;
    assert_eq!((snapshot, deadline), (U256::from(start), U256::from(end)));
    assert_eq!(sys.client.call(sys.governor, &FLTGovernor::proposalProposerCall { proposalId: id })._0, sys.at(who));
    assert_eq!(sys.client.call(sys.governor, &FLTGovernor::proposalEtaCall { proposalId: id })._0, U256::ZERO);
    assert_eq!(votes_of(sys, id), (U256::ZERO, U256::ZERO, U256::ZERO));
    (id, start, end)
}

fn vote_cast(r: &flt_node_tests::Receipt, sys: &System) -> (Address, U256, u8, U256, String) {
    let v = r.event::<FLTGovernor::VoteCast>(sys.governor);
    (v.voter, v.proposalId, v.support, v.weight, v.reason)
}

fn ballot_call(sys: &System, key: usize, id: U256, support: u8) -> FLTGovernor::castVoteBySigCall {
    let voter = sys.at(key);
    let nonce = sys.client.call(sys.governor, &FLTGovernor::noncesCall { owner: voter })._0;
    let (sig, _) =
        sign::sign(key, &Ballot { proposalId: id, support, voter, nonce }, &sign::governor_domain(sys.governor));
    FLTGovernor::castVoteBySigCall { proposalId: id, support, voter, signature: sig.bytes() }
}

#[test]
fn signal_proposal_through_every_state() {
    let sys = fresh();
    fund(&sys, &[4, 5, 6, 7]);
    delegate_self(&sys, &[4, 5, 6, 7]);
    sys.warp(sys.now() + 10);
    assert_eq!(sys.client.call(sys.governor, &FLTGovernor::proposalThresholdCall {})._0, flt(100_000));

    let p = Proposal::signal(sys.governor, "Adopt model architecture v2");
    let (id, start, end) = propose(&sys, 4, &p);
    assert!(sys.client.call(sys.governor, &FLTGovernor::proposalNeedsQueuingCall { _proposal_id: id })._0);

    // Pending: no vote, no queue.
    unexpected(
        sys.client.refuse(sys.at(5), sys.governor, &FLTGovernor::castVoteCall { proposalId: id, support: 1 }),
        id,
        state::PENDING,
        &[state::ACTIVE],
    );
    unexpected(sys.client.refuse(sys.at(5), sys.governor, &p.queue()), id, state::PENDING, &[state::SUCCEEDED]);
    assert!(!has_voted(&sys, id, sys.at(5)));
    assert_eq!(votes_of(&sys, id), (U256::ZERO, U256::ZERO, U256::ZERO));
    // A signal proposal needs no council.
    assert!(!sys.client.call(sys.governor, &FLTGovernor::proposalNeedsCouncilCall { proposalId: id })._0);
    match sys.client.refuse::<_, C>(sys.at(0), sys.council, &FLTCouncil::approveProposalCall { proposalId: id }) {
        C::FLTNoApprovalNeeded(e) => assert_eq!(e.proposalId, id),
        other => panic!("{}", show(&other)),
    }
    assert_eq!(govern::approval_status(&sys, id), (0, 2));

    // At voteStart it is still Pending; one second later Active.
    sys.warp(start);
    assert_eq!(govern::state(&sys, id), state::PENDING);
    sys.warp(start + 1);
    assert_eq!(govern::state(&sys, id), state::ACTIVE);
    let w = flt(100_000);

    let r = sys.client.send(sys.at(4), sys.governor, &FLTGovernor::castVoteCall { proposalId: id, support: 1 });
    assert_eq!(vote_cast(&r, &sys), (sys.at(4), id, 1, w, String::new()));
    let reason = "ship it".to_string();
    let r = sys.client.send(
        sys.at(5),
        sys.governor,
        &FLTGovernor::castVoteWithReasonCall { proposalId: id, support: 1, reason: reason.clone() },
    );
    assert_eq!(vote_cast(&r, &sys), (sys.at(5), id, 1, w, reason));
    // Dev 6 abstains by signature; dev 9 relays.
    let ballot = ballot_call(&sys, 6, id, 2);
    let r = sys.client.send(sys.at(9), sys.governor, &ballot);
    assert_eq!(vote_cast(&r, &sys), (sys.at(6), id, 2, w, String::new()));
    assert_eq!(sys.client.call(sys.governor, &FLTGovernor::noncesCall { owner: sys.at(6) })._0, U256::from(1));
    let r = sys.client.send(sys.at(7), sys.governor, &FLTGovernor::castVoteCall { proposalId: id, support: 0 });
    assert_eq!(vote_cast(&r, &sys), (sys.at(7), id, 0, w, String::new()));
    assert_eq!(votes_of(&sys, id), (w, w + w, w), "(against, for, abstain)");
    for i in [4, 5, 6, 7] {
        assert!(has_voted(&sys, id, sys.at(i)), "dev {i}");
    }
    assert!(!has_voted(&sys, id, sys.at(8)));

    // Double vote, replayed ballot, bad support, queue while Active.
    match sys.client.refuse::<_, G>(sys.at(4), sys.governor, &FLTGovernor::castVoteCall { proposalId: id, support: 0 })
    {
        G::GovernorAlreadyCastVote(e) => assert_eq!(e.voter, sys.at(4)),
        other => panic!("{}", show(&other)),
    }
    match sys.client.refuse::<_, G>(sys.at(9), sys.governor, &ballot) {
        G::GovernorInvalidSignature(e) => assert_eq!(e.voter, sys.at(6)),
        other => panic!("{}", show(&other)),
    }
    // A ballot for dev 8 signed by dev 9's key.
    let nonce = sys.client.call(sys.governor, &FLTGovernor::noncesCall { owner: sys.at(8) })._0;
    let forged = Ballot { proposalId: id, support: 1, voter: sys.at(8), nonce };
    let (sig, _) = sign::sign(9, &forged, &sign::governor_domain(sys.governor));
    let forged =
        FLTGovernor::castVoteBySigCall { proposalId: id, support: 1, voter: sys.at(8), signature: sig.bytes() };
    match sys.client.refuse::<_, G>(sys.at(9), sys.governor, &forged) {
        G::GovernorInvalidSignature(e) => assert_eq!(e.voter, sys.at(8)),
        other => panic!("{}", show(&other)),
    }
    match sys.client.refuse::<_, G>(sys.at(8), sys.governor, &FLTGovernor::castVoteCall { proposalId: id, support: 3 })
    {
        G::GovernorInvalidVoteType(_) => {}
        other => panic!("{}", show(&other)),
    }
    unexpected(sys.client.refuse(sys.at(4), sys.governor, &p.queue()), id, state::ACTIVE, &[state::SUCCEEDED]);
    assert_eq!(votes_of(&sys, id), (w, w + w, w));
    assert!(!has_voted(&sys, id, sys.at(8)));
    assert_eq!(sys.client.call(sys.governor, &FLTGovernor::noncesCall { owner: sys.at(6) })._0, U256::from(1));

    // After voteEnd: Succeeded (for 200k > against 100k; for + abstain
    // 300k >= 4 % of the 400k circulating at the snapshot).
    sys.warp(end + 1);
    assert_eq!(govern::state(&sys, id), state::SUCCEEDED);
    let quorum = sys.client.call(sys.governor, &FLTGovernor::quorumCall { timepoint: U256::from(start) })._0;
    assert_eq!(quorum, flt(16_000));
    unexpected(
        sys.client.refuse(sys.at(8), sys.governor, &FLTGovernor::castVoteCall { proposalId: id, support: 1 }),
        id,
        state::SUCCEEDED,
        &[state::ACTIVE],
    );
    assert!(!has_voted(&sys, id, sys.at(8)));
    unexpected(sys.client.refuse(sys.at(8), sys.governor, &p.execute()), id, state::SUCCEEDED, &[state::QUEUED]);

    // Queue: eta = now + 2 days; execute refused before it.
    let r = sys.client.send(sys.at(8), sys.governor, &p.queue());
    let queued = r.event::<FLTGovernor::ProposalQueued>(sys.governor);
    let eta = sys.now() + 2 * DAY;
    assert_eq!((queued.proposalId, queued.etaSeconds), (id, U256::from(eta)));
    assert_eq!(sys.client.call(sys.governor, &FLTGovernor::proposalEtaCall { proposalId: id })._0, U256::from(eta));
    assert_eq!(govern::state(&sys, id), state::QUEUED);
    unexpected(sys.client.refuse(sys.at(8), sys.governor, &p.queue()), id, state::QUEUED, &[state::SUCCEEDED]);
    sys.warp(eta - 100);
    match sys.client.refuse::<_, G>(sys.at(8), sys.governor, &p.execute()) {
        G::FLTTimelockNotReady(e) => assert_eq!((e.proposalId, e.eta), (id, U256::from(eta))),
        other => panic!("{}", show(&other)),
    }
    assert_eq!(govern::state(&sys, id), state::QUEUED);

    // From eta on, anyone executes it.
    sys.warp(eta);
    let r = sys.client.send(sys.at(8), sys.governor, &p.execute());
    assert_eq!(r.event::<FLTGovernor::ProposalExecuted>(sys.governor).proposalId, id);
    assert_eq!(r.logs.len(), 1, "a signal does nothing else: {:?}", r.log_kinds());
    assert_eq!(govern::state(&sys, id), state::EXECUTED);
    unexpected(sys.client.refuse(sys.at(8), sys.governor, &p.execute()), id, state::EXECUTED, &[state::QUEUED]);
    assert_eq!(govern::state(&sys, id), state::EXECUTED);
}

#[test]
fn defeated_proposal_cannot_be_queued() {
    let sys = fresh();
    fund(&sys, &[4, 5]);
    delegate_self(&sys, &[4, 5]);
    sys.warp(sys.now() + 10);
    let p = Proposal::signal(sys.governor, "A tie is defeated");
    let (id, start, end) = propose(&sys, 4, &p);
    sys.warp(start + 1);
    sys.client.send(sys.at(4), sys.governor, &FLTGovernor::castVoteCall { proposalId: id, support: 1 });
    sys.client.send(sys.at(5), sys.governor, &FLTGovernor::castVoteCall { proposalId: id, support: 0 });
    assert_eq!(votes_of(&sys, id), (flt(100_000), flt(100_000), U256::ZERO));
    sys.warp(end + 1);
    assert_eq!(govern::state(&sys, id), state::DEFEATED);
    unexpected(sys.client.refuse(sys.at(4), sys.governor, &p.queue()), id, state::DEFEATED, &[state::SUCCEEDED]);
    assert_eq!(govern::state(&sys, id), state::DEFEATED);
    assert_eq!(sys.client.call(sys.governor, &FLTGovernor::proposalEtaCall { proposalId: id })._0, U256::ZERO);
}

fn rewards_params(sys: &System) -> Vec<U256> {
    sys.client.call(sys.rewards, &FLTRewards::paramsCall {})._0
}

#[test]
fn parameter_proposal_needs_the_council_and_applies_from_the_next_epoch() {
    let sys = fresh();
    fund(&sys, &[4, 5]);
    delegate_self(&sys, &[4]);
    sys.warp(sys.now() + 10);
    let before = rewards_params(&sys);
    assert_eq!((before[0], before[11]), (flt(1_000_000), U256::from(DAY)));

    let (pool, delay) = (flt(500_000), U256::from(2 * DAY));
    let p = Proposal::parameters(sys.rewards, &[(0, pool), (11, delay)], "Halve the weekly pool; two-day time lock");
    let (id, start, end) = propose(&sys, 4, &p);
    sys.warp(start + 1);
    let r = sys.client.send(sys.at(4), sys.governor, &FLTGovernor::castVoteCall { proposalId: id, support: 1 });
    assert_eq!(vote_cast(&r, &sys), (sys.at(4), id, 1, flt(100_000), String::new()));
    sys.warp(end + 1);
    assert_eq!(govern::state(&sys, id), state::SUCCEEDED);
    let r = sys.client.send(sys.at(4), sys.governor, &p.queue());
    let eta = sys.now() + 2 * DAY;
    assert_eq!(r.event::<FLTGovernor::ProposalQueued>(sys.governor).etaSeconds, U256::from(eta));
    sys.warp(eta);

    assert!(sys.client.call(sys.governor, &FLTGovernor::proposalNeedsCouncilCall { proposalId: id })._0);
    let missing = |s: &System, n: u64| match s.client.refuse::<_, G>(s.at(4), s.governor, &p.execute()) {
        G::FLTMissingCouncilApprovals(e) => {
            assert_eq!((e.id, e.approvals, e.threshold), (id, U256::from(n), U256::from(2)))
        }
        other => panic!("{}", show(&other)),
    };
    missing(&sys, 0);
    assert_eq!(govern::approval_status(&sys, id), (0, 2));
    assert_eq!(govern::state(&sys, id), state::QUEUED);
    // Signer dev 0 approves on FLTCouncil; twice is refused; a non-signer is refused.
    let r = govern::approve(&sys, 0, id, 1);
    assert!(r.events::<FLTGovernor::ProposalExecuted>(sys.governor).is_empty());
    let approve = FLTCouncil::approveProposalCall { proposalId: id };
    match sys.client.refuse::<_, C>(sys.at(0), sys.council, &approve) {
        C::FLTAlreadyApproved(e) => assert_eq!((e.id, e.signer), (id, sys.at(0))),
        other => panic!("{}", show(&other)),
    }
    match sys.client.refuse::<_, C>(sys.at(4), sys.council, &approve) {
        C::FLTNotSigner(e) => assert_eq!(e.caller, sys.at(4)),
        other => panic!("{}", show(&other)),
    }
    // An unknown proposal: FLTGovernor's own error, unchanged.
    let unknown = id + U256::from(1);
    let refused = sys
        .client
        .try_send(sys.at(1), sys.council, &FLTCouncil::approveProposalCall { proposalId: unknown })
        .expect_err("no such proposal");
    assert!(refused.mined.is_some());
    match refused.decode::<G>() {
        G::GovernorNonexistentProposal(e) => assert_eq!(e.proposalId, unknown),
        other => panic!("{}", show(&other)),
    }
    assert_eq!(govern::approval_status(&sys, id), (1, 2));
    missing(&sys, 1);
    assert_eq!(govern::state(&sys, id), state::QUEUED);
    assert_eq!(rewards_params(&sys), before);

    // The running epoch E gets a contribution before the change executes.
    let e = current_epoch(&sys);
    record(&sys, "before", &[(sys.at(5), 500_000, 500_000)]);
    let info = epoch_info(&sys, e);
    assert_eq!(info._2, info._1 + DAY, "E's claims open one day after its end");

    govern::approve(&sys, 2, id, 2);
    let r = sys.client.send(sys.at(9), sys.governor, &p.execute());
    assert_eq!(r.event::<FLTGovernor::ProposalExecuted>(sys.governor).proposalId, id);
    let changed: Vec<_> =
        r.events::<FLTRewards::ParameterChanged>(sys.rewards).iter().map(|c| (c.id, c.value)).collect();
    assert_eq!(changed, vec![(0, pool), (11, delay)]);
    assert_eq!(govern::state(&sys, id), state::EXECUTED);
    // Approving it now: FLTGovernor's state error, unchanged.
    let refused = sys.client.try_send(sys.at(1), sys.council, &approve).expect_err("executed");
    assert!(refused.mined.is_some());
    unexpected(
        refused.decode::<G>(),
        id,
        state::EXECUTED,
        &[state::PENDING, state::ACTIVE, state::SUCCEEDED, state::QUEUED],
    );
    assert_eq!(govern::approval_status(&sys, id), (2, 2));
    let after = rewards_params(&sys);
    assert_eq!((after[0], after[11]), (pool, delay), "params() shows the set the next epoch uses");
    assert_eq!(after[1..11], before[1..11], "nothing else changed");

    // E keeps its snapshot: claims one day after its end, the 1M pool.
    let info = epoch_info(&sys, e);
    assert_eq!(info._2, info._1 + DAY);
    assert_eq!(current_epoch(&sys), e);
    sys.warp(info._1);
    assert_eq!(current_epoch(&sys), e + 1);
    let closed = epoch_info(&sys, e);
    assert_eq!((closed._3, closed._5, closed._7), (1, flt(1_000_000), true), "(eligible, pool, closed) of E");

    // E + 1 has the new values.
    let r = record(&sys, "after", &[(sys.at(5), 500_000, 500_000)]);
    let close = r.event::<FLTRewards::EpochClosed>(sys.rewards);
    assert_eq!((close.epoch, close.pool, close.eligibleCount), (e, flt(1_000_000), 1));
    let next = epoch_info(&sys, e + 1);
    assert_eq!(next._0, info._1, "E + 1 starts where E ended");
    assert_eq!(next._2, next._1 + 2 * DAY, "E + 1's claims open two days after its end");
    sys.warp(next._1 + DAY);
    let closed = epoch_info(&sys, e + 1);
    assert_eq!((closed._3, closed._5, closed._7), (1, pool, true));
    match sys.client.refuse::<_, R>(sys.at(5), sys.rewards, &FLTRewards::claimCall { epochs: vec![e + 1] }) {
        R::FLTClaimNotOpen(c) => assert_eq!((c.epoch, c.opensAt), (e + 1, next._2)),
        other => panic!("{}", show(&other)),
    }
    // E's claim is open (one day after its end): 10 % of 1M.
    assert_eq!(govern::claim(&sys, 5, e), flt(100_000));
    sys.warp(next._2);
    assert_eq!(govern::claim(&sys, 5, e + 1), flt(50_000), "10 % of the new 500k pool");
}

fn nonexistent(sys: &System, p: &Proposal) {
    let id = p.id();
    let refused = sys.client.try_call(Address::ZERO, sys.governor, &FLTGovernor::stateCall { proposalId: id });
    match refused.expect_err("no such proposal").decode::<G>() {
        G::GovernorNonexistentProposal(e) => assert_eq!(e.proposalId, id),
        other => panic!("{}", show(&other)),
    }
}

#[test]
fn propose_and_cancel_refusals() {
    let sys = fresh();
    fund(&sys, &[4, 5]);
    delegate_self(&sys, &[4, 5]);
    // Dev 5 gives away 1 wei: one short of the threshold.
    sys.client.send(sys.at(5), sys.token, &FLToken::transferCall { to: sys.at(9), value: U256::from(1) });
    sys.warp(sys.now() + 10);
    let ok = Proposal::signal(sys.governor, "Signal");
    match sys.client.refuse::<_, G>(sys.at(5), sys.governor, &ok.propose()) {
        G::GovernorInsufficientProposerVotes(e) => {
            assert_eq!((e.proposer, e.votes, e.threshold), (sys.at(5), flt(100_000) - U256::from(1), flt(100_000)))
        }
        other => panic!("{}", show(&other)),
    }
    // Dev 9 has 1 wei and never delegated: 0 votes.
    match sys.client.refuse::<_, G>(sys.at(9), sys.governor, &ok.propose()) {
        G::GovernorInsufficientProposerVotes(e) => assert_eq!((e.proposer, e.votes), (sys.at(9), U256::ZERO)),
        other => panic!("{}", show(&other)),
    }
    nonexistent(&sys, &ok);

    let set = |id: u8, v: U256| govern::set_parameter(id, v);
    let other_selector: Bytes =
        FLTRewards::setValidatorCall { validator: sys.at(4), allowed: true }.abi_encode().into();
    let invalid = [
        ("another selector", Proposal::raw(vec![sys.rewards], vec![U256::ZERO], vec![other_selector], "a"), 0),
        ("a value", Proposal::raw(vec![sys.governor], vec![U256::from(1)], vec![Bytes::new()], "b"), 0),
        ("a signal to FLTRewards", Proposal::raw(vec![sys.rewards], vec![U256::ZERO], vec![Bytes::new()], "c"), 0),
        ("id 0 on FLToken", Proposal::raw(vec![sys.token], vec![U256::ZERO], vec![set(0, flt(1))], "d"), 0),
        ("id 0 elsewhere", Proposal::raw(vec![sys.at(9)], vec![U256::ZERO], vec![set(0, flt(1))], "e"), 0),
        (
            "second action bad",
            Proposal::raw(
                vec![sys.governor, sys.governor],
                vec![U256::ZERO; 2],
                vec![Bytes::new(), set(0, flt(1))],
                "f",
            ),
            1,
        ),
        (
            "truncated setParameter",
            Proposal::raw(vec![sys.rewards], vec![U256::ZERO], vec![set(0, flt(1))[..36].to_vec().into()], "g"),
            0,
        ),
    ];
    for (what, p, index) in &invalid {
        match sys.client.refuse::<_, G>(sys.at(4), sys.governor, &p.propose()) {
            G::FLTInvalidAction(e) => assert_eq!(e.index, U256::from(*index), "{what}"),
            other => panic!("{what}: {}", show(&other)),
        }
        nonexistent(&sys, p);
    }
    let out_of_bounds = [
        (0u8, flt(10_000_001), U256::ZERO, flt(10_000_000)),
        (11, U256::from(14 * DAY + 1), U256::ZERO, U256::from(14 * DAY)),
        (1, U256::from(DAY - 1), U256::from(DAY), U256::from(90 * DAY)),
    ];
    for (id, value, min, max) in out_of_bounds {
        let p = Proposal::parameters(sys.rewards, &[(id, value)], "out of bounds");
        match sys.client.refuse::<_, G>(sys.at(4), sys.governor, &p.propose()) {
            G::FLTParameterOutOfBounds(e) => assert_eq!((e.id, e.value, e.min, e.max), (id, value, min, max)),
            other => panic!("id {id}: {}", show(&other)),
        }
        nonexistent(&sys, &p);
    }
    let p = Proposal::parameters(sys.rewards, &[(18, U256::from(1))], "unknown");
    match sys.client.refuse::<_, G>(sys.at(4), sys.governor, &p.propose()) {
        G::FLTUnknownParameter(e) => assert_eq!(e.id, 18),
        other => panic!("{}", show(&other)),
    }
    nonexistent(&sys, &p);
    let p = Proposal::raw(vec![sys.governor, sys.governor], vec![U256::ZERO; 2], vec![Bytes::new()], "lengths");
    match sys.client.refuse::<_, G>(sys.at(4), sys.governor, &p.propose()) {
        G::GovernorInvalidProposalLength(e) => {
            assert_eq!((e.targets, e.calldatas, e.values), (U256::from(2), U256::from(1), U256::from(2)))
        }
        other => panic!("{}", show(&other)),
    }
    let p = Proposal::raw(vec![], vec![], vec![], "empty");
    match sys.client.refuse::<_, G>(sys.at(4), sys.governor, &p.propose()) {
        G::GovernorInvalidProposalLength(e) => {
            assert_eq!((e.targets, e.calldatas, e.values), (U256::ZERO, U256::ZERO, U256::ZERO))
        }
        other => panic!("{}", show(&other)),
    }

    // Cancel: only the proposer, only while Pending.
    let (id, start, _) = propose(&sys, 4, &ok);
    match sys.client.refuse::<_, G>(sys.at(5), sys.governor, &ok.cancel()) {
        G::GovernorOnlyProposer(e) => assert_eq!(e.account, sys.at(5)),
        other => panic!("{}", show(&other)),
    }
    assert_eq!(govern::state(&sys, id), state::PENDING);
    let r = sys.client.send(sys.at(4), sys.governor, &ok.cancel());
    assert_eq!(r.event::<FLTGovernor::ProposalCanceled>(sys.governor).proposalId, id);
    assert_eq!(govern::state(&sys, id), state::CANCELED);
    unexpected(sys.client.refuse(sys.at(4), sys.governor, &ok.cancel()), id, state::CANCELED, &[state::PENDING]);
    // The same actions and description cannot be proposed again.
    unexpected(sys.client.refuse(sys.at(4), sys.governor, &ok.propose()), id, state::CANCELED, &[]);
    unexpected(
        sys.client.refuse(sys.at(4), sys.governor, &FLTGovernor::castVoteCall { proposalId: id, support: 1 }),
        id,
        state::CANCELED,
        &[state::ACTIVE],
    );
    assert_eq!(govern::state(&sys, id), state::CANCELED);

    // Once Active the proposer cannot cancel either.
    let later = Proposal::signal(sys.governor, "Signal, later");
    let (id2, start2, _) = propose(&sys, 4, &later);
    assert!(start2 >= start);
    sys.warp(start2 + 1);
    unexpected(sys.client.refuse(sys.at(4), sys.governor, &later.cancel()), id2, state::ACTIVE, &[state::PENDING]);
    assert_eq!(govern::state(&sys, id2), state::ACTIVE);
}

/// Funds dev 4 (100,000 FLT, self-delegated), proposes a signal, votes it
/// through and queues it; returns (proposal, id, eta).
fn queued_signal(sys: &System, description: &str) -> (Proposal, U256, u64) {
    fund(sys, &[4]);
    delegate_self(sys, &[4]);
    sys.warp(sys.now() + 10);
    let p = Proposal::signal(sys.governor, description);
    let (id, start, end) = propose(sys, 4, &p);
    sys.warp(start + 1);
    sys.client.send(sys.at(4), sys.governor, &FLTGovernor::castVoteCall { proposalId: id, support: 1 });
    sys.warp(end + 1);
    sys.client.send(sys.at(4), sys.governor, &p.queue());
    let eta = sys.client.call(sys.governor, &FLTGovernor::proposalEtaCall { proposalId: id })._0.to::<u64>();
    assert_eq!(govern::state(sys, id), state::QUEUED);
    (p, id, eta)
}

#[test]
fn queued_proposal_expires_14_days_after_eta() {
    let sys = fresh();
    let (p, id, eta) = queued_signal(&sys, "Expires unexecuted");
    sys.warp(eta + 14 * DAY - 100);
    assert_eq!(govern::state(&sys, id), state::QUEUED);
    sys.warp(eta + 14 * DAY);
    assert_eq!(govern::state(&sys, id), state::EXPIRED);
    unexpected(sys.client.refuse(sys.at(4), sys.governor, &p.execute()), id, state::EXPIRED, &[state::QUEUED]);
    assert_eq!(govern::state(&sys, id), state::EXPIRED);
}

/// SPEC.md section 7 (v1.1): "a pause must never take that window away: a
/// queued proposal expires 14 days after max(eta, end of the latest pause
/// that began before its window closed)".
#[test]
fn a_pause_never_takes_the_execution_window_away() {
    let sys = fresh();
    let (p, id, eta) = queued_signal(&sys, "Outlives a pause");
    // A signer pauses one day into the execution window: 14 days, so the
    // pause ends one day after eta + 14 days.
    sys.warp(eta + DAY);
    let r = sys.client.send(sys.at(1), sys.council, &FLTCouncil::pauseCall {});
    let until = r.event::<FLTGovernor::PauseSet>(sys.governor).pausedUntil;
    assert!(until > eta + 14 * DAY);
    match sys.client.refuse::<_, G>(sys.at(4), sys.governor, &p.execute()) {
        G::EnforcedPause(_) => {}
        other => panic!("{}", show(&other)),
    }
    // The pause has lapsed: 14 unpaused days remain from its end.
    sys.warp(until);
    assert_eq!(
        govern::state(&sys, id),
        state::QUEUED,
        "state at the pause's end (eta + 15 days): 6 = Expired means the pause took the execution window away"
    );
    sys.warp(until + 14 * DAY - 100);
    assert_eq!(govern::state(&sys, id), state::QUEUED);
    let r = sys.client.send(sys.at(4), sys.governor, &p.execute());
    assert_eq!(r.event::<FLTGovernor::ProposalExecuted>(sys.governor).proposalId, id);
}

/// SPEC.md section 7 (v1.1): `castVoteBySig` accepts ERC-1271 contract
/// signatures as OZ's SignatureChecker does (Safe wallets vote): the
/// governor asks the voter contract `isValidSignature(digest, signature)`
/// with the Ballot's own digest, counts the vote only on the magic value
/// and advances the voter's nonce only then.
#[test]
fn contract_wallet_votes_by_erc1271_signature() {
    let sys = fresh();
    fund(&sys, &[4, 5]);
    let (wallet, refuser) = (Address::repeat_byte(0x12), Address::repeat_byte(0x13));
    for w in [wallet, refuser] {
        sys.node.set_balance(w, U256::from(10u128.pow(18))).expect("balance");
        sys.node.rpc("anvil_impersonateAccount", serde_json::json!([w])).expect("impersonate");
    }
    // Dev 5's tokens go to the wallet, which delegates to itself.
    sys.client.send(sys.at(5), sys.token, &FLToken::transferCall { to: wallet, value: flt(100_000) });
    sys.client.send(wallet, sys.token, &FLToken::delegateCall { delegatee: wallet });
    delegate_self(&sys, &[4]);
    sys.warp(sys.now() + 10);
    let p = Proposal::signal(sys.governor, "A Safe votes");
    let (id, start, _) = propose(&sys, 4, &p);
    sys.warp(start + 1);
    // The wallet approves exactly one digest, the EIP-712 Ballot (id, for,
    // wallet, nonce 0) in FLTGovernor's domain, as a Safe whose owners
    // signed it would: PUSH1 4 CALLDATALOAD PUSH32 digest EQ PUSH1 50 JUMPI,
    // return a zero word; JUMPDEST, return isValidSignature's selector.
    let ballot = Ballot { proposalId: id, support: 1, voter: wallet, nonce: U256::ZERO };
    let digest = ballot.eip712_signing_hash(&sign::governor_domain(sys.governor));
    let mut code = vec![0x60, 0x04, 0x35, 0x7f];
    code.extend_from_slice(digest.as_slice());
    code.extend_from_slice(&[0x14, 0x60, 0x32, 0x57, 0x60, 0x00, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3]);
    code.extend_from_slice(&alloy_primitives::hex::decode("5b631626ba7e60e01b60005260206000f3").expect("hex"));
    sys.node.set_code(wallet, &code).expect("anvil_setCode");
    // The refuser answers every isValidSignature with a zero word.
    let zero_word = alloy_primitives::hex::decode("600060005260206000f3").expect("hex");
    sys.node.set_code(refuser, &zero_word).expect("anvil_setCode");
    // A Safe's signature is any bytes its owners produce (here 97 of them).
    let by_sig = |voter: Address, support: u8| FLTGovernor::castVoteBySigCall {
        proposalId: id,
        support,
        voter,
        signature: Bytes::from(vec![7u8; 97]),
    };
    let nonce = |who: Address| sys.client.call(sys.governor, &FLTGovernor::noncesCall { owner: who })._0;
    // A ballot the wallet did not approve (against instead of for), and any
    // ballot of a wallet that approves nothing: refused, nothing counted.
    for (voter, support) in [(wallet, 0u8), (refuser, 1)] {
        match sys.client.refuse::<_, G>(sys.at(9), sys.governor, &by_sig(voter, support)) {
            G::GovernorInvalidSignature(e) => assert_eq!(e.voter, voter),
            other => panic!("{}", show(&other)),
        }
        assert!(!has_voted(&sys, id, voter));
        assert_eq!(nonce(voter), U256::ZERO);
    }
    assert_eq!(votes_of(&sys, id), (U256::ZERO, U256::ZERO, U256::ZERO));
    let r = sys.client.try_send(sys.at(9), sys.governor, &by_sig(wallet, 1));
    let r = r.unwrap_or_else(|e| {
        panic!("an ERC-1271 wallet's ballot is refused: {}", show(&e.decode::<G>()));
    });
    assert_eq!(vote_cast(&r, &sys), (wallet, id, 1, flt(100_000), String::new()));
    assert!(has_voted(&sys, id, wallet));
    assert_eq!(nonce(wallet), U256::from(1));
    assert_eq!(votes_of(&sys, id), (U256::ZERO, flt(100_000), U256::ZERO));
}

/// `propose`'s arguments as the program reads them (`fl_governor::actions`,
/// by hand): a description that is not UTF-8 is hashed and logged byte for
/// byte, as OZ's Governor does; arguments that are not the canonical
/// encoding, and value sent, revert with empty data, as the SDK's router
/// did, and leave no proposal behind.
#[test]
fn raw_descriptions_are_proposed_and_only_canonical_arguments_are_read() {
    use alloy_sol_types::{sol_data as sd, SolEvent, SolType, SolValue};
    type Args = (sd::Array<sd::Address>, sd::Array<sd::Uint<256>>, sd::Array<sd::Bytes>, sd::Bytes);
    type Created = flt_system_tests::ProposalCreatedData;
    let sys = fresh();
    fund(&sys, &[4]);
    delegate_self(&sys, &[4]);
    sys.warp(sys.now() + 10);
    let raw = Bytes::from(vec![0xff, 0xfe, b'v', b'2']);
    assert!(std::str::from_utf8(&raw).is_err(), "not UTF-8");
    let (targets, values, calldatas) = (vec![sys.governor], vec![U256::ZERO], vec![Bytes::new()]);
    let args = Args::abi_encode_params(&(targets.clone(), values.clone(), calldatas.clone(), raw.clone()));
    let call = |args: &[u8]| [&FLTGovernor::proposeCall::SELECTOR[..], args].concat();
    let id = {
        let preimage =
            (targets.clone(), values.clone(), calldatas.clone(), alloy_primitives::keccak256(&raw)).abi_encode_params();
        U256::from_be_bytes(alloy_primitives::keccak256(preimage).0)
    };
    let gone = || {
        let refused = sys.client.try_call(Address::ZERO, sys.governor, &FLTGovernor::stateCall { proposalId: id });
        match refused.expect_err("no such proposal").decode::<G>() {
            G::GovernorNonexistentProposal(e) => assert_eq!(e.proposalId, id),
            other => panic!("{}", show(&other)),
        }
    };
    let refuse_empty = |data: Vec<u8>, value: U256, why: &str| {
        let refused = sys.client.send_raw(sys.at(4), Some(sys.governor), data, value).expect_err(why);
        assert!(refused.mined.is_some(), "{why}: not mined: {}", refused.message);
        assert!(refused.data.is_empty(), "{why}: revert data {}", refused.data);
        gone();
    };
    let word = |data: &mut Vec<u8>, at: usize, v: usize| {
        data[at..at + 32].fill(0);
        data[at + 24..at + 32].copy_from_slice(&(v as u64).to_be_bytes());
    };
    // The description one word later than canonical, a zero word before it.
    // Head 4 words, targets 2, values 2, calldatas 3 (length, offset, one
    // empty element): the description's tail starts at word 11.
    let description_at = 11 * 32;
    assert_eq!(U256::from_be_slice(&args[96..128]), U256::from(description_at));
    let mut gap = args.clone();
    gap.splice(description_at..description_at, [0u8; 32]);
    word(&mut gap, 96, description_at + 32);
    refuse_empty(call(&gap), U256::ZERO, "a non-canonical offset");
    let mut dirty = args.clone();
    dirty[4 * 32 + 32] = 1;
    refuse_empty(call(&dirty), U256::ZERO, "an address with a non-zero upper byte");
    let mut trailing = args.clone();
    trailing.push(0);
    refuse_empty(call(&trailing), U256::ZERO, "a trailing byte");
    refuse_empty(call(&args[..args.len() - 1]), U256::ZERO, "one byte short");
    refuse_empty(call(&args), U256::from(1), "value sent");

    let r = sys.client.send_raw(sys.at(4), Some(sys.governor), call(&args), U256::ZERO).expect("proposed");
    let log = r
        .logs
        .iter()
        .find(|l| {
            l.address == sys.governor && l.topics().first() == Some(&FLTGovernor::ProposalCreated::SIGNATURE_HASH)
        })
        .expect("ProposalCreated");
    let (got_id, proposer, t, v, signatures, c, start, end, description) =
        Created::abi_decode_params(&log.data.data, true).expect("canonical event data");
    let now = sys.now();
    assert_eq!((got_id, proposer), (id, sys.at(4)), "the id hashes the description's bytes");
    assert_eq!((t, v, c, signatures), (targets.clone(), values.clone(), calldatas.clone(), vec![String::new()]));
    assert_eq!((start, end), (U256::from(now + DAY), U256::from(now + 8 * DAY)));
    assert_eq!(description, raw, "logged byte for byte");
    let hash = FLTGovernor::hashProposalCall {
        targets,
        values,
        calldatas,
        descriptionHash: alloy_primitives::keccak256(&raw),
    };
    assert_eq!(sys.client.call(sys.governor, &hash)._0, id);
    assert_eq!(govern::state(&sys, id), state::PENDING);
}
