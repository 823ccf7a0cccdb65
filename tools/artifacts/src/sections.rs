//! The module's section list as nitro's `WasmBinary::parse_user` takes it
//! (arbitrator/prover/src/binary.rs): it accepts the type, import,
//! function, table, memory, global, export, start, element, code and data
//! sections and custom sections, and refuses every other section id with
//! "unsupported section type". `wasm-opt --enable-bulk-memory` writes a
//! DataCount section (id 12), which only `memory.init` and `data.drop` use,
//! both refused by Stylus' meter: the pipeline removes it, with the custom
//! sections cargo-stylus strips too.

/// Section ids nitro's parser accepts (0 is a custom section).
pub const ACCEPTED: [u8; 12] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

/// Wasm's name of a section id, for messages.
pub fn name(id: u8) -> &'static str {
    match id {
        0 => "custom",
        1 => "type",
        2 => "import",
        3 => "function",
        4 => "table",
        5 => "memory",
        6 => "global",
        7 => "export",
        8 => "start",
        9 => "element",
        10 => "code",
        11 => "data",
        12 => "DataCount",
        13 => "tag",
        _ => "unknown",
    }
}

/// One section: its id and its whole encoding (id, size, contents).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section<'a> {
    pub id: u8,
    pub bytes: &'a [u8],
}

const HEADER_LEN: usize = 8;

fn leb_u32(bytes: &[u8], at: usize) -> Result<(u32, usize), String> {
    let mut value = 0u32;
    for i in 0..5 {
        let byte = *bytes.get(at + i).ok_or("truncated section size")?;
        value |= u32::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Ok((value, i + 1));
        }
    }
    Err("section size is not a valid LEB128 u32".into())
}

/// The module's sections in order, after the 8-byte header.
pub fn sections(wasm: &[u8]) -> Result<Vec<Section<'_>>, String> {
    if wasm.len() < HEADER_LEN || &wasm[..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    let mut out = Vec::new();
    let mut at = HEADER_LEN;
    while at < wasm.len() {
        let id = wasm[at];
        let (size, leb_len) = leb_u32(wasm, at + 1)?;
        let end = (at + 1 + leb_len)
            .checked_add(size as usize)
            .filter(|end| *end <= wasm.len())
            .ok_or_else(|| format!("section {} runs past the end of the module", name(id)))?;
        out.push(Section { id, bytes: &wasm[at..end] });
        at = end;
    }
    Ok(out)
}

/// The ids of the sections nitro refuses, in order.
pub fn refused(wasm: &[u8]) -> Result<Vec<u8>, String> {
    Ok(sections(wasm)?.iter().map(|s| s.id).filter(|id| !ACCEPTED.contains(id)).collect())
}

/// `wasm` without its DataCount and custom sections. Any other section
/// nitro refuses stays, for the check to name.
pub fn strip(wasm: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = wasm[..HEADER_LEN.min(wasm.len())].to_vec();
    for section in sections(wasm)? {
        if section.id != 0 && section.id != 12 {
            out.extend_from_slice(section.bytes);
        }
    }
    Ok(out)
}
