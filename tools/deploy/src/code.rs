//! How a Stylus program is laid out on chain, as cargo-stylus 0.10.10 lays
//! it out (stylus-tools `core::code`, `core::deployment::prelude`): the
//! brotli-11 program behind a 4-byte prefix in one contract, or, when that
//! is over 24,576 bytes (ArbOS 61 fragments), split into fragment contracts
//! that a root contract lists.

use alloy_primitives::{Address, U256};

/// Compressed program, no dictionary.
pub const PROGRAM_PREFIX: [u8; 4] = [0xEF, 0xF0, 0x00, 0x00];
pub const FRAGMENT_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x01];
/// Root of a fragmented program, no dictionary.
pub const ROOT_PREFIX: [u8; 4] = [0xEF, 0xF0, 0x02, 0x00];
/// Largest contract code a chain accepts (cargo-stylus' default).
pub const MAX_CODE_SIZE: usize = 24_576;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    /// Fits one contract: its runtime code.
    Single(Vec<u8>),
    /// Each fragment's runtime code, and the uncompressed size the root
    /// records.
    Fragmented { fragments: Vec<Vec<u8>>, wasm_len: u32 },
}

impl Code {
    /// The layout of `wasm`: one contract when it fits one or when the
    /// chain takes no fragments (`fragments = false`), else fragments.
    pub fn of(wasm: &[u8], fragments: bool) -> Code {
        let compressed = flt_artifacts::size::brotli11(wasm);
        if !fragments || PROGRAM_PREFIX.len() + compressed.len() <= MAX_CODE_SIZE {
            return Code::Single([&PROGRAM_PREFIX[..], &compressed].concat());
        }
        let fragments = compressed
            .chunks(MAX_CODE_SIZE - FRAGMENT_PREFIX.len())
            .map(|c| [&FRAGMENT_PREFIX[..], c].concat())
            .collect();
        // The artifact check bounds a program far below 4 GiB.
        Code::Fragmented { fragments, wasm_len: u32::try_from(wasm.len()).unwrap_or(u32::MAX) }
    }

    pub fn fragments(&self) -> &[Vec<u8>] {
        match self {
            Code::Single(_) => &[],
            Code::Fragmented { fragments, .. } => fragments,
        }
    }

    /// The code the program's own address holds, given where its fragments
    /// were deployed.
    pub fn program(&self, fragment_addresses: &[Address]) -> Vec<u8> {
        match self {
            Code::Single(code) => code.clone(),
            Code::Fragmented { wasm_len, .. } => {
                let mut root = ROOT_PREFIX.to_vec();
                root.extend(wasm_len.to_be_bytes());
                fragment_addresses.iter().for_each(|a| root.extend(a.as_slice()));
                root
            }
        }
    }
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
