//! A blocking JSON-RPC client for the tests: calls and transactions encoded
//! from the `abi/` bindings, sent from the node's unlocked dev accounts
//! (`eth_sendTransaction`), each refusal returned with its revert data.

use alloy_network::TransactionBuilder;
use alloy_primitives::{Address, Bytes, Log, B256, U256};
use alloy_provider::{Provider, ProviderBuilder, RootProvider};
use alloy_rpc_types_eth::TransactionRequest;
use alloy_sol_types::{SolCall, SolEvent, SolInterface};

/// Gas limit of a transaction expected to revert: sent without estimation,
/// so that it is mined and fails on chain.
pub const REVERT_GAS: u64 = 5_000_000;

/// Gas limit of every other call, instead of the node's estimate: a cost
/// can depend on the second the transaction is mined in (e.g. a checkpoint
/// written in the same second as the last one is updated in place, else
/// appended), and a claim estimated at 149,555 gas was seen to run out of
/// gas when mined.
/// 25M: a 100-item batch uses 6.2M; the node's block gas limit is 30M.
pub const SEND_GAS: u64 = 25_000_000;

pub struct Client {
    runtime: tokio::runtime::Runtime,
    provider: RootProvider,
}

/// A mined, successful transaction.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub hash: B256,
    pub block: u64,
    pub gas_used: u64,
    pub logs: Vec<Log>,
    pub created: Option<Address>,
}

/// A refused call or transaction: its revert data and, for a transaction,
/// the failed receipt's hash.
#[derive(Debug, Clone)]
pub struct Revert {
    pub data: Bytes,
    pub message: String,
    pub mined: Option<B256>,
}

impl Revert {
    /// The revert decoded as one of `E`'s errors (e.g.
    /// `FLTRewards::FLTRewardsErrors`); panics naming the raw data when it
    /// is none of them.
    pub fn decode<E: SolInterface>(&self) -> E {
        E::abi_decode(&self.data, true)
            .unwrap_or_else(|e| panic!("revert data {} ({}) is no declared error: {e}", self.data, self.message))
    }
}

impl Receipt {
    /// Every `E` that `emitter` logged, in order.
    pub fn events<E: SolEvent>(&self, emitter: Address) -> Vec<E> {
        self.logs
            .iter()
            .filter(|l| l.address == emitter && l.topics().first() == Some(&E::SIGNATURE_HASH))
            .map(|l| E::decode_log_data(&l.data, true).unwrap_or_else(|e| panic!("{}: {e}", E::SIGNATURE)))
            .collect()
    }

    /// The one `E` that `emitter` logged.
    pub fn event<E: SolEvent>(&self, emitter: Address) -> E {
        let mut all = self.events::<E>(emitter);
        assert_eq!(all.len(), 1, "expected one {} from {emitter}, got {}", E::SIGNATURE, all.len());
        all.remove(0)
    }

    /// The `(emitter, event signature hash)` of every log, in order.
    pub fn log_kinds(&self) -> Vec<(Address, B256)> {
        self.logs.iter().map(|l| (l.address, l.topics().first().copied().unwrap_or_default())).collect()
    }
}

impl Client {
    pub fn new(url: &str) -> Client {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        let provider = ProviderBuilder::new().disable_recommended_fillers().on_http(url.parse().expect("URL"));
        Client { runtime, provider }
    }

    pub fn provider(&self) -> &RootProvider {
        &self.provider
    }

