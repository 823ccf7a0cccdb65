//! Time for the FLT contracts: `block.timestamp` seconds (never block
//! numbers). motsu's block timestamp is a constant, so native tests need a
//! seam to move time; it exists only under the `test-clock` feature, which
//! cannot be compiled for wasm32.
#![cfg_attr(not(feature = "test-clock"), no_std)]

#[cfg(all(feature = "test-clock", target_arch = "wasm32"))]
compile_error!("flt-clock's test-clock must never reach a deployable program");

/// The contracts' notion of now, given the host's block timestamp.
#[inline(always)]
pub fn now(block_timestamp: u64) -> u64 {
    #[cfg(feature = "test-clock")]
    {
        block_timestamp + seam::offset()
    }
    #[cfg(not(feature = "test-clock"))]
    {
        block_timestamp
    }
}

/// Native tests move time forward per test thread (motsu runs a test's
/// cross-contract calls on its own thread).
#[cfg(feature = "test-clock")]
pub mod seam {
    use std::cell::Cell;

    std::thread_local! {
        static OFFSET: Cell<u64> = const { Cell::new(0) };
    }

    pub fn offset() -> u64 {
        OFFSET.with(Cell::get)
    }

    /// Moves this thread's clock `seconds` forward.
    pub fn advance(seconds: u64) {
        OFFSET.with(|o| o.set(o.get() + seconds));
    }
}
