//! FLTCouncil: the M-of-N council, its actions, the emergency pause's rules
//! and the council's approval of parameter proposals (SPEC.md sections 7
//! and 8), beside FLTGovernor as SPEC section 0 (v1.1) allows, the way
//! Arbitrum's DAO keeps its Security Council beside its governor.
//!
//! This file is the contract's whole ABI surface: one `#[public]` block whose
//! methods delegate to `council` and `calls`.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
extern crate alloc;

// The panic handler is flt-sol's (one for all programs).

mod calls;
pub mod council;
pub mod errors;
pub mod events;
pub mod raw;

use alloc::{vec, vec::Vec};

use alloy_primitives::{Address, U256};
use stylus_sdk::{
    abi::Bytes,
    prelude::*,
    storage::{StorageAddress, StorageBytes, StorageMap, StorageU256, StorageU64, StorageVec},
};

use crate::{errors::*, events::CouncilWired};

#[storage]
pub struct ActionSlots {
    word: StorageU256,
    data: StorageBytes,
}

#[storage]
#[entrypoint]
pub struct FLTCouncil {
    /// The FLTGovernor this council serves; zero until `wire`.
    governor: StorageAddress,
    /// Who may call `wire`, once.
    wirer: StorageAddress,
    signers: StorageVec<StorageAddress>,
    /// Per address: generation (32 bits) << 8 | its slot in `signers` + 1,
    /// written by each council change. A caller is a signer iff its word
    /// names the current generation: one read, not a walk of `signers`.
    signer_slots: StorageMap<Address, StorageU64>,
    /// threshold (8 bits) | generation (32 bits).
    council: StorageU256,
    actions: StorageMap<U256, ActionSlots>,
    action_nonce: StorageU256,
    /// The generation in which each signer last used its single pause.
    pause_used: StorageMap<Address, StorageU256>,
    /// Per FLTGovernor proposal: approval mask 0..16 | generation 16..48.
    proposal_approvals: StorageMap<U256, StorageU64>,
}

impl FLTCouncil {
    pub(crate) fn now(&self) -> u64 {
        flt_clock::now(self.vm().block_timestamp())
    }
}

#[public]
impl FLTCouncil {
    /// `signers`: 1..=16 distinct non-zero addresses; `threshold`: 1..=N.
    /// `wirer` names the FLTGovernor once it exists (`wire`).
    ///
    /// # Errors
    /// `FLTInvalidCouncil`, `FLTUnauthorized(0)` for a zero wirer.
    #[constructor]
    pub fn constructor(&mut self, signers: Vec<Address>, threshold: u8, wirer: Address) -> Result<(), Error> {
        if wirer.is_zero() {
            return Err(Error::Unauthorized(FLTUnauthorized { caller: Address::ZERO }));
        }
        self.wirer.set(wirer);
        self.set_council(&signers, threshold)
    }

    /// Names the FLTGovernor, once, by the constructor's `wirer`. Until then
    /// every action, pause and approval refuses with `FLTNotWired`.
    ///
    /// # Errors
    /// `FLTUnauthorized(caller)` for anyone else, a second call or a zero
    /// governor.
    pub fn wire(&mut self, governor: Address) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        if caller != self.wirer.get() || !self.governor.get().is_zero() || governor.is_zero() {
            return Err(Error::Unauthorized(FLTUnauthorized { caller }));
        }
        self.governor.set(governor);
        flt_sol::emit(self.vm(), &CouncilWired { governor });
        Ok(())
    }

    pub fn governor(&self) -> Address {
        self.governor.get()
    }

    pub fn signers(&self) -> Vec<Address> {
        (0..self.signers.len()).filter_map(|i| self.signers.get(i)).collect()
    }

    /// `(threshold, generation)` of the council.
    pub fn council_info(&self) -> (u8, u32) {
        self.council()
    }

    /// A signer proposes council action `kind` (see `council::kind`) with
    /// ABI-encoded `data`; its own approval is counted at once.
    pub fn council_propose(&mut self, kind: u8, data: Bytes) -> Result<U256, Error> {
        self._council_propose(kind, data.0)
    }

    /// A signer approves; the action executes at the threshold.
    pub fn council_approve(&mut self, action_id: U256) -> Result<(), Error> {
        self._council_approve(action_id)
    }

    /// Any single signer pauses FLToken, FLTRewards and proposal execution
    /// for 14 days: once per signer and council generation, never during a
    /// pause or the 14-day cooldown after one.
    pub fn pause(&mut self) -> Result<(), Error> {
        self._pause()
    }

    /// A council signer approves an FLTGovernor proposal that changes
    /// parameters (SPEC.md section 7). FLTGovernor's refusals (an unknown
    /// proposal) come back unchanged.
    pub fn approve_proposal(&mut self, proposal_id: U256) -> Result<(), Vec<u8>> {
        self._approve_proposal(proposal_id)
    }

    /// `(approvals, threshold)` of an FLTGovernor proposal: the approvals
    /// that count (given in the current council generation) and the number
    /// its execution needs.
    pub fn approval_status(&self, proposal_id: U256) -> (u32, u8) {
        self._approval_status(proposal_id)
    }

    /// Answers `councilAction` (`raw.rs`, whose result the SDK's router
    /// would mis-encode); any other unknown call reverts empty.
    #[fallback]
    pub fn fallback(&mut self, input: &[u8]) -> stylus_sdk::ArbResult {
        let value_sent = !self.vm().msg_value().is_zero();
        raw::route(self, input, value_sent)
    }
}

impl FLTCouncil {
    /// `(kind, approvals that count, executed, data)`.
    pub fn council_action(&self, action_id: U256) -> Result<(u8, u32, bool, Bytes), Error> {
        let (kind, mask, gen, executed) = self.action(action_id)?;
        let data = self.actions.getter(action_id).data.get_bytes();
        Ok((kind, council::approvals(mask, gen, self.council().1), executed, data.into()))
    }
}
