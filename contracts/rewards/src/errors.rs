//! Custom errors of FLTRewards, each carrying the failing values.
#![allow(missing_docs)]

pub use flt_sol::shared::{EnforcedPause, FLTParameterOutOfBounds, FLTUnauthorized, FLTUnknownParameter};
use stylus_sdk::prelude::*;

flt_sol::declare! {
    #[derive(Debug, PartialEq)]
    error FLTNotWired();
    #[derive(Debug, PartialEq)]
    error FLTWiringRefused(address caller, address token);
    #[derive(Debug, PartialEq)]
    error FLTGenesisInPast(uint64 genesis, uint64 now);
    #[derive(Debug, PartialEq)]
    error FLTInvalidValidator(address validator);
    #[derive(Debug, PartialEq)]
    error FLTNotValidator(address caller);
    #[derive(Debug, PartialEq)]
    error FLTAlreadyRegistered(address contributor);
    #[derive(Debug, PartialEq)]
    error FLTNotRegistered(address contributor);
    #[derive(Debug, PartialEq)]
    error FLTContributorBanned(address contributor);
    #[derive(Debug, PartialEq)]
    error FLTAccuracyOutOfRange(uint32 accuracy);
    #[derive(Debug, PartialEq)]
    error FLTContributionReplayed(bytes32 contributionId);
    #[derive(Debug, PartialEq)]
    error FLTEmptyBatch();
    #[derive(Debug, PartialEq)]
    error FLTNotStarted(uint64 genesis);
    #[derive(Debug, PartialEq)]
    error FLTCounterOverflow(address contributor);
    #[derive(Debug, PartialEq)]
    error FLTEmptyClaim();
    #[derive(Debug, PartialEq)]
    error FLTClaimNotOpen(uint64 epoch, uint64 opensAt);
    #[derive(Debug, PartialEq)]
    error FLTNotEligible(uint64 epoch, address contributor);
    #[derive(Debug, PartialEq)]
    error FLTAlreadyClaimed(uint64 epoch, address contributor);
    #[derive(Debug, PartialEq)]
    error FLTTokenCallFailed(address token);
    #[derive(Debug, PartialEq)]
    error FLTOnlyToken(address caller);
    #[derive(Debug, PartialEq)]
    error FLTOutsideFraudWindow(uint64 epoch, uint64 closedAt);
}

/// Every way an FLTRewards call can fail.
#[derive(SolidityError, Debug, PartialEq)]
pub enum Error {
    NotWired(FLTNotWired),
    WiringRefused(FLTWiringRefused),
    GenesisInPast(FLTGenesisInPast),
    InvalidValidator(FLTInvalidValidator),
    NotValidator(FLTNotValidator),
    AlreadyRegistered(FLTAlreadyRegistered),
    NotRegistered(FLTNotRegistered),
    ContributorBanned(FLTContributorBanned),
    AccuracyOutOfRange(FLTAccuracyOutOfRange),
    ContributionReplayed(FLTContributionReplayed),
    EmptyBatch(FLTEmptyBatch),
    NotStarted(FLTNotStarted),
    CounterOverflow(FLTCounterOverflow),
    EmptyClaim(FLTEmptyClaim),
    ClaimNotOpen(FLTClaimNotOpen),
    NotEligible(FLTNotEligible),
    AlreadyClaimed(FLTAlreadyClaimed),
    TokenCallFailed(FLTTokenCallFailed),
    OnlyToken(FLTOnlyToken),
    EnforcedPause(EnforcedPause),
    Unauthorized(FLTUnauthorized),
    OutsideFraudWindow(FLTOutsideFraudWindow),
    UnknownParameter(FLTUnknownParameter),
    ParameterOutOfBounds(FLTParameterOutOfBounds),
}
