//! FLTRewards: contributors, validators, scores, epochs, the reserve and
//! claims (SPEC.md sections 3, 5 and 6).
//!
//! This file is the contract's whole ABI surface: one `#[public]` block whose
//! methods delegate to one module per concern, and its fallback, which
//! answers the four functions `raw.rs` declares and reads
//! (`recordContribution`, `recordContributions`, `claim`, `claimFor`).
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
extern crate alloc;

// The panic handler is flt-sol's (one for all three programs).

mod claims;
mod contributions;
mod epochs;
pub mod errors;
pub mod events;
mod governance;
pub mod raw;
mod token;
mod views;
pub mod words;

use alloc::{vec, vec::Vec};

use alloy_primitives::{Address, B256, U256};
use stylus_sdk::{
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageMap, StorageU256, StorageU32, StorageU64},
};

use crate::errors::Error;
pub use crate::raw::Contribution;

#[storage]
pub struct Slots2 {
    a: StorageU256,
    b: StorageU256,
}

#[storage]
#[entrypoint]
pub struct FLTRewards {
    /// FLToken; zero until the one-time wiring.
    token: StorageAddress,
    /// Recording and claims revert with `EnforcedPause` until this time.
    /// Declared next to `token` so that both share one slot: every
    /// recording and claim reads the two, and pays one cold read, not two.
    paused_until: StorageU64,
    /// How many [`words::Segment`]s `segments` holds. It shares the slot of
    /// `token` and `paused_until`, which every recording and claim reads
    /// anyway, so finding the current epoch costs one cold read (the last
    /// segment) instead of two.
    segment_count: StorageU32,
    /// The address allowed to wire the token once; cleared by wiring.
    wirer: StorageAddress,
    /// [`words::Accounting`]: reserve, earmarked, open epoch.
    accounting: StorageU256,
    /// [`words::Segment`]s by index `0..segment_count`, append-only.
    segments: StorageMap<u32, StorageU256>,
    /// Epoch-level parameter sets ([`words::load_params`]), append-only.
    param_sets: StorageMap<u32, Slots2>,
    /// [`words::Epoch`] per epoch that had contributions.
    epochs: StorageMap<u64, Slots2>,
    /// [`words::Entry`] per epoch and contributor.
    entries: StorageMap<u64, StorageMap<Address, StorageU256>>,
    /// [`words::Contributor`] per address.
    contributors: StorageMap<Address, StorageU256>,
    validators: StorageMap<Address, StorageBool>,
    /// Every contributionId ever recorded (replay protection).
    recorded: StorageMap<B256, StorageBool>,
    /// FLTGovernor, named by the wiring.
    governor: StorageAddress,
}

#[public]
impl FLTRewards {
    /// `genesis = 0` means now; a past genesis is refused, a future one
    /// delays epoch 0. `validators` seeds the validator set (zero and
    /// duplicate addresses refused). `wirer` may call `wire` once; nothing
    /// that moves tokens or records works before.
    ///
    /// # Errors
    /// `FLTGenesisInPast`, `FLTInvalidValidator`.
    /// # Events
    /// `ValidatorSet` per validator.
    #[constructor]
    pub fn constructor(&mut self, genesis: u64, validators: Vec<Address>, wirer: Address) -> Result<(), Error> {
        self._init(genesis, validators, wirer)
    }

    /// Connects FLToken and FLTGovernor once: only `wirer`, only while
    /// unwired, and only a token that names this contract its reserve and
    /// minted the whole supply to it. Names the governor in FLToken too.
    ///
    /// # Errors
    /// `FLTWiringRefused`, `FLTTokenCallFailed`.
    /// # Events
    /// `Wired`.
    pub fn wire(&mut self, token: Address, governor: Address) -> Result<(), Error> {
        self._wire(token, governor)
    }

    /// # Errors
    /// `FLTAlreadyRegistered`.
    /// # Events
    /// `ContributorRegistered`.
    pub fn register_contributor(&mut self, node_id: B256) -> Result<(), Error> {
        self._register(node_id)
    }

