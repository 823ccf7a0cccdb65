//! Shared steps of the end-to-end flows: fresh funded accounts,
//! registration, recording by the validator, claims, earning FLT the only
//! way holders get it (register + record + wait for the time lock + claim),
//! block times, and refusals compared with the expected custom error value.

use alloy_primitives::{keccak256, Address, Bytes, B256, U256};
use alloy_sol_types::{SolCall, SolError, SolInterface};
use serde_json::json;

use crate::{
    abi::{FLTCouncil, FLTGovernor, FLTRewards, FLToken},
    client::Receipt,
    system::{role, System},
};

/// An accuracy in the middle of the range (80 %).
pub const BASE: u32 = 800_000;

/// Contribution id `n`.
pub fn cid(n: u64) -> B256 {
    B256::from(U256::from(n))
}

pub fn item(contributor: Address, id: u64, previous: u32, new: u32) -> FLTRewards::Contribution {
    FLTRewards::Contribution { contributor, contributionId: cid(id), previousAccuracy: previous, newAccuracy: new }
}

pub fn validator(sys: &System) -> Address {
    sys.at(role::VALIDATOR)
}

/// A fresh account `n` (no dev key): impersonated on the node and given
/// 100 ETH for gas, so it can send transactions like a wallet.
pub fn account(sys: &System, n: u64) -> Address {
    let who = Address::from_slice(&keccak256(format!("flt-node-tests account {n}"))[12..]);
    sys.node.rpc("anvil_impersonateAccount", json!([who])).expect("anvil_impersonateAccount");
    sys.node.set_balance(who, U256::from(100u128 * 10u128.pow(18))).expect("anvil_setBalance");
    who
}

/// The node id a contributor registers with in these tests.
pub fn node_id(who: Address) -> B256 {
    keccak256(who.as_slice())
}

/// `registerContributor(node_id(who))` from `who`.
pub fn register(sys: &System, who: Address) -> Receipt {
    sys.client.send(who, sys.rewards, &FLTRewards::registerContributorCall { nodeId: node_id(who) })
}

/// `recordContribution` by the validator.
pub fn record(sys: &System, who: Address, id: u64, previous: u32, new: u32) -> Receipt {
    sys.client.send(
        validator(sys),
        sys.rewards,
        &FLTRewards::recordContributionCall {
            contributor: who,
            contributionId: cid(id),
            previousAccuracy: previous,
            newAccuracy: new,
        },
    )
}

/// `recordContributions` by the validator (the client's gas limit covers
/// 100 items).
pub fn record_batch(sys: &System, items: Vec<FLTRewards::Contribution>) -> Receipt {
    sys.client.send(validator(sys), sys.rewards, &FLTRewards::recordContributionsCall { contributions: items })
}

pub fn claim(sys: &System, who: Address, epochs: Vec<u64>) -> Receipt {
    sys.client.send(who, sys.rewards, &FLTRewards::claimCall { epochs })
}

/// `(index, start, end)` of the current epoch.
pub fn current_epoch(sys: &System) -> (u64, u64, u64) {
    let r = sys.client.call(sys.rewards, &FLTRewards::currentEpochCall {});
    (r._0, r._1, r._2)
}

/// When claims for `epoch` open.
pub fn claims_open(sys: &System, epoch: u64) -> u64 {
    sys.client.call(sys.rewards, &FLTRewards::epochInfoCall { epoch })._2
}

/// `(reserve, earmarked)`.
pub fn accounting(sys: &System) -> (U256, U256) {
    let r = sys.client.call(sys.rewards, &FLTRewards::accountingCall {});
    (r._0, r._1)
}

/// The timestamp of block `number`.
pub fn block_time(sys: &System, number: u64) -> u64 {
    let block = sys.node.rpc("eth_getBlockByNumber", json!([format!("0x{number:x}"), false])).expect("block");
    let hex = block["timestamp"].as_str().expect("timestamp");
    u64::from_str_radix(hex.trim_start_matches("0x"), 16).expect("hex timestamp")
}

/// `who` earns FLT as a lone contributor: registers (unless it is), gets
/// one neutral contribution `id` recorded in the current epoch, waits until
/// that epoch's claims open and claims it. A lone contributor's payout is
/// the cap, 10 % of the weekly pool (100,000 FLT with the defaults); no
/// one else may contribute in that epoch for the amount to be that.
/// Returns the epoch and the payout.
pub fn earn(sys: &System, who: Address, id: u64) -> (u64, U256) {
    let registered = sys.client.call(sys.rewards, &FLTRewards::contributorInfoCall { contributor: who })._0;
    if !registered {
        register(sys, who);
    }
    let epoch = current_epoch(sys).0;
    record(sys, who, id, BASE, BASE);
    sys.warp(claims_open(sys, epoch));
    let before = sys.balance(who);
    let receipt = claim(sys, who, vec![epoch]);
    let paid = receipt.event::<FLTRewards::RewardClaimed>(sys.rewards).payout;
    assert_eq!(sys.balance(who), before + paid, "the claim paid {who}");
    (epoch, paid)
}

/// The revert decoded as one of `E`'s errors must be exactly `want`
/// (compared encoded: `want` is one error type, `got` the contract's enum).
pub fn same_error<E: SolInterface, W: SolError>(got: &E, want: &W) {
    assert_eq!(
        Bytes::from(got.abi_encode()),
        Bytes::from(want.abi_encode()),
        "expected {} with these values, got another error or other values",
        W::SIGNATURE
    );
}

/// A transaction to FLTRewards that must be refused (mined, failed on
/// chain) with exactly `want`.
pub fn refuse_rewards<C: SolCall, W: SolError>(sys: &System, from: Address, call: &C, want: W) {
    let got: FLTRewards::IFLTRewardsErrors = sys.client.refuse(from, sys.rewards, call);
    same_error(&got, &want);
}

/// A transaction to FLToken that must be refused with exactly `want`.
pub fn refuse_token<C: SolCall, W: SolError>(sys: &System, from: Address, call: &C, want: W) {
    let got: FLToken::IFLTokenErrors = sys.client.refuse(from, sys.token, call);
    same_error(&got, &want);
}

/// A transaction to FLTCouncil that must be refused with exactly `want`.
pub fn refuse_council<C: SolCall, W: SolError>(sys: &System, from: Address, call: &C, want: W) {
    let got: FLTCouncil::IFLTCouncilErrors = sys.client.refuse(from, sys.council, call);
    same_error(&got, &want);
}

/// A transaction to FLTGovernor that must be refused with exactly `want`.
pub fn refuse_governor<C: SolCall, W: SolError>(sys: &System, from: Address, call: &C, want: W) {
    let got: FLTGovernor::IFLTGovernorErrors = sys.client.refuse(from, sys.governor, call);
    same_error(&got, &want);
}
