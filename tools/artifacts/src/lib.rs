//! The FLT artifact pipeline: every contract's deployable program built,
//! processed as cargo-stylus does, checked against Stylus' activation rules
//! and size budget, and its `abi/` files generated from the code.

pub mod datas;
pub mod inline;
pub mod pipeline;
pub mod sections;
pub mod size;
pub mod validate;
