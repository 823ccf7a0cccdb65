//! A synthetic FLT network, week by week, through the very scoring and
//! allocation code FLTRewards runs (`flt-scoring`): so a what-if run of a
//! parameter change previews what the contract would pay.
//!
//! Simplifications, stated: every payout is claimed at once (cap excess and
//! dust return to the reserve in the same week), validators record every
//! update, stakes never lapse.

use std::collections::BTreeMap;

use alloy_primitives::U256;
use flt_scoring::{allocate, apply_contribution, eligible, score, Entry, Params, BPS};
use serde::Deserialize;

pub const FLT: u128 = 1_000_000_000_000_000_000;
const SUPPLY: u128 = 1_000_000_000 * FLT;
const BASE_ACCURACY: i64 = 800_000;

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Behaviour {
    Honest,
    FreeRider,
    Poisoner,
    Sybil,
    Staker,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Group {
    pub behaviour: Behaviour,
    pub count: u32,
    #[serde(default = "one")]
    pub contributions: u32,
    #[serde(default)]
    pub tier: u8,
}

fn one() -> u32 {
    1
}

#[derive(Clone, Debug, Deserialize)]
pub struct Scenario {
    pub weeks: u32,
    #[serde(default)]
    pub seed: u64,
    #[serde(rename = "group")]
    pub groups: Vec<Group>,
    /// Parameter overrides by SPEC.md name (`weeklyPool`, `maxShareBps`, ...).
    #[serde(default)]
    pub params: BTreeMap<String, u128>,
}

const NAMES: [&str; 12] = [
    "weeklyPool",
    "epochLength",
    "maxShareBps",
    "minShareBps",
    "minContributions",
    "countWeight",
    "impactWeight",
    "neutralBand",
    "severeDrop",
    "fullBoostImpact",
    "emaAlphaBps",
    "claimDelay",
];

impl Scenario {
    pub fn parse(text: &str) -> Result<Scenario, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// The epoch parameters: defaults with the overrides applied through
    /// the contract's own bounds checks.
    pub fn params(&self) -> Result<Params, String> {
        let mut p = Params::default();
        for (name, value) in &self.params {
            let id = NAMES.iter().position(|n| n == name).ok_or(format!("unknown parameter {name}"))?;
            p = p.with(id as u8, U256::from(*value)).map_err(|e| format!("{name} = {value}: {e:?}"))?;
        }
        Ok(p)
    }
}

/// One row of the per-epoch table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EpochRow {
    pub epoch: u32,
    pub eligible: u64,
    pub pool: u128,
    pub paid: u128,
    pub returned: u128,
    pub largest: u128,
    pub smallest: u128,
    pub by_behaviour: BTreeMap<Behaviour, u128>,
}

#[derive(Clone, Debug, Default)]
pub struct Report {
    pub rows: Vec<EpochRow>,
    pub totals: BTreeMap<Behaviour, u128>,
    pub wallets: BTreeMap<Behaviour, u32>,
    pub reserve: u128,
}

/// xorshift64*: deterministic, dependency-free randomness for scenarios.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn impact(b: Behaviour, k: u32, rng: &mut Rng) -> i64 {
    match b {
        Behaviour::Honest | Behaviour::Staker => 500 + rng.below(3_000) as i64,
        Behaviour::FreeRider | Behaviour::Sybil => 0,
        Behaviour::Poisoner if k.is_multiple_of(2) => -20_000,
        Behaviour::Poisoner => rng.below(1_000) as i64,
    }
}

