//! A scenario run week by week through the [`Ledger`], as the chain would
//! see it. Within epoch `w` (length `L`, starting at `T_w`):
//! - at `T_w + 2L/7` (day 2 of a week) wallets whose claim schedule falls
//!   on `w` claim every payout whose claims are open (one `claim` each);
//! - one hour later stakers stake (a first stake of `stake` FLT once their
//!   transferable balance allows it; a 1 FLT top-up that re-locks a lapsed
//!   lock);
//! - at `T_w + 5L/7` the validator records every contribution of the week
//!   in one batch.
//!
//! After the last week, one more epoch settles: its claims step pays what
//! every claiming wallet has left (and closes the last epoch). The same
//! steps, in this order and at these times, are what the agreement test
//! sends to the local Stylus node.

use std::collections::BTreeMap;

use crate::{
    engine::{Claimed, Closed, Ledger, Refused},
    scenario::{Behaviour, Scenario},
    FLT,
};

/// The accuracy every update starts from (80 %).
pub const BASE_ACCURACY: u32 = 800_000;

/// xorshift64*: deterministic randomness for scenarios.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

/// The impact (ppm) of the `k`-th update of a week by a wallet of `b`.
fn impact(b: Behaviour, k: u32, rng: &mut Rng) -> i64 {
    match b {
        Behaviour::Honest | Behaviour::Staker => 500 + rng.below(3_000) as i64,
        Behaviour::FreeRider | Behaviour::Sybil => 0,
        Behaviour::Poisoner if k.is_multiple_of(2) => -20_000,
        Behaviour::Poisoner => rng.below(1_000) as i64,
    }
}

/// One step of a run, as a transaction on the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// `claim(epochs)` from `wallet`.
    Claim { wallet: u32, claimed: Claimed },
    /// `stake(amount, tier)` from `wallet`.
    Stake { wallet: u32, amount: u128, tier: u8 },
    /// `recordContributions` by the validator: `(wallet, id, previous, new)`.
    Record { items: Vec<(u32, u64, u32, u32)> },
}

/// An action with its block time and the books right after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub at: u64,
    pub action: Action,
    /// Epochs the action's roll closed (at most one).
    pub closed: Option<Closed>,
    pub reserve: u128,
    pub earmarked: u128,
}

/// One row per epoch.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EpochRow {
    pub epoch: u32,
    pub eligible: u64,
    /// `P = min(weeklyPool, reserve)`.
    pub pool: u128,
    /// `min(P, n * maxAmt)` (SPEC v1.1).
    pub earmarked: u128,
    /// Σ payouts of the epoch's eligible entries.
    pub paid: u128,
    /// `P - paid`: never earmarked or returned at claim time.
    pub returned: u128,
    pub largest: u128,
    pub smallest: u128,
    /// Payout percentiles p10, p25, p50, p75, p90 (nearest rank).
    pub percentiles: [u128; 5],
    /// Entries whose payout is the cap (`raw > maxAmt`).
    pub capped: u64,
    pub by_behaviour: BTreeMap<Behaviour, u128>,
    /// The reserve when the epoch closed (after its earmark).
    pub reserve: u128,
}

#[derive(Clone, Debug, Default)]
pub struct Report {
    pub rows: Vec<EpochRow>,
    pub totals: BTreeMap<Behaviour, u128>,
    pub wallets: BTreeMap<Behaviour, u32>,
    /// Σ payouts per wallet (claimed or not), in wallet order.
    pub per_wallet: Vec<u128>,
    /// Each wallet's behaviour.
    pub behaviour_of: Vec<Behaviour>,
    /// The reserve and earmarked total after the settling epoch's claims.
    pub reserve: u128,
    pub earmarked: u128,
    /// FLT held per wallet at the end (claimed payouts).
    pub balances: Vec<u128>,
    /// Every transaction of the run, when asked for ([`Options::trace`]).
    pub steps: Vec<Step>,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Keep every [`Step`] (small runs: the agreement test).
    pub trace: bool,
    /// Epoch 0's start (the chain's genesis) in seconds.
    pub genesis: u64,
}

/// Percentile `q` (0..=100) of sorted `v` by nearest rank.
pub fn percentile(v: &[u128], q: u32) -> u128 {
    if v.is_empty() {
        return 0;
    }
    let rank = (u64::from(q) * v.len() as u64).div_ceil(100).max(1) as usize;
    v[rank.min(v.len()) - 1]
}

