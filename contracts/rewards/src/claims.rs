//! Claims (SPEC.md section 6): after the time lock, each (epoch,
//! contributor) pays once; cap excess and, on an epoch's last claim, its
//! rounding dust return to the reserve. O(1) per listed epoch, whatever the
//! number of contributors.

use alloy_primitives::{Address, U256};
use flt_scoring::{allocate, earmark, eligible, Allocation};
use stylus_sdk::prelude::*;

use crate::{
    errors::*,
    events::RewardClaimed,
    words::{Entry, Epoch},
    FLTRewards,
};

/// The allocation of `entry` in the closed epoch `record`, if eligible,
/// under the parameters the record copied when the epoch opened.
pub(crate) fn allocation(record: &Epoch, entry: &Entry) -> Option<Allocation> {
    if !eligible(entry.count, entry.score, entry.disqualified, record.min_contributions) {
        return None;
    }
    let (min, max) = (record.min_share_bps, record.max_share_bps);
    allocate(record.pool, record.eligible.into(), record.total_score, entry.score, min, max)
}

impl FLTRewards {
    pub(crate) fn _claim(&mut self, who: Address, epochs: &[u64]) -> Result<U256, Error> {
        self.when_not_paused()?;
        let token = self.require_wired()?;
        if epochs.is_empty() {
            return Err(Error::EmptyClaim(FLTEmptyClaim {}));
        }
        let now = self.now();
        let mut acc = self.roll(now);
        let mut total: u128 = 0;
        for &e in epochs {
            // Each slot's key is hashed once: the record's and the entry's
            // handles serve the read and the write.
            let mut slots = self.epochs.setter(e);
            let mut record = Epoch::load(slots.a.get(), slots.b.get());
            // No record: the epoch had no contributions, so no entries.
            if !record.exists() {
                return Err(Error::NotEligible(FLTNotEligible { epoch: e, contributor: who }));
            }
            // The open epoch has not ended (the roll above closed it otherwise).
            let opens_at = record.opens_at;
            if acc.open == Some(e) || now < opens_at {
                return Err(Error::ClaimNotOpen(FLTClaimNotOpen { epoch: e, opensAt: opens_at }));
            }
            let mut entries = self.entries.setter(e);
            let mut cell = entries.setter(who);
            let mut entry = Entry::load(cell.get());
            if entry.claimed {
                return Err(Error::AlreadyClaimed(FLTAlreadyClaimed { epoch: e, contributor: who }));
            }
            let Some(a) = allocation(&record, &entry) else {
                return Err(Error::NotEligible(FLTNotEligible { epoch: e, contributor: who }));
            };
            entry.claimed = true;
            cell.set(entry.store());
            record.claimed += 1;
            record.held_claimed += a.held;
            let mut returned = a.excess();
            if record.claimed == record.eligible {
                // Σ held <= the epoch's earmark: the last claim returns the
                // rounding dust.
                returned += earmark(record.pool, record.eligible.into(), record.max_share_bps) - record.held_claimed;
            }
            // A claim changes slot a only (claimed count, held claimed).
            slots.a.set(record.store().0);
            // payout + returned <= the epoch's unclaimed earmark <= earmarked.
            acc.earmarked -= a.payout + returned;
            acc.reserve += returned;
            total += a.payout;
            flt_sol::emit(
                self.vm(),
                &RewardClaimed {
                    contributor: who,
                    epoch: e,
                    payout: U256::from(a.payout),
                    returned: U256::from(returned),
                },
            );
        }
        self.accounting.set(acc.store());
        if total > 0 {
            self.pay(token, who, U256::from(total))?;
        }
        Ok(U256::from(total))
    }
}
