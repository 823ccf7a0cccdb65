//! The four programs' bindings, generated from `abi/*.sol`, the interfaces
//! `abi/*.json` is compiled from (so every selector, event and error is the
//! one the published ABI declares; `build.rs` wraps them in `sol!`). The ABI
//! conformance test checks the JSON files themselves, the way wallets read
//! them.
#![allow(missing_docs, clippy::too_many_arguments)]

include!(concat!(env!("OUT_DIR"), "/abi.rs"));

pub use IFLTCouncil as FLTCouncil;
pub use IFLTGovernor as FLTGovernor;
pub use IFLTRewards as FLTRewards;
pub use IFLToken as FLToken;
