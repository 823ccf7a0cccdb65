//! `councilAction`, answered by the fallback, because stylus-sdk 0.9's
//! router would encode its result wrongly: it ABI-encodes a returned tuple
//! that has a dynamic member as ONE tuple (a leading offset word), where
//! Solidity callers expect return values (`abi_encode_returns`). Declared
//! here once: the call type below decodes and encodes it, and `abi/` lists
//! it from this text.
#![allow(missing_docs)]

use alloc::vec::Vec;

use alloy_sol_types::SolCall;

flt_sol::declare! {
    function councilAction(uint256 actionId) external view returns (uint8 kind, uint32 approvals, bool executed, bytes memory data);
}

/// The answer to `input` (the whole calldata) if it calls `councilAction`;
/// an empty revert otherwise, as for any unknown selector or undecodable
/// arguments (what the SDK's router does).
pub fn route(council: &crate::FLTCouncil, input: &[u8], value_sent: bool) -> Result<Vec<u8>, Vec<u8>> {
    match (input.get(..4), input.get(4..)) {
        (Some(selector), Some(args)) if selector == councilActionCall::SELECTOR && !value_sent => {
            let call = councilActionCall::abi_decode_raw(args, true).map_err(|_| Vec::new())?;
            let answer = council.council_action(call.actionId).map_err(Vec::<u8>::from)?;
            Ok(councilActionCall::abi_encode_returns(&answer))
        }
        _ => Err(Vec::new()),
    }
}
