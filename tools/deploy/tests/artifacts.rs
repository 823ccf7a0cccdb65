//! Artifacts are checked before anything is sent: missing, refused by the
//! Stylus activation rules, or over the size budget.

mod support;

use flt_deploy::{abi::Program, artifacts::load, code::Code};

#[test]
fn valid_artifacts_load_in_deployment_order_with_their_layout() {
    let loaded = load(&support::artifact_dir(), true).unwrap();
    assert_eq!(loaded.iter().map(|a| a.program).collect::<Vec<_>>(), Program::ORDER);
    assert_eq!(loaded.iter().map(|a| a.size.fragments()).collect::<Vec<_>>(), [2, 1, 1, 2]);
    assert!(matches!(loaded[1].code, Code::Single(_)));
    assert!(matches!(loaded[2].code, Code::Single(_)));
    assert_eq!(loaded[0].code.fragments().len(), 2);
    assert_eq!(loaded[2].wasm_hash, alloy_primitives::keccak256(support::program(200)));
    assert_eq!(loaded[3].wasm_hash, alloy_primitives::keccak256(support::program(40_000)));
}

#[test]
fn a_missing_artifact_is_refused_with_the_command_that_builds_it() {
    for name in ["FLToken", "FLTCouncil"] {
        let dir = support::artifact_dir();
        std::fs::remove_file(dir.join(format!("{name}.wasm"))).unwrap();
        let problems = load(&dir, true).unwrap_err().0;
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].contains(&format!("{name}.wasm")) && problems[0].ends_with("build it with `./flt build`"),
            "{problems:?}"
        );
    }
}

#[test]
fn an_artifact_stylus_would_refuse_is_refused() {
    let dir = support::artifact_dir();
    std::fs::write(dir.join("FLTRewards.wasm"), b"not wasm").unwrap();
    let float = wat::parse_str(
        r#"(module (memory (export "memory") 1)
             (func (export "user_entrypoint") (param i32) (result i32)
               (drop (f32.add (f32.const 1) (f32.const 2))) (local.get 0)))"#,
    )
    .unwrap();
    std::fs::write(dir.join("FLTGovernor.wasm"), float).unwrap();
    let problems = load(&dir, true).unwrap_err().0;
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("FLTRewards.wasm: Stylus would refuse it"), "{problems:?}");
    assert!(
        problems[1].contains("FLTGovernor.wasm: Stylus would refuse it")
            && problems[1].contains("F32Add is refused by Stylus"),
        "{problems:?}"
    );
}

#[test]
fn an_artifact_over_the_size_budget_is_refused() {
    let dir = support::artifact_dir();
    // 60 kB of noise: three fragments, over the two-fragment budget.
    std::fs::write(dir.join("FLToken.wasm"), support::program(60_000)).unwrap();
    let problems = load(&dir, true).unwrap_err().0;
    assert_eq!(
        problems,
        vec![format!("{}: over the size budget: 3 fragments exceed 2", dir.join("FLToken.wasm").display())]
    );
}
