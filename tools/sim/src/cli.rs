//! The `flt-sim` command line (clap): `run`, `sweep`, `sybil`, `history`
//! and `docs`. Exit codes: 0 done, 1 refused or failed (the message names
//! the file and line, the parameter or the RPC call), 2 usage.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
    time::Instant,
};

use anyhow::{anyhow, bail, Context, Result};
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use crate::{
    charts::{self, Run},
    history,
    metrics::{pct, summary},
    run::{run, Options, Report},
    scenario::{parse_override, Scenario},
    sweep::{self, Axis, Metric},
    table,
};

const DEFAULT_SCENARIO: &str = "tools/sim/scenarios/default.toml";

#[derive(Parser, Debug)]
#[command(
    name = "flt-sim",
    version,
    about = "FLT network simulator: FLTRewards' own scoring, allocation and reserve rules (SPEC v1.1) over a synthetic network or a chain's recorded history",
    after_help = "Examples:
  flt-sim run                                             # the default network, 104 weeks
  flt-sim run tools/sim/scenarios/default.toml --compare tools/sim/scenarios/bigger-pool.toml --out target/what-if
  flt-sim sweep --param maxShareBps=100..2000:100 --param minShareBps=0..50:10 --metric gini
  flt-sim sybil --work 100 --wallets 1,2,5,10,20,50
  flt-sim history --rpc http://127.0.0.1:8547 --deployment deploy/deployments/local.json --params maxShareBps=500
  flt-sim docs                                            # the README's charts and figures (tools/sim/docs)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run a scenario: per-epoch table, totals per behaviour, Gini, top-10 % and honest share; CSV and charts.
    #[command(after_help = "Examples:
  flt-sim run
  flt-sim run tools/sim/scenarios/large.toml --no-charts
  flt-sim run tools/sim/scenarios/default.toml --compare tools/sim/scenarios/bigger-pool.toml --out target/what-if

Writes OUT/epochs.csv (one row per epoch, amounts in wei), OUT/wallets.csv and
OUT/{emission,shares,distribution}.{svg,png}; with --compare also
OUT/compare-epochs.csv, both runs on the same charts, and the difference per behaviour.")]
    Run {
        /// Scenario file (TOML).
        #[arg(default_value = DEFAULT_SCENARIO)]
        scenario: PathBuf,
        /// A second scenario (e.g. the same network with a proposal's parameters).
        #[arg(long)]
        compare: Option<PathBuf>,
        /// Output directory.
        #[arg(long, default_value = "target/sim")]
        out: PathBuf,
        /// Parameter overrides on top of the scenario's, NAME=VALUE (SPEC.md names).
        #[arg(long = "set", value_name = "NAME=VALUE")]
        set: Vec<String>,
        /// CSV only.
        #[arg(long)]
        no_charts: bool,
    },
    /// Sweep one or two parameters over a grid: a metric per point, as CSV and a heatmap.
    #[command(after_help = "Examples:
  flt-sim sweep --param maxShareBps=100..2000:100 --param minShareBps=0..50:10 --metric gini
  flt-sim sweep --param weeklyPool=500000000000000000000000..2000000000000000000000000:500000000000000000000000 --metric honest-share
  flt-sim sweep --param minShareBps=0..100:10 --metric sybil-gain

Writes OUT/sweep-<metric>.csv and OUT/sweep-<metric>.{svg,png}.")]
    Sweep {
        #[arg(default_value = DEFAULT_SCENARIO)]
        scenario: PathBuf,
        /// NAME=FROM..TO:STEP (inclusive); once or twice.
        #[arg(long = "param", required = true, num_args = 1, value_name = "NAME=FROM..TO:STEP")]
        params: Vec<Axis>,
        #[arg(long, value_enum, default_value = "gini")]
        metric: Metric,
        #[arg(long, default_value = "target/sim")]
        out: PathBuf,
        /// Worker threads (default: the machine's cores).
        #[arg(long)]
        threads: Option<usize>,
        /// Weeks per run (default: the scenario's).
        #[arg(long)]
        weeks: Option<u32>,
    },
    /// What one contributor's weekly work pays split across 1, 2, 5, ... wallets, beside the scenario's network.
    #[command(after_help = "Examples:
  flt-sim sybil
  flt-sim sybil --work 100 --wallets 1,2,5,10,20,50 --weeks 52

