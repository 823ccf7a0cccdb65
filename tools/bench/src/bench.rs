//! One measured run: a clock that gives every transaction its own block
//! and a later timestamp (STYLUS-NOTES.md: checkpoints written in the same
//! second update in place and look cheaper than they are), and the ordered
//! list of `(operation, gasUsed)` it measured.

use std::cell::{Cell, RefCell};

use alloy_primitives::{keccak256, Address, B256, U256};
use alloy_sol_types::{SolCall, SolValue};
use flt_node_tests::{Receipt, Revert, System};
use serde_json::json;

/// Seconds between two transactions of a run.
pub const STEP: u64 = 12;

pub struct Bench<'a> {
    pub sys: &'a System,
    clock: Cell<u64>,
    ids: Cell<u64>,
    gas: RefCell<Vec<(&'static str, u64)>>,
}

impl<'a> Bench<'a> {
    /// A run whose first transaction is mined at `start + STEP`.
    pub fn new(sys: &'a System, start: u64) -> Bench<'a> {
        Bench { sys, clock: Cell::new(start), ids: Cell::new(0), gas: RefCell::new(Vec::new()) }
    }

    /// The measurements so far, in order.
    pub fn measured(&self) -> Vec<(&'static str, u64)> {
        self.gas.borrow().clone()
    }

    /// The timestamp of the last transaction sent (or the start).
    pub fn now(&self) -> u64 {
        self.clock.get()
    }

    /// The next transaction is mined at `t` or later.
    pub fn jump(&self, t: u64) {
        if t > self.clock.get() + STEP {
            self.clock.set(t - STEP);
        }
    }

    fn next_block(&self) -> Result<(), String> {
        let t = self.clock.get() + STEP;
        self.clock.set(t);
        self.sys.node.set_next_timestamp(t)
    }

    /// A transaction that must succeed, not measured.
    pub fn tx<C: SolCall>(&self, from: Address, to: Address, call: &C) -> Result<Receipt, String> {
        self.raw(from, Some(to), call.abi_encode(), C::SIGNATURE)
    }

    /// A transaction that must succeed; its gasUsed is recorded as `key`.
    pub fn measure<C: SolCall>(
        &self,
        key: &'static str,
        from: Address,
        to: Address,
        call: &C,
    ) -> Result<Receipt, String> {
        let receipt = self.tx(from, to, call)?;
        self.gas.borrow_mut().push((key, receipt.gas_used));
        Ok(receipt)
    }

    /// Sends `data` (a deployment when `to` is `None`) in its own block
    /// through the test client (a fixed gas limit rather than the node's
    /// estimate: gasUsed does not depend on the limit; receipts read by
    /// hash, which stays right when a run replays the same transactions
    /// after `evm_revert`).
    pub fn raw(&self, from: Address, to: Option<Address>, data: Vec<u8>, what: &str) -> Result<Receipt, String> {
        self.next_block()?;
        self.sys.client.send_raw(from, to, data, U256::ZERO).map_err(|r| refused(what, from, &r))
    }

    /// Deploys EVM `init_code` from `from`.
    pub fn deploy(&self, from: Address, init_code: Vec<u8>, what: &str) -> Result<Address, String> {
        let receipt = self.raw(from, None, init_code, what)?;
        receipt.created.ok_or_else(|| format!("deploying {what}: no contract address in the receipt"))
    }

    /// A view.
    pub fn view<C: SolCall>(&self, to: Address, call: &C) -> Result<C::Return, String> {
        self.sys.client.try_call(Address::ZERO, to, call).map_err(|r| refused(C::SIGNATURE, Address::ZERO, &r))
    }

    /// A fresh, run-local contribution id (the same sequence in every run).
    pub fn contribution_id(&self) -> B256 {
        let n = self.ids.get() + 1;
        self.ids.set(n);
        keccak256(format!("flt-bench contribution {n}"))
    }

    /// Lets `who` send through the node (no key) and gives it gas money.
    pub fn impersonate(&self, who: Address) -> Result<(), String> {
        self.sys.node.rpc("anvil_impersonateAccount", json!([who]))?;
        self.sys.node.set_balance(who, U256::from(10u128.pow(20)))
    }
}

fn refused(what: &str, from: Address, r: &Revert) -> String {
    format!("{what} from {from} refused: revert data {} ({})", r.data, r.message)
}

/// A dev account's EIP-712 signature of `struct_hash` under
/// `domain_separator`, as `(v, r, s)`.
pub fn sign_typed(dev: usize, domain_separator: B256, struct_hash: B256) -> Result<(u8, B256, B256), String> {
    let digest = keccak256([&[0x19u8, 0x01][..], domain_separator.as_slice(), struct_hash.as_slice()].concat());
    let sig = flt_node_tests::sign::sign_digest(dev, digest);
    Ok((sig.v, sig.r, sig.s))
}

/// EIP-2612 `Permit` struct hash.
pub fn permit_hash(owner: Address, spender: Address, value: U256, nonce: U256, deadline: U256) -> B256 {
    let typehash = keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    keccak256((typehash, owner, spender, value, nonce, deadline).abi_encode())
}

/// ERC20Votes `Delegation` struct hash.
pub fn delegation_hash(delegatee: Address, nonce: U256, expiry: U256) -> B256 {
    let typehash = keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)");
    keccak256((typehash, delegatee, nonce, expiry).abi_encode())
}
