//! ABI conformance on the real Stylus VM: every function the published
//! `abi/*.json` declares is routed by the deployed program under the
//! selector a wallet computes from that JSON.
//!
//! What it proves:
//! - the unknown-selector detector works: a made-up selector reverts with
//!   EMPTY data (Stylus SDK 0.9 has no fallback), as do undecodable
//!   arguments, and so does the old
//!   struct-name selector `recordContributions(Contribution[])` =
//!   `0x0718ab27`, while the tuple form `0x58b7cc6a` reaches the function and
//!   answers with a declared error (regression: the SDK hashed the struct's
//!   name instead of its tuple);
//! - for each function of FLToken (34), FLTRewards (25), FLTCouncil (10)
//!   and FLTGovernor (39),
//!   its canonical signature is computed from the JSON (`name` and
//!   `inputs[].type`, tuple `components` expanded recursively) the way
//!   wallets, cast and viem do; an `eth_call` with that selector and zeroed
//!   ABI-encoded arguments either answers (with at least the head of its
//!   declared outputs, or nothing when it declares none) or reverts with
//!   data that decodes as one of that contract's declared custom errors:
//!   never the empty revert of an unknown selector or of undecodable
//!   arguments;
//! - the number of functions checked equals the JSON's function count, and
//!   the JSON's selector set equals the one of the `abi/*.sol` bindings;
//! - the hand encoder of zeroed arguments agrees with alloy's encoding.

use std::collections::BTreeSet;

use alloy_primitives::{keccak256, Address, Bytes, U256};
use alloy_sol_types::{SolCall, SolInterface};
use flt_node_tests::flows::same_error;
use flt_node_tests::{
    abi::{FLTCouncil, FLTGovernor, FLTRewards, FLToken},
    system::{fresh, System},
    Revert,
};
use serde_json::Value;

fn abi(root: &std::path::Path, contract: &str) -> Vec<Value> {
    let path = root.join("abi").join(format!("{contract}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())) {
        Value::Array(items) => items,
        other => panic!("{}: not a JSON array: {other}", path.display()),
    }
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("no string {key} in {v}"))
}

fn params(v: &Value, key: &str) -> Vec<Value> {
    v[key].as_array().cloned().unwrap_or_default()
}

/// The canonical type of one parameter: `tuple` becomes `(t1,t2,..)` with
/// its components expanded recursively, keeping any array suffix.
fn canonical(p: &Value) -> String {
    let ty = str_of(p, "type");
    match ty.strip_prefix("tuple") {
        Some(suffix) => {
            let inner: Vec<String> = params(p, "components").iter().map(canonical).collect();
            format!("({}){suffix}", inner.join(","))
        }
        None => ty.to_string(),
    }
}

fn signature(f: &Value) -> String {
    let inputs: Vec<String> = params(f, "inputs").iter().map(canonical).collect();
    format!("{}({})", str_of(f, "name"), inputs.join(","))
}

fn selector(signature: &str) -> [u8; 4] {
    let hash = keccak256(signature.as_bytes());
    [hash[0], hash[1], hash[2], hash[3]]
}

/// `p` with its outermost array dimension removed, and that dimension
/// (`None` for `T[]`, `Some(k)` for `T[k]`); `None` if `p` is no array.
fn element(p: &Value) -> Option<(Value, Option<usize>)> {
    let ty = str_of(p, "type");
    if !ty.ends_with(']') {
        return None;
    }
    let open = ty.rfind('[').expect("array type");
    let dim = &ty[open + 1..ty.len() - 1];
    let mut elem = p.clone();
    elem["type"] = Value::String(ty[..open].to_string());
    Some((elem, if dim.is_empty() { None } else { Some(dim.parse().expect("array length")) }))
}

fn is_dynamic(p: &Value) -> bool {
    match element(p) {
        Some((_, None)) => true,
        Some((elem, Some(_))) => is_dynamic(&elem),
        None => match str_of(p, "type") {
            "bytes" | "string" => true,
            t if t.starts_with("tuple") => params(p, "components").iter().any(is_dynamic),
            _ => false,
        },
    }
}

