//! Deployment, wiring, registration and the recording of validated
//! contributions (SPEC.md sections 3 and 5).

use alloy_primitives::{Address, B256, U256};
use flt_scoring::{apply_contribution, eligible, impact, score, Params};
use stylus_sdk::prelude::*;

use crate::{
    errors::*,
    events::{ContributionRecorded, ContributorRegistered, ScoreRefreshed, ValidatorSet, Wired},
    words::{store_params, Accounting, Contributor, Entry, Epoch, Segment},
    Contribution, FLTRewards, Slots2,
};

/// The fixed supply FLToken mints to this contract.
pub use flt_scoring::TOTAL_SUPPLY;

const MAX_ACCURACY: u32 = flt_scoring::score::MAX_ACCURACY;

/// The epoch being recorded into, held in memory for a whole call.
pub(crate) struct Open {
    index: u64,
    /// The record's slots ([`FLTRewards::epoch_slots`]): read once, written
    /// once ([`Open::store`]).
    slots: Slots2,
    record: Epoch,
    /// What recording uses of the epoch's parameter set: all of it for a
    /// new epoch, else [`FLTRewards::scoring_at`]'s part.
    params: Params,
}

impl Open {
    /// Writes the record back through its handle.
    fn store(mut self) {
        let (a, b) = self.record.store();
        self.slots.a.set(a);
        self.slots.b.set(b);
    }
}

/// `new` with its score recomputed, and the epoch totals moved from the old
/// score to the new one (only eligible scores count); the caller stores
/// the entry. `stake_bps` is the multiplier of the contributor's stake now.
fn rescore(ctx: &mut Open, who: Address, old: Entry, mut new: Entry, ema: i64, stake_bps: u32) -> Result<Entry, Error> {
    let overflow = || Error::CounterOverflow(FLTCounterOverflow { contributor: who });
    new.score = score(new.counters(), ema, stake_bps, &ctx.params).ok_or_else(overflow)?;
    let min = ctx.params.min_contributions;
    let epoch = &mut ctx.record;
    if eligible(old.count, old.score, old.disqualified, min) {
        // `old` was counted in these totals.
        epoch.eligible -= 1;
        epoch.total_score -= old.score;
    }
    if eligible(new.count, new.score, new.disqualified, min) {
        epoch.eligible += 1;
        epoch.total_score = epoch.total_score.checked_add(new.score).ok_or_else(overflow)?;
    }
    Ok(new)
}

impl FLTRewards {
    pub(crate) fn _init(
        &mut self,
        genesis: u64,
        validators: alloc::vec::Vec<Address>,
        wirer: Address,
    ) -> Result<(), Error> {
        let now = self.now();
        let genesis = if genesis == 0 { now } else { genesis };
        if genesis < now {
            return Err(Error::GenesisInPast(FLTGenesisInPast { genesis, now }));
        }
        for v in validators {
            if v.is_zero() || self.validators.get(v) {
                return Err(Error::InvalidValidator(FLTInvalidValidator { validator: v }));
            }
            self.validators.insert(v, true);
            flt_sol::emit(self.vm(), &ValidatorSet { validator: v, allowed: true });
        }
        let (a, b) = store_params(&Params::default());
        let mut set = self.param_sets.setter(0);
        set.a.set(a);
        set.b.set(b);
        self.push_segment(Segment { first: 0, start: genesis, params: 0 });
        self.wirer.set(wirer);
        Ok(())
    }

