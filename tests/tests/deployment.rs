//! Deployment and the one-time wiring of FLTRewards and FLToken (SPEC.md
//! section 2): the reserve starts with the whole supply.

use alloy_primitives::{Address, U256};
use fl_rewards::{
    errors::*,
    events::{ValidatorSet, Wired},
    FLTRewards,
};
use fl_token::{FLToken, TOTAL_SUPPLY};
use flt_system_tests::*;
use motsu::prelude::*;

#[motsu::test]
fn deploy_and_wire() {
    let s = System::deploy();
    let r = s.rewards.sender(s.deployer);
    assert_eq!(r.token(), s.token.address());
    assert_eq!(s.balance(s.rewards.address()), TOTAL_SUPPLY);
    assert_eq!(r.accounting(), (TOTAL_SUPPLY, U256::ZERO));
    s.rewards.assert_emitted(&Wired { token: s.token.address(), governor: s.governor, reserve: TOTAL_SUPPLY });
    assert_eq!((r.governor(), s.token.sender(s.deployer).governor()), (s.governor, s.governor));
    s.rewards.assert_emitted(&ValidatorSet { validator: s.validator, allowed: true });
    assert_eq!(r.current_epoch().motsu_unwrap(), (0, T0, T0 + WEEK));
    let defaults = [POOL, U256::from(WEEK), U256::from(1_000u32), U256::from(10u32), U256::from(1u32)];
    assert_eq!(r.params()[..5], defaults);
    assert_eq!(r.params().len(), 12);
    s.assert_invariants();
}

#[motsu::test]
fn genesis_in_the_past_is_refused(rewards: Contract<FLTRewards>, deployer: Address) {
    let err = rewards.sender(deployer).constructor(T0 - 1, vec![], deployer).motsu_unwrap_err();
    assert_eq!(err, Error::GenesisInPast(FLTGenesisInPast { genesis: T0 - 1, now: T0 }));
    assert!(rewards.all_events().is_empty());
}

#[motsu::test]
fn zero_or_duplicate_validators_are_refused(rewards: Contract<FLTRewards>, deployer: Address, v: Address) {
    let err = rewards.sender(deployer).constructor(0, vec![v, Address::ZERO], deployer).motsu_unwrap_err();
    assert_eq!(err, Error::InvalidValidator(FLTInvalidValidator { validator: Address::ZERO }));
    let err = rewards.sender(deployer).constructor(0, vec![v, v], deployer).motsu_unwrap_err();
    assert_eq!(err, Error::InvalidValidator(FLTInvalidValidator { validator: v }));
    assert!(!rewards.sender(deployer).is_validator(v), "rolled back");
    assert!(rewards.all_events().is_empty());
}

#[motsu::test]
fn only_the_wirer_wires_once_and_only_a_matching_token() {
    let s = System::undeployed();
    s.rewards.sender(s.deployer).constructor(0, vec![s.validator], s.deployer).motsu_unwrap();
    s.token.sender(s.deployer).constructor(s.rewards.address()).motsu_unwrap();
    let token = s.token.address();
    let attacker = addr(666);
    let err = s.rewards.sender(attacker).wire(token, s.governor).motsu_unwrap_err();
    assert_eq!(err, Error::WiringRefused(FLTWiringRefused { caller: attacker, token }));
    // A token whose reserve is someone else.
    let other: Contract<FLToken> = Contract::new();
    other.sender(s.deployer).constructor(attacker).motsu_unwrap();
    let err = s.rewards.sender(s.deployer).wire(other.address(), s.governor).motsu_unwrap_err();
    assert_eq!(err, Error::WiringRefused(FLTWiringRefused { caller: s.deployer, token: other.address() }));
    let err = s.rewards.sender(s.deployer).wire(Address::ZERO, s.governor).motsu_unwrap_err();
    assert_eq!(err, Error::WiringRefused(FLTWiringRefused { caller: s.deployer, token: Address::ZERO }));
    assert_eq!(s.rewards.sender(s.deployer).token(), Address::ZERO);
    let err = s.rewards.sender(s.deployer).wire(token, Address::ZERO).motsu_unwrap_err();
    assert_eq!(err, Error::WiringRefused(FLTWiringRefused { caller: s.deployer, token }));
    s.rewards.sender(s.deployer).wire(token, s.governor).motsu_unwrap();
    assert_eq!(s.token.sender(s.deployer).governor(), s.governor, "the wiring named the governor in FLToken");
    let err = s.rewards.sender(s.deployer).wire(token, s.governor).motsu_unwrap_err();
    assert_eq!(err, Error::WiringRefused(FLTWiringRefused { caller: s.deployer, token }));
    s.assert_invariants();
}
