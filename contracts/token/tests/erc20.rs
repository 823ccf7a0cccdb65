//! FLToken as an ERC20 (SPEC.md section 2): constructor, transfers,
//! allowances, and every refusal with its named error and unchanged state.

mod common;

use alloy_primitives::{Address, U256};
use common::{balances, deploy, FLT};
use fl_token::{
    errors::{ERC20InsufficientAllowance, ERC20InsufficientBalance, ERC20InvalidReceiver, ERC20InvalidSpender, Error},
    events::{Approval, Transfer},
    FLToken, TOTAL_SUPPLY,
};
use motsu::prelude::*;

#[motsu::test]
fn constructor_mints_the_whole_supply_to_the_reserve(token: Contract<FLToken>, deployer: Address, reserve: Address) {
    token.sender(deployer).constructor(reserve).motsu_unwrap();
    let t = token.sender(deployer);
    assert_eq!(t.name(), "Federated Learning Token");
    assert_eq!(t.symbol(), "FLT");
    assert_eq!(t.decimals(), 18);
    assert_eq!(t.total_supply(), U256::from(10u8).pow(U256::from(27u8)));
    assert_eq!(t.balance_of(reserve), TOTAL_SUPPLY);
    assert_eq!(t.balance_of(deployer), U256::ZERO);
    assert_eq!(t.reserve(), reserve);
    token.assert_emitted(&Transfer { from: Address::ZERO, to: reserve, value: TOTAL_SUPPLY });
    assert_eq!(token.all_events().len(), 1, "exactly one mint event");
}

#[motsu::test]
fn constructor_refuses_zero_or_self_as_reserve(token: Contract<FLToken>, other: Contract<FLToken>, deployer: Address) {
    let err = token.sender(deployer).constructor(Address::ZERO).motsu_unwrap_err();
    assert_eq!(err, Error::InvalidReceiver(ERC20InvalidReceiver { receiver: Address::ZERO }));
    let this = other.address();
    let err = other.sender(deployer).constructor(this).motsu_unwrap_err();
    assert_eq!(err, Error::InvalidReceiver(ERC20InvalidReceiver { receiver: this }));
    assert_eq!(token.sender(deployer).balance_of(Address::ZERO), U256::ZERO);
    assert_eq!(other.sender(deployer).balance_of(this), U256::ZERO);
    assert!(token.all_events().is_empty() && other.all_events().is_empty());
}

#[motsu::test]
fn transfer_moves_balance_and_emits(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Address,
    bob: Address,
) {
    deploy(&token, deployer, reserve, &[(alice, FLT * U256::from(10u8))]);
    assert!(token.sender(alice).transfer(bob, FLT * U256::from(3u8)).motsu_unwrap());
    assert_eq!(balances(&token, &[alice, bob]), [FLT * U256::from(7u8), FLT * U256::from(3u8)]);
    token.assert_emitted(&Transfer { from: alice, to: bob, value: FLT * U256::from(3u8) });
    assert_eq!(token.sender(alice).total_supply(), TOTAL_SUPPLY);
}

#[motsu::test]
fn transfer_of_whole_balance_and_of_zero(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Address,
    bob: Address,
) {
    deploy(&token, deployer, reserve, &[(alice, FLT)]);
    assert!(token.sender(alice).transfer(bob, U256::ZERO).motsu_unwrap());
    token.assert_emitted(&Transfer { from: alice, to: bob, value: U256::ZERO });
    assert!(token.sender(alice).transfer(bob, FLT).motsu_unwrap());
    assert_eq!(balances(&token, &[alice, bob]), [U256::ZERO, FLT]);
}

#[motsu::test]
fn transfer_to_self_keeps_balance(token: Contract<FLToken>, deployer: Address, reserve: Address, alice: Address) {
    deploy(&token, deployer, reserve, &[(alice, FLT)]);
    assert!(token.sender(alice).transfer(alice, FLT).motsu_unwrap());
    assert_eq!(token.sender(alice).balance_of(alice), FLT);
    token.assert_emitted(&Transfer { from: alice, to: alice, value: FLT });
}

#[motsu::test]
fn transfer_beyond_balance_reverts_unchanged(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Address,
    bob: Address,
) {
    deploy(&token, deployer, reserve, &[(alice, FLT)]);
    let needed = FLT + U256::from(1u8);
    let err = token.sender(alice).transfer(bob, needed).motsu_unwrap_err();
    assert_eq!(err, Error::InsufficientBalance(ERC20InsufficientBalance { sender: alice, balance: FLT, needed }));
    assert_eq!(balances(&token, &[alice, bob]), [FLT, U256::ZERO]);
    // An amount no balance can cover, beyond the packed balance width.
    let err = token.sender(alice).transfer(bob, U256::MAX).motsu_unwrap_err();
    assert_eq!(
        err,
        Error::InsufficientBalance(ERC20InsufficientBalance { sender: alice, balance: FLT, needed: U256::MAX })
    );
    assert_eq!(balances(&token, &[alice, bob]), [FLT, U256::ZERO]);
}

