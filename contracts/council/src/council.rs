//! The M-of-N council (SPEC.md section 8): actions proposed by one signer
//! and executed at M approvals, approvals as a bitmask over signer slots
//! tagged with the council's generation, the council's approval of
//! FLTGovernor's parameter proposals (section 7), and the emergency pause's
//! rules. FLTGovernor applies what the council decides: it keeps the pause
//! window (its `execute` and proposal expiry read it) and forwards role
//! changes to FLTRewards, so it stays the only pauser and role-changer of
//! FLToken and FLTRewards.
//!
//! Every change of the signer set starts a new generation, which voids all
//! pending approvals (of council actions and of proposals): a removed
//! signer's approval can never count, and the remaining signers re-approve.

use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use alloy_sol_types::{sol_data, SolType};
use stylus_sdk::prelude::*;

use crate::{calls::*, errors::*, events::*, FLTCouncil};

/// Council signers at most (a u16 approval mask).
pub const MAX_SIGNERS: usize = 16;
/// How long a pause lasts unless renewed.
pub const PAUSE: u64 = 14 * 86_400;
/// A pause, renewals included, never runs longer than this from its start.
pub const MAX_PAUSE: u64 = 2 * PAUSE;
/// After a pause ends, no new one may start for this long: holders always
/// get this much unpaused time, whoever controls the council.
pub const COOLDOWN: u64 = 14 * 86_400;

/// Council action kinds; `data` is the ABI encoding of the arguments.
pub mod kind {
    /// `(address validator)`
    pub const ADD_VALIDATOR: u8 = 0;
    /// `(address validator)`
    pub const REMOVE_VALIDATOR: u8 = 1;
    /// `(address contributor)`
    pub const BAN: u8 = 2;
    /// `(address contributor)`
    pub const UNBAN: u8 = 3;
    /// `(uint64 epoch, address contributor)`
    pub const DISQUALIFY: u8 = 4;
    /// `(address[] signers, uint8 threshold)`
    pub const REPLACE_COUNCIL: u8 = 5;
    /// `()`
    pub const UNPAUSE: u8 = 6;
    /// `()`
    pub const RENEW_PAUSE: u8 = 7;
}

/// `count` of the set bits of `mask` that belong to generation `gen`.
pub fn approvals(mask: u16, gen: u32, current: u32) -> u32 {
    if gen == current {
        mask.count_ones()
    } else {
        0
    }
}

impl FLTCouncil {
    /// `(threshold, generation)`.
    pub(crate) fn council(&self) -> (u8, u32) {
        let w = self.council.get().as_limbs()[0];
        (w as u8, (w >> 8) as u32)
    }

    fn set_council_word(&mut self, threshold: u8, generation: u32) {
        self.council.set(U256::from(u64::from(threshold) | (u64::from(generation) << 8)));
    }

    /// The caller's signer slot.
    ///
    /// # Errors
    /// `FLTNotSigner`.
    pub(crate) fn signer_slot(&self) -> Result<(Address, usize), Error> {
        let caller = self.vm().msg_sender();
        let w = self.signer_slots.get(caller).as_limbs()[0];
        match ((w >> 8) as u32, (w & 0xff) as usize) {
            (gen, slot) if slot > 0 && gen == self.council().1 => Ok((caller, slot - 1)),
            _ => Err(Error::NotSigner(FLTNotSigner { caller })),
        }
    }

    /// Replaces the council: 1..=16 distinct non-zero signers, 1..=N
    /// threshold. Starts a new generation.
    pub(crate) fn set_council(&mut self, signers: &[Address], threshold: u8) -> Result<(), Error> {
        let invalid = || Error::InvalidCouncil(FLTInvalidCouncil { signers: U256::from(signers.len()), threshold });
        if signers.is_empty() || signers.len() > MAX_SIGNERS || threshold == 0 || usize::from(threshold) > signers.len()
        {
            return Err(invalid());
        }
        for (i, s) in signers.iter().enumerate() {
            if s.is_zero() || signers[..i].contains(s) {
                return Err(invalid());
            }
        }
        while !self.signers.is_empty() {
            self.signers.erase_last();
        }
        let generation = self.council().1 + 1;
        for (i, s) in signers.iter().enumerate() {
            self.signers.push(*s);
            // i < MAX_SIGNERS = 16: the slot fits its 8 bits.
            self.signer_slots.insert(*s, alloy_primitives::Uint::from((u64::from(generation) << 8) | (i as u64 + 1)));
        }
        self.set_council_word(threshold, generation);
        flt_sol::emit(self.vm(), &CouncilChanged { signers: signers.to_vec(), threshold, generation });
        Ok(())
    }

