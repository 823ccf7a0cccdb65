//! Votes (SPEC.md section 7), as OpenZeppelin's ERC20Votes with an EIP-6372
//! timestamp clock: voting units are balances (locked stake included),
//! counted for an account's delegate once it delegates. History is kept as
//! checkpoints `(timestamp << 128) | votes`, one slot each, in OZ's
//! `Checkpoint208` order (`_key` = timestamp, `_value` = votes).
//!
//! An account's delegation word holds its delegate AND the number of its own
//! checkpoints (as a delegate): a self-delegated holder's transfer reads one
//! slot for both, and no separate array length is ever read or written.
//!
//! | bits     | field                                              |
//! |----------|----------------------------------------------------|
//! | 0..160   | delegate (meaningful while the account's `DELEGATING` bit is set) |
//! | 160..192 | numCheckpoints of the account's own vote history   |
//! | 192..256 | reserved                                           |
//!
//! Supply checkpoints track the *circulating* supply (total minus the
//! reserve's balance): it changes only when the reserve pays out (incoming
//! transfers to it are refused), so FLTRewards' holdings never vote and
//! never count towards quorum. `getPastTotalSupply(t)` answers as OZ: the
//! value of the last checkpoint at or before `t`, 0 before the first, one
//! checkpoint per second in which the circulating supply changed.
//!
//! How that history is stored (the rule; [`FLToken::circulate`]):
//! - The reserve's own account word holds the number `N` of checkpoints and
//!   the time `T` of the latest ([`crate::account::Supply`]). The latest
//!   checkpoint's value is `TOTAL_SUPPLY - balanceOf(reserve)`, so it is
//!   written nowhere: only the `N - 1` earlier ones are in
//!   `supply_checkpoints`, two per slot, position `p` in slot `p / 2`, low
//!   half if `p` is even, high half if odd; a half is `(time << 90) |
//!   value` (time 38 bits, masked; value 90 bits: the supply is < 2^90).
//! - A payout of `amount > 0` at `now`: if `N = 0` it sets `N = 1, T = now`;
//!   if `T = now` nothing but the balance changes (the latest checkpoint is
//!   the balance); otherwise the latest checkpoint `(T, supply before the
//!   payout)` is committed at position `N - 1` (a fresh slot, blind, when
//!   `N - 1` is even; the slot read and its high half set when odd), then
//!   `N += 1, T = now`. `N` and `T` go out in the write of the reserve's
//!   word that the payout makes anyway. A payout of 0 changes nothing.
//! - So a payout costs, beyond the transfer itself: nothing in the same
//!   second as the previous one (or for the first ever), else alternately
//!   a new slot (22,100) and a slot rewrite (2,100 + 2,900). No payout
//!   writes the `control` word.

use alloy_primitives::aliases::{U208, U48};
use alloy_primitives::{Address, B256, U256};
use flt_word::{get, put};
use stylus_sdk::{
    prelude::*,
    storage::{StorageMap, StorageU256},
};

use crate::{
    account::{low_address, time38, with_low_address, Account, Supply},
    errors::*,
    events::{DelegateChanged, DelegateVotesChanged},
    permit::{hash_words, keccak},
    FLToken, TOTAL_SUPPLY_WEI,
};

const DELEGATION_TYPEHASH: [u8; 32] = keccak(b"Delegation(address delegatee,uint256 nonce,uint256 expiry)");

type History = StorageMap<u32, StorageU256>;

/// A timestamp as `uint48` (clock values stay below 2^40; the mask only
/// keeps the conversion free of a panic path).
pub(crate) fn u48(t: u64) -> U48 {
    U48::from_limbs([t & ((1 << 48) - 1)])
}

/// The delegation word of one account (layout above).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Delegation {
    pub delegate: Address,
    pub count: u32,
}

impl Delegation {
    pub fn load(w: U256) -> Self {
        Delegation { delegate: low_address(w), count: get(w, 160, 32) as u32 }
    }

    pub fn store(self) -> U256 {
        put(with_low_address(U256::ZERO, self.delegate), 160, 32, self.count.into())
    }
}

/// Checkpoint `pos`: `(timestamp, votes)`.
fn checkpoint_at(list: &History, pos: u32) -> (u64, u128) {
    let w = list.get(pos);
    let limbs = w.as_limbs();
    (limbs[2], u128::from(limbs[0]) | (u128::from(limbs[1]) << 64))
}

