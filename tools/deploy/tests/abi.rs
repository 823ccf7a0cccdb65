//! The calls the deployment makes match the contracts: every FLT function
//! against the generated abi/*.json, the constructor entry against
//! stylus-sdk's, and the constructor arguments against a hand-built layout.

mod support;

use alloy_primitives::{keccak256, Address, U256};
use alloy_sol_types::SolCall;
use flt_deploy::abi::{
    councilConstructorCall, governorConstructorCall, rewardsConstructorCall, stylus_constructorCall,
    tokenConstructorCall, FLTCouncil, FLTGovernor, FLTRewards, FLToken, Program,
};

/// `name(types)` of every function in abi/<contract>.json.
fn signatures(contract: &str) -> Vec<String> {
    let path = format!("{}/../../abi/{contract}.json", env!("CARGO_MANIFEST_DIR"));
    let abi: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    abi.as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "function")
        .map(|e| {
            let types: Vec<&str> =
                e["inputs"].as_array().unwrap().iter().map(|i| i["type"].as_str().unwrap()).collect();
            format!("{}({})", e["name"].as_str().unwrap(), types.join(","))
        })
        .collect()
}

#[test]
fn every_flt_call_exists_in_the_generated_abi() {
    let expect = |contract: &str, used: &[&str]| {
        let have = signatures(contract);
        for sig in used {
            assert!(have.iter().any(|h| h == sig), "{contract} has no {sig}");
        }
    };
    expect(
        "FLToken",
        &[
            FLToken::nameCall::SIGNATURE,
            FLToken::symbolCall::SIGNATURE,
            FLToken::decimalsCall::SIGNATURE,
            FLToken::totalSupplyCall::SIGNATURE,
            FLToken::balanceOfCall::SIGNATURE,
            FLToken::reserveCall::SIGNATURE,
            FLToken::governorCall::SIGNATURE,
        ],
    );
    expect(
        "FLTRewards",
        &[
            FLTRewards::wireCall::SIGNATURE,
            FLTRewards::tokenCall::SIGNATURE,
            FLTRewards::governorCall::SIGNATURE,
            FLTRewards::paramsCall::SIGNATURE,
            FLTRewards::isValidatorCall::SIGNATURE,
        ],
    );
    expect(
        "FLTCouncil",
        &[
            FLTCouncil::wireCall::SIGNATURE,
            FLTCouncil::governorCall::SIGNATURE,
            FLTCouncil::signersCall::SIGNATURE,
            FLTCouncil::councilInfoCall::SIGNATURE,
        ],
    );
    expect(
        "FLTGovernor",
        &[
            FLTGovernor::tokenCall::SIGNATURE,
            FLTGovernor::rewardsCall::SIGNATURE,
            FLTGovernor::councilCall::SIGNATURE,
            FLTGovernor::paramsCall::SIGNATURE,
        ],
    );
    // The council's functions left FLTGovernor with the split.
    assert!(!signatures("FLTGovernor").iter().any(|s| s == "signers()" || s == "councilInfo()"));
    // The check itself can fail: a name the ABI lacks is not found.
    assert!(!signatures("FLToken").iter().any(|s| s == "mint(address,uint256)"));
}

#[test]
fn the_constructor_entry_is_stylus_sdks() {
    assert_eq!(u32::from_be_bytes(stylus_constructorCall::SELECTOR), stylus_sdk::abi::CONSTRUCTOR_SELECTOR);
    assert_eq!(stylus_constructorCall::SELECTOR, keccak256("stylus_constructor()")[..4]);
}

#[test]
fn printed_constructor_signatures_match_the_encoded_ones() {
    let types = |printed: &str| -> String {
        let inner = printed.trim_start_matches("constructor(").trim_end_matches(')');
        inner.split(", ").map(|p| p.split(' ').next().unwrap()).collect::<Vec<_>>().join(",")
    };
    assert_eq!(
        format!("rewardsConstructor({})", types(Program::Rewards.constructor())),
        rewardsConstructorCall::SIGNATURE
    );
    assert_eq!(format!("tokenConstructor({})", types(Program::Token.constructor())), tokenConstructorCall::SIGNATURE);
    assert_eq!(
        format!("councilConstructor({})", types(Program::Council.constructor())),
        councilConstructorCall::SIGNATURE
    );
    assert_eq!(
        format!("governorConstructor({})", types(Program::Governor.constructor())),
        governorConstructorCall::SIGNATURE
    );
}

fn word(x: impl Into<U256>) -> [u8; 32] {
    x.into().to_be_bytes()
}

fn addr_word(a: Address) -> [u8; 32] {
    let mut w = [0u8; 32];
    w[12..].copy_from_slice(a.as_slice());
    w
}

#[test]
fn constructor_arguments_have_the_abi_layout() {
    let config = support::local();
    let wirer = Address::with_last_byte(0x77);
    let (rewards, token, council) =
        (Address::with_last_byte(1), Address::with_last_byte(2), Address::with_last_byte(3));
    let selector = &keccak256("stylus_constructor()")[..4];

    // (uint64 genesis, address[] validators, address wirer): head of three
    // words, the array at offset 0x60 as length then items.
    let mut expected = selector.to_vec();
    expected.extend(word(U256::from(config.genesis)));
    expected.extend(word(U256::from(0x60)));
    expected.extend(addr_word(wirer));
    expected.extend(word(U256::from(config.validators.len())));
    config.validators.iter().for_each(|v| expected.extend(addr_word(*v)));
    assert_eq!(Program::Rewards.init_data(&config, wirer, &[]), expected);

    let mut expected = selector.to_vec();
    expected.extend(addr_word(rewards));
    assert_eq!(Program::Token.init_data(&config, wirer, &[rewards]), expected);

    // (address[] signers, uint8 threshold, address wirer): the array at
    // offset 0x60.
    let mut expected = selector.to_vec();
    expected.extend(word(U256::from(0x60)));
    expected.extend(word(U256::from(config.threshold)));
    expected.extend(addr_word(wirer));
    expected.extend(word(U256::from(config.signers.len())));
    config.signers.iter().for_each(|s| expected.extend(addr_word(*s)));
    assert_eq!(Program::Council.init_data(&config, wirer, &[rewards, token]), expected);

    // (address council, address token, address rewards): three words.
    let mut expected = selector.to_vec();
    expected.extend(addr_word(council));
    expected.extend(addr_word(token));
    expected.extend(addr_word(rewards));
    assert_eq!(Program::Governor.init_data(&config, wirer, &[rewards, token, council]), expected);
}
