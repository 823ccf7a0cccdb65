//! The end-to-end fixture: a local Stylus node ([`flt_node`]) with the
//! four programs of `target/stylus/` deployed by flt-deploy's own code from
//! `deploy/networks/local.toml`, and a client that calls them the way
//! wallets do, with selectors and errors from `abi/*.json`.
//!
//! Under `CI=true` a missing node or artifact fails the test; elsewhere
//! too: nothing here is ever skipped.

pub mod abi;
pub mod client;
pub mod flows;
pub mod govern;
pub mod sign;
pub mod system;
pub mod validator;

pub use client::{Client, Receipt, Revert};
pub use system::System;

/// 1 FLT in wei.
pub const FLT: u128 = 1_000_000_000_000_000_000;
pub const DAY: u64 = 86_400;
pub const WEEK: u64 = 7 * DAY;
/// The node's genesis time in every test: 2026-01-01T00:00:00Z.
pub const GENESIS_TIME: u64 = 1_767_225_600;
