//! FLTRewards' hand readers of `recordContributions(Contribution[])`,
//! `recordContribution`, `claim(uint64[])` and `claimFor` arguments
//! (`fl_rewards::raw`): on any calldata they never panic and never allocate
//! more than the calldata's size, and whatever they read is the canonical
//! encoding of the values read, byte for byte (so they accept no other
//! encoding; `tests/tests/rewards_args.rs` proves they accept every
//! canonical one, against alloy).
#![no_main]

use alloy_sol_types::SolCall;
use fl_rewards::raw::{
    claimCall, claimForCall, claim_args, claim_for_args, contribution_args, contributions_args,
    recordContributionCall, recordContributionsCall,
};
use libfuzzer_sys::fuzz_target;

fn encoded<C: SolCall>(call: &C) -> Vec<u8> {
    let mut out = Vec::new();
    call.abi_encode_raw(&mut out);
    out
}

fuzz_target!(|data: &[u8]| {
    if let Some(contributions) = contributions_args(data) {
        assert_eq!(encoded(&recordContributionsCall { contributions }), data);
    }
    if let Some(mut one) = contribution_args(data) {
        let c = one.pop().expect("one item");
        let call = recordContributionCall {
            contributor: c.contributor,
            contributionId: c.contributionId,
            previousAccuracy: c.previousAccuracy,
            newAccuracy: c.newAccuracy,
        };
        assert_eq!(encoded(&call), data);
    }
    if let Some(epochs) = claim_args(data) {
        assert_eq!(encoded(&claimCall { epochs }), data);
    }
    if let Some((contributor, epochs)) = claim_for_args(data) {
        assert_eq!(encoded(&claimForCall { contributor, epochs }), data);
    }
});
