# Sourced by the build scripts: the environment for building wasm32 on whichever route setup
# chose. With rustup's wasm32 target the build is the ordinary one; otherwise Debian's rustc-web
# builds the standard library from source (-Zbuild-std), which needs RUSTC_BOOTSTRAP and is kept
# to that route alone.

debian_route_ready() {
  [ -x /usr/bin/rustc ] && [ -d /usr/lib/rustlib/src/rust/library ] &&
    compgen -G '/usr/bin/wasm-ld-*' >/dev/null
}

use_rustup_route() {
  command -v rustup >/dev/null &&
    rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown &&
    [ "${CSR_WASM_ROUTE:-}" != debian ]
}

# Panic locations name source files; without this the .wasm would carry the builder's own
# paths to the crate registry and the standard library.
wasm_rustflags() {
  echo "--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src=crates" \
    "--remap-path-prefix=/usr/lib/rustlib/src/rust=rust"
}

# Runs cargo for the wasm32 target with the arguments given.
wasm_cargo() {
  if use_rustup_route; then
    RUSTFLAGS="$(wasm_rustflags)" cargo "$@" --target wasm32-unknown-unknown
    return
  fi
  local linker
  linker=$(compgen -G '/usr/bin/wasm-ld-*' | sort -V | tail -n 1)
  RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc RUSTFLAGS="$(wasm_rustflags)" \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$linker" \
    CARGO_TARGET_DIR=target/debian-wasm \
    /usr/bin/cargo "$@" --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort
}

# Where wasm_cargo leaves release artifacts.
wasm_release_dir() {
  if use_rustup_route; then
    echo target/wasm32-unknown-unknown/release
  else
    echo target/debian-wasm/wasm32-unknown-unknown/release
  fi
}
