//! Stateful property test (SPEC.md section 10): random sequences of
//! operations by random actors, authorised or not, over the three contracts
//! deployed together. A sequence is a run of scenes (src/stateful.rs):
//! contributions recorded and claimed after the window opens, stakes held
//! to the end of their lock and unstaked, proposals voted, queued, approved
//! and executed, council bans, disqualifications and pauses, and runs of
//! purely random operations (mostly refused). After every step every
//! invariant holds (Σ payouts <= min(P_e, n_e * maxAmt_e) per closed epoch
//! and no contribution id counted twice among them), and every refused step
//! changed nothing. Every operation kind must succeed at least once (a
//! direct `setParameter` never).
//!
//! `FLT_STATEFUL_CASES` raises the number of sequences (default 32); the
//! per-operation counts are printed (`--nocapture`).

use std::cell::RefCell;

use flt_system_tests::stateful::{sequence, Counts, Harness, Motsu};
use flt_system_tests::*;
use proptest::prelude::*;

#[motsu::test]
fn invariants_hold_under_random_operation_sequences() {
    let cases: u32 = std::env::var("FLT_STATEFUL_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(32);
    let counts = RefCell::new(Counts::default());
    let steps = std::cell::Cell::new(0u64);
    let config = ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() };
    proptest!(config, |(ops in sequence(4..12))| {
        let s = System::deploy_governed();
        let mut h = Harness::new(s.signers, s.validator);
        let mut chain = Motsu(&s);
        h.setup(&mut chain);
        let mut before = h.snapshot(&chain);
        for op in &ops {
            let step = h.step(&mut chain, op, &before);
            counts.borrow_mut().add(step.kind, step.ok);
            steps.set(steps.get() + 1);
            before = step.after;
        }
    });
    let counts = counts.into_inner();
    println!("stateful: {cases} sequences, {} steps\n{}", steps.get(), counts.table());
    counts.check().unwrap_or_else(|e| panic!("{e}\n{}", counts.table()));
}
