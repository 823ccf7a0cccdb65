//! Prints FLTGovernor's complete Solidity interface for `abi/`.
fn main() {
    print!(
        "{}",
        flt_sol::interface::<fl_governor::FLTGovernor>(&[
            fl_governor::raw::SOLIDITY,
            fl_governor::events::SOLIDITY,
            fl_governor::errors::SOLIDITY,
            flt_sol::proposal_errors::SOLIDITY,
            flt_sol::shared::SOLIDITY
        ])
    );
}
