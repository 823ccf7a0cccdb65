//! Where the node's binary comes from.

use std::path::{Path, PathBuf};

/// Environment variable naming the node binary, first choice.
pub const ENV: &str = "FLT_STYLUS_NODE";
/// Its name on PATH, second choice.
pub const NAME: &str = "arbos-anvil";

/// How to get a node when none is found.
pub const HOW_TO_GET: &str =
    "no local Stylus node found. Set $FLT_STYLUS_NODE to an arbos-anvil binary, put `arbos-anvil` \
on PATH, or keep the team's build in ../shared/bin/arbos-anvil. To get one: install iosiro's arbos-foundry \
(its installer is `arbos-foundryup`, from https://github.com/iosiro/arbos-foundry), or run OffchainLabs' \
nitro-devnode (https://github.com/OffchainLabs/nitro-devnode, chain id 412346) and point FLT_LOCAL_RPC at it";

/// `$FLT_STYLUS_NODE`, else `arbos-anvil` on PATH, else
/// `<root>/../shared/bin/arbos-anvil`.
pub fn find(root: &Path) -> Result<PathBuf, String> {
    find_with(std::env::var_os(ENV).map(PathBuf::from), std::env::var_os("PATH"), root)
}

/// [`find`] with its inputs given, for tests.
pub fn find_with(env: Option<PathBuf>, path: Option<std::ffi::OsString>, root: &Path) -> Result<PathBuf, String> {
    if let Some(given) = env.filter(|p| !p.as_os_str().is_empty()) {
        return if is_executable(&given) {
            Ok(given)
        } else {
            Err(format!("${ENV} = {} is not an executable file", given.display()))
        };
    }
    let on_path = path.iter().flat_map(std::env::split_paths).map(|dir| dir.join(NAME)).find(|p| is_executable(p));
    if let Some(found) = on_path {
        return Ok(found);
    }
    let shared = root.join("../shared/bin").join(NAME);
    if is_executable(&shared) {
        return Ok(shared);
    }
    Err(HOW_TO_GET.to_string())
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// The workspace root (this crate is `tools/stylus-node`).
pub fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    here.canonicalize().unwrap_or(here)
}
