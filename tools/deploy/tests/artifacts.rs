//! Artifacts are checked before anything is sent: missing, refused by the
//! Stylus activation rules, or over the size budget (128 KiB raw, one
//! 24,576-byte contract with the 4-byte prefix).

mod support;

use std::path::Path;

use flt_artifacts::size::Size;
use flt_deploy::{
    abi::Program,
    artifacts::load,
    code::{program_code, MAX_CODE_SIZE},
};

#[test]
fn valid_artifacts_load_in_deployment_order_each_as_one_contract() {
    let loaded = load(&support::artifact_dir()).unwrap();
    assert_eq!(loaded.iter().map(|a| a.program).collect::<Vec<_>>(), Program::ORDER);
    for (a, (name, noise)) in loaded.iter().zip(support::NOISE) {
        assert_eq!(a.program.name(), name);
        let wasm = support::program(noise);
        assert_eq!(a.wasm_hash, alloy_primitives::keccak256(&wasm), "{name}");
        assert_eq!(a.size, Size::of(&wasm), "{name}");
        assert_eq!(a.code, program_code(&wasm), "{name}");
        assert_eq!(a.code.len(), a.size.code_bytes(), "{name}");
        assert!(a.code.len() <= MAX_CODE_SIZE, "{name}: {} B", a.code.len());
    }
    assert!(loaded[3].code.len() > 23_000, "FLTGovernor's fixture is large: {} B", loaded[3].code.len());
}

#[test]
fn a_missing_artifact_is_refused_with_the_command_that_builds_it() {
    for name in ["FLToken", "FLTCouncil"] {
        let dir = support::artifact_dir();
        std::fs::remove_file(dir.join(format!("{name}.wasm"))).unwrap();
        let problems = load(&dir).unwrap_err().0;
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
    let problems = load(&dir).unwrap_err().0;
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("FLTRewards.wasm: Stylus would refuse it"), "{problems:?}");
    assert!(
        problems[1].contains("FLTGovernor.wasm: Stylus would refuse it")
            && problems[1].contains("F32Add is refused by Stylus"),
        "{problems:?}"
    );
}

fn refusal(path: &Path, wasm: &[u8]) -> String {
    let size = Size::of(wasm);
    format!(
        "{}: over the size budget: {} B brotli-11 + 4 B prefix = {} B does not fit one contract (24576 B): {} B over",
        path.display(),
        size.brotli,
        size.code_bytes(),
        size.code_bytes() - MAX_CODE_SIZE
    )
}

#[test]
fn an_artifact_over_one_contract_is_refused_by_name_with_its_size() {
    let dir = support::artifact_dir();
    // 30 kB of noise: it would have been two ArbOS 61 fragments.
    let token = support::program(30_000);
    std::fs::write(dir.join("FLToken.wasm"), &token).unwrap();
    let problems = load(&dir).unwrap_err().0;
    assert_eq!(problems, vec![refusal(&dir.join("FLToken.wasm"), &token)]);
    // Every oversized program is named, all at once.
    let governor = support::program(26_000);
    std::fs::write(dir.join("FLTGovernor.wasm"), &governor).unwrap();
    let problems = load(&dir).unwrap_err().0;
    assert_eq!(
        problems,
        vec![refusal(&dir.join("FLToken.wasm"), &token), refusal(&dir.join("FLTGovernor.wasm"), &governor)]
    );
}

#[test]
fn the_limit_is_exactly_one_contract_of_24576_bytes() {
    // The noise where the code crosses 24,576 B: the last that fits, the
    // first that does not (bisection: `fits(lo)`, `!fits(hi)`, hi = lo + 1).
    let code_len = |noise: usize| program_code(&support::program(noise)).len();
    let (mut lo, mut hi) = (24_000, 25_000);
    assert!(code_len(lo) <= MAX_CODE_SIZE && code_len(hi) > MAX_CODE_SIZE);
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        if code_len(mid) <= MAX_CODE_SIZE {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let dir = support::artifact_dir();
    let fits = support::program(lo);
    std::fs::write(dir.join("FLTCouncil.wasm"), &fits).unwrap();
    let loaded = load(&dir).unwrap_or_else(|r| panic!("{} B fits one contract: {r}", code_len(lo)));
    assert!(loaded[2].code.len() <= MAX_CODE_SIZE && loaded[2].code.len() > MAX_CODE_SIZE - 8, "{lo}");
    let over = support::program(hi);
    std::fs::write(dir.join("FLTCouncil.wasm"), &over).unwrap();
    assert_eq!(load(&dir).unwrap_err().0, vec![refusal(&dir.join("FLTCouncil.wasm"), &over)]);
    assert!(code_len(hi) > MAX_CODE_SIZE);
}
