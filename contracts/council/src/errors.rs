//! Custom errors of FLTCouncil; each carries the failing values. A refusal
//! of FLTGovernor's (an unknown proposal, a proposal in the wrong state)
//! comes back as FLTGovernor's own error, unchanged.
#![allow(missing_docs)]

pub use flt_sol::shared::FLTUnauthorized;
use stylus_sdk::prelude::*;

flt_sol::declare! {
    /// FLTGovernor's, passed through unchanged by `approveProposal` for an
    /// unknown proposal (declared here so that this ABI alone names it).
    #[derive(Debug, PartialEq)]
    error GovernorNonexistentProposal(uint256 proposalId);
    #[derive(Debug, PartialEq)]
    error GovernorUnexpectedProposalState(uint256 proposalId, uint8 current, bytes32 expectedStates);
    #[derive(Debug, PartialEq)]
    error FLTNotWired();
    #[derive(Debug, PartialEq)]
    error FLTNotSigner(address caller);
    #[derive(Debug, PartialEq)]
    error FLTAlreadyApproved(uint256 id, address signer);
    #[derive(Debug, PartialEq)]
    error FLTNoApprovalNeeded(uint256 proposalId);
    #[derive(Debug, PartialEq)]
    error FLTInvalidCouncil(uint256 signers, uint8 threshold);
    #[derive(Debug, PartialEq)]
    error FLTInvalidCouncilAction(uint8 kind);
    #[derive(Debug, PartialEq)]
    error FLTUnknownCouncilAction(uint256 actionId);
    #[derive(Debug, PartialEq)]
    error FLTCouncilActionDone(uint256 actionId);
    #[derive(Debug, PartialEq)]
    error FLTPauseAlreadyUsed(address signer);
    #[derive(Debug, PartialEq)]
    error FLTPauseCooldown(uint64 readyAt);
    #[derive(Debug, PartialEq)]
    error FLTNotPaused();
    #[derive(Debug, PartialEq)]
    error FLTActionFailed(uint256 index, bytes reason);
}

#[derive(SolidityError, Debug, PartialEq)]
pub enum Error {
    UnexpectedProposalState(GovernorUnexpectedProposalState),
    NotWired(FLTNotWired),
    NotSigner(FLTNotSigner),
    AlreadyApproved(FLTAlreadyApproved),
    NoApprovalNeeded(FLTNoApprovalNeeded),
    InvalidCouncil(FLTInvalidCouncil),
    InvalidCouncilAction(FLTInvalidCouncilAction),
    UnknownCouncilAction(FLTUnknownCouncilAction),
    CouncilActionDone(FLTCouncilActionDone),
    PauseAlreadyUsed(FLTPauseAlreadyUsed),
    PauseCooldown(FLTPauseCooldown),
    NotPaused(FLTNotPaused),
    ActionFailed(FLTActionFailed),
    Unauthorized(FLTUnauthorized),
}
