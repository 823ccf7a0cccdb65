//! FLTCouncil beside FLTGovernor (SPEC.md section 0, v1.1; section 8): the
//! wiring, what only FLTCouncil may ask of FLTGovernor, and the approval of
//! proposals across the two programs. The council's own rules (actions,
//! thresholds, generations, pauses) are in `governor.rs`, where they were
//! tested before the split and still pass unchanged.

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::{sol, SolCall};
use fl_council::{
    errors::{self as ce, FLTUnauthorized},
    events::CouncilWired,
};
use fl_governor::{
    errors::{self as ge, GovernorNonexistentProposal, GovernorUnexpectedProposalState},
    proposals::state,
};
use flt_system_tests::*;
use motsu::prelude::*;
use stylus_sdk::abi::Bytes;

sol! {
    function setParameter(uint8 id, uint256 value);
    function setValidator(address validator, bool allowed);
    function setPausedUntil(uint64 until);
}

fn unauthorized(caller: Address) -> ge::Error {
    ge::Error::Unauthorized(FLTUnauthorized { caller })
}

#[motsu::test]
fn the_council_is_wired_once_by_its_wirer_and_refuses_everything_before() {
    let s = System::deploy();
    let council = &s.council;
    let err = council.sender(s.deployer).constructor(s.signers.to_vec(), 2, Address::ZERO).motsu_unwrap_err();
    assert_eq!(err, ce::Error::Unauthorized(FLTUnauthorized { caller: Address::ZERO }));
    council.sender(s.deployer).constructor(s.signers.to_vec(), 2, s.deployer).motsu_unwrap();
    // Unwired: the pause cannot reach a governor, and nothing is spent.
    let err = council.sender(s.signers[0]).pause().motsu_unwrap_err();
    assert_eq!(err, ce::Error::NotWired(ce::FLTNotWired {}));
    let err = council.sender(s.signers[0]).approve_proposal(U256::from(1u8)).motsu_unwrap_err();
    assert_eq!(err, Vec::<u8>::from(ce::Error::NotWired(ce::FLTNotWired {})));
    // Only the wirer, only a non-zero governor, only once.
    let governor = addr(0x60f);
    let err = council.sender(s.signers[0]).wire(governor).motsu_unwrap_err();
    assert_eq!(err, ce::Error::Unauthorized(FLTUnauthorized { caller: s.signers[0] }));
    let err = council.sender(s.deployer).wire(Address::ZERO).motsu_unwrap_err();
    assert_eq!(err, ce::Error::Unauthorized(FLTUnauthorized { caller: s.deployer }));
    assert_eq!(council.sender(s.deployer).governor(), Address::ZERO, "refusals wired nothing");
    council.sender(s.deployer).wire(governor).motsu_unwrap();
    council.assert_emitted(&CouncilWired { governor });
    let err = council.sender(s.deployer).wire(addr(0x610)).motsu_unwrap_err();
    assert_eq!(err, ce::Error::Unauthorized(FLTUnauthorized { caller: s.deployer }));
    assert_eq!(council.sender(s.deployer).governor(), governor);
    assert_eq!(council.sender(s.deployer).council_info(), (2, 1));
    assert_eq!(council.sender(s.deployer).signers(), s.signers.to_vec());
}

#[motsu::test]
fn the_governor_takes_pauses_and_role_changes_from_its_council_only() {
    let (s, h) = System::governed_holders();
    assert_eq!(s.gov.sender(h[0]).council(), s.council.address());
    // A signer, a holder, the deployer: none of them is FLTCouncil.
    for caller in [s.signers[0], h[0], s.deployer] {
        let err = s.gov.sender(caller).set_pause(caller, now() + 100, now()).motsu_unwrap_err();
        assert_eq!(err, unauthorized(caller));
        let call = setValidatorCall { validator: addr(80), allowed: true }.abi_encode();
        let err = s.gov.sender(caller).relay(Bytes(call)).motsu_unwrap_err();
        assert_eq!(err, Vec::<u8>::from(unauthorized(caller)));
    }
    assert_eq!(s.gov.sender(h[0]).pause_window(), (0, 0));
    assert_eq!(s.token.sender(h[0]).paused_until(), 0);
    assert!(!s.rewards.sender(h[0]).is_validator(addr(80)));
}

