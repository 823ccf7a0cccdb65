//! Governance hooks of FLToken (SPEC.md sections 4 and 8): the governor,
//! set once by the reserve during wiring, is the only pauser and the only
//! caller of `setParameter` (id 12, `stakeMin`). A pause lapses by itself
//! at `pausedUntil`; checking it costs each guarded call one storage read.

use alloy_primitives::{Address, U256};
use flt_scoring::Param;
use stylus_sdk::prelude::*;

use crate::{errors::*, events::*, FLToken};

impl FLToken {
    /// # Errors
    /// `EnforcedPause` while a pause is in force.
    pub(crate) fn when_not_paused(&self) -> Result<(), Error> {
        if self.now() < self.paused_until.get().as_limbs()[0] {
            return Err(Error::EnforcedPause(EnforcedPause {}));
        }
        Ok(())
    }

    fn only_governor(&self) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        let governor = self.governor.get();
        if governor.is_zero() || caller != governor {
            return Err(Error::Unauthorized(FLTUnauthorized { caller }));
        }
        Ok(())
    }

    /// The reserve (FLTRewards) names the governor once, while wiring.
    pub(crate) fn _set_governor(&mut self, governor: Address) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        if caller != self.reserve.get() || !self.governor.get().is_zero() || governor.is_zero() {
            return Err(Error::Unauthorized(FLTUnauthorized { caller }));
        }
        self.governor.set(governor);
        Ok(())
    }

    /// Pauses until `until` (a time in the past unpauses).
    ///
    /// # Events
    /// `Paused(governor)` or `Unpaused(governor)`.
    pub(crate) fn _set_paused_until(&mut self, until: u64) -> Result<(), Error> {
        self.only_governor()?;
        self.paused_until.set(alloy_primitives::Uint::from(until));
        let account = self.vm().msg_sender();
        if until > self.now() {
            flt_sol::emit(self.vm(), &Paused { account });
        } else {
            flt_sol::emit(self.vm(), &Unpaused { account });
        }
        Ok(())
    }

    /// # Errors
    /// `FLTUnauthorized`, `FLTParameterOutOfBounds`, `FLTUnknownParameter`.
    /// # Events
    /// `ParameterChanged(12, value)`.
    pub(crate) fn _set_parameter(&mut self, id: u8, value: U256) -> Result<(), Error> {
        self.only_governor()?;
        if id != Param::StakeMin.id() {
            return Err(Error::UnknownParameter(FLTUnknownParameter { id }));
        }
        let (min, max) = Param::StakeMin.bounds();
        if Param::StakeMin.check(value).is_err() {
            return Err(Error::ParameterOutOfBounds(FLTParameterOutOfBounds {
                id,
                value,
                min: U256::from(min),
                max: U256::from(max),
            }));
        }
        self.stake_min.set(value);
        flt_sol::emit(self.vm(), &ParameterChanged { id, value });
        Ok(())
    }
}
