//! ERC20 core: balances, allowances and the one function that moves tokens.

use alloy_primitives::{Address, B256, U256};
use stylus_sdk::{
    prelude::*,
    storage::{StorageKey, StorageU256},
};

use crate::{
    account::Account,
    errors::{
        ERC20InsufficientAllowance, ERC20InsufficientBalance, ERC20InvalidReceiver, ERC20InvalidSpender, Error,
        FLTLockedBalance,
    },
    events::{Approval, Transfer},
    FLToken,
};

/// An allowance's key: its slot hashes the owner, the spender and the map's
/// slot together, one keccak where a map of maps takes two (a hash costs
/// about 150 gas on the node: each `approve`, `permit` and `transferFrom`).
#[derive(Clone, Copy)]
pub struct Allowance {
    pub owner: Address,
    pub spender: Address,
}

impl StorageKey for Allowance {
    fn to_slot(&self, root: B256) -> U256 {
        let mut data = [0u8; 96];
        data[12..32].copy_from_slice(self.owner.as_slice());
        data[44..64].copy_from_slice(self.spender.as_slice());
        data[64..].copy_from_slice(root.as_slice());
        stylus_sdk::crypto::keccak(data).into()
    }
}

/// The low 128 bits of `value` (callers ensure it is below 2^128), without
/// the panicking conversion.
pub(crate) fn low_u128(value: U256) -> u128 {
    let limbs = value.as_limbs();
    u128::from(limbs[0]) | (u128::from(limbs[1]) << 64)
}

impl FLToken {
    pub(crate) fn account(&self, holder: Address) -> Account {
        Account::load(self.accounts.get(holder))
    }

    pub(crate) fn set_account(&mut self, holder: Address, account: Account) {
        self.accounts.insert(holder, account.store());
    }

    /// `holder`'s account word as a handle, its key hashed once (a map key's
    /// hash costs about 150 gas): a transfer reads and writes each side's
    /// word through one.
    pub(crate) fn account_word(&mut self, holder: Address) -> StorageU256 {
        // SAFETY: a storage handle is only the slot's number and the host;
        // it caches nothing, so its reads and writes reach the host in
        // program order, as the map's own would. Two handles of one slot (a
        // transfer to oneself) see each other's writes.
        unsafe { self.accounts.setter(holder).into_raw() }
    }

    pub(crate) fn now(&self) -> u64 {
        flt_clock::now(self.vm().block_timestamp())
    }

    /// Moves `value` from `from` to `to`. The receiver may be neither the
    /// zero address nor an account marked `NO_RECEIVE` (the token itself and
    /// the reserve): tokens sent there would be lost or mixed into the
    /// reserve. An active stake lock stays put; once a lock has ended, a
    /// transfer that dips into the position shrinks it to what is left.
    ///
    /// # Errors
    /// `ERC20InvalidReceiver`, `ERC20InsufficientBalance`, `FLTLockedBalance`.
    /// # Events
    /// `Transfer`.
    pub(crate) fn _transfer(&mut self, from: Address, to: Address, value: U256) -> Result<(), Error> {
        let word = self.account_word(from);
        let sender = Account::load(word.get());
        self.transfer_loaded(from, word, sender, to, value)
    }

    /// [`Self::_transfer`] with `from`'s word already read through its
    /// handle (`transfer` reads it first to tell a payout apart): each word
    /// is read once, and each key hashed once.
    pub(crate) fn transfer_loaded(
        &mut self,
        from: Address,
        mut from_word: StorageU256,
        mut sender: Account,
        to: Address,
        value: U256,
    ) -> Result<(), Error> {
        let mut to_word = self.account_word(to);
        let mut receiver = Account::load(to_word.get());
        if to.is_zero() || receiver.no_receive {
            return Err(Error::InvalidReceiver(ERC20InvalidReceiver { receiver: to }));
        }
        let balance = U256::from(sender.balance);
        if balance < value {
            return Err(Error::InsufficientBalance(ERC20InsufficientBalance { sender: from, balance, needed: value }));
        }
        let amount = low_u128(value); // value <= balance < 2^90

        if sender.staked > 0 {
            let transferable = sender.transferable(self.now());
            if amount > transferable {
                return Err(Error::LockedBalance(FLTLockedBalance {
                    holder: from,
                    transferable: U256::from(transferable),
                    needed: value,
                }));
            }
            sender.staked = sender.staked.min(sender.balance - amount);
        }
        // As ERC20Votes: `Transfer` first, then any `DelegateVotesChanged`
        // (nothing below can fail).
        flt_sol::emit(self.vm(), &Transfer { from, to, value });
        if from != to {
            // Neither side can overflow: amount <= balance(from) and the sum
            // of all balances is the fixed total supply (< 2^90).
            sender.balance -= amount;
            receiver.balance += amount;
            // Only the reserve both sends and refuses to receive (the token's
            // own balance is always 0): a payout, whose supply bookkeeping
            // goes out in the reserve's word written just below.
            if sender.no_receive && amount > 0 {
                self.circulate(&mut sender, amount);
            }
            from_word.set(sender.store());
            to_word.set(receiver.store());
            // Holders who never delegated read no delegate and write no checkpoint.
            if sender.delegating || receiver.delegating {
                let (src, dst) = (self.delegate_of(from, sender.delegating), self.delegate_of(to, receiver.delegating));
                self.move_votes(src, dst, amount);
            }
        }
        Ok(())
    }

    /// # Errors
    /// `ERC20InvalidSpender` for the zero address.
    /// # Events
    /// `Approval`.
    pub(crate) fn _approve(&mut self, owner: Address, spender: Address, value: U256) -> Result<(), Error> {
        if spender.is_zero() {
            return Err(Error::InvalidSpender(ERC20InvalidSpender { spender }));
        }
        self.allowances.insert(Allowance { owner, spender }, value);
        flt_sol::emit(self.vm(), &Approval { owner, spender, value });
        Ok(())
    }

    /// Uses `value` of `owner`'s allowance to `spender`. An allowance of
    /// `U256::MAX` is infinite and never written (saves a storage write).
    ///
    /// # Errors
    /// `ERC20InsufficientAllowance`.
    pub(crate) fn _spend_allowance(&mut self, owner: Address, spender: Address, value: U256) -> Result<(), Error> {
        // One handle reads and writes the allowance: its key is hashed once.
        let mut cell = self.allowances.setter(Allowance { owner, spender });
        let allowance = cell.get();
        if allowance == U256::MAX {
            return Ok(());
        }
        if allowance < value {
            return Err(Error::InsufficientAllowance(ERC20InsufficientAllowance { spender, allowance, needed: value }));
        }
        cell.set(allowance - value);
        Ok(())
    }
}
