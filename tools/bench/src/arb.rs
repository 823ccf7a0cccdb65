//! The Arbitrum precompiles the bench reads and drives: ArbSys (0x64),
//! ArbWasm (0x71) and ArbWasmCache (0x72).

use alloy_primitives::{keccak256, Address, B256};
use alloy_sol_types::sol;

pub const ARB_SYS: Address = Address::with_last_byte(0x64);
pub const ARB_WASM: Address = Address::with_last_byte(0x71);
pub const ARB_WASM_CACHE: Address = Address::with_last_byte(0x72);

sol! {
    interface ArbSys {
        function arbOSVersion() external view returns (uint256);
    }
    interface ArbWasm {
        function stylusVersion() external view returns (uint16 version);
        function programInitGas(address program) external view returns (uint64 gas, uint64 gasWhenCached);
    }
    interface ArbWasmCache {
        function cacheProgram(address addr) external;
        function codehashIsCached(bytes32 codehash) external view returns (bool);
    }
}

/// The code hash ArbWasmCache keys programs by.
pub fn codehash(node: &flt_node::Node, program: Address) -> Result<B256, String> {
    let code = node.rpc("eth_getCode", serde_json::json!([program, "latest"]))?;
    let hex = code.as_str().ok_or("eth_getCode: not a string")?;
    let code = alloy_primitives::hex::decode(hex).map_err(|e| format!("eth_getCode: {e}"))?;
    if code.is_empty() {
        return Err(format!("no code at {program}"));
    }
    Ok(keccak256(code))
}