#[motsu::test]
fn transfers_to_zero_token_or_reserve_revert_unchanged(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Address,
) {
    deploy(&token, deployer, reserve, &[(alice, FLT)]);
    let events = token.all_events().len();
    for to in [Address::ZERO, token.address(), reserve] {
        let err = token.sender(alice).transfer(to, U256::from(1u8)).motsu_unwrap_err();
        assert_eq!(err, Error::InvalidReceiver(ERC20InvalidReceiver { receiver: to }));
    }
    // The reserve may not send to itself either.
    let err = token.sender(reserve).transfer(reserve, U256::from(1u8)).motsu_unwrap_err();
    assert_eq!(err, Error::InvalidReceiver(ERC20InvalidReceiver { receiver: reserve }));
    assert_eq!(
        balances(&token, &[alice, Address::ZERO, token.address(), reserve]),
        [FLT, U256::ZERO, U256::ZERO, TOTAL_SUPPLY - FLT]
    );
    assert_eq!(token.all_events().len(), events, "no event from a refused transfer");
}

#[motsu::test]
fn approve_sets_allowance_and_emits(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Address,
    bob: Address,
) {
    deploy(&token, deployer, reserve, &[]);
    assert!(token.sender(alice).approve(bob, FLT).motsu_unwrap());
    assert_eq!(token.sender(alice).allowance(alice, bob), FLT);
    token.assert_emitted(&Approval { owner: alice, spender: bob, value: FLT });
    // Re-approval overwrites, including down to zero.
    assert!(token.sender(alice).approve(bob, U256::ZERO).motsu_unwrap());
    assert_eq!(token.sender(alice).allowance(alice, bob), U256::ZERO);
}

#[motsu::test]
fn approve_zero_spender_reverts_unchanged(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Address,
) {
    deploy(&token, deployer, reserve, &[]);
    let err = token.sender(alice).approve(Address::ZERO, FLT).motsu_unwrap_err();
    assert_eq!(err, Error::InvalidSpender(ERC20InvalidSpender { spender: Address::ZERO }));
    assert_eq!(token.sender(alice).allowance(alice, Address::ZERO), U256::ZERO);
}

#[motsu::test]
fn transfer_from_spends_allowance(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Address,
    bob: Address,
    carol: Address,
) {
    deploy(&token, deployer, reserve, &[(alice, FLT * U256::from(5u8))]);
    token.sender(alice).approve(bob, FLT * U256::from(2u8)).motsu_unwrap();
    assert!(token.sender(bob).transfer_from(alice, carol, FLT).motsu_unwrap());
    assert_eq!(balances(&token, &[alice, bob, carol]), [FLT * U256::from(4u8), U256::ZERO, FLT]);
    assert_eq!(token.sender(bob).allowance(alice, bob), FLT);
    token.assert_emitted(&Transfer { from: alice, to: carol, value: FLT });
}

#[motsu::test]
fn max_allowance_is_never_decremented(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Address,
    bob: Address,
) {
    deploy(&token, deployer, reserve, &[(alice, FLT)]);
    token.sender(alice).approve(bob, U256::MAX).motsu_unwrap();
    let approvals = token.all_events().len();
    token.sender(bob).transfer_from(alice, bob, FLT).motsu_unwrap();
    assert_eq!(token.sender(bob).allowance(alice, bob), U256::MAX);
    assert_eq!(token.all_events().len(), approvals + 1, "only the Transfer event, no Approval");
}

#[motsu::test]
fn transfer_from_beyond_allowance_reverts_unchanged(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Address,
    bob: Address,
) {
    deploy(&token, deployer, reserve, &[(alice, FLT * U256::from(5u8))]);
    token.sender(alice).approve(bob, FLT).motsu_unwrap();
    let needed = FLT + U256::from(1u8);
    let err = token.sender(bob).transfer_from(alice, bob, needed).motsu_unwrap_err();
    assert_eq!(err, Error::InsufficientAllowance(ERC20InsufficientAllowance { spender: bob, allowance: FLT, needed }));
    assert_eq!(balances(&token, &[alice, bob]), [FLT * U256::from(5u8), U256::ZERO]);
    assert_eq!(token.sender(bob).allowance(alice, bob), FLT);
}

#[motsu::test]
fn transfer_from_beyond_balance_keeps_allowance(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Address,
    bob: Address,
) {
    deploy(&token, deployer, reserve, &[(alice, FLT)]);
    token.sender(alice).approve(bob, FLT * U256::from(3u8)).motsu_unwrap();
    let needed = FLT * U256::from(2u8);
    let err = token.sender(bob).transfer_from(alice, bob, needed).motsu_unwrap_err();
    assert_eq!(err, Error::InsufficientBalance(ERC20InsufficientBalance { sender: alice, balance: FLT, needed }));
    assert_eq!(token.sender(bob).allowance(alice, bob), FLT * U256::from(3u8), "the spent allowance is rolled back");
    assert_eq!(balances(&token, &[alice, bob]), [FLT, U256::ZERO]);
}

