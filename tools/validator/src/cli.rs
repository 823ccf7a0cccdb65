//! The command line: where the evaluations come from, which network, the
//! key file, and the journal.

use std::{
    io::Read,
    path::{Path, PathBuf},
    process::ExitCode,
    time::Duration,
};

use alloy_primitives::Address;
use clap::Parser;
use flt_deploy::{chain::read_role_key, config, record};

use crate::{
    input::parse_address,
    journal::Journal,
    rpc::Node,
    run::{Settings, Validator},
};

/// Environment variable naming the file that holds the validator's hex key
/// (as `FLT_DEPLOYER_KEY_FILE` does for flt-deploy: never a key on the
/// command line, where shell history and the process list keep it).
pub const KEY_ENV: &str = "FLT_VALIDATOR_KEY_FILE";

#[derive(Parser, Debug)]
#[command(
    name = "flt-validator",
    bin_name = "flt-validator",
    about = "Records a federated-learning round's evaluations on FLTRewards: checked, batched, journaled",
    after_help = "Examples:
  flt-validator --network local round-1.jsonl              record one round's evaluations
  flt-validator --network local --dry-run round-1.jsonl    print the checks, batches and calldata; send nothing
  strategy | flt-validator --network local -               from stdin
  flt-validator --network arbitrum-sepolia --watch rounds/ every *.jsonl in rounds/, then new ones as they come

Environment: the RPC URL in the variable the network config's rpc_env names (FLT_LOCAL_RPC for local);
FLT_VALIDATOR_KEY_FILE = path of a file holding the validator's hex key.
Exit codes: 0 every line handled (refused lines are reported, not fatal), 1 stopped (RPC, refusal of the
whole batch, timeout: the journal keeps the state, run again to resume), 2 bad usage or config."
)]
pub struct Args {
    /// Files of JSON lines; `-` reads stdin.
    pub inputs: Vec<PathBuf>,
    /// Process every *.jsonl file of DIR (by name), then keep watching it for new files and lines.
    #[arg(long, value_name = "DIR")]
    pub watch: Option<PathBuf>,
    /// With --watch: one pass over DIR, then exit.
    #[arg(long)]
    pub once: bool,
    /// deploy/networks/<NETWORK>.toml gives the chain id and the RPC variable;
    /// deploy/deployments/<NETWORK>.json the FLTRewards address.
    #[arg(long, default_value = "local")]
    pub network: String,
    #[arg(long, default_value = "deploy/networks")]
    pub networks: PathBuf,
    #[arg(long, default_value = "deploy/deployments")]
    pub deployments: PathBuf,
    /// FLTRewards' address instead of the deployment record's.
    #[arg(long)]
    pub rewards: Option<String>,
    /// The journal (default: flt-validator-<NETWORK>.journal.jsonl in the current directory).
    #[arg(long)]
    pub journal: Option<PathBuf>,
    /// Print the checks, batches and calldata; send nothing, write no journal.
    #[arg(long)]
    pub dry_run: bool,
    /// Dry run without a key file: the address to check and estimate as.
    #[arg(long)]
    pub from: Option<String>,
    /// The most gas one transaction may ask for.
    #[arg(long, default_value_t = 10_000_000)]
    pub gas_budget: u64,
    /// The most items in one batch.
    #[arg(long, default_value_t = 100)]
    pub max_batch: usize,
    /// Seconds to wait for a sent transaction before stopping (it stays journaled).
    #[arg(long, default_value_t = 120)]
    pub receipt_timeout: u64,
    /// Attempts of each RPC request on transient failures.
    #[arg(long, default_value_t = 5)]
    pub retries: u32,
    /// With --watch: milliseconds between passes.
    #[arg(long, default_value_t = 1000)]
    pub poll_ms: u64,
    /// Also write the per-round summary as JSON here.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Refused: keys come only from the file $FLT_VALIDATOR_KEY_FILE names.
    #[arg(long, hide = true)]
    pub private_key: Option<String>,
}

pub fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(e)) => {
            eprintln!("flt-validator: {e}");
            ExitCode::from(2)
        }
        Err(Failure::Stopped(e)) => {
            eprintln!("flt-validator: {e}");
            ExitCode::FAILURE
        }
    }
}

pub enum Failure {
    Usage(String),
    Stopped(String),
}

fn usage(e: impl Into<String>) -> Failure {
    Failure::Usage(e.into())
}

fn env(name: &str, what: &str) -> Result<String, Failure> {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .ok_or_else(|| usage(format!("set ${name} to {what}; nothing was sent")))
}

