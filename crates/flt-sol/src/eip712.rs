//! EIP-712 hashing and ECDSA recovery through the ecrecover precompile,
//! shared by FLToken (permit, delegateBySig) and FLTGovernor (castVoteBySig).

use alloy_primitives::{address, b256, Address, B256, U256};
use stylus_sdk::{
    keccak_const::Keccak256,
    stylus_core::{calls::context::Call, Host},
};

pub const fn keccak(bytes: &[u8]) -> [u8; 32] {
    Keccak256::new().update(bytes).finalize()
}

pub const DOMAIN_TYPEHASH: [u8; 32] =
    keccak(b"EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

const ECRECOVER: Address = address!("0000000000000000000000000000000000000001");
/// secp256k1n / 2: a larger `s` is the malleable twin of a valid signature.
const MAX_S: B256 = b256!("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");

/// Why a signature was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureError {
    /// `s` in the upper half (malleable).
    HighS,
    /// ecrecover found no signer.
    Invalid,
}

/// keccak256 of the concatenated 32-byte words (at most six).
pub fn hash_words(vm: &dyn Host, words: &[[u8; 32]]) -> B256 {
    let mut buf = [0u8; 32 * 6];
    for (chunk, word) in buf.chunks_exact_mut(32).zip(words) {
        chunk.copy_from_slice(word);
    }
    vm.native_keccak256(&buf[..32 * words.len().min(6)])
}

/// The domain separator of the calling contract, recomputed per call so it
/// follows the chain id after a fork.
pub fn domain_separator(vm: &dyn Host, hashed_name: [u8; 32], hashed_version: [u8; 32]) -> B256 {
    let chain_id = U256::from(vm.chain_id()).to_be_bytes::<32>();
    hash_words(vm, &[DOMAIN_TYPEHASH, hashed_name, hashed_version, chain_id, vm.contract_address().into_word().0])
}

/// `keccak256("\x19\x01" || domainSeparator || structHash)`.
pub fn typed_digest(vm: &dyn Host, domain_separator: B256, struct_hash: B256) -> B256 {
    let mut buf = [0u8; 66];
    buf[..2].copy_from_slice(&[0x19, 0x01]);
    buf[2..34].copy_from_slice(domain_separator.as_slice());
    buf[34..].copy_from_slice(struct_hash.as_slice());
    vm.native_keccak256(&buf)
}

/// The signer of `digest`; refuses malleable and invalid signatures (a zero
/// address is never returned).
pub fn recover(vm: &dyn Host, digest: B256, v: u8, r: B256, s: B256) -> Result<Address, SignatureError> {
    if s > MAX_S {
        return Err(SignatureError::HighS);
    }
    let mut input = [0u8; 128];
    input[..32].copy_from_slice(digest.as_slice());
    input[63] = v;
    input[64..96].copy_from_slice(r.as_slice());
    input[96..].copy_from_slice(s.as_slice());
    let out = vm.static_call(&Call::new(), ECRECOVER, &input).unwrap_or_default();
    match out.get(12..32) {
        Some(bytes) if bytes.iter().any(|b| *b != 0) => Ok(Address::from_slice(bytes)),
        _ => Err(SignatureError::Invalid),
    }
}
