//! `./flt node`: a local Stylus node until Ctrl-C.

use std::path::PathBuf;

use clap::Parser;
use flt_node::{dev, Node, Options};

/// Starts a local Stylus node (arbos-anvil) on a free loopback port, chain id
/// 412346, with the StylusDeployer installed and dev account 0 a chain owner;
/// prints its URL and dev accounts and runs until Ctrl-C.
#[derive(Parser)]
#[command(
    name = "flt-node",
    after_help = "Example:\n  ./flt node --timestamp 1767225600\n  # in another shell, with the printed exports:\n  ./flt deploy local --yes"
)]
struct Args {
    /// Loopback port (0: a free one).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Unix time of the genesis block (default: now).
    #[arg(long)]
    timestamp: Option<u64>,
    /// Where the deployer key file (dev account 0) is written.
    #[arg(long, default_value = "target/node/deployer.key")]
    key_file: PathBuf,
    /// Accounts made chain owners (may `cacheProgram`); default: dev account 0.
    #[arg(long = "chain-owner", value_name = "ADDRESS")]
    chain_owners: Vec<alloy_primitives::Address>,
    /// The node's own log.
    #[arg(long, default_value = "target/node/node.log")]
    log: PathBuf,
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("flt-node: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    for dir in [args.key_file.parent(), args.log.parent()].into_iter().flatten() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let chain_owners = if args.chain_owners.is_empty() { vec![dev::address(0)] } else { args.chain_owners.clone() };
    let options = Options {
        port: args.port,
        timestamp: args.timestamp,
        chain_owners: chain_owners.clone(),
        log: Some(args.log.clone()),
        ..Options::default()
    };
    let node = Node::start(&options)?;
    std::fs::write(&args.key_file, format!("{}\n", dev::KEYS[0]))
        .map_err(|e| format!("{}: {e}", args.key_file.display()))?;
    let key_file = std::fs::canonicalize(&args.key_file).unwrap_or(args.key_file.clone());
    println!("Local Stylus node ({}) listening on {}", node.binary.display(), node.url);
    println!(
        "chain id {}, genesis time {}, StylusDeployer at {}",
        flt_node::node::CHAIN_ID,
        node.timestamp()?,
        flt_node::arbos::STYLUS_DEPLOYER
    );
    println!(
        "contract code limit {} B (the standard one, not raised: each program must fit one contract)",
        flt_node::node::CODE_SIZE_LIMIT
    );
    let owners: Vec<String> = chain_owners.iter().map(ToString::to_string).collect();
    println!("chain owners (may cacheProgram): {}", owners.join(", "));
    println!("\ndev accounts (public test keys: never use them on a real network):");
    for (i, key) in dev::KEYS.iter().enumerate() {
        println!("  ({i}) {} {key}", dev::address(i));
    }
    println!(
        "\nIn another shell:\n  export FLT_LOCAL_RPC={}\n  export FLT_DEPLOYER_KEY_FILE={}\n  ./flt deploy local --yes",
        node.url,
        key_file.display()
    );
    println!("\nnode log: {}; Ctrl-C stops the node.", args.log.display());
    wait_for_stop();
    println!("stopping the node");
    node.stop();
    Ok(())
}

/// Until SIGINT or SIGTERM.
fn wait_for_stop() {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return };
    runtime.block_on(async {
        let Ok(mut term) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) else { return };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    });
}
