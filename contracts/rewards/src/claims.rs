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
    words::{Entry, Epoch, Payout},
    FLTRewards,
};

/// When claims for a closed epoch `record` under its parameters `p` open.
pub(crate) fn claims_open_at(record: &Epoch, p: &Payout) -> u64 {
    record.start + p.epoch_length + p.claim_delay
}

/// The allocation of `entry` in the closed epoch `record` (parameters `p`),
/// if eligible.
pub(crate) fn allocation(record: &Epoch, entry: &Entry, p: &Payout) -> Option<Allocation> {
    if !eligible(entry.count, entry.score, entry.disqualified, p.min_contributions) {
        return None;
    }
    allocate(record.pool, record.eligible.into(), record.total_score, entry.score, p.min_share_bps, p.max_share_bps)
}

impl FLTRewards {
    pub(crate) fn _claim(&mut self, who: Address, epochs: &[u64]) -> Result<U256, Error> {
        let token = self.require_wired()?;
        if epochs.is_empty() {
            return Err(Error::EmptyClaim(FLTEmptyClaim {}));
        }
        let now = self.now();
        let mut acc = self.roll(now);
        let mut total: u128 = 0;
        for &e in epochs {
            let mut record = self.epoch(e);
            // No record: the epoch had no contributions, so no entries.
            if record.start == 0 {
                return Err(Error::NotEligible(FLTNotEligible { epoch: e, contributor: who }));
            }
            // One read of the epoch's parameters serves the whole item.
            let p = self.payout_at(record.params);
            // The open epoch has not ended (the roll above closed it otherwise).
            let opens_at = claims_open_at(&record, &p);
            if acc.open == Some(e) || now < opens_at {
                return Err(Error::ClaimNotOpen(FLTClaimNotOpen { epoch: e, opensAt: opens_at }));
            }
            let mut entry = self.entry(e, who);
            if entry.claimed {
                return Err(Error::AlreadyClaimed(FLTAlreadyClaimed { epoch: e, contributor: who }));
            }
            let Some(a) = allocation(&record, &entry, &p) else {
                return Err(Error::NotEligible(FLTNotEligible { epoch: e, contributor: who }));
            };
            entry.claimed = true;
            self.entries.setter(e).insert(who, entry.store());
            record.claimed += 1;
            record.held_claimed += a.held;
            let mut returned = a.excess();
            if record.claimed == record.eligible {
                // Σ held <= the epoch's earmark: the last claim returns the
                // rounding dust.
                returned += earmark(record.pool, record.eligible.into(), p.max_share_bps) - record.held_claimed;
            }
            // A claim changes slot a only (claimed count, held claimed).
            self.epochs.setter(e).a.set(record.store().0);
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
