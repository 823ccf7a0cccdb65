//! What FLTCouncil may ask of this governor (SPEC.md section 8, the council
//! in its own program as section 0, v1.1 allows): apply a pause window, and
//! forward a role change to FLTRewards. The council's rules (who may
//! pause, when, renewals, M-of-N) are FLTCouncil's; the window lives here,
//! where `execute` and proposal expiry read it.

use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use stylus_sdk::prelude::*;

use crate::{calls::*, errors::*, events::*, FLTGovernor};

impl FLTGovernor {
    /// # Errors
    /// `FLTUnauthorized(caller)` unless the caller is FLTCouncil.
    pub(crate) fn only_council(&self) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        if caller != self.council.get() {
            return Err(Error::Unauthorized(FLTUnauthorized { caller }));
        }
        Ok(())
    }

    /// `(pausedUntil, pauseStarted)`.
    pub(crate) fn pause_state(&self) -> (u64, u64) {
        let w = self.paused_until.get().into_limbs();
        (w[0], w[1])
    }

    pub(crate) fn apply_pause(&mut self, by: Address, until: u64, started: u64) -> Result<(), Error> {
        self.paused_until.set(U256::from_limbs([until, started, 0, 0]));
        let data = calldata(SET_PAUSED_UNTIL, &[word(U256::from(until))]);
        for target in [self.token.get(), self.rewards.get()] {
            self.call_out(target, &data)
                .map_err(|reason| Error::ActionFailed(FLTActionFailed { index: U256::ZERO, reason: reason.into() }))?;
        }
        flt_sol::emit(self.vm(), &PauseSet { by, pausedUntil: until });
        Ok(())
    }

    /// Forwards `data` to FLTRewards if it calls one of its role changes.
    pub(crate) fn relay_to_rewards(&mut self, data: &[u8]) -> Result<(), Vec<u8>> {
        match data.get(..4) {
            Some(s) if s == SET_VALIDATOR || s == SET_BANNED || s == DISQUALIFY => {
                let rewards = self.rewards.get();
                self.call_out(rewards, data)
            }
            _ => Err(Error::InvalidAction(FLTInvalidAction { index: U256::ZERO }).into()),
        }
    }

    /// `(approvals, threshold)` of proposal `id` at FLTCouncil.
    pub(crate) fn council_approvals(&self, id: U256) -> (u32, u8) {
        let council = self.council.get();
        let call = calldata(APPROVAL_STATUS, &[word(id)]);
        match self.vm().static_call(&stylus_sdk::stylus_core::calls::context::Call::new(), council, &call) {
            Ok(out) if out.len() >= 64 => {
                (U256::from_be_slice(&out[..32]).saturating_to(), U256::from_be_slice(&out[32..64]).saturating_to())
            }
            // FLTCouncil always answers; if it could not, nothing counts.
            _ => (0, u8::MAX),
        }
    }
}
