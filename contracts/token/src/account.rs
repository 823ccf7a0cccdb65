//! The packed per-holder storage word. A transfer reads and writes one word
//! per side, so everything a transfer must consult lives in it.
//!
//! | bits    | field                                                     |
//! |---------|-----------------------------------------------------------|
//! | 0..96   | balance (the whole supply, 10^27 wei, is below 2^90)      |
//! | 96..255 | reserved for the stake lock and delegation of later work |
//! | 255     | `NO_RECEIVE`: incoming transfers are refused              |
//!
//! `NO_RECEIVE` is set once, in the constructor, on the token's own address
//! and on the reserve (FLTRewards): the receiver check then costs no storage
//! read beyond the receiver's word, which a transfer reads anyway.

use alloy_primitives::U256;

const BALANCE_MASK: U256 = U256::from_limbs([u64::MAX, u32::MAX as u64, 0, 0]);
const NO_RECEIVE: U256 = U256::from_limbs([0, 0, 0, 1 << 63]);

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Account(pub U256);

impl Account {
    pub fn balance(self) -> U256 {
        self.0 & BALANCE_MASK
    }

    /// `balance` must not exceed the total supply (< 2^90), which every
    /// caller guarantees: balances only move between holders.
    pub fn with_balance(self, balance: U256) -> Self {
        debug_assert!(balance <= BALANCE_MASK);
        Account((self.0 & !BALANCE_MASK) | balance)
    }

    pub fn refuses_transfers(self) -> bool {
        !(self.0 & NO_RECEIVE).is_zero()
    }

    pub fn refusing_transfers(self) -> Self {
        Account(self.0 | NO_RECEIVE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_do_not_overlap() {
        let supply = U256::from(10u64).pow(U256::from(27u64));
        let a = Account::default().refusing_transfers().with_balance(supply);
        assert_eq!(a.balance(), supply);
        assert!(a.refuses_transfers());
        let b = a.with_balance(U256::from(1u64));
        assert_eq!(b.balance(), U256::from(1u64));
        assert!(b.refuses_transfers());
        assert!(!Account::default().with_balance(BALANCE_MASK).refuses_transfers());
        assert_eq!(BALANCE_MASK, (U256::from(1u64) << 96) - U256::from(1u64));
    }
}
