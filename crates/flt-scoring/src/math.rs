//! Exact `a * b / c` on u128 with a 256-bit intermediate, and `x / d` for
//! a 32-bit `d`, small enough for a Stylus program: no generic big-integer
//! division and no `u128 / u128`, whose compiler routine alone is about
//! 1 KB of wasm.

use core::num::NonZeroU32;

/// `a * b` as (high, low) 128-bit halves.
fn mul_wide(a: u128, b: u128) -> (u128, u128) {
    const LO: u128 = u64::MAX as u128;
    let (a1, a0) = (a >> 64, a & LO);
    let (b1, b0) = (b >> 64, b & LO);
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    // The middle column: three terms below 2^64 each.
    let mid = (p00 >> 64) + (p01 & LO) + (p10 & LO);
    let low = (p00 & LO) | (mid << 64);
    let high = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    (high, low)
}

/// `floor(a * b / c)`, `None` if `c == 0` or the quotient exceeds u128.
pub fn mul_div(a: u128, b: u128, c: u128) -> Option<u128> {
    if c == 0 {
        return None;
    }
    let (high, low) = mul_wide(a, b);
    if high >= c {
        return None;
    }
    // A product below 2^128 over a 32-bit divisor (every share in bps,
    // the score's fixed divisor): four native 64-bit divisions.
    if high == 0 {
        if let Some(d) = u32::try_from(c).ok().and_then(NonZeroU32::new) {
            return Some(div_small(low, d));
        }
    }
    // Restoring long division of the 256-bit product, one bit at a time:
    // the remainder stays below c, the quotient fits 128 bits (high < c).
    // No `u128 / u128` anywhere: its compiler routine alone is 1 KB of wasm.
    // When `high == 0`, the leading zero bits of `low` are skipped, and so
    // are its next `bits(c) - 1` bits, which cannot reach c: the remainder
    // starts as them. The bits left are taken from the top by constant
    // shifts (a variable u128 shift is a call on wasm32).
    let (mut rem, mut bits, steps) = if high == 0 {
        let top = 128 - low.leading_zeros();
        let skip = 127 - c.leading_zeros();
        if top <= skip {
            return Some(0);
        }
        (low.checked_shr(top - skip).unwrap_or(0), low << (128 - (top - skip)), top - skip)
    } else {
        (high, low, 128)
    };
    let mut quotient = 0u128;
    for _ in 0..steps {
        let carry = rem >> 127;
        rem = (rem << 1) | (bits >> 127);
        bits <<= 1;
        quotient <<= 1;
        if carry == 1 || rem >= c {
            rem = rem.wrapping_sub(c);
            quotient |= 1;
        }
    }
    Some(quotient)
}

/// `x / d`, by long division over the four 32-bit limbs of `x` in u64
/// arithmetic (each partial remainder is below `d < 2^32`).
pub fn div_small(x: u128, d: NonZeroU32) -> u128 {
    let d = u64::from(d.get());
    let (mut rem, mut quotient) = (0u64, 0u128);
    for i in (0..4).rev() {
        let limb = (x >> (32 * i)) as u64 & 0xffff_ffff;
        let cur = (rem << 32) | limb;
        quotient |= u128::from(cur / d) << (32 * i);
        rem = cur % d;
    }
    quotient
}
