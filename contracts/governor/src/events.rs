//! Events of FLTGovernor: OpenZeppelin Governor 5.x's, then the pause
//! window FLTCouncil sets and the parameter changes.
#![allow(missing_docs)]

flt_sol::declare! {
    #[derive(Debug, PartialEq)]
    event ProposalCreated(uint256 proposalId, address proposer, address[] targets, uint256[] values, string[] signatures, bytes[] calldatas, uint256 voteStart, uint256 voteEnd, string description);
    #[derive(Debug, PartialEq)]
    event VoteCast(address indexed voter, uint256 proposalId, uint8 support, uint256 weight, string reason);
    #[derive(Debug, PartialEq)]
    event ProposalQueued(uint256 proposalId, uint256 etaSeconds);
    #[derive(Debug, PartialEq)]
    event ProposalExecuted(uint256 proposalId);
    #[derive(Debug, PartialEq)]
    event ProposalCanceled(uint256 proposalId);
    #[derive(Debug, PartialEq)]
    event PauseSet(address indexed by, uint64 pausedUntil);
    #[derive(Debug, PartialEq)]
    event ParameterChanged(uint8 indexed id, uint256 value);
}
