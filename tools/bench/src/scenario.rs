//! The operations measured, in the order a real network meets them. The
//! token and governance parts run unchanged against FLToken/FLTGovernor and
//! against the OpenZeppelin contracts (same ABI, same accounts, same state
//! shape: the same slots are zero or non-zero before each measured call).
//!
//! Every step checks that it did what its row claims (the event it must
//! emit, the state it must change); no gas figure is asserted.

use alloy_primitives::{address, keccak256, Address, Bytes, B256, U256};
use alloy_sol_types::{sol, SolCall, SolEvent, SolValue};
use flt_node::dev;
use flt_node_tests::{
    abi::{FLTCouncil, FLTGovernor, FLTRewards, FLToken},
    Receipt, DAY, FLT, GENESIS_TIME, WEEK,
};

use crate::bench::{delegation_hash, permit_hash, sign_typed, Bench};

/// Dev accounts' parts (`deploy/networks/local.toml`: council 0, 1, 2;
/// validator 3).
pub const COUNCIL: [usize; 3] = [0, 1, 2];
pub const VALIDATOR: usize = 3;
/// Contributors and, once paid, holders.
pub const ALICE: usize = 4;
pub const BOB: usize = 5;
pub const CAROL: usize = 6;
pub const DAVE: usize = 7;
/// The fresh recipient, later the staker.
pub const HOLDER: usize = 8;
/// A third party: spender, relayer, keeper.
pub const OTHER: usize = 9;
/// Contributors recorded in batches (1 + 10 + 100), impersonated.
pub const BATCH_CONTRIBUTORS: u64 = 111;
/// Deadline of the permit and expiry of the delegation signed: a constant
/// after the scenario's end, so that every run signs the same digests (a
/// signature's zero bytes change its calldata cost by 12 gas each).
pub const SIGNATURES_VALID_UNTIL: u64 = GENESIS_TIME + 365 * DAY;
/// The validator the measured council action adds.
pub const NEW_VALIDATOR: Address = address!("00000000000000000000000000000000000b0a1d");

sol! {
    /// OpenZeppelin's TimelockController, the part the bench uses.
    interface Timelock {
        function PROPOSER_ROLE() external view returns (bytes32);
        function CANCELLER_ROLE() external view returns (bytes32);
        function grantRole(bytes32 role, address account) external;
    }
    /// tools/bench/solidity/BenchParams.sol.
    interface BenchParams {
        function parameter(uint8 id) external view returns (uint256);
        function setParameter(uint8 id, uint256 value) external;
    }
}

fn at(i: usize) -> Address {
    dev::address(i)
}

pub fn flt(n: u64) -> U256 {
    U256::from(n) * U256::from(FLT)
}

fn need(ok: bool, what: impl FnOnce() -> String) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(format!("scenario check failed: {}", what()))
    }
}

fn events<E: SolEvent>(r: &Receipt, emitter: Address) -> Result<Vec<E>, String> {
    r.logs
        .iter()
        .filter(|l| l.address == emitter && l.topics().first() == Some(&E::SIGNATURE_HASH))
        .map(|l| E::decode_log_data(&l.data, true).map_err(|e| format!("{}: {e}", E::SIGNATURE)))
        .collect()
}

fn to_u64(v: U256, what: &str) -> Result<u64, String> {
    u64::try_from(v).map_err(|_| format!("{what} {v} does not fit u64"))
}

/// The address of batch contributor `i`.
pub fn batch_contributor(i: u64) -> Address {
    let mut word = [0u8; 20];
    word[..4].copy_from_slice(&[0xb0, 0x0c, 0x00, 0x00]);
    word[12..].copy_from_slice(&i.to_be_bytes());
    Address::from(word)
}

fn node_id(who: Address) -> B256 {
    keccak256(who.as_slice())
}

/// A contribution: +0.5 pp for the named contributors, no change for the
/// batch ones (both count).
fn contribution(b: &Bench, who: Address, gain: u32) -> FLTRewards::Contribution {
    FLTRewards::Contribution {
        contributor: who,
        contributionId: b.contribution_id(),
        previousAccuracy: 800_000,
        newAccuracy: 800_000 + gain,
    }
}

