//! Read-only views, answering as if epochs were rolled to now.

use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use flt_scoring::eligible;

use crate::{
    errors::Error,
    words::{Entry, Epoch},
    FLTRewards,
};

impl FLTRewards {
    pub(crate) fn _current_epoch(&self) -> Result<(u64, u64, u64), Error> {
        let cur = self.started(self.current_at(self.now()))?;
        Ok((cur.index, cur.start, cur.start + self.params_at(cur.params).epoch_length))
    }

    /// The record of epoch `e` as if rolled to now.
    fn rolled_epoch(&self, e: u64, now: u64) -> (Epoch, bool) {
        let acc = self.acc();
        match self.pending_close(acc, now) {
            Some(close) if close.epoch == e => (close.record, true),
            _ => (self.epoch(e), acc.open != Some(e)),
        }
    }

    pub(crate) fn _epoch_info(&self, e: u64) -> (u64, u64, u64, u32, U256, U256, u32, bool) {
        let now = self.now();
        let (record, closed) = self.rolled_epoch(e, now);
        if !record.exists() {
            // No contributions in e: only its place in time is known.
            let (start, length, claim_delay) = self.epoch_schedule(e);
            let end = start.saturating_add(length);
            let ended = now >= end && start != 0;
            return (start, end, end.saturating_add(claim_delay), 0, U256::ZERO, U256::ZERO, 0, ended);
        }
        // The record keeps when claims open; its start and end follow from
        // its parameter set.
        let p = self.payout_at(record.params);
        let end = record.opens_at.saturating_sub(p.claim_delay);
        (
            end.saturating_sub(p.epoch_length),
            end,
            record.opens_at,
            record.eligible,
            U256::from(record.total_score),
            U256::from(record.pool),
            record.claimed,
            closed,
        )
    }

    pub(crate) fn _contributor_epoch(&self, who: Address, e: u64) -> (u32, u64, U256, bool, bool, bool) {
        let entry = self.entry(e, who);
        let record = self.epoch(e);
        let min = record.min_contributions;
        let ok = record.exists() && eligible(entry.count, entry.score, entry.disqualified, min);
        (entry.count, entry.positive_impact, U256::from(entry.score), ok, entry.claimed, entry.disqualified)
    }

    pub(crate) fn _pending_reward(&self, who: Address, e: u64) -> U256 {
        let now = self.now();
        let (mut record, closed) = self.rolled_epoch(e, now);
        let entry: Entry = self.entry(e, who);
        if !record.exists() || entry.claimed {
            return U256::ZERO;
        }
        if !closed {
            // The running epoch, as if it closed now.
            record.pool = self.payout_at(record.params).weekly_pool.min(self.acc().reserve);
        }
        U256::from(crate::claims::allocation(&record, &entry).map_or(0, |a| a.payout))
    }

    pub(crate) fn _contributor_info(&self, who: Address) -> (bool, bool, i64) {
        let c = self.contributor(who);
        (c.registered, c.banned, c.ema)
    }

    pub(crate) fn _params(&self) -> Vec<U256> {
        let last = self.segment(self.segments_len().saturating_sub(1));
        self.params_at(last.params).values().iter().map(|v| U256::from(*v)).collect()
    }
}
