//! Proposals with OpenZeppelin Governor 5.x's ABI and state machine
//! (SPEC.md section 7): GovernorCountingSimple, quorum as a fraction of the
//! past circulating supply, a timelock with a 14-day grace period, and the
//! council's approval for parameter changes.

use alloc::{string::String, vec::Vec};

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::{sol_data, SolType};
use flt_scoring::Param;
use stylus_sdk::{abi::Bytes, prelude::*};

use crate::{calls::*, council::approvals, errors::*, events::*, FLTGovernor};

/// OpenZeppelin's `ProposalState`.
pub mod state {
    pub const PENDING: u8 = 0;
    pub const ACTIVE: u8 = 1;
    pub const CANCELED: u8 = 2;
    pub const DEFEATED: u8 = 3;
    pub const SUCCEEDED: u8 = 4;
    pub const QUEUED: u8 = 5;
    pub const EXPIRED: u8 = 6;
    pub const EXECUTED: u8 = 7;
}

/// A queued proposal expires this long after its eta.
pub const GRACE_PERIOD: u64 = 14 * 86_400;

/// `OZ._encodeStateBitmap(state)`.
fn bitmap(states: &[u8]) -> B256 {
    let mut m = U256::ZERO;
    for s in states {
        m |= U256::from(1u8) << usize::from(*s);
    }
    B256::from(m)
}

/// One proposal's three working slots (timing and flags, approvals and
/// abstain, for and against). Its proposer has a slot of its own, written
/// once and read only by `cancel` and `proposalProposer`: every other call
/// saves that cold read.
#[derive(Clone, Copy, Debug, Default)]
pub struct Proposal {
    pub vote_start: u64,
    pub vote_end: u64,
    pub eta: u64,
    pub timelock: u64,
    pub quorum_bps: u64,
    pub executed: bool,
    pub canceled: bool,
    pub needs_council: bool,
    pub mask: u16,
    pub gen: u32,
    pub against: u128,
    pub for_: u128,
    pub abstain: u128,
}

impl FLTGovernor {
    pub(crate) fn proposal(&self, id: U256) -> Result<Proposal, Error> {
        let mut p = self.proposal_timing(id)?;
        let slots = self.proposals.getter(id);
        Self::with_b(&mut p, slots.b.get());
        Self::with_c(&mut p, slots.c.get());
        Ok(p)
    }

    /// Slot a alone (timing and flags; approvals and tallies zero): enough
    /// for every state up to the end of the vote.
    fn proposal_timing(&self, id: U256) -> Result<Proposal, Error> {
        let a = self.proposals.getter(id).a.get();
        // A stored proposal's vote start is after its creation time: never 0.
        if a.is_zero() {
            return Err(Error::NonexistentProposal(GovernorNonexistentProposal { proposalId: id }));
        }
        let la = a.as_limbs();
        let flags = la[3] >> 48;
        Ok(Proposal {
            vote_start: la[0],
            vote_end: la[1],
            eta: la[2],
            timelock: la[3] & 0xffff_ffff,
            quorum_bps: (la[3] >> 32) & 0xffff,
            executed: flags & 1 == 1,
            canceled: flags & 2 == 2,
            needs_council: flags & 4 == 4,
            ..Proposal::default()
        })
    }

    /// Approvals and abstain (slot b).
    fn with_b(p: &mut Proposal, b: U256) {
        p.mask = flt_word::get(b, 0, 16) as u16;
        p.gen = flt_word::get(b, 16, 32) as u32;
        p.abstain = flt_word::get(b, 128, 128);
    }

    /// Against and for (slot c).
    fn with_c(p: &mut Proposal, c: U256) {
        p.against = flt_word::get(c, 0, 128);
        p.for_ = flt_word::get(c, 128, 128);
    }

    /// The timing-and-flags slot of `p`.
    fn word_a(p: &Proposal) -> U256 {
        let flags = u64::from(p.executed) | (u64::from(p.canceled) << 1) | (u64::from(p.needs_council) << 2);
        U256::from_limbs([p.vote_start, p.vote_end, p.eta, p.timelock | (p.quorum_bps << 32) | (flags << 48)])
    }

    /// The approvals-and-abstain slot and the against-and-for slot of `p`.
    fn words_bc(p: &Proposal) -> (U256, U256) {
        let b = flt_word::put(
            flt_word::put(flt_word::put(U256::ZERO, 0, 16, p.mask.into()), 16, 32, p.gen.into()),
            128,
            128,
            p.abstain,
        );
        (b, flt_word::put(flt_word::put(U256::ZERO, 0, 128, p.against), 128, 128, p.for_))
    }