Writes OUT/sybil.csv and OUT/sybil.{svg,png}; prints the table (Markdown).")]
    Sybil {
        #[arg(default_value = DEFAULT_SCENARIO)]
        scenario: PathBuf,
        /// The operator's updates per week.
        #[arg(long, default_value_t = 100)]
        work: u32,
        #[arg(long, value_delimiter = ',', default_value = "1,2,5,10,20,50")]
        wallets: Vec<u32>,
        #[arg(long)]
        weeks: Option<u32>,
        #[arg(long, default_value = "target/sim")]
        out: PathBuf,
    },
    /// Replay a chain's recorded contributions (ContributionRecorded events) with its current parameters and with proposed ones.
    #[command(after_help = "Examples:
  flt-sim history --rpc http://127.0.0.1:8547 --deployment deploy/deployments/local.json
  flt-sim history --rpc $RPC --deployment deploy/deployments/arbitrum-sepolia.json --params maxShareBps=500,minShareBps=0

Writes OUT/history.csv: epoch, contributor, score and payout under the current
and the proposed parameters. The replay with the current parameters must equal
what the chain pays; it says so, or how many events it could not reproduce.")]
    History {
        /// JSON-RPC endpoint.
        #[arg(long)]
        rpc: String,
        /// A deployment record written by flt-deploy (deploy/deployments/<network>.json).
        #[arg(long)]
        deployment: PathBuf,
        /// Proposed parameters, NAME=VALUE[,NAME=VALUE...] (SPEC.md names, ids 0-11).
        #[arg(long, value_delimiter = ',', value_name = "NAME=VALUE")]
        params: Vec<String>,
        /// Blocks per eth_getLogs page.
        #[arg(long, default_value_t = 10_000)]
        page: u64,
        #[arg(long, default_value = "target/sim")]
        out: PathBuf,
    },
    /// Regenerate the README's charts and figures into tools/sim/docs.
    Docs {
        #[arg(long, default_value = "tools/sim/docs")]
        out: PathBuf,
    },
}

/// Parses `args` (the first is the program name). A scenario path as the
/// first argument means `run` (the old `flt-sim SCENARIO.toml` form).
pub fn parse(args: Vec<String>) -> Result<Cli, clap::Error> {
    let mut args = args;
    if args.get(1).is_some_and(|a| a.ends_with(".toml")) {
        args.insert(1, "run".into());
    }
    Cli::try_parse_from(args)
}

pub fn load(path: &Path) -> Result<Scenario> {
    let text = fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    Scenario::parse(&text).map_err(|e| anyhow!("{}:{}: {}", path.display(), e.line, e.message))
}

fn overrides(mut s: Scenario, list: &[String], what: &str) -> Result<Scenario> {
    for o in list {
        let (name, value) = parse_override(o).map_err(|e| anyhow!("{what} {e}"))?;
        s = s.with_param(&name, value).map_err(|e| anyhow!("{what} {e}"))?;
    }
    Ok(s)
}

