//! One declaration, two products: `declare!` feeds a block of Solidity
//! events and errors to alloy's `sol!` (the Rust types the contract emits
//! and returns) and keeps the same tokens as text in `SOLIDITY`, from which
//! the contract's `abi/` interface is generated. What the contract can emit
//! or return and what `abi/` lists therefore cannot drift apart.
#![cfg_attr(not(feature = "export-abi"), no_std)]

extern crate alloc;

pub mod calldata;
pub mod calls;
pub mod eip712;
pub mod text;

pub use text::Text;

/// The programs' panic handler. A panic is a bug (user input never panics):
/// abort without formatting a message, which would add kilobytes of code.
#[cfg(all(target_arch = "wasm32", not(feature = "export-abi")))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

use alloc::string::String;

#[doc(hidden)]
pub use alloy_sol_types::sol as __sol;
use alloy_sol_types::{abi::token::WordToken, SolEvent, TopicList};

/// Emits `event` as a log. Unlike the SDK's `log`, nothing here can panic,
/// so no panic message or `Debug` formatting code reaches the program
/// (measured: several KB of wasm).
pub fn emit<E: SolEvent>(vm: &dyn stylus_sdk::stylus_core::Host, event: &E) {
    let count = E::TopicList::COUNT;
    let mut topics = [WordToken::default(); 4];
    // Sized by the event's own topic count: encoding cannot fail.
    if event.encode_topics_raw(&mut topics[..count]).is_err() {
        return;
    }
    let mut bytes = alloc::vec::Vec::with_capacity(32 * count + event.abi_encoded_size());
    for topic in &topics[..count] {
        bytes.extend_from_slice(topic.as_slice());
    }
    event.encode_data_to(&mut bytes);
    vm.emit_log(&bytes, count);
}

/// Emits a log with `topics` and ABI-encoded `data`: for an event whose
/// fields include a [`Text`], which alloy's event types cannot hold (the
/// declared event gives the topic, `SolEvent::SIGNATURE_HASH`).
pub fn emit_raw(vm: &dyn stylus_sdk::stylus_core::Host, topics: &[alloy_primitives::B256], data: &[u8]) {
    let mut bytes = alloc::vec::Vec::with_capacity(32 * topics.len() + data.len());
    for topic in topics {
        bytes.extend_from_slice(topic.as_slice());
    }
    bytes.extend_from_slice(data);
    vm.emit_log(&bytes, topics.len());
}

/// Declares Solidity events and errors and records their source text in a
/// `pub const SOLIDITY: &str` of the calling module.
#[macro_export]
macro_rules! declare {
    ($($decl:tt)*) => {
        $crate::__sol! { $($decl)* }
        /// The Solidity source of this module's declarations (attributes
        /// included; [`flt_sol::declarations`] strips them).
        pub const SOLIDITY: &str = stringify!($($decl)*);
    };
}

