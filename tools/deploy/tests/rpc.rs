//! The real client (`chain::Rpc`) against a JSON-RPC node on loopback that
//! records every request: what it reads, the activation check's state
//! override, and a transaction signed by the key file for this chain.

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::TcpListener,
    sync::{Arc, Mutex},
};

use alloy_consensus::{Transaction, TxEnvelope};
use alloy_eips::eip2718::Decodable2718;
use alloy_primitives::{keccak256, Address, U256};
use flt_deploy::chain::{Chain, Rpc, Tx};
use serde_json::{json, Value};

const CHAIN_ID: u64 = 412_346;
const DEV_KEY: &str = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const DEV_ADDRESS: &str = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

type Seen = Arc<Mutex<Vec<Value>>>;

fn answer(req: &Value, raw_txs: &Mutex<Vec<Vec<u8>>>) -> Value {
    let hex = |x: u64| json!(format!("{x:#x}"));
    let result = match req["method"].as_str().unwrap() {
        "eth_chainId" => hex(CHAIN_ID),
        "eth_getBalance" => hex(1_000_000_000_000_000_000),
        "eth_getCode" => json!("0x60016002"),
        "eth_call" if req["params"][0]["to"] == format!("0x{:040x}", 0xee) => {
            return json!({"jsonrpc": "2.0", "id": req["id"], "error": {
                "code": 3, "message": "execution reverted: custom error 0xcc944bf2", "data": "0xcc944bf2"
            }})
        }
        "eth_call" if req["params"].as_array().unwrap().len() == 3 => json!(format!("0x{:064x}", 0x42)),
        "eth_call" => json!(format!("0x{:064x}", 0x17)),
        "eth_getTransactionCount" => hex(5),
        "eth_estimateGas" => hex(100_000),
        "eth_gasPrice" | "eth_maxPriorityFeePerGas" => hex(1),
        "eth_blockNumber" => hex(9),
        "eth_feeHistory" => json!({
            "oldestBlock": "0x8", "baseFeePerGas": ["0x5f5e100", "0x5f5e100"], "gasUsedRatio": [0.5], "reward": [["0x0"]]
        }),
        "eth_sendRawTransaction" => {
            let raw = alloy_primitives::hex::decode(req["params"][0].as_str().unwrap()).unwrap();
            let hash = keccak256(&raw);
            raw_txs.lock().unwrap().push(raw);
            json!(hash.to_string())
        }
        "eth_getTransactionReceipt" => json!({
            "transactionHash": req["params"][0], "transactionIndex": "0x0", "blockHash": format!("0x{:064x}", 1),
            "blockNumber": "0x9", "from": DEV_ADDRESS.to_lowercase(), "to": format!("0x{:040x}", 0xaa),
            "cumulativeGasUsed": "0x5208", "gasUsed": "0x5208", "effectiveGasPrice": "0x5f5e100",
            "contractAddress": null, "logsBloom": format!("0x{}", "0".repeat(512)), "type": "0x2", "status": "0x1",
            "logs": [{
                "address": format!("0x{:040x}", 0xaa), "topics": [format!("0x{:064x}", 7)], "data": format!("0x{:064x}", 8),
                "blockHash": format!("0x{:064x}", 1), "blockNumber": "0x9", "transactionHash": req["params"][0],
                "transactionIndex": "0x0", "logIndex": "0x0", "removed": false
            }]
        }),
        other => {
            return json!({"jsonrpc": "2.0", "id": req["id"], "error": {"code": -32601, "message": format!("no {other}")}})
        }
    };
    json!({"jsonrpc": "2.0", "id": req["id"], "result": result})
}

/// A loopback node; returns its URL, the requests it saw and the raw
/// transactions it was sent.
fn node() -> (String, Seen, Arc<Mutex<Vec<Vec<u8>>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen: Seen = Arc::default();
    let raw_txs: Arc<Mutex<Vec<Vec<u8>>>> = Arc::default();
    let (seen2, raw2) = (seen.clone(), raw_txs.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let (seen, raw) = (seen2.clone(), raw2.clone());
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut writer = stream;
                loop {
                    let mut len = 0;
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                            len = v.trim().parse().unwrap();
                        }
                        if line == "\r\n" {
                            break;
                        }
                    }
                    let mut body = vec![0; len];
                    reader.read_exact(&mut body).unwrap();
                    let req: Value = serde_json::from_slice(&body).unwrap();
                    seen.lock().unwrap().push(req.clone());
                    let out = answer(&req, &raw).to_string();
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                        out.len()
                    );
                    if writer.write_all(head.as_bytes()).and_then(|_| writer.write_all(out.as_bytes())).is_err() {
                        return;
                    }
                }
            });
        }
    });
    (url, seen, raw_txs)
}

/// A key file of its own per call: tests run in parallel, and one test
/// must never read another's half-written file.
fn key_file() -> std::path::PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("flt-deploy-rpc-{}-{n}.key", std::process::id()));
    std::fs::write(&path, DEV_KEY).unwrap();
    path
}

