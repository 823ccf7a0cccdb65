//! The calls the deployment makes: the Stylus deployer and ArbWasm
//! precompile, the four constructors, the two wiring calls and the
//! read-backs.
//! A test checks every FLT selector here against the generated `abi/`.

use alloy_primitives::{Address, Bytes, B256, U256};
use alloy_sol_types::{sol, SolCall};

use crate::config::Config;

sol! {
    /// Deploys, activates and runs the constructor in one transaction, so
    /// no one can call a constructor between deployment and initialisation.
    interface StylusDeployer {
        event ContractDeployed(address deployedContract);
        function deploy(bytes bytecode, bytes initData, uint256 initValue, bytes32 salt) external payable returns (address);
    }

    /// The ArbWasm precompile (nitro-contracts 3.2.0
    /// `src/precompiles/ArbWasm.sol`): activation and a program's state.
    interface ArbWasm {
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
        function stylusVersion() external view returns (uint16 version);
        function codehashVersion(bytes32 codehash) external view returns (uint16 version);
        function programVersion(address program) external view returns (uint16 version);
        function programTimeLeft(address program) external view returns (uint64 secs);
        function expiryDays() external view returns (uint16 days_);
        event ProgramActivated(bytes32 indexed codehash, bytes32 moduleHash, address program, uint256 dataFee, uint16 version);
        error ProgramNotWasm();
        error ProgramNotActivated();
        error ProgramNeedsUpgrade(uint16 version, uint16 stylusVersion);
        error ProgramExpired(uint64 ageInSeconds);
        error ProgramUpToDate();
        error ProgramKeepaliveTooSoon(uint64 ageInSeconds);
        error ProgramInsufficientValue(uint256 have, uint256 want);
    }

    /// The ArbWasmCache precompile (`src/precompiles/ArbWasmCache.sol`).
    interface ArbWasmCache {
        function isCacheManager(address manager) external view returns (bool);
        function allCacheManagers() external view returns (address[] managers);
        function cacheProgram(address addr) external;
        function codehashIsCached(bytes32 codehash) external view returns (bool);
        event UpdateProgramCache(address indexed manager, bytes32 indexed codehash, bool cached);
    }

    /// ArbOwnerPublic: who may call `ArbWasmCache.cacheProgram`.
    interface ArbOwnerPublic {
        function isChainOwner(address addr) external view returns (bool);
    }

    /// The chain's cache manager (`src/chain/CacheManager.sol`): a bid
    /// caches the program until higher bids evict it.
    interface CacheManager {
        function placeBid(address program) external payable;
        function getMinBid(address program) external view returns (uint192 min);
        error NotChainOwner(address sender);
        error AsmTooLarge(uint256 asm, uint256 queueSize, uint256 cacheSize);
        error AlreadyCached(bytes32 codehash);
        error BidTooLarge(uint256 bid);
        error BidTooSmall(uint192 bid, uint192 min);
        error BidsArePaused();
        error MakeSpaceTooLarge(uint64 size, uint64 limit);
    }

    /// stylus-sdk 0.9's constructor entry (`CONSTRUCTOR_SELECTOR`).
    function stylus_constructor();

    // The constructors' parameters (only their encoding is used).
    function rewardsConstructor(uint64 genesis, address[] validators, address wirer);
    function tokenConstructor(address reserve);
    function councilConstructor(address[] signers, uint8 threshold, address wirer);
    function governorConstructor(address council, address token, address rewards);

    interface FLToken {
        function name() external view returns (string);
        function symbol() external view returns (string);
        function decimals() external view returns (uint8);
        function totalSupply() external view returns (uint256);
        function balanceOf(address account) external view returns (uint256);
        function reserve() external view returns (address);
        function governor() external view returns (address);
    }

    interface FLTRewards {
        function wire(address token, address governor) external;
        function token() external view returns (address);
        function governor() external view returns (address);
        function params() external view returns (uint256[]);
        function isValidator(address account) external view returns (bool);
    }

    interface FLTCouncil {
        function wire(address governor) external;
        function governor() external view returns (address);
        function signers() external view returns (address[]);
        function councilInfo() external view returns (uint8 threshold, uint32 generation);
    }

    interface FLTGovernor {
        function token() external view returns (address);
        function rewards() external view returns (address);
        function council() external view returns (address);
        function params() external view returns (uint256[]);
    }
}