    /// Recomputes `contributor`'s current-epoch score (after a stake change).
    ///
    /// # Errors
    /// `FLTNotStarted`, `FLTNotEligible` when it has no entry this epoch.
    /// # Events
    /// `ScoreRefreshed`.
    pub fn refresh_score(&mut self, contributor: Address) -> Result<(), Error> {
        self._refresh(contributor)
    }

    /// FLToken only: `holder`'s stake changed; its multiplier is now
    /// `multiplierBps`. Rescores the holder's current-epoch entry, if any.
    ///
    /// # Errors
    /// `FLTOnlyToken`, `FLTNotWired`.
    pub fn on_stake_changed(&mut self, holder: Address, multiplier_bps: u32) -> Result<(), Error> {
        self._on_stake_changed(holder, multiplier_bps)
    }

    /// `(epoch, start, end)` of the epoch open now.
    ///
    /// # Errors
    /// `FLTNotStarted` before genesis.
    pub fn current_epoch(&self) -> Result<(u64, u64, u64), Error> {
        self._current_epoch()
    }

    /// `(start, end, claimsOpenAt, eligibleCount, totalScore, pool, claimedCount, closed)`,
    /// as if rolled to now.
    #[allow(clippy::type_complexity)]
    pub fn epoch_info(&self, epoch: u64) -> (u64, u64, u64, u32, U256, U256, u32, bool) {
        self._epoch_info(epoch)
    }

    /// `(count, positiveImpact, score, eligible, claimed, disqualified)`.
    pub fn contributor_epoch(&self, contributor: Address, epoch: u64) -> (u32, u64, U256, bool, bool, bool) {
        self._contributor_epoch(contributor, epoch)
    }

    /// What `claim` would pay for `epoch` now, or what the running epoch
    /// would pay if it closed now; 0 when ineligible or claimed.
    pub fn pending_reward(&self, contributor: Address, epoch: u64) -> U256 {
        self._pending_reward(contributor, epoch)
    }

    /// `(registered, banned, ema)`. The node id is not stored (no call
    /// reads it): `ContributorRegistered(contributor, nodeId)` logs it, with
    /// both indexed.
    pub fn contributor_info(&self, contributor: Address) -> (bool, bool, i64) {
        self._contributor_info(contributor)
    }

    /// `(reserve, earmarked)` as if rolled to now.
    pub fn accounting(&self) -> (U256, U256) {
        let acc = self.rolled_accounting(self.now());
        (U256::from(acc.reserve), U256::from(acc.earmarked))
    }

    /// The epoch-level parameters (ids 0-11) that the next epoch to open uses.
    pub fn params(&self) -> Vec<U256> {
        self._params()
    }

    /// Answers the functions in `raw.rs` (`recordContribution`,
    /// `recordContributions`, `claim`, `claimFor`), whose arguments it
    /// reads in place; any other unknown call reverts empty.
    #[fallback]
    pub fn fallback(&mut self, input: &[u8]) -> stylus_sdk::ArbResult {
        let value_sent = !self.vm().msg_value().is_zero();
        raw::route(self, input, value_sent)
    }

    /// Governor only (council action): allow or remove a validator.
    pub fn set_validator(&mut self, validator: Address, allowed: bool) -> Result<(), Error> {
        self._set_validator(validator, allowed)
    }

    /// Governor only (council action): ban (and disqualify this epoch's
    /// entry) or unban a contributor.
    pub fn set_banned(&mut self, contributor: Address, banned: bool) -> Result<(), Error> {
        self._set_banned(contributor, banned)
    }

    /// Governor only (council action), inside the fraud window of `epoch`.
    pub fn disqualify(&mut self, epoch: u64, contributor: Address) -> Result<(), Error> {
        self._disqualify(epoch, contributor)
    }

