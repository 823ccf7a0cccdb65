//! Governance helpers for the end-to-end tests: a proposal's actions with
//! its calls (`propose`, `queue`, `execute`, `cancel`, `hashProposal`) and
//! its id computed here as OZ's `hashProposal` does; the council's part on
//! FLTCouncil (approving a parameter proposal, a council action proposed
//! and approved); and FLT earned the only way it can be (FLTRewards holds
//! the whole supply): register, get a contribution recorded by the
//! validator, wait for the claim to open, claim.

use alloy_primitives::{keccak256, Address, Bytes, B256, U256};
use alloy_sol_types::{SolCall, SolValue};

use crate::{
    abi::{FLTCouncil, FLTGovernor, FLTRewards, FLToken},
    client::Receipt,
    flows,
    system::System,
};

/// A proposal's actions and description.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub targets: Vec<Address>,
    pub values: Vec<U256>,
    pub calldatas: Vec<Bytes>,
    pub description: String,
}

/// `setParameter(uint8,uint256)` calldata.
pub fn set_parameter(id: u8, value: U256) -> Bytes {
    FLTRewards::setParameterCall { id, value }.abi_encode().into()
}

impl Proposal {
    /// A signal proposal: the governor as target, empty calldata.
    pub fn signal(governor: Address, description: &str) -> Proposal {
        Proposal {
            targets: vec![governor],
            values: vec![U256::ZERO],
            calldatas: vec![Bytes::new()],
            description: description.into(),
        }
    }

    /// `setParameter(id, value)` actions on `target` (the owner of each id).
    pub fn parameters(target: Address, changes: &[(u8, U256)], description: &str) -> Proposal {
        Proposal {
            targets: vec![target; changes.len()],
            values: vec![U256::ZERO; changes.len()],
            calldatas: changes.iter().map(|(id, v)| set_parameter(*id, *v)).collect(),
            description: description.into(),
        }
    }

    /// Any actions, for the refusals.
    pub fn raw(targets: Vec<Address>, values: Vec<U256>, calldatas: Vec<Bytes>, description: &str) -> Proposal {
        Proposal { targets, values, calldatas, description: description.into() }
    }

    pub fn description_hash(&self) -> B256 {
        keccak256(self.description.as_bytes())
    }

    /// `uint256(keccak256(abi.encode(targets, values, calldatas,
    /// descriptionHash)))`, computed here.
    pub fn id(&self) -> U256 {
        let encoded = (self.targets.clone(), self.values.clone(), self.calldatas.clone(), self.description_hash())
            .abi_encode_params();
        U256::from_be_bytes(keccak256(encoded).0)
    }

    pub fn propose(&self) -> FLTGovernor::proposeCall {
        FLTGovernor::proposeCall {
            targets: self.targets.clone(),
            values: self.values.clone(),
            calldatas: self.calldatas.clone(),
            description: self.description.clone(),
        }
    }

    pub fn hash(&self) -> FLTGovernor::hashProposalCall {
        FLTGovernor::hashProposalCall {
            targets: self.targets.clone(),
            values: self.values.clone(),
            calldatas: self.calldatas.clone(),
            descriptionHash: self.description_hash(),
        }
    }

    pub fn queue(&self) -> FLTGovernor::queueCall {
        FLTGovernor::queueCall {
            targets: self.targets.clone(),
            values: self.values.clone(),
            calldatas: self.calldatas.clone(),
            descriptionHash: self.description_hash(),
        }
    }

    pub fn execute(&self) -> FLTGovernor::executeCall {
        FLTGovernor::executeCall {
            targets: self.targets.clone(),
            values: self.values.clone(),
            calldatas: self.calldatas.clone(),
            descriptionHash: self.description_hash(),
        }
    }

    pub fn cancel(&self) -> FLTGovernor::cancelCall {
        FLTGovernor::cancelCall {
            targets: self.targets.clone(),
            values: self.values.clone(),
            calldatas: self.calldatas.clone(),
            descriptionHash: self.description_hash(),
        }
    }
}

/// `state(id)`.
pub fn state(sys: &System, id: U256) -> u8 {
    sys.client.call(sys.governor, &FLTGovernor::stateCall { proposalId: id })._0
}

/// OZ's `ProposalState` numbers.
pub mod state {
    pub const PENDING: u8 = 0;
    pub const ACTIVE: u8 = 1;
    pub const CANCELED: u8 = 2;
    pub const DEFEATED: u8 = 3;
    pub const SUCCEEDED: u8 = 4;
    pub const QUEUED: u8 = 5;
    pub const EXPIRED: u8 = 6;
    pub const EXECUTED: u8 = 7;

    /// OZ's `_encodeStateBitmap`.
    pub fn bitmap(states: &[u8]) -> alloy_primitives::B256 {
        let mut m = alloy_primitives::U256::ZERO;
        for s in states {
            m |= alloy_primitives::U256::from(1u8) << usize::from(*s);
        }
        m.into()
    }
}

/// Dev `signer` approves parameter proposal `id` on FLTCouncil; its
/// `ProposalApproved(id, signer, approvals)` must count `approvals`, and
/// `approvalStatus(id)` must then say so.
pub fn approve(sys: &System, signer: usize, id: U256, approvals: u64) -> Receipt {
    let r = sys.client.send(sys.at(signer), sys.council, &FLTCouncil::approveProposalCall { proposalId: id });
    let a = r.event::<FLTCouncil::ProposalApproved>(sys.council);
    assert_eq!((a.proposalId, a.signer, a.approvals), (id, sys.at(signer), U256::from(approvals)));
    assert_eq!(approval_status(sys, id).0, u32::try_from(approvals).expect("u32"), "approvalStatus counts it");
    r
}

