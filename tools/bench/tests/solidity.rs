//! The OpenZeppelin side compiles with the pinned solc, and compile.js'
//! answers are read strictly.

use flt_bench::solc::{compile, parse};

#[test]
fn the_bench_contracts_compile_with_the_pinned_solc() {
    let root = flt_node::binary::workspace_root();
    let compiled = compile(&root).expect("tools/bench/solidity compiles (./flt setup installs solc)");
    assert!(compiled.solc.starts_with("0.8.37+"), "{}", compiled.solc);
    let names: Vec<&str> = compiled.contracts.keys().map(String::as_str).collect();
    assert_eq!(names, ["BenchGovernor", "BenchParams", "BenchToken", "TimelockController"]);
    // solc's CBOR metadata in each: "solc" and the version 0.8.37.
    let marker = [0x64, 0x73, 0x6f, 0x6c, 0x63, 0x43, 0x00, 0x08, 0x25];
    for (name, code) in &compiled.contracts {
        assert!(code.windows(marker.len()).any(|w| w == marker), "{name}: no solc 0.8.37 metadata");
    }
    assert!(compiled.code("Governor").is_err(), "abstract OZ contracts are not offered");
}

#[test]
fn compile_answers_are_checked() {
    let ok = parse(r#"{"solc":"0.8.37","contracts":{"A":"0x6080"}}"#).expect("valid");
    assert_eq!(ok.code("A").expect("A"), vec![0x60, 0x80]);
    assert_eq!(ok.code("B").unwrap_err(), "solc produced no contract B");
    assert!(parse("not json").unwrap_err().starts_with("compile.js answer: "));
    assert_eq!(parse(r#"{"contracts":{}}"#).unwrap_err(), "compile.js answer without `solc`");
    assert_eq!(parse(r#"{"solc":"x","contracts":{"A":"0x"}}"#).unwrap_err(), "A: empty bytecode (abstract contract?)");
    assert!(parse(r#"{"solc":"x","contracts":{"A":"0xzz"}}"#).unwrap_err().starts_with("A: bytecode: "));
}
