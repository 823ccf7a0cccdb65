//! Solidity structs of FLTRewards' ABI.
#![allow(missing_docs)]

use stylus_sdk::prelude::*;

flt_sol::declare! {
    /// One validated contribution, as `recordContributions` takes it.
    #[derive(Debug, AbiType)]
    struct Contribution {
        address contributor;
        bytes32 contributionId;
        uint32 previousAccuracy;
        uint32 newAccuracy;
    }
}
