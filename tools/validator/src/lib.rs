//! `flt-validator`: turns a federated-learning round's evaluations (JSON
//! lines) into recorded contributions on FLTRewards. See README.md.

pub mod abi;
pub mod cli;
pub mod input;
pub mod journal;
pub mod rpc;
pub mod run;
