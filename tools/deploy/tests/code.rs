//! The on-chain layout of a program (cargo-stylus 0.10.10's): prefixes,
//! fragment split, root contract and the init code.

mod support;

use std::io::Read;

use alloy_primitives::{address, Address};
use flt_deploy::code::{init_code, Code, FRAGMENT_PREFIX, MAX_CODE_SIZE, PROGRAM_PREFIX, ROOT_PREFIX};

fn unbrotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(data, 4096).read_to_end(&mut out).expect("valid brotli");
    out
}

#[test]
fn a_small_program_is_one_contract_behind_the_eof_prefix() {
    let wasm = support::program(100);
    let Code::Single(code) = Code::of(&wasm, true) else { panic!("small program must not be split") };
    assert_eq!(code[..4], [0xEF, 0xF0, 0x00, 0x00]);
    assert_eq!(code[..4], PROGRAM_PREFIX);
    assert!(code.len() <= MAX_CODE_SIZE);
    assert_eq!(unbrotli(&code[4..]), wasm);
    assert!(Code::of(&wasm, true).fragments().is_empty());
    assert_eq!(Code::of(&wasm, true).program(&[]), code);
}

#[test]
fn a_large_program_is_split_into_fragments_that_reassemble() {
    let wasm = support::program(40_000);
    let code = Code::of(&wasm, true);
    let Code::Fragmented { fragments, wasm_len } = &code else { panic!("40 kB of noise must be split") };
    assert_eq!(*wasm_len as usize, wasm.len());
    assert_eq!(fragments.len(), 2);
    assert_eq!(fragments[0].len(), MAX_CODE_SIZE, "the first fragment is full");
    let mut compressed = Vec::new();
    for f in fragments {
        assert_eq!(f[..3], [0xEF, 0xF0, 0x01]);
        assert_eq!(f[..3], FRAGMENT_PREFIX);
        assert!(f.len() <= MAX_CODE_SIZE);
        compressed.extend(&f[3..]);
    }
    assert_eq!(unbrotli(&compressed), wasm);
}

#[test]
fn the_root_contract_lists_the_size_and_the_fragments() {
    let wasm = support::program(40_000);
    let code = Code::of(&wasm, true);
    let (a, b) =
        (address!("00000000000000000000000000000000000000aa"), address!("00000000000000000000000000000000000000bb"));
    let root = code.program(&[a, b]);
    assert_eq!(root[..4], [0xEF, 0xF0, 0x02, 0x00]);
    assert_eq!(root[..4], ROOT_PREFIX);
    assert_eq!(u32::from_be_bytes(root[4..8].try_into().unwrap()) as usize, wasm.len());
    assert_eq!(Address::from_slice(&root[8..28]), a);
    assert_eq!(Address::from_slice(&root[28..48]), b);
    assert_eq!(root.len(), 48);
}

#[test]
fn the_init_code_returns_the_code_that_follows_it() {
    let code = vec![0xEF, 0xF0, 0x00, 0x00, 1, 2, 3];
    let init = init_code(&code);
    assert_eq!(init.len(), 43 + code.len());
    assert_eq!(init[0], 0x7f, "PUSH32 length");
    assert_eq!(init[1..33], alloy_primitives::U256::from(code.len()).to_be_bytes::<32>());
    // DUP1, PUSH1 43, PUSH1 0, CODECOPY, PUSH1 0, RETURN, version 0.
    assert_eq!(init[33..43], [0x80, 0x60, 43, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3, 0x00]);
    assert_eq!(init[43..], code);
}
