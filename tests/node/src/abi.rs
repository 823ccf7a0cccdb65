//! The three programs' bindings, generated from `abi/*.sol`, the interfaces
//! `abi/*.json` is compiled from (so every selector, event and error is the
//! one the published ABI declares). The ABI conformance test checks the
//! JSON files themselves, the way wallets read them.
#![allow(missing_docs, clippy::too_many_arguments)]

alloy_sol_types::sol!("../../abi/FLToken.sol");
alloy_sol_types::sol!("../../abi/FLTRewards.sol");
alloy_sol_types::sol!("../../abi/FLTGovernor.sol");

pub use IFLTGovernor as FLTGovernor;
pub use IFLTRewards as FLTRewards;
pub use IFLToken as FLToken;
