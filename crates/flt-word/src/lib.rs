//! Bit fields of packed storage words. Each record that one call reads and
//! writes together lives in as few 256-bit slots as its field widths allow
//! (SPEC.md section 11).
#![no_std]

use alloy_primitives::U256;

fn halves(word: U256) -> (u128, u128) {
    let l = word.into_limbs();
    (u128::from(l[0]) | (u128::from(l[1]) << 64), u128::from(l[2]) | (u128::from(l[3]) << 64))
}

fn mask(bits: usize) -> u128 {
    if bits >= 128 {
        u128::MAX
    } else {
        (1u128 << bits) - 1
    }
}

/// Bits `off..off + bits` of `word` (`bits <= 128`), on u128 halves: no
/// generic 256-bit shifts in the program.
pub fn get(word: U256, off: usize, bits: usize) -> u128 {
    let (lo, hi) = halves(word);
    let v = if off >= 128 {
        hi >> (off - 128)
    } else if off + bits <= 128 {
        lo >> off
    } else {
        (lo >> off) | (hi << (128 - off))
    };
    v & mask(bits)
}

/// `word` with bits `off..off + bits` set to `value` (truncated to `bits`).
pub fn put(word: U256, off: usize, bits: usize, value: u128) -> U256 {
    let (mut lo, mut hi) = halves(word);
    let v = value & mask(bits);
    if off >= 128 {
        let s = off - 128;
        hi = (hi & !(mask(bits) << s)) | (v << s);
    } else {
        lo = (lo & !(mask(bits) << off)) | (v << off);
        if off + bits > 128 {
            let spill = off + bits - 128;
            hi = (hi & !mask(spill)) | (v >> (128 - off));
        }
    }
    U256::from_limbs([lo as u64, (lo >> 64) as u64, hi as u64, (hi >> 64) as u64])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_do_not_bleed_into_neighbours() {
        // A field straddling the halves, between two full neighbours.
        let w = put(put(U256::MAX, 96, 64, 0), 0, 96, 0);
        assert_eq!(get(w, 0, 96), 0);
        assert_eq!(get(w, 96, 64), 0);
        assert_eq!(get(w, 160, 96), (1 << 96) - 1);
        let w = put(U256::ZERO, 96, 64, u128::MAX);
        assert_eq!(w, ((U256::from(1u8) << 64) - U256::from(1u8)) << 96);
        assert_eq!(get(w, 96, 64), u64::MAX.into());
        assert_eq!(get(w, 95, 1), 0);
        assert_eq!(get(w, 160, 1), 0);
        assert_eq!(put(U256::ZERO, 128, 128, u128::MAX), U256::MAX << 128);
    }
}
