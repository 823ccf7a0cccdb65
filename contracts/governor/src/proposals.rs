//! Proposals with OpenZeppelin Governor 5.x's ABI and state machine
//! (SPEC.md section 7): GovernorCountingSimple, quorum as a fraction of the
//! past circulating supply, a timelock with a 14-day grace period, and
//! FLTCouncil's approval for parameter changes (asked at execution).

use core::num::NonZeroU32;

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::{sol_data, SolEvent, SolType};
use flt_scoring::Param;
use flt_sol::Text;
use stylus_sdk::prelude::*;

use crate::{actions::Actions, calls::*, errors::*, events::*, FLTGovernor};

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

/// One proposal, from its three slots (`ProposalSlots` in `lib.rs`). Bit
/// ranges, low bit first:
///
/// - `core`, written once by `propose` (its only fresh slot, as OZ's
///   `ProposalCore`) and again by `execute` and `cancel` (the flags):
///   proposer 0..160 | voteStart 160..200 | votingPeriod 200..223 |
///   executed 223 | canceled 224 | needsCouncil 225 | parameter-set index
///   226..256. voteEnd = voteStart + votingPeriod. Timestamps are below
///   2^40 (the year 36,812), the period at most 60 days < 2^23, the index
///   at most `MAX_PARAMETER_SET` = 2^30 - 1 (the governor refuses a change
///   that would need more). The parameter set holds the proposal's
///   snapshotted timelockDelay and quorumBps (SPEC.md sections 4 and 11).
///   A stored core is never 0: voteStart is after the creation time.
/// - `b`, written by abstain votes: abstain 128..256 (FLTCouncil keeps
///   the approvals).
/// - `c`, written by against/for votes and by `queue`: against 0..96 | for
///   96..192 | eta 192..232. A tally is a sum of distinct voters' votes at
///   one timepoint, so at most the supply (10^27 < 2^90). The eta sits
///   here, not in b, because a proposal can only be queued once it has
///   for > against, so c is never 0 at `queue`: setting the eta rewrites a
///   slot (2,900) instead of creating one (20,000).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Proposal {
    pub proposer: Address,
    pub vote_start: u64,
    pub vote_end: u64,
    pub eta: u64,
    /// The parameter set in force at creation (timelockDelay, quorumBps).
    pub set: u32,
    pub executed: bool,
    pub canceled: bool,
    pub needs_council: bool,
    pub against: u128,
    pub for_: u128,
    pub abstain: u128,
}

/// The word layout of [`Proposal`], both ways (pure: the round trip is
/// tested at every field's limit).
pub mod words {
    use alloy_primitives::{Address, U256};
    use flt_word::{get, put};

    use super::Proposal;

    const T40: u64 = (1 << 40) - 1;
    const P23: u64 = (1 << 23) - 1;
    const LOW32: u64 = 0xffff_ffff;

    // Core and c are read on every vote: they are packed on u64 limbs
    // directly (limb i holds bits 64i..64i+64), the cheapest in ink.

    /// `core` of `p`.
    pub fn core(p: &Proposal) -> U256 {
        let a = p.proposer.0 .0;
        let limb =
            |i: usize| u64::from_be_bytes([a[i], a[i + 1], a[i + 2], a[i + 3], a[i + 4], a[i + 5], a[i + 6], a[i + 7]]);
        let top = u64::from(u32::from_be_bytes([a[0], a[1], a[2], a[3]]));
        let start = p.vote_start & T40;
        let flags = u64::from(p.executed) | (u64::from(p.canceled) << 1) | (u64::from(p.needs_council) << 2);
        U256::from_limbs([
            limb(12),
            limb(4),
            top | (start << 32),
            (start >> 32)
                | (((p.vote_end - p.vote_start) & P23) << 8)
                | (flags << 31)
                | (u64::from(p.set & crate::MAX_PARAMETER_SET) << 34),
        ])
    }

