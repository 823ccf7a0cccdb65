//! Deployed size: Stylus stores a program brotli-compressed (quality 11)
//! behind a 4-byte prefix, in fragments of 24,576 bytes.

use std::io::Write;

pub const FRAGMENT: usize = 24_576;
/// This project's budget (STYLUS-NOTES.md): 128 KiB raw, 2 fragments.
pub const MAX_RAW: usize = 128 * 1024;
pub const MAX_FRAGMENTS: usize = 2;
/// `EFF000` magic and the dictionary byte in front of the compressed code.
const PREFIX: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub raw: usize,
    pub brotli: usize,
}

impl Size {
    pub fn of(wasm: &[u8]) -> Size {
        Size { raw: wasm.len(), brotli: brotli11(wasm).len() }
    }

    pub fn fragments(self) -> usize {
        (self.brotli + PREFIX).div_ceil(FRAGMENT)
    }

    /// Why this size breaks the budget, if it does.
    pub fn over_budget(self) -> Option<String> {
        if self.raw > MAX_RAW {
            Some(format!("{} bytes raw exceeds {MAX_RAW}", self.raw))
        } else if self.fragments() > MAX_FRAGMENTS {
            Some(format!("{} fragments exceed {MAX_FRAGMENTS}", self.fragments()))
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
