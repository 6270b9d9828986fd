#!/usr/bin/env bash
# Builds the web edition of EconLens into $CARGO_TARGET_DIR/econlens-web (default
# target/econlens-web): econlens.js and econlens_bg.wasm, which `econlens publish`
# turns into a page. Installs what it needs: the wasm32 target and
# wasm-bindgen-cli of the version Cargo.lock pins (its JS glue must match the
# wasm-bindgen crate the app was built with). With --deny-warnings (CI), a
# compiler warning in the app's browser code fails the build.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
target_dir="${CARGO_TARGET_DIR:-target}"
if ! rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
    echo "!! FAILED: 'rustup target add wasm32-unknown-unknown' failed, so the web edition cannot be built"
    exit 1
fi
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$version" ]; then
    echo "!! FAILED: Cargo.lock names no wasm-bindgen version"
    exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ]; then
    echo "   installing wasm-bindgen-cli $version"
    # --force: cargo's record of installed tools may name a binary that is gone.
    if ! cargo install wasm-bindgen-cli --version "$version" --locked --force --quiet; then
        # The crates.io mirror of some machines lacks a crate the CLI's own
        # lock file names; the same CLI version, resolved against what the
        # mirror has, makes the same glue.
        echo "   'cargo install --locked' failed (see above); installing the same version without its lock file"
        cargo install wasm-bindgen-cli --version "$version" --force --quiet
    fi
fi
if [ "${1:-}" = "--deny-warnings" ]; then
    export RUSTFLAGS="${RUSTFLAGS:-} -D warnings"
fi
cargo build --profile web --target wasm32-unknown-unknown --bin econlens
wasm-bindgen --target web --no-typescript --out-dir "$target_dir/econlens-web" \
    "$target_dir/wasm32-unknown-unknown/web/econlens.wasm"
ls -l "$target_dir/econlens-web"