/// The complete lines of each input (a watched file's last line may still
/// be being written).
fn gather(args: &Args) -> Result<Vec<(String, String)>, Failure> {
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = args.inputs.clone();
    if let Some(dir) = &args.watch {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| Failure::Stopped(format!("{}: {e}", dir.display())))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        files.sort();
        paths.extend(files);
    }
    for path in paths {
        if path == Path::new("-") {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| Failure::Stopped(format!("stdin: {e}")))?;
            out.push(("-".to_string(), text));
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|e| Failure::Stopped(format!("{}: {e}", path.display())))?;
        let complete = if args.watch.is_some() { text.rfind('\n').map_or(0, |i| i + 1) } else { text.len() };
        out.push((path.display().to_string(), text[..complete].to_string()));
    }
    Ok(out)
}

pub fn run(args: &Args) -> Result<(), Failure> {
    if args.private_key.is_some() {
        return Err(usage(format!(
            "--private-key is refused: put the key in a file and set ${KEY_ENV} to its path; nothing was sent"
        )));
    }
    if args.inputs.is_empty() && args.watch.is_none() {
        return Err(usage("give input files, - for stdin, or --watch DIR"));
    }
    let config_path = args.networks.join(format!("{}.toml", args.network));
    // `now = 0`: a configured genesis that has passed since the deployment
    // is no reason to refuse recording.
    let config =
        config::load(&config_path, 0).map_err(|r| usage(format!("{} refused:\n{r}", config_path.display())))?;
    let rewards: Address = match &args.rewards {
        Some(text) => parse_address(text).ok_or_else(|| usage(format!("--rewards {text:?} is not an address")))?,
        None => record::read(&args.deployments.join(format!("{}.json", config.network))).map_err(usage)?.rewards,
    };
    let url = env(&config.rpc_env, "the RPC URL")?;
    let signer = match std::env::var(KEY_ENV).ok().filter(|v| !v.is_empty()) {
        Some(path) => Some(read_role_key("validator", Path::new(&path)).map_err(usage)?),
        None if args.dry_run => None,
        None => return Err(usage(format!("set ${KEY_ENV} to the path of the validator's key file; nothing was sent"))),
    };
    let from = match (&signer, &args.from) {
        (Some(_), _) => Address::ZERO,
        (None, Some(text)) => parse_address(text).ok_or_else(|| usage(format!("--from {text:?} is not an address")))?,
        (None, None) => return Err(usage(format!("a dry run needs ${KEY_ENV} or --from ADDRESS (the validator)"))),
    };
    let node = Node::connect(&url, signer, from, args.retries).map_err(Failure::Stopped)?;
    let id = node.chain_id().map_err(Failure::Stopped)?;
    if id != config.chain_id {
        return Err(usage(format!(
            "the node at ${} is chain {id}, but {} is chain {}; nothing was sent",
            config.rpc_env, config.network, config.chain_id
        )));
    }
    let journal_path =
        args.journal.clone().unwrap_or_else(|| PathBuf::from(format!("flt-validator-{}.journal.jsonl", args.network)));
    let mut journal = if args.dry_run {
        Journal::read_only(&journal_path).map_err(Failure::Stopped)?
    } else {
        Journal::open(&journal_path).map_err(Failure::Stopped)?
    };
    let settings = Settings {
        rewards,
        chain_id: id,
        gas_budget: args.gas_budget,
        max_batch: args.max_batch,
        dry_run: args.dry_run,
        receipt_timeout: Duration::from_secs(args.receipt_timeout),
        crash_before_broadcast: std::env::var("FLT_VALIDATOR_TEST_CRASH").is_ok_and(|v| v == "before-broadcast"),
    };
    println!(
        "flt-validator: {} (chain id {id}), FLTRewards {rewards}, validator {}, journal {}{}",
        config.network,
        node.from,
        journal_path.display(),
        if args.dry_run { ", dry run: nothing is sent" } else { "" }
    );
    let mut validator = Validator::new(&node, &mut journal, settings);
    loop {
        let inputs = gather(args)?;
        let result = validator.pass(&inputs);
        let report = std::mem::take(&mut validator.report);
        print!("{}", report.text());
        if let Some(path) = &args.report {
            let text = serde_json::to_string_pretty(&report.json()).unwrap_or_default();
            std::fs::write(path, text + "\n").map_err(|e| Failure::Stopped(format!("{}: {e}", path.display())))?;
        }
        result.map_err(Failure::Stopped)?;
        if args.watch.is_none() || args.once {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(args.poll_ms));
    }
}
