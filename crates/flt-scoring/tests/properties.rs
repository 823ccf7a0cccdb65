//! Properties of the allocation over random epochs.

use flt_scoring::allocate;
use proptest::prelude::*;

fn epoch() -> impl Strategy<Value = (u128, Vec<u128>, u32, u32)> {
    (0u128..=10_000_000 * 10u128.pow(18), proptest::collection::vec(1u128..=10u128.pow(30), 1..200), 0u32..=10_000)
        .prop_flat_map(|(pool, scores, max)| {
            let max = max.max(100);
            (Just(pool), Just(scores), 0..=max, Just(max))
        })
}

proptest! {
    #[test]
    fn raw_never_exceeds_the_pool((pool, scores, min, max) in epoch()) {
        let (n, total) = (scores.len() as u64, scores.iter().sum::<u128>());
        let sum: u128 = scores.iter().map(|s| allocate(pool, n, total, *s, min, max).unwrap().raw).sum();
        prop_assert!(sum <= pool);
    }

    #[test]
    fn payout_is_capped((pool, scores, min, max) in epoch()) {
        let (n, total) = (scores.len() as u64, scores.iter().sum::<u128>());
        for s in &scores {
            let a = allocate(pool, n, total, *s, min, max).unwrap();
            prop_assert!(a.payout <= pool * u128::from(max) / 10_000);
            prop_assert!(a.payout <= a.raw);
        }
    }

    #[test]
    fn floors_are_met_when_feasible((pool, scores, min, max) in epoch()) {
        let (n, total) = (scores.len() as u64, scores.iter().sum::<u128>());
        // A floor share small enough that every floor fits.
        let min = min.min(10_000 / n as u32);
        let floor = pool * u128::from(min) / 10_000;
        prop_assert!(floor * u128::from(n) <= pool);
        for s in &scores {
            let a = allocate(pool, n, total, *s, min, max).unwrap();
            prop_assert!(a.payout >= floor.min(pool * u128::from(max) / 10_000));
            prop_assert!(a.raw >= floor);
        }
    }

    #[test]
    fn payout_is_monotone_in_score((pool, scores, min, max) in epoch(), extra in 1u128..10u128.pow(20)) {
        let (n, total) = (scores.len() as u64, scores.iter().sum::<u128>() + extra);
        // Contributor 0 with score s vs s + extra, the totals held fixed.
        let low = allocate(pool, n, total, scores[0], min, max).unwrap();
        let high = allocate(pool, n, total, scores[0] + extra, min, max).unwrap();
        prop_assert!(high.raw >= low.raw && high.payout >= low.payout);
    }
}

proptest! {
    /// The limb division agrees with u128 division everywhere.
    #[test]
    fn div_small_is_exact(x in any::<u128>(), d in 1u32..) {
        let nz = core::num::NonZeroU32::new(d).expect("d >= 1");
        prop_assert_eq!(flt_scoring::math::div_small(x, nz), x / u128::from(d));
    }

    /// The 64-bit-divisor path (every divisor the programs use) is exact,
    /// over the whole range of products and with 32-bit divisors too.
    #[test]
    fn mul_div_is_exact_for_64_bit_divisors(a in any::<u128>(), b in any::<u128>(), k in 0u32..128, c in 1u64.., small in 1u32..) {
        use alloy_primitives::U256;
        // b of every width, so that quotients fit as often as they overflow.
        let b = b >> k;
        for c in [u128::from(c), u128::from(small), u128::from(c >> (k % 64)).max(1)] {
            let exact = U256::from(a) * U256::from(b) / U256::from(c);
            prop_assert_eq!(flt_scoring::math::mul_div(a, b, c), u128::try_from(exact).ok());
        }
    }

    /// The u128 mul_div agrees with 256-bit arithmetic everywhere.
    #[test]
    fn mul_div_is_exact(a in any::<u128>(), b in any::<u128>(), c in 1u128..) {
        use alloy_primitives::U256;
        let exact = U256::from(a) * U256::from(b) / U256::from(c);
        prop_assert_eq!(flt_scoring::math::mul_div(a, b, c), u128::try_from(exact).ok());
    }

    /// Operands and divisors of every width, so that every path is taken:
    /// 32-bit divisors of products below 2^128, the bit loop with leading
    /// bits skipped (high half zero) and the full 128 steps.
    #[test]
    fn mul_div_is_exact_at_every_width(a in any::<u128>(), ka in 0u32..128, b in any::<u128>(), kb in 0u32..128, c in any::<u128>(), kc in 0u32..128) {
        use alloy_primitives::U256;
        let (a, b, c) = (a >> ka, b >> kb, (c >> kc).max(1));
        let exact = U256::from(a) * U256::from(b) / U256::from(c);
        prop_assert_eq!(flt_scoring::math::mul_div(a, b, c), u128::try_from(exact).ok());
    }

    #[test]
    fn mul_div_small_operands(a in any::<u64>(), b in any::<u64>(), c in 1u64..) {
        let exact = u128::from(a) * u128::from(b) / u128::from(c);
        prop_assert_eq!(flt_scoring::math::mul_div(a.into(), b.into(), c.into()), Some(exact));
    }
}

#[test]
fn div_small_edges() {
    use core::num::NonZeroU32;
    use flt_scoring::math::div_small;
    let d = |n: u32| NonZeroU32::new(n).expect("non-zero");
    assert_eq!(div_small(u128::MAX, d(1)), u128::MAX);
    assert_eq!(div_small(u128::MAX, d(u32::MAX)), u128::MAX / u128::from(u32::MAX));
    assert_eq!(div_small(9_999, d(10_000)), 0);
    assert_eq!(div_small(10_000u128 << 96, d(10_000)), 1 << 96);
}

#[test]
fn mul_div_edges() {
    use flt_scoring::math::mul_div;
    assert_eq!(mul_div(u128::MAX, u128::MAX, u128::MAX), Some(u128::MAX));
    assert_eq!(mul_div(u128::MAX, 2, 2), Some(u128::MAX));
    assert_eq!(mul_div(u128::MAX, 2, 1), None);
    assert_eq!(mul_div(u128::MAX, u128::from(u64::MAX), u128::from(u64::MAX)), Some(u128::MAX));
    assert_eq!(mul_div(u128::MAX, 3, 2), None);
    assert_eq!(mul_div(u128::MAX, 1 << 64, (1 << 64) + 1), Some(u128::MAX - (u128::MAX >> 64)));
    assert_eq!(mul_div(1, 1, 0), None);
    assert_eq!(mul_div(1 << 127, 4, 8), Some(1 << 126));
    // The skipped bits: a divisor just above 32 bits, one of every top bit.
    assert_eq!(mul_div(u128::MAX, 1, 1 << 32), Some(u128::MAX >> 32));
    assert_eq!(mul_div((1 << 100) - 1, 1, (1 << 100) - 1), Some(1));
    assert_eq!(mul_div((1 << 100) - 2, 1, (1 << 100) - 1), Some(0));
    assert_eq!(mul_div(1 << 127, 1, 1 << 127), Some(1));
    assert_eq!(mul_div(u128::MAX, 1, u128::MAX), Some(1));
}
