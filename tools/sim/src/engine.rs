//! FLTRewards' books off-chain (SPEC.md v1.1 sections 5, 6 and 9): the
//! lazy epoch roll, the earmark of `min(P, n * maxAmt)`, claims that return
//! the cap excess and, on an epoch's last claim, its rounding dust, and
//! FLToken's stake locks as the score sees them. Every rule calls the same
//! `flt-scoring` functions the contracts run; the amounts are the
//! contract's to the wei (tests/node/tests/sim_agreement.rs proves it on
//! the local Stylus node).
//!
//! Not modelled: disqualification and bans (council actions), parameter
//! changes during a run (a run has one parameter set), pauses.

use std::collections::VecDeque;

use flt_scoring::{
    allocate, apply_contribution, eligible, math::mul_div, score, stake_multiplier_bps, Entry, Params, BPS,
};

/// The fixed supply, all of it in the reserve at genesis.
pub const SUPPLY: u128 = 1_000_000_000 * crate::FLT;
/// FLToken's staking tiers: 1, 3, 6, 12 months of 30 days.
pub const TIER_SECONDS: [u64; 4] = [30 * 86_400, 90 * 86_400, 180 * 86_400, 360 * 86_400];

/// Why the ledger refused an action (the contract's error, by name).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("FLTNotStarted: {now} is before genesis")]
    NotStarted { now: u64 },
    #[error("FLTCounterOverflow: wallet {wallet}")]
    CounterOverflow { wallet: u32 },
    #[error("FLTInvalidStakeTier({tier})")]
    InvalidStakeTier { tier: u8 },
    #[error("FLTStakeBelowMinimum({amount}, {minimum})")]
    StakeBelowMinimum { amount: u128, minimum: u128 },
    #[error("FLTZeroStake")]
    ZeroStake,
    #[error("FLTStakeTierDecrease({current}, {requested})")]
    StakeTierDecrease { current: u8, requested: u8 },
    #[error("FLTStakeExceedsBalance({available}, {amount})")]
    StakeExceedsBalance { available: u128, amount: u128 },
}

/// A payout waiting for its claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pending {
    pub epoch: u64,
    pub payout: u128,
    /// What the claim takes out of the epoch's earmark: `raw` when the
    /// whole pool was earmarked (`n * maxAmt >= P`), else `maxAmt`.
    pub unit: u128,
}

#[derive(Clone, Debug, Default)]
pub struct Wallet {
    pub ema: i64,
    /// FLT held (claimed payouts).
    pub balance: u128,
    pub staked: u128,
    pub tier: u8,
    pub lock_end: u64,
    pub pending: VecDeque<Pending>,
}

/// One eligible entry of a closed epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Payout {
    pub wallet: u32,
    pub score: u128,
    pub raw: u128,
    pub payout: u128,
}

/// What closing an epoch did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Closed {
    pub epoch: u64,
    pub eligible: u64,
    pub total_score: u128,
    /// `P = min(weeklyPool, reserve)` (0 when no one was eligible).
    pub pool: u128,
    /// `min(P, n * maxAmt)`: what moved from the reserve to `earmarked`.
    pub earmarked: u128,
    pub max_amount: u128,
    /// Eligible entries, by wallet.
    pub payouts: Vec<Payout>,
}

/// What one claim transaction did, per epoch listed (oldest first).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Claimed {
    pub epochs: Vec<u64>,
    pub payouts: Vec<u128>,
    pub returned: Vec<u128>,
}

impl Claimed {
    pub fn total(&self) -> u128 {
        self.payouts.iter().sum()
    }
}

#[derive(Clone, Debug, Default)]
struct EpochBook {
    /// Earmark not yet claimed or returned.
    remaining: u128,
    unclaimed: u32,
}

#[derive(Clone, Debug)]
struct Open {
    index: u64,
    /// Wallets with an entry, in first-contribution order.
    touched: Vec<u32>,
    eligible: u64,
    total: u128,
}

pub struct Ledger {
    pub params: Params,
    pub stake_min: u128,
    pub genesis: u64,
    pub reserve: u128,
    pub earmarked: u128,
    pub wallets: Vec<Wallet>,
    open: Option<Open>,
    /// Closed epochs' earmarks, by epoch index (from `first_book`).
    books: Vec<EpochBook>,
    first_book: u64,
    /// The open epoch's `(entry, score)` per wallet (`None`: no entry).
    entries: Vec<Option<(Entry, u128)>>,
}

