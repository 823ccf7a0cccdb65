//! The local Stylus node: where its binary comes from, and what a started
//! node holds (chain id, genesis time, StylusDeployer code, chain owners,
//! the standard 24,576-byte code-size limit), and `flt-node` (`./flt node`)
//! printing its exports and stopping on SIGTERM.

use std::{
    io::{BufRead, BufReader},
    net::TcpStream,
    os::unix::fs::PermissionsExt,
    path::PathBuf,
    process::{Command, Stdio},
};

use alloy_primitives::{hex, Address};
use flt_node::{
    arbos, binary, dev,
    node::{CHAIN_ID, CODE_SIZE_LIMIT},
    Node, Options,
};
use serde_json::{json, Value};

fn temp(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flt-node-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn executable(dir: &std::path::Path, name: &str, mode: u32) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, "#!/bin/sh\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    path
}

#[test]
fn finds_the_binary_in_env_then_path_then_shared_else_says_how_to_get_one() {
    let dir = temp("find");
    let root = dir.join("work/main");
    std::fs::create_dir_all(&root).unwrap();
    let on_env = executable(&dir, "my-node", 0o755);
    let path_dir = dir.join("bin");
    std::fs::create_dir_all(&path_dir).unwrap();
    let on_path = executable(&path_dir, binary::NAME, 0o755);
    std::fs::create_dir_all(dir.join("work/shared/bin")).unwrap();
    let shared = executable(&dir.join("work/shared/bin"), binary::NAME, 0o755);
    let path = Some(path_dir.clone().into_os_string());

    assert_eq!(binary::find_with(Some(on_env.clone()), path.clone(), &root), Ok(on_env.clone()));
    assert_eq!(binary::find_with(None, path.clone(), &root), Ok(on_path.clone()));
    // An empty variable counts as unset.
    assert_eq!(binary::find_with(Some(PathBuf::new()), path, &root), Ok(on_path));
    assert_eq!(binary::find_with(None, None, &root), Ok(root.join("../shared/bin").join(binary::NAME)));
    assert!(shared.exists());

    // A named file that is not executable is an error, not a fallback.
    let not_exec = executable(&dir, "plain", 0o644);
    let e = binary::find_with(Some(not_exec.clone()), None, &root).unwrap_err();
    assert_eq!(e, format!("$FLT_STYLUS_NODE = {} is not an executable file", not_exec.display()));

    std::fs::remove_file(dir.join("work/shared/bin").join(binary::NAME)).unwrap();
    let e = binary::find_with(None, Some(dir.join("empty").into_os_string()), &root).unwrap_err();
    assert!(e.contains("arbos-foundryup") && e.contains("nitro-devnode") && e.contains("FLT_STYLUS_NODE"), "{e}");
}

fn call(node: &Node, to: Address, data: Vec<u8>) -> Vec<u8> {
    let out =
        node.rpc("eth_call", json!([{ "to": to, "data": format!("0x{}", hex::encode(data)) }, "latest"])).unwrap();
    hex::decode(out.as_str().unwrap()).unwrap()
}

#[test]
fn a_started_node_has_the_chain_id_time_deployer_and_chain_owners() {
    let owners = vec![dev::address(1), dev::address(2)];
    let node =
        Node::start(&Options { timestamp: Some(1_767_225_600), chain_owners: owners.clone(), ..Options::default() })
            .expect("the local Stylus node starts");
    let id = node.rpc("eth_chainId", json!([])).unwrap();
    assert_eq!(id, Value::String(format!("{CHAIN_ID:#x}")));
    assert_eq!(node.timestamp().unwrap(), 1_767_225_600);

    let code = node.rpc("eth_getCode", json!([arbos::STYLUS_DEPLOYER, "latest"])).unwrap();
    let expected = arbos::stylus_deployer_code(&binary::workspace_root()).unwrap();
    assert_eq!(hex::decode(code.as_str().unwrap()).unwrap(), expected);
    assert!(expected.len() > 1000, "the npm artifact's deployedBytecode");

    // ArbOwnerPublic (0x6b) reads the chain-owner set ArbOS keeps.
    let arb_owner_public = Address::with_last_byte(0x6b);
    // getAllChainOwners() = 0x516b4e0f
    let all = call(&node, arb_owner_public, hex!("516b4e0f").to_vec());
    let listed: Vec<Address> = all[64..].chunks(32).map(|w| Address::from_slice(&w[12..])).collect();
    assert_eq!(listed, owners);
    for (who, expect) in [(dev::address(1), 1u8), (dev::address(2), 1), (dev::address(3), 0)] {
        // isChainOwner(address) = 0x26ef7f68
        let mut data = hex!("26ef7f68").to_vec();
        data.extend([0u8; 12]);
        data.extend(who.as_slice());
        assert_eq!(call(&node, arb_owner_public, data)[31], expect, "isChainOwner({who})");
    }

    let port = node.port;
    node.stop();
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err(), "the stopped node no longer listens");
}

