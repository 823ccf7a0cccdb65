//! Packed storage words. Each record that one call reads and writes together
//! lives in as few 256-bit slots as its field widths allow (SPEC.md
//! section 11); the widths follow from the parameter bounds.

use alloy_primitives::U256;
use flt_scoring::Params;
use flt_word::{get, put};

/// A contributor's entry in one epoch: one slot.
/// score 0..128 | positiveImpact 128..192 | count 192..224 | claimed 224 | disqualified 225 | recorded 226
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    pub count: u32,
    pub positive_impact: u64,
    pub score: u128,
    pub claimed: bool,
    pub disqualified: bool,
    /// At least one contribution was recorded, severe ones included (they
    /// leave `count` and `positive_impact` at zero).
    pub recorded: bool,
}

impl Entry {
    pub fn load(w: U256) -> Self {
        Entry {
            score: get(w, 0, 128),
            positive_impact: get(w, 128, 64) as u64,
            count: get(w, 192, 32) as u32,
            claimed: get(w, 224, 1) == 1,
            disqualified: get(w, 225, 1) == 1,
            recorded: get(w, 226, 1) == 1,
        }
    }

    pub fn store(self) -> U256 {
        let w = put(U256::ZERO, 0, 128, self.score);
        let w = put(w, 128, 64, self.positive_impact.into());
        let w = put(w, 192, 32, self.count.into());
        let w = put(w, 224, 1, self.claimed.into());
        let w = put(w, 225, 1, self.disqualified.into());
        put(w, 226, 1, self.recorded.into())
    }

    pub fn counters(self) -> flt_scoring::Entry {
        flt_scoring::Entry { count: self.count, positive_impact: self.positive_impact }
    }
}

/// An epoch that had contributions: two slots. What its claims need of its
/// parameter set (when they open, the two shares, the minimum count) is
/// copied here when the epoch opens, so that a claim reads no parameter
/// slot (2,100 gas a claim).
/// a: heldClaimed 0..96 | opensAt 96..160 | params 160..192 | claimed 192..224 | eligible 224..256
/// b: totalScore 0..128 | pool 128..212 | maxShareBps 212..226 | minShareBps 226..240 | minContributions 240..254
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Epoch {
    /// Eligible contributors (n).
    pub eligible: u32,
    /// Entries claimed so far.
    pub claimed: u32,
    /// Index of the parameter set the epoch snapshotted.
    pub params: u32,
    /// When its claims open (and its fraud window shuts): its start +
    /// epochLength + claimDelay. Never 0 for an epoch with a record.
    pub opens_at: u64,
    /// Σ of the claimed entries' held earmark (`Allocation::held`; <= pool
    /// <= 10^25 < 2^96).
    pub held_claimed: u128,
    /// S: the sum of eligible scores.
    pub total_score: u128,
    /// P, the pool the allocation splits, set when the epoch closes (<=
    /// weeklyPool <= 10^25 < 2^84); of it, `earmark(P, eligible,
    /// maxShareBps)` is earmarked.
    pub pool: u128,
    /// The parameter set's maxShareBps, minShareBps and minContributions
    /// (each at most 10,000 < 2^14).
    pub max_share_bps: u32,
    pub min_share_bps: u32,
    pub min_contributions: u32,
}

impl Epoch {
    pub fn load(a: U256, b: U256) -> Self {
        Epoch {
            held_claimed: get(a, 0, 96),
            opens_at: get(a, 96, 64) as u64,
            params: get(a, 160, 32) as u32,
            claimed: get(a, 192, 32) as u32,
            eligible: get(a, 224, 32) as u32,
            total_score: get(b, 0, 128),
            pool: get(b, 128, 84),
            max_share_bps: get(b, 212, 14) as u32,
            min_share_bps: get(b, 226, 14) as u32,
            min_contributions: get(b, 240, 14) as u32,
        }
    }

    /// Whether the epoch has a record (had a contribution).
    pub fn exists(&self) -> bool {
        self.opens_at != 0
    }

    pub fn store(self) -> (U256, U256) {
        let a = put(U256::ZERO, 0, 96, self.held_claimed);
        let a = put(a, 96, 64, self.opens_at.into());
        let a = put(a, 160, 32, self.params.into());
        let a = put(a, 192, 32, self.claimed.into());
        let a = put(a, 224, 32, self.eligible.into());
        let b = put(U256::ZERO, 0, 128, self.total_score);
        let b = put(b, 128, 84, self.pool);
        let b = put(b, 212, 14, self.max_share_bps.into());
        let b = put(b, 226, 14, self.min_share_bps.into());
        (a, put(b, 240, 14, self.min_contributions.into()))
    }
}

/// A stretch of epochs of equal length under one parameter set: epoch
/// `first + k` starts at `start + k * length`. A new segment begins only
/// when an epoch-level parameter change takes effect, so epochs are found in
/// O(1) and idle weeks cost nothing.
/// first 0..64 | start 64..128 | params 128..160
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Segment {
    pub first: u64,
    pub start: u64,
    pub params: u32,
}