    /// `b` of `p`.
    pub fn b(p: &Proposal) -> U256 {
        put(U256::ZERO, 128, 128, p.abstain)
    }

    /// `c` of `p`.
    pub fn c(p: &Proposal) -> U256 {
        let (against, for_) = (p.against, p.for_);
        U256::from_limbs([
            against as u64,
            ((against >> 64) as u64 & LOW32) | ((for_ as u64) << 32),
            (for_ >> 32) as u64,
            p.eta & T40,
        ])
    }

    /// The fields `core` holds (b's and c's zero).
    pub fn from_core(w: U256) -> Proposal {
        let l = w.as_limbs();
        let mut a = [0u8; 20];
        a[..4].copy_from_slice(&(l[2] as u32).to_be_bytes());
        a[4..12].copy_from_slice(&l[1].to_be_bytes());
        a[12..].copy_from_slice(&l[0].to_be_bytes());
        let vote_start = (l[2] >> 32) | ((l[3] & 0xff) << 32);
        let flags = l[3] >> 31;
        Proposal {
            proposer: Address::from(a),
            vote_start,
            vote_end: vote_start + ((l[3] >> 8) & P23),
            executed: flags & 1 == 1,
            canceled: flags & 2 == 2,
            needs_council: flags & 4 == 4,
            set: (l[3] >> 34) as u32,
            ..Proposal::default()
        }
    }

    /// `p` with the fields of `b`.
    pub fn with_b(p: &mut Proposal, b: U256) {
        p.abstain = get(b, 128, 128);
    }

    /// `p` with the fields of `c`.
    pub fn with_c(p: &mut Proposal, c: U256) {
        let l = c.as_limbs();
        p.against = u128::from(l[0]) | (u128::from(l[1] & LOW32) << 64);
        p.for_ = u128::from(l[1] >> 32) | (u128::from(l[2]) << 32);
        p.eta = l[3] & T40;
    }
}

impl FLTGovernor {
    pub(crate) fn proposal(&self, id: U256) -> Result<Proposal, Error> {
        let mut p = self.proposal_core(id)?;
        let slots = self.proposals.getter(id);
        words::with_b(&mut p, slots.b.get());
        words::with_c(&mut p, slots.c.get());
        Ok(p)
    }

    /// The core slot alone (approvals, tallies and eta zero): enough for
    /// every state up to the end of the vote, and for the proposer.
    pub(crate) fn proposal_core(&self, id: U256) -> Result<Proposal, Error> {
        let core = self.proposals.getter(id).core.get();
        if core.is_zero() {
            return Err(Error::NonexistentProposal(GovernorNonexistentProposal { proposalId: id }));
        }
        Ok(words::from_core(core))
    }

    fn store_core(&mut self, id: U256, p: &Proposal) {
        self.proposals.setter(id).core.set(words::core(p));
    }

    fn store_b(&mut self, id: U256, p: &Proposal) {
        self.proposals.setter(id).b.set(words::b(p));
    }

    fn store_c(&mut self, id: U256, p: &Proposal) {
        self.proposals.setter(id).c.set(words::c(p));
    }

    /// `supply * bps / 10^4` in u128: the circulating supply is at most
    /// 10^27 < 2^90 (its low 96 bits are all of it) and bps at most 10^4,
    /// so the product cannot overflow (256-bit arithmetic here measured
    /// 2 KB brotli of program, `u128 /` 0.1 KB more than `div_small`).
    pub(crate) fn quorum_at(&self, timepoint: u64, bps: u64) -> U256 {
        let supply = flt_word::get(self.past_supply(timepoint), 0, 96);
        const BPS: NonZeroU32 = NonZeroU32::new(10_000).unwrap();
        U256::from(flt_scoring::math::div_small(supply * u128::from(bps & 0xffff), BPS))
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
        self.state_with(p, None)
    }