    pub(crate) fn _wire(&mut self, token: Address, governor: Address) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        let refused = Error::WiringRefused(FLTWiringRefused { caller, token });
        let wirer = self.wirer.get();
        if wirer.is_zero() || caller != wirer || token.is_zero() || governor.is_zero() {
            return Err(refused);
        }
        let this = self.vm().contract_address();
        match self.token_reserve_and_balance(token) {
            Some((reserve, balance)) if reserve == this && balance == U256::from(TOTAL_SUPPLY) => {}
            _ => return Err(refused),
        }
        self.token.set(token);
        self.governor.set(governor);
        self.wirer.set(Address::ZERO);
        self.accounting.set(Accounting { reserve: TOTAL_SUPPLY, ..Accounting::default() }.store());
        self.name_governor(token, governor)?;
        flt_sol::emit(self.vm(), &Wired { token, governor, reserve: U256::from(TOTAL_SUPPLY) });
        Ok(())
    }

    pub(crate) fn require_wired(&self) -> Result<Address, Error> {
        let token = self.token.get();
        if token.is_zero() {
            return Err(Error::NotWired(FLTNotWired {}));
        }
        Ok(token)
    }

    pub(crate) fn contributor(&self, who: Address) -> Contributor {
        Contributor::load(self.contributors.get(who))
    }

    pub(crate) fn entry(&self, epoch: u64, who: Address) -> Entry {
        Entry::load(self.entries.getter(epoch).get(who))
    }

    pub(crate) fn _register(&mut self, node_id: B256) -> Result<(), Error> {
        let contributor = self.vm().msg_sender();
        let mut c = self.contributor(contributor);
        if c.registered {
            return Err(Error::AlreadyRegistered(FLTAlreadyRegistered { contributor }));
        }
        c.registered = true;
        self.contributors.insert(contributor, c.store());
        flt_sol::emit(self.vm(), &ContributorRegistered { contributor, nodeId: node_id });
        Ok(())
    }

    /// Rolls, then opens the current epoch for recording: the one the
    /// accounting word still holds open, else the epoch `now` falls in
    /// (found from the segments; its record is created here, on its first
    /// contribution, and its end kept in the accounting word).
    fn open_epoch(&mut self, now: u64) -> Result<Open, Error> {
        let acc = self.roll(now);
        if let Some(index) = acc.open {
            let slots = self.epoch_slots(index);
            let record = Epoch::load(slots.a.get(), slots.b.get());
            return Ok(Open { index, slots, record, params: self.scoring_at(&record) });
        }
        let cur = self.started(self.current_at(now))?;
        let params = self.params_at(cur.params);
        let open_end = cur.start.saturating_add(params.epoch_length);
        self.accounting.set(Accounting { open: Some(cur.index), open_end, ..acc }.store());
        let record = Epoch {
            opens_at: open_end.saturating_add(params.claim_delay),
            params: cur.params,
            max_share_bps: params.max_share_bps,
            min_share_bps: params.min_share_bps,
            min_contributions: params.min_contributions,
            ..Epoch::default()
        };
        Ok(Open { index: cur.index, slots: self.epoch_slots(cur.index), record, params })
    }

    /// Records `items` all-or-nothing: one roll, one validator check, one
    /// read and one write of the epoch record for the whole batch.
    pub(crate) fn _record(&mut self, items: &[Contribution]) -> Result<(), Error> {
        self.when_not_paused()?;
        let token = self.require_wired()?;
        let validator = self.vm().msg_sender();
        if !self.validators.get(validator) {
            return Err(Error::NotValidator(FLTNotValidator { caller: validator }));
        }
        if items.is_empty() {
            return Err(Error::EmptyBatch(FLTEmptyBatch {}));
        }
        let mut ctx = self.open_epoch(self.now())?;
        for item in items {
            self.record_one(&mut ctx, token, validator, item)?;
        }
        ctx.store();
        Ok(())
    }

    fn record_one(
        &mut self,
        ctx: &mut Open,
        token: Address,
        validator: Address,
        item: &Contribution,
    ) -> Result<(), Error> {
        let who = item.contributor;
        for accuracy in [item.previousAccuracy, item.newAccuracy] {
            if accuracy > MAX_ACCURACY {
                return Err(Error::AccuracyOutOfRange(FLTAccuracyOutOfRange { accuracy }));
            }
        }
        // The call comes first: after it, each slot's key is hashed once, and
        // one handle reads and writes it (the contributor, the id, the entry).
        let stake_bps = self.stake_multiplier(token, who)?;
        let mut contributor = self.contributors.setter(who);
        let mut c = Contributor::load(contributor.get());
        if !c.registered {
            return Err(Error::NotRegistered(FLTNotRegistered { contributor: who }));
        }
        if c.banned {
            return Err(Error::ContributorBanned(FLTContributorBanned { contributor: who }));
        }
        let id = item.contributionId;
        let mut seen = self.recorded.setter(id);
        if seen.get() {
            return Err(Error::ContributionReplayed(FLTContributionReplayed { contributionId: id }));
        }
        seen.set(true);
        let mut entries = self.entries.setter(ctx.index);
        let mut cell = entries.setter(who);
        let old = Entry::load(cell.get());
        let impact = impact(item.previousAccuracy, item.newAccuracy);
        let outcome = apply_contribution(old.counters(), c.ema, impact, &ctx.params)
            .ok_or(Error::CounterOverflow(FLTCounterOverflow { contributor: who }))?;
        let new =
            Entry { count: outcome.entry.count, positive_impact: outcome.entry.positive_impact, recorded: true, ..old };
        let new = rescore(ctx, who, old, new, outcome.ema, stake_bps)?;
        cell.set(new.store());
        let score = new.score;
        c.ema = outcome.ema;
        contributor.set(c.store());
        flt_sol::emit(
            self.vm(),
            &ContributionRecorded {
                contributor: who,
                contributionId: id,
                epoch: ctx.index,
                validator,
                impact,
                severe: outcome.severe,
                ema: outcome.ema,
                score: U256::from(score),
            },
        );
        Ok(())
    }

    /// Recomputes `who`'s current-epoch score with `stake_bps`.
    ///
    /// # Errors
    /// `FLTNotStarted`; `FLTNotEligible` without a contribution this epoch.
    fn refresh(&mut self, who: Address, stake_bps: u32) -> Result<(), Error> {
        let now = self.now();
        let Some(index) = self.roll(now).open else {
            let cur = self.started(self.current_at(now))?;
            return Err(Error::NotEligible(FLTNotEligible { epoch: cur.index, contributor: who }));
        };
        let old = self.entry(index, who);
        if !old.recorded {
            return Err(Error::NotEligible(FLTNotEligible { epoch: index, contributor: who }));
        }
        let slots = self.epoch_slots(index);
        let record = Epoch::load(slots.a.get(), slots.b.get());
        let mut ctx = Open { index, slots, record, params: self.scoring_at(&record) };
        let new = rescore(&mut ctx, who, old, old, self.contributor(who).ema, stake_bps)?;
        self.entries.setter(index).insert(who, new.store());
        let score = new.score;
        ctx.store();
        flt_sol::emit(self.vm(), &ScoreRefreshed { contributor: who, epoch: index, score: U256::from(score) });
        Ok(())
    }

    pub(crate) fn _refresh(&mut self, who: Address) -> Result<(), Error> {
        let token = self.require_wired()?;
        let stake_bps = self.stake_multiplier(token, who)?;
        self.refresh(who, stake_bps)
    }

    /// FLToken reports a stake change with the holder's new multiplier (it
    /// cannot be read back: FLToken is mid-call). Rolls epochs and rescores
    /// the holder's current-epoch entry if it has one.
    pub(crate) fn _on_stake_changed(&mut self, who: Address, stake_bps: u32) -> Result<(), Error> {
        let token = self.require_wired()?;
        let caller = self.vm().msg_sender();
        if caller != token {
            return Err(Error::OnlyToken(FLTOnlyToken { caller }));
        }
        match self.refresh(who, stake_bps) {
            Err(Error::NotEligible(_)) | Err(Error::NotStarted(_)) => Ok(()),
            other => other,
        }
    }
}