impl Segment {
    pub fn load(w: U256) -> Self {
        Segment { first: get(w, 0, 64) as u64, start: get(w, 64, 64) as u64, params: get(w, 128, 32) as u32 }
    }

    pub fn store(self) -> U256 {
        let w = put(U256::ZERO, 0, 64, self.first.into());
        let w = put(w, 64, 64, self.start.into());
        put(w, 128, 32, self.params.into())
    }
}

/// Token accounting and the one epoch that has contributions and is not
/// closed yet, with the time it ends: one slot, read by every
/// state-changing call. Knowing the open epoch's end here lets the roll
/// decide from this slot alone whether anything closes, and a recording
/// find its epoch without the segment table.
/// reserve 0..90 | earmarked 90..180 | open epoch + 1 (0 = none) 180..212 | its end 212..256
///
/// Widths: both amounts stay within the total supply (10^27 < 2^90); epochs
/// last at least a day, so their index stays below 2^32 - 1 and their end
/// below 2^44 seconds (year ~559,000) for 11 million years of epochs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accounting {
    pub reserve: u128,
    pub earmarked: u128,
    pub open: Option<u64>,
    /// When `open` ends (`start + epochLength` of its parameter set); 0 when
    /// none is open.
    pub open_end: u64,
}

impl Accounting {
    pub fn load(w: U256) -> Self {
        let open = get(w, 180, 32) as u64;
        Accounting {
            reserve: get(w, 0, 90),
            earmarked: get(w, 90, 90),
            open: open.checked_sub(1),
            open_end: get(w, 212, 44) as u64,
        }
    }

    pub fn store(self) -> U256 {
        let w = put(U256::ZERO, 0, 90, self.reserve);
        let w = put(w, 90, 90, self.earmarked);
        let w = put(w, 180, 32, self.open.map_or(0, |e| u128::from(e) + 1));
        put(w, 212, 44, self.open_end.into())
    }
}

/// A registered contributor: one slot.
/// ema 0..64 (two's complement) | registered 64 | banned 65
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Contributor {
    pub registered: bool,
    pub banned: bool,
    /// Rolling average impact, signed ppm.
    pub ema: i64,
}

impl Contributor {
    pub fn load(w: U256) -> Self {
        Contributor { ema: get(w, 0, 64) as u64 as i64, registered: get(w, 64, 1) == 1, banned: get(w, 65, 1) == 1 }
    }

    pub fn store(self) -> U256 {
        let w = put(U256::ZERO, 0, 64, u128::from(self.ema as u64));
        let w = put(w, 64, 1, self.registered.into());
        put(w, 65, 1, self.banned.into())
    }
}

/// An epoch-level parameter set: two slots.
/// a: weeklyPool 0..128 | epochLength 128..160 | claimDelay 160..192 | maxShare 192..208 | minShare 208..224 | minContributions 224..240
/// b: countWeight 0..64 | impactWeight 64..128 | neutralBand 128..160 | severeDrop 160..192 | fullBoost 192..224 | emaAlpha 224..240
pub fn load_params(a: U256, b: U256) -> Params {
    Params {
        weekly_pool: get(a, 0, 128),
        epoch_length: get(a, 128, 32) as u64,
        claim_delay: get(a, 160, 32) as u64,
        max_share_bps: get(a, 192, 16) as u32,
        min_share_bps: get(a, 208, 16) as u32,
        min_contributions: get(a, 224, 16) as u32,
        count_weight: get(b, 0, 64) as u64,
        impact_weight: get(b, 64, 64) as u64,
        neutral_band: get(b, 128, 32) as u32,
        severe_drop: get(b, 160, 32) as u32,
        full_boost_impact: get(b, 192, 32) as u32,
        ema_alpha_bps: get(b, 224, 16) as u32,
    }
}

/// Slot a of a parameter set alone: what closing an epoch, finding the
/// current one, the fraud window and claims use. Reading it instead of
/// [`load_params`] saves a cold slot read (2,100 gas) on those paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Payout {
    pub weekly_pool: u128,
    pub epoch_length: u64,
    pub claim_delay: u64,
    pub max_share_bps: u32,
    pub min_share_bps: u32,
    pub min_contributions: u32,
}

impl Payout {
    pub fn load(a: U256) -> Self {
        let p = load_params(a, U256::ZERO);
        Payout {
            weekly_pool: p.weekly_pool,
            epoch_length: p.epoch_length,
            claim_delay: p.claim_delay,
            max_share_bps: p.max_share_bps,
            min_share_bps: p.min_share_bps,
            min_contributions: p.min_contributions,
        }
    }
}

