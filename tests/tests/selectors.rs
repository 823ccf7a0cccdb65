//! The selector FLTRewards' router matches for the batch is the one
//! Solidity, cast and viem compute from the tuple, not the struct's name
//! (`recordContributions(Contribution[])` = 0x0718ab27, which stylus-sdk's
//! derive would give). The end-to-end suite calls it on the node.

use fl_rewards::Contribution;
// The fixture crate links the host functions (native_keccak256) native tests need.
use flt_system_tests as _;

#[test]
fn the_batch_routes_under_the_tuple_signature() {
    let routed = stylus_sdk::function_selector!("recordContributions", Vec<Contribution>);
    let tuple = alloy_primitives::keccak256("recordContributions((address,bytes32,uint32,uint32)[])");
    assert_eq!(routed, tuple[..4]);
    assert_eq!(routed, [0x58, 0xb7, 0xcc, 0x6a]);
    let by_name = alloy_primitives::keccak256("recordContributions(Contribution[])");
    assert_ne!(routed, by_name[..4]);
}
