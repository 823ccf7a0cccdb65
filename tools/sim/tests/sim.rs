//! The simulator runs the contract's own rules and keeps the books.

use flt_sim::{csv, run, svg, Behaviour, Scenario, FLT};

const DEFAULT: &str = include_str!("../scenarios/default.toml");
const BIGGER: &str = include_str!("../scenarios/bigger-pool.toml");

#[test]
fn the_default_scenario_keeps_the_books() {
    let s = Scenario::parse(DEFAULT).unwrap();
    let mut weeks = 0;
    let r = run(&s, |w| weeks = w).unwrap();
    assert_eq!((weeks, r.rows.len()), (104, 104));
    let paid: u128 = r.rows.iter().map(|row| row.paid).sum();
    assert_eq!(paid + r.reserve, 1_000_000_000 * FLT, "every wei is paid or in the reserve");
    assert_eq!(r.totals.values().sum::<u128>(), paid);
    for row in &r.rows {
        assert!(row.paid <= row.pool && row.pool <= 1_000_000 * FLT);
        assert!(row.largest <= row.pool / 10, "the 10 % cap");
        assert_eq!(row.paid + row.returned, row.pool);
    }
    // Honest work outearns free riding per wallet; stakers (1.5x) outearn honest.
    let per = |b: Behaviour| r.totals[&b] / u128::from(r.wallets[&b]);
    assert!(per(Behaviour::Staker) > per(Behaviour::Honest));
    assert!(per(Behaviour::Honest) > per(Behaviour::FreeRider));
    assert!(per(Behaviour::FreeRider) > per(Behaviour::Poisoner));
}

#[test]
fn a_what_if_run_applies_the_proposed_parameters() {
    let base = run(&Scenario::parse(DEFAULT).unwrap(), |_| {}).unwrap();
    let what_if = run(&Scenario::parse(BIGGER).unwrap(), |_| {}).unwrap();
    assert_eq!(what_if.rows[0].pool, 2_000_000 * FLT);
    assert!(what_if.rows.iter().all(|row| row.largest <= row.pool / 20), "the 5 % cap");
    assert!(what_if.reserve < base.reserve);
}

#[test]
fn out_of_bounds_or_unknown_parameters_are_refused() {
    let bad = DEFAULT.replace("seed = 7", "seed = 7\n[params]\nmaxShareBps = 50");
    let err = Scenario::parse(&bad).unwrap().params().unwrap_err();
    assert!(err.contains("maxShareBps = 50") && err.contains("OutOfBounds"), "{err}");
    let unknown = DEFAULT.replace("seed = 7", "seed = 7\n[params]\nweeklyPools = 1");
    assert_eq!(Scenario::parse(&unknown).unwrap().params().unwrap_err(), "unknown parameter weeklyPools");
}

#[test]
fn csv_and_svg_cover_every_week() {
    let r = run(&Scenario::parse(DEFAULT).unwrap(), |_| {}).unwrap();
    let table = csv(&r);
    assert_eq!(table.lines().count(), 105);
    assert!(table.starts_with("epoch,eligible,pool,paid,returned,largest,smallest,paid_honest"));
    let chart = svg(&r);
    assert_eq!(chart.matches("<polyline").count(), 6, "emission and five behaviours");
    assert!(chart.ends_with("</svg>\n"));
}
