//! `./flt demo`: the real system on a local Stylus node. Starts the node,
//! deploys the four programs with flt-deploy, and plays one network week
//! and the governance that follows it:
//! contributors register, the validator records a batch, time moves, the
//! epoch closes, contributors claim, a holder stakes and delegates, and a
//! parameter proposal goes through votes, queue, council approvals and
//! execution. It prints payouts, balances, the proposal's state and the
//! gas of every transaction, then stops the node.

use alloy_primitives::{keccak256, Address, Bytes, B256, U256};
use alloy_sol_types::SolCall;
use flt_node_tests::{
    abi::{FLTCouncil as C, FLTGovernor as G, FLTRewards as R, FLToken as T},
    system::role,
    Receipt, System, DAY, FLT,
};

/// Contributors: dev accounts 0-2 (also the council) and 4-9; dev 3 is the
/// validator.
const CONTRIBUTORS: [usize; 9] = [0, 1, 2, 4, 5, 6, 7, 8, 9];
const HOLDER: usize = 4;
const PROPOSER: usize = 5;
/// Votes against.
const DISSENTER: usize = 6;
/// FLTRewards parameter 11: the claim delay.
const CLAIM_DELAY: u8 = 11;

struct Demo {
    sys: System,
    /// Next block time: every transaction in its own block, a minute apart.
    t: u64,
    gas: Vec<(String, u64)>,
}

impl Demo {
    fn send<C: SolCall>(&mut self, what: &str, from: usize, to: Address, call: &C) -> Receipt {
        self.t += 60;
        self.sys.next_at(self.t);
        let receipt = self.sys.client.send(self.sys.at(from), to, call);
        self.gas.push((what.to_string(), receipt.gas_used));
        receipt
    }

    fn jump_to(&mut self, t: u64) {
        self.t = self.t.max(t);
    }
}

fn flt(wei: U256) -> String {
    let whole = wei / U256::from(FLT);
    let frac = (wei % U256::from(FLT)) / U256::from(FLT / 1_000_000);
    format!("{whole}.{frac:06} FLT")
}

