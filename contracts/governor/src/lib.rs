//! FLTGovernor: governance by token holdings with OpenZeppelin Governor
//! 5.x's ABI (GovernorCountingSimple, quorum fraction, timelock; SPEC.md
//! section 7). The M-of-N council lives beside it in FLTCouncil (SPEC
//! section 0, v1.1); this governor applies the council's decisions
//! (`council.rs`): it keeps the pause window and stays the only pauser and
//! role-changer of FLToken and FLTRewards.
//!
//! This file is the contract's whole ABI surface: one `#[public]` block whose
//! methods delegate to `proposals`, `council` and `calls`, and its fallback,
//! which answers the six functions `raw.rs` declares (`eip712Domain`, and the
//! five that take a proposal's actions, read by `actions.rs`).
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
extern crate alloc;

#[cfg(all(feature = "test-seams", target_arch = "wasm32"))]
compile_error!("fl-governor's test-seams must never reach a deployable program");

// The panic handler is flt-sol's (one for all three programs).

pub mod actions;
mod calls;
pub mod council;
pub mod errors;
pub mod events;
pub mod proposals;
pub mod raw;

use alloc::{string::String, vec, vec::Vec};

use alloy_primitives::{aliases::U48, Address, FixedBytes, B256, U256};
use flt_scoring::Param;
use flt_sol::{eip712::keccak, Text};
use stylus_sdk::{
    abi::Bytes,
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageMap, StorageU256, StorageU64},
};

use crate::{errors::*, events::ParameterChanged};

pub const NAME: &str = "FLTGovernor";
const HASHED_NAME: [u8; 32] = keccak(NAME.as_bytes());
const HASHED_VERSION: [u8; 32] = keccak(b"1");
/// ERC-165's own interface id, `supportsInterface(bytes4)`.
const ERC165_ID: [u8; 4] = calls::selector(b"supportsInterface(bytes4)");
const BALLOT_TYPEHASH: [u8; 32] = keccak(b"Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)");

/// A timepoint as u64; larger ones saturate (the token then answers as for
/// a future time).
fn saturate(timepoint: U256) -> u64 {
    u64::try_from(timepoint).unwrap_or(u64::MAX)
}

/// The governance parameters (ids 13-17) in force, and the index of the
/// parameter set that holds their `timelockDelay` and `quorumBps`.
pub struct Governance {
    pub voting_delay: u64,
    pub voting_period: u64,
    pub timelock_delay: u64,
    pub quorum_bps: u64,
    pub threshold: U256,
    pub set: u32,
}

/// The highest parameter-set index: a proposal's core word keeps the index
/// in 30 bits (`proposals.rs`). A change that would need index
/// `MAX_PARAMETER_SET + 1` is refused with `FLTParameterSetsFull`.
pub const MAX_PARAMETER_SET: u32 = (1 << 30) - 1;

/// One proposal's three slots; the layout of each word is in `proposals.rs`.
/// `propose` writes `core` only (b and c start at zero).
#[storage]
pub struct ProposalSlots {
    core: StorageU256,
    b: StorageU256,
    c: StorageU256,
}

#[storage]
#[entrypoint]
pub struct FLTGovernor {
    token: StorageAddress,
    rewards: StorageAddress,
    /// FLTCouncil: the only caller of `setPause` and `relay`, and the one
    /// asked for a parameter proposal's approvals.
    council: StorageAddress,
    /// votingDelay 0..32 | votingPeriod 32..64 | timelockDelay 64..96 |
    /// quorumBps 96..112 | current parameter-set index 112..144 |
    /// proposalThreshold 160..256 (at most 10^26 < 2^87). One read gives
    /// `propose` everything it needs.
    governance: StorageU256,
    /// SPEC.md sections 4 and 11, "snapshot by reference": the append-only
    /// list of the `(timelockDelay, quorumBps)` pairs governance has had,
    /// indexed from 0 (the deployment's): timelockDelay 0..32 | quorumBps
    /// 32..48. A new entry is written only when an executed change of
    /// quorumBps (16) or timelockDelay (17) alters the pair; a proposal
    /// keeps the index current at its creation, and its queue reads that
    /// entry (votingDelay and votingPeriod are applied at creation, the
    /// threshold only matters then).
    parameter_sets: StorageMap<u32, StorageU64>,
    proposals: StorageMap<U256, ProposalSlots>,
    has_voted: StorageMap<U256, StorageMap<Address, StorageBool>>,
    nonces: StorageMap<Address, StorageU256>,
    /// pausedUntil (limb 0) | pauseStarted (limb 1).
    paused_until: StorageU256,
}

