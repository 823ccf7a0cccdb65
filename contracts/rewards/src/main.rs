//! Prints FLTRewards' complete Solidity interface for `abi/`.
fn main() {
    print!(
        "{}",
        flt_sol::interface::<fl_rewards::FLTRewards>(&[
            fl_rewards::raw::SOLIDITY,
            fl_rewards::events::SOLIDITY,
            fl_rewards::errors::SOLIDITY,
            flt_sol::shared::SOLIDITY,
        ])
    );
}
