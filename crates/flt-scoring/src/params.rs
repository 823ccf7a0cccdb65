//! The governable parameters of SPEC.md section 4: ids, defaults and hard
//! bounds, in one table for every contract (the governor checks a proposal
//! with it; each owner checks again at execution).

use alloy_primitives::U256;

const DAY: u128 = 86_400;
const FLT: u128 = 1_000_000_000_000_000_000;

/// Parameter ids. 0-11 belong to FLTRewards, 12 to FLToken, 13-17 to
/// FLTGovernor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Param {
    WeeklyPool = 0,
    EpochLength = 1,
    MaxShareBps = 2,
    MinShareBps = 3,
    MinContributions = 4,
    CountWeight = 5,
    ImpactWeight = 6,
    NeutralBand = 7,
    SevereDrop = 8,
    FullBoostImpact = 9,
    EmaAlphaBps = 10,
    ClaimDelay = 11,
    StakeMin = 12,
    VotingDelay = 13,
    VotingPeriod = 14,
    ProposalThreshold = 15,
    QuorumBps = 16,
    TimelockDelay = 17,
}

/// `(default, min, max)` per id. Bounds that name another parameter are
/// checked in [`Params::with`].
static TABLE: [(u128, u128, u128); 18] = [
    (1_000_000 * FLT, 0, 10_000_000 * FLT),
    (7 * DAY, DAY, 90 * DAY),
    (1_000, 100, 10_000),
    (10, 0, 10_000),
    (1, 1, 10_000),
    (1_000_000, 0, 1_000_000_000_000),
    (100, 0, 1_000_000_000_000),
    (1_000, 0, 100_000),
    (10_000, 1, 1_000_000),
    (10_000, 1, 1_000_000),
    (2_000, 1, 10_000),
    (DAY, 0, 14 * DAY),
    (10_000 * FLT, FLT, 10_000_000 * FLT),
    (DAY, 0, 30 * DAY),
    (7 * DAY, 3_600, 60 * DAY),
    (100_000 * FLT, 0, 100_000_000 * FLT),
    (400, 1, 10_000),
    (2 * DAY, 3_600, 30 * DAY),
];

pub const COUNT: u8 = 18;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamError {
    UnknownId(u8),
    OutOfBounds { id: u8, value: U256, min: u128, max: u128 },
}

impl Param {
    pub fn from_id(id: u8) -> Option<Param> {
        use Param::*;
        const ALL: [Param; COUNT as usize] = [
            WeeklyPool,
            EpochLength,
            MaxShareBps,
            MinShareBps,
            MinContributions,
            CountWeight,
            ImpactWeight,
            NeutralBand,
            SevereDrop,
            FullBoostImpact,
            EmaAlphaBps,
            ClaimDelay,
            StakeMin,
            VotingDelay,
            VotingPeriod,
            ProposalThreshold,
            QuorumBps,
            TimelockDelay,
        ];
        ALL.get(usize::from(id)).copied()
    }

    pub fn id(self) -> u8 {
        self as u8
    }

    pub fn default_value(self) -> u128 {
        TABLE[self as usize].0
    }

    /// The static `(min, max)` bounds.
    pub fn bounds(self) -> (u128, u128) {
        let (_, min, max) = TABLE[self as usize];
        (min, max)
    }

    /// `value` within the static bounds, as u128.
    pub fn check(self, value: U256) -> Result<u128, ParamError> {
        let (min, max) = self.bounds();
        match u128::try_from(value) {
            Ok(v) if (min..=max).contains(&v) => Ok(v),
            _ => Err(ParamError::OutOfBounds { id: self.id(), value, min, max }),
        }
    }
}

/// The epoch-level parameter set (ids 0-11) that an epoch snapshots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    pub weekly_pool: u128,
    pub epoch_length: u64,
    pub max_share_bps: u32,
    pub min_share_bps: u32,
    pub min_contributions: u32,
    pub count_weight: u64,
    pub impact_weight: u64,
    pub neutral_band: u32,
    pub severe_drop: u32,
    pub full_boost_impact: u32,
    pub ema_alpha_bps: u32,
    pub claim_delay: u64,
}

