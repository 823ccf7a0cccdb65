//! The packed storage words: per holder (below), and the contract's two
//! global words [`Config`] and [`Control`].
//!
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

use alloy_primitives::{Address, U256};
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

/// The low 160 bits of `w` as an address (no panicking slice conversion).
pub fn low_address(w: U256) -> Address {
    let bytes = w.to_be_bytes::<32>();
    Address::from(bytes.last_chunk::<20>().copied().unwrap_or_default())
}

/// `w` with its low 160 bits set to `a`.
pub fn with_low_address(w: U256, a: Address) -> U256 {
    let mut bytes = w.to_be_bytes::<32>();
    if let Some(low) = bytes.last_chunk_mut::<20>() {
        *low = a.0 .0;
    }
    U256::from_be_bytes(bytes)
}

/// The deployment word: `reserve` (bits 0..160) | `stakeMin` (160..256;
/// its bound, 10^7 FLT, is below 2^84). A first stake reads both at once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Config {
    pub reserve: Address,
    pub stake_min: u128,
}

impl Config {
    pub fn load(w: U256) -> Self {
        Config { reserve: low_address(w), stake_min: get(w, 160, 96) }
    }

    pub fn store(self) -> U256 {
        put(with_low_address(U256::ZERO, self.reserve), 160, 96, self.stake_min)
    }
}

/// The governance word: `governor` (bits 0..160) | `pausedUntil` (160..224)
/// | number of circulating-supply checkpoints (224..256). Every guarded call
/// reads it for the pause; a payout then finds the supply count warm.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Control {
    pub governor: Address,
    pub paused_until: u64,
    pub supply_count: u32,
}

impl Control {
    pub fn load(w: U256) -> Self {
        Control { governor: low_address(w), paused_until: get(w, 160, 64) as u64, supply_count: get(w, 224, 32) as u32 }
    }

    pub fn store(self) -> U256 {
        let w = put(with_low_address(U256::ZERO, self.governor), 160, 64, self.paused_until.into());
        put(w, 224, 32, self.supply_count.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_and_control_round_trip_without_overlap() {
        let all = Address::repeat_byte(0xff);
        let c = Config { reserve: all, stake_min: (1 << 96) - 1 };
        assert_eq!(Config::load(c.store()), c);
        assert_eq!(Config { reserve: Address::ZERO, stake_min: 1 }.store(), U256::from(1u8) << 160);
        let k = Control { governor: all, paused_until: u64::MAX, supply_count: u32::MAX };
        assert_eq!(Control::load(k.store()), k);
        assert_eq!(k.store(), U256::MAX);
        let only = |k: Control| Control::load(k.store());
        let z = Control::default();
        assert_eq!(only(Control { paused_until: 7, ..z }), Control { paused_until: 7, ..z });
        assert_eq!(Control { supply_count: 1, ..z }.store(), U256::from(1u8) << 224);
        assert_eq!(Control { paused_until: 1, ..z }.store(), U256::from(1u8) << 160);
        assert_eq!(low_address(with_low_address(U256::MAX, Address::ZERO)), Address::ZERO);
        assert_eq!(with_low_address(U256::MAX, Address::ZERO) >> 160, U256::MAX >> 160, "high bits kept");
    }

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
