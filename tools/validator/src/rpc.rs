//! The node, over JSON-RPC: reads, gas estimates, nonces, signing and
//! broadcasting, receipts and the pool. Transient transport failures
//! (connection refused or reset, timeouts, HTTP 429/5xx) are retried with
//! backoff; an answer from the node (a revert, "nonce too low") is not.

use std::{future::IntoFuture, time::Duration};

use alloy_eips::eip2718::Encodable2718;
use alloy_network::{EthereumWallet, TransactionBuilder};
use alloy_primitives::{Address, Bytes, B256};
use alloy_provider::{Provider, ProviderBuilder, RootProvider};
use alloy_rpc_types_eth::{BlockNumberOrTag, TransactionReceipt, TransactionRequest};
use alloy_signer_local::PrivateKeySigner;
use alloy_transport::{RpcError, TransportError};

/// A refused call or estimate: the revert data if the node sent any.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub data: Option<Bytes>,
    pub message: String,
}

/// What the node said to a raw transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Broadcast {
    /// Accepted, or already in the pool (a re-broadcast of the same bytes).
    Accepted,
    /// The sender's nonce is past this transaction's: it was mined, or
    /// another transaction took the nonce.
    NonceUsed,
}

pub struct Node {
    runtime: tokio::runtime::Runtime,
    provider: RootProvider,
    wallet: Option<EthereumWallet>,
    /// The signing account (or the `--from` of a dry run).
    pub from: Address,
    pub attempts: u32,
}

/// Whether retrying may help: the request did not reach the node or the
/// node was overloaded.
fn transient(e: &TransportError) -> bool {
    match e {
        RpcError::Transport(_) => true,
        RpcError::ErrorResp(p) => {
            let m = p.message.to_lowercase();
            p.code == 429 || p.code == -32005 || m.contains("rate limit") || m.contains("try again")
        }
        _ => false,
    }
}

