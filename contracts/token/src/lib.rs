//! FLToken: the Federated Learning Token (SPEC.md section 2).
//!
//! This file is the contract's whole ABI surface: one `#[public]` block
//! whose methods delegate to one module per concern, so that the SDK's
//! interface export sees every entrypoint (it misses `#[implements]` traits).
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
extern crate alloc;

// The panic handler is flt-sol's (one for all three programs).

pub mod account;
mod control;
mod erc20;
pub mod errors;
pub mod events;
pub mod permit;
pub mod raw;
mod staking;
pub mod votes;

use alloc::{string::String, vec, vec::Vec};

use alloy_primitives::{
    aliases::{U208, U48},
    Address, FixedBytes, B256, U256,
};
use stylus_sdk::{
    prelude::*,
    storage::{StorageMap, StorageU256},
};

use crate::{
    account::{Account, Config},
    errors::{ERC20InvalidReceiver, Error},
    events::Transfer,
};

/// 1,000,000,000 FLT with 18 decimals ([`flt_scoring::TOTAL_SUPPLY`]).
pub const TOTAL_SUPPLY: U256 = U256::from_limbs([TOTAL_SUPPLY_WEI as u64, (TOTAL_SUPPLY_WEI >> 64) as u64, 0, 0]);
pub(crate) const TOTAL_SUPPLY_WEI: u128 = flt_scoring::TOTAL_SUPPLY;
pub const SYMBOL: &str = "FLT";
pub const DECIMALS: u8 = 18;

/// ERC-165 interface ids this token reports (computed in the tests from the
/// selectors in `abi/`).
pub const INTERFACE_IDS: [[u8; 4]; 4] = [
    [0x01, 0xff, 0xc9, 0xa7], // IERC165
    [0x36, 0x37, 0x2b, 0x07], // IERC20
    [0x9d, 0x8f, 0xf7, 0xda], // IERC20Permit (EIP-2612)
    [0x84, 0xb0, 0x19, 0x6e], // IERC5267
];

#[storage]
#[entrypoint]
pub struct FLToken {
    /// Packed holder words: see [`account`].
    accounts: StorageMap<Address, StorageU256>,
    /// By (owner, spender), one key ([`erc20::Allowance`]).
    allowances: StorageMap<erc20::Allowance, StorageU256>,
    nonces: StorageMap<Address, StorageU256>,
    /// [`account::Config`]: the reserve holder (FLTRewards), fixed at
    /// deployment, and parameter 12, the smallest new stake position.
    config: StorageU256,
    /// [`account::Control`]: FLTGovernor (named once by the reserve while
    /// wiring) and the pause end.
    control: StorageU256,
    /// Per account: its delegate and its number of checkpoints (see [`votes`]).
    delegations: StorageMap<Address, StorageU256>,
    /// Per delegate, by position: `(timestamp << 128) | votes`, append-only.
    checkpoints: StorageMap<Address, StorageMap<u32, StorageU256>>,
    /// Circulating supply (total minus the reserve's balance) over time: the
    /// checkpoints before the latest, two per slot, by slot index (the
    /// count and the latest live in the reserve's word; see [`votes`]).
    supply_checkpoints: StorageMap<u32, StorageU256>,
}

#[public]
impl FLToken {
    /// Mints the whole supply to `reserve` once. The reserve and the token
    /// itself are marked as refusing incoming transfers.
    ///
    /// # Errors
    /// `ERC20InvalidReceiver` if `reserve` is zero or the token itself.
    /// # Events
    /// `Transfer(0, reserve, TOTAL_SUPPLY)`.
    #[constructor]
    pub fn constructor(&mut self, reserve: Address) -> Result<(), Error> {
        let this = self.vm().contract_address();
        if reserve.is_zero() || reserve == this {
            return Err(Error::InvalidReceiver(ERC20InvalidReceiver { receiver: reserve }));
        }
        self.config.set(Config { reserve, stake_min: control::STAKE_MIN_DEFAULT }.store());
        self.set_account(this, Account { no_receive: true, ..Account::default() });
        self.set_account(reserve, Account { balance: TOTAL_SUPPLY_WEI, no_receive: true, ..Account::default() });
        flt_sol::emit(self.vm(), &Transfer { from: Address::ZERO, to: reserve, value: TOTAL_SUPPLY });
        Ok(())
    }