impl FLTGovernor {
    pub(crate) fn now(&self) -> u64 {
        flt_clock::now(self.vm().block_timestamp())
    }

    pub(crate) fn governance(&self) -> Governance {
        let w = self.governance.get();
        Governance {
            voting_delay: flt_word::get(w, 0, 32) as u64,
            voting_period: flt_word::get(w, 32, 32) as u64,
            timelock_delay: flt_word::get(w, 64, 32) as u64,
            quorum_bps: flt_word::get(w, 96, 16) as u64,
            set: flt_word::get(w, 112, 32) as u32,
            threshold: U256::from(flt_word::get(w, 160, 96)),
        }
    }

    /// `(timelockDelay, quorumBps)` of parameter set `index`.
    pub(crate) fn parameter_set(&self, index: u32) -> (u64, u64) {
        let w = self.parameter_sets.get(index).as_limbs()[0];
        (w & 0xffff_ffff, w >> 32)
    }

    /// The parameter-set entry of the governance word `w`.
    fn set_entry(w: U256) -> u64 {
        (flt_word::get(w, 64, 32) | (flt_word::get(w, 96, 16) << 32)) as u64
    }

    /// The governance word `w` with parameter `id` (13-17) set to `v`.
    /// Values fit their fields: the maxima are 60 days, 10,000 bps and
    /// 10^26 wei.
    fn with_parameter(w: U256, id: u8, v: u128) -> U256 {
        match id {
            13 => flt_word::put(w, 0, 32, v),
            14 => flt_word::put(w, 32, 32, v),
            15 => flt_word::put(w, 160, 96, v),
            16 => flt_word::put(w, 96, 16, v),
            _ => flt_word::put(w, 64, 32, v),
        }
    }

    /// Sets governance parameter `id` (13-17) within its bounds. When
    /// `(timelockDelay, quorumBps)` changes, the new pair becomes the next
    /// parameter set: proposals made before keep theirs.
    ///
    /// # Errors
    /// `FLTUnknownParameter`, `FLTParameterOutOfBounds`, and
    /// `FLTParameterSetsFull` (nothing changed) when the pair changes and
    /// the set index is `MAX_PARAMETER_SET` already.
    pub(crate) fn set_own_parameter(&mut self, id: u8, value: U256) -> Result<(), Error> {
        if !(13..=17).contains(&id) {
            return Err(Error::UnknownParameter(FLTUnknownParameter { id }));
        }
        proposals::check_bounds(id, value)?;
        let old = self.governance.get();
        let mut w = Self::with_parameter(old, id, flt_word::get(value, 0, 128));
        let entry = Self::set_entry(w);
        if entry != Self::set_entry(old) {
            let index = flt_word::get(old, 112, 32) as u32;
            if index >= MAX_PARAMETER_SET {
                return Err(Error::ParameterSetsFull(FLTParameterSetsFull { maxIndex: MAX_PARAMETER_SET }));
            }
            self.parameter_sets.setter(index + 1).set(alloy_primitives::Uint::from(entry));
            w = flt_word::put(w, 112, 32, u128::from(index + 1));
        }
        self.governance.set(w);
        flt_sol::emit(self.vm(), &ParameterChanged { id, value });
        Ok(())
    }
}

