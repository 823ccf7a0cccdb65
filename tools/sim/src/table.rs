//! The per-epoch table: CSV (amounts in wei, with the `csv` crate) and a
//! terminal summary.

use std::io::Write;

use anyhow::{Context, Result};

use crate::{
    flt,
    metrics::{pct, summary},
    run::Report,
    scenario::Behaviour,
};

pub const HEADER: [&str; 15] = [
    "epoch",
    "eligible",
    "pool",
    "earmarked",
    "paid",
    "returned",
    "capped",
    "largest",
    "p90",
    "p75",
    "median",
    "p25",
    "p10",
    "smallest",
    "reserve",
];

/// One row per epoch; then one `paid_<behaviour>` column per behaviour in
/// the scenario.
pub fn epochs_csv(report: &Report, out: impl Write) -> Result<()> {
    let behaviours: Vec<Behaviour> = report.wallets.keys().copied().collect();
    let mut w = csv::Writer::from_writer(out);
    let mut header: Vec<String> = HEADER.iter().map(|h| h.to_string()).collect();
    header.extend(behaviours.iter().map(|b| format!("paid_{b}")));
    w.write_record(&header)?;
    for r in &report.rows {
        let p = r.percentiles;
        let mut rec = vec![
            r.epoch.to_string(),
            r.eligible.to_string(),
            r.pool.to_string(),
            r.earmarked.to_string(),
            r.paid.to_string(),
            r.returned.to_string(),
            r.capped.to_string(),
            r.largest.to_string(),
            p[4].to_string(),
            p[3].to_string(),
            p[2].to_string(),
            p[1].to_string(),
            p[0].to_string(),
            r.smallest.to_string(),
            r.reserve.to_string(),
        ];
        rec.extend(behaviours.iter().map(|b| r.by_behaviour.get(b).copied().unwrap_or(0).to_string()));
        w.write_record(&rec)?;
    }
    w.flush().context("epochs CSV")?;
    Ok(())
}

/// Per-wallet totals: wallet index, behaviour, paid (wei), claimed (wei).
pub fn wallets_csv(report: &Report, out: impl Write) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["wallet", "behaviour", "paid", "claimed"])?;
    for (i, paid) in report.per_wallet.iter().enumerate() {
        let claimed = report.balances.get(i).copied().unwrap_or(0);
        w.write_record([i.to_string(), report.behaviour_of[i].to_string(), paid.to_string(), claimed.to_string()])?;
    }
    w.flush().context("wallets CSV")?;
    Ok(())
}

/// The table printed to the terminal: at most 26 epochs, evenly spaced.
pub fn print_epochs(report: &Report, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{:>5} {:>8} {:>13} {:>13} {:>13} {:>6} {:>11} {:>11} {:>10}",
        "epoch", "eligible", "pool FLT", "earmarked", "paid FLT", "capped", "largest", "median", "smallest"
    )?;
    let step = report.rows.len().div_ceil(26).max(1);
    for r in report.rows.iter().step_by(step) {
        writeln!(
            out,
            "{:>5} {:>8} {:>13} {:>13} {:>13} {:>6} {:>11} {:>11} {:>10}",
            r.epoch,
            r.eligible,
            flt(r.pool),
            flt(r.earmarked),
            flt(r.paid),
            r.capped,
            flt(r.largest),
            flt(r.percentiles[2]),
            flt(r.smallest)
        )?;
    }
    Ok(())
}

/// Per-behaviour totals and the summary figures; with `other`, both runs
/// and the difference per behaviour.
pub fn print_totals(report: &Report, other: Option<(&str, &Report)>, out: &mut impl Write) -> std::io::Result<()> {
    let per = |r: &Report, b: &Behaviour| r.totals.get(b).copied().unwrap_or(0);
    write!(out, "\n{:<12} {:>8} {:>18} {:>16}", "behaviour", "wallets", "total FLT", "FLT per wallet")?;
    if let Some((label, _)) = other {
        write!(out, " {:>18} {:>18} {:>9}", format!("{label} FLT"), "difference FLT", "change")?;
    }
    writeln!(out)?;
    let mut all: Vec<Behaviour> = report.wallets.keys().copied().collect();
    if let Some((_, o)) = other {
        all.extend(o.wallets.keys().copied().filter(|b| !report.wallets.contains_key(b)));
    }
    for b in &all {
        let n = report.wallets.get(b).copied().unwrap_or(0);
        let total = per(report, b);
        write!(out, "{:<12} {:>8} {:>18} {:>16}", b.name(), n, flt(total), flt(total / u128::from(n.max(1))))?;
        if let Some((_, o)) = other {
            let theirs = per(o, b);
            let (sign, diff) = if theirs >= total { ("+", theirs - total) } else { ("-", total - theirs) };
            let change = if total == 0 {
                "n/a".to_string()
            } else {
                let bp = (theirs as f64 / total as f64 - 1.0) * 100.0;
                format!("{bp:+.1} %")
            };
            write!(out, " {:>18} {:>18} {:>9}", flt(theirs), format!("{sign}{}", flt(diff)), change)?;
        }
        writeln!(out)?;
    }
    let s = summary(report);
    write!(
        out,
        "\nGini of payouts {:.3}   top-10 % share {}   honest share {}   reserve left {} FLT",
        s.gini_ppm as f64 / 1e6,
        pct(s.top10_ppm),
        pct(s.honest_ppm),
        flt(report.reserve)
    )?;
    writeln!(out)?;
    if let Some((label, o)) = other {
        let t = summary(o);
        writeln!(
            out,
            "{label}: Gini {:.3}   top-10 % share {}   honest share {}   reserve left {} FLT",
            t.gini_ppm as f64 / 1e6,
            pct(t.top10_ppm),
            pct(t.honest_ppm),
            flt(o.reserve)
        )?;
    }
    Ok(())
}
