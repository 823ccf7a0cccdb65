//! The weekly split never pays more than the pool, never above the cap,
//! meets feasible floors, and is monotone in score — for any epoch.
#![no_main]

use flt_scoring::allocate;
use libfuzzer_sys::fuzz_target;

#[derive(arbitrary::Arbitrary, Debug)]
struct Epoch {
    pool: u128,
    scores: Vec<u128>,
    min_share_bps: u16,
    max_share_bps: u16,
}

fuzz_target!(|e: Epoch| {
    let pool = e.pool % (10_000_000 * 10u128.pow(18) + 1);
    let max = u32::from(e.max_share_bps % 10_001).max(100);
    let min = u32::from(e.min_share_bps) % (max + 1);
    let scores: Vec<u128> = e.scores.iter().take(256).map(|s| s % 10u128.pow(30) + 1).collect();
    if scores.is_empty() {
        return;
    }
    let n = scores.len() as u64;
    let total: u128 = scores.iter().sum();
    let cap = pool * u128::from(max) / 10_000;
    let floor = pool * u128::from(min) / 10_000;
    let mut sum = 0u128;
    for s in &scores {
        let a = allocate(pool, n, total, *s, min, max).expect("eligible contributors get an allocation");
        assert!(a.payout <= a.raw && a.payout <= cap);
        if floor * u128::from(n) <= pool {
            assert!(a.raw >= floor);
        }
        if let Some(more) = allocate(pool, n, total, (*s + 1).min(total), min, max) {
            assert!(more.raw >= a.raw);
        }
        sum += a.raw;
    }
    assert!(sum <= pool);
});
