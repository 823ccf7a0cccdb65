//! Summary figures of a run: how unequal the payouts are, how much the
//! top tenth takes, and how much goes to honest work.

use crate::run::Report;

/// Figures in parts per million (1_000_000 = 1.0 = 100 %), integers so
/// that runs compare exactly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Gini coefficient of total payouts per wallet (0: equal, 1: one
    /// wallet takes all).
    pub gini_ppm: u64,
    /// Share of all payouts taken by the top 10 % of wallets.
    pub top10_ppm: u64,
    /// Share of all payouts paid to honest work (honest and staker wallets).
    pub honest_ppm: u64,
    pub total_paid: u128,
}

/// `num / den` in ppm, 0 when `den` is 0.
pub fn ppm(num: u128, den: u128) -> u64 {
    if den == 0 {
        return 0;
    }
    flt_scoring::math::mul_div(num, 1_000_000, den).unwrap_or(0) as u64
}

/// Gini of `values` in ppm: `Σ_i (2i - n - 1) x_i / (n Σ x)` over the
/// values sorted ascending (i from 1).
pub fn gini_ppm(values: &[u128]) -> u64 {
    let mut v = values.to_vec();
    v.sort_unstable();
    let n = v.len() as i128;
    let total: u128 = v.iter().sum();
    if n == 0 || total == 0 {
        return 0;
    }
    // Payouts are below 10^27 each, n below 2^32: the weighted sum fits i128
    // after scaling amounts down to whole milli-FLT.
    let scale = 1_000_000_000_000_000u128;
    let (mut weighted, mut sum) = (0i128, 0i128);
    for (i, x) in v.iter().enumerate() {
        let x = (x / scale) as i128;
        weighted += (2 * (i as i128 + 1) - n - 1) * x;
        sum += x;
    }
    if sum == 0 {
        return 0;
    }
    (weighted * 1_000_000 / (n * sum)) as u64
}

/// Share of the top `tenths`/10 of `values`, in ppm.
pub fn top_share_ppm(values: &[u128], percent: u32) -> u64 {
    let mut v = values.to_vec();
    v.sort_unstable_by(|a, b| b.cmp(a));
    let k = (v.len() * percent as usize).div_ceil(100).max(1).min(v.len());
    ppm(v[..k].iter().sum(), v.iter().sum())
}

pub fn summary(r: &Report) -> Summary {
    let total: u128 = r.per_wallet.iter().sum();
    let honest: u128 = r.totals.iter().filter(|(b, _)| b.is_honest()).map(|(_, v)| *v).sum();
    Summary {
        gini_ppm: gini_ppm(&r.per_wallet),
        top10_ppm: if r.per_wallet.is_empty() { 0 } else { top_share_ppm(&r.per_wallet, 10) },
        honest_ppm: ppm(honest, total),
        total_paid: total,
    }
}

/// `ppm` as a percentage with two decimals.
pub fn pct(ppm: u64) -> String {
    format!("{}.{:02} %", ppm / 10_000, (ppm % 10_000) / 100)
}
