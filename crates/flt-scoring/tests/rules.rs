//! Hand-computed values for every branch of the scoring and allocation
//! rules (SPEC.md sections 4-6), defaults unless a test says otherwise.

use alloy_primitives::U256;
use flt_scoring::*;

const FLT: u128 = 1_000_000_000_000_000_000;
const POOL: u128 = 1_000_000 * FLT;

fn p() -> Params {
    Params::default()
}

#[test]
fn impact_is_the_ppm_difference() {
    assert_eq!(impact(800_000, 812_345), 12_345);
    assert_eq!(impact(812_345, 800_000), -12_345);
    assert_eq!(impact(0, 1_000_000), 1_000_000);
}

#[test]
fn ema_moves_by_alpha_and_truncates_toward_zero() {
    // 0 + (10_000 - 0) * 2_000 / 10_000 = 2_000
    assert_eq!(ema_update(0, 10_000, 2_000), 2_000);
    // 2_000 + (-3 - 2_000) * 2_000 / 10_000 = 2_000 + (-4_006_000 / 10_000 = -400.6 -> -400) = 1_600
    assert_eq!(ema_update(2_000, -3, 2_000), 1_600);
    // -1 * 2_000 / 10_000 = -0.2 -> 0 (toward zero, not -1)
    assert_eq!(ema_update(0, -1, 2_000), 0);
    assert_eq!(ema_update(0, 7, 10_000), 7, "alpha 1.0 replaces the average");
}

#[test]
fn impact_multiplier_branches() {
    let (nb, fb) = (1_000, 10_000);
    assert_eq!(impact_multiplier_bps(1_000, nb, fb), 10_000, "upper neutral edge");
    assert_eq!(impact_multiplier_bps(-1_000, nb, fb), 10_000, "lower neutral edge");
    assert_eq!(impact_multiplier_bps(0, nb, fb), 10_000);
    assert_eq!(impact_multiplier_bps(-1_001, nb, fb), 5_000, "just below the band");
    assert_eq!(impact_multiplier_bps(-1_000_000, nb, fb), 5_000);
    // 10_000 * 1 / 9_000 = 1.1 -> 1
    assert_eq!(impact_multiplier_bps(1_001, nb, fb), 10_001, "just above the band");
    // 10_000 * 4_500 / 9_000 = 5_000
    assert_eq!(impact_multiplier_bps(5_500, nb, fb), 15_000);
    assert_eq!(impact_multiplier_bps(10_000, nb, fb), 20_000, "full boost");
    assert_eq!(impact_multiplier_bps(900_000, nb, fb), 20_000, "capped at 2.0x");
    assert_eq!(impact_multiplier_bps(1, 0, 1), 20_000, "zero band");
}

#[test]
fn severe_edge_and_contribution_steps() {
    let e = Entry::default();
    // impact = -severeDrop is severe: not counted, but moves the average.
    let o = apply_contribution(e, 0, -10_000, &p()).unwrap();
    assert!(o.severe);
    assert_eq!(o.entry, e);
    assert_eq!(o.ema, -2_000);
    // One ppm less severe: counted, no positive impact.
    let o = apply_contribution(e, 0, -9_999, &p()).unwrap();
    assert!(!o.severe);
    assert_eq!(o.entry, Entry { count: 1, positive_impact: 0 });
    assert_eq!(o.ema, -1_999);
    // Positive: counted and added.
    let o = apply_contribution(Entry { count: 2, positive_impact: 100 }, 500, 3_000, &p()).unwrap();
    assert_eq!(o.entry, Entry { count: 3, positive_impact: 3_100 });
    assert_eq!(o.ema, 1_000); // 500 + 2_500 * 0.2
                              // Neutral zero impact: counted only.
    let o = apply_contribution(e, 0, 0, &p()).unwrap();
    assert_eq!((o.entry.count, o.entry.positive_impact, o.severe), (1, 0, false));
    assert_eq!(apply_contribution(Entry { count: u32::MAX, positive_impact: 0 }, 0, 1, &p()), None);
}

#[test]
fn score_is_one_fraction() {
    let e = Entry { count: 3, positive_impact: 12_000 };
    // base = 1e6 * 3 + 100 * 12_000 = 4_200_000; ema 5_500 -> 1.5x; no stake.
    assert_eq!(score(e, 5_500, 10_000, &p()), Some(6_300_000));
    // 12-month stake: 4_200_000 * 15_000 * 15_000 / 1e8 = 9_450_000
    assert_eq!(score(e, 5_500, 15_000, &p()), Some(9_450_000));
    // Negative average halves.
    assert_eq!(score(e, -5_000, 10_000, &p()), Some(2_100_000));
    // One fraction: 1 * 5_000 * 11_000 / 1e8 = 0.55 -> 0 (no intermediate rounding to 0.5 * 1.1).
    let tiny = Params { count_weight: 1, impact_weight: 0, ..p() };
    assert_eq!(score(Entry { count: 1, positive_impact: 0 }, -5_000, 11_000, &tiny), Some(0));
    assert_eq!(score(Entry { count: 2, positive_impact: 0 }, -5_000, 11_000, &tiny), Some(1));
    // 1.1 -> 1
}

