//! Deployment of the four FLT programs from a per-network config: checks,
//! deploys with the constructors, wires, caches, re-activates and reads
//! back. See deploy/README.md.

pub mod abi;
pub mod artifacts;
pub mod chain;
pub mod code;
pub mod config;
pub mod deploy;
pub mod record;
pub mod stylus;
pub mod verify;
