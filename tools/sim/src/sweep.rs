//! Parameter sweeps (a metric over a grid of one or two parameters) and
//! the sybil analysis (what one contributor's work pays split across
//! wallets).

use anyhow::{anyhow, bail, Context, Result};

use crate::{
    metrics::summary,
    run::{run, Options, Report},
    scenario::{Behaviour, Group, Scenario},
};

/// One swept parameter: `name=from..to:step` (inclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Axis {
    pub name: String,
    pub values: Vec<u128>,
}

impl std::str::FromStr for Axis {
    type Err = String;

    fn from_str(text: &str) -> Result<Axis, String> {
        let bad = || format!("{text}: expected name=from..to:step, e.g. maxShareBps=100..2000:100");
        let (name, range) = text.split_once('=').ok_or_else(bad)?;
        let (span, step) = range.split_once(':').unwrap_or((range, "1"));
        let (from, to) = span.split_once("..").ok_or_else(bad)?;
        let num = |s: &str| s.trim().replace('_', "").parse::<u128>().map_err(|e| format!("{text}: {s}: {e}"));
        let (from, to, step) = (num(from)?, num(to)?, num(step)?);
        if step == 0 || to < from {
            return Err(format!("{text}: need from <= to and step >= 1"));
        }
        let count = (to - from) / step + 1;
        if count > 10_000 {
            return Err(format!("{text}: {count} values; at most 10,000 per axis"));
        }
        Ok(Axis { name: name.trim().to_string(), values: (0..count).map(|i| from + i * step).collect() })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Metric {
    /// Gini coefficient of total payouts per wallet.
    Gini,
    /// Share of payouts paid to honest work (honest and staker wallets).
    HonestShare,
    /// Share of payouts taken by the top 10 % of wallets.
    Top10,
    /// What the scenario's sybil wallets earn, divided by what the same
    /// work earns as one wallet.
    SybilGain,
}

impl Metric {
    pub fn title(self) -> &'static str {
        match self {
            Metric::Gini => "Gini of payouts",
            Metric::HonestShare => "Honest share",
            Metric::Top10 => "Top-10 % share",
            Metric::SybilGain => "Sybil gain",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Metric::Gini => "gini",
            Metric::HonestShare => "honest_share",
            Metric::Top10 => "top10_share",
            Metric::SybilGain => "sybil_gain",
        }
    }

    pub fn format(self, v: f64) -> String {
        match self {
            Metric::SybilGain => format!("{v:.2}x"),
            Metric::Gini => format!("{v:.3}"),
            _ => format!("{:.1} %", v * 100.0),
        }
    }

    /// The metric of `scenario` (a fraction, or a ratio for sybil gain).
    pub fn measure(self, scenario: &Scenario) -> Result<f64> {
        let report = quiet(scenario)?;
        let s = summary(&report);
        Ok(match self {
            Metric::Gini => s.gini_ppm as f64 / 1e6,
            Metric::HonestShare => s.honest_ppm as f64 / 1e6,
            Metric::Top10 => s.top10_ppm as f64 / 1e6,
            Metric::SybilGain => {
                let split = report.totals.get(&Behaviour::Sybil).copied().unwrap_or(0);
                let merged = quiet(&merge_sybils(scenario)?)?;
                let one = merged.totals.get(&Behaviour::Sybil).copied().unwrap_or(0);
                if one == 0 {
                    bail!("sybil-gain: the sybil work earns nothing as one wallet");
                }
                split as f64 / one as f64
            }
        })
    }
}

fn quiet(s: &Scenario) -> Result<Report> {
    run(s, Options::default(), |_| {}).map_err(|e| anyhow!("{e}"))
}

/// `scenario` with all its sybil wallets merged into one wallet that makes
/// all their updates.
pub fn merge_sybils(scenario: &Scenario) -> Result<Scenario> {
    let mut s = scenario.clone();
    let sybils: Vec<Group> = s.groups.iter().filter(|g| g.behaviour == Behaviour::Sybil).cloned().collect();
    let Some(first) = sybils.first() else {
        bail!("sybil-gain needs a [[group]] with behaviour = \"sybil\"");
    };
    let work: u32 = sybils.iter().map(|g| g.count * g.contributions).sum();
    s.groups.retain(|g| g.behaviour != Behaviour::Sybil);
    s.groups.push(Group { count: 1, contributions: work, ..first.clone() });
    Ok(s)
}

/// A metric over the grid `x` (and `y`): `cells[yi][xi]`.
#[derive(Clone, Debug)]
pub struct Grid {
    pub metric: Metric,
    pub x: Axis,
    pub y: Axis,
    pub cells: Vec<Vec<f64>>,
}

/// Runs every grid point on up to `threads` threads; `progress()` after
/// each. An unknown parameter or an out-of-bounds value is refused before
/// anything runs.
pub fn sweep(
    scenario: &Scenario,
    x: Axis,
    y: Option<Axis>,
    metric: Metric,
    threads: usize,
    progress: &(dyn Fn() + Sync),
) -> Result<Grid> {
    let y = y.unwrap_or(Axis { name: String::new(), values: vec![0] });
    let point = |xi: usize, yi: usize| -> Result<Scenario> {
        let mut s = scenario.with_param(&x.name, x.values[xi]).map_err(|e| anyhow!("--param {e}"))?;
        if !y.name.is_empty() {
            s = s.with_param(&y.name, y.values[yi]).map_err(|e| anyhow!("--param {e}"))?;
        }
        Ok(s)
    };
    // Check every point's parameters first (cheap), so a refusal is instant.
    for yi in 0..y.values.len() {
        for xi in 0..x.values.len() {
            point(xi, yi)?;
        }
    }
    let cells: Vec<(usize, usize)> =
        (0..y.values.len()).flat_map(|yi| (0..x.values.len()).map(move |xi| (xi, yi))).collect();
    let threads = threads.clamp(1, 64);
    let results: Vec<Result<Vec<(usize, usize, f64)>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let cells = &cells;
                let point = &point;
                scope.spawn(move || {
                    let mut out = Vec::new();
                    for &(xi, yi) in cells.iter().skip(t).step_by(threads) {
                        out.push((xi, yi, metric.measure(&point(xi, yi)?)?));
                        progress();
                    }
                    Ok(out)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err(anyhow!("a sweep thread panicked")))).collect()
    });
    let mut grid = vec![vec![0.0; x.values.len()]; y.values.len()];
    for r in results {
        for (xi, yi, v) in r? {
            grid[yi][xi] = v;
        }
    }
    Ok(Grid { metric, x, y, cells: grid })
}

