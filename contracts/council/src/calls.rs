//! Calls into FLTGovernor, encoded by hand: the pause window it applies,
//! the role changes it forwards to FLTRewards, and the proposal facts an
//! approval needs.

use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
pub use flt_sol::calls::{address_word, calldata, selector, word};
use stylus_sdk::{prelude::*, stylus_core::calls::context::Call};

use crate::{errors::*, FLTCouncil};

pub const SET_PAUSE: [u8; 4] = selector(b"setPause(address,uint64,uint64)");
pub const PAUSE_WINDOW: [u8; 4] = selector(b"pauseWindow()");
pub const RELAY: [u8; 4] = selector(b"relay(bytes)");
pub const STATE: [u8; 4] = selector(b"state(uint256)");
pub const PROPOSAL_NEEDS_COUNCIL: [u8; 4] = selector(b"proposalNeedsCouncil(uint256)");
/// FLTRewards' role changes, which FLTGovernor forwards for the council.
pub const SET_VALIDATOR: [u8; 4] = selector(b"setValidator(address,bool)");
pub const SET_BANNED: [u8; 4] = selector(b"setBanned(address,bool)");
pub const DISQUALIFY: [u8; 4] = selector(b"disqualify(uint64,address)");

/// `relay(bytes inner)` calldata.
pub fn relay_calldata(inner: &[u8]) -> Vec<u8> {
    let mut data = calldata(RELAY, &[word(U256::from(32u8)), word(U256::from(inner.len()))]);
    data.extend_from_slice(inner);
    data.resize(4 + 64 + inner.len().div_ceil(32) * 32, 0);
    data
}

/// The `index`-th word of a call's answer, if there is one.
fn word_at(out: &[u8], index: usize) -> Option<U256> {
    out.get(32 * index..32 * index + 32).map(U256::from_be_slice)
}

impl FLTCouncil {
    /// The wired FLTGovernor.
    ///
    /// # Errors
    /// `FLTNotWired` before `wire`.
    pub(crate) fn governor_address(&self) -> Result<Address, Error> {
        let governor = self.governor.get();
        if governor.is_zero() {
            return Err(Error::NotWired(FLTNotWired {}));
        }
        Ok(governor)
    }

    /// A view of FLTGovernor; its revert data, unchanged, if it refuses.
    pub(crate) fn governor_view(&self, data: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
        let governor = self.governor_address().map_err(Vec::<u8>::from)?;
        self.vm().static_call(&Call::new(), governor, data).map_err(revert_data)
    }

    /// Calls FLTGovernor; its revert data on failure.
    pub(crate) fn governor_call(&mut self, data: &[u8]) -> Result<(), Error> {
        let governor = self.governor_address()?;
        self.vm()
            .call(&Call::new(), governor, data)
            .map(|_| ())
            .map_err(|e| Error::ActionFailed(FLTActionFailed { index: U256::ZERO, reason: revert_data(e).into() }))
    }

    /// `(pausedUntil, pauseStarted)`, as FLTGovernor keeps them.
    pub(crate) fn pause_window(&self) -> Result<(u64, u64), Error> {
        self.governor_address()?;
        let out = self
            .governor_view(&PAUSE_WINDOW)
            .map_err(|reason| Error::ActionFailed(FLTActionFailed { index: U256::ZERO, reason: reason.into() }))?;
        let until = word_at(&out, 0).unwrap_or_default();
        let started = word_at(&out, 1).unwrap_or_default();
        Ok((until.saturating_to(), started.saturating_to()))
    }

    /// FLTGovernor's `state(id)` and `proposalNeedsCouncil(id)`; the
    /// governor's own error (an unknown proposal) if it refuses.
    pub(crate) fn proposal_facts(&self, id: U256) -> Result<(u8, bool), Vec<u8>> {
        let state = self.governor_view(&calldata(STATE, &[word(id)]))?;
        let needs = self.governor_view(&calldata(PROPOSAL_NEEDS_COUNCIL, &[word(id)]))?;
        let state = word_at(&state, 0).unwrap_or_default().saturating_to::<u8>();
        let needs = word_at(&needs, 0).is_some_and(|w| !w.is_zero());
        Ok((state, needs))
    }
}

fn revert_data(e: stylus_sdk::stylus_core::calls::errors::Error) -> Vec<u8> {
    match e {
        stylus_sdk::stylus_core::calls::errors::Error::Revert(data) => data,
        _ => Vec::new(),
    }
}