impl Default for Params {
    fn default() -> Self {
        let d = |p: Param| p.default_value();
        Params {
            weekly_pool: d(Param::WeeklyPool),
            epoch_length: d(Param::EpochLength) as u64,
            max_share_bps: d(Param::MaxShareBps) as u32,
            min_share_bps: d(Param::MinShareBps) as u32,
            min_contributions: d(Param::MinContributions) as u32,
            count_weight: d(Param::CountWeight) as u64,
            impact_weight: d(Param::ImpactWeight) as u64,
            neutral_band: d(Param::NeutralBand) as u32,
            severe_drop: d(Param::SevereDrop) as u32,
            full_boost_impact: d(Param::FullBoostImpact) as u32,
            ema_alpha_bps: d(Param::EmaAlphaBps) as u32,
            claim_delay: d(Param::ClaimDelay) as u64,
        }
    }
}

impl Params {
    /// The values of ids 0-11, in id order.
    pub fn values(&self) -> [u128; 12] {
        [
            self.weekly_pool,
            self.epoch_length.into(),
            self.max_share_bps.into(),
            self.min_share_bps.into(),
            self.min_contributions.into(),
            self.count_weight.into(),
            self.impact_weight.into(),
            self.neutral_band.into(),
            self.severe_drop.into(),
            self.full_boost_impact.into(),
            self.ema_alpha_bps.into(),
            self.claim_delay.into(),
        ]
    }

    /// This set with parameter `id` (0-11) set to `value`, if every bound,
    /// including those naming another parameter, still holds. The casts are
    /// lossless: each static maximum fits its field.
    pub fn with(&self, id: u8, value: U256) -> Result<Params, ParamError> {
        let param = Param::from_id(id).filter(|p| p.id() < 12).ok_or(ParamError::UnknownId(id))?;
        let v = param.check(value)?;
        let mut p = *self;
        match param {
            Param::WeeklyPool => p.weekly_pool = v,
            Param::EpochLength => p.epoch_length = v as u64,
            Param::MaxShareBps => p.max_share_bps = v as u32,
            Param::MinShareBps => p.min_share_bps = v as u32,
            Param::MinContributions => p.min_contributions = v as u32,
            Param::CountWeight => p.count_weight = v as u64,
            Param::ImpactWeight => p.impact_weight = v as u64,
            Param::NeutralBand => p.neutral_band = v as u32,
            Param::SevereDrop => p.severe_drop = v as u32,
            Param::FullBoostImpact => p.full_boost_impact = v as u32,
            Param::EmaAlphaBps => p.ema_alpha_bps = v as u32,
            _ => p.claim_delay = v as u64,
        }
        // Relative bounds, in both directions: report the limit the changed
        // parameter hit.
        let (min, max) = param.bounds();
        let refuse = |min: u128, max: u128| Err(ParamError::OutOfBounds { id, value, min, max });
        match param {
            Param::MaxShareBps if p.min_share_bps > p.max_share_bps => refuse(p.min_share_bps.into(), max),
            Param::MinShareBps if p.min_share_bps > p.max_share_bps => refuse(min, p.max_share_bps.into()),
            Param::NeutralBand if p.neutral_band >= p.severe_drop.min(p.full_boost_impact) => {
                refuse(min, u128::from(p.severe_drop.min(p.full_boost_impact)) - 1)
            }
            Param::SevereDrop if p.severe_drop <= p.neutral_band => refuse(u128::from(p.neutral_band) + 1, max),
            Param::FullBoostImpact if p.full_boost_impact <= p.neutral_band => {
                refuse(u128::from(p.neutral_band) + 1, max)
            }
            // countWeight + impactWeight > 0: the other one is zero here.
            Param::CountWeight | Param::ImpactWeight if p.count_weight == 0 && p.impact_weight == 0 => refuse(1, max),
            _ => Ok(p),
        }
    }
}
