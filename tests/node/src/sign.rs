//! EIP-712 signatures made the way wallets make them, independently of the
//! contracts: the typed structs are hashed by alloy's own EIP-712 code
//! (`SolStruct::eip712_signing_hash` under an [`Eip712Domain`]) and signed
//! with the public dev keys ([`flt_node::dev`]) by alloy-signer-local.

use alloy_primitives::{Address, Bytes, PrimitiveSignature, B256, U256};
use alloy_signer::SignerSync;
use alloy_sol_types::{sol, Eip712Domain, SolStruct};

/// The local node's chain id.
pub const CHAIN_ID: u64 = 412_346;

sol! {
    /// EIP-2612.
    #[derive(Debug)]
    struct Permit {
        address owner;
        address spender;
        uint256 value;
        uint256 nonce;
        uint256 deadline;
    }

    /// ERC20Votes' `delegateBySig`.
    #[derive(Debug)]
    struct Delegation {
        address delegatee;
        uint256 nonce;
        uint256 expiry;
    }

    /// OZ Governor's `castVoteBySig`.
    #[derive(Debug)]
    struct Ballot {
        uint256 proposalId;
        uint8 support;
        address voter;
        uint256 nonce;
    }
}

/// A domain with name, version, chain id and verifying contract (EIP-5267
/// fields `0x0f`), as both FLT domains are.
pub fn domain(name: &str, version: &str, chain_id: U256, verifying_contract: Address) -> Eip712Domain {
    Eip712Domain::new(
        Some(name.to_owned().into()),
        Some(version.to_owned().into()),
        Some(chain_id),
        Some(verifying_contract),
        None,
    )
}

/// FLToken's domain as documented ("Federated Learning Token", "1").
pub fn token_domain(token: Address) -> Eip712Domain {
    domain("Federated Learning Token", "1", U256::from(CHAIN_ID), token)
}

/// FLTGovernor's domain as documented ("FLTGovernor", "1").
pub fn governor_domain(governor: Address) -> Eip712Domain {
    domain("FLTGovernor", "1", U256::from(CHAIN_ID), governor)
}

/// A secp256k1 signature split for `permit`/`delegateBySig` (`v` 27/28).
#[derive(Debug, Clone, Copy)]
pub struct Sig {
    pub v: u8,
    pub r: B256,
    pub s: B256,
}

/// secp256k1's group order n.
const N: U256 =
    U256::from_limbs([0xBFD2_5E8C_D036_4141, 0xBAAE_DCE6_AF48_A03B, 0xFFFF_FFFF_FFFF_FFFE, 0xFFFF_FFFF_FFFF_FFFF]);

impl Sig {
    fn from_primitive(sig: PrimitiveSignature) -> Sig {
        Sig { v: 27 + u8::from(sig.v()), r: sig.r().into(), s: sig.s().into() }
    }

    /// `r || s || v`, the 65 bytes `castVoteBySig` takes.
    pub fn bytes(&self) -> Bytes {
        let mut out = Vec::with_capacity(65);
        out.extend_from_slice(self.r.as_slice());
        out.extend_from_slice(self.s.as_slice());
        out.push(self.v);
        out.into()
    }

    /// The malleable twin `(r, n - s, v ^ 1)`: the same signer for
    /// ecrecover, refused by OpenZeppelin's ECDSA (s in the upper half).
    pub fn malleated(&self) -> Sig {
        let s = N - U256::from_be_bytes(self.s.0);
        Sig { v: if self.v == 27 { 28 } else { 27 }, r: self.r, s: s.into() }
    }

    /// The address ecrecover returns for `digest` (what a contract sees
    /// when this signature is replayed over another digest).
    pub fn recover(&self, digest: B256) -> Address {
        PrimitiveSignature::from_scalars_and_parity(self.r, self.s, self.v == 28)
            .recover_address_from_prehash(&digest)
            .expect("recoverable")
    }
}

/// Dev account `key` signs the 32-byte `digest`.
pub fn sign_digest(key: usize, digest: B256) -> Sig {
    let sig = flt_node::dev::signer(key).sign_hash_sync(&digest).expect("signing");
    Sig::from_primitive(sig)
}

/// Dev account `key` signs `payload` under `domain`; returns the digest too.
pub fn sign<T: SolStruct>(key: usize, payload: &T, domain: &Eip712Domain) -> (Sig, B256) {
    let digest = payload.eip712_signing_hash(domain);
    (sign_digest(key, digest), digest)
}
