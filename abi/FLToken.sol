// SPDX-License-Identifier: MIT
// Generated from the contract's code by its `*-abi` binary (crate flt-sol). Do not edit.
// constructor(address reserve)
pragma solidity ^0.8.23;

interface IFLToken {
    function name() external view returns (string memory);
    function symbol() external view returns (string memory);
    function decimals() external view returns (uint8);
    function totalSupply() external view returns (uint256);
    function balanceOf(address account) external view returns (uint256);
    function allowance(address owner, address spender) external view returns (uint256);
    function reserve() external view returns (address);
    function transfer(address to, uint256 value) external returns (bool);
    function approve(address spender, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);
    function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;
    function nonces(address owner) external view returns (uint256);
    function DOMAIN_SEPARATOR() external view returns (bytes32);
    function stake(uint256 amount, uint8 tier) external;
    function unstake() external;
    function stakeOf(address holder) external view returns (uint256, uint8, uint64, uint32);
    function delegates(address account) external view returns (address);
    function delegate(address delegatee) external;
    function delegateBySig(address delegatee, uint256 nonce, uint256 expiry, uint8 v, bytes32 r, bytes32 s) external;
    function getVotes(address account) external view returns (uint256);
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256);
    function numCheckpoints(address account) external view returns (uint32);
    function checkpoints(address account, uint32 pos) external view returns (uint48, uint208);
    function getPastTotalSupply(uint256 timepoint) external view returns (uint256);
    function clock() external view returns (uint48);
    function CLOCK_MODE() external view returns (string memory);
    function governor() external view returns (address);
    function pausedUntil() external view returns (uint64);
    function setGovernor(address governor) external;
    function setPausedUntil(uint64 until) external;
    function setParameter(uint8 id, uint256 value) external;
    function params() external view returns (uint256[] memory);
    function supportsInterface(bytes4 id) external view returns (bool);
    function eip712Domain() external view returns (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] memory extensions);


    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event Staked(address indexed holder, uint256 amount, uint256 total, uint8 tier, uint64 lockEnd);
    event Unstaked(address indexed holder, uint256 amount);
    event DelegateChanged(address indexed delegator, address indexed fromDelegate, address indexed toDelegate);
    event Paused(address account);
    event Unpaused(address account);
    event ParameterChanged(uint8 indexed id, uint256 value);
    event DelegateVotesChanged(address indexed delegate, uint256 previousVotes, uint256 newVotes);

    error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed);
    error ERC20InvalidReceiver(address receiver);
    error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
    error ERC20InvalidSpender(address spender);
    error ERC2612ExpiredSignature(uint256 deadline);
    error ERC2612InvalidSigner(address signer, address owner);
    error ECDSAInvalidSignature();
    error ECDSAInvalidSignatureS(bytes32 s);
    error FLTLockedBalance(address holder, uint256 transferable, uint256 needed);
    error FLTInvalidStakeTier(uint8 tier);
    error FLTStakeBelowMinimum(uint256 amount, uint256 minimum);
    error FLTZeroStake();
    error FLTStakeTierDecrease(uint8 current, uint8 requested);
    error FLTStakeExceedsBalance(uint256 available, uint256 amount);
    error FLTStakeLocked(uint64 lockEnd);
    error FLTNoStake(address holder);
    error FLTRewardsCallFailed(address rewards);
    error FLTReserveCannotStake(address holder);
    error ERC5805FutureLookup(uint256 timepoint, uint48 clock);
    error FLTNoCheckpoint(address account, uint32 pos, uint32 numCheckpoints);
    error VotesExpiredSignature(uint256 expiry);
    error InvalidAccountNonce(address account, uint256 currentNonce);
    error EnforcedPause();
    error FLTUnauthorized(address caller);
    error FLTUnknownParameter(uint8 id);
    error FLTParameterOutOfBounds(uint8 id, uint256 value, uint256 min, uint256 max);
}