/// Runs `scenario`; `progress(week)` after each week.
pub fn run(scenario: &Scenario, options: Options, mut progress: impl FnMut(u32)) -> Result<Report, Refused> {
    let p = scenario.params;
    let groups = scenario.group_of_wallets();
    let mut ledger = Ledger::new(p, scenario.stake_min, options.genesis, groups.len());
    let mut rng = Rng::new(scenario.seed);
    let behaviour_of: Vec<Behaviour> = groups.iter().map(|g| scenario.groups[*g as usize].behaviour).collect();
    let mut report =
        Report { per_wallet: vec![0; groups.len()], behaviour_of: behaviour_of.clone(), ..Report::default() };
    for g in &scenario.groups {
        *report.wallets.entry(g.behaviour).or_default() += g.count;
    }
    let length = p.epoch_length;
    let mut next_id: u64 = 1;
    let mut rows: BTreeMap<u64, EpochRow> = BTreeMap::new();
    let step = |report: &mut Report, ledger: &Ledger, at: u64, action: Action, closed: Option<Closed>| {
        if options.trace {
            report.steps.push(Step { at, action, closed, reserve: ledger.reserve, earmarked: ledger.earmarked });
        }
    };
    for week in 0..=scenario.weeks {
        let start = ledger.epoch_start(u64::from(week));
        // Claims.
        let at = start + length * 2 / 7;
        let mut closed = ledger.roll(at)?;
        if let Some(c) = &closed {
            rows.insert(c.epoch, row(c, &behaviour_of, ledger.reserve, &mut report));
        }
        for (wallet, g) in groups.iter().enumerate() {
            let every = scenario.groups[*g as usize].claim_every;
            let due = every > 0 && (week % every == 0 || week == scenario.weeks);
            if !due {
                continue;
            }
            if let Some(claimed) = ledger.claim(wallet as u32, at)? {
                step(&mut report, &ledger, at, Action::Claim { wallet: wallet as u32, claimed }, closed.take());
            }
        }
        if week == scenario.weeks {
            break;
        }
        // Stakes.
        let at = at + 3_600;
        for (wallet, g) in groups.iter().enumerate() {
            let group = &scenario.groups[*g as usize];
            if group.behaviour != Behaviour::Staker {
                continue;
            }
            let w = &ledger.wallets[wallet];
            let amount = if w.staked == 0 {
                group.stake.unwrap_or(scenario.stake_min)
            } else if at >= w.lock_end {
                FLT
            } else {
                continue;
            };
            if ledger.transferable(wallet as u32) < amount {
                continue;
            }
            ledger.stake(wallet as u32, amount, group.tier, at)?;
            let action = Action::Stake { wallet: wallet as u32, amount, tier: group.tier };
            step(&mut report, &ledger, at, action, closed.take());
        }
        // Contributions.
        let at = start + length * 5 / 7;
        let mut items = Vec::new();
        for (wallet, g) in groups.iter().enumerate() {
            let group = &scenario.groups[*g as usize];
            if week < group.from || group.until.is_some_and(|u| week >= u) {
                continue;
            }
            for k in 0..group.contributions {
                let new = (i64::from(BASE_ACCURACY) + impact(group.behaviour, k, &mut rng)).clamp(0, 1_000_000) as u32;
                ledger.record(wallet as u32, BASE_ACCURACY, new, at)?;
                if options.trace {
                    items.push((wallet as u32, next_id, BASE_ACCURACY, new));
                }
                next_id += 1;
            }
        }
        if !items.is_empty() {
            step(&mut report, &ledger, at, Action::Record { items }, closed.take());
        }
        progress(week + 1);
    }
    // Epochs without a close (no contributions) get an empty row.
    report.rows = (0..scenario.weeks)
        .map(|e| {
            rows.remove(&u64::from(e)).unwrap_or(EpochRow { epoch: e, reserve: ledger.reserve, ..EpochRow::default() })
        })
        .collect();
    report.reserve = ledger.reserve;
    report.balances = ledger.wallets.iter().map(|w| w.balance).collect();
    report.earmarked = ledger.earmarked;
    Ok(report)
}

fn row(c: &Closed, behaviour_of: &[Behaviour], reserve: u128, report: &mut Report) -> EpochRow {
    let mut r = EpochRow {
        epoch: c.epoch as u32,
        eligible: c.eligible,
        pool: c.pool,
        earmarked: c.earmarked,
        reserve,
        ..EpochRow::default()
    };
    let mut amounts: Vec<u128> = c.payouts.iter().map(|x| x.payout).collect();
    amounts.sort_unstable();
    for x in &c.payouts {
        r.paid += x.payout;
        if x.raw > x.payout {
            r.capped += 1;
        }
        let b = behaviour_of[x.wallet as usize];
        *r.by_behaviour.entry(b).or_default() += x.payout;
        *report.totals.entry(b).or_default() += x.payout;
        report.per_wallet[x.wallet as usize] += x.payout;
    }
    r.returned = r.pool - r.paid;
    r.largest = amounts.last().copied().unwrap_or(0);
    r.smallest = amounts.first().copied().unwrap_or(0);
    for (i, q) in [10, 25, 50, 75, 90].into_iter().enumerate() {
        r.percentiles[i] = percentile(&amounts, q);
    }
    r
}
