//! `flt-sim [SCENARIO.toml] [--out DIR] [--compare OTHER.toml]`: runs the
//! scenario (default: tools/sim/scenarios/default.toml), prints the
//! per-epoch table and per-behaviour totals, writes `DIR/sim.csv` and
//! `DIR/sim.svg` (default DIR: target/sim). `--compare` runs a second
//! scenario (e.g. the same network with a proposed parameter change) and
//! prints both side by side.

use std::{fs, io::Write, path::PathBuf, process::ExitCode};

use flt_sim::{csv, flt, run, svg, Report, Scenario};

fn load(path: &str) -> Result<Scenario, String> {
    Scenario::parse(&fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?)
}

fn simulate(label: &str, scenario: &Scenario) -> Result<Report, String> {
    let weeks = scenario.weeks.max(1);
    let mut shown = 0;
    let report = run(scenario, |week| {
        let pct = week * 100 / weeks;
        if pct >= shown + 10 || week == weeks {
            shown = pct;
            let bar = "#".repeat((pct / 5) as usize);
            eprint!("\r{label:>10} [{bar:<20}] {pct:>3}% week {week}/{weeks}");
            let _ = std::io::stderr().flush();
        }
    })?;
    eprintln!();
    Ok(report)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut scenario_path = "tools/sim/scenarios/default.toml".to_string();
    let (mut out, mut compare) = (PathBuf::from("target/sim"), None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => out = it.next().map(PathBuf::from).unwrap_or(out),
            "--compare" => compare = it.next().cloned(),
            other => scenario_path = other.to_string(),
        }
    }
    let result = (|| -> Result<(), String> {
        let scenario = load(&scenario_path)?;
        let report = simulate("scenario", &scenario)?;
        println!(
            "{:>5} {:>8} {:>14} {:>14} {:>14} {:>12} {:>10}",
            "epoch", "eligible", "pool FLT", "paid FLT", "returned FLT", "largest", "smallest"
        );
        let step = (report.rows.len() / 26).max(1);
        for r in report.rows.iter().step_by(step) {
            println!(
                "{:>5} {:>8} {:>14} {:>14} {:>14} {:>12} {:>10}",
                r.epoch,
                r.eligible,
                flt(r.pool),
                flt(r.paid),
                flt(r.returned),
                flt(r.largest),
                flt(r.smallest)
            );
        }
        let other = match &compare {
            Some(path) => Some(simulate("compare", &load(path)?)?),
            None => None,
        };
        println!(
            "\n{:<12} {:>8} {:>20}{}",
            "behaviour",
            "wallets",
            "total FLT",
            if other.is_some() { "   compared run FLT" } else { "" }
        );
        for (b, total) in &report.totals {
            let cmp = other
                .as_ref()
                .map_or(String::new(), |o| format!(" {:>20}", flt(o.totals.get(b).copied().unwrap_or(0))));
            println!("{:<12} {:>8} {:>20}{cmp}", format!("{b:?}"), report.wallets[b], flt(*total));
        }
        println!("reserve left: {} FLT", flt(report.reserve));
        fs::create_dir_all(&out).map_err(|e| e.to_string())?;
        fs::write(out.join("sim.csv"), csv(&report)).map_err(|e| e.to_string())?;
        fs::write(out.join("sim.svg"), svg(&report)).map_err(|e| e.to_string())?;
        println!("wrote {0}/sim.csv and {0}/sim.svg", out.display());
        Ok(())
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("flt-sim: {e}");
            ExitCode::FAILURE
        }
    }
}