fn record(b: &Bench, who: Address) -> FLTRewards::recordContributionCall {
    let c = contribution(b, who, 5_000);
    FLTRewards::recordContributionCall {
        contributor: c.contributor,
        contributionId: c.contributionId,
        previousAccuracy: c.previousAccuracy,
        newAccuracy: c.newAccuracy,
    }
}

fn balance(b: &Bench, token: Address, who: Address) -> Result<U256, String> {
    Ok(b.view(token, &FLToken::balanceOfCall { account: who })?._0)
}

fn allowance(b: &Bench, token: Address, owner: Address, spender: Address) -> Result<U256, String> {
    Ok(b.view(token, &FLToken::allowanceCall { owner, spender })?._0)
}

/// A `Transfer(from, to, value)` and nothing else from the token.
fn plain_transfer(r: &Receipt, token: Address, from: Address, to: Address, value: U256) -> Result<(), String> {
    let t = events::<FLToken::Transfer>(r, token)?;
    need(t.len() == 1 && t[0].from == from && t[0].to == to && t[0].value == value, || {
        format!("one Transfer({from}, {to}, {value}), got {}", t.len())
    })
}

/// FLTRewards' contributors, recordings and claims; then the token,
/// staking, governance and council operations; the pause last.
pub fn stylus(b: &Bench) -> Result<(), String> {
    let sys = b.sys;
    let (token, rewards, council, gov) = (sys.token, sys.rewards, sys.council, sys.governor);
    let (v, alice, bob, carol, dave, other) = (at(VALIDATOR), at(ALICE), at(BOB), at(CAROL), at(DAVE), at(OTHER));
    let week = |k: u64| sys.genesis + k * WEEK;

    // Epoch 0: registrations, the first recordings, the batches.
    let r = b.measure("register", alice, rewards, &FLTRewards::registerContributorCall { nodeId: node_id(alice) })?;
    need(events::<FLTRewards::ContributorRegistered>(&r, rewards)?.len() == 1, || "ContributorRegistered".into())?;
    for who in [bob, carol, dave] {
        b.tx(who, rewards, &FLTRewards::registerContributorCall { nodeId: node_id(who) })?;
    }
    let batch: Vec<Address> = (0..BATCH_CONTRIBUTORS).map(batch_contributor).collect();
    for &x in &batch {
        b.impersonate(x)?;
        b.tx(x, rewards, &FLTRewards::registerContributorCall { nodeId: node_id(x) })?;
    }
    let r = b.measure("record_open", v, rewards, &record(b, alice))?;
    need(events::<FLTRewards::EpochClosed>(&r, rewards)?.is_empty(), || {
        "epoch 0's first recording closed an epoch".into()
    })?;
    b.measure("record_new", v, rewards, &record(b, bob))?;
    for who in [carol, dave] {
        b.tx(v, rewards, &record(b, who))?;
    }
    b.measure("record_again", v, rewards, &record(b, alice))?;
    let mut next = 0usize;
    for (key, n) in [("batch_1", 1usize), ("batch_10", 10), ("batch_100", 100)] {
        let items: Vec<_> = batch[next..next + n].iter().map(|&x| contribution(b, x, 0)).collect();
        next += n;
        let r = b.measure(key, v, rewards, &FLTRewards::recordContributionsCall { contributions: items })?;
        let recorded = events::<FLTRewards::ContributionRecorded>(&r, rewards)?.len();
        need(recorded == n, || format!("{key}: {recorded} ContributionRecorded"))?;
    }

    // Epoch 1: the roll-over closes epoch 0; its claims open a day later.
    b.jump(week(1) + 60);
    let r = b.measure("record_roll", v, rewards, &record(b, alice))?;
    let closed = events::<FLTRewards::EpochClosed>(&r, rewards)?;
    need(closed.len() == 1 && closed[0].epoch == 0, || "the first recording of epoch 1 closes epoch 0".into())?;
    for who in [bob, carol, dave] {
        b.tx(v, rewards, &record(b, who))?;
    }
    b.jump(week(1) + DAY + 60);
    // Payouts alternate between opening a slot of FLToken's supply history
    // (22,100) and filling the second half of it (5,000); the first payout
    // ever writes none. Dave's comes first, so the measured ones show both.
    b.tx(dave, rewards, &FLTRewards::claimCall { epochs: vec![0] })?;
    need(balance(b, token, bob)? == U256::ZERO, || "Bob holds no FLT before his first claim".into())?;
    let r = b.measure("claim_fresh", bob, rewards, &FLTRewards::claimCall { epochs: vec![0] })?;
    let paid = events::<FLTRewards::RewardClaimed>(&r, rewards)?;
    need(paid.len() == 1 && paid[0].contributor == bob && paid[0].payout > U256::ZERO, || {
        "Bob paid for epoch 0".into()
    })?;
    need(balance(b, token, carol)? == U256::ZERO, || "Carol holds no FLT before her first claim".into())?;
    let r =
        b.measure("claim_for", other, rewards, &FLTRewards::claimForCall { contributor: carol, epochs: vec![0] })?;
    need(events::<FLTRewards::RewardClaimed>(&r, rewards)?.len() == 1, || "claimFor pays Carol".into())?;
    need(balance(b, token, carol)? > U256::ZERO, || "Carol holds her payout".into())?;

    // Epochs 2 to 4; Bob and Carol, now holders, claim epoch 1 alone; Alice
    // claims four epochs at once.
    for k in 2..=3 {
        b.jump(week(k) + 60);
        for who in [alice, bob, carol, dave] {
            b.tx(v, rewards, &record(b, who))?;
        }
        if k == 2 {
            b.jump(week(2) + DAY + 60);
            need(balance(b, token, bob)? > U256::ZERO, || "Bob holds FLT from epoch 0".into())?;
            need(balance(b, token, carol)? > U256::ZERO, || "Carol holds FLT from epoch 0".into())?;
            for (key, who) in [("claim_1", bob), ("claim_1_rewrite", carol)] {
                let r = b.measure(key, who, rewards, &FLTRewards::claimCall { epochs: vec![1] })?;
                let paid = events::<FLTRewards::RewardClaimed>(&r, rewards)?;
                need(paid.len() == 1 && paid[0].epoch == 1 && paid[0].contributor == who, || {
                    format!("{key}: one payout for epoch 1")
                })?;
            }
        }
    }
    b.jump(week(4) + 60);
    for who in [alice, bob] {
        b.tx(v, rewards, &record(b, who))?;
    }
    b.jump(week(4) + DAY + 60);
    let r = b.measure("claim_4", alice, rewards, &FLTRewards::claimCall { epochs: vec![0, 1, 2, 3] })?;
    let paid = events::<FLTRewards::RewardClaimed>(&r, rewards)?.len();
    need(paid == 4, || format!("claim of 4 epochs paid {paid}"))?;
    b.tx(bob, rewards, &FLTRewards::claimCall { epochs: vec![2, 3] })?;

    token_ops(b, token)?;

    // Staking by the holder who received a transfer (not a contributor).
    let holder = at(HOLDER);
    let r = b.measure("stake", holder, token, &FLToken::stakeCall { amount: flt(10_000), tier: 0 })?;
    need(events::<FLToken::Staked>(&r, token)?.len() == 1, || "Staked".into())?;
    let r = b.measure("stake_top_up", holder, token, &FLToken::stakeCall { amount: flt(1_000), tier: 0 })?;
    let staked = events::<FLToken::Staked>(&r, token)?;
    need(staked.len() == 1 && staked[0].total == flt(11_000), || "the top-up makes 11,000 FLT".into())?;

    // Governance: a weekly-pool proposal with its council approvals (on FLTCouncil).
    let data = FLTRewards::setParameterCall { id: 0, value: flt(2_000_000) }.abi_encode();
    let approvals = |b: &Bench, id: U256| -> Result<(), String> {
        let approve = FLTCouncil::approveProposalCall { proposalId: id };
        let r = b.measure("approve_proposal", at(COUNCIL[0]), council, &approve)?;
        need(events::<FLTCouncil::ProposalApproved>(&r, council)?.len() == 1, || "ProposalApproved".into())?;
        b.tx(at(COUNCIL[1]), council, &approve).map(drop)
    };
    // The parameter change rolls epochs: close the open one first, so that
    // `execute` measures the proposal, not a roll-over.
    let close_epoch = |b: &Bench| b.tx(v, rewards, &record(b, alice)).map(drop);
    governance(b, gov, rewards, data, &approvals, &close_epoch)?;
    let pool = b.view(rewards, &FLTRewards::paramsCall {})?._0;
    need(pool.first() == Some(&flt(2_000_000)), || "the executed proposal set the weekly pool".into())?;

    // Council: one signer proposes adding a validator, the second approves
    // and so executes it (FLTCouncil -> FLTGovernor.relay -> FLTRewards).
    let r = b.measure(
        "council_propose",
        at(COUNCIL[0]),
        council,
        &FLTCouncil::councilProposeCall { kind: 0, data: NEW_VALIDATOR.abi_encode().into() },
    )?;
    let proposed = events::<FLTCouncil::CouncilActionProposed>(&r, council)?;
    let action = proposed.first().map(|p| p.actionId).ok_or("no CouncilActionProposed")?;
    let approve = FLTCouncil::councilApproveCall { actionId: action };
    let r = b.measure("council_approve", at(COUNCIL[1]), council, &approve)?;
    need(events::<FLTCouncil::CouncilActionExecuted>(&r, council)?.len() == 1, || {
        "the second approval executes".into()
    })?;
    need(b.view(rewards, &FLTRewards::isValidatorCall { account: NEW_VALIDATOR })?._0, || "validator added".into())?;

    // Unstake once the lock has ended.
    let lock_end = b.view(token, &FLToken::stakeOfCall { holder })?._2;
    b.jump(lock_end + 1);
    let r = b.measure("unstake", holder, token, &FLToken::unstakeCall {})?;
    need(events::<FLToken::Unstaked>(&r, token)?.len() == 1, || "Unstaked".into())?;

    // The emergency pause, last: it stops transfers, recording and claims.
    let r = b.measure("pause", at(COUNCIL[2]), council, &FLTCouncil::pauseCall {})?;
    need(events::<FLTGovernor::PauseSet>(&r, gov)?.len() == 1, || "PauseSet".into())?;
    Ok(())
}

