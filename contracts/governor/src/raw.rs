//! The functions the fallback answers, declared here once: the call types
//! below give their selectors, and `abi/` lists them from this text.
//! - `eip712Domain`, because stylus-sdk 0.9's router would encode its
//!   result wrongly: it ABI-encodes a returned tuple that has a dynamic
//!   member as ONE tuple (a leading offset word), where Solidity callers
//!   expect return values (`abi_encode_returns`).
//! - The five functions that take a proposal's actions, read in place by
//!   `actions.rs` instead of by alloy's generic decoder (the same
//!   encodings are accepted; several KB less program).
#![allow(missing_docs)]

use alloc::vec::Vec;

use alloy_sol_types::SolCall;

use crate::actions::Actions;

flt_sol::declare! {
    function hashProposal(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash) external view returns (uint256);
    function propose(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, string calldata description) external returns (uint256);
    function queue(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash) external returns (uint256);
    function execute(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash) external returns (uint256);
    function cancel(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash) external returns (uint256);
    function eip712Domain() external view returns (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] memory extensions);
}

/// The answer to `input` (the whole calldata) if it calls one of these
/// functions; an empty revert otherwise, as for any unknown selector, value
/// sent to a non-payable function or undecodable arguments (what the SDK's
/// router does). A function's own refusals are its named errors.
pub fn route(governor: &mut crate::FLTGovernor, input: &[u8], value_sent: bool) -> Result<Vec<u8>, Vec<u8>> {
    let (Some(selector), Some(args)) = (input.get(..4), input.get(4..)) else {
        return Err(Vec::new());
    };
    if value_sent {
        return Err(Vec::new());
    }
    let selector: [u8; 4] = selector.try_into().map_err(|_| Vec::new())?;
    let id = match selector {
        eip712DomainCall::SELECTOR => return Ok(eip712DomainCall::abi_encode_returns(&governor.eip712_domain())),
        hashProposalCall::SELECTOR => Ok(governor.proposal_id(with_hash(args)?.encoded())),
        proposeCall::SELECTOR => governor._propose(&Actions::with_description(args).ok_or_else(Vec::new)?),
        queueCall::SELECTOR => governor._queue(&with_hash(args)?),
        executeCall::SELECTOR => governor._execute(&with_hash(args)?),
        cancelCall::SELECTOR => governor._cancel(&with_hash(args)?),
        _ => return Err(Vec::new()),
    };
    id.map(|id| id.to_be_bytes::<32>().to_vec()).map_err(Vec::<u8>::from)
}

fn with_hash(args: &[u8]) -> Result<Actions<'_>, Vec<u8>> {
    Actions::with_hash(args).ok_or_else(Vec::new)
}