fn main() {
    println!(
        "== Starting a local Stylus node and deploying FLTRewards, FLToken, FLTCouncil, FLTGovernor with flt-deploy =="
    );
    let sys = System::try_deploy().unwrap_or_else(|e| {
        eprintln!("flt-demo: {e}");
        std::process::exit(1);
    });
    println!("\nnode {} (chain id {}), genesis of epoch 0 at {}", sys.node.url, flt_node::node::CHAIN_ID, sys.genesis);
    let t = sys.genesis;
    let mut d = Demo { sys, t, gas: Vec::new() };
    let (token, rewards, council, governor) = (d.sys.token, d.sys.rewards, d.sys.council, d.sys.governor);

    println!("\n== Day 0: {} contributors register ==", CONTRIBUTORS.len());
    for &c in &CONTRIBUTORS {
        let node_id = keccak256(format!("fl-node-{c}"));
        let r = d.send(
            &format!("registerContributor (dev {c})"),
            c,
            rewards,
            &R::registerContributorCall { nodeId: node_id },
        );
        let e = r.event::<R::ContributorRegistered>(rewards);
        println!("  {} registered node {}", e.contributor, e.nodeId);
    }

    println!("\n== Day 1: the validator records one round as a batch ==");
    let contributions: Vec<R::Contribution> = CONTRIBUTORS
        .iter()
        .enumerate()
        .map(|(i, &c)| R::Contribution {
            contributor: d.sys.at(c),
            contributionId: keccak256(format!("round-1-update-{c}")),
            previousAccuracy: 900_000,
            // Most updates gain 0.5 pp of accuracy; the last one only 0.05 pp.
            newAccuracy: if i + 1 == CONTRIBUTORS.len() { 900_500 } else { 905_000 },
        })
        .collect();
    d.jump_to(d.sys.genesis + DAY);
    let r = d.send(
        "recordContributions (9 items)",
        role::VALIDATOR,
        rewards,
        &R::recordContributionsCall { contributions },
    );
    println!(
        "  {} ContributionRecorded events, gas {}",
        r.events::<R::ContributionRecorded>(rewards).len(),
        r.gas_used
    );

    let info = d.sys.client.call(rewards, &R::epochInfoCall { epoch: 0 });
    let (end, claims_open) = (info._1, info._2);
    println!("\n== Day 8: epoch 0 closed at {end}; claims open at {claims_open} (after the 1-day time lock) ==");
    d.jump_to(claims_open);
    let mut payouts = Vec::new();
    for &c in &CONTRIBUTORS {
        let r = d.send(&format!("claim epoch 0 (dev {c})"), c, rewards, &R::claimCall { epochs: vec![0] });
        let paid = r.event::<R::RewardClaimed>(rewards);
        payouts.push((c, paid.payout));
    }
    let info = d.sys.client.call(rewards, &R::epochInfoCall { epoch: 0 });
    println!("  epoch 0: {} eligible, pool {}", info._3, flt(info._5));
    for (c, amount) in &payouts {
        println!("  dev {c} {}: paid {}", d.sys.at(*c), flt(*amount));
    }
    let acc = d.sys.client.call(rewards, &R::accountingCall {});
    println!("  reserve {}, earmarked {}", flt(acc._0), flt(acc._1));

    println!("\n== A holder stakes and delegates; two more holders delegate to themselves ==");
    let stake = U256::from(50_000 * FLT);
    d.send("stake 50,000 FLT, 6 months (dev 4)", HOLDER, token, &T::stakeCall { amount: stake, tier: 2 });
    let s = d.sys.client.call(token, &T::stakeOfCall { holder: d.sys.at(HOLDER) });
    println!("  dev {HOLDER}: staked {} in tier {}, locked until {}, multiplier {} bps", flt(s._0), s._1, s._2, s._3);
    let holder = d.sys.at(HOLDER);
    let proposer = d.sys.at(PROPOSER);
    d.send("delegate to self (dev 4)", HOLDER, token, &T::delegateCall { delegatee: holder });
    d.send("delegate to self (dev 5)", PROPOSER, token, &T::delegateCall { delegatee: proposer });
    let dissenter = d.sys.at(DISSENTER);
    d.send("delegate to self (dev 6)", DISSENTER, token, &T::delegateCall { delegatee: dissenter });
    for who in [holder, proposer, dissenter] {
        let votes = d.sys.client.call(token, &T::getVotesCall { account: who })._0;
        println!("  {who}: balance {}, votes {}", flt(d.sys.balance(who)), flt(votes));
    }

    println!("\n== Governance: a proposal to raise the claim delay to 2 days ==");
    let targets = vec![rewards];
    let values = vec![U256::ZERO];
    let calldatas: Vec<Bytes> =
        vec![R::setParameterCall { id: CLAIM_DELAY, value: U256::from(2 * DAY) }.abi_encode().into()];
    let description = "Raise claimDelay to 2 days".to_string();
    let description_hash: B256 = keccak256(description.as_bytes());
    let r = d.send(
        "propose",
        PROPOSER,
        governor,
        &G::proposeCall {
            targets: targets.clone(),
            values: values.clone(),
            calldatas: calldatas.clone(),
            description: description.clone(),
        },
    );
    let created = r.event::<G::ProposalCreated>(governor);
    let id = created.proposalId;
    println!("  proposal {id:#x}: votes from {} to {}", created.voteStart, created.voteEnd);
    d.jump_to(created.voteStart.to::<u64>() + 1);
    d.send("castVote for (dev 5)", PROPOSER, governor, &G::castVoteCall { proposalId: id, support: 1 });
    d.send(
        "castVoteWithReason for (dev 4)",
        HOLDER,
        governor,
        &G::castVoteWithReasonCall { proposalId: id, support: 1, reason: "longer fraud window".into() },
    );
    d.send("castVote against (dev 6)", DISSENTER, governor, &G::castVoteCall { proposalId: id, support: 0 });
    let votes = d.sys.client.call(governor, &G::proposalVotesCall { proposalId: id });
    println!("  against {}, for {}, abstain {}", flt(votes._0), flt(votes._1), flt(votes._2));
    d.jump_to(created.voteEnd.to::<u64>() + 1);
    let queue = G::queueCall {
        targets: targets.clone(),
        values: values.clone(),
        calldatas: calldatas.clone(),
        descriptionHash: description_hash,
    };
    let r = d.send("queue", PROPOSER, governor, &queue);
    let eta = r.event::<G::ProposalQueued>(governor).etaSeconds;
    println!("  queued, executable from {eta}");
    for signer in [role::SIGNERS[0], role::SIGNERS[1]] {
        let r = d.send(
            &format!("approveProposal (FLTCouncil, dev {signer})"),
            signer,
            council,
            &C::approveProposalCall { proposalId: id },
        );
        let a = r.event::<C::ProposalApproved>(council);
        println!("  FLTCouncil: signer {} approved ({} so far)", a.signer, a.approvals);
    }
    let status = d.sys.client.call(council, &C::approvalStatusCall { proposalId: id });
    println!("  council approvals: {} of {} needed", status._0, status._1);
    d.jump_to(eta.to::<u64>() + 1);
    d.send(
        "execute",
        PROPOSER,
        governor,
        &G::executeCall { targets, values, calldatas, descriptionHash: description_hash },
    );
    let state = d.sys.client.call(governor, &G::stateCall { proposalId: id })._0;
    let params = d.sys.client.call(rewards, &R::paramsCall {})._0;
    println!(
        "  state {state} (7 = Executed); claimDelay now {} s, in force from the next epoch that opens",
        params[usize::from(CLAIM_DELAY)]
    );

    println!("\n== Gas of every transaction (L2 gas, programs not cached) ==");
    for (what, gas) in &d.gas {
        println!("  {what:<40} {gas:>9}");
    }
    let supply = d.sys.client.call(token, &T::totalSupplyCall {})._0;
    println!("\ntotal supply {} (unchanged); stopping the node", flt(supply));
    d.sys.node.stop();
}
