//! Starting, preparing and stopping one node.

use std::{
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::mpsc,
    time::Duration,
};

use std::io::Write;

use alloy_primitives::{Address, Bytes, B256};
use alloy_provider::{Provider, ProviderBuilder, RootProvider};
use serde_json::{json, Value};

use crate::arbos;

/// Arbitrum's dev-chain id (nitro-devnode's too).
pub const CHAIN_ID: u64 = 412_346;

/// The largest contract code the node accepts: the standard EIP-170 limit
/// Arbitrum keeps, arbos-anvil's default (`--code-size-limit` 0x6000), which
/// the node is started with (no flag raises it). Every FLT program deploys
/// as one contract of at most this size, so a deployment on this node proves
/// that it fits; a larger contract creation fails with
/// `CreateContractSizeLimit`.
pub const CODE_SIZE_LIMIT: usize = 24_576;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Loopback port; 0 picks a free one.
    pub port: u16,
    /// Timestamp of the genesis block; `None`: now.
    pub timestamp: Option<u64>,
    /// Accounts made chain owners.
    pub chain_owners: Vec<Address>,
    /// Extra arguments for the node.
    pub extra_args: Vec<String>,
    /// Where the node's output goes (`None`: discarded after start-up).
    pub log: Option<PathBuf>,
}

/// A running node; stopped when dropped.
pub struct Node {
    child: Child,
    /// Closing it stops the node.
    watchdog: Option<std::process::ChildStdin>,
    pub url: String,
    pub port: u16,
    pub binary: PathBuf,
    runtime: tokio::runtime::Runtime,
    provider: RootProvider,
}

impl Node {
    /// Starts the node found by [`crate::binary::find`], waits for its RPC,
    /// installs the StylusDeployer and writes the chain owners.
    pub fn start(options: &Options) -> Result<Node, String> {
        let root = crate::binary::workspace_root();
        Node::start_with(&crate::binary::find(&root)?, &root, options)
    }

    pub fn start_with(binary: &Path, root: &Path, options: &Options) -> Result<Node, String> {
        let deployer_code = arbos::stylus_deployer_code(root)?;
        // The node runs under a watchdog shell that stops it when our end of
        // its stdin closes: when this process exits by any path, a test
        // binary's static node included, no node is left behind.
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg("\"$0\" \"$@\" </dev/null & node=$!; read -r _; kill $node 2>/dev/null; wait $node")
            .arg(binary)
            .args(["--host", "127.0.0.1", "--port", &options.port.to_string()])
            .args(["--chain-id", &CHAIN_ID.to_string()])
            .args(&options.extra_args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(t) = options.timestamp {
            cmd.args(["--timestamp", &t.to_string()]);
        }
        let mut child = cmd.spawn().map_err(|e| format!("starting {}: {e}", binary.display()))?;
        let watchdog = child.stdin.take();
        let port = match wait_listening(&mut child, options.log.as_deref()) {
            Ok(port) => port,
            Err(e) => {
                drop(watchdog);
                let _ = child.wait();
                return Err(format!("{}: {e}", binary.display()));
            }
        };
        let url = format!("http://127.0.0.1:{port}");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("async runtime: {e}"))?;
        let provider = ProviderBuilder::new().disable_recommended_fillers().on_http(url.parse().expect("a URL"));
        let node = Node { child, watchdog, url, port, binary: binary.to_path_buf(), runtime, provider };
        node.set_code(arbos::STYLUS_DEPLOYER, &deployer_code)?;
        node.set_chain_owners(&options.chain_owners)?;
        Ok(node)
    }

    /// One JSON-RPC call, parameters and answer as JSON.
    pub fn rpc(&self, method: &'static str, params: Value) -> Result<Value, String> {
        self.runtime
            .block_on(self.provider.raw_request::<Value, Value>(method.into(), params))
            .map_err(|e| format!("{method}: {e}"))
    }

    /// Installs `code` at `at` (anvil_setCode).
    pub fn set_code(&self, at: Address, code: &[u8]) -> Result<(), String> {
        self.rpc("anvil_setCode", json!([at, Bytes::copy_from_slice(code)])).map(drop)
    }

    pub fn set_storage(&self, at: Address, slot: B256, value: B256) -> Result<(), String> {
        self.rpc("anvil_setStorageAt", json!([at, slot, value])).map(drop)
    }

    /// Makes `owners` the chain owners (ArbOS' chain-owner set).
    pub fn set_chain_owners(&self, owners: &[Address]) -> Result<(), String> {
        arbos::chain_owner_writes(owners)
            .into_iter()
            .try_for_each(|(slot, value)| self.set_storage(arbos::ARBOS_STATE, slot, value))
    }

    /// The next block's timestamp (evm_setNextBlockTimestamp).
    pub fn set_next_timestamp(&self, t: u64) -> Result<(), String> {
        self.rpc("evm_setNextBlockTimestamp", json!([t])).map(drop)
    }

    /// Mines one block at `t` (time moves to `t`).
    pub fn mine_at(&self, t: u64) -> Result<(), String> {
        self.set_next_timestamp(t)?;
        self.rpc("evm_mine", json!([])).map(drop)
    }

    /// The latest block's timestamp.
    pub fn timestamp(&self) -> Result<u64, String> {
        let block = self.rpc("eth_getBlockByNumber", json!(["latest", false]))?;
        let hex = block["timestamp"].as_str().ok_or("block without a timestamp")?;
        u64::from_str_radix(hex.trim_start_matches("0x"), 16).map_err(|e| format!("timestamp {hex}: {e}"))
    }

    pub fn set_balance(&self, who: Address, wei: alloy_primitives::U256) -> Result<(), String> {
        self.rpc("anvil_setBalance", json!([who, wei])).map(drop)
    }

    /// Stops the node and waits for it to exit.
    pub fn stop(mut self) {
        self.kill();
    }

    fn kill(&mut self) {
        drop(self.watchdog.take());
        let _ = self.child.wait();
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Reads the node's output until it says where it listens; afterwards its
/// output goes to `log` (or nowhere) from a background thread.
fn wait_listening(child: &mut Child, log: Option<&Path>) -> Result<u16, String> {
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let stderr = child.stderr.take().ok_or("no stderr")?;
    let mut sink: Box<dyn std::io::Write + Send> = match log {
        Some(path) => Box::new(std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?),
        None => Box::new(std::io::sink()),
    };
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut sent = false;
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = writeln!(sink, "{line}");
            if !sent {
                if let Some(port) = line.strip_prefix("Listening on ").and_then(|a| a.rsplit(':').next()) {
                    sent = tx.send(port.trim().parse::<u16>().map_err(|e| e.to_string())).is_ok();
                }
            }
        }
        if !sent {
            let _ = tx.send(Err("exited before it listened".into()));
        }
    });
    let (etx, erx) = mpsc::channel();
    std::thread::spawn(move || {
        let text: Vec<String> = BufReader::new(stderr).lines().map_while(Result::ok).collect();
        let _ = etx.send(text.join("\n"));
    });
    match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(Ok(port)) => Ok(port),
        Ok(Err(e)) => {
            let err = erx.recv_timeout(Duration::from_secs(2)).unwrap_or_default();
            Err(format!("{e}: {err}"))
        }
        Err(_) => Err("did not listen within 30 s".into()),
    }
}