/// Turns the text recorded by [`declare!`] into Solidity declarations, one
/// per line: Rust attributes (`#[...]`, doc comments) removed, the spacing
/// that `stringify!` adds around punctuation normalised.
pub fn declarations(source: &str) -> String {
    let mut out = String::new();
    let mut chars = source.chars().peekable();
    let mut line = String::new();
    let mut depth = 0u32;
    while let Some(c) = chars.next() {
        match c {
            '#' if chars.peek() == Some(&'[') => {
                // Skip one attribute, brackets balanced, strings respected.
                let (mut depth, mut in_str) = (0u32, false);
                for a in chars.by_ref() {
                    match a {
                        '"' => in_str = !in_str,
                        '[' if !in_str => depth += 1,
                        ']' if !in_str => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            ';' if depth == 0 => {
                out.push_str(&tidy(&line));
                out.push_str(";\n");
                line.clear();
            }
            '{' => {
                depth += 1;
                line.push(c);
            }
            '}' => {
                depth = depth.saturating_sub(1);
                line.push(c);
                if depth == 0 {
                    // A struct ends with its brace, no semicolon.
                    out.push_str(&tidy(&line));
                    out.push('\n');
                    line.clear();
                }
            }
            _ => line.push(c),
        }
    }
    out
}

/// `snake_case` identifiers in a function line turned camelCase (the SDK
/// prints Rust parameter names; Solidity tools expect camelCase).
pub fn camel_case_names(line: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let snake = word.contains('_') && !word.starts_with('_') && word.chars().any(|c| c.is_ascii_lowercase());
        if snake {
            let mut upper = false;
            for c in word.chars() {
                match c {
                    '_' => upper = true,
                    c if upper => {
                        out.push(c.to_ascii_uppercase());
                        upper = false;
                    }
                    c => out.push(c),
                }
            }
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in line.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn tidy(decl: &str) -> String {
    let words: alloc::vec::Vec<&str> = decl.split_whitespace().collect();
    let mut s = words.join(" ");
    for (from, to) in [(" (", "("), ("( ", "("), (" )", ")"), (" ,", ","), (" ;", ";")] {
        s = s.replace(from, to);
    }
    s
}

/// `Name(type1,type2)` of a declaration line such as
/// `error E(address sender, uint256 x);` (keywords and names dropped).
pub fn signature(decl: &str) -> String {
    let decl = decl.trim().trim_end_matches(';');
    let decl = decl.split_once(' ').map_or(decl, |(_, rest)| rest);
    let (name, params) = decl.split_once('(').unwrap_or((decl, ")"));
    let params = params.trim_end_matches(')');
    let types: alloc::vec::Vec<&str> = params.split(',').filter_map(|p| p.split_whitespace().next()).collect();
    let mut out = String::from(name.trim());
    out.push('(');
    out.push_str(&types.join(","));
    out.push(')');
    out
}

/// `line` with each declared struct's tuple (`(address,uint32)`, as the
/// SDK prints a struct whose ABI is its tuple, the text its selector
/// hashes) replaced by the struct's name.
#[cfg(feature = "export-abi")]
pub fn struct_names(line: &str, declared: &[String]) -> String {
    let mut out = String::from(line);
    for decl in declared.iter().filter(|d| d.starts_with("struct ")) {
        let Some((name, fields)) = decl["struct ".len()..].split_once('{') else { continue };
        let types: alloc::vec::Vec<&str> =
            fields.split(';').filter_map(|f| f.split_whitespace().next()).filter(|t| *t != "}").collect();
        out = out.replace(&alloc::format!("({})", types.join(",")), name.trim());
    }
    out
}

/// The complete Solidity interface of contract `T`: the functions from the
/// SDK's export (every method of its `#[public]` block), then the events and
/// errors of `sources` (texts recorded by [`declare!`]), and the
/// constructor's signature as a comment (interfaces cannot declare one).
///
/// # Panics
/// If a function of `T` can return an error that `sources` does not
/// declare: `abi/` would then be incomplete.
#[cfg(feature = "export-abi")]
pub fn interface<T: stylus_sdk::abi::GenerateAbi>(sources: &[&str]) -> String {
    use alloc::{format, vec::Vec};
    use core::fmt;
    struct Show(fn(&mut fmt::Formatter<'_>) -> fmt::Result);
    impl fmt::Display for Show {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            (self.0)(f)
        }
    }
    let declared: Vec<String> =
        sources.iter().flat_map(|s| declarations(s).lines().map(String::from).collect::<Vec<_>>()).collect();
    let declared_sigs: Vec<String> = declared.iter().map(|d| signature(d)).collect();
    let exported = format!("{}", Show(T::fmt_abi));
    let mut out = format!(
        "// SPDX-License-Identifier: MIT\n\
         // Generated from the contract's code by its `*-abi` binary (crate flt-sol). Do not edit.\n\
         // {}\n\
         pragma solidity ^0.8.23;\n\n",
        Show(T::fmt_constructor_signature).to_string().trim(),
    );
    for line in exported.lines() {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("interface ") {
            out.push_str(&format!("interface {} {{\n", rest.trim_end_matches('{').trim()));
        } else if t.starts_with("function ") {
            out.push_str(&format!("    {}\n", struct_names(&camel_case_names(t), &declared)));
        } else if t.starts_with("fallback") {
            // The fallback answers only the functions declared with
            // `declare!` (listed below); it is no entrypoint of its own.
        } else if t.starts_with("error ") {
            let sig = signature(t);
            assert!(declared_sigs.contains(&sig), "{sig} is returned but not declared with flt_sol::declare!");
        } else {
            assert!(t.is_empty() || t == "}", "unexpected line in the SDK's interface: {t}");
        }
    }
    // Functions answered by a contract's fallback, declared with `declare!`.
    for decl in declared.iter().filter(|d| d.starts_with("function ")) {
        out.push_str(&format!("    {}\n", decl.replace(" returns(", " returns (")));
    }
    for kind in ["struct ", "event ", "error "] {
        out.push('\n');
        for decl in declared.iter().filter(|d| d.starts_with(kind)) {
            out.push_str(&format!("    {decl}\n"));
        }
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::declarations;

    #[test]
    fn strips_attributes_and_normalises_spacing() {
        let src = "#[derive(Debug, PartialEq)] #[doc = \" x [y]\"] event Transfer \
                   (address indexed from , address indexed to, uint256 value) ; \
                   error E ( ) ;";
        assert_eq!(
            declarations(src),
            "event Transfer(address indexed from, address indexed to, uint256 value);\nerror E();\n"
        );
    }

    #[test]
    fn signature_keeps_name_and_types() {
        assert_eq!(
            super::signature("event Transfer(address indexed from, address indexed to, uint256 value);"),
            "Transfer(address,address,uint256)"
        );
        assert_eq!(super::signature("error E();"), "E()");
    }

    #[test]
    fn structs_stay_whole_and_names_become_camel_case() {
        let src = "#[derive(Debug)] struct C { address who ; bytes32 contribution_id ; } event E(uint256 a);";
        assert_eq!(declarations(src), "struct C { address who; bytes32 contribution_id; }\nevent E(uint256 a);\n");
        assert_eq!(
            super::camel_case_names("function f(bytes32 node_id, uint32 new_accuracy, uint8 v) external;"),
            "function f(bytes32 nodeId, uint32 newAccuracy, uint8 v) external;"
        );
        assert_eq!(
            super::camel_case_names("function DOMAIN_SEPARATOR(uint8 _x) external;"),
            "function DOMAIN_SEPARATOR(uint8 _x) external;"
        );
        assert_eq!(super::signature("error ERC20InvalidReceiver(address);"), "ERC20InvalidReceiver(address)");
    }
}

/// OpenZeppelin Governor's errors about a proposal, declared once:
/// FLTGovernor returns them, and FLTCouncil's `approveProposal` returns the
/// same ones (FLTGovernor's own, passed through, or the state it read).
#[allow(missing_docs)]
pub mod proposal_errors {
    crate::declare! {
        #[derive(Debug, PartialEq)]
        error GovernorNonexistentProposal(uint256 proposalId);
        #[derive(Debug, PartialEq)]
        error GovernorUnexpectedProposalState(uint256 proposalId, uint8 current, bytes32 expectedStates);
    }
}

/// Errors every FLT contract returns, declared once (OpenZeppelin's
/// `EnforcedPause` name; FLT* for the rest).
#[allow(missing_docs)]
pub mod shared {
    crate::declare! {
        #[derive(Debug, PartialEq)]
        error EnforcedPause();
        #[derive(Debug, PartialEq)]
        error FLTUnauthorized(address caller);
        #[derive(Debug, PartialEq)]
        error FLTUnknownParameter(uint8 id);
        #[derive(Debug, PartialEq)]
        error FLTParameterOutOfBounds(uint8 id, uint256 value, uint256 min, uint256 max);
    }
}
