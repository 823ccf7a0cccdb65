//! Deployed size: Stylus stores a program brotli-compressed (quality 11)
//! behind a 4-byte prefix as one contract's code, and a contract's code is
//! at most 24,576 bytes (EIP-170, which Arbitrum keeps). Every FLT program
//! must fit one contract: the budget below refuses anything larger, so no
//! chain needs ArbOS 61 fragments to run FLT.

use std::io::Write;

/// The largest code one contract holds (EIP-170; arbos-anvil's default
/// `--code-size-limit`, 0x6000).
pub const MAX_CODE_SIZE: usize = 24_576;
/// `EFF000` magic and the dictionary byte in front of the compressed code.
pub const PREFIX: usize = 4;
/// The most brotli-11 bytes that still fit one contract with the prefix.
pub const MAX_BROTLI: usize = MAX_CODE_SIZE - PREFIX;
/// This project's budget (STYLUS-NOTES.md): 128 KiB raw, and one contract
/// (brotli-11 + prefix <= 24,576 B).
pub const MAX_RAW: usize = 128 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub raw: usize,
    pub brotli: usize,
}

impl Size {
    pub fn of(wasm: &[u8]) -> Size {
        Size { raw: wasm.len(), brotli: brotli11(wasm).len() }
    }

    /// The contract code the program deploys as: the prefix and the
    /// compressed program.
    pub fn code_bytes(self) -> usize {
        self.brotli + PREFIX
    }

    /// Bytes left in the one contract (negative: over by that much).
    pub fn headroom(self) -> i64 {
        MAX_CODE_SIZE as i64 - self.code_bytes() as i64
    }

    /// Why this size breaks the budget, if it does.
    pub fn over_budget(self) -> Option<String> {
        if self.raw > MAX_RAW {
            Some(format!("{} bytes raw exceeds {MAX_RAW}", self.raw))
        } else if self.code_bytes() > MAX_CODE_SIZE {
            Some(format!(
                "{} B brotli-11 + {PREFIX} B prefix = {} B does not fit one contract ({MAX_CODE_SIZE} B): {} B over",
                self.brotli,
                self.code_bytes(),
                self.code_bytes() - MAX_CODE_SIZE
            ))
        } else {
            None
        }
    }
}

pub fn brotli11(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        w.write_all(data).expect("writing to a Vec cannot fail");
    }
    out
}
