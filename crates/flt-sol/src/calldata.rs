//! Canonically ABI-encoded arguments, read in place.
//!
//! Canonical means what Solidity, alloy and viem encode, and it is all that
//! the SDK's router accepted (alloy's validating decoder decodes,
//! re-encodes and refuses any difference): every offset points where the
//! encoder puts its tail, every value's unused bytes are zero, nothing
//! follows the last tail. Each reader here checks the bytes of its part
//! that the encoding fixes and gives `None` for anything else, so a program
//! can read its arguments without alloy's generic decoder (kilobytes of
//! wasm, and gas for the re-encoding).

use alloy_primitives::Address;

/// The value of the word at `at` if it is a size or offset within `args`
/// (no larger than its length).
pub fn length(args: &[u8], at: usize) -> Option<usize> {
    let w: &[u8; 32] = args.get(at..at.checked_add(32)?)?.try_into().ok()?;
    usize_of(w).filter(|n| *n <= args.len())
}

/// A word's value as a size (its upper 24 bytes zero).
pub fn usize_of(w: &[u8; 32]) -> Option<usize> {
    if w[..24] != [0; 24] {
        return None;
    }
    usize::try_from(u64::from_be_bytes(w[24..].try_into().ok()?)).ok()
}

/// The array at `at`: its length `n`, then `n` static elements of `width`
/// words each. Gives the elements' bytes and where the array ends.
pub fn array(args: &[u8], at: usize, width: usize) -> Option<(&[u8], usize)> {
    let n = length(args, at)?;
    let start = at.checked_add(32)?;
    let end = start.checked_add(n.checked_mul(width.checked_mul(32)?)?)?;
    Some((args.get(start..end)?, end))
}

/// The words of the one-word-per-element array at `at`, and where it ends.
pub fn words(args: &[u8], at: usize) -> Option<(alloc::vec::Vec<&[u8; 32]>, usize)> {
    let (body, end) = array(args, at, 1)?;
    Some((body.chunks_exact(32).filter_map(|c| c.try_into().ok()).collect(), end))
}

/// The arguments of a function whose last argument is its only dynamic
/// one, an array of static elements `width` words wide: `head` words, of
/// which the last is the array's offset, then the array, then nothing.
/// Gives the head words before the offset and the elements' bytes.
pub fn head_and_array(args: &[u8], head: usize, width: usize) -> Option<(&[u8], &[u8])> {
    let at = head.checked_mul(32)?;
    if length(args, at.checked_sub(32)?)? != at {
        return None;
    }
    let (body, end) = array(args, at, width)?;
    (end == args.len()).then(|| (args.get(..at - 32).unwrap_or_default(), body))
}

/// The value of a `uint<8 * bytes>` word (`bytes <= 8`): its other bytes
/// must be zero.
pub fn uint_of(w: &[u8], bytes: usize) -> Option<u64> {
    let w: &[u8; 32] = w.try_into().ok()?;
    let zeros = 32usize.checked_sub(bytes).filter(|z| *z >= 24)?;
    if w[..zeros].iter().any(|b| *b != 0) {
        return None;
    }
    Some(u64::from_be_bytes(w[24..].try_into().ok()?))
}

/// The value of an `address` word: its upper 12 bytes must be zero.
pub fn address_of(w: &[u8]) -> Option<Address> {
    let w: &[u8; 32] = w.try_into().ok()?;
    if w[..12] != [0; 12] {
        return None;
    }
    Some(Address::from_slice(&w[12..]))
}
