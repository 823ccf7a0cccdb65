//! ERC20 core: balances, allowances and the one function that moves tokens.

use alloy_primitives::{Address, U256};
use stylus_sdk::prelude::*;

use crate::{
    account::Account,
    errors::{ERC20InsufficientAllowance, ERC20InsufficientBalance, ERC20InvalidReceiver, ERC20InvalidSpender, Error},
    events::{Approval, Transfer},
    FLToken,
};

impl FLToken {
    pub(crate) fn account(&self, holder: Address) -> Account {
        Account(self.accounts.get(holder))
    }

    /// Moves `value` from `from` to `to`. The receiver may be neither the
    /// zero address nor an account marked `NO_RECEIVE` (the token itself and
    /// the reserve): tokens sent there would be lost or mixed into the reserve.
    ///
    /// # Errors
    /// `ERC20InvalidReceiver`, `ERC20InsufficientBalance`.
    /// # Events
    /// `Transfer`.
    pub(crate) fn _transfer(&mut self, from: Address, to: Address, value: U256) -> Result<(), Error> {
        let receiver = self.account(to);
        if to.is_zero() || receiver.refuses_transfers() {
            return Err(Error::InvalidReceiver(ERC20InvalidReceiver { receiver: to }));
        }
        let sender = self.account(from);
        let balance = sender.balance();
        if balance < value {
            return Err(Error::InsufficientBalance(ERC20InsufficientBalance { sender: from, balance, needed: value }));
        }
        if from != to {
            // Neither side can overflow: value <= balance(from) and the sum of
            // all balances is the fixed total supply (< 2^90).
            self.accounts.insert(from, sender.with_balance(balance - value).0);
            self.accounts.insert(to, receiver.with_balance(receiver.balance() + value).0);
        }
        flt_sol::emit(self.vm(), &Transfer { from, to, value });
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
        self.allowances.setter(owner).insert(spender, value);
        flt_sol::emit(self.vm(), &Approval { owner, spender, value });
        Ok(())
    }

    /// Uses `value` of `owner`'s allowance to `spender`. An allowance of
    /// `U256::MAX` is infinite and never written (saves a storage write).
    ///
    /// # Errors
    /// `ERC20InsufficientAllowance`.
    pub(crate) fn _spend_allowance(&mut self, owner: Address, spender: Address, value: U256) -> Result<(), Error> {
        let allowance = self.allowances.getter(owner).get(spender);
        if allowance == U256::MAX {
            return Ok(());
        }
        if allowance < value {
            return Err(Error::InsufficientAllowance(ERC20InsufficientAllowance { spender, allowance, needed: value }));
        }
        self.allowances.setter(owner).insert(spender, allowance - value);
        Ok(())
    }
}