    pub fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self.runtime.block_on(f)
    }

    /// `eth_call` of raw data from `from`.
    pub fn call_raw(&self, from: Address, to: Address, data: Vec<u8>, value: U256) -> Result<Bytes, Revert> {
        let tx = TransactionRequest::default().with_from(from).with_to(to).with_input(data).with_value(value);
        self.runtime.block_on(async { self.provider.call(&tx).await }).map_err(|e| Revert {
            data: e.as_error_resp().and_then(|p| p.as_revert_data()).unwrap_or_default(),
            message: e.to_string(),
            mined: None,
        })
    }

    /// A view, decoded; `Err` with the revert.
    pub fn try_call<C: SolCall>(&self, from: Address, to: Address, call: &C) -> Result<C::Return, Revert> {
        let out = self.call_raw(from, to, call.abi_encode(), U256::ZERO)?;
        Ok(C::abi_decode_returns(&out, true).unwrap_or_else(|e| panic!("{}: answer {out}: {e}", C::SIGNATURE)))
    }

    /// A view that must answer.
    pub fn call<C: SolCall>(&self, to: Address, call: &C) -> C::Return {
        self.try_call(Address::ZERO, to, call)
            .unwrap_or_else(|r| panic!("{} reverted: {} {}", C::SIGNATURE, r.data, r.message))
    }

    /// Sends `data` from the unlocked `from`. A transaction the node's
    /// `eth_call` refuses is still mined (with [`REVERT_GAS`]), so that it
    /// fails on chain; `Err` carries the revert data and its hash.
    pub fn send_raw(&self, from: Address, to: Option<Address>, data: Vec<u8>, value: U256) -> Result<Receipt, Revert> {
        let mut tx = TransactionRequest::default().with_from(from).with_value(value);
        tx = match to {
            Some(to) => tx.with_to(to).with_input(data.clone()),
            None => tx.with_deploy_code(data.clone()),
        };
        let refused = match to {
            Some(to) => self.call_raw(from, to, data, value).err(),
            None => None,
        };
        if refused.is_some() {
            tx = tx.with_gas_limit(REVERT_GAS);
        } else if to.is_some() {
            tx = tx.with_gas_limit(SEND_GAS);
        }
        // The node mines at once; the receipt is read by hash, not through
        // alloy's pending-transaction watcher, which can miss a receipt
        // whose hash an earlier test (before an `evm_revert`) also produced.
        let receipt = self.runtime.block_on(async {
            let pending = self.provider.send_transaction(tx).await.map_err(|e| e.to_string())?;
            let hash = *pending.tx_hash();
            for _ in 0..200 {
                match self.provider.get_transaction_receipt(hash).await {
                    Ok(Some(r)) => return Ok(r),
                    Ok(None) => tokio::time::sleep(std::time::Duration::from_millis(25)).await,
                    Err(e) => return Err(e.to_string()),
                }
            }
            Err(format!("no receipt for {hash} after 5 s"))
        });
        let receipt = match receipt {
            Ok(r) => r,
            Err(message) => {
                let mut revert = refused.unwrap_or(Revert { data: Bytes::new(), message: String::new(), mined: None });
                revert.message = format!("{} / send: {message}", revert.message);
                return Err(revert);
            }
        };
        if receipt.status() {
            assert!(refused.is_none(), "eth_call refused a transaction that then succeeded: {refused:?}");
            return Ok(Receipt {
                hash: receipt.transaction_hash,
                block: receipt.block_number.unwrap_or_default(),
                gas_used: receipt.gas_used,
                logs: receipt.inner.logs().iter().map(|l| l.inner.clone()).collect(),
                created: receipt.contract_address,
            });
        }
        let mut revert = refused.unwrap_or(Revert {
            data: Bytes::new(),
            message: "failed on chain though eth_call passed".into(),
            mined: None,
        });
        revert.mined = Some(receipt.transaction_hash);
        Err(revert)
    }

    pub fn try_send<C: SolCall>(&self, from: Address, to: Address, call: &C) -> Result<Receipt, Revert> {
        self.send_raw(from, Some(to), call.abi_encode(), U256::ZERO)
    }

    /// A transaction that must succeed.
    pub fn send<C: SolCall>(&self, from: Address, to: Address, call: &C) -> Receipt {
        self.try_send(from, to, call)
            .unwrap_or_else(|r| panic!("{} from {from} reverted: {} {}", C::SIGNATURE, r.data, r.message))
    }

    /// A transaction that must be refused: mined, failed on chain, and its
    /// revert decoded as one of `E`'s errors.
    pub fn refuse<C: SolCall, E: SolInterface>(&self, from: Address, to: Address, call: &C) -> E {
        match self.try_send(from, to, call) {
            Ok(r) => panic!("{} from {from} succeeded (tx {}), but must be refused", C::SIGNATURE, r.hash),
            Err(revert) => {
                assert!(
                    revert.mined.is_some(),
                    "{}: the refused transaction was not mined: {}",
                    C::SIGNATURE,
                    revert.message
                );
                revert.decode()
            }
        }
    }
}
