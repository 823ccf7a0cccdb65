//! Epochs (SPEC.md section 6): where "now" falls, and the lazy roll-over
//! that closes the one open epoch and earmarks its pool. No loop over
//! epochs: idle stretches are arithmetic on the current segment.

use alloy_primitives::U256;
use flt_scoring::{earmark, Params};
use stylus_sdk::prelude::*;

use crate::{
    errors::{Error, FLTNotStarted},
    events::EpochClosed,
    words::{load_params, Accounting, Epoch, Payout, Segment},
    FLTRewards, Slots2,
};

/// The epoch open at some time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Current {
    pub index: u64,
    pub start: u64,
    pub params: u32,
}

/// What closing the open epoch at `now` does, if it has ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Close {
    pub epoch: u64,
    pub record: Epoch,
    pub accounting: Accounting,
}

impl FLTRewards {
    pub(crate) fn now(&self) -> u64 {
        flt_clock::now(self.vm().block_timestamp())
    }

    pub(crate) fn params_at(&self, index: u32) -> Params {
        let set = self.param_sets.getter(index);
        load_params(set.a.get(), set.b.get())
    }

    /// What recording into the epoch `record` uses of its parameter set:
    /// the scoring weights (slot b) and `minContributions`, which the record
    /// copied when the epoch opened. Slot a is not read (2,100 gas a
    /// recording), so the payout fields it holds are left at 0: recording
    /// never reads them.
    pub(crate) fn scoring_at(&self, record: &Epoch) -> Params {
        let b = self.param_sets.getter(record.params).b.get();
        Params { min_contributions: record.min_contributions, ..load_params(U256::ZERO, b) }
    }

    /// Slot a of parameter set `index`: all that closing, the clock and
    /// the views need.
    pub(crate) fn payout_at(&self, index: u32) -> Payout {
        Payout::load(self.param_sets.getter(index).a.get())
    }

    pub(crate) fn segments_len(&self) -> usize {
        self.segment_count.get().to::<u32>() as usize
    }

    pub(crate) fn segment(&self, i: usize) -> Segment {
        u32::try_from(i).map_or_else(|_| Segment::default(), |i| Segment::load(self.segments.get(i)))
    }

    pub(crate) fn set_segment(&mut self, i: usize, segment: Segment) {
        if let Ok(i) = u32::try_from(i) {
            self.segments.insert(i, segment.store());
        }
    }

    pub(crate) fn push_segment(&mut self, segment: Segment) {
        let n = self.segments_len();
        self.set_segment(n, segment);
        // One segment per executed parameter change: never near 2^32.
        self.segment_count.set(alloy_primitives::Uint::from(n as u32 + 1));
    }

    /// The epoch open at `now`, `None` before genesis. The last segment may
    /// start in the future (a parameter change waiting for its epoch); then
    /// the one before it is in force.
    pub(crate) fn current_at(&self, now: u64) -> Option<Current> {
        let len = self.segments_len();
        let last = self.segment(len.checked_sub(1)?);
        let seg = if now >= last.start { last } else { self.segment(len.checked_sub(2)?) };
        if now < seg.start {
            return None;
        }
        let length = self.payout_at(seg.params).epoch_length;
        let k = (now - seg.start) / length;
        Some(Current { index: seg.first + k, start: seg.start + k * length, params: seg.params })
    }

    /// `cur` or `FLTNotStarted(genesis)`.
    pub(crate) fn started(&self, cur: Option<Current>) -> Result<Current, Error> {
        cur.ok_or_else(|| Error::NotStarted(FLTNotStarted { genesis: self.segment(0).start }))
    }

    pub(crate) fn epoch(&self, e: u64) -> Epoch {
        let slots = self.epochs.getter(e);
        Epoch::load(slots.a.get(), slots.b.get())
    }

