//! FLTRewards reads the arguments of `recordContribution`,
//! `recordContributions`, `claim` and `claimFor` by hand
//! (`fl_rewards::raw`, on `flt_sol::calldata`). These tests hold the
//! readers to alloy's validating decoder, the one the SDK's router ran
//! before (decode, re-encode, compare):
//! - every canonical encoding reads back as the values encoded;
//! - any encoding changed in one byte, cut short or extended is read exactly
//!   when alloy reads it, and then as the same values.

use alloy_primitives::{Address, B256};
use alloy_sol_types::SolCall;
use fl_rewards::raw::{
    claimCall, claimForCall, claim_args, claim_for_args, contribution_args, contributions_args, recordContributionCall,
    recordContributionsCall,
};
use fl_rewards::Contribution;
use flt_system_tests::mutation::{apply, change};
use proptest::prelude::*;

fn address() -> impl Strategy<Value = Address> {
    any::<[u8; 20]>().prop_map(Address::from)
}

fn accuracy() -> impl Strategy<Value = u32> {
    prop_oneof![0..=1_000_000u32, any::<u32>()]
}

fn item() -> impl Strategy<Value = Contribution> {
    (address(), any::<[u8; 32]>(), accuracy(), accuracy()).prop_map(|(contributor, id, previous, new)| Contribution {
        contributor,
        contributionId: B256::from(id),
        previousAccuracy: previous,
        newAccuracy: new,
    })
}

fn epochs() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(prop_oneof![0..60u64, any::<u64>()], 0..5)
}

fn args<C: SolCall>(call: &C) -> Vec<u8> {
    let mut out = Vec::new();
    call.abi_encode_raw(&mut out);
    out
}

fn fields(c: &Contribution) -> (Address, B256, u32, u32) {
    (c.contributor, c.contributionId, c.previousAccuracy, c.newAccuracy)
}

fn all_fields(items: &[Contribution]) -> Vec<(Address, B256, u32, u32)> {
    items.iter().map(fields).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn canonical_encodings_read_back(items in prop::collection::vec(item(), 0..4), one in item(), es in epochs(), who in address()) {
        let batch = args(&recordContributionsCall { contributions: items.clone() });
        prop_assert_eq!(all_fields(&contributions_args(&batch).expect("canonical")), all_fields(&items));
        let single = args(&recordContributionCall {
            contributor: one.contributor,
            contributionId: one.contributionId,
            previousAccuracy: one.previousAccuracy,
            newAccuracy: one.newAccuracy,
        });
        prop_assert_eq!(all_fields(&contribution_args(&single).expect("canonical")), vec![fields(&one)]);
        prop_assert_eq!(claim_args(&args(&claimCall { epochs: es.clone() })).expect("canonical"), es.clone());
        let (read_who, read_epochs) = claim_for_args(&args(&claimForCall { contributor: who, epochs: es.clone() })).expect("canonical");
        prop_assert_eq!(read_who, who);
        prop_assert_eq!(read_epochs, es);
    }

    #[test]
    fn a_changed_encoding_is_read_exactly_when_alloy_reads_it(items in prop::collection::vec(item(), 0..3), es in epochs(), who in address(), c in change()) {
        let changed = apply(args(&recordContributionsCall { contributions: items.clone() }), &c);
        match (contributions_args(&changed), recordContributionsCall::abi_decode_raw(&changed, true)) {
            (Some(read), Ok(call)) => prop_assert_eq!(all_fields(&read), all_fields(&call.contributions)),
            (None, Err(_)) => {}
            (read, alloy) => prop_assert!(false, "batch {c:?}: hand {:?}, alloy {:?}", read.is_some(), alloy.is_ok()),
        }
        if let Some(one) = items.first() {
            let single = recordContributionCall {
                contributor: one.contributor,
                contributionId: one.contributionId,
                previousAccuracy: one.previousAccuracy,
                newAccuracy: one.newAccuracy,
            };
            let changed = apply(args(&single), &c);
            match (contribution_args(&changed), recordContributionCall::abi_decode_raw(&changed, true)) {
                (Some(read), Ok(call)) => prop_assert_eq!(
                    all_fields(&read),
                    vec![(call.contributor, call.contributionId, call.previousAccuracy, call.newAccuracy)]
                ),
                (None, Err(_)) => {}
                (read, alloy) => prop_assert!(false, "single {c:?}: hand {:?}, alloy {:?}", read.is_some(), alloy.is_ok()),
            }
        }
        let changed = apply(args(&claimCall { epochs: es.clone() }), &c);
        match (claim_args(&changed), claimCall::abi_decode_raw(&changed, true)) {
            (Some(read), Ok(call)) => prop_assert_eq!(read, call.epochs),
            (None, Err(_)) => {}
            (read, alloy) => prop_assert!(false, "claim {c:?}: hand {:?}, alloy {:?}", read.is_some(), alloy.is_ok()),
        }
        let changed = apply(args(&claimForCall { contributor: who, epochs: es }), &c);
        match (claim_for_args(&changed), claimForCall::abi_decode_raw(&changed, true)) {
            (Some(read), Ok(call)) => prop_assert_eq!(read, (call.contributor, call.epochs)),
            (None, Err(_)) => {}
            (read, alloy) => prop_assert!(false, "claimFor {c:?}: hand {:?}, alloy {:?}", read.is_some(), alloy.is_ok()),
        }
    }
}

