//! The VM against the mock (issue 13): the stateful test's sequences
//! (tests/src/stateful.rs: the same ops, scenes and step runner) replayed as
//! transactions on the local Stylus node, in lockstep with motsu. After
//! every step the two must agree on the outcome of each transaction (its
//! return word, or the ABI-encoded custom error it reverted with) and on the
//! state read back through views (balances, accounting, stakes, votes,
//! allowances, pauses, the current epoch, its entries and `epochInfo` of
//! it and the two before); each side also checks every invariant itself.
//!
//! Values that legitimately differ between the two deployments are
//! normalised: contract addresses (motsu's are mapped to the node's) and
//! proposal ids (a hash of the targets: paired when both sides create
//! one). Permits are signed for each side's own domain. Both sides use the
//! same actors (motsu's keys, impersonated on the node), the same council
//! and validator (motsu's addresses, in the node's deployment config) and
//! the same clock: the node starts at motsu's T0, motsu's epoch 0 opens at
//! the node deployment's genesis, and every block is mined at motsu's time.
//!
//! `FLT_DIFFERENTIAL_CASES` sets the number of sequences (default 3),
//! `FLT_DIFFERENTIAL_SEED` the generator's seed (default 0).

use alloy_primitives::{Address, Bytes, U256};
use alloy_sol_types::SolCall;
use flt_node_tests::{
    abi::{FLTCouncil, FLTGovernor, FLTRewards, FLToken},
    System,
};
use flt_system_tests::{
    stateful::{
        motsu,
        proptest::{
            strategy::{Strategy, ValueTree},
            test_runner::{Config, RngAlgorithm, TestRng, TestRunner},
        },
        sequence, Call, Chain, Counts, Harness, Motsu, Op, Outcome, Target,
    },
    EntryView, EpochView, T0,
};

/// [`Chain`] on the node: every transaction is mined at `now`, and the
/// latest block is always at `now` (views read it).
struct Node<'a> {
    sys: &'a System,
    now: u64,
    /// (count, seconds) of views and of transactions.
    cost: std::cell::Cell<[(u64, f64); 2]>,
}

impl Node<'_> {
    fn to(&self, target: Target) -> Address {
        match target {
            Target::Token => self.sys.token,
            Target::Rewards => self.sys.rewards,
            Target::Governor => self.sys.governor,
        }
    }

    fn view<C: SolCall>(&self, target: Target, call: &C) -> C::Return {
        let t = std::time::Instant::now();
        let r = self.sys.client.call(self.to(target), call);
        self.spent(0, t);
        r
    }

    fn spent(&self, i: usize, since: std::time::Instant) {
        let mut c = self.cost.get();
        c[i] = (c[i].0 + 1, c[i].1 + since.elapsed().as_secs_f64());
        self.cost.set(c);
    }
}

fn bytes(v: &[Bytes]) -> Vec<Bytes> {
    v.to_vec()
}

