//! Calls into FLToken, encoded by hand (three fixed-size calls do not need
//! the SDK's generic interface code).

use alloy_primitives::{Address, U256};
use stylus_sdk::{prelude::*, stylus_core::calls::context::Call};

use crate::{
    errors::{Error, FLTTokenCallFailed},
    FLTRewards,
};

const TRANSFER: [u8; 4] = [0xa9, 0x05, 0x9c, 0xbb];
const BALANCE_OF: [u8; 4] = [0x70, 0xa0, 0x82, 0x31];
const RESERVE: [u8; 4] = [0xcd, 0x32, 0x93, 0xde];
const SET_GOVERNOR: [u8; 4] = [0xc4, 0x2c, 0xf5, 0x35];
const STAKE_OF: [u8; 4] = [0x42, 0x62, 0x33, 0x60];

fn calldata(selector: [u8; 4], args: &[[u8; 32]]) -> alloc::vec::Vec<u8> {
    let mut data = alloc::vec::Vec::with_capacity(4 + 32 * args.len());
    data.extend_from_slice(&selector);
    for arg in args {
        data.extend_from_slice(arg);
    }
    data
}

fn word(out: &[u8]) -> Option<[u8; 32]> {
    out.get(..32).and_then(|w| w.try_into().ok())
}

impl FLTRewards {
    fn failed(token: Address) -> Error {
        Error::TokenCallFailed(FLTTokenCallFailed { token })
    }

    /// Pays `amount` from the reserve. Call only after every state write
    /// (checks-effects-interactions).
    pub(crate) fn pay(&mut self, token: Address, to: Address, amount: U256) -> Result<(), Error> {
        let data = calldata(TRANSFER, &[to.into_word().0, amount.to_be_bytes()]);
        let out = self.vm().call(&Call::new(), token, &data).map_err(|_| Self::failed(token))?;
        match word(&out) {
            Some(w) if U256::from_be_bytes(w) == U256::from(1u8) => Ok(()),
            _ => Err(Self::failed(token)),
        }
    }

    /// The multiplier of `holder`'s stake now: FLToken's `stakeOf(holder)`,
    /// fourth word (a uint32 in bps).
    pub(crate) fn stake_multiplier(&self, token: Address, holder: Address) -> Result<u32, Error> {
        let out = self
            .vm()
            .static_call(&Call::new(), token, &calldata(STAKE_OF, &[holder.into_word().0]))
            .map_err(|_| Self::failed(token))?;
        match out.get(96..128) {
            Some(w) if w[..28].iter().all(|b| *b == 0) => Ok(u32::from_be_bytes([w[28], w[29], w[30], w[31]])),
            _ => Err(Self::failed(token)),
        }
    }

    /// Names the governor in FLToken (which accepts it from its reserve, once).
    pub(crate) fn name_governor(&mut self, token: Address, governor: Address) -> Result<(), Error> {
        let data = calldata(SET_GOVERNOR, &[governor.into_word().0]);
        self.vm().call(&Call::new(), token, &data).map(|_| ()).map_err(|_| Self::failed(token))
    }

    /// `(token.reserve(), token.balanceOf(this))`, for the wiring check.
    pub(crate) fn token_reserve_and_balance(&self, token: Address) -> Option<(Address, U256)> {
        let this = self.vm().contract_address();
        let reserve = self.vm().static_call(&Call::new(), token, &calldata(RESERVE, &[])).ok()?;
        let balance = self.vm().static_call(&Call::new(), token, &calldata(BALANCE_OF, &[this.into_word().0])).ok()?;
        Some((Address::from_word(word(&reserve)?.into()), U256::from_be_bytes(word(&balance)?)))
    }
}
