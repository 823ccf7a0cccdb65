//! Calls into FLToken, FLTRewards and FLTCouncil, encoded by hand.

use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
pub use flt_sol::calls::{address_word, calldata, selector, word};
use stylus_sdk::{prelude::*, stylus_core::calls::context::Call};

use crate::FLTGovernor;

pub const GET_PAST_VOTES: [u8; 4] = selector(b"getPastVotes(address,uint256)");
pub const GET_PAST_TOTAL_SUPPLY: [u8; 4] = selector(b"getPastTotalSupply(uint256)");
pub const SET_PARAMETER: [u8; 4] = selector(b"setParameter(uint8,uint256)");
pub const SET_PAUSED_UNTIL: [u8; 4] = selector(b"setPausedUntil(uint64)");
pub const SET_VALIDATOR: [u8; 4] = selector(b"setValidator(address,bool)");
pub const SET_BANNED: [u8; 4] = selector(b"setBanned(address,bool)");
pub const DISQUALIFY: [u8; 4] = selector(b"disqualify(uint64,address)");
pub const APPROVAL_STATUS: [u8; 4] = selector(b"approvalStatus(uint256)");

/// ERC-1271's `isValidSignature(bytes32,bytes)`: also the magic value a
/// contract signer returns for a valid signature.
pub const ERC1271_MAGIC: [u8; 4] = selector(b"isValidSignature(bytes32,bytes)");

/// `isValidSignature(digest, signature)` ABI-encoded.
pub fn erc1271_calldata(digest: alloy_primitives::B256, signature: &[u8]) -> Vec<u8> {
    let padded = signature.len().div_ceil(32) * 32;
    let mut data = calldata(ERC1271_MAGIC, &[digest.0, word(U256::from(64u8)), word(U256::from(signature.len()))]);
    data.extend_from_slice(signature);
    data.resize(4 + 32 * 3 + padded, 0);
    data
}

impl FLTGovernor {
    /// A uint256 view of the token; 0 if the call fails (it cannot for a
    /// past timepoint).
    pub(crate) fn token_view(&self, data: &[u8]) -> U256 {
        let token = self.token.get();
        match self.vm().static_call(&Call::new(), token, data) {
            Ok(out) if out.len() >= 32 => U256::from_be_slice(&out[..32]),
            _ => U256::ZERO,
        }
    }

    pub(crate) fn past_votes(&self, account: Address, timepoint: u64) -> U256 {
        self.token_view(&calldata(GET_PAST_VOTES, &[address_word(account), word(U256::from(timepoint))]))
    }

    pub(crate) fn past_supply(&self, timepoint: u64) -> U256 {
        self.token_view(&calldata(GET_PAST_TOTAL_SUPPLY, &[word(U256::from(timepoint))]))
    }

    /// Calls `target`; the revert data on failure.
    pub(crate) fn call_out(&mut self, target: Address, data: &[u8]) -> Result<(), Vec<u8>> {
        self.vm().call(&Call::new(), target, data).map(|_| ()).map_err(|e| match e {
            stylus_sdk::stylus_core::calls::errors::Error::Revert(data) => data,
            _ => Vec::new(),
        })
    }
}