/// Where stylus-tools 0.10.10 finds the Stylus deployer on every Arbitrum
/// chain (`core::deployment::deployer::ADDRESS`).
pub const STYLUS_DEPLOYER: Address = Address::new(alloy_primitives::hex!("cEcba2F1DC234f70Dd89F2041029807F8D03A990"));
/// The ArbWasm precompile.
pub const ARB_WASM: Address = Address::with_last_byte(0x71);
/// The ArbWasmCache precompile.
pub const ARB_WASM_CACHE: Address = Address::with_last_byte(0x72);
/// The ArbOwnerPublic precompile.
pub const ARB_OWNER_PUBLIC: Address = Address::with_last_byte(0x6b);

/// The four programs in deployment order, each with its constructor's
/// Solidity signature and ABI-encoded arguments, which name the programs
/// deployed before it: FLToken its reserve FLTRewards, FLTGovernor its
/// council FLTCouncil and both others. FLTRewards and FLTCouncil name a
/// wirer instead (the deployer), which wires them to the later ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    Rewards = 0,
    Token = 1,
    Council = 2,
    Governor = 3,
}

impl Program {
    pub const ORDER: [Program; 4] = [Program::Rewards, Program::Token, Program::Council, Program::Governor];

    /// Position in [`Self::ORDER`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The artifact's and abi/ files' name.
    pub fn name(self) -> &'static str {
        match self {
            Program::Rewards => "FLTRewards",
            Program::Token => "FLToken",
            Program::Council => "FLTCouncil",
            Program::Governor => "FLTGovernor",
        }
    }

    pub fn constructor(self) -> &'static str {
        match self {
            Program::Rewards => "constructor(uint64 genesis, address[] validators, address wirer)",
            Program::Token => "constructor(address reserve)",
            Program::Council => "constructor(address[] signers, uint8 threshold, address wirer)",
            Program::Governor => "constructor(address council, address token, address rewards)",
        }
    }

    /// Constructor arguments as cast/cargo-stylus write them. `deployed`
    /// names the programs before this one in [`Self::ORDER`] (addresses,
    /// or placeholders in a dry run).
    pub fn args_text(self, config: &Config, wirer: &str, deployed: &[String]) -> Vec<String> {
        let list = |v: &[Address]| format!("[{}]", v.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(","));
        let at = |p: Program| deployed.get(p.index()).cloned().unwrap_or_else(|| format!("<{}>", p.name()));
        match self {
            Program::Rewards => vec![config.genesis.to_string(), list(&config.validators), wirer.into()],
            Program::Token => vec![at(Program::Rewards)],
            Program::Council => vec![list(&config.signers), config.threshold.to_string(), wirer.into()],
            Program::Governor => vec![at(Program::Council), at(Program::Token), at(Program::Rewards)],
        }
    }

    /// `stylus_constructor()` selector followed by the encoded arguments.
    /// `deployed` holds the addresses of the programs before this one in
    /// [`Self::ORDER`].
    pub fn init_data(self, config: &Config, wirer: Address, deployed: &[Address]) -> Vec<u8> {
        let at = |p: Program| deployed.get(p.index()).copied().unwrap_or_default();
        let mut out = stylus_constructorCall::SELECTOR.to_vec();
        match self {
            Program::Rewards => {
                rewardsConstructorCall { genesis: config.genesis, validators: config.validators.clone(), wirer }
                    .abi_encode_raw(&mut out)
            }
            Program::Token => tokenConstructorCall { reserve: at(Program::Rewards) }.abi_encode_raw(&mut out),
            Program::Council => {
                councilConstructorCall { signers: config.signers.clone(), threshold: config.threshold, wirer }
                    .abi_encode_raw(&mut out)
            }
            Program::Governor => governorConstructorCall {
                council: at(Program::Council),
                token: at(Program::Token),
                rewards: at(Program::Rewards),
            }
            .abi_encode_raw(&mut out),
        }
        out
    }
}

pub fn deploy_call(code: &[u8], init_data: Vec<u8>) -> Vec<u8> {
    StylusDeployer::deployCall {
        bytecode: Bytes::from(crate::code::init_code(code)),
        initData: init_data.into(),
        initValue: U256::ZERO,
        salt: B256::ZERO,
    }
    .abi_encode()
}
