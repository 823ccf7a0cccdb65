//! The functions the fallback answers, declared here once (the call types
//! give their selectors, and `abi/` lists them from this text), and their
//! arguments read in place by `flt_sol::calldata`: the canonical encoding
//! only, which is exactly what the SDK's router accepted (alloy's
//! validating decoder). Hand-read because alloy's generic array decoders
//! and the router's four arms were 643 B of FLTRewards' program (brotli-11),
//! and its re-encoding check cost every claim and every batch item gas.
#![allow(missing_docs)]

use alloc::vec::Vec;

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolCall;
use flt_sol::calldata::{address_of, head_and_array, uint_of};
use stylus_sdk::prelude::*;

flt_sol::declare! {
    /// One validated contribution, as `recordContributions` takes it.
    #[derive(Debug)]
    struct Contribution {
        address contributor;
        bytes32 contributionId;
        uint32 previousAccuracy;
        uint32 newAccuracy;
    }
    function recordContribution(address contributor, bytes32 contributionId, uint32 previousAccuracy, uint32 newAccuracy) external;
    function recordContributions(Contribution[] memory contributions) external;
    function claim(uint64[] memory epochs) external returns (uint256);
    function claimFor(address contributor, uint64[] memory epochs) external returns (uint256);
}

/// `claim(uint64[] epochs)`'s arguments.
pub fn claim_args(args: &[u8]) -> Option<Vec<u64>> {
    epochs(head_and_array(args, 1, 1)?.1)
}

/// `claimFor(address contributor, uint64[] epochs)`'s arguments.
pub fn claim_for_args(args: &[u8]) -> Option<(Address, Vec<u64>)> {
    let (head, body) = head_and_array(args, 2, 1)?;
    Some((address_of(head)?, epochs(body)?))
}

fn epochs(body: &[u8]) -> Option<Vec<u64>> {
    let mut out = Vec::with_capacity(body.len() / 32);
    for w in body.chunks_exact(32) {
        out.push(uint_of(w, 8)?);
    }
    Some(out)
}

/// `recordContribution(address, bytes32, uint32, uint32)`'s arguments:
/// one item, laid out as in the batch.
pub fn contribution_args(args: &[u8]) -> Option<Vec<Contribution>> {
    if args.len() != 4 * 32 {
        return None;
    }
    items(args)
}

/// `recordContributions(Contribution[] contributions)`'s arguments.
pub fn contributions_args(args: &[u8]) -> Option<Vec<Contribution>> {
    items(head_and_array(args, 1, 4)?.1)
}

/// Four-word items: address, bytes32, uint32, uint32.
fn items(body: &[u8]) -> Option<Vec<Contribution>> {
    let mut out = Vec::with_capacity(body.len() / 128);
    for w in body.chunks_exact(128) {
        let (contributor, rest) = w.split_at(32);
        let (id, accuracies) = rest.split_at(32);
        let (previous, new) = accuracies.split_at(32);
        out.push(Contribution {
            contributor: address_of(contributor)?,
            contributionId: B256::from_slice(id),
            previousAccuracy: uint_of(previous, 4)? as u32,
            newAccuracy: uint_of(new, 4)? as u32,
        });
    }
    Some(out)
}

/// The answer to `input` (the whole calldata) if it calls one of these
/// functions; an empty revert otherwise, as for any unknown selector, value
/// sent to a non-payable function or undecodable arguments (what the SDK's
/// router does). A function's own refusals are its named errors.
pub fn route(rewards: &mut crate::FLTRewards, input: &[u8], value_sent: bool) -> Result<Vec<u8>, Vec<u8>> {
    let (Some(selector), Some(args)) = (input.get(..4), input.get(4..)) else {
        return Err(Vec::new());
    };
    if value_sent {
        return Err(Vec::new());
    }
    let selector: [u8; 4] = selector.try_into().map_err(|_| Vec::new())?;
    let paid = match selector {
        recordContributionCall::SELECTOR | recordContributionsCall::SELECTOR => {
            let items = if selector == recordContributionCall::SELECTOR {
                contribution_args(args)
            } else {
                contributions_args(args)
            };
            let items = items.ok_or_else(Vec::new)?;
            return rewards._record(&items).map(|()| Vec::new()).map_err(Vec::<u8>::from);
        }
        claimCall::SELECTOR => {
            let epochs = claim_args(args).ok_or_else(Vec::new)?;
            let caller = rewards.vm().msg_sender();
            rewards._claim(caller, &epochs)
        }
        claimForCall::SELECTOR => {
            let (contributor, epochs) = claim_for_args(args).ok_or_else(Vec::new)?;
            rewards._claim(contributor, &epochs)
        }
        _ => return Err(Vec::new()),
    };
    paid.map(|total: U256| total.to_be_bytes::<32>().to_vec()).map_err(Vec::<u8>::from)
}