#[test]
fn eligibility() {
    assert!(eligible(1, 1, false, 1));
    assert!(!eligible(0, 1, false, 1), "below minContributions");
    assert!(!eligible(4, 1, false, 5));
    assert!(!eligible(1, 0, false, 1), "score rounded to 0");
    assert!(!eligible(1, 1, true, 1), "disqualified");
}

#[test]
fn stake_multiplier_needs_an_active_stake_of_the_minimum() {
    let min = 10_000 * FLT;
    assert_eq!(stake_multiplier_bps(min, 0, 100, 99, min), 11_000);
    assert_eq!(stake_multiplier_bps(min, 1, 100, 99, min), 12_000);
    assert_eq!(stake_multiplier_bps(min, 2, 100, 99, min), 13_000);
    assert_eq!(stake_multiplier_bps(min, 3, 100, 99, min), 15_000);
    assert_eq!(stake_multiplier_bps(min, 3, 100, 100, min), 10_000, "lock ended at lockEnd");
    assert_eq!(stake_multiplier_bps(min - 1, 3, 100, 99, min), 10_000, "below the current minimum");
    assert_eq!(stake_multiplier_bps(min, 4, 100, 99, min), 10_000, "no such tier");
}

#[test]
fn allocation_with_floors() {
    // 3 contributors, scores 1, 1, 2: floors 1_000 FLT each, rest 997_000 FLT by score.
    let a = allocate(POOL, 3, 4, 2, 10, 1_000).unwrap();
    assert_eq!(a.raw, 1_000 * FLT + 997_000 * FLT / 2);
    assert_eq!(a.payout, 100_000 * FLT, "cap binds");
    // 3 * maxAmt < pool: only 3 caps are earmarked, each entry holds one,
    // and a capped entry returns nothing at claim time.
    assert_eq!(a.held, 100_000 * FLT);
    assert_eq!(a.excess(), 0);
    let b = allocate(POOL, 3, 4, 1, 10, 1_000).unwrap();
    assert_eq!(b.raw, 1_000 * FLT + 997_000 * FLT / 4);
    assert_eq!((b.payout, b.held, b.excess()), (100_000 * FLT, 100_000 * FLT, 0));
}

#[test]
fn earmark_is_what_can_be_paid() {
    // SPEC section 6 (v1.1): min(P, n * maxAmt), maxAmt = P * maxShareBps / 10^4.
    assert_eq!(earmark(POOL, 1, 1_000), POOL / 10, "one contributor: one cap");
    assert_eq!(earmark(POOL, 9, 1_000), 9 * POOL / 10);
    assert_eq!(earmark(POOL, 10, 1_000), POOL, "ten caps are the pool");
    assert_eq!(earmark(POOL, 11, 1_000), POOL, "never more than the pool");
    assert_eq!(earmark(POOL, 0, 1_000), 0, "nobody eligible: nothing");
    assert_eq!(earmark(POOL, 1, 10_000), POOL, "a 100 % cap");
    assert_eq!(earmark(POOL, u64::MAX, 1_000), POOL, "n * maxAmt overflowing u128");
    // Rounding: maxAmt of a 7-wei pool at 10 % is 0 wei, so nothing can be paid.
    assert_eq!(earmark(7, 3, 1_000), 0);
}

