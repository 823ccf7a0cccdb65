//! Custom errors of FLToken. Names follow EIP-6093 and OpenZeppelin 5.x so
//! wallets and explorers decode them; each carries the failing values.
#![allow(missing_docs)]

pub use flt_sol::shared::{EnforcedPause, FLTParameterOutOfBounds, FLTUnauthorized, FLTUnknownParameter};
use stylus_sdk::prelude::*;

flt_sol::declare! {
    #[derive(Debug, PartialEq)]
    error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed);
    #[derive(Debug, PartialEq)]
    error ERC20InvalidReceiver(address receiver);
    #[derive(Debug, PartialEq)]
    error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
    #[derive(Debug, PartialEq)]
    error ERC20InvalidSpender(address spender);
    #[derive(Debug, PartialEq)]
    error ERC2612ExpiredSignature(uint256 deadline);
    #[derive(Debug, PartialEq)]
    error ERC2612InvalidSigner(address signer, address owner);
    #[derive(Debug, PartialEq)]
    error ECDSAInvalidSignature();
    #[derive(Debug, PartialEq)]
    error ECDSAInvalidSignatureS(bytes32 s);
    /// A transfer would move locked stake: `transferable` is what may move.
    #[derive(Debug, PartialEq)]
    error FLTLockedBalance(address holder, uint256 transferable, uint256 needed);
    #[derive(Debug, PartialEq)]
    error FLTInvalidStakeTier(uint8 tier);
    #[derive(Debug, PartialEq)]
    error FLTStakeBelowMinimum(uint256 amount, uint256 minimum);
    #[derive(Debug, PartialEq)]
    error FLTZeroStake();
    #[derive(Debug, PartialEq)]
    error FLTStakeTierDecrease(uint8 current, uint8 requested);
    #[derive(Debug, PartialEq)]
    error FLTStakeExceedsBalance(uint256 available, uint256 amount);
    #[derive(Debug, PartialEq)]
    error FLTStakeLocked(uint64 lockEnd);
    #[derive(Debug, PartialEq)]
    error FLTNoStake(address holder);
    #[derive(Debug, PartialEq)]
    error FLTRewardsCallFailed(address rewards);
    /// The reserve (or the token itself) may not stake: its word's stake
    /// bits hold the circulating-supply history's bookkeeping.
    #[derive(Debug, PartialEq)]
    error FLTReserveCannotStake(address holder);
    #[derive(Debug, PartialEq)]
    error ERC5805FutureLookup(uint256 timepoint, uint48 clock);
    /// `checkpoints(account, pos)` past the last one (OZ panics there).
    #[derive(Debug, PartialEq)]
    error FLTNoCheckpoint(address account, uint32 pos, uint32 numCheckpoints);
    #[derive(Debug, PartialEq)]
    error VotesExpiredSignature(uint256 expiry);
    #[derive(Debug, PartialEq)]
    error InvalidAccountNonce(address account, uint256 currentNonce);
}

/// Every way an FLToken call can fail.
#[derive(SolidityError, Debug, PartialEq)]
pub enum Error {
    InsufficientBalance(ERC20InsufficientBalance),
    InvalidReceiver(ERC20InvalidReceiver),
    InsufficientAllowance(ERC20InsufficientAllowance),
    InvalidSpender(ERC20InvalidSpender),
    ExpiredSignature(ERC2612ExpiredSignature),
    InvalidSigner(ERC2612InvalidSigner),
    InvalidSignature(ECDSAInvalidSignature),
    InvalidSignatureS(ECDSAInvalidSignatureS),
    LockedBalance(FLTLockedBalance),
    InvalidStakeTier(FLTInvalidStakeTier),
    StakeBelowMinimum(FLTStakeBelowMinimum),
    ZeroStake(FLTZeroStake),
    StakeTierDecrease(FLTStakeTierDecrease),
    StakeExceedsBalance(FLTStakeExceedsBalance),
    StakeLocked(FLTStakeLocked),
    NoStake(FLTNoStake),
    RewardsCallFailed(FLTRewardsCallFailed),
    ReserveCannotStake(FLTReserveCannotStake),
    FutureLookup(ERC5805FutureLookup),
    NoCheckpoint(FLTNoCheckpoint),
    ExpiredDelegation(VotesExpiredSignature),
    InvalidAccountNonce(InvalidAccountNonce),
    EnforcedPause(EnforcedPause),
    Unauthorized(FLTUnauthorized),
    UnknownParameter(FLTUnknownParameter),
    ParameterOutOfBounds(FLTParameterOutOfBounds),
}
