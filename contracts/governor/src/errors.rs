//! Custom errors of FLTGovernor: OpenZeppelin Governor 5.x's names where the
//! case is theirs, FLT* for the rest; each carries the failing values.
#![allow(missing_docs)]

pub use flt_sol::{
    proposal_errors::{GovernorNonexistentProposal, GovernorUnexpectedProposalState},
    shared::{EnforcedPause, FLTParameterOutOfBounds, FLTUnauthorized, FLTUnknownParameter},
};
use stylus_sdk::prelude::*;

flt_sol::declare! {
    #[derive(Debug, PartialEq)]
    error GovernorAlreadyCastVote(address voter);
    #[derive(Debug, PartialEq)]
    error GovernorInvalidVoteType();
    #[derive(Debug, PartialEq)]
    error GovernorInsufficientProposerVotes(address proposer, uint256 votes, uint256 threshold);
    #[derive(Debug, PartialEq)]
    error GovernorInvalidProposalLength(uint256 targets, uint256 calldatas, uint256 values);
    #[derive(Debug, PartialEq)]
    error GovernorOnlyProposer(address account);
    #[derive(Debug, PartialEq)]
    error GovernorInvalidSignature(address voter);
    #[derive(Debug, PartialEq)]
    error ERC5805FutureLookup(uint256 timepoint, uint48 clock);
    #[derive(Debug, PartialEq)]
    error FLTInvalidAction(uint256 index);
    #[derive(Debug, PartialEq)]
    error FLTTimelockNotReady(uint256 proposalId, uint256 eta);
    #[derive(Debug, PartialEq)]
    error FLTMissingCouncilApprovals(uint256 id, uint256 approvals, uint256 threshold);
    #[derive(Debug, PartialEq)]
    error FLTActionFailed(uint256 index, bytes reason);
    #[derive(Debug, PartialEq)]
    error FLTParameterSetsFull(uint32 maxIndex);
}

#[derive(SolidityError, Debug, PartialEq)]
pub enum Error {
    NonexistentProposal(GovernorNonexistentProposal),
    UnexpectedProposalState(GovernorUnexpectedProposalState),
    AlreadyCastVote(GovernorAlreadyCastVote),
    InvalidVoteType(GovernorInvalidVoteType),
    InsufficientProposerVotes(GovernorInsufficientProposerVotes),
    InvalidProposalLength(GovernorInvalidProposalLength),
    OnlyProposer(GovernorOnlyProposer),
    InvalidSignature(GovernorInvalidSignature),
    FutureLookup(ERC5805FutureLookup),
    EnforcedPause(EnforcedPause),
    InvalidAction(FLTInvalidAction),
    UnknownParameter(FLTUnknownParameter),
    ParameterOutOfBounds(FLTParameterOutOfBounds),
    TimelockNotReady(FLTTimelockNotReady),
    MissingCouncilApprovals(FLTMissingCouncilApprovals),
    ActionFailed(FLTActionFailed),
    Unauthorized(FLTUnauthorized),
    ParameterSetsFull(FLTParameterSetsFull),
}