/// The Rust-typed forms of the five functions the fallback answers
/// (`raw.rs`), for native callers (the motsu tests): each encodes its
/// arguments canonically, as any Solidity caller does, and takes the same
/// path as calldata. Never called in a program, so not in one.
#[cfg(not(target_arch = "wasm32"))]
impl FLTGovernor {
    pub fn propose(
        &mut self,
        targets: Vec<Address>,
        values: Vec<U256>,
        calldatas: Vec<Bytes>,
        description: Text,
    ) -> Result<U256, Error> {
        let args = native::encode::<Text>(targets, values, calldatas, description);
        self._propose(&actions::Actions::with_description(&args).expect("canonical"))
    }

    pub fn queue(
        &mut self,
        targets: Vec<Address>,
        values: Vec<U256>,
        calldatas: Vec<Bytes>,
        hash: B256,
    ) -> Result<U256, Error> {
        native::with_hash(targets, values, calldatas, hash, |a| self._queue(a))
    }

    pub fn execute(
        &mut self,
        targets: Vec<Address>,
        values: Vec<U256>,
        calldatas: Vec<Bytes>,
        hash: B256,
    ) -> Result<U256, Error> {
        native::with_hash(targets, values, calldatas, hash, |a| self._execute(a))
    }

    pub fn cancel(
        &mut self,
        targets: Vec<Address>,
        values: Vec<U256>,
        calldatas: Vec<Bytes>,
        hash: B256,
    ) -> Result<U256, Error> {
        native::with_hash(targets, values, calldatas, hash, |a| self._cancel(a))
    }

    pub fn hash_proposal(&self, targets: Vec<Address>, values: Vec<U256>, calldatas: Vec<Bytes>, hash: B256) -> U256 {
        native::with_hash(targets, values, calldatas, hash, |a| self.proposal_id(a.encoded()))
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use alloc::vec::Vec;

    use alloy_primitives::{Address, U256};
    use alloy_sol_types::{sol_data, SolType};
    use stylus_sdk::abi::Bytes;

    /// `f` of the `bytes32` form's arguments, as calldata carries them.
    pub(crate) fn with_hash<R>(
        targets: Vec<Address>,
        values: Vec<U256>,
        calldatas: Vec<Bytes>,
        hash: alloy_primitives::B256,
        f: impl FnOnce(&crate::actions::Actions) -> R,
    ) -> R {
        let args = encode::<sol_data::FixedBytes<32>>(targets, values, calldatas, hash);
        f(&crate::actions::Actions::with_hash(&args).expect("canonical"))
    }

    /// `abi.encode(targets, values, calldatas, last)` by alloy.
    pub(crate) fn encode<L: SolType>(
        targets: Vec<Address>,
        values: Vec<U256>,
        calldatas: Vec<Bytes>,
        last: L::RustType,
    ) -> Vec<u8> {
        <(sol_data::Array<sol_data::Address>, sol_data::Array<sol_data::Uint<256>>, sol_data::Array<Bytes>, L)>::abi_encode_params(
            &(targets, values, calldatas, last),
        )
    }
}

/// Test seam (native tests only, never in a program): jumps the parameter
/// sets to `index` as if that many changes had executed, so that the
/// `FLTParameterSetsFull` bound can be reached.
#[cfg(feature = "test-seams")]
impl FLTGovernor {
    pub fn seam_jump_parameter_sets(&mut self, index: u32) {
        let w = self.governance.get();
        self.parameter_sets.setter(index).set(alloy_primitives::Uint::from(Self::set_entry(w)));
        self.governance.set(flt_word::put(w, 112, 32, u128::from(index)));
    }

