//! EIP-2612 permit with real secp256k1 signatures, the EIP-712 domain and
//! EIP-5267. The digest is built independently with alloy's EIP-712 code.

mod common;

use alloy_primitives::{Address, B256, U256};
use alloy_signer::SignerSync;
use alloy_sol_types::{eip712_domain, sol, SolStruct};
use common::{deploy, FLT};
use fl_token::{
    errors::{ECDSAInvalidSignature, ECDSAInvalidSignatureS, ERC2612ExpiredSignature, ERC2612InvalidSigner, Error},
    events::Approval,
    FLToken,
};
use motsu::prelude::*;

sol! {
    struct Permit { address owner; address spender; uint256 value; uint256 nonce; uint256 deadline; }
}

/// motsu's fixed block timestamp and default chain id (Arbitrum One).
const NOW: u64 = 1_735_689_600;
const CHAIN_ID: u64 = 42_161;

struct Sig {
    v: u8,
    r: B256,
    s: B256,
}

fn sign(token: Address, chain_id: u64, signer: &Account, permit: &Permit) -> Sig {
    let domain = eip712_domain! {
        name: "Federated Learning Token",
        version: "1",
        chain_id: chain_id,
        verifying_contract: token,
    };
    let sig = signer.signer().sign_hash_sync(&permit.eip712_signing_hash(&domain)).unwrap();
    Sig { v: 27 + u8::from(sig.v()), r: sig.r().into(), s: sig.s().into() }
}

fn permit_of(owner: &Account, spender: Address, nonce: u64) -> Permit {
    Permit { owner: owner.address(), spender, value: FLT, nonce: U256::from(nonce), deadline: U256::from(NOW + 60) }
}

fn submit(token: &Contract<FLToken>, relayer: Address, p: &Permit, sig: &Sig) -> Result<(), Error> {
    token.sender(relayer).permit(p.owner, p.spender, p.value, p.deadline, sig.v, sig.r, sig.s)
}

/// Asserts that `owner` has no allowance for `spender` and nonce `nonce`.
fn assert_untouched(token: &Contract<FLToken>, owner: Address, spender: Address, nonce: u64) {
    assert_eq!(token.sender(owner).allowance(owner, spender), U256::ZERO);
    assert_eq!(token.sender(owner).nonces(owner), U256::from(nonce));
}

#[motsu::test]
fn valid_permit_approves_and_uses_the_nonce(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Account,
    bob: Address,
    relayer: Address,
) {
    deploy(&token, deployer, reserve, &[]);
    let p = permit_of(&alice, bob, 0);
    submit(&token, relayer, &p, &sign(token.address(), CHAIN_ID, &alice, &p)).motsu_unwrap();
    assert_eq!(token.sender(bob).allowance(alice.address(), bob), FLT);
    assert_eq!(token.sender(bob).nonces(alice.address()), U256::from(1u8));
    token.assert_emitted(&Approval { owner: alice.address(), spender: bob, value: FLT });
    // The second permit must sign the next nonce.
    let p2 = Permit { value: FLT * U256::from(2u8), ..permit_of(&alice, bob, 1) };
    submit(&token, relayer, &p2, &sign(token.address(), CHAIN_ID, &alice, &p2)).motsu_unwrap();
    assert_eq!(token.sender(bob).allowance(alice.address(), bob), FLT * U256::from(2u8));
}

#[motsu::test]
fn permit_at_the_deadline_second_is_accepted(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Account,
    bob: Address,
) {
    deploy(&token, deployer, reserve, &[]);
    let p = Permit { deadline: U256::from(NOW), ..permit_of(&alice, bob, 0) };
    submit(&token, bob, &p, &sign(token.address(), CHAIN_ID, &alice, &p)).motsu_unwrap();
    assert_eq!(token.sender(bob).allowance(alice.address(), bob), FLT);
}

#[motsu::test]
fn expired_permit_reverts_unchanged(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Account,
    bob: Address,
) {
    deploy(&token, deployer, reserve, &[]);
    let p = Permit { deadline: U256::from(NOW - 1), ..permit_of(&alice, bob, 0) };
    let err = submit(&token, bob, &p, &sign(token.address(), CHAIN_ID, &alice, &p)).motsu_unwrap_err();
    assert_eq!(err, Error::ExpiredSignature(ERC2612ExpiredSignature { deadline: U256::from(NOW - 1) }));
    assert_untouched(&token, alice.address(), bob, 0);
}

