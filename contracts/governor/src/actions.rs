//! A proposal's actions as calldata carries them: the arguments
//! `(address[] targets, uint256[] values, bytes[] calldatas, X)` of
//! `propose` (X = `string description`) and of `queue`, `execute`, `cancel`
//! and `hashProposal` (X = `bytes32 descriptionHash`), read in place.
//!
//! The rule: only the canonical (Solidity) encoding is accepted, which is
//! exactly what the SDK's router accepted before (alloy's validating
//! decoder decodes, re-encodes and refuses any difference). Every byte is
//! therefore either content (an address, a value, a calldata byte, the
//! description or its hash) or fixed by the content (offsets, lengths, zero
//! padding), and this reader checks each fixed byte. It follows that the
//! `bytes32` form IS OZ's `hashProposal` preimage,
//! `abi.encode(targets, values, calldatas, descriptionHash)`, and is hashed
//! as it comes; the `string` form is that preimage followed by the
//! description. Hand-read because alloy's generic array decoder and encoder
//! measured several KB of FLTGovernor's wasm.

use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use flt_sol::calldata::{address_of, length, usize_of, words};

/// The decoded arguments, borrowing the calldata.
#[derive(Debug, PartialEq, Eq)]
pub struct Actions<'a> {
    pub targets: Vec<Address>,
    pub values: Vec<U256>,
    pub calldatas: Vec<&'a [u8]>,
    /// The arguments up to the end of the calldatas array: the preimage,
    /// except that in the `string` form word 3 is the description's offset.
    head_and_arrays: &'a [u8],
    /// Where the values and the calldatas arrays start.
    values_at: usize,
    calldatas_at: usize,
    /// The description (`string` form) or the 32-byte hash (`bytes32`).
    last: &'a [u8],
}

/// The four head words (three offsets and the last argument, or its
/// offset); the first array starts right after them.
const HEAD: usize = 4 * 32;

impl<'a> Actions<'a> {
    /// The `bytes32` form: `(address[], uint256[], bytes[], bytes32)`.
    pub fn with_hash(args: &'a [u8]) -> Option<Self> {
        let (mut actions, end) = Self::arrays(args)?;
        if args.len() != end {
            return None;
        }
        actions.last = args.get(3 * 32..HEAD)?;
        Some(actions)
    }

    /// The `string` form: `(address[], uint256[], bytes[], string)`.
    pub fn with_description(args: &'a [u8]) -> Option<Self> {
        let (mut actions, end) = Self::arrays(args)?;
        if length(args, 3 * 32)? != end {
            return None;
        }
        let (description, after) = bytes_at(args, end)?;
        if args.len() != after {
            return None;
        }
        actions.last = description;
        Some(actions)
    }

    /// `abi.encode(targets, values, calldatas, descriptionHash)` for the
    /// given hash (in the `string` form, the description's): the proposal
    /// id is its keccak256.
    pub fn preimage(&self, description_hash: &[u8; 32]) -> Vec<u8> {
        let mut out = self.head_and_arrays.to_vec();
        if let Some(word) = out.get_mut(3 * 32..HEAD) {
            word.copy_from_slice(description_hash);
        }
        out
    }

