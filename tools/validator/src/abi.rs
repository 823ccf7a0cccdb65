//! FLTRewards' interface, generated from `abi/FLTRewards.sol` (build.rs).
#![allow(missing_docs, clippy::too_many_arguments)]

include!(concat!(env!("OUT_DIR"), "/abi.rs"));

pub use IFLTRewards as FLTRewards;