    pub fn seam_parameter_set_index(&self) -> u32 {
        self.governance().set
    }
}

#[public]
impl FLTGovernor {
    /// `council`, `token` and `rewards` are the deployed FLTCouncil (whose
    /// wiring then names this governor), FLToken and FLTRewards (whose
    /// wiring names this governor).
    ///
    /// # Errors
    /// `FLTUnauthorized(0)` for a zero address.
    #[constructor]
    pub fn constructor(&mut self, council: Address, token: Address, rewards: Address) -> Result<(), Error> {
        if council.is_zero() || token.is_zero() || rewards.is_zero() {
            return Err(Error::Unauthorized(FLTUnauthorized { caller: Address::ZERO }));
        }
        self.council.set(council);
        self.token.set(token);
        self.rewards.set(rewards);
        // The defaults are parameter set 0.
        let mut w = U256::ZERO;
        for param in
            [Param::VotingDelay, Param::VotingPeriod, Param::ProposalThreshold, Param::QuorumBps, Param::TimelockDelay]
        {
            let value = param.default_value();
            w = Self::with_parameter(w, param.id(), value);
            flt_sol::emit(self.vm(), &ParameterChanged { id: param.id(), value: U256::from(value) });
        }
        self.governance.set(w);
        self.parameter_sets.setter(0).set(alloy_primitives::Uint::from(Self::set_entry(w)));
        Ok(())
    }

    pub fn name(&self) -> String {
        NAME.into()
    }

    pub fn version(&self) -> String {
        "1".into()
    }

    #[selector(name = "COUNTING_MODE")]
    pub fn counting_mode(&self) -> String {
        "support=bravo&quorum=for,abstain".into()
    }

    pub fn clock(&self) -> U48 {
        U48::from(self.now())
    }

    #[selector(name = "CLOCK_MODE")]
    pub fn clock_mode(&self) -> String {
        "mode=timestamp".into()
    }

    pub fn token(&self) -> Address {
        self.token.get()
    }

    pub fn rewards(&self) -> Address {
        self.rewards.get()
    }

    pub fn council(&self) -> Address {
        self.council.get()
    }

    pub fn state(&self, proposal_id: U256) -> Result<u8, Error> {
        let p = self.proposal(proposal_id)?;
        Ok(self.state_of(&p))
    }

    pub fn proposal_threshold(&self) -> U256 {
        self.governance().threshold
    }

    pub fn voting_delay(&self) -> U256 {
        U256::from(self.governance().voting_delay)
    }

    pub fn voting_period(&self) -> U256 {
        U256::from(self.governance().voting_period)
    }

    /// `quorumBps * getPastTotalSupply(timepoint) / 10^4`, with the current
    /// `quorumBps` (each proposal uses the one snapshotted at creation).
    ///
    /// # Errors
    /// `ERC5805FutureLookup` unless `timepoint` is in the past.
    pub fn quorum(&self, timepoint: U256) -> Result<U256, Error> {
        let t = self.past(timepoint)?;
        Ok(self.quorum_at(t, self.governance().quorum_bps))
    }

    /// # Errors
    /// `ERC5805FutureLookup` unless `timepoint` is in the past.
    pub fn get_votes(&self, account: Address, timepoint: U256) -> Result<U256, Error> {
        let t = self.past(timepoint)?;
        Ok(self.past_votes(account, t))
    }

    /// ERC-165: this contract's one claim is ERC-165 itself. It does not
    /// claim `IGovernor`'s id: it leaves out the params variants
    /// (`getVotesWithParams`, `castVoteWithReasonAndParams[BySig]`),
    /// `relay` and the token-receiver hooks (README, "Governance").
    pub fn supports_interface(&self, interface_id: FixedBytes<4>) -> bool {
        interface_id.0 == ERC165_ID
    }

    pub fn proposal_snapshot(&self, proposal_id: U256) -> Result<U256, Error> {
        Ok(U256::from(self.proposal(proposal_id)?.vote_start))
    }

    pub fn proposal_deadline(&self, proposal_id: U256) -> Result<U256, Error> {
        Ok(U256::from(self.proposal(proposal_id)?.vote_end))
    }

