//! The simulator runs the contract's own rules and keeps the books (SPEC
//! v1.1); its outputs are complete; its refusals name the line.

use flt_scoring::Params;
use flt_sim::{
    charts,
    engine::{Ledger, SUPPLY},
    metrics::{gini_ppm, summary, top_share_ppm},
    run::{percentile, run, Options},
    sweep::{self, Axis, Metric},
    table, Behaviour, Scenario, FLT,
};

const DEFAULT: &str = include_str!("../scenarios/default.toml");
const BIGGER: &str = include_str!("../scenarios/bigger-pool.toml");
const AGREEMENT: &str = include_str!("../scenarios/agreement.toml");
const WEEK: u64 = 7 * 86_400;
const DAY: u64 = 86_400;

fn go(text: &str) -> flt_sim::Report {
    run(&Scenario::parse(text).unwrap(), Options::default(), |_| {}).unwrap()
}

#[test]
fn the_default_scenario_keeps_the_books() {
    let s = Scenario::parse(DEFAULT).unwrap();
    let mut weeks = 0;
    let r = run(&s, Options::default(), |w| weeks = w).unwrap();
    assert_eq!((weeks, r.rows.len()), (104, 104));
    let paid: u128 = r.rows.iter().map(|row| row.paid).sum();
    let claimed: u128 = r.balances.iter().sum();
    assert_eq!(claimed + r.reserve + r.earmarked, SUPPLY, "every wei is held, in the reserve or earmarked");
    assert_eq!(claimed, paid, "every wallet of the default network claims everything by the end");
    assert_eq!((r.earmarked, r.totals.values().sum::<u128>()), (0, paid));
    assert_eq!(r.per_wallet.iter().sum::<u128>(), paid);
    for row in &r.rows {
        assert!(row.paid <= row.earmarked && row.earmarked <= row.pool && row.pool == 1_000_000 * FLT);
        assert!(row.largest <= row.pool / 10, "the 10 % cap");
        assert_eq!(row.paid + row.returned, row.pool);
        assert!(row.smallest <= row.percentiles[0] && row.percentiles[4] <= row.largest);
    }
    // Honest work outearns free riding per wallet; stakers outearn honest
    // once staked; poisoners earn least.
    let per = |b: Behaviour| r.totals[&b] / u128::from(r.wallets[&b]);
    assert!(per(Behaviour::Staker) > per(Behaviour::Honest));
    assert!(per(Behaviour::Honest) > per(Behaviour::FreeRider));
    assert!(per(Behaviour::FreeRider) > per(Behaviour::Poisoner));
    let sum = summary(&r);
    assert!(sum.honest_ppm > 600_000 && sum.honest_ppm < 1_000_000, "{sum:?}");
    assert!(sum.gini_ppm > 0 && sum.top10_ppm > 100_000, "{sum:?}");
}

/// SPEC v1.1: with n * maxAmt < P only n caps are earmarked; with the whole
/// pool earmarked, the last claim returns the rounding dust (4 wei here).
#[test]
fn the_earmark_and_the_dust_follow_spec_v1_1() {
    let p = Params::default();
    let mut small = Ledger::new(p, 10_000 * FLT, 0, 3);
    for w in 0..3 {
        small.record(w, 800_000, 800_000, DAY).unwrap();
    }
    let closed = small.roll(WEEK).unwrap().unwrap();
    assert_eq!((closed.pool, closed.earmarked, closed.max_amount), (1_000_000 * FLT, 300_000 * FLT, 100_000 * FLT));
    assert_eq!(small.reserve, SUPPLY - 300_000 * FLT, "the cap excess never leaves the reserve");
    assert!(small.claim(0, WEEK + DAY - 1).unwrap().is_none(), "claims open after claimDelay");
    for w in 0..3 {
        let c = small.claim(w, WEEK + DAY).unwrap().unwrap();
        assert_eq!((c.epochs, c.payouts, c.returned), (vec![0], vec![100_000 * FLT], vec![0]));
    }
    assert_eq!((small.reserve, small.earmarked), (SUPPLY - 300_000 * FLT, 0));

    let mut twelve = Ledger::new(p, 10_000 * FLT, 0, 12);
    for w in 0..12 {
        twelve.record(w, 800_000, 800_000, DAY).unwrap();
    }
    let closed = twelve.roll(WEEK).unwrap().unwrap();
    assert_eq!(closed.earmarked, 1_000_000 * FLT, "12 caps exceed the pool: all of it is earmarked");
    // raw = 1,000 FLT floor + 988,000 FLT / 12, rounded down: 4 wei of dust.
    let raw = 1_000 * FLT + 988_000 * FLT / 12;
    let mut returned = Vec::new();
    for w in 0..12 {
        let c = twelve.claim(w, WEEK + DAY).unwrap().unwrap();
        assert_eq!(c.payouts, vec![raw]);
        returned.push(c.returned[0]);
    }
    assert_eq!(&returned[..11], &[0; 11]);
    assert_eq!(returned[11], 1_000_000 * FLT - 12 * raw);
    assert_eq!(returned[11], 4);
    assert_eq!((twelve.reserve, twelve.earmarked), (SUPPLY - 12 * raw, 0));
}

