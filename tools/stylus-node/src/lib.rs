//! A local Stylus node for development, the end-to-end tests and the bench:
//! iosiro's arbos-anvil (Foundry's anvil with nitro's Stylus VM), started on
//! a free loopback port, with what a fresh node lacks and a real Arbitrum
//! chain has: the StylusDeployer at its canonical address, and chain
//! owners (ArbWasmCache's `cacheProgram` needs one). See
//! `../shared/STYLUS-NOTES.md`, "A real Stylus runtime".

pub mod arbos;
pub mod binary;
pub mod dev;
pub mod node;

pub use node::{Node, Options};