/// The OpenZeppelin contracts deployed by [`deploy_solidity`].
#[derive(Debug, Clone, Copy)]
pub struct Solidity {
    pub token: Address,
    pub timelock: Address,
    pub governor: Address,
    pub params: Address,
}

/// Deploys the compiled OpenZeppelin contracts from dev account 0, which
/// receives the whole supply; the governor gets the timelock's proposer and
/// canceller roles, anyone may execute.
pub fn deploy_solidity(b: &Bench, code: &dyn Fn(&str) -> Result<Vec<u8>, String>) -> Result<Solidity, String> {
    let deployer = at(COUNCIL[0]);
    let token = b.deploy(deployer, code("BenchToken")?, "BenchToken")?;
    let timelock_args = (U256::from(2 * DAY), Vec::<Address>::new(), vec![Address::ZERO], deployer).abi_encode_params();
    let timelock = b.deploy(deployer, [code("TimelockController")?, timelock_args].concat(), "TimelockController")?;
    let governor =
        b.deploy(deployer, [code("BenchGovernor")?, (token, timelock).abi_encode_params()].concat(), "BenchGovernor")?;
    let params = b.deploy(deployer, [code("BenchParams")?, (timelock,).abi_encode_params()].concat(), "BenchParams")?;
    for role in
        [b.view(timelock, &Timelock::PROPOSER_ROLECall {})?._0, b.view(timelock, &Timelock::CANCELLER_ROLECall {})?._0]
    {
        b.tx(deployer, timelock, &Timelock::grantRoleCall { role, account: governor })?;
    }
    Ok(Solidity { token, timelock, governor, params })
}

