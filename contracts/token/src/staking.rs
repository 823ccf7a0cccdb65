//! Staking as in-place locks (SPEC.md section 9): staked tokens stay in the
//! holder's balance and keep voting, but cannot be transferred while the
//! lock is active. One position per account.

use alloy_primitives::{Address, U256};
use flt_scoring::stake_multiplier_bps;
use stylus_sdk::{prelude::*, stylus_core::calls::context::Call};

use crate::{
    erc20::low_u128,
    errors::*,
    events::{Staked, Unstaked},
    FLToken,
};

/// One month, as SPEC.md section 1 counts it.
const MONTH: u64 = 30 * 86_400;
/// Lock durations of tiers 0..=3.
pub const TIER_MONTHS: [u64; 4] = [1, 3, 6, 12];
/// `onStakeChanged(address,uint32)` of FLTRewards.
const ON_STAKE_CHANGED: [u8; 4] = [0x7c, 0xd7, 0x15, 0xf6];

impl FLToken {
    /// # Errors
    /// `FLTInvalidStakeTier`, `FLTStakeBelowMinimum`, `FLTZeroStake`,
    /// `FLTStakeTierDecrease`, `FLTStakeExceedsBalance`, and
    /// `FLTRewardsCallFailed` when FLTRewards refuses the score update;
    /// `FLTReserveCannotStake` for a `NO_RECEIVE` account (the reserve, the
    /// token): this is the only path that creates a stake position, so the
    /// stake bits of those words stay free for the supply book
    /// (`account.rs`).
    /// # Events
    /// `Staked`.
    pub(crate) fn _stake(&mut self, amount: U256, tier: u8) -> Result<(), Error> {
        let holder = self.vm().msg_sender();
        let Some(months) = TIER_MONTHS.get(usize::from(tier)) else {
            return Err(Error::InvalidStakeTier(FLTInvalidStakeTier { tier }));
        };
        let now = self.now();
        let mut account = self.account(holder);
        if account.no_receive {
            return Err(Error::ReserveCannotStake(FLTReserveCannotStake { holder }));
        }
        let config = self.config();
        if account.staked == 0 {
            let minimum = U256::from(config.stake_min);
            if amount < minimum {
                return Err(Error::StakeBelowMinimum(FLTStakeBelowMinimum { amount, minimum }));
            }
        } else {
            if amount.is_zero() {
                return Err(Error::ZeroStake(FLTZeroStake {}));
            }
            if now < account.lock_end && tier < account.tier {
                return Err(Error::StakeTierDecrease(FLTStakeTierDecrease { current: account.tier, requested: tier }));
            }
        }
        let available = account.balance - account.staked;
        if amount > U256::from(available) {
            return Err(Error::StakeExceedsBalance(FLTStakeExceedsBalance {
                available: U256::from(available),
                amount,
            }));
        }
        // amount <= available < 2^90; the new position <= balance.
        account.staked += low_u128(amount);
        account.tier = tier;
        account.lock_end = now + months * MONTH;
        self.set_account(holder, account);
        flt_sol::emit(
            self.vm(),
            &Staked { holder, amount, total: U256::from(account.staked), tier, lockEnd: account.lock_end },
        );
        let multiplier = stake_multiplier_bps(account.staked, tier, account.lock_end, now, config.stake_min);
        self.notify_rewards(config.reserve, holder, multiplier)
    }

    /// # Errors
    /// `FLTNoStake`, `FLTStakeLocked`.
    /// # Events
    /// `Unstaked`.
    pub(crate) fn _unstake(&mut self) -> Result<(), Error> {
        let holder = self.vm().msg_sender();
        let mut account = self.account(holder);
        if account.staked == 0 {
            return Err(Error::NoStake(FLTNoStake { holder }));
        }
        if self.now() < account.lock_end {
            return Err(Error::StakeLocked(FLTStakeLocked { lockEnd: account.lock_end }));
        }
        let amount = U256::from(account.staked);
        account.staked = 0;
        account.tier = 0;
        account.lock_end = 0;
        self.set_account(holder, account);
        flt_sol::emit(self.vm(), &Unstaked { holder, amount });
        Ok(())
    }

    /// `(amount, tier, lockEnd, multiplierBps)` of `holder`'s position now.
    pub(crate) fn _stake_of(&self, holder: Address) -> (U256, u8, u64, u32) {
        let a = self.account(holder);
        (U256::from(a.staked), a.tier, a.lock_end, self.multiplier(a.staked, a.tier, a.lock_end, self.now()))
    }

    fn multiplier(&self, staked: u128, tier: u8, lock_end: u64, now: u64) -> u32 {
        stake_multiplier_bps(staked, tier, lock_end, now, self.config().stake_min)
    }

    /// Tells FLTRewards (the reserve) the holder's new multiplier, so that a
    /// current-epoch score is recomputed at once (SPEC.md section 5). The
    /// multiplier travels with the call: FLTRewards cannot call back into
    /// this contract during it (no reentrancy).
    fn notify_rewards(&mut self, reserve: Address, holder: Address, multiplier: u32) -> Result<(), Error> {
        // selector | holder word | multiplier word (fixed-size pieces: no
        // slice bounds to check).
        let mut data = [0u8; 68];
        if let Some((selector, args)) = data.split_first_chunk_mut::<4>() {
            *selector = ON_STAKE_CHANGED;
            if let Some((word, rest)) = args.split_first_chunk_mut::<32>() {
                *word = holder.into_word().0;
                if let Some(low) = rest.last_chunk_mut::<4>() {
                    *low = multiplier.to_be_bytes();
                }
            }
        }
        match self.vm().call(&Call::new(), reserve, &data) {
            Ok(_) => Ok(()),
            Err(_) => Err(Error::RewardsCallFailed(FLTRewardsCallFailed { rewards: reserve })),
        }
    }
}
