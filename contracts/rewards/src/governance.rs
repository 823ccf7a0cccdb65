//! What FLTGovernor may do here (SPEC.md sections 3, 4, 6 and 8), and
//! nobody else: validators, bans, disqualification inside the fraud window,
//! the epoch-level parameters (ids 0-11) and the pause.

use alloy_primitives::{Address, U256};
use flt_scoring::{eligible, ParamError};
use stylus_sdk::prelude::*;

use crate::{
    errors::*,
    events::*,
    words::{store_params, Entry, Segment},
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

    /// Banning also disqualifies the contributor's current-epoch entry.
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
            let (acc, cur) = self.roll(now);
            if let Some(cur) = cur.filter(|c| acc.open == Some(c.index)) {
                // No entry, or one already disqualified (a disqualify action
                // or an earlier ban this epoch): nothing left to take out.
                match self.disqualify_entry(cur.index, who, now) {
                    Err(Error::NotEligible(_)) => {}
                    other => other?,
                }
            }
        }
        Ok(())
    }

    /// Removes `who`'s entry in epoch `e` from n and S. Allowed while `e`
    /// runs and after it until its claims open (the fraud window). If a
    /// closed epoch is left with nobody eligible, its whole pool returns to
    /// the reserve at once.
    pub(crate) fn _disqualify(&mut self, e: u64, who: Address) -> Result<(), Error> {
        self.only_governor()?;
        let now = self.now();
        self.roll(now);
        self.disqualify_entry(e, who, now)
    }

    fn disqualify_entry(&mut self, e: u64, who: Address, now: u64) -> Result<(), Error> {
        let mut record = self.epoch(e);
        let mut entry = self.entry(e, who);
        if record.start == 0 || entry == Entry::default() || entry.disqualified {
            return Err(Error::NotEligible(FLTNotEligible { epoch: e, contributor: who }));
        }
        let closes_at = self.claims_open_at(&record);
        if now >= closes_at {
            return Err(Error::OutsideFraudWindow(FLTOutsideFraudWindow { epoch: e, closedAt: closes_at }));
        }
        let params = self.params_at(record.params);
        if eligible(entry.count, entry.score, false, params.min_contributions) {
            // The entry was counted in these totals.
            record.eligible -= 1;
            record.total_score -= entry.score;
        }
        entry.disqualified = true;
        self.entries.setter(e).insert(who, entry.store());
        let mut returned = 0;
        let mut acc = self.acc();
        if record.eligible == 0 && record.pool > 0 {
            returned = record.pool;
            acc.earmarked -= returned;
            acc.reserve += returned;
            record.pool = 0;
            self.accounting.set(acc.store());
        }
        self.set_epoch(e, record);
        flt_sol::emit(self.vm(), &Disqualified { epoch: e, contributor: who, returned: U256::from(returned) });
        Ok(())
    }

    /// Sets epoch-level parameter `id` (0-11). It takes effect from the next
    /// epoch that opens: the change becomes a new parameter set, and a
    /// segment starting at the next epoch boundary points to it.
    pub(crate) fn _set_parameter(&mut self, id: u8, value: U256) -> Result<(), Error> {
        self.only_governor()?;
        let now = self.now();
        let (_, cur) = self.roll(now);
        let len = self.segments.len();
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
            _ if now < last.start => self.segments.setter(len - 1).map(|mut s| s.set(pending.store())).unwrap_or(()),
            Some(cur) => {
                let length = self.params_at(cur.params).epoch_length;
                self.segments.push(Segment { first: cur.index + 1, start: cur.start + length, params: index }.store());
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