/// The sweep as CSV: one row per grid point.
pub fn grid_csv(grid: &Grid, out: impl std::io::Write) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec![grid.x.name.clone()];
    if !grid.y.name.is_empty() {
        header.push(grid.y.name.clone());
    }
    header.push(grid.metric.name().into());
    w.write_record(&header)?;
    for (yi, row) in grid.cells.iter().enumerate() {
        for (xi, v) in row.iter().enumerate() {
            let mut rec = vec![grid.x.values[xi].to_string()];
            if !grid.y.name.is_empty() {
                rec.push(grid.y.values[yi].to_string());
            }
            rec.push(format!("{v:.6}"));
            w.write_record(&rec)?;
        }
    }
    w.flush().context("sweep CSV")?;
    Ok(())
}

/// One line of the sybil analysis: the operator's total payout over the
/// run when its weekly work is split across `wallets` wallets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SybilRow {
    pub wallets: u32,
    /// Honest-quality updates (+500..+3,500 ppm each).
    pub honest: u128,
    /// Zero-impact updates.
    pub free_rider: u128,
}

impl SybilRow {
    /// Gains over the one-wallet row, as ratios.
    pub fn gains(&self, one: &SybilRow) -> (f64, f64) {
        let r = |a: u128, b: u128| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        (r(self.honest, one.honest), r(self.free_rider, one.free_rider))
    }
}

/// The operator makes `work` updates a week beside the scenario's network
/// (its own sybil groups removed), split evenly across each count of
/// `splits` wallets. `work` must divide evenly.
pub fn sybil(scenario: &Scenario, work: u32, splits: &[u32]) -> Result<Vec<SybilRow>> {
    let mut base = scenario.clone();
    base.groups.retain(|g| g.behaviour != Behaviour::Sybil);
    if base.groups.is_empty() {
        bail!("the sybil analysis needs a network besides the sybil groups");
    }
    let template = base.groups[0].clone();
    let mut rows = Vec::new();
    for &k in splits {
        if k == 0 || !work.is_multiple_of(k) {
            bail!("--work {work} does not split evenly across {k} wallets");
        }
        let mut row = SybilRow { wallets: k, honest: 0, free_rider: 0 };
        for behaviour in [Behaviour::Honest, Behaviour::Sybil] {
            let mut s = base.clone();
            s.groups.push(Group {
                behaviour,
                count: k,
                contributions: work / k,
                from: 0,
                until: None,
                claim_every: 1,
                ..template.clone()
            });
            let r = quiet(&s)?;
            let operator: u128 = r.per_wallet[r.per_wallet.len() - k as usize..].iter().sum();
            if behaviour == Behaviour::Honest {
                row.honest = operator;
            } else {
                row.free_rider = operator;
            }
        }
        rows.push(row);
    }
    Ok(rows)
}

/// The sybil table as CSV.
pub fn sybil_csv(rows: &[SybilRow], out: impl std::io::Write) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["wallets", "honest_work_wei", "honest_gain", "zero_impact_work_wei", "zero_impact_gain"])?;
    let one = rows.first().cloned().unwrap_or(SybilRow { wallets: 1, honest: 0, free_rider: 0 });
    for r in rows {
        let (h, f) = r.gains(&one);
        w.write_record([
            r.wallets.to_string(),
            r.honest.to_string(),
            format!("{h:.4}"),
            r.free_rider.to_string(),
            format!("{f:.4}"),
        ])?;
    }
    w.flush().context("sybil CSV")?;
    Ok(())
}

/// The sybil table for the terminal (and the README).
pub fn sybil_table(rows: &[SybilRow]) -> String {
    let one = rows.first().cloned().unwrap_or(SybilRow { wallets: 1, honest: 0, free_rider: 0 });
    let mut out = String::from(
        "| wallets | honest work: FLT | gain | zero-impact work: FLT | gain |\n|---:|---:|---:|---:|---:|\n",
    );
    for r in rows {
        let (h, f) = r.gains(&one);
        out.push_str(&format!(
            "| {} | {} | {h:.2}x | {} | {f:.2}x |\n",
            r.wallets,
            crate::flt(r.honest),
            crate::flt(r.free_rider)
        ));
    }
    out
}
