//! What FLTGovernor may do here (SPEC.md sections 3, 4, 6 and 8), and
//! nobody else: validators, bans, disqualification inside the fraud window,
//! the epoch-level parameters (ids 0-11) and the pause.

use alloy_primitives::{Address, U256};
use flt_scoring::{earmark, eligible, ParamError};
use stylus_sdk::prelude::*;

use crate::{
    errors::*,
    events::*,
    words::{store_params, Segment},
    FLTRewards,
};

impl FLTRewards {
    /// # Errors
    /// `EnforcedPause` while a pause is in force.
    pub(crate) fn when_not_paused(&self) -> Result<(), Error> {
        if self.now() < self.paused_until.get().as_limbs()[0] {
            return Err(Error::EnforcedPause(EnforcedPause {}));
        }
        Ok(())
    }

    fn only_governor(&self) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        let governor = self.governor.get();
        if governor.is_zero() || caller != governor {
            return Err(Error::Unauthorized(FLTUnauthorized { caller }));
        }
        Ok(())
    }

    pub(crate) fn _set_validator(&mut self, validator: Address, allowed: bool) -> Result<(), Error> {
        self.only_governor()?;
        if validator.is_zero() {
            return Err(Error::InvalidValidator(FLTInvalidValidator { validator }));
        }
        self.validators.insert(validator, allowed);
        flt_sol::emit(self.vm(), &ValidatorSet { validator, allowed });
        Ok(())
    }

    /// A ban takes the contributor out of the whole epoch it falls in: its
    /// entry there is disqualified whether it is counted, holds only severe
    /// contributions, or does not exist yet, so contributions recorded in
    /// that epoch after an unban stay out of n and S too. An unbanned
    /// contributor earns again from the next epoch (README, "Bans").
    pub(crate) fn _set_banned(&mut self, who: Address, banned: bool) -> Result<(), Error> {
        self.only_governor()?;
        let mut c = self.contributor(who);
        if !c.registered {
            return Err(Error::NotRegistered(FLTNotRegistered { contributor: who }));
        }
        c.banned = banned;
        self.contributors.insert(who, c.store());
        flt_sol::emit(self.vm(), &ContributorBanned { contributor: who, banned });
        if banned {
            let now = self.now();
            self.roll(now);
            if let Some(cur) = self.current_at(now) {
                match self.disqualify_entry(cur.index, who, now, true) {
                    // Already disqualified this epoch: nothing left to take out.
                    Err(Error::NotEligible(_)) => {}
                    other => other?,
                }
            }
        }
        Ok(())
    }

    /// Removes `who`'s entry in epoch `e` from n and S. Allowed while `e`
    /// runs and after it until its claims open (the fraud window), for an
    /// entry with at least one recorded contribution. In a closed epoch the
    /// earmark shrinks with n (`min(P, n * maxAmt)`) and the difference
    /// returns to the reserve at once: all of it when nobody eligible is
    /// left.
    pub(crate) fn _disqualify(&mut self, e: u64, who: Address) -> Result<(), Error> {
        self.only_governor()?;
        let now = self.now();
        self.roll(now);
        self.disqualify_entry(e, who, now, false)
    }

    /// `ban`: the entry may not exist yet (the ban's epoch is the current
    /// one, inside its window by definition); it is created disqualified.
    fn disqualify_entry(&mut self, e: u64, who: Address, now: u64, ban: bool) -> Result<(), Error> {
        let mut record = self.epoch(e);
        let mut entry = self.entry(e, who);
        if entry.disqualified || (!ban && (!record.exists() || !entry.recorded)) {
            return Err(Error::NotEligible(FLTNotEligible { epoch: e, contributor: who }));
        }
        let mut returned = 0;
        if record.exists() {
            let closes_at = record.opens_at;
            if now >= closes_at {
                return Err(Error::OutsideFraudWindow(FLTOutsideFraudWindow { epoch: e, closedAt: closes_at }));
            }
            let held = earmark(record.pool, record.eligible.into(), record.max_share_bps);
            if eligible(entry.count, entry.score, false, record.min_contributions) {
                // The entry was counted in these totals.
                record.eligible -= 1;
                record.total_score -= entry.score;
            }
            // The pool is 0 while the epoch runs: nothing is earmarked yet.
            returned = held - earmark(record.pool, record.eligible.into(), record.max_share_bps);
            if returned > 0 {
                let mut acc = self.acc();
                acc.earmarked -= returned;
                acc.reserve += returned;
                self.accounting.set(acc.store());
            }
            if record.eligible == 0 {
                record.pool = 0;
            }
            self.set_epoch(e, record);
        }
        entry.disqualified = true;
        self.entries.setter(e).insert(who, entry.store());
        flt_sol::emit(self.vm(), &Disqualified { epoch: e, contributor: who, returned: U256::from(returned) });
        Ok(())
    }

    /// Sets epoch-level parameter `id` (0-11). It takes effect from the next
    /// epoch that opens: the change becomes a new parameter set, and a
    /// segment starting at the next epoch boundary points to it.
    pub(crate) fn _set_parameter(&mut self, id: u8, value: U256) -> Result<(), Error> {
        self.only_governor()?;
        let now = self.now();
        self.roll(now);
        let cur = self.current_at(now);
        let len = self.segments_len();
        let last = self.segment(len - 1);
        let index = last.params + 1;
        let params = self.params_at(last.params).with(id, value).map_err(|e| match e {
            ParamError::UnknownId(id) => Error::UnknownParameter(FLTUnknownParameter { id }),
            ParamError::OutOfBounds { id, value, min, max } => Error::ParameterOutOfBounds(FLTParameterOutOfBounds {
                id,
                value,
                min: U256::from(min),
                max: U256::from(max),
            }),
        })?;
        let (a, b) = store_params(&params);
        let mut set = self.param_sets.setter(index);
        set.a.set(a);
        set.b.set(b);
        let pending = Segment { params: index, ..last };
        match cur {
            // The last segment has not started yet (a pending change, or
            // genesis ahead): it takes the newest set.
            _ if now < last.start => self.set_segment(len - 1, pending),
            Some(cur) => {
                let length = self.payout_at(cur.params).epoch_length;
                self.push_segment(Segment { first: cur.index + 1, start: cur.start + length, params: index });
            }
            None => {}
        }
        flt_sol::emit(self.vm(), &ParameterChanged { id, value });
        Ok(())
    }

    pub(crate) fn _set_paused_until(&mut self, until: u64) -> Result<(), Error> {
        self.only_governor()?;
        self.paused_until.set(alloy_primitives::Uint::from(until));
        let account = self.vm().msg_sender();
        if until > self.now() {
            flt_sol::emit(self.vm(), &Paused { account });
        } else {
            flt_sol::emit(self.vm(), &Unpaused { account });
        }
        Ok(())
    }
}