fn bar(len: u64, label: &str) -> ProgressBar {
    let pb = ProgressBar::new(len);
    pb.set_style(
        ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    pb.set_prefix(label.to_string());
    pb
}

fn simulate(label: &str, s: &Scenario) -> Result<Report> {
    let pb = bar(u64::from(s.weeks), label);
    pb.set_message("weeks");
    let r = run(s, Options::default(), |_| pb.inc(1)).map_err(|e| anyhow!("{label}: {e}"))?;
    pb.finish_and_clear();
    Ok(r)
}

fn create(dir: &Path, name: &str) -> Result<fs::File> {
    fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
    let path = dir.join(name);
    fs::File::create(&path).with_context(|| format!("{}", path.display()))
}

fn draw_runs(out: &Path, runs: &[Run]) -> Result<()> {
    fs::create_dir_all(out).with_context(|| format!("{}", out.display()))?;
    charts::both(&out.join("emission"), charts::SIZE, |a| charts::emission(a, runs), |a| charts::emission(a, runs))?;
    charts::both(&out.join("shares"), charts::SIZE, |a| charts::shares(a, runs), |a| charts::shares(a, runs))?;
    charts::both(
        &out.join("distribution"),
        charts::SIZE,
        |a| charts::distribution(a, runs),
        |a| charts::distribution(a, runs),
    )
}

pub fn execute(cli: Cli) -> Result<()> {
    let stdout = &mut std::io::stdout().lock();
    match cli.command {
        Command::Run { scenario, compare, out, set, no_charts } => {
            let s = overrides(load(&scenario)?, &set, "--set")?;
            let started = Instant::now();
            let report = simulate("scenario", &s)?;
            let elapsed = started.elapsed();
            table::print_epochs(&report, stdout)?;
            let other = match &compare {
                Some(path) => Some(simulate("compare", &overrides(load(path)?, &set, "--set")?)?),
                None => None,
            };
            let label = compare.as_ref().map(|p| p.file_stem().unwrap_or_default().to_string_lossy().to_string());
            table::print_totals(&report, other.as_ref().map(|o| (label.as_deref().unwrap_or("compare"), o)), stdout)?;
            table::epochs_csv(&report, create(&out, "epochs.csv")?)?;
            table::wallets_csv(&report, create(&out, "wallets.csv")?)?;
            if let Some(o) = &other {
                table::epochs_csv(o, create(&out, "compare-epochs.csv")?)?;
            }
            if !no_charts {
                let base = scenario.file_stem().unwrap_or_default().to_string_lossy().to_string();
                let mut runs = vec![Run { label: &base, report: &report }];
                if let (Some(o), Some(l)) = (&other, &label) {
                    runs.push(Run { label: l, report: o });
                }
                draw_runs(&out, &runs)?;
            }
            writeln!(
                stdout,
                "{} wallets x {} weeks simulated in {:.3} s; wrote {} (epochs.csv, wallets.csv{})",
                report.per_wallet.len(),
                s.weeks,
                elapsed.as_secs_f64(),
                out.display(),
                if no_charts { "" } else { ", emission/shares/distribution .svg and .png" }
            )?;
        }
        Command::Sweep { scenario, params, metric, out, threads, weeks } => {
            let mut s = load(&scenario)?;
            if let Some(w) = weeks {
                s.weeks = w.max(1);
            }
            let mut axes = params.into_iter();
            let x = axes.next().ok_or_else(|| anyhow!("--param is required"))?;
            let y = axes.next();
            if axes.next().is_some() {
                bail!("--param: at most two parameters");
            }
            let points = x.values.len() * y.as_ref().map_or(1, |a| a.values.len());
            let pb = bar(points as u64, "sweep");
            pb.set_message("points");
            let threads = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
            let started = Instant::now();
            let grid = sweep::sweep(&s, x, y, metric, threads, &|| pb.inc(1))?;
            pb.finish_and_clear();
            let elapsed = started.elapsed();
            let stem = format!("sweep-{}", metric.name());
            sweep::grid_csv(&grid, create(&out, &format!("{stem}.csv"))?)?;
            charts::both(&out.join(&stem), charts::SIZE, |a| charts::heatmap(a, &grid), |a| charts::heatmap(a, &grid))?;
            let (mut lo, mut hi) = ((0, 0, f64::MAX), (0, 0, f64::MIN));
            for (yi, row) in grid.cells.iter().enumerate() {
                for (xi, v) in row.iter().enumerate() {
                    if *v < lo.2 {
                        lo = (xi, yi, *v);
                    }
                    if *v > hi.2 {
                        hi = (xi, yi, *v);
                    }
                }
            }
            let at = |(xi, yi, _): (usize, usize, f64)| {
                let mut t = format!("{}={}", grid.x.name, grid.x.values[xi]);
                if !grid.y.name.is_empty() {
                    t.push_str(&format!(", {}={}", grid.y.name, grid.y.values[yi]));
                }
                t
            };
            writeln!(
                stdout,
                "{points} points ({} weeks each) in {:.2} s on {threads} threads\nlowest {} {} at {}\nhighest {} {} at {}\nwrote {}/{stem}.csv and {stem}.svg/.png",
                s.weeks,
                elapsed.as_secs_f64(),
                metric.title(),
                metric.format(lo.2),
                at(lo),
                metric.title(),
                metric.format(hi.2),
                at(hi),
                out.display()
            )?;
        }
        Command::Sybil { scenario, work, wallets, weeks, out } => {
            let mut s = load(&scenario)?;
            if let Some(w) = weeks {
                s.weeks = w.max(1);
            }
            let rows = sweep::sybil(&s, work, &wallets)?;
            writeln!(
                stdout,
                "One operator making {work} updates a week for {} weeks beside {} ({} other wallets):\n",
                s.weeks,
                scenario.display(),
                s.groups.iter().filter(|g| g.behaviour != crate::Behaviour::Sybil).map(|g| g.count).sum::<u32>()
            )?;
            write!(stdout, "{}", sweep::sybil_table(&rows))?;
            sweep::sybil_csv(&rows, create(&out, "sybil.csv")?)?;
            charts::both(&out.join("sybil"), charts::SIZE, |a| charts::sybil(a, &rows), |a| charts::sybil(a, &rows))?;
            writeln!(stdout, "wrote {0}/sybil.csv and {0}/sybil.svg/.png", out.display())?;
        }
        Command::History { rpc, deployment, params, page, out } => {
            history_command(&rpc, &deployment, &params, page, &out, stdout)?
        }
        Command::Docs { out } => docs(&out, stdout)?,
    }
    Ok(())
}

fn history_command(
    rpc: &str,
    deployment: &Path,
    params: &[String],
    page: u64,
    out: &Path,
    stdout: &mut impl Write,
) -> Result<()> {
    let (rewards, first) = history::deployment(deployment)?;
    let chain = history::Chain::connect(rpc)?;
    let current = chain.params(rewards).with_context(|| format!("{rpc}: FLTRewards at {rewards}"))?;
    let mut proposed = Scenario { weeks: 1, seed: 0, groups: vec![], params: current, stake_min: 0 };
    for o in params {
        let (name, value) = parse_override(o).map_err(|e| anyhow!("--params {e}"))?;
        if name == "stakeMin" {
            bail!("--params stakeMin: the replay keeps the recorded stake multipliers (ids 0-11 only)");
        }
        proposed = proposed.with_param(&name, value).map_err(|e| anyhow!("--params {e}"))?;
    }
    let pb = bar(0, "eth_getLogs");
    pb.set_message("blocks");
    let events = chain.contributions(rewards, first, page, |done, total| {
        pb.set_length(total);
        pb.set_position(done);
    })?;
    pb.finish_and_clear();
    let prepared = history::prepare(&events, &current);
    let now = history::replay(&events, &prepared, current, 0)?;
    let what_if = history::replay(&events, &prepared, proposed.params, 0)?;
    history::csv(&prepared, &now, &what_if, create(out, "history.csv")?)?;
    writeln!(
        stdout,
        "{} contributions by {} contributors in {} epochs (FLTRewards {rewards}, blocks {first}..)",
        events.len(),
        prepared.contributors.len(),
        now.closes.len()
    )?;
    if prepared.unexplained == 0 {
        writeln!(stdout, "replay with the current parameters reproduces every recorded score")?;
    } else {
        writeln!(
            stdout,
            "warning: {} recorded scores differ from the replay (a parameter change executed during this history?)",
            prepared.unexplained
        )?;
    }
    writeln!(
        stdout,
        "\n{:>5} {:>8} {:>16} {:>16} {:>16}",
        "epoch", "eligible", "paid now FLT", "proposed FLT", "difference"
    )?;
    for c in &now.closes {
        let p = what_if.closes.iter().find(|x| x.epoch == c.epoch);
        let a: u128 = c.payouts.iter().map(|x| x.payout).sum();
        let b: u128 = p.map_or(0, |p| p.payouts.iter().map(|x| x.payout).sum());
        let diff = if b >= a { format!("+{}", crate::flt(b - a)) } else { format!("-{}", crate::flt(a - b)) };
        writeln!(stdout, "{:>5} {:>8} {:>16} {:>16} {:>16}", c.epoch, c.eligible, crate::flt(a), crate::flt(b), diff)?;
    }
    let n = prepared.contributors.len();
    let (x, y) = (now.per_contributor(n), what_if.per_contributor(n));
    writeln!(
        stdout,
        "\nGini {:.3} -> {:.3}   top-10 % share {} -> {}\nwrote {}/history.csv",
        crate::metrics::gini_ppm(&x) as f64 / 1e6,
        crate::metrics::gini_ppm(&y) as f64 / 1e6,
        pct(if n == 0 { 0 } else { crate::metrics::top_share_ppm(&x, 10) }),
        pct(if n == 0 { 0 } else { crate::metrics::top_share_ppm(&y, 10) }),
        out.display()
    )?;
    Ok(())
}

/// The README's images and figures.
fn docs(out: &Path, stdout: &mut impl Write) -> Result<()> {
    let base = load(Path::new(DEFAULT_SCENARIO))?;
    let bigger = load(Path::new("tools/sim/scenarios/bigger-pool.toml"))?;
    let floor = load(Path::new("tools/sim/scenarios/higher-floor.toml"))?;
    let (a, b) = (simulate("default", &base)?, simulate("bigger-pool", &bigger)?);
    let c = simulate("higher-floor", &floor)?;
    draw_runs(out, &[Run { label: "default", report: &a }])?;
    let compare = out.join("compare");
    fs::create_dir_all(&compare)?;
    let pool = [Run { label: "default", report: &a }, Run { label: "bigger-pool", report: &b }];
    charts::both(
        &compare.join("emission"),
        charts::SIZE,
        |x| charts::emission(x, &pool),
        |x| charts::emission(x, &pool),
    )?;
    let floors = [Run { label: "default", report: &a }, Run { label: "higher-floor", report: &c }];
    charts::both(
        &compare.join("shares"),
        charts::SIZE,
        |x| charts::shares(x, &floors),
        |x| charts::shares(x, &floors),
    )?;
    charts::both(
        &compare.join("distribution"),
        charts::SIZE,
        |x| charts::distribution(x, &floors),
        |x| charts::distribution(x, &floors),
    )?;
    let grid = sweep::sweep(
        &base,
        "maxShareBps=100..2000:100".parse().map_err(|e: String| anyhow!(e))?,
        Some("minShareBps=0..50:10".parse().map_err(|e: String| anyhow!(e))?),
        Metric::Gini,
        std::thread::available_parallelism().map_or(2, |n| n.get()),
        &|| {},
    )?;
    charts::both(&out.join("sweep-gini"), charts::SIZE, |x| charts::heatmap(x, &grid), |x| charts::heatmap(x, &grid))?;
    let rows = sweep::sybil(&base, 100, &[1, 2, 5, 10, 20, 50])?;
    charts::both(&out.join("sybil"), charts::SIZE, |x| charts::sybil(x, &rows), |x| charts::sybil(x, &rows))?;
    let s = summary(&a);
    writeln!(
        stdout,
        "default: Gini {:.3}, top-10 % share {}, honest share {}\n\n{}\nwrote {}",
        s.gini_ppm as f64 / 1e6,
        pct(s.top10_ppm),
        pct(s.honest_ppm),
        sweep::sybil_table(&rows),
        out.display()
    )?;
    Ok(())
}