impl Chain for Node<'_> {
    fn send(&mut self, from: Address, call: &Call) -> Outcome {
        use Target::*;
        // FLTCouncil is no `Target` (no parameter lives there): its calls
        // go to its address.
        let council = |data: Vec<u8>| (None, data);
        let (target, data) = match call.clone() {
            Call::Transfer { to, amount } => (Some(Token), FLToken::transferCall { to, value: amount }.abi_encode()),
            Call::Approve { spender, amount } => {
                (Some(Token), FLToken::approveCall { spender, value: amount }.abi_encode())
            }
            Call::TransferFrom { from, to, amount } => {
                (Some(Token), FLToken::transferFromCall { from, to, value: amount }.abi_encode())
            }
            Call::Stake { amount, tier } => (Some(Token), FLToken::stakeCall { amount, tier }.abi_encode()),
            Call::Unstake => (Some(Token), FLToken::unstakeCall {}.abi_encode()),
            Call::Delegate { to } => (Some(Token), FLToken::delegateCall { delegatee: to }.abi_encode()),
            Call::Permit { owner, spender, value, deadline, v, r, s } => {
                (Some(Token), FLToken::permitCall { owner, spender, value, deadline, v, r, s }.abi_encode())
            }
            Call::Register { node_id } => {
                (Some(Rewards), FLTRewards::registerContributorCall { nodeId: node_id }.abi_encode())
            }
            Call::Record { who, id, previous, new } => (
                Some(Rewards),
                FLTRewards::recordContributionCall {
                    contributor: who,
                    contributionId: id,
                    previousAccuracy: previous,
                    newAccuracy: new,
                }
                .abi_encode(),
            ),
            Call::Claim { epochs } => (Some(Rewards), FLTRewards::claimCall { epochs }.abi_encode()),
            Call::ClaimFor { who, epochs } => {
                (Some(Rewards), FLTRewards::claimForCall { contributor: who, epochs }.abi_encode())
            }
            Call::SetParameter { target, id, value } => {
                (Some(target), FLTRewards::setParameterCall { id, value }.abi_encode())
            }
            Call::Pause => council(FLTCouncil::pauseCall {}.abi_encode()),
            Call::CouncilPropose { kind, data } => council(FLTCouncil::councilProposeCall { kind, data }.abi_encode()),
            Call::CouncilApprove { id } => council(FLTCouncil::councilApproveCall { actionId: id }.abi_encode()),
            Call::Propose { targets, calldatas, description } => (
                Some(Governor),
                FLTGovernor::proposeCall {
                    targets,
                    values: vec![U256::ZERO],
                    calldatas: bytes(&calldatas),
                    description,
                }
                .abi_encode(),
            ),
            Call::CastVote { id, support } => {
                (Some(Governor), FLTGovernor::castVoteCall { proposalId: id, support }.abi_encode())
            }
            Call::ApproveProposal { id } => council(FLTCouncil::approveProposalCall { proposalId: id }.abi_encode()),
            Call::Queue { targets, calldatas, hash } => (
                Some(Governor),
                FLTGovernor::queueCall {
                    targets,
                    values: vec![U256::ZERO],
                    calldatas: bytes(&calldatas),
                    descriptionHash: hash,
                }
                .abi_encode(),
            ),
            Call::Execute { targets, calldatas, hash } => (
                Some(Governor),
                FLTGovernor::executeCall {
                    targets,
                    values: vec![U256::ZERO],
                    calldatas: bytes(&calldatas),
                    descriptionHash: hash,
                }
                .abi_encode(),
            ),
        };
        let to = target.map_or(self.sys.council, |t| self.to(t));
        let started = std::time::Instant::now();
        // The return word, read at the same state and time the
        // transaction then runs at (the latest block is at `now`).
        let word = self.sys.client.call_raw(from, to, data.clone(), U256::ZERO).map(|out| {
            if out.len() >= 32 {
                U256::from_be_slice(&out[..32])
            } else {
                U256::ZERO
            }
        });
        self.sys.node.set_next_timestamp(self.now).expect("evm_setNextBlockTimestamp");
        let sent = self.sys.client.send_raw(from, Some(to), data, U256::ZERO);
        self.spent(1, started);
        match sent {
            Ok(_) => {
                let word =
                    word.unwrap_or_else(|r| panic!("{call:?}: eth_call refused ({}) but the tx succeeded", r.data));
                Ok(word)
            }
            Err(revert) => {
                assert!(revert.mined.is_some(), "{call:?}: the refused transaction was not mined: {}", revert.message);
                Err(revert.data.to_vec())
            }
        }
    }

    fn advance(&mut self, seconds: u64) {
        if seconds > 0 {
            self.now += seconds;
            self.sys.warp(self.now);
        }
    }
    fn now(&self) -> u64 {
        self.now
    }
    fn address(&self, target: Target) -> Address {
        self.to(target)
    }
    fn chain_id(&self) -> u64 {
        flt_node::node::CHAIN_ID
    }
    fn balance(&self, who: Address) -> U256 {
        self.view(Target::Token, &FLToken::balanceOfCall { account: who })._0
    }
    fn total_supply(&self) -> U256 {
        self.view(Target::Token, &FLToken::totalSupplyCall {})._0
    }
    fn allowance(&self, owner: Address, spender: Address) -> U256 {
        self.view(Target::Token, &FLToken::allowanceCall { owner, spender })._0
    }
    fn nonces(&self, owner: Address) -> U256 {
        self.view(Target::Token, &FLToken::noncesCall { owner })._0
    }
    fn stake_of(&self, who: Address) -> (U256, u8, u64, u32) {
        let r = self.view(Target::Token, &FLToken::stakeOfCall { holder: who });
        (r._0, r._1, r._2, r._3)
    }
    fn votes(&self, who: Address) -> U256 {
        self.view(Target::Token, &FLToken::getVotesCall { account: who })._0
    }
    fn past_votes(&self, who: Address, t: u64) -> U256 {
        self.view(Target::Token, &FLToken::getPastVotesCall { account: who, timepoint: U256::from(t) })._0
    }
    fn token_paused_until(&self) -> u64 {
        self.view(Target::Token, &FLToken::pausedUntilCall {})._0
    }
    fn token_params(&self) -> Vec<U256> {
        self.view(Target::Token, &FLToken::paramsCall {})._0
    }
    fn accounting(&self) -> (U256, U256) {
        let r = self.view(Target::Rewards, &FLTRewards::accountingCall {});
        (r._0, r._1)
    }
    fn current_epoch(&self) -> Option<(u64, u64, u64)> {
        self.sys
            .client
            .try_call(Address::ZERO, self.sys.rewards, &FLTRewards::currentEpochCall {})
            .ok()
            .map(|r| (r._0, r._1, r._2))
    }
    fn epoch_info(&self, e: u64) -> EpochView {
        let r = self.view(Target::Rewards, &FLTRewards::epochInfoCall { epoch: e });
        (r._0, r._1, r._2, r._3, r._4, r._5, r._6, r._7)
    }
    fn contributor_epoch(&self, who: Address, e: u64) -> EntryView {
        let r = self.view(Target::Rewards, &FLTRewards::contributorEpochCall { contributor: who, epoch: e });
        (r._0, r._1, r._2, r._3, r._4, r._5)
    }
    fn rewards_paused_until(&self) -> u64 {
        self.view(Target::Rewards, &FLTRewards::pausedUntilCall {})._0
    }
    fn rewards_params(&self) -> Vec<U256> {
        self.view(Target::Rewards, &FLTRewards::paramsCall {})._0
    }
    fn gov_params(&self) -> Vec<U256> {
        self.view(Target::Governor, &FLTGovernor::paramsCall {})._0
    }
    fn gov_paused_until(&self) -> u64 {
        self.view(Target::Governor, &FLTGovernor::pausedUntilCall {})._0
    }
    fn proposal_snapshot(&self, id: U256) -> u64 {
        self.view(Target::Governor, &FLTGovernor::proposalSnapshotCall { proposalId: id })._0.to::<u64>()
    }
    fn proposal_deadline(&self, id: U256) -> u64 {
        self.view(Target::Governor, &FLTGovernor::proposalDeadlineCall { proposalId: id })._0.to::<u64>()
    }
    fn proposal_eta(&self, id: U256) -> u64 {
        self.view(Target::Governor, &FLTGovernor::proposalEtaCall { proposalId: id })._0.to::<u64>()
    }
}

