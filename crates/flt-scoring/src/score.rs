//! Contributions and scores (SPEC.md section 5).

use crate::{math::mul_div, params::Params};

/// 1.0x in basis points.
pub const BPS: u32 = 10_000;

/// Accuracy is parts per million, `0..=1_000_000`.
pub const MAX_ACCURACY: u32 = 1_000_000;

/// Staking tiers 0..=3 (1, 3, 6, 12 months) and their multipliers.
pub const STAKE_TIER_BPS: [u32; 4] = [11_000, 12_000, 13_000, 15_000];

/// A contributor's counters in one epoch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// Non-severe contributions.
    pub count: u32,
    /// Sum of positive impacts (ppm) of non-severe contributions.
    pub positive_impact: u64,
}

/// What one contribution did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub entry: Entry,
    pub ema: i64,
    /// Severe contributions are discounted: they do not count.
    pub severe: bool,
}

/// `newAccuracy - previousAccuracy` in ppm.
pub fn impact(previous: u32, new: u32) -> i64 {
    i64::from(new) - i64::from(previous)
}

/// `ema + (impact - ema) * alpha / 10_000`, truncating toward zero.
pub fn ema_update(ema: i64, impact: i64, alpha_bps: u32) -> i64 {
    // |impact - ema| <= 2 * 10^6 and alpha <= 10^4: no overflow.
    ema + (impact - ema) * i64::from(alpha_bps) / i64::from(BPS)
}

/// Steps 1-3 of SPEC.md section 5 for one contribution. `None` if a counter
/// would overflow (more than 2^32 contributions in one epoch).
pub fn apply_contribution(entry: Entry, ema: i64, impact: i64, p: &Params) -> Option<Outcome> {
    let severe = impact <= -i64::from(p.severe_drop);
    let mut entry = entry;
    if !severe {
        entry.count = entry.count.checked_add(1)?;
        if impact > 0 {
            entry.positive_impact = entry.positive_impact.checked_add(impact as u64)?;
        }
    }
    Some(Outcome { entry, ema: ema_update(ema, impact, p.ema_alpha_bps), severe })
}

/// 1.0x..2.0x above the neutral band, 1.0x inside it, 0.5x below it.
pub fn impact_multiplier_bps(ema: i64, neutral_band: u32, full_boost_impact: u32) -> u32 {
    let band = i64::from(neutral_band);
    if ema > band {
        // full_boost_impact > neutral_band is a parameter bound.
        let span = i64::from(full_boost_impact) - band;
        let boost = (i64::from(BPS) * (ema - band) / span).min(i64::from(BPS));
        BPS + boost as u32
    } else if ema >= -band {
        BPS
    } else {
        BPS / 2
    }
}

/// The tier's multiplier while a stake of at least `stake_min` is locked
/// (`now < lock_end`), else 1.0x.
pub fn stake_multiplier_bps(amount: u128, tier: u8, lock_end: u64, now: u64, stake_min: u128) -> u32 {
    match STAKE_TIER_BPS.get(usize::from(tier)) {
        Some(bps) if amount >= stake_min && amount > 0 && now < lock_end => *bps,
        _ => BPS,
    }
}

/// `(countWeight * count + impactWeight * positiveImpact) * impactBps *
/// stakeBps / 10^8`, one product and one division. `None` if the score
/// exceeds 128 bits (impossible under the parameter bounds for fewer than
/// ~10^14 contributions).
pub fn score(entry: Entry, ema: i64, stake_bps: u32, p: &Params) -> Option<u128> {
    // Each product is below 2^64 * 2^64 = 2^128.
    let base = (u128::from(p.count_weight) * u128::from(entry.count))
        .checked_add(u128::from(p.impact_weight) * u128::from(entry.positive_impact))?;
    let multipliers =
        u128::from(impact_multiplier_bps(ema, p.neutral_band, p.full_boost_impact)) * u128::from(stake_bps);
    mul_div(base, multipliers, 100_000_000)
}

/// Eligible: enough contributions, a positive score, not disqualified.
pub fn eligible(count: u32, score: u128, disqualified: bool, min_contributions: u32) -> bool {
    count >= min_contributions && score > 0 && !disqualified
}
