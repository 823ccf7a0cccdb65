//! The circulating-supply history of FLToken (SPEC.md section 7):
//! `getPastTotalSupply(t)` against a plain reference model, whatever the
//! storage does (the reserve's word keeps the count and the latest
//! checkpoint, two earlier checkpoints share a slot), and the invariant that
//! storage rests on: the reserve (and the token itself) never stakes.
//!
//! A token deployed alone with a plain account as its reserve lets each
//! test make payouts directly (`transfer` from the reserve), in the same
//! second or in later ones, as many as it likes.

use alloy_primitives::{Address, U256};
use fl_token::{errors::*, FLToken, TOTAL_SUPPLY};
use flt_system_tests::*;
use motsu::prelude::*;

/// The tests of this binary run one at a time (motsu's shared storage map;
/// see `System`'s `SERIAL`).
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

const RESERVE: u64 = 0x4e5;

/// A token whose reserve is the plain account `addr(RESERVE)`.
fn token() -> (Contract<FLToken>, Address) {
    let token: Contract<FLToken> = Contract::new();
    let reserve = addr(RESERVE);
    token.sender(addr(0xde9)).constructor(reserve).motsu_unwrap();
    (token, reserve)
}

/// OZ's checkpoint list, the plain way: one `(time, value)` per second in
/// which the value changed (a change in the same second overwrites).
#[derive(Default)]
struct Model(Vec<(u64, U256)>);

impl Model {
    fn push(&mut self, t: u64, value: U256) {
        match self.0.last_mut() {
            Some(last) if last.0 == t => last.1 = value,
            _ => self.0.push((t, value)),
        }
    }

    /// The value of the last checkpoint at or before `t`, 0 before the first.
    fn at(&self, t: u64) -> U256 {
        self.0.iter().rev().find(|(time, _)| *time <= t).map_or(U256::ZERO, |c| c.1)
    }

    /// Every time worth asking about: each checkpoint's, one before and one
    /// after, and the second before the first.
    fn probes(&self) -> Vec<u64> {
        let mut ts: Vec<u64> = self.0.iter().flat_map(|(t, _)| [t - 1, *t, t + 1]).collect();
        ts.sort_unstable();
        ts.dedup();
        ts
    }
}

fn past_supply(token: &Contract<FLToken>, t: u64) -> U256 {
    token.sender(addr(1)).get_past_total_supply(U256::from(t)).motsu_unwrap()
}

/// Every probe time in the past (`< now`) answers as the model does.
fn assert_history(token: &Contract<FLToken>, model: &Model, step: &str) {
    for t in model.probes().into_iter().filter(|t| *t < now()) {
        assert_eq!(past_supply(token, t), model.at(t), "getPastTotalSupply({t}) after {step}");
    }
}

/// A payout of `value` from the reserve to `to`, recorded in the model.
fn pay(token: &Contract<FLToken>, reserve: Address, to: Address, value: U256, model: &mut Model) {
    assert!(token.sender(reserve).transfer(to, value).motsu_unwrap());
    let circulating = TOTAL_SUPPLY - token.sender(reserve).balance_of(reserve);
    model.push(now(), circulating);
}

/// A deterministic sequence of `(seconds to wait, FLT paid)`; waits of 0
/// make payouts in the same second, amounts of 0 change nothing.
fn schedule(seed: u64, n: usize) -> Vec<(u64, u64)> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let wait = [0, 0, 1, 1, 1, 2, 3, 60][(x >> 33) as usize % 8];
            let amount = [0, 1, 7, 1_000, 100_000][(x >> 45) as usize % 5];
            (wait, amount)
        })
        .collect()
}

#[motsu::test]
fn past_total_supply_follows_the_model_through_many_payouts() {
    let _serial = serial();
    for seed in [1, 2, 3, 0xf17] {
        let (token, reserve) = token();
        let mut model = Model::default();
        advance(5);
        let start = now();
        for (i, (wait, amount)) in schedule(seed, 60).into_iter().enumerate() {
            advance(wait);
            pay(&token, reserve, addr(100 + i as u64 % 7), U256::from(amount) * FLT, &mut model);
            assert_history(&token, &model, &format!("payout {i} of seed {seed}"));
        }
        advance(1);
        assert_history(&token, &model, &format!("the last payout of seed {seed}"));
        assert!(model.0.len() >= 20, "seed {seed}: {} checkpoints, enough slots and halves", model.0.len());
        assert_eq!(past_supply(&token, start - 1), U256::ZERO, "nothing circulated before the first payout");
        assert_eq!(past_supply(&token, now() - 1), TOTAL_SUPPLY - token.sender(reserve).balance_of(reserve));
    }
}