/// motsu's values in the node's terms: contract addresses and paired
/// proposal ids replaced wherever they occur (also inside a nested revert
/// reason, unaligned).
struct Normalise {
    addresses: Vec<(Address, Address)>,
    ids: Vec<(U256, U256)>,
}

fn replace(data: &mut [u8], from: &[u8], to: &[u8]) {
    let n = from.len();
    let mut i = 0;
    while i + n <= data.len() {
        if &data[i..i + n] == from {
            data[i..i + n].copy_from_slice(to);
            i += n;
        } else {
            i += 1;
        }
    }
}

impl Normalise {
    fn outcome(&self, o: &Outcome) -> Outcome {
        match o {
            Ok(w) => Ok(self.ids.iter().find(|(m, _)| m == w).map_or(*w, |(_, n)| *n)),
            Err(data) => {
                let mut data = data.clone();
                for (m, n) in &self.addresses {
                    replace(&mut data, m.as_slice(), n.as_slice());
                }
                for (m, n) in &self.ids {
                    replace(&mut data, &m.to_be_bytes::<32>(), &n.to_be_bytes::<32>());
                }
                Err(data)
            }
        }
    }
}

fn show(o: &[Outcome]) -> String {
    o.iter()
        .map(|o| match o {
            Ok(w) => format!("ok({w})"),
            Err(e) => format!("revert(0x{})", alloy_primitives::hex::encode(e)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs `ops` on motsu (on this thread, a fresh one per sequence, so that
/// motsu's clock starts at T0) and on the node in lockstep; panics at the
/// first divergence.
fn replay(sys: &System, ops: &[Op], signers: [Address; 3], validator: Address, counts: &mut Counts) {
    let _precompiles = motsu::prelude::deploy_precompiles();
    let s = flt_system_tests::System::deploy_governed_at(sys.genesis);
    assert_eq!((s.signers, s.validator), (signers, validator), "the node's council and validator are motsu's");
    let mut m = Motsu(&s);
    let mut n = Node { sys, now: sys.now(), cost: Default::default() };
    // Both clocks at the node's latest block.
    m.advance(n.now - m.now());
    assert_eq!(m.epoch_info(0).0, n.epoch_info(0).0, "epoch 0 opens at the same second");
    let mut norm_addresses =
        [Target::Token, Target::Rewards, Target::Governor].map(|t| (m.address(t), n.address(t))).to_vec();
    norm_addresses.push((s.council.address(), sys.council));
    let mut norm = Normalise { addresses: norm_addresses, ids: Vec::new() };
    let (mut hm, mut hn) = (Harness::new(signers, validator), Harness::new(signers, validator));
    // Each view is an RPC on the node: it re-checks the latest few paid
    // epochs and past seconds at each step (motsu all of them).
    hn.window = 4;
    hm.setup(&mut m);
    hn.setup(&mut n);
    let (mut before_m, mut before_n) = (hm.snapshot(&m), hn.snapshot(&n));
    assert_eq!(before_m, before_n, "after setup");
    for (i, op) in ops.iter().enumerate() {
        assert_eq!(m.now(), n.now(), "step {i}: clocks");
        let sm = hm.step(&mut m, op, &before_m);
        let sn = hn.step(&mut n, op, &before_n);
        if let (Op::Propose { .. }, [Ok(a)], [Ok(b)]) = (op, &sm.outcomes[..], &sn.outcomes[..]) {
            norm.ids.push((*a, *b));
        }
        let expected: Vec<Outcome> = sm.outcomes.iter().map(|o| norm.outcome(o)).collect();
        assert!(
            expected == sn.outcomes && sm.ok == sn.ok,
            "step {i} {op:?}: outcomes differ\n  motsu: {}\n  node:  {}",
            show(&expected),
            show(&sn.outcomes)
        );
        assert_eq!(sm.after, sn.after, "step {i} {op:?}: state differs (left motsu, right node)");
        counts.add(sm.kind, sm.ok);
        (before_m, before_n) = (sm.after, sn.after);
    }
    let [(views, vt), (txs, tt)] = n.cost.get();
    println!("differential: node: {txs} transactions ({tt:.1} s), {views} views ({vt:.1} s)");
}

#[test]
fn the_node_agrees_with_motsu_on_the_stateful_sequences() {
    let started = std::time::Instant::now();
    let env = |k: &str, d: u64| std::env::var(k).ok().and_then(|c| c.parse().ok()).unwrap_or(d);
    let (cases, seed) = (env("FLT_DIFFERENTIAL_CASES", 3), env("FLT_DIFFERENTIAL_SEED", 0));
    let (signers, validator) = {
        let s = flt_system_tests::System::undeployed();
        (s.signers, s.validator)
    };
    let sys = System::try_deploy_with(T0, |c| {
        c.signers = signers.to_vec();
        c.validators = vec![validator];
    })
    .unwrap_or_else(|e| panic!("end-to-end fixture: {e}"));
    for who in signers.iter().chain([&validator]) {
        sys.node.rpc("anvil_impersonateAccount", serde_json::json!([who])).expect("impersonate");
        sys.node.set_balance(*who, U256::from(10u128.pow(21))).expect("anvil_setBalance");
    }
    for who in Harness::new(signers, validator).actors {
        sys.node.rpc("anvil_impersonateAccount", serde_json::json!([who])).expect("impersonate");
        sys.node.set_balance(who, U256::from(10u128.pow(21))).expect("anvil_setBalance");
    }
    let mut snapshot = sys.node.rpc("evm_snapshot", serde_json::json!([])).expect("evm_snapshot");
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes));
    let strategy = sequence(4..10);
    let mut counts = Counts::default();
    let mut steps = 0;
    for case in 0..cases {
        let ops = strategy.new_tree(&mut runner).expect("a sequence").current();
        steps += ops.len();
        // Each sequence starts from the state right after deployment.
        if case > 0 {
            let reverted = sys.node.rpc("evm_revert", serde_json::json!([snapshot])).expect("evm_revert");
            assert_eq!(reverted, serde_json::Value::Bool(true), "evm_revert to the deployment");
            snapshot = sys.node.rpc("evm_snapshot", serde_json::json!([])).expect("evm_snapshot");
        }
        let t = std::time::Instant::now();
        let (sys, ops) = (&sys, &ops);
        let c = std::thread::scope(|scope| {
            scope
                .spawn(move || {
                    let mut c = Counts::default();
                    replay(sys, ops, signers, validator, &mut c);
                    c
                })
                .join()
                .unwrap_or_else(|_| panic!("sequence {case} (seed {seed}) diverged: see above"))
        });
        for (k, (ok, no)) in c.0 {
            let e = counts.0.entry(k).or_default();
            (e.0, e.1) = (e.0 + ok, e.1 + no);
        }
        println!("differential: sequence {case}: {} steps agree ({:.1} s)", ops.len(), t.elapsed().as_secs_f64());
    }
    println!(
        "differential: {cases} sequences (seed {seed}), {steps} steps, motsu and the node agree ({:.0} s)\n{}",
        started.elapsed().as_secs_f64(),
        counts.table()
    );
}