/// Words a static parameter takes in place.
fn static_words(p: &Value) -> usize {
    match element(p) {
        Some((elem, Some(k))) => k * static_words(&elem),
        Some((_, None)) => unreachable!("dynamic"),
        None if str_of(p, "type").starts_with("tuple") => params(p, "components").iter().map(static_words).sum(),
        None => 1,
    }
}

/// The encoding of a zero value of `p` (its tail if dynamic, its words if
/// static): empty arrays, bytes and strings, zero words.
fn zero_value(p: &Value) -> Vec<u8> {
    if !is_dynamic(p) {
        return vec![0; 32 * static_words(p)];
    }
    match element(p) {
        Some((_, None)) => vec![0; 32], // length 0
        Some((elem, Some(k))) => encode_zero(&vec![elem; k]),
        None if str_of(p, "type").starts_with("tuple") => encode_zero(&params(p, "components")),
        None => vec![0; 32], // bytes / string of length 0
    }
}

/// Zero values of `ps` encoded as one tuple (heads, then tails).
fn encode_zero(ps: &[Value]) -> Vec<u8> {
    let head_len: usize = ps.iter().map(|p| if is_dynamic(p) { 32 } else { 32 * static_words(p) }).sum();
    let (mut head, mut tail) = (Vec::new(), Vec::new());
    for p in ps {
        if is_dynamic(p) {
            head.extend_from_slice(&U256::from(head_len + tail.len()).to_be_bytes::<32>());
            tail.extend(zero_value(p));
        } else {
            head.extend(zero_value(p));
        }
    }
    head.extend(tail);
    head
}

/// Bytes of the head of `outputs`: what a successful answer holds at least.
fn head_len(outputs: &[Value]) -> usize {
    outputs.iter().map(|p| if is_dynamic(p) { 32 } else { 32 * static_words(p) }).sum()
}

fn calldata(f: &Value) -> Vec<u8> {
    let mut data = selector(&signature(f)).to_vec();
    data.extend(encode_zero(&params(f, "inputs")));
    data
}

/// The caller of the probes: a dev account with no role.
const PROBE: usize = 9;

/// An `eth_call` that reverted with empty data: what an unknown selector
/// (or undecodable arguments) gives on Stylus SDK 0.9.
fn is_empty_revert(r: &Result<Bytes, Revert>) -> bool {
    match r {
        Err(revert) => {
            assert!(revert.message.contains("revert"), "not a revert but a node error: {}", revert.message);
            revert.data.is_empty()
        }
        Ok(_) => false,
    }
}