/// The token and governance operations on the OpenZeppelin contracts.
/// Alice and Bob get their tokens from the deployer (OZ's quorum counts
/// the whole supply, so Alice gets enough to reach 4 % of it alone).
pub fn solidity(b: &Bench, s: &Solidity) -> Result<(), String> {
    let deployer = at(COUNCIL[0]);
    b.tx(deployer, s.token, &FLToken::transferCall { to: at(ALICE), value: flt(60_000_000) })?;
    b.tx(deployer, s.token, &FLToken::transferCall { to: at(BOB), value: flt(10_000_000) })?;
    token_ops(b, s.token)?;
    let data = BenchParams::setParameterCall { id: 0, value: flt(2_000_000) }.abi_encode();
    governance(b, s.governor, s.params, data, &|_, _| Ok(()), &|_| Ok(()))?;
    let set = b.view(s.params, &BenchParams::parameterCall { id: 0 })?._0;
    need(set == flt(2_000_000), || "the executed proposal set the parameter".into())
}

/// ERC20, permit and votes operations between Alice and Bob (both holding
/// tokens, neither delegating), the fresh holder and a third party.
fn token_ops(b: &Bench, token: Address) -> Result<(), String> {
    let (alice, bob, dave, holder, other) = (at(ALICE), at(BOB), at(DAVE), at(HOLDER), at(OTHER));
    need(balance(b, token, alice)? > flt(100_000) && balance(b, token, bob)? > U256::ZERO, || {
        "Alice and Bob hold tokens".into()
    })?;
    need(balance(b, token, holder)?.is_zero(), || "the fresh recipient holds nothing".into())?;

    let r = b.measure("transfer", alice, token, &FLToken::transferCall { to: bob, value: flt(1_000) })?;
    plain_transfer(&r, token, alice, bob, flt(1_000))?;
    need(events::<FLToken::DelegateVotesChanged>(&r, token)?.is_empty(), || "no votes move yet".into())?;
    let r = b.measure("transfer_fresh", alice, token, &FLToken::transferCall { to: holder, value: flt(50_000) })?;
    plain_transfer(&r, token, alice, holder, flt(50_000))?;

    need(allowance(b, token, alice, other)?.is_zero(), || "no allowance before approve".into())?;
    let r = b.measure("approve", alice, token, &FLToken::approveCall { spender: other, value: flt(1_000) })?;
    need(events::<FLToken::Approval>(&r, token)?.len() == 1, || "Approval".into())?;
    let r =
        b.measure("transfer_from", other, token, &FLToken::transferFromCall { from: alice, to: bob, value: flt(100) })?;
    plain_transfer(&r, token, alice, bob, flt(100))?;
    need(allowance(b, token, alice, other)? == flt(900), || "the finite allowance is spent".into())?;
    b.tx(alice, token, &FLToken::approveCall { spender: holder, value: U256::MAX })?;
    let r = b.measure(
        "transfer_from_max",
        holder,
        token,
        &FLToken::transferFromCall { from: alice, to: bob, value: flt(100) },
    )?;
    plain_transfer(&r, token, alice, bob, flt(100))?;
    need(allowance(b, token, alice, holder)? == U256::MAX, || "the infinite allowance stays".into())?;

    // Permit: Alice signs an allowance for Dave, the third party relays it.
    let domain = b.view(token, &FLToken::DOMAIN_SEPARATORCall {})?._0;
    let nonce = b.view(token, &FLToken::noncesCall { owner: alice })?._0;
    let deadline = U256::from(SIGNATURES_VALID_UNTIL);
    let (v, r, s) = sign_typed(ALICE, domain, permit_hash(alice, dave, flt(500), nonce, deadline))?;
    need(allowance(b, token, alice, dave)?.is_zero(), || "no allowance before permit".into())?;
    b.measure(
        "permit",
        other,
        token,
        &FLToken::permitCall { owner: alice, spender: dave, value: flt(500), deadline, v, r, s },
    )?;
    need(allowance(b, token, alice, dave)? == flt(500), || "permit set the allowance".into())?;

    // Votes: Alice delegates to herself; Bob signs, the third party relays.
    let r = b.measure("delegate", alice, token, &FLToken::delegateCall { delegatee: alice })?;
    need(events::<FLToken::DelegateChanged>(&r, token)?.len() == 1, || "DelegateChanged".into())?;
    let nonce = b.view(token, &FLToken::noncesCall { owner: bob })?._0;
    let expiry = U256::from(SIGNATURES_VALID_UNTIL);
    let (v, r, s) = sign_typed(BOB, domain, delegation_hash(bob, nonce, expiry))?;
    b.measure("delegate_by_sig", other, token, &FLToken::delegateBySigCall { delegatee: bob, nonce, expiry, v, r, s })?;
    need(b.view(token, &FLToken::delegatesCall { account: bob })?._0 == bob, || "Bob delegates to himself".into())?;
    let r = b.measure("transfer_delegated", alice, token, &FLToken::transferCall { to: bob, value: flt(1_000) })?;
    let moved = events::<FLToken::DelegateVotesChanged>(&r, token)?.len();
    need(moved == 2, || format!("a transfer between delegates moves both sides' votes, got {moved} events"))
}

