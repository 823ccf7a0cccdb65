//! The weekly split (SPEC.md section 6): a floor for everyone when all
//! floors fit, the rest by score, then the cap.

use crate::{math::mul_div, score::BPS};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Allocation {
    /// Before the cap. `Σ raw <= pool`.
    pub raw: u128,
    /// `min(raw, maxAmt)`: what the contributor is paid.
    pub payout: u128,
    /// The part of the epoch's [`earmark`] this entry holds: `raw` when the
    /// earmark is the whole pool, else `maxAmt` (the earmark is then
    /// `n * maxAmt`). `payout <= held`, and `Σ held <= earmark`.
    pub held: u128,
}

impl Allocation {
    /// Cap excess, returned from `earmarked` to the reserve at claim time.
    pub fn excess(self) -> u128 {
        self.held - self.payout
    }
}

/// What of `pool` can ever be paid to `n` contributors capped at
/// `maxShareBps`: `min(pool, n * maxAmt)` (SPEC.md section 6, v1.1). Only
/// this moves from the reserve to `earmarked` when an epoch closes, and a
/// disqualification that lowers `n` returns the difference.
pub fn earmark(pool: u128, n: u64, max_share_bps: u32) -> u128 {
    // maxAmt <= pool: a share is at most 10_000 bps.
    let max_amt = mul_div(pool, u128::from(max_share_bps), u128::from(BPS)).unwrap_or(pool);
    earmark_of(pool, n, max_amt)
}

/// `min(pool, n * maxAmt)`, given `maxAmt`.
fn earmark_of(pool: u128, n: u64, max_amt: u128) -> u128 {
    u128::from(n).checked_mul(max_amt).map_or(pool, |all| all.min(pool))
}

/// The allocation of a contributor with score `s` among `n` eligible
/// contributors whose scores sum to `total`, from `pool`. `None` when there
/// is nothing to split (`n == 0`, `total == 0`) or `s > total`.
pub fn allocate(
    pool: u128,
    n: u64,
    total: u128,
    s: u128,
    min_share_bps: u32,
    max_share_bps: u32,
) -> Option<Allocation> {
    if n == 0 || total == 0 || s > total {
        return None;
    }
    // Every quotient below is at most `pool`: shares are <= 10_000 bps and
    // s <= total, so `mul_div` cannot overflow here.
    let min_amt = mul_div(pool, u128::from(min_share_bps), u128::from(BPS))?;
    let max_amt = mul_div(pool, u128::from(max_share_bps), u128::from(BPS))?;
    let floors = u128::from(n).checked_mul(min_amt).filter(|f| *f <= pool);
    let raw = match floors {
        Some(floors) => min_amt + mul_div(pool - floors, s, total)?,
        None => mul_div(pool, s, total)?,
    };
    let held = if earmark_of(pool, n, max_amt) == pool { raw } else { max_amt };
    Some(Allocation { raw, payout: raw.min(max_amt), held })
}
