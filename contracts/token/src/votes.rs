//! Votes (SPEC.md section 7), as OpenZeppelin's ERC20Votes with an EIP-6372
//! timestamp clock: voting units are balances (locked stake included),
//! counted for an account's delegate once it delegates. History is kept as
//! checkpoints `(timestamp << 128) | votes`, one slot each.
//!
//! Supply checkpoints track the *circulating* supply (total minus the
//! reserve's balance): it changes only when the reserve pays out, so
//! FLTRewards' holdings never vote and never count towards quorum.

use alloy_primitives::aliases::U48;
use alloy_primitives::{Address, B256, U256};
use stylus_sdk::{prelude::*, storage::StorageVec};

use crate::{
    errors::*,
    events::{DelegateChanged, DelegateVotesChanged},
    permit::{hash_words, keccak},
    FLToken,
};

const DELEGATION_TYPEHASH: [u8; 32] = keccak(b"Delegation(address delegatee,uint256 nonce,uint256 expiry)");

fn checkpoint_at(list: &StorageVec<stylus_sdk::storage::StorageU256>, i: usize) -> (u64, u128) {
    let w = list.get(i).unwrap_or_default();
    let limbs = w.as_limbs();
    (limbs[2], u128::from(limbs[0]) | (u128::from(limbs[1]) << 64))
}

fn latest(list: &StorageVec<stylus_sdk::storage::StorageU256>) -> u128 {
    list.len().checked_sub(1).map_or(0, |i| checkpoint_at(list, i).1)
}

/// The value at `timepoint` (the last checkpoint at or before it), by binary
/// search: O(log n) reads, views only.
fn value_at(list: &StorageVec<stylus_sdk::storage::StorageU256>, timepoint: u64) -> u128 {
    let (mut low, mut high) = (0, list.len());
    while low < high {
        let mid = low + (high - low) / 2;
        if checkpoint_at(list, mid).0 > timepoint {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    high.checked_sub(1).map_or(0, |i| checkpoint_at(list, i).1)
}

/// Records `value` at `now`: the last checkpoint is overwritten when it is
/// from the same second, else one is appended.
fn push(list: &mut StorageVec<stylus_sdk::storage::StorageU256>, now: u64, value: u128) {
    let word = U256::from_limbs([value as u64, (value >> 64) as u64, now, 0]);
    match list.len().checked_sub(1) {
        Some(i) if checkpoint_at(list, i).0 == now => {
            if let Some(mut slot) = list.setter(i) {
                slot.set(word);
            }
        }
        _ => list.push(word),
    }
}

impl FLToken {
    /// Moves `amount` voting units from `from`'s delegate to `to`'s.
    /// `None` stands for "not delegating" (no votes on that side).
    pub(crate) fn move_votes(&mut self, from: Option<Address>, to: Option<Address>, amount: u128) {
        if from == to || amount == 0 {
            return;
        }
        let now = self.now();
        for (delegate, up) in [(from, false), (to, true)] {
            let Some(delegate) = delegate.filter(|d| !d.is_zero()) else { continue };
            let mut list = self.checkpoints.setter(delegate);
            let previous = latest(&list);
            // A delegate's votes are a sum of balances: within the supply.
            let new = if up { previous + amount } else { previous - amount };
            push(&mut list, now, new);
            flt_sol::emit(
                self.vm(),
                &DelegateVotesChanged { delegate, previousVotes: U256::from(previous), newVotes: U256::from(new) },
            );
        }
    }

    /// The circulating supply grew by `amount` (the reserve paid out).
    pub(crate) fn circulate(&mut self, amount: u128) {
        let now = self.now();
        let previous = latest(&self.supply_checkpoints);
        push(&mut self.supply_checkpoints, now, previous + amount);
    }

    /// The delegate of `holder` if it delegates.
    pub(crate) fn delegate_of(&self, holder: Address, delegating: bool) -> Option<Address> {
        delegating.then(|| self.delegates.get(holder))
    }

    /// # Events
    /// `DelegateChanged`, and `DelegateVotesChanged` per delegate whose
    /// votes change.
    pub(crate) fn _delegate(&mut self, holder: Address, delegatee: Address) {
        let mut account = self.account(holder);
        let previous = self.delegate_of(holder, account.delegating);
        self.delegates.insert(holder, delegatee);
        account.delegating = !delegatee.is_zero();
        self.set_account(holder, account);
        flt_sol::emit(
            self.vm(),
            &DelegateChanged { delegator: holder, fromDelegate: previous.unwrap_or_default(), toDelegate: delegatee },
        );
        self.move_votes(previous, Some(delegatee), account.balance);
    }

    /// # Errors
    /// `VotesExpiredSignature`, `InvalidAccountNonce`, the signature errors.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn _delegate_by_sig(
        &mut self,
        delegatee: Address,
        nonce: U256,
        expiry: U256,
        v: u8,
        r: B256,
        s: B256,
    ) -> Result<(), Error> {
        if U256::from(self.now()) > expiry {
            return Err(Error::ExpiredDelegation(VotesExpiredSignature { expiry }));
        }
        let struct_hash = hash_words(
            self.vm(),
            &[DELEGATION_TYPEHASH, delegatee.into_word().0, nonce.to_be_bytes(), expiry.to_be_bytes()],
        );
        let signer = self._recover(self._typed_digest(struct_hash), v, r, s)?;
        let current = self._use_nonce(signer);
        if current != nonce {
            return Err(Error::InvalidAccountNonce(InvalidAccountNonce { account: signer, currentNonce: current }));
        }
        self._delegate(signer, delegatee);
        Ok(())
    }

    pub(crate) fn _get_votes(&self, account: Address) -> U256 {
        U256::from(latest(&self.checkpoints.getter(account)))
    }

    /// # Errors
    /// `ERC5805FutureLookup` unless `timepoint` is in the past.
    pub(crate) fn past_timepoint(&self, timepoint: U256) -> Result<u64, Error> {
        let clock = self.now();
        if timepoint >= U256::from(clock) {
            return Err(Error::FutureLookup(ERC5805FutureLookup { timepoint, clock: U48::from(clock) }));
        }
        Ok(timepoint.as_limbs()[0])
    }

    pub(crate) fn _get_past_votes(&self, account: Address, timepoint: U256) -> Result<U256, Error> {
        let t = self.past_timepoint(timepoint)?;
        Ok(U256::from(value_at(&self.checkpoints.getter(account), t)))
    }

    pub(crate) fn _get_past_total_supply(&self, timepoint: U256) -> Result<U256, Error> {
        let t = self.past_timepoint(timepoint)?;
        Ok(U256::from(value_at(&self.supply_checkpoints, t)))
    }
}
