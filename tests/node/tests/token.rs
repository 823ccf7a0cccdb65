//! FLToken's ERC20Votes history on the real Stylus VM, read as an
//! OpenZeppelin 5.x front end reads it (SPEC.md section 7, v1.1).
//!
//! What it proves:
//! - `checkpoints(address,uint32)` answers under Solidity's selector
//!   (computed here from the signature, not taken from the bindings) with
//!   64 bytes that Solidity's ABI decodes as OZ's `Checkpoint208 { uint48
//!   _key; uint208 _value; }`: one checkpoint per block time at which the
//!   account's votes changed, keyed by that block's timestamp;
//!   `numCheckpoints(address)` (its selector computed the same way) counts
//!   them, and a holder who never delegated has none.
//! - A position past the last is refused, as a call and as a mined
//!   transaction, with `FLTNoCheckpoint(account, pos, numCheckpoints)`, the
//!   history unchanged.
//! - A transfer between two delegating holders logs `Transfer` before both
//!   `DelegateVotesChanged` (ERC20Votes' order), and so does a payout from
//!   the reserve to a delegating holder.
//! - Claims in separate blocks (one second apart and further) make the
//!   circulating-supply history: `getPastTotalSupply` at each claim's block
//!   time is the total supply minus the reserve's balance right after that
//!   block, one second before it the previous value, 0 before the first
//!   payout (checkpoints in both halves of the packed slots, the latest one
//!   kept in the reserve's word).

use alloy_primitives::{aliases::U48, keccak256, Address, B256, U256};
use alloy_sol_types::{sol, SolEvent, SolValue};
use flt_node_tests::{
    abi::{FLToken, FLToken::IFLTokenErrors as E},
    flows::{self, block_time},
    govern::{current_epoch, earn, flt, fund, record, show},
    system::{fresh, System},
};

sol! {
    /// OpenZeppelin 5.x `Checkpoints.Checkpoint208`, as Solidity returns it.
    #[derive(Debug)]
    struct Checkpoint208 { uint48 _key; uint208 _value; }
}

fn selector(signature: &str) -> [u8; 4] {
    keccak256(signature.as_bytes())[..4].try_into().expect("4 bytes")
}

fn word(address: Address) -> [u8; 32] {
    address.into_word().0
}

/// `checkpoints(account, pos)` sent as raw calldata and decoded with
/// Solidity's ABI; `Err` with the decoded error when refused.
fn checkpoint(sys: &System, account: Address, pos: u32) -> Result<Checkpoint208, E> {
    let mut data = selector("checkpoints(address,uint32)").to_vec();
    data.extend(word(account));
    data.extend(U256::from(pos).to_be_bytes::<32>());
    match sys.client.call_raw(Address::ZERO, sys.token, data, U256::ZERO) {
        Ok(out) => {
            assert_eq!(out.len(), 64, "a static (uint48, uint208): two words, no offset");
            Ok(Checkpoint208::abi_decode(&out, true).expect("decodes as Checkpoint208"))
        }
        Err(revert) => Err(revert.decode::<E>()),
    }
}

fn num_checkpoints(sys: &System, account: Address) -> u32 {
    let mut data = selector("numCheckpoints(address)").to_vec();
    data.extend(word(account));
    let out = sys.client.call_raw(Address::ZERO, sys.token, data, U256::ZERO).expect("numCheckpoints answers");
    let n = <u32>::abi_decode(&out, true).expect("decodes as uint32");
    assert_eq!(n, sys.client.call(sys.token, &FLToken::numCheckpointsCall { account })._0, "bindings agree");
    n
}

fn key(t: u64) -> U48 {
    U48::from(t)
}

fn refused_out_of_range(sys: &System, account: Address, pos: u32, count: u32) {
    match checkpoint(sys, account, pos) {
        Err(E::FLTNoCheckpoint(e)) => assert_eq!((e.account, e.pos, e.numCheckpoints), (account, pos, count)),
        Err(other) => panic!("checkpoints({account}, {pos}): {}", show(&other)),
        Ok(c) => panic!("checkpoints({account}, {pos}) answered {c:?}"),
    }
    let call = FLToken::checkpointsCall { account, pos };
    match sys.client.refuse::<_, E>(sys.at(9), sys.token, &call) {
        E::FLTNoCheckpoint(e) => assert_eq!((e.account, e.pos, e.numCheckpoints), (account, pos, count)),
        other => panic!("checkpoints({account}, {pos}) as a transaction: {}", show(&other)),
    }
    assert_eq!(num_checkpoints(sys, account), count, "the refusal changed nothing");
}

/// The topic0 of each log FLToken emitted in `r`, in order.
fn token_logs(sys: &System, r: &flt_node_tests::Receipt) -> Vec<B256> {
    r.log_kinds().into_iter().filter(|(at, _)| *at == sys.token).map(|(_, t)| t).collect()
}