    /// Governor only (proposal execution): epoch-level parameters 0-11,
    /// in force from the next epoch that opens.
    pub fn set_parameter(&mut self, id: u8, value: U256) -> Result<(), Error> {
        self._set_parameter(id, value)
    }

    /// Governor only: pause recording and claims until `until`.
    pub fn set_paused_until(&mut self, until: u64) -> Result<(), Error> {
        self._set_paused_until(until)
    }

    pub fn paused_until(&self) -> u64 {
        self.paused_until.get().as_limbs()[0]
    }

    pub fn governor(&self) -> Address {
        self.governor.get()
    }

    pub fn is_validator(&self, account: Address) -> bool {
        self.validators.get(account)
    }

    pub fn token(&self) -> Address {
        self.token.get()
    }

    /// Whether `contributionId` was ever recorded: a validator checks before
    /// it sends, since a batch with a recorded id reverts whole.
    pub fn is_recorded(&self, contribution_id: B256) -> bool {
        self.recorded.get(contribution_id)
    }
}

/// The Rust-typed forms of the four functions the fallback answers
/// (`raw.rs`), for native callers (the motsu tests): each encodes its
/// arguments canonically, as any Solidity caller does, and takes the same
/// path as calldata. Never called in a program, so not in one.
#[cfg(not(target_arch = "wasm32"))]
impl FLTRewards {
    /// # Errors
    /// `EnforcedPause`, `FLTNotWired`, `FLTNotValidator`, `FLTNotStarted`,
    /// `FLTAccuracyOutOfRange`, `FLTNotRegistered`, `FLTContributorBanned`,
    /// `FLTContributionReplayed`, `FLTCounterOverflow`.
    /// # Events
    /// `ContributionRecorded` (and `EpochClosed` when the roll closes one).
    pub fn record_contribution(
        &mut self,
        contributor: Address,
        contribution_id: B256,
        previous_accuracy: u32,
        new_accuracy: u32,
    ) -> Result<(), Error> {
        let call = raw::recordContributionCall {
            contributor,
            contributionId: contribution_id,
            previousAccuracy: previous_accuracy,
            newAccuracy: new_accuracy,
        };
        self._record(&raw::contribution_args(&native::args(&call)).expect("canonical"))
    }

    /// All-or-nothing batch of `recordContribution`.
    ///
    /// # Errors
    /// `FLTEmptyBatch` and those of `recordContribution`.
    pub fn record_contributions(&mut self, contributions: Vec<Contribution>) -> Result<(), Error> {
        let call = raw::recordContributionsCall { contributions };
        self._record(&raw::contributions_args(&native::args(&call)).expect("canonical"))
    }

    /// Pays the caller its rewards for `epochs` (all-or-nothing).
    ///
    /// # Errors
    /// `EnforcedPause`, `FLTEmptyClaim`, `FLTClaimNotOpen`, `FLTNotEligible`,
    /// `FLTAlreadyClaimed`, `FLTNotWired`, `FLTTokenCallFailed`.
    /// # Events
    /// `RewardClaimed` per epoch.
    pub fn claim(&mut self, epochs: Vec<u64>) -> Result<U256, Error> {
        let epochs = raw::claim_args(&native::args(&raw::claimCall { epochs })).expect("canonical");
        let caller = self.vm().msg_sender();
        self._claim(caller, &epochs)
    }

    /// Pushes `contributor`'s own rewards for `epochs` to it; anyone may call.
    pub fn claim_for(&mut self, contributor: Address, epochs: Vec<u64>) -> Result<U256, Error> {
        let call = raw::claimForCall { contributor, epochs };
        let (contributor, epochs) = raw::claim_for_args(&native::args(&call)).expect("canonical");
        self._claim(contributor, &epochs)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    /// A call's arguments, canonically encoded (without the selector).
    pub fn args<C: alloy_sol_types::SolCall>(call: &C) -> alloc::vec::Vec<u8> {
        let mut out = alloc::vec::Vec::new();
        call.abi_encode_raw(&mut out);
        out
    }
}
