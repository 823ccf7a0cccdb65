//! A node with the system deployed by flt-deploy, as `./flt deploy local
//! --yes` does it.

use std::path::PathBuf;

use alloy_primitives::{Address, U256};
use flt_deploy::{
    artifacts,
    chain::Rpc,
    config,
    deploy::{self, Plan},
    verify::Deployed,
};
use flt_node::{dev, Node, Options};

use crate::{client::Client, GENESIS_TIME};

pub struct System {
    pub node: Node,
    pub client: Client,
    pub token: Address,
    pub rewards: Address,
    /// FLTCouncil: the signers, council actions, the pause, approvals.
    pub council: Address,
    pub governor: Address,
    /// When epoch 0 opened (the deployment's block time).
    pub genesis: u64,
    pub config: config::Config,
    pub root: PathBuf,
}

/// Dev accounts' roles in `deploy/networks/local.toml`.
pub mod role {
    /// The deployer, also a council signer and the chain owner.
    pub const DEPLOYER: usize = 0;
    pub const SIGNERS: [usize; 3] = [0, 1, 2];
    pub const VALIDATOR: usize = 3;
}

impl System {
    /// Starts a node at [`GENESIS_TIME`] and deploys the four programs of
    /// `target/stylus/` (`./flt build` writes them).
    pub fn deploy() -> System {
        System::try_deploy().unwrap_or_else(|e| panic!("end-to-end fixture: {e}"))
    }

    pub fn try_deploy() -> Result<System, String> {
        System::try_deploy_with(GENESIS_TIME, |_| {})
    }

    /// A node whose genesis block is at `timestamp`, with the system
    /// deployed from `deploy/networks/local.toml` as `edit` changes it (its
    /// council, validators or genesis).
    pub fn try_deploy_with(timestamp: u64, edit: impl FnOnce(&mut config::Config)) -> Result<System, String> {
        let root = flt_node::binary::workspace_root();
        let node = Node::start(&Options {
            timestamp: Some(timestamp),
            chain_owners: vec![dev::address(role::DEPLOYER)],
            ..Options::default()
        })?;
        let work = root.join("target/node-tests").join(format!("{}-{}", std::process::id(), node.port));
        std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
        let key_file = work.join("deployer.key");
        std::fs::write(&key_file, dev::KEYS[role::DEPLOYER]).map_err(|e| e.to_string())?;
        let mut config = config::load(&root.join("deploy/networks/local.toml"), timestamp)
            .map_err(|r| format!("local.toml refused: {r}"))?;
        edit(&mut config);
        let artifacts = artifacts::load(&root.join(flt_artifacts_dir()))
            .map_err(|r| format!("artifacts refused (run ./flt build):\n{r}"))?;
        let plan = Plan { config: config.clone(), artifacts, cache: None, record: work.join("local.json") };
        let mut chain = Rpc::connect(&node.url, Some(&key_file))?;
        let Deployed { rewards, token, council, governor } = deploy::run(&plan, &mut chain)?;
        let client = Client::new(&node.url);
        let genesis = client.call(rewards, &crate::abi::FLTRewards::epochInfoCall { epoch: 0 })._0;
        Ok(System { node, client, token, rewards, council, governor, genesis, config, root })
    }

    pub fn at(&self, i: usize) -> Address {
        dev::address(i)
    }

    /// Moves time: the next block is mined at `t`.
    pub fn warp(&self, t: u64) {
        self.node.mine_at(t).unwrap_or_else(|e| panic!("warp to {t}: {e}"));
    }

    /// The next transaction's block time is `t`.
    pub fn next_at(&self, t: u64) {
        self.node.set_next_timestamp(t).unwrap_or_else(|e| panic!("next block at {t}: {e}"));
    }

    pub fn now(&self) -> u64 {
        self.node.timestamp().expect("latest block")
    }

    /// FLT balance.
    pub fn balance(&self, who: Address) -> U256 {
        self.client.call(self.token, &crate::abi::FLToken::balanceOfCall { account: who })._0
    }
}

fn flt_artifacts_dir() -> &'static str {
    "target/stylus"
}

/// One deployment per test binary, shared by its tests in turn: each gets
/// it back in the state right after deployment (an `evm_snapshot` taken
/// then, reverted to before every test), so tests stay independent and pay
/// for one deployment, not one each.
pub fn fresh() -> std::sync::MutexGuard<'static, Shared> {
    use std::sync::{Mutex, OnceLock};
    static SHARED: OnceLock<Mutex<Shared>> = OnceLock::new();
    let mut guard = SHARED
        .get_or_init(|| Mutex::new(Shared { system: System::deploy(), snapshot: None }))
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(id) = guard.snapshot.take() {
        let reverted = guard.system.node.rpc("evm_revert", serde_json::json!([id])).expect("evm_revert");
        assert_eq!(reverted, serde_json::Value::Bool(true), "evm_revert to the deployment's snapshot");
    }
    let id = guard.system.node.rpc("evm_snapshot", serde_json::json!([])).expect("evm_snapshot");
    guard.snapshot = Some(id);
    guard
}

pub struct Shared {
    pub system: System,
    snapshot: Option<serde_json::Value>,
}

impl std::ops::Deref for Shared {
    type Target = System;
    fn deref(&self) -> &System {
        &self.system
    }
}