/// Calls every function of `contract`'s JSON on `to`; returns how many were
/// checked, after asserting each one reached its function.
fn check_all<E: SolInterface>(sys: &System, contract: &str, to: Address, sol_selectors: &[[u8; 4]]) -> usize {
    let items = abi(&sys.root, contract);
    let functions: Vec<&Value> = items.iter().filter(|i| i["type"] == "function").collect();
    let errors: BTreeSet<[u8; 4]> = items
        .iter()
        .filter(|i| i["type"] == "error")
        .map(|e| {
            let inputs: Vec<String> = params(e, "inputs").iter().map(canonical).collect();
            selector(&format!("{}({})", str_of(e, "name"), inputs.join(",")))
        })
        .collect();
    let json_selectors: BTreeSet<[u8; 4]> = functions.iter().map(|f| selector(&signature(f))).collect();
    assert_eq!(json_selectors.len(), functions.len(), "{contract}: two functions share a selector");
    assert_eq!(
        json_selectors,
        sol_selectors.iter().copied().collect::<BTreeSet<_>>(),
        "{contract}: abi/{contract}.json and abi/{contract}.sol declare different selectors"
    );
    let mut checked = 0;
    let mut answered = 0;
    for f in &functions {
        let sig = signature(f);
        let result = sys.client.call_raw(sys.at(PROBE), to, calldata(f), U256::ZERO);
        match &result {
            Ok(out) => {
                let outputs = params(f, "outputs");
                if outputs.is_empty() {
                    assert!(out.is_empty(), "{contract}.{sig} declares no output but answered {out}");
                } else {
                    assert!(out.len() >= head_len(&outputs), "{contract}.{sig}: answer {out} shorter than its outputs");
                }
                answered += 1;
            }
            Err(revert) => {
                assert!(
                    !revert.data.is_empty(),
                    "{contract}.{sig} (0x{}) reverted with empty data: the router did not reach it ({})",
                    alloy_primitives::hex::encode(selector(&sig)),
                    revert.message
                );
                let head: [u8; 4] = revert.data[..4.min(revert.data.len())].try_into().unwrap_or_default();
                assert!(errors.contains(&head), "{contract}.{sig}: revert {} is no error of the JSON", revert.data);
                assert!(
                    E::abi_decode(&revert.data, true).is_ok(),
                    "{contract}.{sig}: revert {} does not decode as a declared error",
                    revert.data
                );
            }
        }
        checked += 1;
    }
    println!("{contract}: {checked} functions reach their code ({answered} answered, {} refused)", checked - answered);
    checked
}

#[test]
fn an_unknown_selector_reverts_with_empty_data() {
    let sys = fresh();
    for to in [sys.token, sys.rewards, sys.council, sys.governor] {
        let made_up = selector("notAFunction()").to_vec();
        assert!(is_empty_revert(&sys.client.call_raw(sys.at(PROBE), to, made_up, U256::ZERO)), "{to}");
        // Also with arguments, and with no selector at all.
        let mut with_args = selector("notAFunction(uint256)").to_vec();
        with_args.extend([0u8; 32]);
        assert!(is_empty_revert(&sys.client.call_raw(sys.at(PROBE), to, with_args, U256::ZERO)), "{to}");
    }
    // Undecodable arguments revert empty too (so the probes below encode
    // every argument): `claim(uint64[])` without its array, then with it.
    let claim = FLTRewards::claimCall { epochs: vec![] }.abi_encode();
    let r = sys.client.call_raw(sys.at(PROBE), sys.rewards, claim[..4].to_vec(), U256::ZERO);
    assert!(is_empty_revert(&r), "{r:?}");
    let r = sys.client.call_raw(sys.at(PROBE), sys.rewards, claim, U256::ZERO).expect_err("empty claim");
    same_error(&r.decode::<FLTRewards::IFLTRewardsErrors>(), &FLTRewards::FLTEmptyClaim {});
}

#[test]
fn record_contributions_is_routed_under_its_tuple_selector_only() {
    let sys = fresh();
    let tuple = selector("recordContributions((address,bytes32,uint32,uint32)[])");
    assert_eq!(tuple, [0x58, 0xb7, 0xcc, 0x6a]);
    assert_eq!(tuple, FLTRewards::recordContributionsCall::SELECTOR);
    let struct_name = selector("recordContributions(Contribution[])");
    assert_eq!(struct_name, [0x07, 0x18, 0xab, 0x27]);
    let stranger = sys.at(PROBE);
    // An empty list, and one zeroed item.
    let empty = FLTRewards::recordContributionsCall { contributions: vec![] }.abi_encode();
    let one = FLTRewards::recordContributionsCall {
        contributions: vec![FLTRewards::Contribution {
            contributor: Address::ZERO,
            contributionId: Default::default(),
            previousAccuracy: 0,
            newAccuracy: 0,
        }],
    }
    .abi_encode();
    for args in [&empty, &one] {
        let mut old = struct_name.to_vec();
        old.extend_from_slice(&args[4..]);
        let r = sys.client.call_raw(stranger, sys.rewards, old, U256::ZERO);
        assert!(is_empty_revert(&r), "the struct-name selector must be unknown: {r:?}");
        let refused =
            sys.client.call_raw(stranger, sys.rewards, args.clone(), U256::ZERO).expect_err("not a validator");
        same_error(
            &refused.decode::<FLTRewards::IFLTRewardsErrors>(),
            &FLTRewards::FLTNotValidator { caller: stranger },
        );
    }
    // From the validator the tuple form decodes the items: the empty batch and
    // the zeroed item are refused for what they are.
    let validator = sys.at(flt_node_tests::system::role::VALIDATOR);
    let refused = sys.client.call_raw(validator, sys.rewards, empty, U256::ZERO).expect_err("empty");
    same_error(&refused.decode::<FLTRewards::IFLTRewardsErrors>(), &FLTRewards::FLTEmptyBatch {});
    let refused = sys.client.call_raw(validator, sys.rewards, one, U256::ZERO).expect_err("unregistered");
    same_error(
        &refused.decode::<FLTRewards::IFLTRewardsErrors>(),
        &FLTRewards::FLTNotRegistered { contributor: Address::ZERO },
    );
}

