//! Static data turned into code (`src/inline.rs`): the data section is
//! gone, `user_entrypoint` first writes the very image the segments wrote,
//! and the module still validates. The real proof is the end-to-end suite,
//! which runs every program built this way on nitro's VM.

use flt_artifacts::{
    datas::{parse, Segment},
    inline::{inline, words},
    sections::sections,
};
use wasmparser::{Operator, Parser, Payload};

fn uleb(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn sleb(out: &mut Vec<u8>, mut v: i32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0) {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn section(out: &mut Vec<u8>, id: u8, contents: &[u8]) {
    out.push(id);
    uleb(out, contents.len() as u32);
    out.extend_from_slice(contents);
}

/// A Stylus-shaped module: one import, `user_entrypoint(i32) -> i32`
/// returning 0, one memory exported, and two data segments.
fn module() -> Vec<u8> {
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    // type 0: (i32) -> i32, type 1: (i32, i32) -> ()
    section(&mut wasm, 1, &[2, 0x60, 1, 0x7f, 1, 0x7f, 0x60, 2, 0x7f, 0x7f, 0]);
    let mut imports = vec![1];
    imports.push(8);
    imports.extend_from_slice(b"vm_hooks");
    imports.push(9);
    imports.extend_from_slice(b"read_args");
    imports.extend_from_slice(&[0x00, 1]);
    section(&mut wasm, 2, &imports);
    section(&mut wasm, 3, &[1, 0]);
    section(&mut wasm, 5, &[1, 0, 1]);
    let mut exports = vec![2, 15];
    exports.extend_from_slice(b"user_entrypoint");
    exports.extend_from_slice(&[0, 1]);
    exports.push(6);
    exports.extend_from_slice(b"memory");
    exports.extend_from_slice(&[2, 0]);
    section(&mut wasm, 7, &exports);
    // body: no locals; i32.const 0; end
    section(&mut wasm, 10, &[1, 4, 0, 0x41, 0, 0x0b]);
    // segment 1: "FLT!" at 8196; segment 2: 1..=9 at 8300.
    let mut data = vec![2];
    for (offset, bytes) in [(8196, &b"FLT!"[..]), (8300, &[1, 2, 3, 4, 5, 6, 7, 8, 9][..])] {
        data.extend_from_slice(&[0, 0x41]);
        sleb(&mut data, offset);
        data.push(0x0b);
        uleb(&mut data, bytes.len() as u32);
        data.extend_from_slice(bytes);
    }
    section(&mut wasm, 11, &data);
    wasm
}

/// The image `(address, byte)` of the non-zero bytes the segments write.
fn image(segments: &[Segment]) -> Vec<(u32, u8)> {
    let mut out: Vec<(u32, u8)> = segments
        .iter()
        .flat_map(|s| s.bytes.iter().enumerate().map(move |(i, b)| (s.offset + i as u32, *b)))
        .filter(|(_, b)| *b != 0)
        .collect();
    out.sort();
    out
}

#[test]
fn the_data_becomes_stores_that_write_the_same_image_before_the_old_entrypoint() {
    let wasm = module();
    wasmparser::Validator::new().validate_all(&wasm).expect("the input module is valid");
    let data = sections(&wasm).unwrap().into_iter().find(|s| s.id == 11).unwrap();
    let segments = parse(&data.bytes[2..]).unwrap();
    let out = inline(&wasm).unwrap();
    wasmparser::Validator::new().validate_all(&out).expect("the output module is valid");
    assert!(sections(&out).unwrap().iter().all(|s| s.id != 11), "no data section left");

    // Replay the init function's stores on a zeroed memory.
    let mut memory = vec![0u8; 65_536];
    let mut bodies = Vec::new();
    let mut entry = None;
    for payload in Parser::new(0).parse_all(&out) {
        match payload.unwrap() {
            Payload::CodeSectionEntry(body) => bodies.push(body),
            Payload::ExportSection(r) => {
                for e in r {
                    let e = e.unwrap();
                    if e.name == "user_entrypoint" {
                        entry = Some(e.index);
                    }
                }
            }
            _ => {}
        }
    }
    // 1 import + the old body, the init body (index 2), the wrapper (index 3).
    assert_eq!(bodies.len(), 3);
    assert_eq!(entry, Some(3), "user_entrypoint names the wrapper");
    let calls: Vec<u32> = bodies[2]
        .get_operators_reader()
        .unwrap()
        .into_iter()
        .filter_map(|op| match op.unwrap() {
            Operator::Call { function_index } => Some(function_index),
            _ => None,
        })
        .collect();
    assert_eq!(calls, vec![2, 1], "the wrapper writes the data, then runs the old entrypoint");
    let mut stack = Vec::new();
    for op in bodies[1].get_operators_reader().unwrap() {
        match op.unwrap() {
            Operator::I32Const { value } => stack.push(i64::from(value)),
            Operator::I64Const { value } => stack.push(value),
            Operator::I64Store { memarg } => {
                let value = stack.pop().unwrap();
                let address = stack.pop().unwrap() as usize + memarg.offset as usize;
                memory[address..address + 8].copy_from_slice(&value.to_le_bytes());
            }
            Operator::End => {}
            other => panic!("unexpected operator in the init function: {other:?}"),
        }
    }
    let replayed: Vec<(u32, u8)> =
        memory.iter().enumerate().filter(|(_, b)| **b != 0).map(|(a, b)| (a as u32, *b)).collect();
    assert_eq!(replayed, image(&segments), "the same initial memory");
}

#[test]
fn words_cover_the_image_and_skip_zero_words() {
    let segs = vec![
        Segment { offset: 8196, bytes: vec![1, 2, 3] },
        Segment { offset: 8208, bytes: vec![0; 8] },
        Segment { offset: 8224, bytes: vec![0, 0, 0, 0, 0, 0, 0, 9, 7] },
    ];
    assert_eq!(words(&segs), vec![(8192, i64::from_le_bytes([0, 0, 0, 0, 1, 2, 3, 0])), (8224, 9i64 << 56), (8232, 7)]);
}

#[test]
fn a_module_without_data_is_left_byte_for_byte() {
    let mut wasm = module();
    // Drop the data section (the last one).
    let data = sections(&wasm).unwrap().into_iter().find(|s| s.id == 11).unwrap().bytes.len();
    wasm.truncate(wasm.len() - data);
    assert_eq!(inline(&wasm).unwrap(), wasm);
}
