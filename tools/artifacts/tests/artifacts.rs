//! The deployable programs and `abi/` as the normal test command sees them:
//! every contract builds, passes the activation check, fits the size budget
//! (128 KiB raw, one 24,576-byte contract with its 4-byte prefix) and keeps
//! the host keccak; `abi/` is what the code generates.

use std::fs;

use alloy_primitives::keccak256;
use flt_artifacts::{
    pipeline::{abi_files, artifact, deployable_features, root, CONTRACTS},
    size::{Size, MAX_BROTLI, MAX_CODE_SIZE, MAX_RAW, PREFIX},
    validate::{validate, MINIMAL_PROGRAM_WAT},
};

#[test]
fn every_contract_is_valid_and_within_budget() {
    let root = root();
    for contract in CONTRACTS {
        let a = artifact(&root, contract).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.size.over_budget(), None, "{}: {:?}", contract.name, a.size);
        assert!(a.size.code_bytes() <= MAX_CODE_SIZE, "{}: {:?} must fit one contract", contract.name, a.size);
        assert!(a.program.imports_host_keccak(), "{} must import native_keccak256", contract.name);
        assert!(a.program.max_frame <= a.program.stack_size);
        assert_eq!(fs::read(&a.path).unwrap(), a.wasm, "the measured program is the one on disk");
        // -Zlocation-detail=none: no source paths in the static data every
        // call copies (they were ~1.6 KB per program).
        for path in [&b"src/"[..], b"/cargo/", b".rs"] {
            assert!(!a.wasm.windows(path.len()).any(|w| w == path), "{}: {:?} in the data", contract.name, path);
        }
        println!(
            "{}: {} B raw, {} B brotli-11, {} B as one contract ({} B left)",
            contract.name,
            a.size.raw,
            a.size.brotli,
            a.size.code_bytes(),
            a.size.headroom()
        );
    }
}

#[test]
fn the_size_budget_is_one_contract_with_its_prefix() {
    assert_eq!((MAX_CODE_SIZE, PREFIX, MAX_BROTLI, MAX_RAW), (24_576, 4, 24_572, 131_072));
    // Exactly full: accepted.
    let full = Size { raw: 70_000, brotli: MAX_BROTLI };
    assert_eq!((full.code_bytes(), full.headroom()), (24_576, 0));
    assert_eq!(full.over_budget(), None);
    // One byte over: refused, naming the contract limit and the excess.
    let over = Size { raw: 70_000, brotli: MAX_BROTLI + 1 };
    assert_eq!(over.headroom(), -1);
    assert_eq!(
        over.over_budget().as_deref(),
        Some("24573 B brotli-11 + 4 B prefix = 24577 B does not fit one contract (24576 B): 1 B over")
    );
    // What the old two-fragment budget accepted (FLTRewards before it fit) is refused now.
    assert_eq!(
        Size { raw: 72_263, brotli: 25_036 }.over_budget().as_deref(),
        Some("25036 B brotli-11 + 4 B prefix = 25040 B does not fit one contract (24576 B): 464 B over")
    );
    // The raw limit stays, and is checked first.
    assert_eq!(
        Size { raw: MAX_RAW + 1, brotli: 100 }.over_budget().as_deref(),
        Some("131073 bytes raw exceeds 131072")
    );
    assert_eq!(Size { raw: MAX_RAW, brotli: 100 }.over_budget(), None);
}

#[test]
fn a_valid_program_too_large_for_one_contract_is_refused() {
    // 30 kB of incompressible data in a program Stylus would otherwise accept.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let data: String = (0..30_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            format!("\\{:02x}", x as u8)
        })
        .collect();
    let wasm = wat::parse_str(format!("(module {MINIMAL_PROGRAM_WAT} (data (i32.const 16384) \"{data}\"))")).unwrap();
    validate(&wasm).expect("valid for Stylus: only its size is wrong");
    let size = Size::of(&wasm);
    assert!(size.brotli > 30_000, "noise does not compress: {size:?}");
    assert_eq!(
        size.over_budget(),
        Some(format!(
            "{} B brotli-11 + 4 B prefix = {} B does not fit one contract (24576 B): {} B over",
            size.brotli,
            size.brotli + 4,
            size.brotli + 4 - 24_576
        ))
    );
    // The same program with 3 kB of that data fits.
    let small =
        wat::parse_str(format!("(module {MINIMAL_PROGRAM_WAT} (data (i32.const 16384) \"{}\"))", &data[..9_000]))
            .unwrap();
    let small = Size::of(&small);
    assert!(small.code_bytes() < MAX_CODE_SIZE && small.headroom() > 0, "{small:?}");
    assert_eq!(small.over_budget(), None);
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