/// Checkpoints 0..=5 fill both halves of slots 0 and 1 and the even half
/// of slot 2; each is read back at its time, one second before and after,
/// once with the latest one only in the reserve's word and once stored.
#[motsu::test]
fn each_checkpoint_of_odd_and_even_halves_is_read_back() {
    let _serial = serial();
    let (token, reserve) = token();
    let mut model = Model::default();
    let holder = addr(7);
    advance(10);
    let first = now();
    for n in 1..=6u64 {
        pay(&token, reserve, holder, U256::from(n) * FLT, &mut model);
        assert_eq!(model.0.len() as u64, n);
        advance(2);
        assert_history(&token, &model, &format!("checkpoint {}", n - 1));
        for (i, (t, _)) in model.0.iter().enumerate() {
            let before = if i == 0 { U256::ZERO } else { model.0[i - 1].1 };
            assert_eq!(past_supply(&token, t - 1), before, "one second before checkpoint {i}");
            assert_eq!(past_supply(&token, *t), model.0[i].1, "at checkpoint {i}");
            assert_eq!(past_supply(&token, t + 1), model.0[i].1, "one second after checkpoint {i}");
        }
    }
    // 1 + 2 + ... + 6 FLT circulate, step by step.
    assert_eq!(past_supply(&token, first), FLT);
    assert_eq!(past_supply(&token, first + 2), U256::from(3) * FLT);
    assert_eq!(past_supply(&token, first + 10), U256::from(21) * FLT);
    assert_eq!(past_supply(&token, first - 1), U256::ZERO);
}

/// Payouts in the same second make one checkpoint holding the last value,
/// whether it is the first checkpoint, one that sits in an even half or
/// one in an odd half.
#[motsu::test]
fn payouts_in_one_second_make_one_checkpoint_with_the_last_value() {
    let _serial = serial();
    let (token, reserve) = token();
    let mut model = Model::default();
    advance(3);
    for round in 0..5u64 {
        for k in 1..=3u64 {
            pay(&token, reserve, addr(20 + k), U256::from(round * 10 + k) * FLT, &mut model);
        }
        assert_eq!(model.0.len() as u64, round + 1, "one checkpoint per second");
        advance(1);
        assert_history(&token, &model, &format!("round {round}"));
        let t = now() - 1;
        assert_eq!(past_supply(&token, t), TOTAL_SUPPLY - token.sender(reserve).balance_of(reserve));
    }
}

/// A payout of 0 from the reserve changes no past value; the future is
/// refused with `ERC5805FutureLookup(timepoint, clock)` as OZ does.
#[motsu::test]
fn zero_payouts_change_nothing_and_the_future_is_refused() {
    let _serial = serial();
    let (token, reserve) = token();
    let mut model = Model::default();
    advance(1);
    pay(&token, reserve, addr(2), FLT, &mut model);
    advance(1);
    pay(&token, reserve, addr(2), U256::ZERO, &mut model);
    advance(1);
    pay(&token, reserve, addr(2), U256::ZERO, &mut model);
    pay(&token, reserve, addr(3), FLT, &mut model);
    advance(1);
    assert_history(&token, &model, "zero payouts");
    assert_eq!(past_supply(&token, now() - 2), FLT, "the zero payout one second after kept 1 FLT");
    assert_eq!(past_supply(&token, now() - 1), FLT + FLT);
    for t in [now(), now() + 1, u64::MAX] {
        let err = token.sender(addr(1)).get_past_total_supply(U256::from(t)).motsu_unwrap_err();
        assert_eq!(
            err,
            Error::FutureLookup(ERC5805FutureLookup {
                timepoint: U256::from(t),
                clock: alloy_primitives::aliases::U48::from(now())
            })
        );
    }
}

