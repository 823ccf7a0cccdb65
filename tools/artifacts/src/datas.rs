//! A program's data section read as the initial memory it writes (for
//! [`crate::inline`], which turns it into code).

/// The initial memory one active data segment writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub offset: u32,
    pub bytes: Vec<u8>,
}

pub(crate) fn uleb(bytes: &[u8], at: &mut usize) -> Result<u32, String> {
    let mut value = 0u64;
    for i in 0..5 {
        let byte = *bytes.get(*at).ok_or("truncated data section")?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return u32::try_from(value).map_err(|_| "LEB128 value above u32".to_string());
        }
    }
    Err("invalid LEB128 u32".into())
}

fn sleb_i32(bytes: &[u8], at: &mut usize) -> Result<i32, String> {
    let mut value = 0i64;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(*at).ok_or("truncated i32.const")?;
        *at += 1;
        value |= i64::from(byte & 0x7f) << shift;
        shift += 7;
        if byte & 0x80 == 0 {
            if shift < 64 && byte & 0x40 != 0 {
                value |= -1i64 << shift;
            }
            return i32::try_from(value).map_err(|_| "i32.const out of range".to_string());
        }
        if shift >= 35 {
            return Err("invalid LEB128 i32".into());
        }
    }
}

/// The segments of a data section's contents, if every one is active in
/// memory 0 at an `i32.const` offset (what rustc and wasm-opt write).
pub fn parse(contents: &[u8]) -> Result<Vec<Segment>, String> {
    let mut at = 0;
    let count = uleb(contents, &mut at)?;
    let mut out = Vec::new();
    for _ in 0..count {
        if uleb(contents, &mut at)? != 0 || contents.get(at) != Some(&0x41) {
            return Err("only active segments at an i32.const offset can be merged".into());
        }
        at += 1;
        let offset = u32::try_from(sleb_i32(contents, &mut at)?).map_err(|_| "negative data offset")?;
        if contents.get(at) != Some(&0x0b) {
            return Err("data offset is not a constant expression".into());
        }
        at += 1;
        let len = uleb(contents, &mut at)? as usize;
        let bytes = contents.get(at..at + len).ok_or("truncated data segment")?.to_vec();
        at += len;
        out.push(Segment { offset, bytes });
    }
    if at != contents.len() {
        return Err("trailing bytes after the data segments".into());
    }
    Ok(out)
}