#[motsu::test]
fn the_relay_forwards_only_the_three_role_changes() {
    let (s, h) = System::governed_holders();
    let council = s.council.address();
    let params = s.rewards.sender(h[0]).params();
    // A parameter change or a pause through the relay would bypass the vote
    // and the pause rules: refused, nothing changes.
    for call in [
        setParameterCall { id: 0, value: U256::ZERO }.abi_encode(),
        setPausedUntilCall { until: u64::MAX }.abi_encode(),
        Vec::new(),
    ] {
        let err = s.gov.sender(council).relay(Bytes(call)).motsu_unwrap_err();
        assert_eq!(err, Vec::<u8>::from(ge::Error::InvalidAction(ge::FLTInvalidAction { index: U256::ZERO })));
    }
    assert_eq!(s.rewards.sender(h[0]).params(), params);
    assert_eq!(s.rewards.sender(h[0]).paused_until(), 0);
    // A role change goes through, as the council's action would send it.
    let call = setValidatorCall { validator: addr(80), allowed: true }.abi_encode();
    s.gov.sender(council).relay(Bytes(call)).motsu_unwrap();
    assert!(s.rewards.sender(h[0]).is_validator(addr(80)));
    // FLTRewards' own refusal comes back as its revert data.
    let call = setValidatorCall { validator: Address::ZERO, allowed: true }.abi_encode();
    let direct = s.rewards.sender(s.gov.address()).set_validator(Address::ZERO, true).motsu_unwrap_err();
    let err = s.gov.sender(council).relay(Bytes(call)).motsu_unwrap_err();
    assert_eq!(err, Vec::<u8>::from(direct));
}

#[motsu::test]
fn approvals_name_the_governors_refusal_and_the_state_exactly() {
    let (s, h) = System::governed_holders();
    // An unknown proposal: FLTGovernor's own error, unchanged.
    let unknown = U256::from(12_345u32);
    let err = s.council.sender(s.signers[0]).approve_proposal(unknown).motsu_unwrap_err();
    let expected = ge::Error::NonexistentProposal(GovernorNonexistentProposal { proposalId: unknown });
    assert_eq!(err, Vec::<u8>::from(expected));
    // A defeated parameter proposal cannot be approved any more.
    let data = setParameterCall { id: 4, value: U256::from(2u8) }.abi_encode();
    let id = s
        .gov
        .sender(h[0])
        .propose(vec![s.rewards.address()], vec![U256::ZERO], vec![Bytes(data)], "defeated".into())
        .motsu_unwrap();
    assert!(s.gov.sender(h[0]).proposal_needs_council(id).motsu_unwrap());
    advance(DAY + 1);
    s.gov.sender(h[0]).cast_vote(id, 0).motsu_unwrap();
    advance(WEEK);
    assert_eq!(s.gov.sender(h[0]).state(id).motsu_unwrap(), state::DEFEATED);
    let err = s.council.sender(s.signers[0]).approve_proposal(id).motsu_unwrap_err();
    let approvable = (1u8 << state::PENDING) | (1 << state::ACTIVE) | (1 << state::SUCCEEDED) | (1 << state::QUEUED);
    let expected = ce::Error::UnexpectedProposalState(ce::GovernorUnexpectedProposalState {
        proposalId: id,
        current: state::DEFEATED,
        expectedStates: B256::from(U256::from(approvable)),
    });
    assert_eq!(err, Vec::<u8>::from(expected));
    // The same bytes as FLTGovernor's own error of that name.
    let governors = ge::Error::UnexpectedProposalState(GovernorUnexpectedProposalState {
        proposalId: id,
        current: state::DEFEATED,
        expectedStates: B256::from(U256::from(approvable)),
    });
    assert_eq!(err, Vec::<u8>::from(governors));
    assert_eq!(s.council.sender(h[0]).approval_status(id), (0, 2), "nothing was counted");
    let err = s.gov.sender(h[0]).proposal_needs_council(unknown).motsu_unwrap_err();
    assert_eq!(err, ge::Error::NonexistentProposal(GovernorNonexistentProposal { proposalId: unknown }));
}

#[motsu::test]
fn the_governor_refuses_a_zero_council() {
    let s = System::deploy();
    let err =
        s.gov.sender(s.deployer).constructor(Address::ZERO, s.token.address(), s.rewards.address()).motsu_unwrap_err();
    assert_eq!(err, ge::Error::Unauthorized(FLTUnauthorized { caller: Address::ZERO }));
    assert_eq!(s.gov.sender(s.deployer).council(), Address::ZERO, "nothing was stored");
    assert_eq!(s.gov.sender(s.deployer).token(), Address::ZERO, "nothing was stored");
}
