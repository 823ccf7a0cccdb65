//! Events of FLTRewards: one per state change.
#![allow(missing_docs)]

flt_sol::declare! {
    #[derive(Debug, PartialEq)]
    event Wired(address indexed token, address indexed governor, uint256 reserve);
    #[derive(Debug, PartialEq)]
    event ValidatorSet(address indexed validator, bool allowed);
    #[derive(Debug, PartialEq)]
    event ContributorRegistered(address indexed contributor, bytes32 indexed nodeId);
    /// `severe` contributions are discounted: they do not count.
    #[derive(Debug, PartialEq)]
    event ContributionRecorded(address indexed contributor, bytes32 indexed contributionId, uint64 indexed epoch, address validator, int64 impact, bool severe, int64 ema, uint256 score);
    #[derive(Debug, PartialEq)]
    event ScoreRefreshed(address indexed contributor, uint64 indexed epoch, uint256 score);
    /// The epoch's pool moved from the reserve to the earmarked rewards.
    #[derive(Debug, PartialEq)]
    event EpochClosed(uint64 indexed epoch, uint256 pool, uint32 eligibleCount, uint256 totalScore);
    /// `returned` = cap excess, plus the epoch's rounding dust on its last claim.
    #[derive(Debug, PartialEq)]
    event ContributorBanned(address indexed contributor, bool banned);
    /// The entry left n and S; `returned` is the pool given back to the
    /// reserve when nobody eligible is left in a closed epoch.
    #[derive(Debug, PartialEq)]
    event Disqualified(uint64 indexed epoch, address indexed contributor, uint256 returned);
    #[derive(Debug, PartialEq)]
    event ParameterChanged(uint8 indexed id, uint256 value);
    #[derive(Debug, PartialEq)]
    event Paused(address account);
    #[derive(Debug, PartialEq)]
    event Unpaused(address account);
    #[derive(Debug, PartialEq)]
    event RewardClaimed(address indexed contributor, uint64 indexed epoch, uint256 payout, uint256 returned);
}
