//! Fixtures shared by FLToken's tests.
#![allow(dead_code)]

use alloy_primitives::{uint, Address, U256};
use fl_token::FLToken;
use motsu::prelude::*;

/// 1 FLT in wei.
pub const FLT: U256 = uint!(1_000_000_000_000_000_000_U256);

/// Deploys the token with `reserve` as the reserve holder and hands
/// `amount` to each of `holders` from the reserve.
pub fn deploy(token: &Contract<FLToken>, deployer: Address, reserve: Address, holders: &[(Address, U256)]) {
    token.sender(deployer).constructor(reserve).motsu_unwrap();
    for (holder, amount) in holders {
        assert!(token.sender(reserve).transfer(*holder, *amount).motsu_unwrap());
    }
}

/// Balances of `holders`, for "nothing changed" assertions.
pub fn balances(token: &Contract<FLToken>, holders: &[Address]) -> Vec<U256> {
    holders.iter().map(|h| token.sender(*h).balance_of(*h)).collect()
}
