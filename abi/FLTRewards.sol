// SPDX-License-Identifier: MIT
// Generated from the contract's code by its `*-abi` binary (crate flt-sol). Do not edit.
// constructor(uint64 genesis, address[] memory validators, address wirer)
pragma solidity ^0.8.23;

interface IFLTRewards {
    function wire(address token, address governor) external;
    function registerContributor(bytes32 nodeId) external;
    function refreshScore(address contributor) external;
    function onStakeChanged(address holder, uint32 multiplierBps) external;
    function currentEpoch() external view returns (uint64, uint64, uint64);
    function epochInfo(uint64 epoch) external view returns (uint64, uint64, uint64, uint32, uint256, uint256, uint32, bool);
    function contributorEpoch(address contributor, uint64 epoch) external view returns (uint32, uint64, uint256, bool, bool, bool);
    function pendingReward(address contributor, uint64 epoch) external view returns (uint256);
    function contributorInfo(address contributor) external view returns (bool, bool, int64);
    function accounting() external view returns (uint256, uint256);
    function params() external view returns (uint256[] memory);
    function setValidator(address validator, bool allowed) external;
    function setBanned(address contributor, bool banned) external;
    function disqualify(uint64 epoch, address contributor) external;
    function setParameter(uint8 id, uint256 value) external;
    function setPausedUntil(uint64 until) external;
    function pausedUntil() external view returns (uint64);
    function governor() external view returns (address);
    function isValidator(address account) external view returns (bool);
    function token() external view returns (address);
    function isRecorded(bytes32 contributionId) external view returns (bool);
    function recordContribution(address contributor, bytes32 contributionId, uint32 previousAccuracy, uint32 newAccuracy) external;
    function recordContributions(Contribution[] memory contributions) external;
    function claim(uint64[] memory epochs) external returns (uint256);
    function claimFor(address contributor, uint64[] memory epochs) external returns (uint256);

    struct Contribution { address contributor; bytes32 contributionId; uint32 previousAccuracy; uint32 newAccuracy; }

    event Wired(address indexed token, address indexed governor, uint256 reserve);
    event ValidatorSet(address indexed validator, bool allowed);
    event ContributorRegistered(address indexed contributor, bytes32 indexed nodeId);
    event ContributionRecorded(address indexed contributor, bytes32 indexed contributionId, uint64 indexed epoch, address validator, int64 impact, bool severe, int64 ema, uint256 score);
    event ScoreRefreshed(address indexed contributor, uint64 indexed epoch, uint256 score);
    event EpochClosed(uint64 indexed epoch, uint256 pool, uint32 eligibleCount, uint256 totalScore);
    event ContributorBanned(address indexed contributor, bool banned);
    event Disqualified(uint64 indexed epoch, address indexed contributor, uint256 returned);
    event ParameterChanged(uint8 indexed id, uint256 value);
    event Paused(address account);
    event Unpaused(address account);
    event RewardClaimed(address indexed contributor, uint64 indexed epoch, uint256 payout, uint256 returned);

    error FLTNotWired();
    error FLTWiringRefused(address caller, address token);
    error FLTGenesisInPast(uint64 genesis, uint64 now);
    error FLTInvalidValidator(address validator);
    error FLTNotValidator(address caller);
    error FLTAlreadyRegistered(address contributor);
    error FLTNotRegistered(address contributor);
    error FLTContributorBanned(address contributor);
    error FLTAccuracyOutOfRange(uint32 accuracy);
    error FLTContributionReplayed(bytes32 contributionId);
    error FLTEmptyBatch();
    error FLTNotStarted(uint64 genesis);
    error FLTCounterOverflow(address contributor);
    error FLTEmptyClaim();
    error FLTClaimNotOpen(uint64 epoch, uint64 opensAt);
    error FLTNotEligible(uint64 epoch, address contributor);
    error FLTAlreadyClaimed(uint64 epoch, address contributor);
    error FLTTokenCallFailed(address token);
    error FLTOnlyToken(address caller);
    error FLTOutsideFraudWindow(uint64 epoch, uint64 closedAt);
    error EnforcedPause();
    error FLTUnauthorized(address caller);
    error FLTUnknownParameter(uint8 id);
    error FLTParameterOutOfBounds(uint8 id, uint256 value, uint256 min, uint256 max);
}
