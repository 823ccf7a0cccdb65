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
//!
//! A `NO_RECEIVE` account never stakes (`stake` refuses it with
//! `FLTReserveCannotStake`; no other path creates a position), so its stake
//! bits carry something else: the reserve's word keeps the bookkeeping of
//! the circulating-supply checkpoints ([`Supply`]), which every payout
//! updates in the write of the reserve's word it makes anyway.
//!
//! | bits     | field of a `NO_RECEIVE` word                           |
//! |----------|--------------------------------------------------------|
//! | 0..96    | balance                                                |
//! | 96..128  | [`Supply::count`]: number of supply checkpoints        |
//! | 128..166 | [`Supply::last`]: time of the latest one (38 bits)     |
//! | 166..254 | zero                                                   |
//! | 254, 255 | `DELEGATING`, `NO_RECEIVE` as above                    |
//!
//! Loading such a word gives `staked = lockEnd = tier = 0` whatever those
//! bits hold, and storing it writes [`Supply`] there and no stake field:
//! the two layouts can never be mixed up.

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
    /// Only in a `NO_RECEIVE` word (the reserve's); zero in every other.
    pub supply: Supply,
}

/// The circulating-supply history's bookkeeping, kept in the reserve's word
/// (see [`crate::votes`] for the rule). Times are seconds masked to 38 bits
/// (valid until the year ~10680; a later clock wraps, it never panics).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Supply {
    /// Number of supply checkpoints, the latest included.
    pub count: u32,
    /// Time of the latest one (its value is the total supply minus the
    /// reserve's balance, so it is stored nowhere else).
    pub last: u64,
}

/// Supply checkpoint times are 38 bits wide.
pub const TIME_BITS: usize = 38;

/// `t` masked to [`TIME_BITS`].
pub fn time38(t: u64) -> u64 {
    t & ((1 << TIME_BITS) - 1)
}

impl Account {
    pub fn load(w: U256) -> Self {
        let balance = get(w, 0, 96);
        let delegating = get(w, 254, 1) == 1;
        if get(w, 255, 1) == 1 {
            let supply = Supply { count: get(w, 96, 32) as u32, last: get(w, 128, TIME_BITS) as u64 };
            return Account { balance, delegating, no_receive: true, supply, ..Account::default() };
        }
        Account {
            balance,
            staked: get(w, 96, 96),
            lock_end: get(w, 192, 40) as u64,
            tier: get(w, 232, 2) as u8,
            delegating,
            no_receive: false,
            supply: Supply::default(),
        }
    }

    /// Every field fits: balances and stakes stay below the total supply
    /// (< 2^90), lockEnd below 2^40 (checked where it is set), tier <= 3,
    /// supply times are masked to 38 bits. A `NO_RECEIVE` word stores
    /// [`Supply`] in place of the stake fields (which are zero for it).
    pub fn store(self) -> U256 {
        let w = put(U256::ZERO, 0, 96, self.balance);
        let w = if self.no_receive {
            let w = put(w, 96, 32, self.supply.count.into());
            put(w, 128, TIME_BITS, time38(self.supply.last).into())
        } else {
            let w = put(w, 96, 96, self.staked);
            let w = put(w, 192, 40, self.lock_end.into());
            put(w, 232, 2, self.tier.into())
        };
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
/// | reserved, zero (224..256). Every guarded call reads it for the pause;
/// only the governor's calls write it (payouts no longer do: the supply
/// history's count moved to the reserve's word).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Control {
    pub governor: Address,
    pub paused_until: u64,
}

impl Control {
    pub fn load(w: U256) -> Self {
        Control { governor: low_address(w), paused_until: get(w, 160, 64) as u64 }
    }

    pub fn store(self) -> U256 {
        put(with_low_address(U256::ZERO, self.governor), 160, 64, self.paused_until.into())
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
        let k = Control { governor: all, paused_until: u64::MAX };
        assert_eq!(Control::load(k.store()), k);
        assert_eq!(k.store(), U256::MAX >> 32);
        let only = |k: Control| Control::load(k.store());
        let z = Control::default();
        assert_eq!(only(Control { paused_until: 7, ..z }), Control { paused_until: 7, ..z });
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
            ..Account::default()
        };
        assert_eq!(Account::load(a.store()), a);
        let b = Account { balance: 1, ..Account::default() };
        assert_eq!(Account::load(b.store()), b);
        assert_eq!(b.store(), U256::from(1u8));
        assert_eq!(Account { no_receive: true, ..b }.store(), U256::from(1u8) | (U256::from(1u8) << 255));
        assert_eq!(Account { delegating: true, ..b }.store(), U256::from(1u8) | (U256::from(1u8) << 254));
    }

    #[test]
    fn a_no_receive_word_carries_the_supply_book_instead_of_a_stake() {
        let book = Supply { count: u32::MAX, last: (1 << TIME_BITS) - 1 };
        let r =
            Account { balance: 10u128.pow(27), delegating: true, no_receive: true, supply: book, ..Account::default() };
        assert_eq!(Account::load(r.store()), r);
        let only = |supply| Account { no_receive: true, supply, ..Account::default() }.store();
        assert_eq!(only(Supply { count: 1, last: 0 }), (U256::from(1u8) << 255) | (U256::from(1u8) << 96));
        assert_eq!(only(Supply { count: 0, last: 1 }), (U256::from(1u8) << 255) | (U256::from(1u8) << 128));
        assert_eq!(only(Supply { count: 0, last: 1 << TIME_BITS }), U256::from(1u8) << 255, "times are masked");
        // The same bits read as a holder's stake only without NO_RECEIVE.
        let w = only(book);
        assert_eq!(Account::load(w).staked, 0);
        assert_ne!(Account::load(w & (U256::MAX >> 1)).staked, 0);
    }

    #[test]
    fn an_active_lock_is_not_transferable() {
        let a = Account { balance: 100, staked: 60, lock_end: 50, tier: 1, ..Account::default() };
        assert_eq!(a.transferable(49), 40);
        assert_eq!(a.transferable(50), 100, "the lock has ended at lockEnd");
    }
}