    /// The arguments up to the end of the calldatas array; in the `bytes32`
    /// form, all of them, and the preimage itself (hashed without a copy).
    pub fn encoded(&self) -> &'a [u8] {
        self.head_and_arrays
    }

    /// The description (`string` form) or the description hash.
    pub fn last(&self) -> &'a [u8] {
        self.last
    }

    /// `ProposalCreated`'s data, `(uint256 proposalId, address proposer,
    /// address[] targets, uint256[] values, string[] signatures, bytes[]
    /// calldatas, uint256 voteStart, uint256 voteEnd, string description)`
    /// with one empty signature per target, canonically encoded: the arrays'
    /// tails are copied as they came (their inner offsets are relative to
    /// each array, so they stay valid).
    pub fn proposal_created(&self, id: U256, proposer: Address, vote_start: u64, vote_end: u64) -> Vec<u8> {
        const EVENT_HEAD: usize = 9 * 32;
        let (args, values_at, calldatas_at) = (self.head_and_arrays, self.values_at, self.calldatas_at);
        let n = self.targets.len();
        let signatures_at = EVENT_HEAD + (calldatas_at - HEAD);
        let new_calldatas_at = signatures_at + 32 * (1 + 2 * n);
        let description_at = new_calldatas_at + (args.len() - calldatas_at);
        let mut out = Vec::with_capacity(description_at + 64 + self.last.len());
        for w in [
            id.to_be_bytes::<32>(),
            proposer.into_word().0,
            size_word(EVENT_HEAD),
            size_word(EVENT_HEAD + (values_at - HEAD)),
            size_word(signatures_at),
            size_word(new_calldatas_at),
            u64_word(vote_start),
            u64_word(vote_end),
            size_word(description_at),
        ] {
            out.extend_from_slice(&w);
        }
        // targets and values, then n empty strings, then calldatas.
        out.extend_from_slice(args.get(HEAD..calldatas_at).unwrap_or_default());
        out.extend_from_slice(&size_word(n));
        for i in 0..n {
            out.extend_from_slice(&size_word(32 * (n + i)));
        }
        out.resize(out.len() + 32 * n, 0);
        out.extend_from_slice(args.get(calldatas_at..).unwrap_or_default());
        push_bytes(&mut out, self.last);
        out
    }

    /// The three arrays, with every offset, length and padding checked
    /// against the canonical layout; returns where the calldatas end.
    fn arrays(args: &'a [u8]) -> Option<(Self, usize)> {
        if length(args, 0)? != HEAD {
            return None;
        }
        let (targets, values_at) = words(args, HEAD)?;
        let targets = targets.iter().map(|w| address_of(*w)).collect::<Option<Vec<_>>>()?;
        if length(args, 32)? != values_at {
            return None;
        }
        let (values, calldatas_at) = words(args, values_at)?;
        let values = values.iter().map(|w| U256::from_be_bytes(**w)).collect();
        if length(args, 64)? != calldatas_at {
            return None;
        }
        // Element offsets count from the word after the array's length;
        // element 0 starts right after the offsets, element i where i - 1
        // ended.
        let (offsets, mut end) = words(args, calldatas_at)?;
        let origin = calldatas_at + 32;
        let mut calldatas = Vec::with_capacity(offsets.len());
        for offset in offsets {
            if usize_of(offset)? != end - origin {
                return None;
            }
            let (data, after) = bytes_at(args, end)?;
            calldatas.push(data);
            end = after;
        }
        let head_and_arrays = args.get(..end)?;
        Some((Self { targets, values, calldatas, head_and_arrays, values_at, calldatas_at, last: &[] }, end))
    }
}

/// Appends `b` as an ABI `bytes` tail: its length, then its bytes padded.
fn push_bytes(out: &mut Vec<u8>, b: &[u8]) {
    out.extend_from_slice(&size_word(b.len()));
    out.extend_from_slice(b);
    out.resize(out.len() + padding(b.len()), 0);
}

fn padding(len: usize) -> usize {
    (32 - len % 32) % 32
}

/// A size or offset as a word (usize is at most 64 bits).
fn size_word(n: usize) -> [u8; 32] {
    u64_word(n as u64)
}

fn u64_word(n: u64) -> [u8; 32] {
    let mut w = [0u8; 32];
    w[24..].copy_from_slice(&n.to_be_bytes());
    w
}

/// A `bytes` tail at `at` (its length, its bytes, zero padding): the bytes
/// and where the padding ends.
fn bytes_at(args: &[u8], at: usize) -> Option<(&[u8], usize)> {
    let len = length(args, at)?;
    let start = at.checked_add(32)?;
    let data_end = start.checked_add(len)?;
    let end = data_end.checked_add(padding(len))?;
    let data = args.get(start..data_end)?;
    if args.get(data_end..end)?.iter().any(|b| *b != 0) {
        return None;
    }
    Some((data, end))
}