/// FLTCouncil's `approvalStatus(id)`: the approvals that count and the
/// threshold.
pub fn approval_status(sys: &System, id: U256) -> (u32, u8) {
    let s = sys.client.call(sys.council, &FLTCouncil::approvalStatusCall { proposalId: id });
    (s._0, s._1)
}

/// A council action of `kind` with `data`, proposed on FLTCouncil by dev
/// `by` (`CouncilActionProposed`, one approval) and executed by dev
/// `then`'s approval, the second of the threshold of 2
/// (`CouncilActionExecuted`). Returns its id and the executing receipt.
pub fn council_act(sys: &System, by: usize, then: usize, kind: u8, data: Bytes) -> (U256, Receipt) {
    let r = sys.client.send(sys.at(by), sys.council, &FLTCouncil::councilProposeCall { kind, data: data.clone() });
    let p = r.event::<FLTCouncil::CouncilActionProposed>(sys.council);
    assert_eq!((p.kind, &p.data, p.signer), (kind, &data, sys.at(by)));
    assert!(r.events::<FLTCouncil::CouncilActionExecuted>(sys.council).is_empty(), "one approval does not execute");
    let r = sys.client.send(sys.at(then), sys.council, &FLTCouncil::councilApproveCall { actionId: p.actionId });
    let a = r.event::<FLTCouncil::CouncilActionApproved>(sys.council);
    assert_eq!((a.actionId, a.signer, a.approvals), (p.actionId, sys.at(then), U256::from(2)));
    assert_eq!(r.event::<FLTCouncil::CouncilActionExecuted>(sys.council).actionId, p.actionId);
    (p.actionId, r)
}

/// A contribution id unique to (`tag`, `who`).
pub fn contribution_id(tag: &str, who: Address) -> B256 {
    keccak256([tag.as_bytes(), who.as_slice()].concat())
}

/// Registers dev accounts `who` as contributors ([`flows::register`]).
pub fn register(sys: &System, who: &[usize]) {
    for i in who {
        flows::register(sys, sys.at(*i));
    }
}

/// The validator records one contribution per `(contributor, previous,
/// new)` accuracy in one batch, ids tagged with `tag`.
pub fn record(sys: &System, tag: &str, items: &[(Address, u32, u32)]) -> Receipt {
    let contributions = items
        .iter()
        .map(|(c, p, n)| FLTRewards::Contribution {
            contributor: *c,
            contributionId: contribution_id(tag, *c),
            previousAccuracy: *p,
            newAccuracy: *n,
        })
        .collect();
    flows::record_batch(sys, contributions)
}

/// `epochInfo(e)`.
pub fn epoch_info(sys: &System, e: u64) -> FLTRewards::epochInfoReturn {
    sys.client.call(sys.rewards, &FLTRewards::epochInfoCall { epoch: e })
}

/// The current epoch's index.
pub fn current_epoch(sys: &System) -> u64 {
    flows::current_epoch(sys).0
}

/// Dev accounts `who` (registered here) each get one neutral contribution
/// recorded in the current epoch; time then moves to when its claims open.
/// Returns the epoch. With at most 10 equal contributors each one's payout
/// is the 10 % cap: 100,000 FLT.
pub fn earn(sys: &System, who: &[usize]) -> u64 {
    register(sys, who);
    let items: Vec<_> = who.iter().map(|i| (sys.at(*i), 500_000, 500_000)).collect();
    record(sys, "earn", &items);
    let e = current_epoch(sys);
    sys.warp(flows::claims_open(sys, e));
    e
}

/// `who` claims epoch `e`; returns the payout (its `RewardClaimed`).
pub fn claim(sys: &System, who: usize, e: u64) -> U256 {
    let r = flows::claim(sys, sys.at(who), vec![e]);
    let claimed = r.event::<FLTRewards::RewardClaimed>(sys.rewards);
    assert_eq!((claimed.contributor, claimed.epoch), (sys.at(who), e));
    claimed.payout
}

/// [`earn`] and claim for each of `who`: each then holds 100,000 FLT (for
/// at most 10 of them). Returns the epoch.
pub fn fund(sys: &System, who: &[usize]) -> u64 {
    assert!(who.len() <= 10, "more than 10 equal contributors are paid below the cap");
    let e = earn(sys, who);
    for i in who {
        let payout = claim(sys, *i, e);
        assert_eq!(payout, U256::from(100_000 * crate::FLT), "payout of dev {i}");
    }
    e
}

/// Each of `who` delegates to itself.
pub fn delegate_self(sys: &System, who: &[usize]) {
    for i in who {
        sys.client.send(sys.at(*i), sys.token, &FLToken::delegateCall { delegatee: sys.at(*i) });
    }
}

/// FLT amounts in wei.
pub fn flt(n: u128) -> U256 {
    U256::from(n * crate::FLT)
}

/// A decoded error for a failure message.
pub fn show<E: std::fmt::Debug>(e: &E) -> String {
    format!("{e:?}")
}
