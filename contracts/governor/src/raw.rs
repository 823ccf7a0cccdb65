//! The function the fallback answers, because stylus-sdk 0.9's router would
//! encode its result wrongly: it ABI-encodes a returned tuple that has a
//! dynamic member as ONE tuple (a leading offset word), where Solidity
//! callers expect return values (`abi_encode_returns`). Declared here once:
//! the call type below encodes it, and `abi/` lists it from
//! this text.
#![allow(missing_docs)]

use alloc::vec::Vec;

use alloy_sol_types::SolCall;

flt_sol::declare! {
    function eip712Domain() external view returns (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] memory extensions);
}

/// The answer to `input` (the whole calldata) if it calls one of these
/// functions; an empty revert otherwise, as for any unknown selector or
/// undecodable arguments (what the SDK's router does).
pub fn route(governor: &crate::FLTGovernor, input: &[u8], value_sent: bool) -> Result<Vec<u8>, Vec<u8>> {
    match (input.get(..4), input.get(4..)) {
        (Some(selector), Some(_)) if selector == eip712DomainCall::SELECTOR && !value_sent => {
            Ok(eip712DomainCall::abi_encode_returns(&governor.eip712_domain()))
        }
        _ => Err(Vec::new()),
    }
}