impl Ledger {
    pub fn new(params: Params, stake_min: u128, genesis: u64, wallets: usize) -> Ledger {
        Ledger {
            params,
            stake_min,
            genesis,
            reserve: SUPPLY,
            earmarked: 0,
            wallets: vec![Wallet::default(); wallets],
            open: None,
            books: Vec::new(),
            first_book: 0,
            entries: vec![None; wallets],
        }
    }

    /// The epoch open at `now` (epochs of one fixed length).
    pub fn epoch_at(&self, now: u64) -> Result<u64, Refused> {
        now.checked_sub(self.genesis).map(|d| d / self.params.epoch_length).ok_or(Refused::NotStarted { now })
    }

    pub fn epoch_start(&self, epoch: u64) -> u64 {
        self.genesis + epoch * self.params.epoch_length
    }

    /// When claims for `epoch` open: its end plus `claimDelay`.
    pub fn claims_open(&self, epoch: u64) -> u64 {
        self.epoch_start(epoch + 1) + self.params.claim_delay
    }

    /// The lazy roll every state change starts with: closes the open epoch
    /// if `now` is past it. Returns what the close did.
    pub fn roll(&mut self, now: u64) -> Result<Option<Closed>, Refused> {
        let current = self.epoch_at(now)?;
        match &self.open {
            Some(open) if open.index != current => {}
            _ => return Ok(None),
        }
        let mut open = self.open.take().expect("matched above");
        open.touched.sort_unstable();
        let mut closed =
            Closed { epoch: open.index, eligible: open.eligible, total_score: open.total, ..Closed::default() };
        if open.eligible == 0 {
            for w in &open.touched {
                self.entries[*w as usize] = None;
            }
            return Ok(Some(closed));
        }
        let p = &self.params;
        let pool = p.weekly_pool.min(self.reserve);
        // Quotients of shares <= 10_000 bps: at most `pool`, no overflow.
        let max_amount = mul_div(pool, u128::from(p.max_share_bps), u128::from(BPS)).unwrap_or(0);
        // The contract's own rule: min(P, n * maxAmt).
        let earmark = flt_scoring::earmark(pool, open.eligible, p.max_share_bps);
        self.reserve -= earmark;
        self.earmarked += earmark;
        for &wallet in &open.touched {
            let Some((entry, s)) = self.entries[wallet as usize].take() else { continue };
            if !eligible(entry.count, s, false, p.min_contributions) {
                continue;
            }
            let a = allocate(pool, open.eligible, open.total, s, p.min_share_bps, p.max_share_bps)
                .expect("0 < s <= S and n > 0 for an eligible entry");
            self.wallets[wallet as usize].pending.push_back(Pending {
                epoch: open.index,
                payout: a.payout,
                unit: a.held,
            });
            closed.payouts.push(Payout { wallet, score: s, raw: a.raw, payout: a.payout });
        }
        if self.books.is_empty() {
            self.first_book = open.index;
        }
        // Epochs close in order; idle ones get an empty book.
        let at = (open.index - self.first_book) as usize;
        self.books.resize(at, EpochBook::default());
        self.books.push(EpochBook { remaining: earmark, unclaimed: open.eligible as u32 });
        closed.pool = pool;
        closed.earmarked = earmark;
        closed.max_amount = max_amount;
        Ok(Some(closed))
    }

    /// The stake multiplier of `wallet` at `now`.
    pub fn stake_bps(&self, wallet: u32, now: u64) -> u32 {
        let w = &self.wallets[wallet as usize];
        stake_multiplier_bps(w.staked, w.tier, w.lock_end, now, self.stake_min)
    }

    /// `recordContribution(wallet, _, previous, new)` at `now`. It rolls
    /// first; a caller that wants the close's figures calls
    /// [`Ledger::roll`] itself before.
    pub fn record(&mut self, wallet: u32, previous: u32, new: u32, now: u64) -> Result<(), Refused> {
        self.record_impact(wallet, flt_scoring::impact(previous, new), None, now)
    }

