//! `flt-deploy` (`./flt deploy ...`): see deploy/README.md.

use std::{
    path::{Path, PathBuf},
    process::ExitCode,
    time::{SystemTime, UNIX_EPOCH},
};

use flt_deploy::{
    abi::Program,
    artifacts,
    chain::{read_key, Chain, Rpc, KEY_ENV},
    config::{self, Cache, Config},
    deploy::{self, Plan},
    record, stylus, verify,
};

const USAGE: &str = "usage: flt-deploy <command> <network> [options]
  deploy <network> --dry-run         print every step and call; send nothing
  deploy <network> --yes             deploy, wire, record and read back
         [--cache | --cache-bid WEI] and cache each program (--cache: the way the config's [cache] says)
         [--allow-single-signer]     accept council.threshold 1 on arbitrum-one / arbitrum-sepolia
  cache <network> [--bid WEI]        cache the recorded programs (as [cache] says, or a bid of WEI)
  activate <network>                 re-activate the recorded programs that need it (expired, or after an ArbOS upgrade)
  verify <network>                   read back the recorded deployment
  cache and activate take --dry-run too.
options: --networks DIR (deploy/networks), --artifacts DIR (target/stylus),
         --deployments DIR (deploy/deployments)
environment: the RPC URL in the variable the config's rpc_env names;
             FLT_DEPLOYER_KEY_FILE = path of a file holding the deployer's hex key";

struct Args {
    command: String,
    network: String,
    dry_run: bool,
    yes: bool,
    allow_single_signer: bool,
    bid: Option<u64>,
    cache: bool,
    networks: PathBuf,
    artifacts: PathBuf,
    deployments: PathBuf,
}

fn parse(mut words: impl Iterator<Item = String>) -> Result<Args, String> {
    let command = words.next().ok_or("missing command")?;
    let network = words.next().ok_or("missing network")?;
    let mut args = Args {
        command,
        network,
        dry_run: false,
        yes: false,
        allow_single_signer: false,
        bid: None,
        cache: false,
        networks: "deploy/networks".into(),
        artifacts: "target/stylus".into(),
        deployments: "deploy/deployments".into(),
    };
    while let Some(word) = words.next() {
        let mut value = || words.next().ok_or(format!("{word} needs a value"));
        match word.as_str() {
            "--dry-run" => args.dry_run = true,
            "--yes" => args.yes = true,
            "--allow-single-signer" => args.allow_single_signer = true,
            "--cache" => args.cache = true,
            "--cache-bid" | "--bid" => {
                args.bid = Some(value()?.parse().map_err(|_| format!("{word}: not a u64 wei amount"))?)
            }
            "--networks" => args.networks = value()?.into(),
            "--artifacts" => args.artifacts = value()?.into(),
            "--deployments" => args.deployments = value()?.into(),
            _ => return Err(format!("unknown option {word}")),
        }
    }
    Ok(args)
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn env(name: &str, what: &str) -> Result<String, String> {
    std::env::var(name).ok().filter(|v| !v.is_empty()).ok_or(format!("set ${name} to {what}; nothing was sent"))
}

fn load_config(args: &Args) -> Result<Config, String> {
    let path = args.networks.join(format!("{}.toml", args.network));
    config::load(&path, now()).map_err(|r| format!("{} refused:\n{r}", path.display()))
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(e) => {
            eprintln!("flt-deploy: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match args.command.as_str() {
        "deploy" => deploy_cmd(&args),
        "cache" | "activate" => lifecycle_cmd(&args),
        "verify" => verify_cmd(&args),
        other => {
            eprintln!("flt-deploy: unknown command {other}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("flt-deploy: {e}");
            ExitCode::FAILURE
        }
    }
}

fn deploy_cmd(args: &Args) -> Result<(), String> {
    let config = load_config(args)?;
    if let Some(why) = config::single_signer_refusal(&config, args.allow_single_signer) {
        return Err(why);
    }
    let artifacts = artifacts::load(&args.artifacts).map_err(|r| format!("artifacts refused:\n{r}"))?;
    let cache = match (args.bid, args.cache) {
        (Some(bid), _) => Some(Cache::Bid(bid)),
        (None, true) => Some(config.cache.ok_or("--cache needs a [cache] section with owner = true or bid_wei")?),
        (None, false) => None,
    };
    let record = args.deployments.join(format!("{}.json", config.network));
    let plan = Plan { config, artifacts, cache, record };
    if args.dry_run || !args.yes {
        // Only the address of the key, if one is configured: nothing is sent.
        let deployer = std::env::var(KEY_ENV).ok().and_then(|k| read_key(Path::new(&k)).ok()).map(|s| s.address());
        print!("{}", plan.dry_run(deployer));
        return if args.dry_run {
            Ok(())
        } else {
            Err("add --yes to send this plan (or --dry-run to only print it)".into())
        };
    }
    let url = env(&plan.config.rpc_env, "the RPC URL")?;
    let key = env(KEY_ENV, "the path of the deployer's key file")?;
    let mut chain = Rpc::connect(&url, Some(Path::new(&key)))?;
    let deployed = deploy::run(&plan, &mut chain)?;
    println!(
        "deployed and verified: FLTRewards {}, FLToken {}, FLTCouncil {}, FLTGovernor {}; recorded in {}",
        deployed.rewards,
        deployed.token,
        deployed.council,
        deployed.governor,
        plan.record.display()
    );
    Ok(())
}

/// `cache` and `activate`: for each recorded program, read its state from
/// the chain and send what it needs (see `flt_deploy::stylus`).
fn lifecycle_cmd(args: &Args) -> Result<(), String> {
    let config = load_config(args)?;
    let deployed = record::read(&args.deployments.join(format!("{}.json", config.network)))?;
    let how = match args.command.as_str() {
        "cache" => Some(
            args.bid
                .map(Cache::Bid)
                .or(config.cache)
                .ok_or("cache needs --bid WEI or a [cache] section in the config (owner = true or bid_wei)")?,
        ),
        _ => None,
    };
    let describe = |p: Program| {
        let at = deployed.of(p).to_string();
        match how {
            Some(how) => stylus::describe_cache(p.name(), &at, how),
            None => stylus::describe_activate(p.name(), &at),
        }
    };
    if args.dry_run {
        println!("{} {} (chain id {}), dry run: nothing is sent.", args.command, config.network, config.chain_id);
        Program::ORDER.iter().for_each(|p| println!("  {}", describe(*p)));
        return Ok(());
    }
    let url = env(&config.rpc_env, "the RPC URL")?;
    let key = env(KEY_ENV, "the path of the deployer's key file")?;
    let mut chain = Rpc::connect(&url, Some(Path::new(&key)))?;
    let id = chain.chain_id()?;
    if id != config.chain_id {
        return Err(format!(
            "the node at ${} is chain {id}, but {} is chain {}; nothing was sent",
            config.rpc_env, config.network, config.chain_id
        ));
    }
    println!("{} {} (chain id {id}) from {}:", args.command, config.network, chain.sender());
    if let Some(how) = how {
        stylus::check_cache(&mut chain, how)?;
    }
    for p in Program::ORDER {
        match how {
            Some(how) => {
                stylus::cache(&mut chain, p.name(), deployed.of(p), how)?;
            }
            None => {
                stylus::activate(&mut chain, p.name(), deployed.of(p))?;
            }
        }
    }
    Ok(())
}

fn verify_cmd(args: &Args) -> Result<(), String> {
    let config = load_config(args)?;
    let deployed = record::read(&args.deployments.join(format!("{}.json", config.network)))?;
    let url = env(&config.rpc_env, "the RPC URL")?;
    let checks = verify::read_back(&mut Rpc::connect(&url, None)?, &config, deployed)?;
    print!("{}", verify::report(&checks));
    match checks.iter().filter(|c| !c.ok()).count() {
        0 => Ok(()),
        n => Err(format!("{n} read-back check(s) failed")),
    }
}
