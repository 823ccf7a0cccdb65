//! FLTGovernor reads a proposal's actions from calldata by hand
//! (`fl_governor::actions`). These tests hold it to alloy, the decoder the
//! SDK's router used before (validating: decode, re-encode, compare):
//! - every canonical encoding reads back as the values encoded, the
//!   `bytes32` form is itself OZ's `hashProposal` preimage, the `string`
//!   form gives the same preimage with the description's hash, and
//!   `ProposalCreated`'s data is byte for byte what alloy encodes;
//! - any encoding changed in one byte, cut short or extended is accepted
//!   exactly when alloy accepts it, and then as the same values.

use alloy_primitives::{keccak256, Address, Bytes, B256, U256};
use alloy_sol_types::{sol_data as sd, SolType};
use fl_governor::actions::Actions;
use flt_system_tests::mutation::{apply, change};
use proptest::prelude::*;

type WithHash = (sd::Array<sd::Address>, sd::Array<sd::Uint<256>>, sd::Array<sd::Bytes>, sd::FixedBytes<32>);
// `string` is encoded as `bytes`; the governor takes it as its bytes.
type WithDescription = (sd::Array<sd::Address>, sd::Array<sd::Uint<256>>, sd::Array<sd::Bytes>, sd::Bytes);
// The fixture crate also links the host functions native tests need.
type Created = flt_system_tests::ProposalCreatedData;

#[derive(Debug, Clone)]
struct Args {
    targets: Vec<Address>,
    values: Vec<U256>,
    calldatas: Vec<Bytes>,
    last: Vec<u8>,
}

fn address() -> impl Strategy<Value = Address> {
    any::<[u8; 20]>().prop_map(Address::from)
}

fn value() -> impl Strategy<Value = U256> {
    prop_oneof![Just(U256::ZERO), any::<u64>().prop_map(U256::from), any::<[u8; 32]>().prop_map(U256::from_be_bytes)]
}

/// Lengths that differ too: the governor refuses them with a named error,
/// after reading them.
fn args() -> impl Strategy<Value = Args> {
    (
        prop::collection::vec(address(), 0..4),
        prop::collection::vec(value(), 0..4),
        prop::collection::vec(prop::collection::vec(any::<u8>(), 0..70).prop_map(Bytes::from), 0..4),
        prop::collection::vec(any::<u8>(), 0..80),
    )
        .prop_map(|(targets, values, calldatas, last)| Args { targets, values, calldatas, last })
}

fn hash_of(a: &Args) -> B256 {
    B256::from_slice(&keccak256(&a.last).0)
}

fn with_hash(a: &Args) -> Vec<u8> {
    WithHash::abi_encode_params(&(a.targets.clone(), a.values.clone(), a.calldatas.clone(), hash_of(a)))
}

fn with_description(a: &Args) -> Vec<u8> {
    WithDescription::abi_encode_params(&(
        a.targets.clone(),
        a.values.clone(),
        a.calldatas.clone(),
        Bytes::from(a.last.clone()),
    ))
}