/// Transfers between holders never touch the supply history (only the
/// reserve's balance is the circulating supply's complement).
#[motsu::test]
fn transfers_between_holders_leave_the_supply_history_alone() {
    let _serial = serial();
    let (token, reserve) = token();
    let mut model = Model::default();
    let (a, b) = (addr(1), addr(2));
    advance(1);
    pay(&token, reserve, a, U256::from(100) * FLT, &mut model);
    advance(1);
    token.sender(a).transfer(b, U256::from(40) * FLT).motsu_unwrap();
    advance(1);
    pay(&token, reserve, b, U256::from(5) * FLT, &mut model);
    advance(1);
    token.sender(b).transfer(a, U256::from(45) * FLT).motsu_unwrap();
    advance(1);
    assert_eq!(model.0.len(), 2);
    assert_history(&token, &model, "holder transfers");
    assert_eq!(past_supply(&token, now() - 1), U256::from(105) * FLT);
}

/// The clock's largest representable seconds (38 bits) are kept exactly;
/// a later clock is masked, never a panic.
#[motsu::test]
fn the_largest_38_bit_times_are_kept_and_later_ones_do_not_panic() {
    let _serial = serial();
    let (token, reserve) = token();
    let mut model = Model::default();
    let top = (1u64 << 38) - 1;
    advance(top - 2 - now());
    for _ in 0..3 {
        pay(&token, reserve, addr(5), FLT, &mut model);
        advance(1);
    }
    assert_eq!(now(), top + 1);
    assert_eq!(model.0.iter().map(|c| c.0).collect::<Vec<_>>(), vec![top - 2, top - 1, top]);
    assert_history(&token, &model, "payouts up to 2^38 - 1");
    assert_eq!(past_supply(&token, top), U256::from(3) * FLT);
    advance(10);
    assert!(token.sender(reserve).transfer(addr(5), FLT).motsu_unwrap(), "a payout after 2^38 still pays");
    assert_eq!(token.sender(addr(5)).balance_of(addr(5)), U256::from(4) * FLT);
}

/// Neither the reserve nor the token itself can open a stake position: the
/// bits of their words that would hold it keep the supply history's count
/// and latest time. The refusal names the caller and changes nothing.
#[motsu::test]
fn the_reserve_and_the_token_cannot_stake() {
    let _serial = serial();
    let s = System::deploy();
    let (a, reserve, this) = (addr(1), s.rewards.address(), s.token.address());
    s.fund(&[a]);
    let t1 = now();
    advance(1);
    let state = |s: &System| {
        (
            s.balance(reserve),
            s.token.sender(a).stake_of(reserve),
            s.token.sender(a).stake_of(this),
            s.token.sender(a).get_past_total_supply(U256::from(t1)).motsu_unwrap(),
            s.token.sender(a).get_past_total_supply(U256::from(t1 - 1)).motsu_unwrap(),
            s.token.all_events().len(),
        )
    };
    let before = state(&s);
    assert_eq!(before.3, CAP, "one payout circulated");
    assert_eq!(before.1, (U256::ZERO, 0, 0, 10_000), "the reserve has no position");
    for (who, amount, tier) in [(reserve, FLT * U256::from(10_000), 0), (reserve, CAP, 3), (this, U256::ZERO, 1)] {
        let err = s.token.sender(who).stake(amount, tier).motsu_unwrap_err();
        assert_eq!(err, Error::ReserveCannotStake(FLTReserveCannotStake { holder: who }));
        assert_eq!(state(&s), before, "{who} staking changed nothing");
    }
    // Unstaking finds no position either (its stake bits read as zero).
    let err = s.token.sender(reserve).unstake().motsu_unwrap_err();
    assert_eq!(err, Error::NoStake(FLTNoStake { holder: reserve }));
    // The history kept working: the next payout adds to it.
    let b = addr(2);
    s.fund(&[b]);
    let t2 = now();
    advance(1);
    assert_eq!(s.token.sender(a).get_past_total_supply(U256::from(t1)).motsu_unwrap(), CAP);
    assert_eq!(s.token.sender(a).get_past_total_supply(U256::from(t2)).motsu_unwrap(), CAP + CAP);
    assert_eq!(state(&s).1, before.1, "the reserve's word still reads as no position");
}
