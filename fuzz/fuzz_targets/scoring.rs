//! Any sequence of contributions under any parameters inside their bounds:
//! no panic, the average stays within the impacts seen, severe ones never
//! count, and the score is the product formula.
#![no_main]

use alloy_primitives::U256;
use flt_scoring::{apply_contribution, impact, score, Entry, Params};
use libfuzzer_sys::fuzz_target;

#[derive(arbitrary::Arbitrary, Debug)]
struct Input {
    changes: Vec<(u8, u64)>,
    contributions: Vec<(u32, u32)>,
    stake_bps: u16,
}

fuzz_target!(|input: Input| {
    let mut p = Params::default();
    for (id, value) in input.changes.iter().take(8) {
        if let Ok(next) = p.with(id % 12, U256::from(*value)) {
            p = next;
        }
    }
    let stake = [10_000u32, 11_000, 12_000, 13_000, 15_000][usize::from(input.stake_bps % 5)];
    let (mut entry, mut ema) = (Entry::default(), 0i64);
    for (previous, new) in input.contributions.iter().take(64) {
        let (previous, new) = (previous % 1_000_001, new % 1_000_001);
        let i = impact(previous, new);
        let out = apply_contribution(entry, ema, i, &p).expect("fewer than 2^32 contributions");
        assert!(out.ema.abs() <= 1_000_000);
        if out.severe {
            assert_eq!(out.entry, entry);
        }
        (entry, ema) = (out.entry, out.ema);
        if let Some(s) = score(entry, ema, stake, &p) {
            let base = U256::from(p.count_weight) * U256::from(entry.count)
                + U256::from(p.impact_weight) * U256::from(entry.positive_impact);
            let bps = flt_scoring::impact_multiplier_bps(ema, p.neutral_band, p.full_boost_impact);
            assert_eq!(U256::from(s), base * U256::from(bps) * U256::from(stake) / U256::from(100_000_000u64));
        }
    }
});
