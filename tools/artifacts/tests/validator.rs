//! The offline activation check refuses what Stylus refuses.

use flt_artifacts::validate::{validate, MAX_OPCODES_PER_FUNCTION};

const OK_BODY: &str = flt_artifacts::validate::MINIMAL_PROGRAM_WAT;

fn module(extra: &str) -> Vec<u8> {
    wat::parse_str(format!("(module {OK_BODY} {extra})")).expect("test module parses")
}

fn refusal(wasm: &[u8]) -> String {
    validate(wasm).expect_err("must be refused").to_string()
}

#[test]
fn accepts_a_minimal_program_and_describes_it() {
    let p = validate(&module("")).expect("valid");
    assert_eq!((p.functions, p.stack_size, p.max_frame, p.memory_pages), (1, 8192, 64, 1));
    assert!(p.imports_host_keccak());
}

#[test]
fn refuses_float_operators() {
    let e = refusal(&module("(func (result i32) (i32.trunc_f32_s (f32.const 1.5)))"));
    assert!(e.contains("F32Const") && e.contains("refused"), "{e}");
}

#[test]
fn refuses_imports_outside_vm_hooks() {
    let wasm = wat::parse_str(format!(r#"(module (import "env" "abort" (func)) {OK_BODY})"#)).unwrap();
    let e = refusal(&wasm);
    assert!(e.contains("env::abort is not from vm_hooks"), "{e}");
}

#[test]
fn refuses_missing_entrypoint_and_memory() {
    let wasm = wat::parse_str("(module (func (export \"main\")))").unwrap();
    let e = refusal(&wasm);
    assert!(e.contains("user_entrypoint") && e.contains("memory"), "{e}");
}

#[test]
fn refuses_a_frame_larger_than_the_stack() {
    let e = refusal(&module("(func (global.set $sp (i32.sub (global.get $sp) (i32.const 12288))))"));
    assert!(e.contains("12288 bytes exceeds the configured stack of 8192"), "{e}");
}

#[test]
fn refuses_bulk_memory_data_ops_and_table_ops() {
    let e = refusal(&module(
        r#"(data $d "x") (func (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop $d))"#,
    ));
    assert!(e.contains("MemoryInit") && e.contains("DataDrop"), "{e}");
    // Table ops are refused by the feature set already (reference types off).
    let e = refusal(&module("(table 1 funcref) (func (result i32) (table.size 0))"));
    assert!(e.contains("reference types support is not enabled"), "{e}");
}

#[test]
fn refuses_multi_value_and_simd() {
    let e = refusal(&module("(func (result i32 i32) (i32.const 1) (i32.const 2))"));
    assert!(e.contains("wasmparser"), "{e}");
    let e = refusal(&module("(func (drop (v128.const i64x2 0 0)))"));
    assert!(e.contains("wasmparser"), "{e}");
}

#[test]
fn refuses_a_start_function() {
    let e = refusal(&module("(func $s) (start $s)"));
    assert!(e.contains("start function"), "{e}");
}

#[test]
fn refuses_a_function_over_the_opcode_limit() {
    let body = "(drop (i32.const 0))".repeat(MAX_OPCODES_PER_FUNCTION / 2 + 1);
    let e = refusal(&module(&format!("(func {body})")));
    assert!(e.contains("opcodes (limit 65536)"), "{e}");
}