    /// # Errors
    /// `FLTNotSigner`, `FLTInvalidCouncilAction` for a bad kind or data.
    /// # Events
    /// `CouncilActionProposed`, `CouncilActionApproved`, and the action's
    /// own events when one approval is enough.
    pub(crate) fn _council_propose(&mut self, kind: u8, data: Vec<u8>) -> Result<U256, Error> {
        let (signer, _) = self.signer_slot()?;
        decode(kind, &data)?;
        let nonce = self.action_nonce.get() + U256::from(1u8);
        self.action_nonce.set(nonce);
        let mut buf = Vec::with_capacity(33 + data.len());
        buf.extend_from_slice(&nonce.to_be_bytes::<32>());
        buf.push(kind);
        buf.extend_from_slice(&data);
        let id = U256::from_be_bytes(self.vm().native_keccak256(&buf).0);
        self.actions.setter(id).data.set_bytes(&data);
        self.store_action(id, kind, 0, self.council().1, false);
        flt_sol::emit(self.vm(), &CouncilActionProposed { actionId: id, kind, data: data.into(), signer });
        self._council_approve(id)?;
        Ok(id)
    }

    /// Adds the caller's approval and executes at the threshold. This is the
    /// only way an action executes: approvals count only within the council
    /// generation they were given in, and the threshold changes only with a
    /// new generation, so an action can never hold enough approvals without
    /// having executed (there is no separate `councilExecute`).
    pub(crate) fn _council_approve(&mut self, id: U256) -> Result<(), Error> {
        let (signer, slot) = self.signer_slot()?;
        let (kind, mut mask, mut gen, executed) = self.action(id)?;
        if executed {
            return Err(Error::CouncilActionDone(FLTCouncilActionDone { actionId: id }));
        }
        let (threshold, current) = self.council();
        if gen != current {
            (mask, gen) = (0, current);
        }
        if mask & (1 << slot) != 0 {
            return Err(Error::AlreadyApproved(FLTAlreadyApproved { id, signer }));
        }
        mask |= 1 << slot;
        self.store_action(id, kind, mask, gen, false);
        let count = approvals(mask, gen, current);
        flt_sol::emit(self.vm(), &CouncilActionApproved { actionId: id, signer, approvals: U256::from(count) });
        if count >= u32::from(threshold) {
            self.execute_action(id)?;
        }
        Ok(())
    }

    /// `(kind, mask, generation, executed)`.
    pub(crate) fn action(&self, id: U256) -> Result<(u8, u16, u32, bool), Error> {
        let w = self.actions.getter(id).word.get().as_limbs()[0];
        if w == 0 {
            return Err(Error::UnknownCouncilAction(FLTUnknownCouncilAction { actionId: id }));
        }
        // Bit 63 marks a stored action (kind 0 is a valid kind).
        Ok((w as u8, (w >> 8) as u16, (w >> 24) as u32, (w >> 56) & 1 == 1))
    }

    fn store_action(&mut self, id: U256, kind: u8, mask: u16, gen: u32, executed: bool) {
        let w =
            u64::from(kind) | (u64::from(mask) << 8) | (u64::from(gen) << 24) | (u64::from(executed) << 56) | (1 << 63);
        self.actions.setter(id).word.set(U256::from(w));
    }

    fn execute_action(&mut self, id: U256) -> Result<(), Error> {
        let (kind, mask, gen, _) = self.action(id)?;
        // Marked executed before acting.
        self.store_action(id, kind, mask, gen, true);
        let data = self.actions.getter(id).data.get_bytes();
        let call = match decode(kind, &data)? {
            Action::Validator(v, allowed) => {
                Some(calldata(SET_VALIDATOR, &[address_word(v), word(U256::from(allowed as u8))]))
            }
            Action::Ban(c, banned) => Some(calldata(SET_BANNED, &[address_word(c), word(U256::from(banned as u8))])),
            Action::Disqualify(e, c) => Some(calldata(DISQUALIFY, &[word(U256::from(e)), address_word(c)])),
            Action::Council(signers, threshold) => {
                self.set_council(&signers, threshold)?;
                None
            }
            Action::Pause(renew) => {
                let now = self.now();
                let (until, started) = self.pause_window()?;
                if now >= until {
                    return Err(Error::NotPaused(FLTNotPaused {}));
                }
                // Renewal: 14 more days, never beyond MAX_PAUSE from the start.
                // Unpause: the pause ends now (and the cooldown starts).
                let end = if renew { (now + PAUSE).min(started + MAX_PAUSE) } else { now };
                self.set_pause(end, started)?;
                None
            }
        };
        if let Some(inner) = call {
            // FLTGovernor forwards it to FLTRewards (the only caller of its
            // role changes); a refusal comes back as FLTActionFailed.
            self.governor_call(&relay_calldata(&inner))?;
        }
        flt_sol::emit(self.vm(), &CouncilActionExecuted { actionId: id });
        Ok(())
    }

    /// Any single signer pauses all three contracts for 14 days, once per
    /// council generation, and not during a pause or its cooldown. So no
    /// signer or quorum can keep holders frozen: a pause lasts at most 28
    /// days (one M-of-N renewal) and is followed by 14 free days.
    pub(crate) fn _pause(&mut self) -> Result<(), Error> {
        let (signer, _) = self.signer_slot()?;
        let (_, generation) = self.council();
        if self.pause_used.get(signer) == U256::from(generation) {
            return Err(Error::PauseAlreadyUsed(FLTPauseAlreadyUsed { signer }));
        }
        let now = self.now();
        let (until, started) = self.pause_window()?;
        if started != 0 && now < until + COOLDOWN {
            return Err(Error::PauseCooldown(FLTPauseCooldown { readyAt: until + COOLDOWN }));
        }
        self.pause_used.insert(signer, U256::from(generation));
        self.set_pause(now + PAUSE, now)
    }

