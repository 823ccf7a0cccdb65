//! The FLT reward rules as pure functions: no storage, no floats, no Stylus.
//! FLTRewards and the off-chain tools (simulator, what-if previews) run this
//! same code, so an off-chain preview is the on-chain result.
//!
//! Rounding (SPEC.md section 1): unsigned divisions round down, signed ones
//! truncate toward zero, and a formula written as one fraction is one
//! product and one division.
#![no_std]

pub mod allocation;
pub mod math;
pub mod params;
pub mod score;

/// SPEC.md section 2: 1,000,000,000 FLT of 18 decimals, all minted to the
/// reward reserve (FLTRewards). Declared once: FLToken mints it, FLTRewards
/// checks and books it at wiring, flt-deploy verifies it.
pub const TOTAL_SUPPLY: u128 = 1_000_000_000 * 1_000_000_000_000_000_000;

pub use allocation::{allocate, earmark, Allocation};
pub use params::{Param, ParamError, Params};
pub use score::{
    apply_contribution, eligible, ema_update, impact, impact_multiplier_bps, score, stake_multiplier_bps, Entry,
    Outcome, BPS,
};
