// SPDX-License-Identifier: MIT
// Generated from the contract's code by its `*-abi` binary (crate flt-sol). Do not edit.
// constructor(address[] memory signers, uint8 threshold, address wirer)
pragma solidity ^0.8.23;

interface IFLTCouncil {
    function wire(address governor) external;
    function governor() external view returns (address);
    function signers() external view returns (address[] memory);
    function councilInfo() external view returns (uint8, uint32);
    function councilPropose(uint8 kind, bytes calldata data) external returns (uint256);
    function councilApprove(uint256 actionId) external;
    function pause() external;
    function approveProposal(uint256 proposalId) external;
    function approvalStatus(uint256 proposalId) external view returns (uint32, uint8);
    function councilAction(uint256 actionId) external view returns (uint8 kind, uint32 approvals, bool executed, bytes memory data);


    event CouncilWired(address indexed governor);
    event ProposalApproved(uint256 indexed proposalId, address indexed signer, uint256 approvals);
    event CouncilActionProposed(uint256 indexed actionId, uint8 kind, bytes data, address indexed signer);
    event CouncilActionApproved(uint256 indexed actionId, address indexed signer, uint256 approvals);
    event CouncilActionExecuted(uint256 indexed actionId);
    event CouncilChanged(address[] signers, uint8 threshold, uint32 generation);

    error FLTNotWired();
    error FLTNotSigner(address caller);
    error FLTAlreadyApproved(uint256 id, address signer);
    error FLTNoApprovalNeeded(uint256 proposalId);
    error FLTInvalidCouncil(uint256 signers, uint8 threshold);
    error FLTInvalidCouncilAction(uint8 kind);
    error FLTUnknownCouncilAction(uint256 actionId);
    error FLTCouncilActionDone(uint256 actionId);
    error FLTPauseAlreadyUsed(address signer);
    error FLTPauseCooldown(uint64 readyAt);
    error FLTNotPaused();
    error FLTActionFailed(uint256 index, bytes reason);
    error GovernorNonexistentProposal(uint256 proposalId);
    error GovernorUnexpectedProposalState(uint256 proposalId, uint8 current, bytes32 expectedStates);
    error EnforcedPause();
    error FLTUnauthorized(address caller);
    error FLTUnknownParameter(uint8 id);
    error FLTParameterOutOfBounds(uint8 id, uint256 value, uint256 min, uint256 max);
}