    pub fn name(&self) -> String {
        permit::NAME.into()
    }

    pub fn symbol(&self) -> String {
        SYMBOL.into()
    }

    pub fn decimals(&self) -> u8 {
        DECIMALS
    }

    pub fn total_supply(&self) -> U256 {
        TOTAL_SUPPLY
    }

    pub fn balance_of(&self, account: Address) -> U256 {
        U256::from(self.account(account).balance)
    }

    pub fn allowance(&self, owner: Address, spender: Address) -> U256 {
        self.allowances.get(erc20::Allowance { owner, spender })
    }

    /// The reserve holder (FLTRewards) that received the supply.
    pub fn reserve(&self) -> Address {
        self.config().reserve
    }

    /// Refused while paused, except a payout from the reserve: FLTRewards
    /// refuses every claim while its own pause is set, and the governor
    /// always sets both pauses in one call (SPEC.md section 8), so reading
    /// this contract's pause word again would cost each claim a cold slot
    /// for nothing. The sender's word, read here first, is the one the
    /// transfer reads anyway.
    pub fn transfer(&mut self, to: Address, value: U256) -> Result<bool, Error> {
        let from = self.vm().msg_sender();
        let word = self.account_word(from);
        let sender = Account::load(word.get());
        if !sender.no_receive {
            self.when_not_paused()?;
        }
        self.transfer_loaded(from, word, sender, to, value)?;
        Ok(true)
    }

    pub fn approve(&mut self, spender: Address, value: U256) -> Result<bool, Error> {
        let owner = self.vm().msg_sender();
        self._approve(owner, spender, value)?;
        Ok(true)
    }