#[motsu::test]
fn transfer_from_to_reserve_reverts_unchanged(
    token: Contract<FLToken>,
    deployer: Address,
    reserve: Address,
    alice: Address,
    bob: Address,
) {
    deploy(&token, deployer, reserve, &[(alice, FLT)]);
    token.sender(alice).approve(bob, FLT).motsu_unwrap();
    let err = token.sender(bob).transfer_from(alice, reserve, FLT).motsu_unwrap_err();
    assert_eq!(err, Error::InvalidReceiver(ERC20InvalidReceiver { receiver: reserve }));
    assert_eq!(token.sender(bob).allowance(alice, bob), FLT);
    assert_eq!(token.sender(bob).balance_of(alice), FLT);
}

#[motsu::test]
fn supports_erc165_ids(token: Contract<FLToken>, deployer: Address, reserve: Address) {
    deploy(&token, deployer, reserve, &[]);
    let abi: serde_json::Value =
        serde_json::from_str(include_str!("../../../abi/FLToken.json")).expect("abi/FLToken.json parses");
    let selector = |sig: &str| -> [u8; 4] { alloy_primitives::keccak256(sig)[..4].try_into().unwrap() };
    let in_abi = |sig: &str| {
        let name = sig.split('(').next().unwrap();
        assert!(abi.as_array().unwrap().iter().any(|i| i["name"] == name), "{name} in abi/");
        selector(sig)
    };
    let id = |sigs: &[&str]| -> [u8; 4] {
        sigs.iter().map(|s| in_abi(s)).fold([0u8; 4], |acc, s| core::array::from_fn(|i| acc[i] ^ s[i]))
    };
    let erc20 = id(&[
        "totalSupply()",
        "balanceOf(address)",
        "transfer(address,uint256)",
        "allowance(address,address)",
        "approve(address,uint256)",
        "transferFrom(address,address,uint256)",
    ]);
    let permit =
        id(&["permit(address,address,uint256,uint256,uint8,bytes32,bytes32)", "nonces(address)", "DOMAIN_SEPARATOR()"]);
    let t = token.sender(deployer);
    for expected in [id(&["supportsInterface(bytes4)"]), erc20, permit, id(&["eip712Domain()"])] {
        assert!(t.supports_interface(expected.into()), "{expected:02x?}");
    }
    assert!(!t.supports_interface([0xff; 4].into()));
    assert!(!t.supports_interface([0; 4].into()));
}

/// Fuzzed twin of the transfer tests: any sequence of transfers and
/// transferFroms between a few holders keeps the supply in their balances,
/// and a refused step changes nothing.
#[motsu::test]
fn transfers_preserve_supply(deployer: Address, reserve: Address) {
    use proptest::prelude::*;
    let holders = [Address::with_last_byte(1), Address::with_last_byte(2), Address::with_last_byte(3)];
    let ops = proptest::collection::vec((0usize..3, 0usize..3, 0u128..4_000, any::<bool>()), 1..40);
    proptest!(ProptestConfig::with_cases(64), |(ops in ops)| {
        let token = Contract::<FLToken>::new();
        deploy(&token, deployer, reserve, &holders.map(|h| (h, U256::from(1_000u32))));
        for h in holders {
            token.sender(h).approve(holders[0], U256::from(5_000u32)).motsu_unwrap();
        }
        for (from, to, amount, via_spender) in ops {
            let (from, to, amount) = (holders[from], holders[to], U256::from(amount));
            let before = balances(&token, &holders);
            let result = if via_spender {
                token.sender(holders[0]).transfer_from(from, to, amount)
            } else {
                token.sender(from).transfer(to, amount)
            };
            let after = balances(&token, &holders);
            let sum: U256 = after.iter().sum::<U256>() + token.sender(reserve).balance_of(reserve);
            prop_assert_eq!(sum, TOTAL_SUPPLY);
            match result {
                Ok(_) if from != to => {
                    let (fi, ti) = (holders.iter().position(|h| *h == from).unwrap(), holders.iter().position(|h| *h == to).unwrap());
                    prop_assert_eq!(after[fi], before[fi] - amount);
                    prop_assert_eq!(after[ti], before[ti] + amount);
                }
                Ok(_) => prop_assert_eq!(&after, &before),
                Err(_) => {
                    prop_assert!(amount > before[holders.iter().position(|h| *h == from).unwrap()] || via_spender);
                    prop_assert_eq!(&after, &before);
                }
            }
        }
    });
}
