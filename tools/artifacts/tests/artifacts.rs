//! The deployable programs and `abi/` as the normal test command sees them:
//! every contract builds, passes the activation check, fits the size budget
//! and keeps the host keccak; `abi/` is what the code generates.

use std::fs;

use alloy_primitives::keccak256;
use flt_artifacts::pipeline::{abi_files, artifact, deployable_features, root, CONTRACTS};

#[test]
fn every_contract_is_valid_and_within_budget() {
    let root = root();
    for contract in CONTRACTS {
        let a = artifact(&root, contract).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.size.over_budget(), None, "{}: {:?}", contract.name, a.size);
        assert!(a.program.imports_host_keccak(), "{} must import native_keccak256", contract.name);
        assert!(a.program.max_frame <= a.program.stack_size);
        assert_eq!(fs::read(&a.path).unwrap(), a.wasm, "the measured program is the one on disk");
        // -Zlocation-detail=none: no source paths in the static data every
        // call copies (they were ~1.6 KB per program).
        for path in [&b"src/"[..], b"/cargo/", b".rs"] {
            assert!(!a.wasm.windows(path.len()).any(|w| w == path), "{}: {:?} in the data", contract.name, path);
        }
        println!(
            "{}: {} B raw, {} B brotli-11, {} fragment(s)",
            contract.name,
            a.size.raw,
            a.size.brotli,
            a.size.fragments()
        );
    }
}

#[test]
fn the_test_clock_cannot_reach_a_deployable_program() {
    let root = root();
    for contract in CONTRACTS {
        let features = deployable_features(&root, contract).unwrap();
        assert!(features.contains("stylus-sdk"), "cargo tree listed the build");
        assert!(!features.contains("\"test-clock\""), "{}: test-clock in the deployable build", contract.name);
    }
    // And if anything ever enabled it, the wasm build itself would fail.
    let out = std::process::Command::new(env!("CARGO"))
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", root.join("target/wasm"))
        .args([
            "check",
            "--locked",
            "-p",
            "flt-clock",
            "--features",
            "test-clock",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("test-clock must never reach a deployable program"));
}

#[test]
fn abi_is_generated_from_the_code_and_compiles() {
    let root = root();
    for contract in CONTRACTS {
        for (path, expected) in abi_files(&root, contract).unwrap_or_else(|e| panic!("{e}")) {
            let committed = fs::read_to_string(&path).unwrap_or_default();
            assert!(committed == expected, "{} is stale: run ./flt build", path.display());
        }
    }
}

fn selectors(contract: &str) -> Vec<(String, String)> {
    let path = root().join("abi").join(format!("{contract}.json"));
    let abi: serde_json::Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    abi.as_array()
        .unwrap()
        .iter()
        .filter(|i| i["type"] == "function")
        .map(|f| {
            let types: Vec<&str> =
                f["inputs"].as_array().unwrap().iter().map(|i| i["type"].as_str().unwrap()).collect();
            let sig = format!("{}({})", f["name"].as_str().unwrap(), types.join(","));
            let sel = alloy_primitives::hex::encode(&keccak256(&sig)[..4]);
            (sig, sel)
        })
        .collect()
}

#[test]
fn token_selectors_are_the_standard_ones() {
    let standard = [
        ("name()", "06fdde03"),
        ("symbol()", "95d89b41"),
        ("decimals()", "313ce567"),
        ("totalSupply()", "18160ddd"),
        ("balanceOf(address)", "70a08231"),
        ("transfer(address,uint256)", "a9059cbb"),
        ("allowance(address,address)", "dd62ed3e"),
        ("approve(address,uint256)", "095ea7b3"),
        ("transferFrom(address,address,uint256)", "23b872dd"),
        ("permit(address,address,uint256,uint256,uint8,bytes32,bytes32)", "d505accf"),
        ("nonces(address)", "7ecebe00"),
        ("DOMAIN_SEPARATOR()", "3644e515"),
        ("eip712Domain()", "84b0196e"),
        ("supportsInterface(bytes4)", "01ffc9a7"),
    ];
    let found = selectors("FLToken");
    for (sig, sel) in standard {
        assert!(found.iter().any(|(s, x)| s == sig && x == sel), "{sig} = 0x{sel} missing from abi/FLToken.json");
    }
}

#[test]
fn token_events_and_errors_are_the_standard_ones() {
    let abi = fs::read_to_string(root().join("abi/FLToken.sol")).unwrap();
    for decl in [
        "event Transfer(address indexed from, address indexed to, uint256 value);",
        "event Approval(address indexed owner, address indexed spender, uint256 value);",
        "error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed);",
        "error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed);",
        "error ERC2612ExpiredSignature(uint256 deadline);",
        "error ERC2612InvalidSigner(address signer, address owner);",
    ] {
        assert!(abi.contains(decl), "{decl} missing from abi/FLToken.sol");
    }
}