    /// FLTGovernor keeps the window, applies it to FLToken and FLTRewards
    /// and emits `PauseSet` with the signer who caused it.
    fn set_pause(&mut self, until: u64, started: u64) -> Result<(), Error> {
        let by = self.vm().msg_sender();
        self.governor_call(&calldata(
            SET_PAUSE,
            &[address_word(by), word(U256::from(until)), word(U256::from(started))],
        ))
    }

    /// `(approvals that count, threshold)` of FLTGovernor proposal `id`.
    pub(crate) fn _approval_status(&self, id: U256) -> (u32, u8) {
        let (threshold, current) = self.council();
        let (mask, gen) = self.proposal_approval(id);
        (approvals(mask, gen, current), threshold)
    }

    /// `(mask, generation)` of proposal `id`'s approvals.
    fn proposal_approval(&self, id: U256) -> (u16, u32) {
        let w = self.proposal_approvals.get(id).as_limbs()[0];
        (w as u16, (w >> 16) as u32)
    }

    /// A council signer approves FLTGovernor proposal `id`, which must
    /// change a parameter and be Pending, Active, Succeeded or Queued.
    ///
    /// # Errors
    /// `FLTNotSigner`; FLTGovernor's own error for an unknown proposal;
    /// `FLTNoApprovalNeeded`; `GovernorUnexpectedProposalState`;
    /// `FLTAlreadyApproved`.
    pub(crate) fn _approve_proposal(&mut self, id: U256) -> Result<(), Vec<u8>> {
        let (signer, slot) = self.signer_slot()?;
        let (current_state, needs_council) = self.proposal_facts(id)?;
        if !needs_council {
            return Err(Error::NoApprovalNeeded(FLTNoApprovalNeeded { proposalId: id }).into());
        }
        if !APPROVABLE.contains(&current_state) {
            let mut expected = U256::ZERO;
            for s in APPROVABLE {
                expected |= U256::from(1u8) << usize::from(s);
            }
            return Err(Error::UnexpectedProposalState(GovernorUnexpectedProposalState {
                proposalId: id,
                current: current_state,
                expectedStates: expected.into(),
            })
            .into());
        }
        let (_, current) = self.council();
        let (mut mask, gen) = self.proposal_approval(id);
        if gen != current {
            mask = 0;
        }
        if mask & (1 << slot) != 0 {
            return Err(Error::AlreadyApproved(FLTAlreadyApproved { id, signer }).into());
        }
        mask |= 1 << slot;
        self.proposal_approvals.insert(id, alloy_primitives::Uint::from(u64::from(mask) | (u64::from(current) << 16)));
        flt_sol::emit(
            self.vm(),
            &ProposalApproved { proposalId: id, signer, approvals: U256::from(approvals(mask, current, current)) },
        );
        Ok(())
    }
}

/// OpenZeppelin's `ProposalState` values in which a proposal can still be
/// approved: Pending, Active, Succeeded, Queued.
pub const APPROVABLE: [u8; 4] = [0, 1, 4, 5];

pub(crate) enum Action {
    Validator(Address, bool),
    Ban(Address, bool),
    Disqualify(u64, Address),
    Council(Vec<Address>, u8),
    /// `true` renews, `false` unpauses.
    Pause(bool),
}

/// Decodes a council action's data strictly.
pub(crate) fn decode(kind: u8, data: &[u8]) -> Result<Action, Error> {
    let invalid = || Error::InvalidCouncilAction(FLTInvalidCouncilAction { kind });
    let address = || <sol_data::Address as SolType>::abi_decode(data, true).map_err(|_| invalid());
    Ok(match kind {
        kind::ADD_VALIDATOR => Action::Validator(address()?, true),
        kind::REMOVE_VALIDATOR => Action::Validator(address()?, false),
        kind::BAN => Action::Ban(address()?, true),
        kind::UNBAN => Action::Ban(address()?, false),
        kind::DISQUALIFY => {
            let (e, c) = <(sol_data::Uint<64>, sol_data::Address) as SolType>::abi_decode_params(data, true)
                .map_err(|_| invalid())?;
            Action::Disqualify(e, c)
        }
        kind::REPLACE_COUNCIL => {
            let (s, t) =
                <(sol_data::Array<sol_data::Address>, sol_data::Uint<8>) as SolType>::abi_decode_params(data, true)
                    .map_err(|_| invalid())?;
            Action::Council(s, t)
        }
        kind::UNPAUSE if data.is_empty() => Action::Pause(false),
        kind::RENEW_PAUSE if data.is_empty() => Action::Pause(true),
        _ => return Err(invalid()),
    })
}
