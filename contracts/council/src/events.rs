//! Events of FLTCouncil (the pause's `PauseSet` is FLTGovernor's, which
//! applies it).
#![allow(missing_docs)]

flt_sol::declare! {
    #[derive(Debug, PartialEq)]
    event CouncilWired(address indexed governor);
    #[derive(Debug, PartialEq)]
    event ProposalApproved(uint256 indexed proposalId, address indexed signer, uint256 approvals);
    #[derive(Debug, PartialEq)]
    event CouncilActionProposed(uint256 indexed actionId, uint8 kind, bytes data, address indexed signer);
    #[derive(Debug, PartialEq)]
    event CouncilActionApproved(uint256 indexed actionId, address indexed signer, uint256 approvals);
    #[derive(Debug, PartialEq)]
    event CouncilActionExecuted(uint256 indexed actionId);
    #[derive(Debug, PartialEq)]
    event CouncilChanged(address[] signers, uint8 threshold, uint32 generation);
}
