//! Custom errors of FLTCouncil; each carries the failing values. A refusal
//! of FLTGovernor's (an unknown proposal) comes back as FLTGovernor's own
//! error, unchanged; those and the state error are declared once in
//! `flt_sol::proposal_errors`, and this ABI lists them.
#![allow(missing_docs)]

pub use flt_sol::{
    proposal_errors::{GovernorNonexistentProposal, GovernorUnexpectedProposalState},
    shared::FLTUnauthorized,
};
use stylus_sdk::prelude::*;

flt_sol::declare! {
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