    pub(crate) fn store_proposal(&mut self, id: U256, p: &Proposal) {
        let a = Self::word_a(p);
        let (b, c) = Self::words_bc(p);
        let mut slots = self.proposals.setter(id);
        slots.a.set(a);
        slots.b.set(b);
        slots.c.set(c);
    }

    pub(crate) fn quorum_at(&self, timepoint: u64, bps: u64) -> U256 {
        self.past_supply(timepoint) * U256::from(bps) / U256::from(10_000u32)
    }

    /// SPEC.md section 7 (v1.1): a queued proposal expires 14 days after
    /// `max(eta, end of the latest pause that began before its window
    /// closed)`, so a pause never takes execution days away. Only the latest
    /// pause (renewals included) is kept, and that is enough: a pause may
    /// start only 14 days after the previous one ended, so if the previous
    /// one extended this window, the window has closed by the time the next
    /// one can start.
    pub(crate) fn expires_at(&self, eta: u64) -> u64 {
        let window_end = eta.saturating_add(GRACE_PERIOD);
        let (until, started) = self.pause_state();
        if started != 0 && started < window_end {
            eta.max(until).saturating_add(GRACE_PERIOD)
        } else {
            window_end
        }
    }

    pub(crate) fn state_of(&self, p: &Proposal) -> u8 {
        let now = self.now();
        if p.executed {
            state::EXECUTED
        } else if p.canceled {
            state::CANCELED
        } else if now <= p.vote_start {
            state::PENDING
        } else if now <= p.vote_end {
            state::ACTIVE
        } else if p.eta != 0 {
            // Queued, so it had succeeded, and its votes and snapshot supply
            // are final: no quorum call into FLToken.
            // expires_at >= eta + 14 days: the pause word is read only once
            // that plain window has passed.
            if now >= p.eta.saturating_add(GRACE_PERIOD) && now >= self.expires_at(p.eta) {
                state::EXPIRED
            } else {
                state::QUEUED
            }
        } else if p.for_ > p.against && U256::from(p.for_ + p.abstain) >= self.quorum_at(p.vote_start, p.quorum_bps) {
            state::SUCCEEDED
        } else {
            state::DEFEATED
        }
    }

    fn expect_state(&self, id: U256, p: &Proposal, allowed: &[u8]) -> Result<u8, Error> {
        let current = self.state_of(p);
        if !allowed.contains(&current) {
            return Err(Error::UnexpectedProposalState(GovernorUnexpectedProposalState {
                proposalId: id,
                current,
                expectedStates: bitmap(allowed),
            }));
        }
        Ok(current)
    }

    /// `uint256(keccak256(abi.encode(targets, values, calldatas, descriptionHash)))`.
    pub(crate) fn hash(
        &self,
        targets: &[Address],
        values: &[U256],
        calldatas: &[Bytes],
        description_hash: B256,
    ) -> U256 {
        let calldatas: Vec<alloy_primitives::Bytes> = calldatas.iter().map(|c| c.0.clone().into()).collect();
        let encoded = <(
            sol_data::Array<sol_data::Address>,
            sol_data::Array<sol_data::Uint<256>>,
            sol_data::Array<sol_data::Bytes>,
            sol_data::FixedBytes<32>,
        ) as SolType>::abi_encode_params(&(
            targets.to_vec(),
            values.to_vec(),
            calldatas,
            description_hash,
        ));
        U256::from_be_bytes(self.vm().native_keccak256(&encoded).0)
    }

    /// Every action: value 0, and either `setParameter(id, value)` on the
    /// contract owning `id` with `value` inside its static bounds, or empty
    /// calldata on this governor (a signal). Returns whether any action
    /// changes a parameter.
    pub(crate) fn check_actions(
        &self,
        targets: &[Address],
        values: &[U256],
        calldatas: &[Bytes],
    ) -> Result<bool, Error> {
        if targets.is_empty() || targets.len() != values.len() || targets.len() != calldatas.len() {
            return Err(Error::InvalidProposalLength(GovernorInvalidProposalLength {
                targets: U256::from(targets.len()),
                calldatas: U256::from(calldatas.len()),
                values: U256::from(values.len()),
            }));
        }
        let mut parameters = false;
        for (i, ((target, value), data)) in targets.iter().zip(values).zip(calldatas).enumerate() {
            let invalid = Error::InvalidAction(FLTInvalidAction { index: U256::from(i) });
            if !value.is_zero() {
                return Err(invalid);
            }
            if data.0.is_empty() {
                if *target != self.vm().contract_address() {
                    return Err(invalid);
                }
                continue;
            }
            let (id, value) = decode_set_parameter(&data.0).ok_or(invalid)?;
            if *target != self.owner_of(id).ok_or(Error::UnknownParameter(FLTUnknownParameter { id }))? {
                return Err(Error::InvalidAction(FLTInvalidAction { index: U256::from(i) }));
            }
            check_bounds(id, value)?;
            parameters = true;
        }
        Ok(parameters)
    }

