//! A network of FLT contributors, week by week, through the very scoring,
//! allocation and reserve rules FLTRewards runs (`flt-scoring`, SPEC.md
//! v1.1): a what-if run of a parameter change previews, to the wei, what
//! the contracts would pay (tests/node/tests/sim_agreement.rs compares a
//! run with the deployed contracts on the local Stylus node).
//!
//! - [`scenario`]: TOML scenarios, refusals that name the line;
//! - [`engine`]: the contract's books (epochs, earmark, claims, stakes);
//! - [`run`]: a scenario as the chain would see it (every transaction);
//! - [`metrics`], [`charts`], [`table`]: Gini, top-10 % and honest share;
//!   plotters charts (SVG and PNG); CSV;
//! - [`sweep`]: parameter grids and the sybil analysis;
//! - [`history`]: a chain's recorded contributions replayed with current or
//!   proposed parameters;
//! - [`cli`]: the `flt-sim` command line.

pub mod charts;
pub mod cli;
pub mod engine;
pub mod history;
pub mod metrics;
pub mod run;
pub mod scenario;
pub mod sweep;
pub mod table;

pub use engine::{Ledger, SUPPLY};
pub use run::{run, EpochRow, Options, Report};
pub use scenario::{Behaviour, Scenario, ScenarioError};

/// 1 FLT in wei.
pub const FLT: u128 = 1_000_000_000_000_000_000;

/// `wei` as FLT with two decimals (rounded down).
pub fn flt(wei: u128) -> String {
    let whole = wei / FLT;
    let frac = (wei % FLT) / (FLT / 100);
    format!("{whole}.{frac:02}")
}

/// `wei` as FLT, for charts.
pub fn flt_f64(wei: u128) -> f64 {
    (wei / (FLT / 1_000_000)) as f64 / 1e6
}
