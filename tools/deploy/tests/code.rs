//! The on-chain layout of a program (cargo-stylus 0.10.10's for a program
//! that fits one contract, the only one flt-deploy deploys): the prefix, the
//! brotli-11 program, the 24,576-byte limit the size gate enforces, and the
//! init code.

mod support;

use std::io::Read;

use flt_artifacts::size::Size;
use flt_deploy::code::{init_code, program_code, MAX_CODE_SIZE, PROGRAM_PREFIX};

fn unbrotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(data, 4096).read_to_end(&mut out).expect("valid brotli");
    out
}

#[test]
fn a_program_is_one_contract_behind_the_eof_prefix() {
    assert_eq!(MAX_CODE_SIZE, 24_576);
    assert_eq!(PROGRAM_PREFIX, [0xEF, 0xF0, 0x00, 0x00]);
    // Small and large (23 kB of noise, as large as the largest real program).
    for noise in [100, 23_000] {
        let wasm = support::program(noise);
        let code = program_code(&wasm);
        assert_eq!(code[..4], [0xEF, 0xF0, 0x00, 0x00], "{noise}");
        assert_eq!(unbrotli(&code[4..]), wasm, "{noise}: the rest is the brotli program");
        assert_eq!(code.len(), Size::of(&wasm).code_bytes(), "{noise}: the length the size gate measures");
        assert!(code.len() <= MAX_CODE_SIZE, "{noise}: {} B", code.len());
    }
    assert!(program_code(&support::program(23_000)).len() > 23_000, "noise does not compress");
}

#[test]
fn a_program_over_one_contract_has_no_other_layout_and_the_size_gate_refuses_it() {
    let wasm = support::program(30_000);
    let code = program_code(&wasm);
    assert!(code.len() > MAX_CODE_SIZE, "{} B", code.len());
    assert_eq!(code[..4], PROGRAM_PREFIX, "still the one-contract layout, never split");
    let size = Size::of(&wasm);
    assert_eq!(
        size.over_budget(),
        Some(format!(
            "{} B brotli-11 + 4 B prefix = {} B does not fit one contract (24576 B): {} B over",
            size.brotli,
            code.len(),
            code.len() - MAX_CODE_SIZE
        ))
    );
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