#[test]
fn checkpoints_decode_as_oz_checkpoint208_under_solidity_selectors() {
    let sys = fresh();
    fund(&sys, &[4, 5]);
    let (a, b) = (sys.at(4), sys.at(5));
    assert_eq!(num_checkpoints(&sys, a), 0, "no delegation yet, no history");
    refused_out_of_range(&sys, a, 0, 0);

    let r = sys.client.send(a, sys.token, &FLToken::delegateCall { delegatee: a });
    let t0 = block_time(&sys, r.block);
    sys.next_at(t0 + 10);
    let r = sys.client.send(a, sys.token, &FLToken::transferCall { to: b, value: flt(30_000) });
    let t1 = block_time(&sys, r.block);
    assert_eq!(t1, t0 + 10);

    assert_eq!(num_checkpoints(&sys, a), 2);
    let c0 = checkpoint(&sys, a, 0).expect("checkpoint 0");
    assert_eq!((c0._key, c0._value.to::<U256>()), (key(t0), flt(100_000)));
    let c1 = checkpoint(&sys, a, 1).expect("checkpoint 1");
    assert_eq!((c1._key, c1._value.to::<U256>()), (key(t1), flt(70_000)));
    let bound = sys.client.call(sys.token, &FLToken::checkpointsCall { account: a, pos: 1 });
    assert_eq!((bound._0, bound._1.to::<U256>()), (key(t1), flt(70_000)), "abi/ bindings read the same");
    assert_eq!(num_checkpoints(&sys, b), 0, "b never delegated");
    for pos in [2, u32::MAX] {
        refused_out_of_range(&sys, a, pos, 2);
    }
    let votes = sys.client.call(sys.token, &FLToken::getVotesCall { account: a })._0;
    assert_eq!(votes, flt(70_000), "the latest checkpoint is the current votes");
}

#[test]
fn transfer_is_logged_before_delegate_votes_changed() {
    let sys = fresh();
    fund(&sys, &[4, 5]);
    let (a, b) = (sys.at(4), sys.at(5));
    for who in [a, b] {
        sys.client.send(who, sys.token, &FLToken::delegateCall { delegatee: who });
    }
    let r = sys.client.send(a, sys.token, &FLToken::transferCall { to: b, value: flt(1) });
    let (transfer, moved) = (FLToken::Transfer::SIGNATURE_HASH, FLToken::DelegateVotesChanged::SIGNATURE_HASH);
    assert_eq!(token_logs(&sys, &r), vec![transfer, moved, moved], "Transfer first, as ERC20Votes");
    let t = r.event::<FLToken::Transfer>(sys.token);
    assert_eq!((t.from, t.to, t.value), (a, b, flt(1)));
    let m: Vec<_> =
        r.events::<FLToken::DelegateVotesChanged>(sys.token).iter().map(|m| (m.delegate, m.newVotes)).collect();
    assert_eq!(m, vec![(a, flt(99_999)), (b, flt(100_001))]);

    // A payout to a delegating holder (a, already registered, earns again):
    // the reserve's Transfer, then a's votes.
    record(&sys, "again", &[(a, 500_000, 500_000)]);
    let e = current_epoch(&sys);
    sys.warp(flows::claims_open(&sys, e));
    let r = flows::claim(&sys, a, vec![e]);
    assert_eq!(token_logs(&sys, &r), vec![transfer, moved]);
    let m = r.event::<FLToken::DelegateVotesChanged>(sys.token);
    assert_eq!((m.delegate, m.previousVotes, m.newVotes), (a, flt(99_999), flt(199_999)));
}

#[test]
fn past_total_supply_is_the_circulating_supply_after_each_claims_block() {
    let sys = fresh();
    let past = |t: u64| sys.client.call(sys.token, &FLToken::getPastTotalSupplyCall { timepoint: U256::from(t) })._0;
    let total = sys.client.call(sys.token, &FLToken::totalSupplyCall {})._0;
    let who = [4, 5, 6, 7, 8, 9];
    let e = earn(&sys, &who);
    // Gaps of 1, 1, 3, 1, 7 seconds: six checkpoints, the first five stored
    // in both halves of two slots and the even half of a third.
    let start = sys.now() + 5;
    let mut history: Vec<(u64, U256)> = Vec::new();
    for (i, offset) in who.iter().zip([0, 1, 2, 5, 6, 13]) {
        sys.next_at(start + offset);
        let r = flows::claim(&sys, sys.at(*i), vec![e]);
        let t = block_time(&sys, r.block);
        assert_eq!(t, start + offset, "claim of dev {i} in its own block at its time");
        history.push((t, total - sys.balance(sys.rewards)));
    }
    sys.warp(history.last().expect("six claims").0 + 2);
    // OZ: the value of the last checkpoint at or before t, 0 before the first.
    let expected =
        |t: u64| history.iter().rev().find(|(at, _)| *at <= t).map_or(U256::ZERO, |(_, circulating)| *circulating);
    assert_eq!(past(start - 1), U256::ZERO, "nothing circulated before the first claim");
    for (k, (t, circulating)) in history.iter().enumerate() {
        assert_eq!(*circulating, flt(100_000 * (k as u128 + 1)), "each claim pays the cap");
        assert_eq!(past(*t), *circulating, "at claim {k}'s block time");
        for probe in [t - 1, t + 1] {
            assert_eq!(past(probe), expected(probe), "one second from claim {k} ({probe})");
        }
    }
    assert_eq!(past(start), flt(100_000));
    assert_eq!(past(start + 4), flt(300_000), "between the third and the fourth claim");
}
