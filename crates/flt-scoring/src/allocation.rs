//! The weekly split (SPEC.md section 6): a floor for everyone when all
//! floors fit, the rest by score, then the cap.

use crate::{math::mul_div, score::BPS};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Allocation {
    /// Before the cap. `Σ raw <= pool`.
    pub raw: u128,
    /// `min(raw, maxAmt)`: what the contributor is paid.
    pub payout: u128,
}

impl Allocation {
    /// Cap excess, returned to the reserve at claim time.
    pub fn excess(self) -> u128 {
        self.raw - self.payout
    }
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
    Some(Allocation { raw, payout: raw.min(max_amt) })
}