impl Node {
    pub fn connect(url: &str, signer: Option<PrivateKeySigner>, from: Address, attempts: u32) -> Result<Node, String> {
        let url = url.parse().map_err(|e| format!("RPC URL: {e}"))?;
        let provider = ProviderBuilder::new().disable_recommended_fillers().on_http(url);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("async runtime: {e}"))?;
        let from = signer.as_ref().map_or(from, |s| s.address());
        Ok(Node { runtime, provider, wallet: signer.map(EthereumWallet::from), from, attempts: attempts.max(1) })
    }

    /// Runs `f` until it succeeds, fails for good, or `attempts` transient
    /// failures in a row (200 ms, 400 ms, ... between them).
    fn retry<T, F, Fut>(&self, what: &str, mut f: F) -> Result<T, TransportError>
    where
        F: FnMut() -> Fut,
        Fut: IntoFuture<Output = Result<T, TransportError>>,
    {
        let mut wait = Duration::from_millis(200);
        for attempt in 1.. {
            match self.runtime.block_on(f().into_future()) {
                Err(e) if transient(&e) && attempt < self.attempts => {
                    eprintln!(
                        "flt-validator: {what}: {e}; retrying in {} ms ({attempt}/{})",
                        wait.as_millis(),
                        self.attempts
                    );
                    std::thread::sleep(wait);
                    wait = (wait * 2).min(Duration::from_secs(5));
                }
                other => return other,
            }
        }
        unreachable!("the loop returns")
    }

    fn fail(what: &str) -> impl Fn(TransportError) -> String + '_ {
        move |e| format!("RPC {what}: {e}")
    }

    pub fn chain_id(&self) -> Result<u64, String> {
        self.retry("eth_chainId", || self.provider.get_chain_id()).map_err(Self::fail("eth_chainId"))
    }

    fn request(&self, to: Address, data: &[u8]) -> TransactionRequest {
        TransactionRequest::default().with_from(self.from).with_to(to).with_input(Bytes::copy_from_slice(data))
    }

    fn refusal(e: TransportError) -> Refusal {
        Refusal { data: e.as_error_resp().and_then(|p| p.as_revert_data()), message: e.to_string() }
    }

    /// `eth_call` from the validator against the latest block.
    pub fn call(&self, to: Address, data: &[u8]) -> Result<Bytes, Refusal> {
        let tx = self.request(to, data);
        self.retry("eth_call", || self.provider.call(&tx)).map_err(Self::refusal)
    }

    pub fn estimate(&self, to: Address, data: &[u8]) -> Result<u64, Refusal> {
        let tx = self.request(to, data);
        self.retry("eth_estimateGas", || self.provider.estimate_gas(&tx)).map_err(Self::refusal)
    }

    /// The next nonce, counting the sender's transactions in the pool.
    pub fn pending_nonce(&self) -> Result<u64, String> {
        self.retry("eth_getTransactionCount", || {
            self.provider.get_transaction_count(self.from).block_id(BlockNumberOrTag::Pending.into())
        })
        .map_err(Self::fail("eth_getTransactionCount"))
    }

    /// The nonce after the sender's mined transactions.
    pub fn mined_nonce(&self) -> Result<u64, String> {
        self.retry("eth_getTransactionCount", || {
            self.provider.get_transaction_count(self.from).block_id(BlockNumberOrTag::Latest.into())
        })
        .map_err(Self::fail("eth_getTransactionCount"))
    }

    pub fn gas_price(&self) -> Result<u128, String> {
        self.retry("eth_gasPrice", || self.provider.get_gas_price()).map_err(Self::fail("eth_gasPrice"))
    }

    /// An EIP-1559 call of `to` with `data`, signed: (hash, the raw bytes).
    pub fn sign(
        &self,
        chain_id: u64,
        to: Address,
        data: &[u8],
        nonce: u64,
        gas_limit: u64,
        max_fee: u128,
    ) -> Result<(B256, Vec<u8>), String> {
        let wallet = self.wallet.as_ref().ok_or("no key to sign with")?;
        let tx = self
            .request(to, data)
            .with_chain_id(chain_id)
            .with_nonce(nonce)
            .with_gas_limit(gas_limit)
            .with_max_fee_per_gas(max_fee)
            .with_max_priority_fee_per_gas(0);
        let envelope = self.runtime.block_on(tx.build(wallet)).map_err(|e| format!("signing: {e}"))?;
        Ok((*envelope.tx_hash(), envelope.encoded_2718()))
    }

    pub fn broadcast(&self, raw: &[u8]) -> Result<Broadcast, String> {
        match self.retry("eth_sendRawTransaction", || self.provider.send_raw_transaction(raw)) {
            Ok(_) => Ok(Broadcast::Accepted),
            Err(e) => {
                let m = e.to_string().to_lowercase();
                if m.contains("already known") || m.contains("already imported") || m.contains("known transaction") {
                    Ok(Broadcast::Accepted)
                } else if m.contains("nonce too low") || m.contains("nonce has already been used") {
                    Ok(Broadcast::NonceUsed)
                } else {
                    Err(format!("RPC eth_sendRawTransaction: {e}"))
                }
            }
        }
    }

    pub fn receipt(&self, tx: B256) -> Result<Option<TransactionReceipt>, String> {
        self.retry("eth_getTransactionReceipt", || self.provider.get_transaction_receipt(tx))
            .map_err(Self::fail("eth_getTransactionReceipt"))
    }

    /// Whether the node knows `tx` (in its pool or mined).
    pub fn known(&self, tx: B256) -> Result<bool, String> {
        self.retry("eth_getTransactionByHash", || self.provider.get_transaction_by_hash(tx))
            .map(|t| t.is_some())
            .map_err(Self::fail("eth_getTransactionByHash"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreachable_node_is_retried_then_reported() {
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
        let node = Node::connect(&format!("http://127.0.0.1:{port}"), None, Address::ZERO, 3).expect("client");
        let started = std::time::Instant::now();
        let err = node.chain_id().expect_err("nothing listens there");
        assert!(err.starts_with("RPC eth_chainId:"), "{err}");
        // Three attempts: 200 ms and 400 ms between them.
        assert!(started.elapsed() >= Duration::from_millis(600), "{:?}", started.elapsed());
    }

    #[test]
    fn only_transport_failures_and_overload_are_transient() {
        let overloaded: TransportError = RpcError::ErrorResp(alloy_json_rpc::ErrorPayload {
            code: 429,
            message: "Too many requests".into(),
            data: None,
        });
        let reverted: TransportError = RpcError::ErrorResp(alloy_json_rpc::ErrorPayload {
            code: 3,
            message: "execution reverted".into(),
            data: None,
        });
        assert!(transient(&overloaded));
        assert!(!transient(&reverted));
        assert!(transient(&alloy_transport::TransportErrorKind::backend_gone()));
    }
}
