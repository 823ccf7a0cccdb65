//! The selector FLTRewards' fallback answers for the batch is the one
//! Solidity, cast and viem compute from the tuple, not the struct's name
//! (`recordContributions(Contribution[])` = 0x0718ab27, which stylus-sdk's
//! derive would give). The end-to-end suite calls it on the node.

use alloy_sol_types::SolCall;
use fl_rewards::raw::recordContributionsCall;
// The fixture crate links the host functions (native_keccak256) native tests need.
use flt_system_tests as _;

#[test]
fn the_batch_is_answered_under_the_tuple_signature() {
    let answered = recordContributionsCall::SELECTOR;
    let tuple = alloy_primitives::keccak256("recordContributions((address,bytes32,uint32,uint32)[])");
    assert_eq!(answered, tuple[..4]);
    assert_eq!(answered, [0x58, 0xb7, 0xcc, 0x6a]);
    let by_name = alloy_primitives::keccak256("recordContributions(Contribution[])");
    assert_ne!(answered, by_name[..4]);
}