/// Runs `scenario`; `progress(week)` is called after each week.
pub fn run(scenario: &Scenario, mut progress: impl FnMut(u32)) -> Result<Report, String> {
    let p = scenario.params()?;
    let mut rng = Rng(scenario.seed.max(1));
    let mut wallets: Vec<(Behaviour, u32, i64)> = Vec::new(); // behaviour, stake bps, ema
    let mut report = Report { reserve: SUPPLY, ..Report::default() };
    for g in &scenario.groups {
        let bps = if g.behaviour == Behaviour::Staker {
            *flt_scoring::score::STAKE_TIER_BPS.get(usize::from(g.tier)).ok_or("tier must be 0..=3")?
        } else {
            BPS
        };
        for _ in 0..g.count {
            wallets.push((g.behaviour, bps, 0));
        }
        *report.wallets.entry(g.behaviour).or_default() += g.count;
    }
    let per_wallet: Vec<u32> =
        scenario.groups.iter().flat_map(|g| std::iter::repeat_n(g.contributions, g.count as usize)).collect();
    for week in 0..scenario.weeks {
        let mut scores = Vec::with_capacity(wallets.len());
        for (i, (b, bps, ema)) in wallets.iter_mut().enumerate() {
            let mut entry = Entry::default();
            for k in 0..per_wallet[i] {
                let new = (BASE_ACCURACY + impact(*b, k, &mut rng)).clamp(0, 1_000_000);
                let out = apply_contribution(entry, *ema, new - BASE_ACCURACY, &p).ok_or("counter overflow")?;
                (entry, *ema) = (out.entry, out.ema);
            }
            let s = score(entry, *ema, *bps, &p).ok_or("score overflow")?;
            scores.push(eligible(entry.count, s, false, p.min_contributions).then_some(s));
        }
        let n = scores.iter().flatten().count() as u64;
        let total: u128 = scores.iter().flatten().sum();
        let mut row = EpochRow { epoch: week, eligible: n, smallest: u128::MAX, ..EpochRow::default() };
        if n > 0 {
            row.pool = p.weekly_pool.min(report.reserve);
            for (i, s) in scores.iter().enumerate() {
                let Some(s) = s else { continue };
                let a = allocate(row.pool, n, total, *s, p.min_share_bps, p.max_share_bps).ok_or("allocation")?;
                row.paid += a.payout;
                row.largest = row.largest.max(a.payout);
                row.smallest = row.smallest.min(a.payout);
                *row.by_behaviour.entry(wallets[i].0).or_default() += a.payout;
            }
            row.returned = row.pool - row.paid;
            report.reserve -= row.paid;
        } else {
            row.smallest = 0;
        }
        for (b, v) in &row.by_behaviour {
            *report.totals.entry(*b).or_default() += v;
        }
        report.rows.push(row);
        progress(week + 1);
    }
    Ok(report)
}

pub fn flt(wei: u128) -> String {
    let whole = wei / FLT;
    let frac = (wei % FLT) / (FLT / 100);
    format!("{whole}.{frac:02}")
}

/// The per-epoch table as CSV (amounts in wei).
pub fn csv(report: &Report) -> String {
    let behaviours: Vec<Behaviour> = report.wallets.keys().copied().collect();
    let mut out = String::from("epoch,eligible,pool,paid,returned,largest,smallest");
    for b in &behaviours {
        out.push_str(&format!(",paid_{b:?}").to_lowercase());
    }
    out.push('\n');
    for r in &report.rows {
        out.push_str(&format!(
            "{},{},{},{},{},{},{}",
            r.epoch, r.eligible, r.pool, r.paid, r.returned, r.largest, r.smallest
        ));
        for b in &behaviours {
            out.push_str(&format!(",{}", r.by_behaviour.get(b).copied().unwrap_or(0)));
        }
        out.push('\n');
    }
    out
}

/// An SVG line chart: weekly emission (black) and each behaviour's share of
/// it over time (one colour each).
pub fn svg(report: &Report) -> String {
    let (w, h, pad) = (800.0f64, 400.0f64, 40.0f64);
    let weeks = report.rows.len().max(2) as f64;
    let max = report.rows.iter().map(|r| r.pool).max().unwrap_or(1).max(1) as f64;
    let x = |i: usize| pad + (w - 2.0 * pad) * i as f64 / (weeks - 1.0);
    let y = |v: u128| h - pad - (h - 2.0 * pad) * v as f64 / max;
    let line = |values: Vec<u128>, colour: &str| {
        let points: Vec<String> = values.iter().enumerate().map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v))).collect();
        format!("<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{}\"/>\n", points.join(" "))
    };
    let colours = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"];
    let mut out = format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"12\">\n");
    out.push_str(&format!("<text x=\"{pad}\" y=\"20\">FLT paid per week (black) and by behaviour</text>\n"));
    out.push_str(&line(report.rows.iter().map(|r| r.paid).collect(), "black"));
    for (i, b) in report.wallets.keys().enumerate() {
        let colour = colours[i % colours.len()];
        out.push_str(&line(report.rows.iter().map(|r| r.by_behaviour.get(b).copied().unwrap_or(0)).collect(), colour));
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" fill=\"{colour}\">{b:?}</text>\n",
            w - 150.0,
            40.0 + 16.0 * i as f64
        ));
    }
    out.push_str("</svg>\n");
    out
}
