//! Governance hooks of FLToken (SPEC.md sections 4 and 8): the governor,
//! set once by the reserve during wiring, is the only pauser and the only
//! caller of `setParameter` (id 12, `stakeMin`). A pause lapses by itself
//! at `pausedUntil`; checking it costs each guarded call one storage read.

use alloy_primitives::{Address, U256};
use stylus_sdk::prelude::*;

use crate::{
    account::{Config, Control},
    erc20::low_u128,
    errors::*,
    events::*,
    FLToken,
};

/// Parameter 12 of the shared table (`flt_scoring::Param::StakeMin`): its
/// id, default and bounds as constants, so the program carries neither the
/// whole parameter table nor its lookups (the test below holds them equal).
pub const STAKE_MIN_ID: u8 = 12;
pub const STAKE_MIN_DEFAULT: u128 = 10_000 * FLT;
pub const STAKE_MIN_BOUNDS: (u128, u128) = (FLT, 10_000_000 * FLT);
const FLT: u128 = 1_000_000_000_000_000_000;

impl FLToken {
    pub(crate) fn config(&self) -> Config {
        Config::load(self.config.get())
    }

    fn set_config(&mut self, config: Config) {
        self.config.set(config.store());
    }

    pub(crate) fn control(&self) -> Control {
        Control::load(self.control.get())
    }

    pub(crate) fn set_control(&mut self, control: Control) {
        self.control.set(control.store());
    }

    /// # Errors
    /// `EnforcedPause` while a pause is in force.
    pub(crate) fn when_not_paused(&self) -> Result<(), Error> {
        if self.now() < self.control().paused_until {
            return Err(Error::EnforcedPause(EnforcedPause {}));
        }
        Ok(())
    }

    fn only_governor(&self) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        let governor = self.control().governor;
        if governor.is_zero() || caller != governor {
            return Err(Error::Unauthorized(FLTUnauthorized { caller }));
        }
        Ok(())
    }

    /// The reserve (FLTRewards) names the governor once, while wiring.
    pub(crate) fn _set_governor(&mut self, governor: Address) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        let control = self.control();
        if caller != self.config().reserve || !control.governor.is_zero() || governor.is_zero() {
            return Err(Error::Unauthorized(FLTUnauthorized { caller }));
        }
        self.set_control(Control { governor, ..control });
        Ok(())
    }

    /// Pauses until `until` (a time in the past unpauses).
    ///
    /// # Events
    /// `Paused(governor)` or `Unpaused(governor)`.
    pub(crate) fn _set_paused_until(&mut self, until: u64) -> Result<(), Error> {
        self.only_governor()?;
        self.set_control(Control { paused_until: until, ..self.control() });
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
        if id != STAKE_MIN_ID {
            return Err(Error::UnknownParameter(FLTUnknownParameter { id }));
        }
        let (min, max) = (U256::from(STAKE_MIN_BOUNDS.0), U256::from(STAKE_MIN_BOUNDS.1));
        if value < min || value > max {
            return Err(Error::ParameterOutOfBounds(FLTParameterOutOfBounds { id, value, min, max }));
        }
        // Within the bounds checked above (<= 10^25 < 2^96).
        self.set_config(Config { stake_min: low_u128(value), ..self.config() });
        flt_sol::emit(self.vm(), &ParameterChanged { id, value });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flt_scoring::Param;

    #[test]
    fn stake_min_constants_are_the_shared_tables() {
        assert_eq!(Param::StakeMin.id(), STAKE_MIN_ID);
        assert_eq!(Param::StakeMin.default_value(), STAKE_MIN_DEFAULT);
        assert_eq!(Param::StakeMin.bounds(), STAKE_MIN_BOUNDS);
    }
}