fn same_values(read: &Actions, targets: &[Address], values: &[U256], calldatas: &[Bytes]) {
    assert_eq!(read.targets, targets);
    assert_eq!(read.values, values);
    let calldatas: Vec<&[u8]> = calldatas.iter().map(|c| c.as_ref()).collect();
    assert_eq!(read.calldatas, calldatas);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn canonical_encodings_read_back_and_hash_as_oz(a in args(), id in value(), proposer in address(), start in any::<u64>(), end in any::<u64>()) {
        let encoded = with_hash(&a);
        let read = Actions::with_hash(&encoded).expect("canonical");
        same_values(&read, &a.targets, &a.values, &a.calldatas);
        prop_assert_eq!(read.encoded(), &encoded[..], "the bytes32 form is the preimage");
        let h = hash_of(&a);
        prop_assert_eq!(read.last(), h.as_slice());

        let encoded = with_description(&a);
        let read = Actions::with_description(&encoded).expect("canonical");
        same_values(&read, &a.targets, &a.values, &a.calldatas);
        prop_assert_eq!(read.last(), &a.last[..]);
        prop_assert_eq!(read.preimage(&hash_of(&a).0), with_hash(&a));

        let signatures = vec![String::new(); a.targets.len()];
        let created = Created::abi_encode_params(&(
            id, proposer, a.targets.clone(), a.values.clone(), signatures, a.calldatas.clone(),
            U256::from(start), U256::from(end), Bytes::from(a.last.clone()),
        ));
        prop_assert_eq!(read.proposal_created(id, proposer, start, end), created);
    }

    #[test]
    fn a_changed_encoding_is_read_exactly_when_alloy_reads_it(a in args(), c in change()) {
        let changed = apply(with_hash(&a), &c);
        match (Actions::with_hash(&changed), WithHash::abi_decode_params(&changed, true)) {
            (Some(read), Ok((t, v, d, h))) => {
                same_values(&read, &t, &v, &d);
                prop_assert_eq!(read.last(), h.as_slice());
                prop_assert_eq!(read.encoded(), &changed[..]);
            }
            (None, Err(_)) => {}
            (read, alloy) => prop_assert!(false, "{c:?}: hand {:?}, alloy {:?}", read.is_some(), alloy.is_ok()),
        }
        let changed = apply(with_description(&a), &c);
        match (Actions::with_description(&changed), WithDescription::abi_decode_params(&changed, true)) {
            (Some(read), Ok((t, v, d, description))) => {
                same_values(&read, &t, &v, &d);
                prop_assert_eq!(read.last(), &description[..]);
            }
            (None, Err(_)) => {}
            (read, alloy) => prop_assert!(false, "{c:?}: hand {:?}, alloy {:?}", read.is_some(), alloy.is_ok()),
        }
    }
}

/// Encodings a Solidity caller could send that are not canonical: each is
/// refused (the router then reverts empty, as the SDK's did).
#[test]
fn non_canonical_encodings_are_refused() {
    let a = Args {
        targets: vec![Address::repeat_byte(0x11)],
        values: vec![U256::ZERO],
        calldatas: vec![Bytes::from(vec![0xab; 36])],
        last: b"Signal".to_vec(),
    };
    let good = with_description(&a);
    assert!(Actions::with_description(&good).is_some());
    let word = |data: &mut Vec<u8>, at: usize, v: u64| {
        data[at..at + 32].fill(0);
        data[at + 24..at + 32].copy_from_slice(&v.to_be_bytes());
    };
    let at_word = |data: &[u8], at: usize| u64::from_be_bytes(data[at + 24..at + 32].try_into().unwrap());
    let description_at = at_word(&good, 96) as usize;
    // The description moved one word later, a gap before it.
    let mut gap = good.clone();
    gap.splice(description_at..description_at, [0u8; 32]);
    word(&mut gap, 96, description_at as u64 + 32);
    assert!(Actions::with_description(&gap).is_none());
    assert!(WithDescription::abi_decode_params(&gap, true).is_err());
    // An address with a non-zero upper byte.
    let mut dirty = good.clone();
    dirty[128 + 32] = 1;
    assert!(Actions::with_description(&dirty).is_none());
    // Non-zero padding after the calldata bytes (36 bytes, padded to 64).
    let calldatas_at = at_word(&good, 64) as usize;
    let element = calldatas_at + 32 + 32;
    let mut padding = good.clone();
    padding[element + 32 + 40] = 1;
    assert!(Actions::with_description(&padding).is_none());
    // A length past the end.
    let mut long = good.clone();
    word(&mut long, calldatas_at, 1 << 40);
    assert!(Actions::with_description(&long).is_none());
    // The string form given where bytes32 is expected, and the reverse.
    assert!(Actions::with_hash(&good).is_none());
    assert!(Actions::with_description(&with_hash(&a)).is_none());
}
