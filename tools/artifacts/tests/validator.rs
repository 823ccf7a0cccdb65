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

/// `wasm` with a DataCount section (id 12, `count` segments) inserted before
/// the code section, where wasm-opt writes it.
fn with_data_count(wasm: &[u8], count: u8) -> Vec<u8> {
    let sections = flt_artifacts::sections::sections(wasm).unwrap();
    let mut out = wasm[..8].to_vec();
    for s in sections {
        if s.id == 10 {
            out.extend([12, 1, count]);
        }
        out.extend_from_slice(s.bytes);
    }
    out
}

/// A program with one data segment and no custom sections (the `wat`
/// crate writes a "name" section for `$k` and `$sp`; strip removes it).
fn plain_program() -> Vec<u8> {
    flt_artifacts::sections::strip(&module(r#"(data (i32.const 1024) "flt")"#)).unwrap()
}

#[test]
fn refuses_a_data_count_section_by_name_and_the_pipeline_strips_it() {
    let plain = plain_program();
    let wasm = with_data_count(&plain, 1);
    // wasmparser itself accepts the module: only nitro's section list refuses it.
    wasmparser::Validator::new_with_features(flt_artifacts::validate::nitro_features()).validate_all(&wasm).unwrap();
    assert_eq!(flt_artifacts::sections::refused(&wasm).unwrap(), vec![12]);
    assert_eq!(refusal(&wasm), "DataCount section (id 12): nitro's parser refuses it (unsupported section type)");
    let stripped = flt_artifacts::sections::strip(&wasm).unwrap();
    assert_eq!(stripped, plain);
    validate(&stripped).expect("valid once stripped");
}

#[test]
fn strip_removes_custom_sections_and_keeps_the_rest_in_order() {
    let plain = plain_program();
    let ids = |w: &[u8]| -> Vec<u8> { flt_artifacts::sections::sections(w).unwrap().iter().map(|s| s.id).collect() };
    assert_eq!(ids(&plain), vec![1, 2, 3, 5, 6, 7, 10, 11]);
    // The wat output has its "name" section; add a custom section "x" with
    // one byte of payload.
    let mut named = module(r#"(data (i32.const 1024) "flt")"#);
    named.extend([0, 3, 1, b'x', 7]);
    assert_eq!(ids(&named), vec![1, 2, 3, 5, 6, 7, 10, 11, 0, 0]);
    assert_eq!(flt_artifacts::sections::strip(&named).unwrap(), plain);
}

#[test]
fn refuses_a_truncated_module_by_name() {
    let wasm = module("");
    let cut = &wasm[..wasm.len() - 3];
    assert!(flt_artifacts::sections::sections(cut).unwrap_err().contains("runs past the end"));
    assert!(refusal(cut).contains("runs past the end of the module"), "{}", refusal(cut));
}

#[test]
fn refuses_what_exceeds_nitros_limits() {
    let exports: String = (0..1024).map(|i| format!("(func (export \"f{i}\"))")).collect();
    let e = refusal(&module(&exports));
    assert!(e.contains("too many wasm exports: 1026 > 1024 (nitro's limit)"), "{e}");
    let locals = format!("(func {})", "(local i64)".repeat(349));
    let e = refusal(&module(&locals));
    assert!(e.contains("function 1 has 349 locals (nitro's limit 348)"), "{e}");
    let big = wat::parse_str(OK_BODY.replace("(memory (export \"memory\") 1)", "(memory (export \"memory\") 129)"));
    let e = refusal(&big.unwrap());
    assert!(e.contains("memory of 129 initial pages exceeds nitro's page limit 128"), "{e}");
    // At the limits: accepted.
    let exports: String = (0..1022).map(|i| format!("(func (export \"f{i}\"))")).collect();
    validate(&module(&exports)).expect("1024 exports are allowed");
    validate(&module(&format!("(func {})", "(local i64)".repeat(348)))).expect("348 locals are allowed");
}
