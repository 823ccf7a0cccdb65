//! The packed per-holder storage word. A transfer reads and writes one word
//! per side, so everything a transfer must consult lives in it.
//!
//! | bits     | field                                                  |
//! |----------|--------------------------------------------------------|
//! | 0..96    | balance (the whole supply, 10^27 wei, is below 2^90)   |
//! | 96..192  | staked: the stake position's amount (<= balance)       |
//! | 192..232 | lockEnd of the position (seconds; 40 bits)             |
//! | 232..234 | tier of the position (0..=3)                           |
//! | 234..254 | reserved                                               |
//! | 254      | `DELEGATING`: the holder has a delegate (votes move)   |
//! | 255      | `NO_RECEIVE`: incoming transfers are refused           |
//!
//! `NO_RECEIVE` is set once, in the constructor, on the token's own address
//! and on the reserve (FLTRewards): the receiver check then costs no storage
//! read beyond the receiver's word, which a transfer reads anyway.
//! `DELEGATING` does the same for votes: a transfer between holders who
//! never delegated reads no delegate and writes no checkpoint.

use alloy_primitives::U256;
use flt_word::{get, put};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Account {
    pub balance: u128,
    pub staked: u128,
    pub lock_end: u64,
    pub tier: u8,
    pub delegating: bool,
    pub no_receive: bool,
}

impl Account {
    pub fn load(w: U256) -> Self {
        Account {
            balance: get(w, 0, 96),
            staked: get(w, 96, 96),
            lock_end: get(w, 192, 40) as u64,
            tier: get(w, 232, 2) as u8,
            delegating: get(w, 254, 1) == 1,
            no_receive: get(w, 255, 1) == 1,
        }
    }

    /// Every field fits: balances and stakes stay below the total supply
    /// (< 2^90), lockEnd below 2^40 (checked where it is set), tier <= 3.
    pub fn store(self) -> U256 {
        let w = put(U256::ZERO, 0, 96, self.balance);
        let w = put(w, 96, 96, self.staked);
        let w = put(w, 192, 40, self.lock_end.into());
        let w = put(w, 232, 2, self.tier.into());
        let w = put(w, 254, 1, self.delegating.into());
        put(w, 255, 1, self.no_receive.into())
    }

    /// The part of the balance a transfer may move at `now`: all of it
    /// but an active lock.
    pub fn transferable(self, now: u64) -> u128 {
        if self.staked > 0 && now < self.lock_end {
            self.balance - self.staked
        } else {
            self.balance
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip_without_overlap() {
        let supply = 10u128.pow(27);
        let a = Account {
            balance: supply,
            staked: supply - 1,
            lock_end: (1 << 40) - 1,
            tier: 3,
            delegating: true,
            no_receive: true,
        };
        assert_eq!(Account::load(a.store()), a);
        let b = Account { balance: 1, ..Account::default() };
        assert_eq!(Account::load(b.store()), b);
        assert_eq!(b.store(), U256::from(1u8));
        assert_eq!(Account { no_receive: true, ..b }.store(), U256::from(1u8) | (U256::from(1u8) << 255));
        assert_eq!(Account { delegating: true, ..b }.store(), U256::from(1u8) | (U256::from(1u8) << 254));
    }

    #[test]
    fn an_active_lock_is_not_transferable() {
        let a = Account { balance: 100, staked: 60, lock_end: 50, tier: 1, ..Account::default() };
        assert_eq!(a.transferable(49), 40);
        assert_eq!(a.transferable(50), 100, "the lock has ended at lockEnd");
    }
}