    /// Epoch `e`'s two record slots as a handle, its key hashed once (a map
    /// key's hash costs about 150 gas): a recording reads the record when
    /// it starts and writes it when it ends through it.
    pub(crate) fn epoch_slots(&mut self, e: u64) -> Slots2 {
        // SAFETY: a storage handle is only its slots' numbers and the host;
        // it caches nothing, so its reads and writes reach the host in
        // program order, as the map's own would (as FLToken's
        // `account_word`).
        unsafe { self.epochs.setter(e).into_raw() }
    }

    pub(crate) fn set_epoch(&mut self, e: u64, record: Epoch) {
        let (a, b) = record.store();
        let mut slots = self.epochs.setter(e);
        slots.a.set(a);
        slots.b.set(b);
    }

    pub(crate) fn acc(&self) -> Accounting {
        Accounting::load(self.accounting.get())
    }

    /// The close that rolling to `now` would perform: the open epoch has
    /// ended (`now` is at or past the end the accounting word keeps), so
    /// its pool `P = min(weeklyPool, reserve)` is fixed and what of it can
    /// be paid, `min(P, n * maxAmt)`, moves to `earmarked` (nothing moves
    /// when it has no eligible contributor). Nothing but the accounting word
    /// is read unless an epoch must close.
    pub(crate) fn pending_close(&self, acc: Accounting, now: u64) -> Option<Close> {
        let epoch = acc.open?;
        if now < acc.open_end {
            return None;
        }
        let mut record = self.epoch(epoch);
        let mut accounting = Accounting { open: None, open_end: 0, ..acc };
        if record.eligible > 0 {
            let params = self.payout_at(record.params);
            record.pool = params.weekly_pool.min(acc.reserve);
            let held = earmark(record.pool, record.eligible.into(), record.max_share_bps);
            accounting.reserve -= held;
            accounting.earmarked += held;
        }
        Some(Close { epoch, record, accounting })
    }

    /// Accounting as if rolled to `now` (for views).
    pub(crate) fn rolled_accounting(&self, now: u64) -> Accounting {
        let acc = self.acc();
        self.pending_close(acc, now).map_or(acc, |c| c.accounting)
    }

    /// Rolls epochs forward to `now`: closes the open epoch if it ended.
    /// Every state-changing entrypoint that touches epochs or the reserve
    /// calls this first. Returns the accounting after the roll: an epoch
    /// still open in it is the current one.
    ///
    /// # Events
    /// `EpochClosed` when an epoch closes.
    pub(crate) fn roll(&mut self, now: u64) -> Accounting {
        let acc = self.acc();
        let Some(close) = self.pending_close(acc, now) else {
            return acc;
        };
        self.set_epoch(close.epoch, close.record);
        self.accounting.set(close.accounting.store());
        flt_sol::emit(
            self.vm(),
            &EpochClosed {
                epoch: close.epoch,
                pool: U256::from(close.record.pool),
                eligibleCount: close.record.eligible,
                totalScore: U256::from(close.record.total_score),
            },
        );
        close.accounting
    }

    /// Start and length of any epoch `e` (views only: walks the segments,
    /// whose number grows only with executed parameter changes).
    /// `(start, length, claimDelay)` of epoch `e` from its segment: where
    /// it lies in time and when its claims open, whether or not it had
    /// contributions.
    pub(crate) fn epoch_schedule(&self, e: u64) -> (u64, u64, u64) {
        let mut i = self.segments_len();
        while i > 0 {
            i -= 1;
            let seg = self.segment(i);
            if seg.first <= e || i == 0 {
                let params = self.payout_at(seg.params);
                let length = params.epoch_length;
                // Saturates for epochs too far ahead to have a start in u64.
                let start = e
                    .checked_sub(seg.first)
                    .and_then(|k| k.checked_mul(length))
                    .map_or(u64::MAX, |d| seg.start.saturating_add(d));
                return (start, length, params.claim_delay);
            }
        }
        (0, 0, 0)
    }
}