    /// The contract owning parameter `id`.
    pub(crate) fn owner_of(&self, id: u8) -> Option<Address> {
        match id {
            0..=11 => Some(self.rewards.get()),
            12 => Some(self.token.get()),
            13..=17 => Some(self.vm().contract_address()),
            _ => None,
        }
    }

    pub(crate) fn _propose(
        &mut self,
        targets: Vec<Address>,
        values: Vec<U256>,
        calldatas: Vec<Bytes>,
        description: String,
    ) -> Result<U256, Error> {
        let proposer = self.vm().msg_sender();
        let now = self.now();
        let g = self.governance();
        let votes = self.past_votes(proposer, now.saturating_sub(1));
        if votes < g.threshold {
            return Err(Error::InsufficientProposerVotes(GovernorInsufficientProposerVotes {
                proposer,
                votes,
                threshold: g.threshold,
            }));
        }
        let needs_council = self.check_actions(&targets, &values, &calldatas)?;
        let description_hash = self.vm().native_keccak256(description.as_bytes());
        let id = self.hash(&targets, &values, &calldatas, description_hash);
        if let Ok(existing) = self.proposal(id) {
            let current = self.state_of(&existing);
            return Err(Error::UnexpectedProposalState(GovernorUnexpectedProposalState {
                proposalId: id,
                current,
                expectedStates: B256::ZERO,
            }));
        }
        let vote_start = now + g.voting_delay;
        let vote_end = vote_start + g.voting_period;
        let p = Proposal {
            vote_start,
            vote_end,
            timelock: g.timelock_delay,
            quorum_bps: g.quorum_bps,
            needs_council,
            ..Proposal::default()
        };
        // A new proposal's other two slots are zero already: not written.
        let mut slots = self.proposals.setter(id);
        slots.proposer.set(proposer);
        slots.a.set(Self::word_a(&p));
        let n = targets.len();
        flt_sol::emit(
            self.vm(),
            &ProposalCreated {
                proposalId: id,
                proposer,
                targets,
                values,
                signatures: alloc::vec![String::new(); n],
                calldatas: calldatas.into_iter().map(|c| c.0.into()).collect(),
                voteStart: U256::from(vote_start),
                voteEnd: U256::from(vote_end),
                description,
            },
        );
        Ok(id)
    }

    /// Reads slot a, and only the tally slot the vote changes: b for
    /// abstain, c for against and for (a cold read saved per vote).
    pub(crate) fn _cast_vote(&mut self, id: U256, voter: Address, support: u8, reason: String) -> Result<U256, Error> {
        let mut p = self.proposal_timing(id)?;
        if self.state_of(&p) != state::ACTIVE {
            // Past the vote, the state depends on the tallies: name it exactly.
            let full = self.proposal(id)?;
            self.expect_state(id, &full, &[state::ACTIVE])?;
        }
        if self.has_voted.getter(id).get(voter) {
            return Err(Error::AlreadyCastVote(GovernorAlreadyCastVote { voter }));
        }
        let weight = self.past_votes(voter, p.vote_start);
        // Votes are balances: below the supply (< 2^90), so sums fit u128.
        let w = flt_word::get(weight, 0, 128);
        let slots = self.proposals.getter(id);
        match support {
            0 | 1 => Self::with_c(&mut p, slots.c.get()),
            2 => Self::with_b(&mut p, slots.b.get()),
            _ => return Err(Error::InvalidVoteType(GovernorInvalidVoteType {})),
        }
        match support {
            0 => p.against += w,
            1 => p.for_ += w,
            _ => p.abstain += w,
        }
        self.has_voted.setter(id).insert(voter, true);
        // A vote changes one tally slot: against and for share slot c,
        // abstain sits in slot b. Only that one is written.
        let (b, c) = Self::words_bc(&p);
        let mut slots = self.proposals.setter(id);
        if support == 2 {
            slots.b.set(b);
        } else {
            slots.c.set(c);
        }
        flt_sol::emit(self.vm(), &VoteCast { voter, proposalId: id, support, weight, reason });
        Ok(weight)
    }

    pub(crate) fn _queue(
        &mut self,
        targets: Vec<Address>,
        values: Vec<U256>,
        calldatas: Vec<Bytes>,
        description_hash: B256,
    ) -> Result<U256, Error> {
        let id = self.hash(&targets, &values, &calldatas, description_hash);
        let mut p = self.proposal(id)?;
        self.expect_state(id, &p, &[state::SUCCEEDED])?;
        p.eta = self.now() + p.timelock;
        self.store_proposal(id, &p);
        flt_sol::emit(self.vm(), &ProposalQueued { proposalId: id, etaSeconds: U256::from(p.eta) });
        Ok(id)
    }

