//! EIP-712 domain, EIP-2612 `permit` and EIP-5267 `eip712Domain`.

use alloy_primitives::{address, b256, Address, B256, U256};
use stylus_sdk::{keccak_const::Keccak256, prelude::*, stylus_core::calls::context::Call};

use crate::{
    errors::{ECDSAInvalidSignature, ECDSAInvalidSignatureS, ERC2612ExpiredSignature, ERC2612InvalidSigner, Error},
    FLToken,
};

pub const NAME: &str = "Federated Learning Token";
pub const VERSION: &str = "1";

pub(crate) const fn keccak(bytes: &[u8]) -> [u8; 32] {
    Keccak256::new().update(bytes).finalize()
}

const DOMAIN_TYPEHASH: [u8; 32] =
    keccak(b"EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
const HASHED_NAME: [u8; 32] = keccak(NAME.as_bytes());
const HASHED_VERSION: [u8; 32] = keccak(VERSION.as_bytes());
pub const PERMIT_TYPEHASH: [u8; 32] =
    keccak(b"Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

const ECRECOVER: Address = address!("0000000000000000000000000000000000000001");
/// secp256k1n / 2: a larger `s` is the malleable twin of a valid signature.
const MAX_S: B256 = b256!("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");

/// keccak256 of the concatenated 32-byte words.
pub(crate) fn hash_words(vm: &dyn stylus_sdk::stylus_core::Host, words: &[[u8; 32]]) -> B256 {
    let mut buf = [0u8; 32 * 6];
    for (chunk, word) in buf.chunks_exact_mut(32).zip(words) {
        chunk.copy_from_slice(word);
    }
    vm.native_keccak256(&buf[..32 * words.len()])
}

fn word(address: Address) -> [u8; 32] {
    address.into_word().0
}

impl FLToken {
    /// The domain separator is recomputed per call (one host keccak) so that
    /// it follows the chain id after a fork.
    pub(crate) fn _domain_separator(&self) -> B256 {
        let vm = self.vm();
        let chain_id = U256::from(vm.chain_id()).to_be_bytes::<32>();
        hash_words(vm, &[DOMAIN_TYPEHASH, HASHED_NAME, HASHED_VERSION, chain_id, word(vm.contract_address())])
    }

    /// EIP-712 digest of a struct hash under this token's domain.
    pub(crate) fn _typed_digest(&self, struct_hash: B256) -> B256 {
        let mut buf = [0u8; 66];
        buf[..2].copy_from_slice(&[0x19, 0x01]);
        buf[2..34].copy_from_slice(self._domain_separator().as_slice());
        buf[34..].copy_from_slice(struct_hash.as_slice());
        self.vm().native_keccak256(&buf)
    }

    /// Returns `owner`'s current nonce and advances it.
    pub(crate) fn _use_nonce(&mut self, owner: Address) -> U256 {
        let nonce = self.nonces.get(owner);
        // A nonce is advanced by one per signature: it never nears 2^256.
        self.nonces.insert(owner, nonce + U256::from(1u8));
        nonce
    }

    /// Recovers the signer of `digest` through the ecrecover precompile,
    /// refusing malleable (`s` in the upper half) and invalid signatures.
    ///
    /// # Errors
    /// `ECDSAInvalidSignatureS`, `ECDSAInvalidSignature`.
    pub(crate) fn _recover(&self, digest: B256, v: u8, r: B256, s: B256) -> Result<Address, Error> {
        if s > MAX_S {
            return Err(Error::InvalidSignatureS(ECDSAInvalidSignatureS { s }));
        }
        let mut input = [0u8; 128];
        input[..32].copy_from_slice(digest.as_slice());
        input[63] = v;
        input[64..96].copy_from_slice(r.as_slice());
        input[96..].copy_from_slice(s.as_slice());
        let out = self.vm().static_call(&Call::new(), ECRECOVER, &input).unwrap_or_default();
        match out.get(12..32) {
            Some(bytes) if bytes.iter().any(|b| *b != 0) => Ok(Address::from_slice(bytes)),
            _ => Err(Error::InvalidSignature(ECDSAInvalidSignature {})),
        }
    }

    /// # Errors
    /// `ERC2612ExpiredSignature`, `ERC2612InvalidSigner`, the signature
    /// errors of [`Self::_recover`], `ERC20InvalidSpender`.
    /// # Events
    /// `Approval`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn _permit(
        &mut self,
        owner: Address,
        spender: Address,
        value: U256,
        deadline: U256,
        v: u8,
        r: B256,
        s: B256,
    ) -> Result<(), Error> {
        if U256::from(self.now()) > deadline {
            return Err(Error::ExpiredSignature(ERC2612ExpiredSignature { deadline }));
        }
        let nonce = self._use_nonce(owner).to_be_bytes::<32>();
        let struct_hash = hash_words(
            self.vm(),
            &[PERMIT_TYPEHASH, word(owner), word(spender), value.to_be_bytes(), nonce, deadline.to_be_bytes()],
        );
        let signer = self._recover(self._typed_digest(struct_hash), v, r, s)?;
        if signer != owner {
            return Err(Error::InvalidSigner(ERC2612InvalidSigner { signer, owner }));
        }
        self._approve(owner, spender, value)
    }
}
