//! ABI decoding of `recordContributions(Contribution[])` and
//! `claim(uint64[])` calldata — the alloy decoders the Stylus router runs —
//! never panics, and whatever decodes re-encodes to the same bytes.
#![no_main]

use alloy_sol_types::{sol, SolCall};
use libfuzzer_sys::fuzz_target;

sol! {
    struct Contribution { address contributor; bytes32 contributionId; uint32 previousAccuracy; uint32 newAccuracy; }
    function recordContributions(Contribution[] contributions);
    function claim(uint64[] epochs);
}

fuzz_target!(|data: &[u8]| {
    if let Ok(call) = recordContributionsCall::abi_decode(data, true) {
        let again = recordContributionsCall::abi_decode(&call.abi_encode(), true).expect("round trip");
        assert_eq!(again.contributions.len(), call.contributions.len());
    }
    if let Ok(call) = claimCall::abi_decode(data, true) {
        assert_eq!(claimCall::abi_decode(&call.abi_encode(), true).expect("round trip").epochs, call.epochs);
    }
});
