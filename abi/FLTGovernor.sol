// SPDX-License-Identifier: MIT
// Generated from the contract's code by its `*-abi` binary (crate flt-sol). Do not edit.
// constructor(address council, address token, address rewards)
pragma solidity ^0.8.23;

interface IFLTGovernor {
    function name() external view returns (string memory);
    function version() external view returns (string memory);
    function COUNTING_MODE() external view returns (string memory);
    function clock() external view returns (uint48);
    function CLOCK_MODE() external view returns (string memory);
    function token() external view returns (address);
    function rewards() external view returns (address);
    function council() external view returns (address);
    function state(uint256 proposalId) external view returns (uint8);
    function proposalThreshold() external view returns (uint256);
    function votingDelay() external view returns (uint256);
    function votingPeriod() external view returns (uint256);
    function quorum(uint256 timepoint) external view returns (uint256);
    function getVotes(address account, uint256 timepoint) external view returns (uint256);
    function supportsInterface(bytes4 interfaceId) external view returns (bool);
    function proposalSnapshot(uint256 proposalId) external view returns (uint256);
    function proposalDeadline(uint256 proposalId) external view returns (uint256);
    function proposalProposer(uint256 proposalId) external view returns (address);
    function proposalEta(uint256 proposalId) external view returns (uint256);
    function proposalNeedsQueuing(uint256 _proposal_id) external view returns (bool);
    function hasVoted(uint256 proposalId, address account) external view returns (bool);
    function proposalVotes(uint256 proposalId) external view returns (uint256, uint256, uint256);
    function proposalNeedsCouncil(uint256 proposalId) external view returns (bool);
    function castVote(uint256 proposalId, uint8 support) external returns (uint256);
    function castVoteWithReason(uint256 proposalId, uint8 support, string calldata reason) external returns (uint256);
    function castVoteBySig(uint256 proposalId, uint8 support, address voter, bytes calldata signature) external returns (uint256);
    function nonces(address owner) external view returns (uint256);
    function setParameter(uint8 id, uint256 value) external;
    function params() external view returns (uint256[] memory);
    function setPause(address by, uint64 pausedUntil, uint64 pauseStarted) external;
    function relay(bytes calldata data) external;
    function pausedUntil() external view returns (uint64);
    function pauseWindow() external view returns (uint64, uint64);
    function hashProposal(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash) external view returns (uint256);
    function propose(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, string calldata description) external returns (uint256);
    function queue(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash) external returns (uint256);
    function execute(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash) external returns (uint256);
    function cancel(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash) external returns (uint256);
    function eip712Domain() external view returns (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] memory extensions);


    event ProposalCreated(uint256 proposalId, address proposer, address[] targets, uint256[] values, string[] signatures, bytes[] calldatas, uint256 voteStart, uint256 voteEnd, string description);
    event VoteCast(address indexed voter, uint256 proposalId, uint8 support, uint256 weight, string reason);
    event ProposalQueued(uint256 proposalId, uint256 etaSeconds);
    event ProposalExecuted(uint256 proposalId);
    event ProposalCanceled(uint256 proposalId);
    event PauseSet(address indexed by, uint64 pausedUntil);
    event ParameterChanged(uint8 indexed id, uint256 value);

    error GovernorAlreadyCastVote(address voter);
    error GovernorInvalidVoteType();
    error GovernorInsufficientProposerVotes(address proposer, uint256 votes, uint256 threshold);
    error GovernorInvalidProposalLength(uint256 targets, uint256 calldatas, uint256 values);
    error GovernorOnlyProposer(address account);
    error GovernorInvalidSignature(address voter);
    error ERC5805FutureLookup(uint256 timepoint, uint48 clock);
    error FLTInvalidAction(uint256 index);
    error FLTTimelockNotReady(uint256 proposalId, uint256 eta);
    error FLTMissingCouncilApprovals(uint256 id, uint256 approvals, uint256 threshold);
    error FLTActionFailed(uint256 index, bytes reason);
    error FLTParameterSetsFull(uint32 maxIndex);
    error GovernorNonexistentProposal(uint256 proposalId);
    error GovernorUnexpectedProposalState(uint256 proposalId, uint8 current, bytes32 expectedStates);
    error EnforcedPause();
    error FLTUnauthorized(address caller);
    error FLTUnknownParameter(uint8 id);
    error FLTParameterOutOfBounds(uint8 id, uint256 value, uint256 min, uint256 max);
}