#[test]
fn held_sums_to_at_most_the_earmark() {
    // Pool split by score when 20 caps exceed it: each entry holds its raw.
    let scores = [5u128, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    let total: u128 = scores.iter().sum();
    let held: u128 = scores.iter().map(|s| allocate(POOL, 20, total, *s, 10, 1_000).unwrap().held).sum();
    let raw: u128 = scores.iter().map(|s| allocate(POOL, 20, total, *s, 10, 1_000).unwrap().raw).sum();
    assert_eq!(held, raw);
    assert!(held <= earmark(POOL, 20, 1_000) && POOL - held < 20, "only rounding dust is left");
    let top = allocate(POOL, 20, total, 5, 10, 1_000).unwrap();
    assert_eq!(top.payout, 100_000 * FLT, "the top score is capped");
    assert_eq!(top.excess(), top.raw - 100_000 * FLT, "its excess goes back at claim time");
}

#[test]
fn floor_only_when_score_share_is_tiny() {
    // 100 contributors, one with score 1 of 10^12: floor plus 99 * 10^-12 of the rest.
    let a = allocate(POOL, 100, 1_000_000_000_000, 1, 10, 1_000).unwrap();
    assert_eq!(a.raw, 1_000 * FLT + 900_000 * FLT / 1_000_000_000_000);
    assert_eq!(a.payout, a.raw);
}

#[test]
fn floors_suspended_when_they_cannot_all_be_met() {
    // 1_001 contributors * 1_000 FLT > pool: pure pro rata.
    let a = allocate(POOL, 1_001, 1_001, 1, 10, 1_000).unwrap();
    assert_eq!(a.raw, POOL / 1_001);
    // Exactly 1_000 floors fit: everyone gets exactly the floor plus nothing.
    let b = allocate(POOL, 1_000, 1_000, 1, 10, 1_000).unwrap();
    assert_eq!(b.raw, 1_000 * FLT);
}

#[test]
fn allocation_edge_cases() {
    assert_eq!(allocate(POOL, 0, 0, 0, 10, 1_000), None, "n = 0");
    assert_eq!(allocate(POOL, 1, 0, 0, 10, 1_000), None, "S = 0");
    assert_eq!(allocate(POOL, 1, 5, 6, 10, 1_000), None, "s > S");
    let only = allocate(POOL, 1, 5, 5, 10, 1_000).unwrap();
    assert_eq!((only.raw, only.payout), (POOL, POOL / 10), "a lone contributor is capped at 10%");
    assert_eq!((only.held, only.excess()), (POOL / 10, 0), "and only its cap was earmarked");
    let empty = allocate(0, 2, 5, 5, 10, 1_000).unwrap();
    assert_eq!((empty.raw, empty.payout), (0, 0), "exhausted reserve");
    // Odd pool: floor = 7 * 10 / 10_000 = 0 wei; raw = 7 * 1 / 3 = 2.
    assert_eq!(allocate(7, 3, 3, 1, 10, 1_000).unwrap().raw, 2);
}

#[test]
fn params_defaults_and_static_bounds() {
    let d = Params::default();
    assert_eq!(d.values(), [POOL, 604_800, 1_000, 10, 1, 1_000_000, 100, 1_000, 10_000, 10_000, 2_000, 86_400]);
    assert_eq!(Param::StakeMin.default_value(), 10_000 * FLT);
    assert_eq!(Param::QuorumBps.bounds(), (1, 10_000));
    assert_eq!(Param::from_id(18), None);
    let err = d.with(1, U256::from(86_399u32)).unwrap_err();
    assert_eq!(err, ParamError::OutOfBounds { id: 1, value: U256::from(86_399u32), min: 86_400, max: 7_776_000 });
    assert_eq!(d.with(12, U256::from(1u8)), Err(ParamError::UnknownId(12)), "not an epoch parameter");
    assert!(matches!(d.with(0, U256::MAX), Err(ParamError::OutOfBounds { id: 0, .. })));
    assert_eq!(d.with(0, U256::ZERO).unwrap().weekly_pool, 0);
}

#[test]
fn relative_bounds_hold_in_both_directions() {
    let d = Params::default();
    // minShare <= maxShare
    assert_eq!(
        d.with(3, U256::from(1_001u32)),
        Err(ParamError::OutOfBounds { id: 3, value: U256::from(1_001u32), min: 0, max: 1_000 })
    );
    let low_max = d.with(2, U256::from(100u32)).unwrap();
    assert_eq!(low_max.with(3, U256::from(100u32)).unwrap().min_share_bps, 100);
    let high_min = d.with(3, U256::from(500u32)).unwrap();
    assert_eq!(
        high_min.with(2, U256::from(499u32)),
        Err(ParamError::OutOfBounds { id: 2, value: U256::from(499u32), min: 500, max: 10_000 })
    );
    // neutralBand < severeDrop and < fullBoostImpact
    assert_eq!(
        d.with(7, U256::from(10_000u32)),
        Err(ParamError::OutOfBounds { id: 7, value: U256::from(10_000u32), min: 0, max: 9_999 })
    );
    assert_eq!(
        d.with(8, U256::from(1_000u32)),
        Err(ParamError::OutOfBounds { id: 8, value: U256::from(1_000u32), min: 1_001, max: 1_000_000 })
    );
    assert_eq!(
        d.with(9, U256::from(1_000u32)),
        Err(ParamError::OutOfBounds { id: 9, value: U256::from(1_000u32), min: 1_001, max: 1_000_000 })
    );
    assert!(d.with(9, U256::from(1_001u32)).is_ok());
    // countWeight + impactWeight > 0
    let no_count = d.with(5, U256::ZERO).unwrap();
    assert_eq!(
        no_count.with(6, U256::ZERO),
        Err(ParamError::OutOfBounds { id: 6, value: U256::ZERO, min: 1, max: 1_000_000_000_000 })
    );
}
