//! What a fresh node lacks and a real chain has, written as ArbOS would:
//! the StylusDeployer's code, and chain owners in ArbOS' own storage.

use std::path::Path;

use alloy_primitives::{address, keccak256, Address, B256};

/// The StylusDeployer's canonical address on every Arbitrum chain.
pub const STYLUS_DEPLOYER: Address = address!("cEcba2F1DC234f70Dd89F2041029807F8D03A990");
/// The account whose storage is ArbOS' state.
pub const ARBOS_STATE: Address = address!("A4B05FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF");
/// ArbOS' subspace id of the chain-owner address set.
pub const CHAIN_OWNER_SUBSPACE: u8 = 4;

/// The pinned npm package's artifact (tools/node/package.json,
/// `@arbitrum/nitro-contracts`).
pub const DEPLOYER_ARTIFACT: &str =
    "tools/node/node_modules/@arbitrum/nitro-contracts/build/contracts/src/stylus/StylusDeployer.sol/StylusDeployer.json";

/// The StylusDeployer's runtime code from the pinned npm package.
pub fn stylus_deployer_code(root: &Path) -> Result<Vec<u8>, String> {
    let path = root.join(DEPLOYER_ARTIFACT);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: {e}; run `./flt setup` (npm ci in tools/node)", path.display()))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let hex = json["deployedBytecode"].as_str().ok_or_else(|| format!("{}: no deployedBytecode", path.display()))?;
    alloy_primitives::hex::decode(hex).map_err(|e| format!("{}: deployedBytecode: {e}", path.display()))
}

/// arbos-revm's (and nitro's) `mapAddress`: the account slot of `key` in the
/// storage space `space`: `keccak(space ++ key[0..31])[0..31] ++ key[31]`.
pub fn map_slot(space: &[u8], key: B256) -> B256 {
    let mut hashed = keccak256([space, &key[..31]].concat());
    hashed[31] = key[31];
    hashed
}

/// A sub-space's key: `keccak(parent ++ id)`.
pub fn subspace(parent: &[u8], id: &[u8]) -> B256 {
    keccak256([parent, id].concat())
}

fn word(n: u64) -> B256 {
    B256::left_padding_from(&n.to_be_bytes())
}

/// The `(slot, value)` writes to [`ARBOS_STATE`] that make `owners` the
/// chain-owner set: ArbOS' AddressSet keeps its size at offset 0, member
/// `i` at offset `i` (1-based), and each member's index in the sub-space
/// `0x00` under the padded address.
pub fn chain_owner_writes(owners: &[Address]) -> Vec<(B256, B256)> {
    let set = subspace(&[], &[CHAIN_OWNER_SUBSPACE]);
    let by_address = subspace(set.as_slice(), &[0]);
    let mut writes = vec![(map_slot(set.as_slice(), word(0)), word(owners.len() as u64))];
    for (i, owner) in owners.iter().enumerate() {
        let index = word(i as u64 + 1);
        let padded = B256::left_padding_from(owner.as_slice());
        writes.push((map_slot(set.as_slice(), index), padded));
        writes.push((map_slot(by_address.as_slice(), padded), index));
    }
    writes
}