fn requests(seen: &Seen, method: &str) -> Vec<Value> {
    seen.lock().unwrap().iter().filter(|r| r["method"] == method).cloned().collect()
}

#[test]
fn reads_go_to_the_node_and_come_back_decoded() {
    let (url, seen, _) = node();
    let mut rpc = Rpc::connect(&url, Some(&key_file())).unwrap();
    assert_eq!(rpc.sender().to_string(), DEV_ADDRESS, "the key file's address");
    assert_eq!(rpc.chain_id().unwrap(), CHAIN_ID);
    assert_eq!(rpc.balance(rpc.sender()).unwrap(), U256::from(10u64).pow(U256::from(18u64)));
    assert_eq!(rpc.code(Address::with_last_byte(1)).unwrap(), vec![0x60, 0x01, 0x60, 0x02]);
    let out = rpc.call(Address::with_last_byte(0xcc), vec![1, 2, 3, 4]).unwrap();
    assert_eq!(U256::from_be_slice(&out), U256::from(0x17));
    let call = &requests(&seen, "eth_call")[0]["params"][0];
    assert_eq!(call["to"], format!("0x{:040x}", 0xcc));
    assert_eq!(call["input"], "0x01020304");
    assert_eq!(call["from"].as_str().unwrap(), DEV_ADDRESS.to_lowercase());
}

#[test]
fn the_activation_check_installs_the_code_with_a_state_override() {
    let (url, seen, _) = node();
    let mut rpc = Rpc::connect(&url, None).unwrap();
    let probe = Address::with_last_byte(0xa0);
    let out = rpc
        .call_with_codes(
            Address::with_last_byte(0x71),
            vec![9; 4],
            U256::from(5),
            vec![(probe, vec![0xEF, 0xF0, 0, 0])],
        )
        .unwrap();
    assert_eq!(U256::from_be_slice(&out), U256::from(0x42));
    let params = &requests(&seen, "eth_call")[0]["params"];
    assert_eq!(params[0]["value"], "0x5");
    let overrides = params[2].as_object().unwrap();
    assert_eq!(overrides[&format!("0x{:040x}", 0xa0)]["code"], "0xeff00000");
    let funded = params[0]["from"].as_str().unwrap();
    assert_eq!(overrides[funded]["balance"], format!("{:#x}", U256::MAX), "the caller can pay any fee");
}

#[test]
fn a_transaction_is_signed_by_the_key_file_for_this_chain_and_its_receipt_read() {
    let (url, _, raw_txs) = node();
    let mut rpc = Rpc::connect(&url, Some(&key_file())).unwrap();
    let to = Address::with_last_byte(0xaa);
    let receipt = rpc.send(&Tx { to: Some(to), data: vec![0xde, 0xad], value: U256::from(3) }).unwrap();
    assert!(receipt.success);
    assert_eq!(receipt.block, 9);
    assert_eq!(receipt.logs.len(), 1);
    assert_eq!(receipt.logs[0].0, to);
    assert_eq!(U256::from_be_slice(&receipt.logs[0].2), U256::from(8));

    let raw = raw_txs.lock().unwrap()[0].clone();
    assert_eq!(receipt.hash, keccak256(&raw));
    let tx = TxEnvelope::decode_2718(&mut raw.as_slice()).unwrap();
    assert_eq!(tx.recover_signer().unwrap().to_string(), DEV_ADDRESS);
    assert_eq!(tx.chain_id(), Some(CHAIN_ID));
    assert_eq!(tx.to(), Some(to));
    assert_eq!(tx.input().to_vec(), vec![0xde, 0xad]);
    assert_eq!(tx.value(), U256::from(3));
    assert_eq!(tx.nonce(), 5);
}

#[test]
fn a_refused_call_carries_its_revert_data_and_a_paying_call_its_value() {
    let (url, seen, _) = node();
    let mut rpc = Rpc::connect(&url, Some(&key_file())).unwrap();
    let failed = rpc.call_with_value(Address::with_last_byte(0xee), vec![1; 4], U256::from(9)).unwrap_err();
    assert_eq!(failed.data, Some(vec![0xcc, 0x94, 0x4b, 0xf2]), "ProgramUpToDate's selector, as the node sent it");
    assert!(failed.message.contains("execution reverted"), "{}", failed.message);
    let call = &requests(&seen, "eth_call")[0]["params"][0];
    assert_eq!(call["value"], "0x9");
    assert_eq!(call["from"].as_str().unwrap(), DEV_ADDRESS.to_lowercase(), "from the deployer");
    // An error without revert data (the node is unreachable) has none.
    let mut gone = Rpc::connect("http://127.0.0.1:9", None).unwrap();
    let failed = gone.call(Address::ZERO, vec![]).unwrap_err();
    assert_eq!(failed.data, None);
    assert!(failed.message.starts_with("RPC: "), "{}", failed.message);
}