#[test]
fn the_agreement_scenario_exercises_caps_floors_and_small_epochs() {
    let s = Scenario::parse(AGREEMENT).unwrap();
    let r = run(&s, Options { trace: true, genesis: 1_767_225_600 }, |_| {}).unwrap();
    assert_eq!(r.per_wallet.len(), 20);
    assert_eq!(r.rows[0].eligible, 7);
    assert_eq!(r.rows[0].earmarked, 700_000 * FLT);
    assert!(r.rows.iter().all(|row| row.capped >= 1), "the whale is capped every week");
    assert!(r.earmarked > 0, "one wallet never claims");
    let stakes = r.steps.iter().filter(|s| matches!(s.action, flt_sim::run::Action::Stake { .. })).count();
    assert_eq!(stakes, 2);
}

#[test]
fn a_what_if_run_applies_the_proposed_parameters() {
    let base = go(DEFAULT);
    let what_if = go(BIGGER);
    assert_eq!(what_if.rows[0].pool, 2_000_000 * FLT);
    assert!(what_if.rows.iter().all(|row| row.largest <= row.pool / 20), "the 5 % cap");
    assert!(what_if.reserve < base.reserve);
}

#[test]
fn refusals_name_the_line() {
    let bad = DEFAULT.replace("seed = 7", "seed = 7\n[params]\nmaxShareBps = 50");
    let line = bad.lines().position(|l| l.starts_with("maxShareBps")).unwrap() + 1;
    let err = Scenario::parse(&bad).unwrap_err();
    assert_eq!(err.line, line);
    assert_eq!(err.message, "maxShareBps = 50: OutOfBounds: must be within 100..=10000");
    let unknown = DEFAULT.replace("seed = 7", "seed = 7\n[params]\nweeklyPools = 1");
    let err = Scenario::parse(&unknown).unwrap_err();
    assert!(err.message.starts_with("unknown parameter weeklyPools (known: weeklyPool, "), "{err}");
    let tier = DEFAULT.replace("tier = 3", "tier = 4");
    let err = Scenario::parse(&tier).unwrap_err();
    assert_eq!(err.line, tier.lines().position(|l| l == "tier = 4").unwrap() + 1);
    assert!(err.message.contains("tier = 4"), "{err}");
    let typo = DEFAULT.replace("contributions = 2", "contribution = 2");
    let err = Scenario::parse(&typo).unwrap_err();
    assert!(err.line > 0 && err.message.contains("contribution"), "{err}");
    let syntax = "weeks = 10\n[[group]]\nbehaviour = honest\n";
    assert_eq!(Scenario::parse(syntax).unwrap_err().line, 3);
    let behaviour = "weeks = 10\n[[group]]\nbehaviour = \"whale\"\ncount = 1\n";
    let err = Scenario::parse(behaviour).unwrap_err();
    assert_eq!(err.line, 3, "{err}");
    // The command line prefixes the file.
    let dir = std::env::temp_dir().join(format!("flt-sim-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.toml");
    std::fs::write(&path, &bad).unwrap();
    let err = flt_sim::cli::load(&path).unwrap_err().to_string();
    assert_eq!(err, format!("{}:{line}: maxShareBps = 50: OutOfBounds: must be within 100..=10000", path.display()));
}

#[test]
fn figures_are_the_textbook_ones() {
    assert_eq!(gini_ppm(&[5, 5, 5, 5].map(|x| x * FLT)), 0);
    assert_eq!(gini_ppm(&[0, 0, 0, 8 * FLT]), 750_000, "one of four takes all: (n-1)/n");
    assert_eq!(top_share_ppm(&[1, 1, 1, 1, 1, 1, 1, 1, 1, 91].map(|x| x * FLT), 10), 910_000);
    let v: Vec<u128> = (1..=100).collect();
    assert_eq!((percentile(&v, 10), percentile(&v, 50), percentile(&v, 90)), (10, 50, 90));
    assert_eq!(percentile(&[7], 90), 7);
}

#[test]
fn sweeps_cover_the_grid_and_refuse_bad_axes() {
    let s = Scenario { weeks: 8, ..Scenario::parse(DEFAULT).unwrap() };
    let x: Axis = "maxShareBps=500..1500:500".parse().unwrap();
    let y: Axis = "minShareBps=0..20:10".parse().unwrap();
    assert_eq!((x.values.clone(), y.values.clone()), (vec![500, 1000, 1500], vec![0, 10, 20]));
    let grid = sweep::sweep(&s, x.clone(), Some(y.clone()), Metric::Gini, 2, &|| {}).unwrap();
    assert_eq!((grid.cells.len(), grid.cells[0].len()), (3, 3));
    // Each cell is the metric of that point's own run.
    let point = s.with_param("maxShareBps", 1000).unwrap().with_param("minShareBps", 10).unwrap();
    assert_eq!(grid.cells[1][1], Metric::Gini.measure(&point).unwrap());
    let mut out = Vec::new();
    sweep::grid_csv(&grid, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 10);
    assert!(text.starts_with("maxShareBps,minShareBps,gini\n500,0,"));
    // minShareBps above maxShareBps is refused before anything runs.
    let bad: Axis = "minShareBps=0..2000:1000".parse().unwrap();
    let err = sweep::sweep(&s, "maxShareBps=100..200:100".parse().unwrap(), Some(bad), Metric::Gini, 2, &|| {});
    assert!(err.unwrap_err().to_string().contains("minShareBps = 1000: OutOfBounds"));
    assert!("maxShareBps=10..5:1".parse::<Axis>().is_err());
    assert!("maxShareBps".parse::<Axis>().is_err());
}

#[test]
fn splitting_work_across_wallets_pays_more_and_the_gain_is_measured() {
    let s = Scenario { weeks: 6, ..Scenario::parse(DEFAULT).unwrap() };
    let rows = sweep::sybil(&s, 20, &[1, 2, 10]).unwrap();
    assert_eq!(rows.iter().map(|r| r.wallets).collect::<Vec<_>>(), vec![1, 2, 10]);
    // Zero-impact work pays by count and floor: more wallets, more floors.
    assert!(rows[2].free_rider > rows[1].free_rider && rows[1].free_rider > rows[0].free_rider, "{rows:?}");
    let gain = Metric::SybilGain.measure(&s).unwrap();
    assert!(gain > 1.0, "20 sybil wallets earn more than one wallet doing their work: {gain}");
    assert!(sweep::sybil(&s, 20, &[3]).is_err(), "20 updates do not split across 3 wallets");
}

#[test]
fn csv_and_charts_cover_every_week() {
    let r = go(DEFAULT);
    let mut out = Vec::new();
    table::epochs_csv(&r, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 105);
    assert!(text.starts_with("epoch,eligible,pool,earmarked,paid,returned,capped,largest,p90,p75,median,p25,p10,smallest,reserve,paid_honest,paid_free_rider,paid_poisoner,paid_sybil,paid_staker\n"));
    let dir = std::env::temp_dir().join(format!("flt-sim-charts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let runs = [charts::Run { label: "default", report: &r }];
    let stem = dir.join("emission");
    charts::both(&stem, charts::SIZE, |a| charts::emission(a, &runs), |a| charts::emission(a, &runs)).unwrap();
    let svg = std::fs::read_to_string(stem.with_extension("svg")).unwrap();
    for label in [
        "FLT emitted per week and the reserve",
        "epoch (week)",
        "FLT paid in the week",
        "reserve (million FLT)",
        "default: paid (left)",
        "default: reserve (right)",
    ] {
        assert!(svg.contains(label), "{label} in the SVG");
    }
    let png = std::fs::read(stem.with_extension("png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // The title was drawn with the bundled font: dark pixels in the caption
    // band, none in the white margin above it.
    let img = image::load_from_memory(&png).unwrap().to_rgb8();
    assert_eq!(img.dimensions(), charts::SIZE);
    let dark = |y0: u32, y1: u32| {
        (y0..y1)
            .flat_map(|y| (0..700).map(move |x| (x, y)))
            .filter(|&(x, y)| img.get_pixel(x, y).0.iter().all(|c| *c < 100))
            .count()
    };
    assert_eq!(dark(0, 8), 0);
    assert!(dark(10, 40) > 200, "title text in the PNG: {} dark pixels", dark(10, 40));
}

fn cli(args: &[&str]) -> anyhow::Result<()> {
    let all = std::iter::once("flt-sim").chain(args.iter().copied()).map(String::from).collect();
    flt_sim::cli::execute(flt_sim::cli::parse(all)?)
}

#[test]
fn the_command_line_writes_every_output_and_helps() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let scenarios = root.join("scenarios");
    let (agreement, default) = (scenarios.join("agreement.toml"), scenarios.join("default.toml"));
    let out = std::env::temp_dir().join(format!("flt-sim-cli-{}", std::process::id()));
    let o = out.to_str().unwrap();
    cli(&["run", agreement.to_str().unwrap(), "--compare", default.to_str().unwrap(), "--out", o]).unwrap();
    for f in [
        "epochs.csv",
        "wallets.csv",
        "compare-epochs.csv",
        "emission.svg",
        "emission.png",
        "shares.svg",
        "shares.png",
        "distribution.svg",
        "distribution.png",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    assert_eq!(std::fs::read_to_string(out.join("epochs.csv")).unwrap().lines().count(), 7, "six epochs");
    assert_eq!(std::fs::read_to_string(out.join("wallets.csv")).unwrap().lines().count(), 21, "20 wallets");
    let shares = std::fs::read_to_string(out.join("shares.svg")).unwrap();
    assert!(shares.contains("honest (agreement)") && shares.contains("honest (default)"), "both runs in the legend");
    // The old form `flt-sim SCENARIO.toml` still means `run`.
    let legacy = flt_sim::cli::parse(vec!["flt-sim".into(), agreement.to_str().unwrap().into()]).unwrap();
    assert!(matches!(legacy.command, flt_sim::cli::Command::Run { .. }));
    let sweep_dir = out.join("sweep");
    let s = sweep_dir.to_str().unwrap();
    cli(&[
        "sweep",
        agreement.to_str().unwrap(),
        "--param",
        "maxShareBps=500..1500:500",
        "--metric",
        "honest-share",
        "--out",
        s,
    ])
    .unwrap();
    let table = std::fs::read_to_string(sweep_dir.join("sweep-honest_share.csv")).unwrap();
    assert_eq!(table.lines().next(), Some("maxShareBps,honest_share"));
    assert_eq!(table.lines().count(), 4);
    assert!(sweep_dir.join("sweep-honest_share.png").is_file());
    cli(&["sybil", agreement.to_str().unwrap(), "--work", "10", "--wallets", "1,2,5", "--out", s]).unwrap();
    assert_eq!(std::fs::read_to_string(sweep_dir.join("sybil.csv")).unwrap().lines().count(), 4);
    // Refusals name what is wrong.
    let err =
        cli(&["sweep", agreement.to_str().unwrap(), "--param", "maxShareBps=50..100:50", "--out", s]).unwrap_err();
    assert_eq!(err.to_string(), "--param maxShareBps = 50: OutOfBounds: must be within 100..=10000");
    let err = cli(&["run", "nowhere.toml"]).unwrap_err();
    assert!(err.to_string().starts_with("nowhere.toml"), "{err}");
    // --help of every subcommand has examples.
    for sub in [
        vec!["--help"],
        vec!["run", "--help"],
        vec!["sweep", "--help"],
        vec!["sybil", "--help"],
        vec!["history", "--help"],
    ] {
        let args = std::iter::once("flt-sim").chain(sub.iter().copied()).map(String::from).collect();
        let e = flt_sim::cli::parse(args).unwrap_err();
        assert_eq!(e.kind(), clap::error::ErrorKind::DisplayHelp);
        assert!(e.to_string().contains("Examples:\n  flt-sim "), "{sub:?}");
    }
}