/// The last checkpoint of a history of `count`, `(0, 0)` if empty.
fn last(list: &History, count: u32) -> (u64, u128) {
    count.checked_sub(1).map_or((0, 0), |i| checkpoint_at(list, i))
}

/// The value at `timepoint` (the last checkpoint at or before it), by binary
/// search: O(log n) reads, views only.
fn value_at(list: &History, count: u32, timepoint: u64) -> u128 {
    let (mut low, mut high) = (0u32, count);
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

/// Records `value` at `now` over a history of `count` whose last checkpoint
/// is `(last_time, _)`: that checkpoint is overwritten when it is from the
/// same second, else one is appended. Returns the new count.
fn push(list: &mut History, count: u32, last_time: u64, now: u64, value: u128) -> u32 {
    let word = U256::from_limbs([value as u64, (value >> 64) as u64, now, 0]);
    if count > 0 && last_time == now {
        list.setter(count - 1).set(word);
        count
    } else {
        list.setter(count).set(word);
        // At most one checkpoint per second: 2^32 of them would take 136
        // years of changes every second.
        count.wrapping_add(1)
    }
}

/// Bits of a supply checkpoint's value (the whole supply is < 2^90).
const VALUE_BITS: u32 = 90;

/// One half of a supply slot: `(time << 90) | value`.
fn supply_half(time: u64, value: u128) -> u128 {
    (u128::from(time38(time)) << VALUE_BITS) | (value & ((1 << VALUE_BITS) - 1))
}

/// `(time, value)` of a supply half.
fn split_half(half: u128) -> (u64, u128) {
    ((half >> VALUE_BITS) as u64, half & ((1 << VALUE_BITS) - 1))
}

/// The two halves of a supply slot: (even position, odd position).
fn halves(w: U256) -> (u128, u128) {
    let l = w.as_limbs();
    (u128::from(l[0]) | (u128::from(l[1]) << 64), u128::from(l[2]) | (u128::from(l[3]) << 64))
}

fn join(low: u128, high: u128) -> U256 {
    U256::from_limbs([low as u64, (low >> 64) as u64, high as u64, (high >> 64) as u64])
}

/// The value at `t` among the `committed` stored supply checkpoints (the
/// last at or before `t`, 0 before the first): a binary search over slots
/// by their even half's time, then the slot's odd half. Views only.
fn supply_at(pairs: &History, committed: u32, t: u64) -> u128 {
    // Slots in use: ceil(committed / 2).
    let (mut low, mut high) = (0u32, committed / 2 + committed % 2);
    while low < high {
        let mid = low + (high - low) / 2;
        if split_half(halves(pairs.get(mid)).0).0 > t {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    let Some(slot) = high.checked_sub(1) else { return 0 };
    let (even, odd) = halves(pairs.get(slot));
    let (odd_time, odd_value) = split_half(odd);
    // The odd half exists when its position, 2 * slot + 1, is committed.
    if 2 * slot + 1 < committed && odd_time <= t {
        odd_value
    } else {
        split_half(even).1
    }
}

impl FLToken {
    pub(crate) fn delegation(&self, account: Address) -> Delegation {
        Delegation::load(self.delegations.get(account))
    }

    fn set_delegation(&mut self, account: Address, d: Delegation) {
        self.delegations.insert(account, d.store());
    }

    /// Moves `amount` voting units from `from`'s delegate to `to`'s.
    /// `None` stands for "not delegating" (no votes on that side).
    pub(crate) fn move_votes(&mut self, from: Option<Address>, to: Option<Address>, amount: u128) {
        if from == to || amount == 0 {
            return;
        }
        let now = self.now();
        for (delegate, up) in [(from, false), (to, true)] {
            let Some(delegate) = delegate.filter(|d| !d.is_zero()) else { continue };
            let mut d = self.delegation(delegate);
            let (count, previous, new) = {
                let mut list = self.checkpoints.setter(delegate);
                let (time, previous) = last(&list, d.count);
                // A delegate's votes are a sum of balances: within the supply.
                let new = if up { previous + amount } else { previous - amount };
                (push(&mut list, d.count, time, now, new), previous, new)
            };
            if count != d.count {
                d.count = count;
                self.set_delegation(delegate, d);
            }
            flt_sol::emit(
                self.vm(),
                &DelegateVotesChanged { delegate, previousVotes: U256::from(previous), newVotes: U256::from(new) },
            );
        }
    }

    /// The reserve paid out `paid > 0`; `reserve` is its word with the new
    /// balance, not yet stored: its [`Supply`] book is updated here and goes
    /// out with it (the rule in the module's comment).
    pub(crate) fn circulate(&mut self, reserve: &mut Account, paid: u128) {
        let now = time38(self.now());
        let Supply { count, last } = reserve.supply;
        if count > 0 && last == now {
            return;
        }
        if let Some(pos) = count.checked_sub(1) {
            // The latest checkpoint becomes history: its value is the supply
            // before this payout (old balance = balance + paid <= total).
            let half = supply_half(last, TOTAL_SUPPLY_WEI - (reserve.balance + paid));
            let slot = pos / 2;
            let word = if pos % 2 == 0 {
                // Positions below `pos` fill the slots before: this one is empty.
                join(half, 0)
            } else {
                join(halves(self.supply_checkpoints.get(slot)).0, half)
            };
            self.supply_checkpoints.setter(slot).set(word);
        }
        // At most one checkpoint per second: 2^32 of them would take 136
        // years of payouts every second.
        reserve.supply = Supply { count: count.wrapping_add(1), last: now };
    }

    /// The delegate of `holder` if it delegates.
    pub(crate) fn delegate_of(&self, holder: Address, delegating: bool) -> Option<Address> {
        delegating.then(|| self.delegation(holder).delegate)
    }

    /// # Events
    /// `DelegateChanged`, and `DelegateVotesChanged` per delegate whose
    /// votes change.
    pub(crate) fn _delegate(&mut self, holder: Address, delegatee: Address) {
        let mut account = self.account(holder);
        let mut d = self.delegation(holder);
        let previous = account.delegating.then_some(d.delegate);
        d.delegate = delegatee;
        self.set_delegation(holder, d);
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
        let count = self.delegation(account).count;
        U256::from(last(&self.checkpoints.getter(account), count).1)
    }

    /// # Errors
    /// `ERC5805FutureLookup` unless `timepoint` is in the past.
    pub(crate) fn past_timepoint(&self, timepoint: U256) -> Result<u64, Error> {
        let clock = self.now();
        if timepoint >= U256::from(clock) {
            return Err(Error::FutureLookup(ERC5805FutureLookup { timepoint, clock: u48(clock) }));
        }
        Ok(timepoint.as_limbs()[0])
    }

    pub(crate) fn _get_past_votes(&self, account: Address, timepoint: U256) -> Result<U256, Error> {
        let t = self.past_timepoint(timepoint)?;
        let count = self.delegation(account).count;
        Ok(U256::from(value_at(&self.checkpoints.getter(account), count, t)))
    }

    /// # Errors
    /// `ERC5805FutureLookup` unless `timepoint` is in the past.
    pub(crate) fn _get_past_total_supply(&self, timepoint: U256) -> Result<U256, Error> {
        let t = self.past_timepoint(timepoint)?;
        let reserve = self.account(self.config().reserve);
        let Supply { count, last } = reserve.supply;
        let value = if count == 0 {
            0
        } else if t >= last {
            // The latest checkpoint: the reserve's balance is the supply's.
            TOTAL_SUPPLY_WEI - reserve.balance
        } else {
            supply_at(&self.supply_checkpoints, count - 1, t)
        };
        Ok(U256::from(value))
    }

    /// `(key, value)` of `account`'s checkpoint `pos`, as OZ's `Checkpoint208`.
    ///
    /// # Errors
    /// `FLTNoCheckpoint` when `pos >= numCheckpoints(account)` (OZ: a panic).
    pub(crate) fn _checkpoint(&self, account: Address, pos: u32) -> Result<(U48, U208), Error> {
        let count = self.delegation(account).count;
        if pos >= count {
            return Err(Error::NoCheckpoint(FLTNoCheckpoint { account, pos, numCheckpoints: count }));
        }
        let (key, value) = checkpoint_at(&self.checkpoints.getter(account), pos);
        Ok((u48(key), U208::from_limbs([value as u64, (value >> 64) as u64, 0, 0])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delegation_fields_round_trip_without_overlap() {
        let d = Delegation { delegate: Address::repeat_byte(0xff), count: u32::MAX };
        assert_eq!(Delegation::load(d.store()), d);
        let only_count = Delegation { delegate: Address::ZERO, count: 1 };
        assert_eq!(only_count.store(), U256::from(1u8) << 160);
        let only_delegate = Delegation { delegate: Address::repeat_byte(0xff), count: 0 };
        assert_eq!(only_delegate.store(), (U256::from(1u8) << 160) - U256::from(1u8));
    }
}