    pub fn proposal_proposer(&self, proposal_id: U256) -> Address {
        self.proposal_core(proposal_id).map_or(Address::ZERO, |p| p.proposer)
    }

    pub fn proposal_eta(&self, proposal_id: U256) -> U256 {
        self.proposal(proposal_id).map_or(U256::ZERO, |p| U256::from(p.eta))
    }

    pub fn proposal_needs_queuing(&self, _proposal_id: U256) -> bool {
        true
    }

    pub fn has_voted(&self, proposal_id: U256, account: Address) -> bool {
        self.has_voted.getter(proposal_id).get(account)
    }

    /// `(againstVotes, forVotes, abstainVotes)`.
    pub fn proposal_votes(&self, proposal_id: U256) -> Result<(U256, U256, U256), Error> {
        let p = self.proposal(proposal_id)?;
        Ok((U256::from(p.against), U256::from(p.for_), U256::from(p.abstain)))
    }

    /// Whether the proposal changes a parameter, and so needs FLTCouncil's
    /// approvals before it executes.
    pub fn proposal_needs_council(&self, proposal_id: U256) -> Result<bool, Error> {
        Ok(self.proposal_core(proposal_id)?.needs_council)
    }

    pub fn cast_vote(&mut self, proposal_id: U256, support: u8) -> Result<U256, Error> {
        let voter = self.vm().msg_sender();
        self._cast_vote(proposal_id, voter, support, Text::default())
    }

    pub fn cast_vote_with_reason(&mut self, proposal_id: U256, support: u8, reason: Text) -> Result<U256, Error> {
        let voter = self.vm().msg_sender();
        self._cast_vote(proposal_id, voter, support, reason)
    }

    /// EIP-712 `Ballot(uint256 proposalId,uint8 support,address voter,uint256
    /// nonce)` signed by `voter`: for an account without code, `signature` is
    /// `r || s || v` (low s); for a contract (a Safe, say), whatever its
    /// ERC-1271 `isValidSignature(digest, signature)` accepts, as OZ's
    /// `SignatureChecker` decides.
    pub fn cast_vote_by_sig(
        &mut self,
        proposal_id: U256,
        support: u8,
        voter: Address,
        signature: Bytes,
    ) -> Result<U256, Error> {
        let invalid = Error::InvalidSignature(GovernorInvalidSignature { voter });
        let sig = signature.0;
        let nonce = self.nonces.get(voter);
        let vm = self.vm();
        let struct_hash = flt_sol::eip712::hash_words(
            vm,
            &[
                BALLOT_TYPEHASH,
                proposal_id.to_be_bytes(),
                U256::from(support).to_be_bytes(),
                voter.into_word().0,
                nonce.to_be_bytes(),
            ],
        );
        let digest = flt_sol::eip712::typed_digest(
            vm,
            flt_sol::eip712::domain_separator(vm, HASHED_NAME, HASHED_VERSION),
            struct_hash,
        );
        if !self.valid_signature(voter, digest, &sig) {
            return Err(invalid);
        }
        // A nonce is advanced by one per ballot: it never nears 2^256.
        self.nonces.insert(voter, nonce + U256::from(1u8));
        self._cast_vote(proposal_id, voter, support, Text::default())
    }

    pub fn nonces(&self, owner: Address) -> U256 {
        self.nonces.get(owner)
    }

    /// Parameters 13-17, through this governor's own proposals only: the
    /// execution applies them internally, so every external call is refused.
    pub fn set_parameter(&mut self, id: u8, value: U256) -> Result<(), Error> {
        let caller = self.vm().msg_sender();
        if caller != self.vm().contract_address() {
            return Err(Error::Unauthorized(FLTUnauthorized { caller }));
        }
        self.set_own_parameter(id, value)
    }

    /// `[votingDelay, votingPeriod, proposalThreshold, quorumBps, timelockDelay]` (ids 13-17).
    pub fn params(&self) -> Vec<U256> {
        let g = self.governance();
        vec![
            U256::from(g.voting_delay),
            U256::from(g.voting_period),
            g.threshold,
            U256::from(g.quorum_bps),
            U256::from(g.timelock_delay),
        ]
    }