/// Every field fits its width under the bounds of SPEC.md section 4.
pub fn store_params(p: &Params) -> (U256, U256) {
    let a = put(U256::ZERO, 0, 128, p.weekly_pool);
    let a = put(a, 128, 32, p.epoch_length.into());
    let a = put(a, 160, 32, p.claim_delay.into());
    let a = put(a, 192, 16, p.max_share_bps.into());
    let a = put(a, 208, 16, p.min_share_bps.into());
    let a = put(a, 224, 16, p.min_contributions.into());
    let b = put(U256::ZERO, 0, 64, p.count_weight.into());
    let b = put(b, 64, 64, p.impact_weight.into());
    let b = put(b, 128, 32, p.neutral_band.into());
    let b = put(b, 160, 32, p.severe_drop.into());
    let b = put(b, 192, 32, p.full_boost_impact.into());
    (a, put(b, 224, 16, p.ema_alpha_bps.into()))
}

#[cfg(test)]
mod tests {
    use flt_scoring::Param;

    use super::*;

    #[test]
    fn words_round_trip_at_their_limits() {
        let e = Entry {
            count: u32::MAX,
            positive_impact: u64::MAX,
            score: u128::MAX,
            claimed: true,
            disqualified: true,
            recorded: true,
        };
        assert_eq!(Entry::load(e.store()), e);
        for e in [Entry { claimed: false, ..e }, Entry { disqualified: false, ..e }, Entry { recorded: false, ..e }] {
            assert_eq!(Entry::load(e.store()), e);
        }
        let max96 = (1u128 << 96) - 1;
        let max84 = (1u128 << 84) - 1;
        assert!(Param::WeeklyPool.bounds().1 <= max84, "a pool fits 84 bits");
        let shares = [Param::MaxShareBps, Param::MinShareBps, Param::MinContributions];
        assert!(shares.iter().all(|p| p.bounds().1 < 1 << 14), "shares and counts fit 14 bits");
        let ep = Epoch {
            eligible: u32::MAX,
            claimed: 7,
            params: u32::MAX,
            opens_at: u64::MAX,
            held_claimed: max96,
            total_score: u128::MAX,
            pool: max84,
            max_share_bps: 10_000,
            min_share_bps: 1,
            min_contributions: (1 << 14) - 1,
        };
        let (a, b) = ep.store();
        assert_eq!(Epoch::load(a, b), ep);
        let ep =
            Epoch { pool: 1, max_share_bps: (1 << 14) - 1, min_share_bps: (1 << 14) - 1, min_contributions: 0, ..ep };
        let (a, b) = ep.store();
        assert_eq!(Epoch::load(a, b), ep);
        assert_eq!(b >> 254, U256::ZERO, "b's top two bits stay free");
        let s = Segment { first: u64::MAX, start: 5, params: u32::MAX };
        assert_eq!(Segment::load(s.store()), s);
        let max90 = (1u128 << 90) - 1;
        let acc =
            Accounting { reserve: max90, earmarked: 1, open: Some(u64::from(u32::MAX) - 1), open_end: (1 << 44) - 1 };
        assert_eq!(Accounting::load(acc.store()), acc);
        assert_eq!(acc.store() >> 212, U256::from((1u64 << 44) - 1), "the end is the top 44 bits");
        let acc = Accounting { reserve: 1, earmarked: max90, open: None, open_end: 0 };
        assert_eq!(Accounting::load(acc.store()), acc);
        assert_eq!(Accounting::load(U256::ZERO).open, None);
        for ema in [i64::MIN, -1_000_000, -1, 0, 1_000_000] {
            let c = Contributor { registered: true, banned: ema < 0, ema };
            assert_eq!(Contributor::load(c.store()), c);
        }
    }

    #[test]
    fn parameter_sets_round_trip_at_their_bounds() {
        let maxed = Params {
            weekly_pool: Param::WeeklyPool.bounds().1,
            epoch_length: Param::EpochLength.bounds().1 as u64,
            max_share_bps: 10_000,
            min_share_bps: 10_000,
            min_contributions: 10_000,
            count_weight: Param::CountWeight.bounds().1 as u64,
            impact_weight: Param::ImpactWeight.bounds().1 as u64,
            neutral_band: 100_000,
            severe_drop: 1_000_000,
            full_boost_impact: 1_000_000,
            ema_alpha_bps: 10_000,
            claim_delay: Param::ClaimDelay.bounds().1 as u64,
        };
        for p in [maxed, Params::default()] {
            let (a, b) = store_params(&p);
            assert_eq!(load_params(a, b), p);
            let payout = Payout::load(a);
            assert_eq!(
                (payout.weekly_pool, payout.epoch_length, payout.claim_delay),
                (p.weekly_pool, p.epoch_length, p.claim_delay)
            );
            assert_eq!(
                (payout.max_share_bps, payout.min_share_bps, payout.min_contributions),
                (p.max_share_bps, p.min_share_bps, p.min_contributions)
            );
        }
    }
}
