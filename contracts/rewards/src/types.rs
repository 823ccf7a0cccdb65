//! Solidity structs of FLTRewards' ABI.
#![allow(missing_docs)]

use stylus_sdk::abi::{AbiType, ConstString};

flt_sol::declare! {
    /// One validated contribution, as `recordContributions` takes it.
    #[derive(Debug)]
    struct Contribution {
        address contributor;
        bytes32 contributionId;
        uint32 previousAccuracy;
        uint32 newAccuracy;
    }
}

/// Not derived: the SDK's derive names the struct in the selector
/// (`recordContributions(Contribution[])`), while Solidity, `abi/` and every
/// client hash its tuple. `flt_sol::interface` names the struct again in
/// `abi/`.
impl AbiType for Contribution {
    type SolType = Self;

    const ABI: ConstString = ConstString::new("(address,bytes32,uint32,uint32)");
}