fn set_word(data: &mut [u8], at: usize, v: u64) {
    data[at..at + 32].fill(0);
    data[at + 24..at + 32].copy_from_slice(&v.to_be_bytes());
}

/// Encodings a Solidity caller could send that are not canonical: each is
/// refused (the fallback then reverts empty, as the SDK's router did).
#[test]
fn non_canonical_encodings_are_refused() {
    let one = Contribution {
        contributor: Address::repeat_byte(0x11),
        contributionId: B256::repeat_byte(0x22),
        previousAccuracy: 5_000,
        newAccuracy: 6_000,
    };
    let batch = args(&recordContributionsCall { contributions: vec![one.clone(), one.clone()] });
    assert!(contributions_args(&batch).is_some());
    // Item 1's address with a non-zero upper byte; its accuracy above 2^32.
    let item1 = 64 + 128;
    let mut dirty = batch.clone();
    dirty[item1] = 1;
    assert!(contributions_args(&dirty).is_none());
    let mut wide = batch.clone();
    wide[item1 + 64 + 27] = 1;
    assert!(contributions_args(&wide).is_none());
    assert!(recordContributionsCall::abi_decode_raw(&wide, true).is_err());
    // The array one word later, a gap before it.
    let mut gap = batch.clone();
    gap.splice(32..32, [0u8; 32]);
    set_word(&mut gap, 0, 64);
    assert!(contributions_args(&gap).is_none());
    assert!(recordContributionsCall::abi_decode_raw(&gap, true).is_err());
    // A length past the end, and a trailing byte.
    let mut long = batch.clone();
    set_word(&mut long, 32, 3);
    assert!(contributions_args(&long).is_none());
    // Lengths are checked against the calldata before anything is
    // allocated: the 44-byte calldata with which the fuzz target made
    // alloy 0.8.20 request ~2 TB, and a length of 2^40 items.
    let huge = include_bytes!("../../fuzz/regressions/batch_decoding/huge-allocation");
    assert_eq!(huge[..4], recordContributionsCall::SELECTOR);
    assert!(contributions_args(&huge[4..]).is_none());
    let mut vast = batch.clone();
    set_word(&mut vast, 32, 1 << 40);
    assert!(contributions_args(&vast).is_none());
    assert!(claim_args(&vast).is_none());
    let mut trailing = batch.clone();
    trailing.push(0);
    assert!(contributions_args(&trailing).is_none());

    let single = args(&recordContributionCall {
        contributor: one.contributor,
        contributionId: one.contributionId,
        previousAccuracy: one.previousAccuracy,
        newAccuracy: one.newAccuracy,
    });
    let mut extra = single.clone();
    extra.extend_from_slice(&[0u8; 32]);
    assert!(contribution_args(&extra).is_none());
    assert!(contribution_args(&single[..127]).is_none());

    let claim = args(&claimCall { epochs: vec![3, 4] });
    assert_eq!(claim_args(&claim), Some(vec![3, 4]));
    // An epoch above 2^64.
    let mut big = claim.clone();
    big[64 + 32 + 23] = 1;
    assert!(claim_args(&big).is_none());
    assert!(claimCall::abi_decode_raw(&big, true).is_err());
    // claimFor's calldata given to claim, and the reverse.
    let claim_for = args(&claimForCall { contributor: one.contributor, epochs: vec![3, 4] });
    assert!(claim_args(&claim_for).is_none());
    assert!(claim_for_args(&claim).is_none());
    // claimFor with a dirty address.
    let mut dirty = claim_for.clone();
    dirty[0] = 1;
    assert!(claim_for_args(&dirty).is_none());
    assert!(claimForCall::abi_decode_raw(&dirty, true).is_err());
}
