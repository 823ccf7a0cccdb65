//! How a Stylus program is laid out on chain, as cargo-stylus 0.10.10 lays
//! out one that fits a contract (stylus-tools `core::code`,
//! `core::deployment::prelude`): the brotli-11 program behind a 4-byte
//! prefix, as one contract's code. Every FLT program is deployed this way on
//! every network: the size gate ([`flt_artifacts::size`], run by
//! [`crate::artifacts::load`]) refuses a program whose code would exceed
//! [`MAX_CODE_SIZE`], so no chain needs ArbOS 61 fragments.

use alloy_primitives::U256;

/// Compressed program, no dictionary.
pub const PROGRAM_PREFIX: [u8; 4] = [0xEF, 0xF0, 0x00, 0x00];
/// Largest contract code a chain accepts (EIP-170; cargo-stylus' default).
pub const MAX_CODE_SIZE: usize = flt_artifacts::size::MAX_CODE_SIZE;

/// The code the program's address holds: [`PROGRAM_PREFIX`] and the
/// brotli-11 program. Its length is `Size::of(wasm).code_bytes()`; the size
/// gate keeps it at most [`MAX_CODE_SIZE`].
pub fn program_code(wasm: &[u8]) -> Vec<u8> {
    [&PROGRAM_PREFIX[..], &flt_artifacts::size::brotli11(wasm)].concat()
}

/// EVM init code that returns `code` as the new contract's runtime code:
/// PUSH32 len, DUP1, PUSH1 43, PUSH1 0, CODECOPY, PUSH1 0, RETURN, then a
/// version byte and the code.
pub fn init_code(code: &[u8]) -> Vec<u8> {
    const PRELUDE: u8 = 43;
    let mut out = Vec::with_capacity(usize::from(PRELUDE) + code.len());
    out.push(0x7f);
    out.extend(U256::from(code.len()).to_be_bytes::<32>());
    out.extend([0x80, 0x60, PRELUDE, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3, 0x00]);
    out.extend(code);
    out
}