    /// A contribution of `impact` ppm; `stake_bps` overrides the stake
    /// multiplier (a replay of recorded history, where the chain's stake is
    /// known from the event's score), else the wallet's stake at `now`.
    pub fn record_impact(&mut self, wallet: u32, impact: i64, stake_bps: Option<u32>, now: u64) -> Result<(), Refused> {
        self.roll(now)?;
        let index = self.epoch_at(now)?;
        let stake_bps = stake_bps.unwrap_or_else(|| self.stake_bps(wallet, now));
        let p = self.params;
        let open = self.open.get_or_insert_with(|| Open { index, touched: Vec::new(), eligible: 0, total: 0 });
        let w = &mut self.wallets[wallet as usize];
        let slot = &mut self.entries[wallet as usize];
        if slot.is_none() {
            open.touched.push(wallet);
        }
        let (old, old_score) = slot.unwrap_or_default();
        let out = apply_contribution(old, w.ema, impact, &p).ok_or(Refused::CounterOverflow { wallet })?;
        let s = score(out.entry, out.ema, stake_bps, &p).ok_or(Refused::CounterOverflow { wallet })?;
        w.ema = out.ema;
        *slot = Some(Self::rescore(open, (old, old_score), (out.entry, s), p.min_contributions));
        Ok(())
    }

    /// Moves the epoch totals from `old` to `new`; returns `new`.
    fn rescore(open: &mut Open, old: (Entry, u128), new: (Entry, u128), min: u32) -> (Entry, u128) {
        if eligible(old.0.count, old.1, false, min) {
            open.eligible -= 1;
            open.total -= old.1;
        }
        if eligible(new.0.count, new.1, false, min) {
            open.eligible += 1;
            open.total += new.1;
        }
        new
    }

    /// `claim(epochs)` at `now` for every epoch whose claims are open:
    /// `None` when there is nothing to claim (no transaction).
    pub fn claim(&mut self, wallet: u32, now: u64) -> Result<Option<Claimed>, Refused> {
        self.roll(now)?;
        let mut claimed = Claimed::default();
        loop {
            let w = &self.wallets[wallet as usize];
            let Some(next) = w.pending.front().copied() else { break };
            if now < self.claims_open(next.epoch) {
                break;
            }
            self.wallets[wallet as usize].pending.pop_front();
            let book = &mut self.books[(next.epoch - self.first_book) as usize];
            book.remaining -= next.unit;
            book.unclaimed -= 1;
            let mut returned = next.unit - next.payout;
            if book.unclaimed == 0 {
                returned += book.remaining;
                book.remaining = 0;
            }
            self.earmarked -= next.payout + returned;
            self.reserve += returned;
            self.wallets[wallet as usize].balance += next.payout;
            claimed.epochs.push(next.epoch);
            claimed.payouts.push(next.payout);
            claimed.returned.push(returned);
        }
        Ok((!claimed.epochs.is_empty()).then_some(claimed))
    }

    /// FLToken's `stake(amount, tier)` at `now`, with FLTRewards'
    /// rescoring of a current-epoch entry.
    pub fn stake(&mut self, wallet: u32, amount: u128, tier: u8, now: u64) -> Result<(), Refused> {
        let seconds = *TIER_SECONDS.get(usize::from(tier)).ok_or(Refused::InvalidStakeTier { tier })?;
        let w = &self.wallets[wallet as usize];
        if w.staked == 0 {
            if amount < self.stake_min {
                return Err(Refused::StakeBelowMinimum { amount, minimum: self.stake_min });
            }
        } else {
            if amount == 0 {
                return Err(Refused::ZeroStake);
            }
            if now < w.lock_end && tier < w.tier {
                return Err(Refused::StakeTierDecrease { current: w.tier, requested: tier });
            }
        }
        let available = w.balance - w.staked;
        if amount > available {
            return Err(Refused::StakeExceedsBalance { available, amount });
        }
        let w = &mut self.wallets[wallet as usize];
        w.staked += amount;
        w.tier = tier;
        w.lock_end = now + seconds;
        self.roll(now)?;
        let stake_bps = self.stake_bps(wallet, now);
        let p = self.params;
        let ema = self.wallets[wallet as usize].ema;
        // After the roll, an open epoch is the current one.
        if let Some(open) = self.open.as_mut() {
            if let Some((entry, old)) = self.entries[wallet as usize] {
                let s = score(entry, ema, stake_bps, &p).ok_or(Refused::CounterOverflow { wallet })?;
                self.entries[wallet as usize] =
                    Some(Self::rescore(open, (entry, old), (entry, s), p.min_contributions));
            }
        }
        Ok(())
    }

    /// Transferable FLT: balance minus the locked stake.
    pub fn transferable(&self, wallet: u32) -> u128 {
        let w = &self.wallets[wallet as usize];
        w.balance - w.staked
    }
}
