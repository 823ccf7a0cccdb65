//! Events of FLToken (ERC20's own).
#![allow(missing_docs)]

flt_sol::declare! {
    #[derive(Debug, PartialEq)]
    event Transfer(address indexed from, address indexed to, uint256 value);
    #[derive(Debug, PartialEq)]
    event Approval(address indexed owner, address indexed spender, uint256 value);
    /// `amount` added; the whole position (`total`) is locked until `lockEnd`.
    #[derive(Debug, PartialEq)]
    event Staked(address indexed holder, uint256 amount, uint256 total, uint8 tier, uint64 lockEnd);
    #[derive(Debug, PartialEq)]
    event Unstaked(address indexed holder, uint256 amount);
    #[derive(Debug, PartialEq)]
    event DelegateChanged(address indexed delegator, address indexed fromDelegate, address indexed toDelegate);
    #[derive(Debug, PartialEq)]
    event Paused(address account);
    #[derive(Debug, PartialEq)]
    event Unpaused(address account);
    #[derive(Debug, PartialEq)]
    event ParameterChanged(uint8 indexed id, uint256 value);
    #[derive(Debug, PartialEq)]
    event DelegateVotesChanged(address indexed delegate, uint256 previousVotes, uint256 newVotes);
}