#[test]
fn the_zero_encoder_agrees_with_alloy() {
    let sys = fresh();
    let rewards = abi(&sys.root, "FLTRewards");
    let governor = abi(&sys.root, "FLTGovernor");
    let token = abi(&sys.root, "FLToken");
    let find = |items: &[Value], name: &str| -> Vec<u8> {
        calldata(items.iter().find(|i| i["type"] == "function" && i["name"] == name).expect(name))
    };
    assert_eq!(
        find(&rewards, "recordContributions"),
        FLTRewards::recordContributionsCall { contributions: vec![] }.abi_encode()
    );
    assert_eq!(
        find(&rewards, "claimFor"),
        FLTRewards::claimForCall { contributor: Address::ZERO, epochs: vec![] }.abi_encode()
    );
    assert_eq!(
        find(&governor, "propose"),
        FLTGovernor::proposeCall { targets: vec![], values: vec![], calldatas: vec![], description: String::new() }
            .abi_encode()
    );
    assert_eq!(
        find(&governor, "castVoteBySig"),
        FLTGovernor::castVoteBySigCall {
            proposalId: U256::ZERO,
            support: 0,
            voter: Address::ZERO,
            signature: Bytes::new()
        }
        .abi_encode()
    );
    assert_eq!(
        find(&token, "permit"),
        FLToken::permitCall {
            owner: Address::ZERO,
            spender: Address::ZERO,
            value: U256::ZERO,
            deadline: U256::ZERO,
            v: 0,
            r: Default::default(),
            s: Default::default()
        }
        .abi_encode()
    );
}

#[test]
fn every_function_of_the_json_reaches_its_code() {
    let sys = fresh();
    let token = check_all::<FLToken::IFLTokenErrors>(&sys, "FLToken", sys.token, FLToken::IFLTokenCalls::SELECTORS);
    let rewards = check_all::<FLTRewards::IFLTRewardsErrors>(
        &sys,
        "FLTRewards",
        sys.rewards,
        FLTRewards::IFLTRewardsCalls::SELECTORS,
    );
    let council = check_all::<FLTCouncil::IFLTCouncilErrors>(
        &sys,
        "FLTCouncil",
        sys.council,
        FLTCouncil::IFLTCouncilCalls::SELECTORS,
    );
    let governor = check_all::<FLTGovernor::IFLTGovernorErrors>(
        &sys,
        "FLTGovernor",
        sys.governor,
        FLTGovernor::IFLTGovernorCalls::SELECTORS,
    );
    let count = |c: &str| abi(&sys.root, c).iter().filter(|i| i["type"] == "function").count();
    assert_eq!(
        (token, rewards, council, governor),
        (count("FLToken"), count("FLTRewards"), count("FLTCouncil"), count("FLTGovernor"))
    );
    assert_eq!((token, rewards, council, governor), (34, 25, 10, 39), "the published surface");
}