    /// Answers the functions in `raw.rs` (whose results the SDK's router
    /// would mis-encode); any other unknown call reverts empty.
    #[fallback]
    pub fn fallback(&mut self, input: &[u8]) -> stylus_sdk::ArbResult {
        let value_sent = !self.vm().msg_value().is_zero();
        raw::route(self, input, value_sent)
    }

    /// FLTCouncil's pause decision: the window (`pausedUntil` at or before
    /// now ends a pause), applied here (execution, expiry) and on FLToken
    /// and FLTRewards. `by` is the signer who caused it.
    ///
    /// # Errors
    /// `FLTUnauthorized(caller)` unless FLTCouncil calls.
    pub fn set_pause(&mut self, by: Address, paused_until: u64, pause_started: u64) -> Result<(), Error> {
        self.only_council()?;
        self.apply_pause(by, paused_until, pause_started)
    }

    /// FLTCouncil's role change on FLTRewards (`setValidator`, `setBanned`
    /// or `disqualify` calldata), forwarded: this governor stays the only
    /// caller of FLTRewards' role-changing functions. FLTRewards' refusal
    /// comes back as its own revert data.
    ///
    /// # Errors
    /// `FLTUnauthorized(caller)` unless FLTCouncil calls;
    /// `FLTInvalidAction(0)` for any other calldata.
    pub fn relay(&mut self, data: Bytes) -> Result<(), Vec<u8>> {
        self.only_council()?;
        self.relay_to_rewards(&data.0)
    }

    pub fn paused_until(&self) -> u64 {
        self.pause_state().0
    }

    /// `(pausedUntil, pauseStarted)`: FLTCouncil's pause rules read them.
    pub fn pause_window(&self) -> (u64, u64) {
        self.pause_state()
    }
}

impl FLTGovernor {
    /// `timepoint` as a u64 if it is in the past (OZ: `timepoint < clock()`).
    fn past(&self, timepoint: U256) -> Result<u64, Error> {
        let clock = self.now();
        if timepoint >= U256::from(clock) {
            return Err(Error::FutureLookup(ERC5805FutureLookup { timepoint, clock: U48::from(clock) }));
        }
        Ok(saturate(timepoint))
    }

    /// OZ's `SignatureChecker.isValidSignatureNow`: ECDSA (65 bytes, low s)
    /// for an account without code; ERC-1271 for a contract, whose answer
    /// must be at least a word starting with `isValidSignature`'s selector.
    fn valid_signature(&self, signer: Address, digest: B256, sig: &[u8]) -> bool {
        let vm = self.vm();
        if vm.code_size(signer) == 0 {
            if sig.len() != 65 {
                return false;
            }
            let (r, s) = (B256::from_slice(&sig[..32]), B256::from_slice(&sig[32..64]));
            return matches!(flt_sol::eip712::recover(vm, digest, sig[64], r, s), Ok(a) if a == signer);
        }
        let call = calls::erc1271_calldata(digest, sig);
        match vm.static_call(&stylus_sdk::stylus_core::calls::context::Call::new(), signer, &call) {
            Ok(out) => out.len() >= 32 && out[..4] == calls::ERC1271_MAGIC && out[4..32].iter().all(|b| *b == 0),
            Err(_) => false,
        }
    }

    /// EIP-5267, answered by the fallback (`raw.rs`): the domain
    /// `castVoteBySig` ballots are signed in.
    pub fn eip712_domain(&self) -> (FixedBytes<1>, String, String, U256, Address, B256, Vec<U256>) {
        let vm = self.vm();
        (
            FixedBytes([0x0f]),
            NAME.into(),
            "1".into(),
            U256::from(vm.chain_id()),
            vm.contract_address(),
            B256::ZERO,
            Vec::new(),
        )
    }
}
