//! Static data as code. nitro prices a program's data segments on EVERY
//! call, cached or not (`cached_init`: 0.752 gas per byte of data and
//! element segments), but code only at ~0.0012 gas per byte cached and
//! ~0.13 uncached. [`inline`] removes the data section and writes the same
//! bytes from a new function instead: one `i64.store` of an `i64.const` per
//! non-zero 8-byte word of the initial memory image (memory starts zeroed),
//! called first by a new `user_entrypoint` that then calls the old one.
//! Each call pays ~0.31 gas of ink per store; the memory every call starts
//! from is byte for byte the one the data section described.

use crate::datas::{parse, uleb, Segment};
use crate::sections::sections;

fn put_uleb(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn put_sleb(out: &mut Vec<u8>, mut v: i64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if (v == 0 && byte & 0x40 == 0) || (v == -1 && byte & 0x40 != 0) {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn section(id: u8, contents: &[u8]) -> Vec<u8> {
    let mut out = vec![id];
    put_uleb(&mut out, contents.len() as u32);
    out.extend_from_slice(contents);
    out
}

/// A section's contents (after its id and size).
fn contents(bytes: &[u8]) -> Result<&[u8], String> {
    let mut at = 1;
    uleb(bytes, &mut at)?;
    Ok(&bytes[at..])
}

/// The non-zero 8-byte words `(address, little-endian value)` of the
/// memory image the segments write, in address order.
pub fn words(segments: &[Segment]) -> Vec<(u32, i64)> {
    let mut image = std::collections::BTreeMap::new();
    for s in segments {
        for (i, b) in s.bytes.iter().enumerate() {
            image.insert(s.offset as u64 + i as u64, *b);
        }
    }
    let mut out = Vec::new();
    let (Some((&lo, _)), Some((&hi, _))) = (image.first_key_value(), image.last_key_value()) else { return out };
    let mut a = lo & !7;
    while a <= hi {
        let mut word = [0u8; 8];
        for (i, b) in word.iter_mut().enumerate() {
            *b = image.get(&(a + i as u64)).copied().unwrap_or(0);
        }
        if word != [0; 8] {
            out.push((a as u32, i64::from_le_bytes(word)));
        }
        a += 8;
    }
    out
}

/// Type section contents with `(params) -> (results)` present; its index.
fn with_type(types: &[u8], params: &[u8], results: &[u8]) -> Result<(Vec<u8>, u32), String> {
    let mut at = 0;
    let count = uleb(types, &mut at)?;
    for i in 0..count {
        if types.get(at) != Some(&0x60) {
            return Err("a type that is not a function type".into());
        }
        at += 1;
        let n = uleb(types, &mut at)? as usize;
        let p = types.get(at..at + n).ok_or("truncated type")?;
        at += n;
        let m = uleb(types, &mut at)? as usize;
        let r = types.get(at..at + m).ok_or("truncated type")?;
        at += m;
        if p == params && r == results {
            return Ok((types.to_vec(), i));
        }
    }
    let mut out = Vec::new();
    put_uleb(&mut out, count + 1);
    out.extend_from_slice(&types[leb_len(count)..]);
    out.push(0x60);
    put_uleb(&mut out, params.len() as u32);
    out.extend_from_slice(params);
    put_uleb(&mut out, results.len() as u32);
    out.extend_from_slice(results);
    Ok((out, count))
}

fn leb_len(v: u32) -> usize {
    let mut out = Vec::new();
    put_uleb(&mut out, v);
    out.len()
}

/// Imported functions (every import must be one, as Stylus requires).
fn imported_functions(imports: &[u8]) -> Result<u32, String> {
    let mut at = 0;
    let count = uleb(imports, &mut at)?;
    for _ in 0..count {
        for _ in 0..2 {
            let n = uleb(imports, &mut at)? as usize;
            at += n;
        }
        if imports.get(at) != Some(&0x00) {
            return Err("an import that is not a function".into());
        }
        at += 1;
        uleb(imports, &mut at)?;
    }
    Ok(count)
}

/// `wasm` with its data section turned into code (see the module comment);
/// the same bytes when it has no data section.
pub fn inline(wasm: &[u8]) -> Result<Vec<u8>, String> {
    let all = sections(wasm)?;
    let Some(data) = all.iter().find(|s| s.id == 11) else { return Ok(wasm.to_vec()) };
    let stores = words(&parse(contents(data.bytes)?)?);
    let get =
        |id: u8| all.iter().find(|s| s.id == id).ok_or(format!("no section {id}")).and_then(|s| contents(s.bytes));
    let (types, void) = with_type(get(1)?, &[], &[])?;
    let (types, entry_type) = with_type(&types, &[0x7f], &[0x7f])?;
    let imported = match all.iter().find(|s| s.id == 2) {
        Some(s) => imported_functions(contents(s.bytes)?)?,
        None => 0,
    };
    // Function section: the two new functions' types.
    let funcs = get(3)?;
    let mut at = 0;
    let defined = uleb(funcs, &mut at)?;
    let (init, wrapper) = (imported + defined, imported + defined + 1);
    let mut function = Vec::new();
    put_uleb(&mut function, defined + 2);
    function.extend_from_slice(&funcs[at..]);
    put_uleb(&mut function, void);
    put_uleb(&mut function, entry_type);
    // Exports: user_entrypoint now names the wrapper.
    let exports = get(7)?;
    let mut at = 0;
    let count = uleb(exports, &mut at)?;
    let mut export = Vec::new();
    put_uleb(&mut export, count);
    let mut old_entry = None;
    for _ in 0..count {
        let n = uleb(exports, &mut at)? as usize;
        let name = exports.get(at..at + n).ok_or("truncated export")?;
        at += n;
        let kind = *exports.get(at).ok_or("truncated export")?;
        at += 1;
        let mut index = uleb(exports, &mut at)?;
        if kind == 0 && name == b"user_entrypoint" {
            old_entry = Some(index);
            index = wrapper;
        }
        put_uleb(&mut export, n as u32);
        export.extend_from_slice(name);
        export.push(kind);
        put_uleb(&mut export, index);
    }
    let old_entry = old_entry.ok_or("no user_entrypoint export")?;
    // Code: the init body (no locals; i32.const addr, i64.const v,
    // i64.store align=1 offset=0) and the wrapper.
    let mut body = vec![0u8];
    for (address, value) in &stores {
        body.push(0x41);
        put_sleb(&mut body, i64::from(*address as i32));
        body.push(0x42);
        put_sleb(&mut body, *value);
        body.extend_from_slice(&[0x37, 0x00, 0x00]);
    }
    body.push(0x0b);
    let mut wrap = vec![0u8, 0x10];
    put_uleb(&mut wrap, init);
    wrap.extend_from_slice(&[0x20, 0x00, 0x10]);
    put_uleb(&mut wrap, old_entry);
    wrap.push(0x0b);
    let code = get(10)?;
    let mut at = 0;
    let bodies = uleb(code, &mut at)?;
    let mut code_out = Vec::new();
    put_uleb(&mut code_out, bodies + 2);
    code_out.extend_from_slice(&code[at..]);
    for b in [&body, &wrap] {
        put_uleb(&mut code_out, b.len() as u32);
        code_out.extend_from_slice(b);
    }
    let mut out = wasm[..8].to_vec();
    for s in &all {
        match s.id {
            1 => out.extend(section(1, &types)),
            3 => out.extend(section(3, &function)),
            7 => out.extend(section(7, &export)),
            10 => out.extend(section(10, &code_out)),
            11 | 12 => {}
            _ => out.extend_from_slice(s.bytes),
        }
    }
    Ok(out)
}