/// Alice proposes one `setParameter` action on `target`; Alice votes for,
/// Bob votes for with a reason; queue after the vote, execute at the eta.
fn governance(
    b: &Bench,
    gov: Address,
    target: Address,
    calldata: Vec<u8>,
    approvals: &dyn Fn(&Bench, U256) -> Result<(), String>,
    before_queue: &dyn Fn(&Bench) -> Result<(), String>,
) -> Result<(), String> {
    let (alice, bob) = (at(ALICE), at(BOB));
    let targets = vec![target];
    let values = vec![U256::ZERO];
    let calldatas = vec![Bytes::from(calldata)];
    let description = "flt-bench: raise the weekly pool to 2,000,000 FLT".to_string();
    let description_hash = keccak256(description.as_bytes());
    let r = b.measure(
        "propose",
        alice,
        gov,
        &FLTGovernor::proposeCall {
            targets: targets.clone(),
            values: values.clone(),
            calldatas: calldatas.clone(),
            description,
        },
    )?;
    let created = events::<FLTGovernor::ProposalCreated>(&r, gov)?;
    let id = created.first().map(|c| c.proposalId).ok_or("no ProposalCreated")?;
    approvals(b, id)?;

    let snapshot = to_u64(b.view(gov, &FLTGovernor::proposalSnapshotCall { proposalId: id })?._0, "snapshot")?;
    b.jump(snapshot + 1);
    let r = b.measure("cast_vote", alice, gov, &FLTGovernor::castVoteCall { proposalId: id, support: 1 })?;
    let cast = events::<FLTGovernor::VoteCast>(&r, gov)?;
    need(cast.len() == 1 && cast[0].weight > U256::ZERO, || "Alice's vote has weight".into())?;
    let reason = "More contributors joined: a bigger pool keeps the floor meaningful.".to_string();
    let r = b.measure(
        "cast_vote_reason",
        bob,
        gov,
        &FLTGovernor::castVoteWithReasonCall { proposalId: id, support: 1, reason },
    )?;
    let cast = events::<FLTGovernor::VoteCast>(&r, gov)?;
    need(cast.len() == 1 && cast[0].weight > U256::ZERO, || "Bob's vote has weight".into())?;

    let deadline = to_u64(b.view(gov, &FLTGovernor::proposalDeadlineCall { proposalId: id })?._0, "deadline")?;
    b.jump(deadline + 1);
    before_queue(b)?;
    let queue = FLTGovernor::queueCall {
        targets: targets.clone(),
        values: values.clone(),
        calldatas: calldatas.clone(),
        descriptionHash: description_hash,
    };
    let r = b.measure("queue", alice, gov, &queue)?;
    need(events::<FLTGovernor::ProposalQueued>(&r, gov)?.len() == 1, || "ProposalQueued (did the vote pass?)".into())?;
    let eta = to_u64(b.view(gov, &FLTGovernor::proposalEtaCall { proposalId: id })?._0, "eta")?;
    b.jump(eta + 1);
    let execute = FLTGovernor::executeCall { targets, values, calldatas, descriptionHash: description_hash };
    let r = b.measure("execute", alice, gov, &execute)?;
    need(events::<FLTGovernor::ProposalExecuted>(&r, gov)?.len() == 1, || "ProposalExecuted".into())
}