/// EVM init code returning `len` bytes: the Stylus program prefix, then zeros.
fn creating(len: usize) -> String {
    let mut init = vec![0x7f];
    init.extend(alloy_primitives::U256::from(len).to_be_bytes::<32>());
    init.extend([0x80, 0x60, 43, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3, 0x00]);
    init.extend([0xEF, 0xF0, 0x00, 0x00]);
    init.resize(43 + len, 0);
    format!("0x{}", hex::encode(init))
}

/// Sends a contract creation from dev account 0 (unlocked on the node) and
/// waits for its receipt.
fn create(node: &Node, len: usize) -> Value {
    let tx = json!({ "from": dev::address(0), "data": creating(len), "gas": "0x1c9c380" });
    let hash = node.rpc("eth_sendTransaction", json!([tx])).unwrap();
    for _ in 0..100 {
        let receipt = node.rpc("eth_getTransactionReceipt", json!([hash])).unwrap();
        if !receipt.is_null() {
            return receipt;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("no receipt for {hash}");
}

#[test]
fn a_started_node_keeps_the_standard_code_size_limit() {
    assert_eq!(CODE_SIZE_LIMIT, 24_576);
    let node = Node::start(&Options::default()).expect("the local Stylus node starts");
    // One contract of exactly the limit deploys, with all its code.
    let fits = create(&node, CODE_SIZE_LIMIT);
    assert_eq!(fits["status"], "0x1", "{fits}");
    let at = fits["contractAddress"].as_str().unwrap();
    let code = node.rpc("eth_getCode", json!([at, "latest"])).unwrap();
    let code = hex::decode(code.as_str().unwrap()).unwrap();
    assert_eq!((code.len(), &code[..4]), (CODE_SIZE_LIMIT, &[0xEF, 0xF0, 0x00, 0x00][..]));
    // One byte more is refused: the node's limit is not raised.
    let over = create(&node, CODE_SIZE_LIMIT + 1);
    assert_eq!(over["status"], "0x0", "{over}");
    assert!(over["contractAddress"].is_null(), "{over}");
    let tx = json!({ "from": dev::address(0), "data": creating(CODE_SIZE_LIMIT + 1) });
    let refused = node.rpc("eth_estimateGas", json!([tx])).unwrap_err();
    assert!(refused.contains("CreateContractSizeLimit"), "{refused}");
}

#[test]
fn flt_node_prints_its_exports_and_stops_on_sigterm() {
    let dir = temp("cli");
    let key_file = dir.join("deployer.key");
    let mut child = Command::new(env!("CARGO_BIN_EXE_flt-node"))
        .args(["--timestamp", "1767225600", "--key-file"])
        .arg(&key_file)
        .arg("--log")
        .arg(dir.join("node.log"))
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines().map_while(Result::ok);
    let mut url = None;
    let mut seen = Vec::new();
    for line in lines.by_ref() {
        if let Some(u) = line.trim().strip_prefix("export FLT_LOCAL_RPC=") {
            url = Some(u.to_string());
        }
        let done = line.contains("Ctrl-C stops the node");
        seen.push(line);
        if done {
            break;
        }
    }
    let text = seen.join("\n");
    let url = url.unwrap_or_else(|| panic!("no FLT_LOCAL_RPC export in:\n{text}"));
    assert!(
        text.contains(&format!("export FLT_DEPLOYER_KEY_FILE={}", key_file.canonicalize().unwrap().display())),
        "{text}"
    );
    assert!(text.contains(&format!("(0) {} {}", dev::address(0), dev::KEYS[0])), "{text}");
    assert!(text.contains("chain id 412346, genesis time 1767225600"), "{text}");
    assert!(text.contains("contract code limit 24576 B (the standard one, not raised"), "{text}");
    assert_eq!(std::fs::read_to_string(&key_file).unwrap().trim(), dev::KEYS[0]);
    let port: u16 = url.rsplit(':').next().unwrap().parse().unwrap();
    assert!(TcpStream::connect(("127.0.0.1", port)).is_ok(), "listening on {url}");

    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}");
    assert!(lines.any(|l| l.contains("stopping the node")));
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err(), "the node stopped with flt-node");
}
