//! What the deployment needs from a node, as a trait so that the whole flow
//! runs in tests against a recording fake; [`Rpc`] is the real one (alloy's
//! HTTP provider with a local signer).

use std::{future::IntoFuture, path::Path};

use alloy_network::{EthereumWallet, TransactionBuilder};
use alloy_primitives::{Address, Bytes, B256, U256};
use alloy_provider::{DynProvider, Provider, ProviderBuilder};
use alloy_rpc_types_eth::{
    state::{AccountOverride, StateOverride},
    TransactionRequest,
};
use alloy_signer_local::PrivateKeySigner;

/// A transaction to send: a contract creation when `to` is `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tx {
    pub to: Option<Address>,
    pub data: Vec<u8>,
    pub value: U256,
}

/// Environment variable naming the file that holds the deployer's hex key.
pub const KEY_ENV: &str = "FLT_DEPLOYER_KEY_FILE";

/// A refused `eth_call`: the revert data when the node returned some (a
/// custom error to decode), and the node's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    pub data: Option<Vec<u8>>,
    pub message: String,
}

impl From<&str> for Failed {
    fn from(message: &str) -> Failed {
        Failed { data: None, message: message.to_string() }
    }
}

impl From<String> for Failed {
    fn from(message: String) -> Failed {
        Failed { data: None, message }
    }
}

impl From<Failed> for String {
    fn from(failed: Failed) -> String {
        failed.message
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub hash: B256,
    pub success: bool,
    pub block: u64,
    pub created: Option<Address>,
    /// `(emitter, topics, data)` of each log.
    pub logs: Vec<(Address, Vec<B256>, Vec<u8>)>,
}

pub trait Chain {
    /// The sending account.
    fn sender(&self) -> Address;
    fn chain_id(&mut self) -> Result<u64, String>;
    fn balance(&mut self, who: Address) -> Result<U256, String>;
    /// `eth_getCode`.
    fn code(&mut self, at: Address) -> Result<Vec<u8>, String>;
    /// `eth_call` from the sender, paying `value`.
    fn call_with_value(&mut self, to: Address, data: Vec<u8>, value: U256) -> Result<Vec<u8>, Failed>;
    /// `eth_call` from the sender.
    fn call(&mut self, to: Address, data: Vec<u8>) -> Result<Vec<u8>, Failed> {
        self.call_with_value(to, data, U256::ZERO)
    }
    /// `eth_call` with value from a funded throwaway account, on top of
    /// `codes` installed at their addresses (the node's activation check of
    /// code not yet deployed).
    fn call_with_codes(
        &mut self,
        to: Address,
        data: Vec<u8>,
        value: U256,
        codes: Vec<(Address, Vec<u8>)>,
    ) -> Result<Vec<u8>, Failed>;
    /// Sends and waits for the receipt.
    fn send(&mut self, tx: &Tx) -> Result<Receipt, String>;
}

/// A node over HTTP(S), signing with the deployer's key.
pub struct Rpc {
    provider: DynProvider,
    sender: Address,
    runtime: tokio::runtime::Runtime,
}

impl Rpc {
    /// `key_file` holds the deployer's hex private key ([`KEY_ENV`] names
    /// it); without one, the client can only read (a throwaway key names
    /// the caller).
    pub fn connect(url: &str, key_file: Option<&Path>) -> Result<Rpc, String> {
        let signer = match key_file {
            Some(path) => read_key(path)?,
            None => PrivateKeySigner::random(),
        };
        let sender = signer.address();
        let url = url.parse().map_err(|e| format!("RPC URL: {e}"))?;
        let provider = ProviderBuilder::new().wallet(EthereumWallet::from(signer)).on_http(url).erased();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("async runtime: {e}"))?;
        Ok(Rpc { provider, sender, runtime })
    }
}

pub fn read_key(key_file: &Path) -> Result<PrivateKeySigner, String> {
    read_role_key("deployer", key_file)
}

/// [`read_key`] for another role's key file (flt-validator's), named so in
/// its messages.
pub fn read_role_key(role: &str, key_file: &Path) -> Result<PrivateKeySigner, String> {
    let text = std::fs::read_to_string(key_file).map_err(|e| format!("{role} key {}: {e}", key_file.display()))?;
    text.trim().parse().map_err(|_| format!("{role} key {}: not a hex private key", key_file.display()))
}

fn rpc_err(e: impl std::fmt::Display) -> String {
    format!("RPC: {e}")
}

/// An `eth_call` error with its revert data, if the node sent any.
fn call_err(e: alloy_transport::TransportError) -> Failed {
    let data = e.as_error_resp().and_then(|p| p.as_revert_data()).map(|d| d.to_vec());
    Failed { data, message: rpc_err(e) }
}

impl Chain for Rpc {
    fn sender(&self) -> Address {
        self.sender
    }

    fn chain_id(&mut self) -> Result<u64, String> {
        self.runtime.block_on(self.provider.get_chain_id()).map_err(rpc_err)
    }

    fn balance(&mut self, who: Address) -> Result<U256, String> {
        self.runtime.block_on(self.provider.get_balance(who).into_future()).map_err(rpc_err)
    }

    fn code(&mut self, at: Address) -> Result<Vec<u8>, String> {
        self.runtime.block_on(self.provider.get_code_at(at).into_future()).map(|c| c.to_vec()).map_err(rpc_err)
    }

    fn call_with_value(&mut self, to: Address, data: Vec<u8>, value: U256) -> Result<Vec<u8>, Failed> {
        let tx = TransactionRequest::default()
            .with_from(self.sender)
            .with_to(to)
            .with_value(value)
            .with_input(Bytes::from(data));
        self.runtime.block_on(self.provider.call(&tx).into_future()).map(|b| b.to_vec()).map_err(call_err)
    }

    fn call_with_codes(
        &mut self,
        to: Address,
        data: Vec<u8>,
        value: U256,
        codes: Vec<(Address, Vec<u8>)>,
    ) -> Result<Vec<u8>, Failed> {
        let funded = Address::with_last_byte(0xf1);
        let mut state = StateOverride::default();
        state.insert(funded, AccountOverride::default().with_balance(U256::MAX));
        for (at, code) in codes {
            state.insert(at, AccountOverride::default().with_code(code));
        }
        let tx =
            TransactionRequest::default().with_from(funded).with_to(to).with_value(value).with_input(Bytes::from(data));
        self.runtime
            .block_on(self.provider.call(&tx).overrides(&state).into_future())
            .map(|b| b.to_vec())
            .map_err(call_err)
    }

    fn send(&mut self, tx: &Tx) -> Result<Receipt, String> {
        let mut req = TransactionRequest::default().with_from(self.sender).with_value(tx.value);
        req = match tx.to {
            Some(to) => req.with_to(to).with_input(Bytes::from(tx.data.clone())),
            None => req.with_deploy_code(Bytes::from(tx.data.clone())),
        };
        let receipt = self.runtime.block_on(async {
            let pending = self.provider.send_transaction(req).await.map_err(rpc_err)?;
            pending.get_receipt().await.map_err(rpc_err)
        })?;
        Ok(Receipt {
            hash: receipt.transaction_hash,
            success: receipt.status(),
            block: receipt.block_number.unwrap_or_default(),
            created: receipt.contract_address,
            logs: receipt
                .inner
                .logs()
                .iter()
                .map(|l| (l.address(), l.topics().to_vec(), l.data().data.to_vec()))
                .collect(),
        })
    }
}
