//! Events of FLToken (ERC20's own).
#![allow(missing_docs)]

flt_sol::declare! {
    #[derive(Debug, PartialEq)]
    event Transfer(address indexed from, address indexed to, uint256 value);
    #[derive(Debug, PartialEq)]
    event Approval(address indexed owner, address indexed spender, uint256 value);
}