    pub fn transfer_from(&mut self, from: Address, to: Address, value: U256) -> Result<bool, Error> {
        self.when_not_paused()?;
        let spender = self.vm().msg_sender();
        self._spend_allowance(from, spender, value)?;
        self._transfer(from, to, value)?;
        Ok(true)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn permit(
        &mut self,
        owner: Address,
        spender: Address,
        value: U256,
        deadline: U256,
        v: u8,
        r: B256,
        s: B256,
    ) -> Result<(), Error> {
        self._permit(owner, spender, value, deadline, v, r, s)
    }

    pub fn nonces(&self, owner: Address) -> U256 {
        self.nonces.get(owner)
    }

    #[selector(name = "DOMAIN_SEPARATOR")]
    pub fn domain_separator(&self) -> B256 {
        self._domain_separator()
    }

    /// Answers the functions in `raw.rs` (whose results the SDK's router
    /// would mis-encode); any other unknown call reverts empty.
    #[fallback]
    pub fn fallback(&mut self, input: &[u8]) -> stylus_sdk::ArbResult {
        let value_sent = !self.vm().msg_value().is_zero();
        raw::route(self, input, value_sent)
    }

    /// Locks `amount` more (at least `stakeMin` for a new position) and
    /// re-locks the whole position for tier `tier` (0..=3: 1, 3, 6, 12
    /// months); while locked, the tier may only stay or rise.
    pub fn stake(&mut self, amount: U256, tier: u8) -> Result<(), Error> {
        self.when_not_paused()?;
        self._stake(amount, tier)
    }

    /// Releases the whole position once its lock has ended.
    pub fn unstake(&mut self) -> Result<(), Error> {
        self.when_not_paused()?;
        self._unstake()
    }

    /// `(amount, tier, lockEnd, multiplierBps)`; the multiplier is 1.0x
    /// (10,000) once the lock has ended or below the current `stakeMin`.
    pub fn stake_of(&self, holder: Address) -> (U256, u8, u64, u32) {
        self._stake_of(holder)
    }

    pub fn delegates(&self, account: Address) -> Address {
        self.delegate_of(account, self.account(account).delegating).unwrap_or_default()
    }

    /// Delegates the caller's votes (its whole balance, locked stake
    /// included) to `delegatee`; `address(0)` withdraws them.
    pub fn delegate(&mut self, delegatee: Address) {
        let holder = self.vm().msg_sender();
        self._delegate(holder, delegatee)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn delegate_by_sig(
        &mut self,
        delegatee: Address,
        nonce: U256,
        expiry: U256,
        v: u8,
        r: B256,
        s: B256,
    ) -> Result<(), Error> {
        self._delegate_by_sig(delegatee, nonce, expiry, v, r, s)
    }

    pub fn get_votes(&self, account: Address) -> U256 {
        self._get_votes(account)
    }

    pub fn get_past_votes(&self, account: Address, timepoint: U256) -> Result<U256, Error> {
        self._get_past_votes(account, timepoint)
    }

    /// How many checkpoints `account`'s votes have (ERC20Votes).
    pub fn num_checkpoints(&self, account: Address) -> u32 {
        self.delegation(account).count
    }

    /// `account`'s checkpoint `pos`: `(_key, _value)` = (timestamp, votes
    /// from then on), OZ's `Checkpoint208`.
    pub fn checkpoints(&self, account: Address, pos: u32) -> Result<(U48, U208), Error> {
        self._checkpoint(account, pos)
    }

    /// The circulating supply (total minus FLTRewards' balance) at `timepoint`.
    pub fn get_past_total_supply(&self, timepoint: U256) -> Result<U256, Error> {
        self._get_past_total_supply(timepoint)
    }

    /// EIP-6372: votes are timestamped.
    pub fn clock(&self) -> U48 {
        votes::u48(self.now())
    }

    #[selector(name = "CLOCK_MODE")]
    pub fn clock_mode(&self) -> String {
        "mode=timestamp".into()
    }

    /// FLTGovernor; zero until wired.
    pub fn governor(&self) -> Address {
        self.control().governor
    }

    /// Guarded calls (transfers, `transferFrom`, staking) revert with
    /// `EnforcedPause` until this time.
    pub fn paused_until(&self) -> u64 {
        self.control().paused_until
    }

    /// The reserve (FLTRewards) names the governor, once, while wiring.
    pub fn set_governor(&mut self, governor: Address) -> Result<(), Error> {
        self._set_governor(governor)
    }

    /// Governor only: pause until `until` (a past time unpauses).
    pub fn set_paused_until(&mut self, until: u64) -> Result<(), Error> {
        self._set_paused_until(until)
    }

    /// Governor only (proposal execution): parameter 12, `stakeMin`.
    pub fn set_parameter(&mut self, id: u8, value: U256) -> Result<(), Error> {
        self._set_parameter(id, value)
    }

    /// `[stakeMin]`: the parameters this contract owns (id 12).
    pub fn params(&self) -> Vec<U256> {
        vec![U256::from(self.config().stake_min)]
    }

    pub fn supports_interface(&self, id: FixedBytes<4>) -> bool {
        INTERFACE_IDS.contains(&id.0)
    }
}

impl FLToken {
    /// EIP-5267: fields 0x0f = name, version, chainId, verifyingContract.
    #[allow(clippy::type_complexity)]
    pub fn eip712_domain(&self) -> (FixedBytes<1>, String, String, U256, Address, B256, Vec<U256>) {
        let vm = self.vm();
        (
            FixedBytes([0x0f]),
            permit::NAME.into(),
            permit::VERSION.into(),
            U256::from(vm.chain_id()),
            vm.contract_address(),
            B256::ZERO,
            Vec::new(),
        )
    }
}