    pub(crate) fn _execute(
        &mut self,
        targets: Vec<Address>,
        values: Vec<U256>,
        calldatas: Vec<Bytes>,
        description_hash: B256,
    ) -> Result<U256, Error> {
        if self.now() < self.pause_state().0 {
            return Err(Error::EnforcedPause(EnforcedPause {}));
        }
        let id = self.hash(&targets, &values, &calldatas, description_hash);
        let mut p = self.proposal(id)?;
        self.expect_state(id, &p, &[state::QUEUED])?;
        if self.now() < p.eta {
            return Err(Error::TimelockNotReady(FLTTimelockNotReady { proposalId: id, eta: U256::from(p.eta) }));
        }
        if p.needs_council {
            let (threshold, current) = self.council();
            let count = approvals(p.mask, p.gen, current);
            if count < u32::from(threshold) {
                return Err(Error::MissingCouncilApprovals(FLTMissingCouncilApprovals {
                    id,
                    approvals: U256::from(count),
                    threshold: U256::from(threshold),
                }));
            }
        }
        // Marked executed before acting.
        p.executed = true;
        self.store_proposal(id, &p);
        let this = self.vm().contract_address();
        for (i, (target, data)) in targets.iter().zip(&calldatas).enumerate() {
            if data.0.is_empty() {
                continue;
            }
            if *target == this {
                let (param, value) = decode_set_parameter(&data.0)
                    .ok_or(Error::InvalidAction(FLTInvalidAction { index: U256::from(i) }))?;
                self.set_own_parameter(param, value)?;
            } else {
                self.call_out(*target, &data.0).map_err(|reason| {
                    Error::ActionFailed(FLTActionFailed { index: U256::from(i), reason: reason.into() })
                })?;
            }
        }
        flt_sol::emit(self.vm(), &ProposalExecuted { proposalId: id });
        Ok(id)
    }

    pub(crate) fn _cancel(
        &mut self,
        targets: Vec<Address>,
        values: Vec<U256>,
        calldatas: Vec<Bytes>,
        description_hash: B256,
    ) -> Result<U256, Error> {
        let id = self.hash(&targets, &values, &calldatas, description_hash);
        let mut p = self.proposal(id)?;
        let caller = self.vm().msg_sender();
        if caller != self.proposals.getter(id).proposer.get() {
            return Err(Error::OnlyProposer(GovernorOnlyProposer { account: caller }));
        }
        self.expect_state(id, &p, &[state::PENDING])?;
        p.canceled = true;
        self.store_proposal(id, &p);
        flt_sol::emit(self.vm(), &ProposalCanceled { proposalId: id });
        Ok(id)
    }

    /// A council signer approves a proposal that changes parameters.
    pub(crate) fn _approve_proposal(&mut self, id: U256) -> Result<(), Error> {
        let (signer, slot) = self.signer_slot()?;
        let mut p = self.proposal(id)?;
        if !p.needs_council {
            return Err(Error::NoApprovalNeeded(FLTNoApprovalNeeded { proposalId: id }));
        }
        self.expect_state(id, &p, &[state::PENDING, state::ACTIVE, state::SUCCEEDED, state::QUEUED])?;
        let (_, current) = self.council();
        if p.gen != current {
            (p.mask, p.gen) = (0, current);
        }
        if p.mask & (1 << slot) != 0 {
            return Err(Error::AlreadyApproved(FLTAlreadyApproved { id, signer }));
        }
        p.mask |= 1 << slot;
        self.store_proposal(id, &p);
        flt_sol::emit(
            self.vm(),
            &ProposalApproved { proposalId: id, signer, approvals: U256::from(approvals(p.mask, p.gen, current)) },
        );
        Ok(())
    }
}

/// `setParameter(uint8 id, uint256 value)` calldata, strictly.
pub(crate) fn decode_set_parameter(data: &[u8]) -> Option<(u8, U256)> {
    if data.len() != 68 || data[..4] != SET_PARAMETER {
        return None;
    }
    let (id, value) =
        <(sol_data::Uint<8>, sol_data::Uint<256>) as SolType>::abi_decode_params(&data[4..], true).ok()?;
    Some((id, value))
}

/// The static bounds of SPEC.md section 4 (relative bounds between epoch
/// parameters are checked by FLTRewards at execution).
pub(crate) fn check_bounds(id: u8, value: U256) -> Result<(), Error> {
    let param = Param::from_id(id).ok_or(Error::UnknownParameter(FLTUnknownParameter { id }))?;
    param.check(value).map(|_| ()).map_err(|_| {
        let (min, max) = param.bounds();
        Error::ParameterOutOfBounds(FLTParameterOutOfBounds { id, value, min: U256::from(min), max: U256::from(max) })
    })
}