#[motsu::test]
fn permit_signed_by_another_key_reverts_unchanged(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Account,
    mallory: Account,
    bob: Address,
) {
    deploy(&token, deployer, reserve, &[]);
    let p = permit_of(&alice, bob, 0);
    let err = submit(&token, bob, &p, &sign(token.address(), CHAIN_ID, &mallory, &p)).motsu_unwrap_err();
    assert_eq!(err, Error::InvalidSigner(ERC2612InvalidSigner { signer: mallory.address(), owner: alice.address() }));
    assert_untouched(&token, alice.address(), bob, 0);
}

#[motsu::test]
fn replayed_permit_reverts_unchanged(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Account,
    bob: Address,
) {
    deploy(&token, deployer, reserve, &[]);
    let p = permit_of(&alice, bob, 0);
    let sig = sign(token.address(), CHAIN_ID, &alice, &p);
    submit(&token, bob, &p, &sig).motsu_unwrap();
    token.sender(alice.address()).approve(bob, U256::ZERO).motsu_unwrap();
    // Replayed, the signature is checked against nonce 1 and recovers a stranger.
    let err = submit(&token, bob, &p, &sig).motsu_unwrap_err();
    let Error::InvalidSigner(ERC2612InvalidSigner { signer, owner }) = err else { panic!("{err:?}") };
    assert_eq!(owner, alice.address());
    assert_ne!(signer, alice.address());
    assert_untouched(&token, alice.address(), bob, 1);
}

#[motsu::test]
fn permit_for_another_chain_reverts_unchanged(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Account,
    bob: Address,
) {
    deploy(&token, deployer, reserve, &[]);
    let p = permit_of(&alice, bob, 0);
    let err = submit(&token, bob, &p, &sign(token.address(), 1, &alice, &p)).motsu_unwrap_err();
    assert!(
        matches!(err, Error::InvalidSigner(ERC2612InvalidSigner { owner, .. }) if owner == alice.address()),
        "{err:?}"
    );
    assert_untouched(&token, alice.address(), bob, 0);
}

#[motsu::test]
fn permit_for_another_token_reverts_unchanged(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Account,
    bob: Address,
) {
    deploy(&token, deployer, reserve, &[]);
    let p = permit_of(&alice, bob, 0);
    let err = submit(&token, bob, &p, &sign(Address::with_last_byte(7), CHAIN_ID, &alice, &p)).motsu_unwrap_err();
    assert!(matches!(err, Error::InvalidSigner(_)), "{err:?}");
    assert_untouched(&token, alice.address(), bob, 0);
}

#[motsu::test]
fn malleable_or_malformed_signatures_revert_unchanged(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Account,
    bob: Address,
) {
    deploy(&token, deployer, reserve, &[]);
    let p = permit_of(&alice, bob, 0);
    let good = sign(token.address(), CHAIN_ID, &alice, &p);
    // (r, n - s, v ^ 1) is the same signature's twin: refused by the low-s rule.
    let n = U256::from_be_slice(&alloy_primitives::hex!(
        "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"
    ));
    let high_s = B256::from(n - U256::from_be_bytes(good.s.0));
    let twin = Sig { v: 55 - good.v, r: good.r, s: high_s };
    let err = submit(&token, bob, &p, &twin).motsu_unwrap_err();
    assert_eq!(err, Error::InvalidSignatureS(ECDSAInvalidSignatureS { s: high_s }));
    for bad in [Sig { v: 29, ..good }, Sig { v: good.v, r: B256::ZERO, s: good.s }] {
        let err = submit(&token, bob, &p, &bad).motsu_unwrap_err();
        assert_eq!(err, Error::InvalidSignature(ECDSAInvalidSignature {}));
    }
    assert_untouched(&token, alice.address(), bob, 0);
}

#[motsu::test]
fn domain_matches_eip712_and_follows_the_chain(token: Contract<FLToken>, deployer: Address, reserve: Address) {
    deploy(&token, deployer, reserve, &[]);
    let domain = |chain_id: u64| {
        eip712_domain! { name: "Federated Learning Token", version: "1", chain_id: chain_id, verifying_contract: token.address(), }
    };
    assert_eq!(token.sender(deployer).domain_separator(), domain(CHAIN_ID).separator());
    let (fields, name, version, chain_id, verifying, salt, extensions) = token.sender(deployer).eip712_domain();
    assert_eq!(fields.0, [0x0f]);
    assert_eq!((name.as_str(), version.as_str()), ("Federated Learning Token", "1"));
    assert_eq!((chain_id, verifying, salt), (U256::from(CHAIN_ID), token.address(), B256::ZERO));
    assert!(extensions.is_empty());
    VM::context().set_chain_id(421_614);
    assert_eq!(token.sender(deployer).domain_separator(), domain(421_614).separator());
    assert_eq!(token.sender(deployer).eip712_domain().3, U256::from(421_614u64));
}
