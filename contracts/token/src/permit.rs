//! EIP-712 domain, EIP-2612 `permit` and EIP-5267 `eip712Domain`.

use alloy_primitives::{Address, B256, U256};
use flt_sol::eip712::SignatureError;
use stylus_sdk::prelude::*;

use crate::{
    errors::{ECDSAInvalidSignature, ECDSAInvalidSignatureS, ERC2612ExpiredSignature, ERC2612InvalidSigner, Error},
    FLToken,
};

pub const NAME: &str = "Federated Learning Token";
pub const VERSION: &str = "1";

pub(crate) use flt_sol::eip712::{hash_words, keccak};

const HASHED_NAME: [u8; 32] = keccak(NAME.as_bytes());
const HASHED_VERSION: [u8; 32] = keccak(VERSION.as_bytes());
pub const PERMIT_TYPEHASH: [u8; 32] =
    keccak(b"Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

fn word(address: Address) -> [u8; 32] {
    address.into_word().0
}

impl FLToken {
    /// The domain separator is recomputed per call (one host keccak) so that
    /// it follows the chain id after a fork.
    pub(crate) fn _domain_separator(&self) -> B256 {
        flt_sol::eip712::domain_separator(self.vm(), HASHED_NAME, HASHED_VERSION)
    }

    /// EIP-712 digest of a struct hash under this token's domain.
    pub(crate) fn _typed_digest(&self, struct_hash: B256) -> B256 {
        flt_sol::eip712::typed_digest(self.vm(), self._domain_separator(), struct_hash)
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
        flt_sol::eip712::recover(self.vm(), digest, v, r, s).map_err(|e| match e {
            SignatureError::HighS => Error::InvalidSignatureS(ECDSAInvalidSignatureS { s }),
            SignatureError::Invalid => Error::InvalidSignature(ECDSAInvalidSignature {}),
        })
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
