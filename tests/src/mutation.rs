//! One change to a valid encoding, for the tests that hold a hand-written
//! calldata reader to alloy's decoder (`tests/tests/actions.rs`,
//! `tests/tests/rewards_args.rs`): a byte set, the end cut or bytes added.

use proptest::prelude::*;

#[derive(Debug, Clone)]
pub enum Change {
    Set(prop::sample::Index, u8),
    Cut(prop::sample::Index),
    Append(Vec<u8>),
}

/// Mostly single bytes set, sometimes a cut or an extension.
pub fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        6 => (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Change::Set(i, b)),
        1 => any::<prop::sample::Index>().prop_map(Change::Cut),
        1 => prop::collection::vec(any::<u8>(), 1..40).prop_map(Change::Append),
    ]
}

/// `data` with `c` applied.
pub fn apply(mut data: Vec<u8>, c: &Change) -> Vec<u8> {
    match c {
        Change::Set(i, b) => {
            let at = i.index(data.len());
            data[at] = *b;
        }
        Change::Cut(i) => data.truncate(i.index(data.len())),
        Change::Append(extra) => data.extend_from_slice(extra),
    }
    data
}