    /// The state of `p`; the proposal's quorumBps is `bps` if known, else
    /// read from its parameter set (only for a vote that has ended unqueued
    /// with for > against).
    fn state_with(&self, p: &Proposal, bps: Option<u64>) -> u8 {
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
        } else if p.for_ > p.against
            && U256::from(p.for_ + p.abstain)
                >= self.quorum_at(p.vote_start, bps.unwrap_or_else(|| self.parameter_set(p.set).1))
        {
            state::SUCCEEDED
        } else {
            state::DEFEATED
        }
    }

    fn expect_state(&self, id: U256, p: &Proposal, allowed: &[u8]) -> Result<u8, Error> {
        self.expect_state_with(id, p, allowed, None)
    }

    fn expect_state_with(&self, id: U256, p: &Proposal, allowed: &[u8], bps: Option<u64>) -> Result<u8, Error> {
        let current = self.state_with(p, bps);
        if !allowed.contains(&current) {
            return Err(Error::UnexpectedProposalState(GovernorUnexpectedProposalState {
                proposalId: id,
                current,
                expectedStates: bitmap(allowed),
            }));
        }
        Ok(current)
    }

    /// `uint256(keccak256(abi.encode(targets, values, calldatas, descriptionHash)))`,
    /// given that preimage (`actions.rs`).
    pub(crate) fn proposal_id(&self, preimage: &[u8]) -> U256 {
        U256::from_be_bytes(self.vm().native_keccak256(preimage).0)
    }

    /// Every action: value 0, and either `setParameter(id, value)` on the
    /// contract owning `id` with `value` inside its static bounds, or empty
    /// calldata on this governor (a signal). Returns whether any action
    /// changes a parameter.
    pub(crate) fn check_actions(
        &self,
        targets: &[Address],
        values: &[U256],
        calldatas: &[&[u8]],
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
            if data.is_empty() {
                if *target != self.vm().contract_address() {
                    return Err(invalid);
                }
                continue;
            }
            let (id, value) = decode_set_parameter(data).ok_or(invalid)?;
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

    pub(crate) fn _propose(&mut self, a: &Actions) -> Result<U256, Error> {
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
        let needs_council = self.check_actions(&a.targets, &a.values, &a.calldatas)?;
        let description_hash = self.vm().native_keccak256(a.last());
        let id = self.proposal_id(&a.preimage(&description_hash.0));
        // One cold read tells a new id (its core is 0) from a used one.
        if self.proposal_core(id).is_ok() {
            let current = self.state_of(&self.proposal(id)?);
            return Err(Error::UnexpectedProposalState(GovernorUnexpectedProposalState {
                proposalId: id,
                current,
                expectedStates: B256::ZERO,
            }));
        }
        let vote_start = now + g.voting_delay;
        let vote_end = vote_start + g.voting_period;
        // The governance parameters are snapshotted: votingDelay and
        // votingPeriod in the timing, timelockDelay and quorumBps by the
        // index of their parameter set.
        let p = Proposal { proposer, vote_start, vote_end, set: g.set, needs_council, ..Proposal::default() };
        // The one fresh slot: b and c are zero already.
        self.store_core(id, &p);
        // `ProposalCreated`, its arrays copied from the calldata.
        let data = a.proposal_created(id, proposer, vote_start, vote_end);
        flt_sol::emit_raw(self.vm(), &[ProposalCreated::SIGNATURE_HASH], &data);
        Ok(id)
    }

    /// Reads the core slot, and only the tally slot the vote changes: b for
    /// abstain, c for against and for (a cold read saved per vote).
    pub(crate) fn _cast_vote(&mut self, id: U256, voter: Address, support: u8, reason: Text) -> Result<U256, Error> {
        let mut p = self.proposal_core(id)?;
        if self.state_of(&p) != state::ACTIVE {
            // Past the vote, the state depends on the tallies: name it exactly.
            let full = self.proposal(id)?;
            self.expect_state(id, &full, &[state::ACTIVE])?;
        }
        if self.has_voted.getter(id).get(voter) {
            return Err(Error::AlreadyCastVote(GovernorAlreadyCastVote { voter }));
        }
        let weight = self.past_votes(voter, p.vote_start);
        // Votes are balances: below the supply (< 2^90), so the sums fit
        // their 96-bit (against, for) and 128-bit (abstain) fields.
        let w = flt_word::get(weight, 0, 128);
        let slots = self.proposals.getter(id);
        match support {
            0 | 1 => words::with_c(&mut p, slots.c.get()),
            2 => words::with_b(&mut p, slots.b.get()),
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
        if support == 2 {
            self.store_b(id, &p);
        } else {
            self.store_c(id, &p);
        }
        // `VoteCast`, encoded from the reason's bytes.
        let data = <(sol_data::Uint<256>, sol_data::Uint<8>, sol_data::Uint<256>, Text) as SolType>::abi_encode_params(
            &(id, support, weight, reason),
        );
        flt_sol::emit_raw(self.vm(), &[VoteCast::SIGNATURE_HASH, voter.into_word()], &data);
        Ok(weight)
    }

    pub(crate) fn _queue(&mut self, a: &Actions) -> Result<U256, Error> {
        let id = self.proposal_id(a.encoded());
        let mut p = self.proposal(id)?;
        // The proposal's parameter set: its quorum decides Succeeded, its
        // timelock the eta (one more cold read than a copy in the proposal).
        let (timelock, bps) = self.parameter_set(p.set);
        self.expect_state_with(id, &p, &[state::SUCCEEDED], Some(bps))?;
        p.eta = self.now() + timelock;
        self.store_c(id, &p);
        flt_sol::emit(self.vm(), &ProposalQueued { proposalId: id, etaSeconds: U256::from(p.eta) });
        Ok(id)
    }

    pub(crate) fn _execute(&mut self, a: &Actions) -> Result<U256, Error> {
        if self.now() < self.pause_state().0 {
            return Err(Error::EnforcedPause(EnforcedPause {}));
        }
        let id = self.proposal_id(a.encoded());
        let mut p = self.proposal(id)?;
        self.expect_state(id, &p, &[state::QUEUED])?;
        if self.now() < p.eta {
            return Err(Error::TimelockNotReady(FLTTimelockNotReady { proposalId: id, eta: U256::from(p.eta) }));
        }
        if p.needs_council {
            let (count, threshold) = self.council_approvals(id);
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
        self.store_core(id, &p);
        let this = self.vm().contract_address();
        for (i, (target, data)) in a.targets.iter().zip(&a.calldatas).enumerate() {
            if data.is_empty() {
                continue;
            }
            if *target == this {
                let (param, value) = decode_set_parameter(data)
                    .ok_or(Error::InvalidAction(FLTInvalidAction { index: U256::from(i) }))?;
                self.set_own_parameter(param, value)?;
            } else {
                self.call_out(*target, data).map_err(|reason| {
                    Error::ActionFailed(FLTActionFailed { index: U256::from(i), reason: reason.into() })
                })?;
            }
        }
        flt_sol::emit(self.vm(), &ProposalExecuted { proposalId: id });
        Ok(id)
    }

    pub(crate) fn _cancel(&mut self, a: &Actions) -> Result<U256, Error> {
        let id = self.proposal_id(a.encoded());
        let mut p = self.proposal_core(id)?;
        let caller = self.vm().msg_sender();
        if caller != p.proposer {
            return Err(Error::OnlyProposer(GovernorOnlyProposer { account: caller }));
        }
        if self.state_of(&p) != state::PENDING {
            // Refused: name the state exactly, from all three slots.
            self.expect_state(id, &self.proposal(id)?, &[state::PENDING])?;
        }
        p.canceled = true;
        self.store_core(id, &p);
        flt_sol::emit(self.vm(), &ProposalCanceled { proposalId: id });
        Ok(id)
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
