#!/usr/bin/env bash
# Makes the Windows packages from a built econlens.exe, on Linux or Windows
# (Git Bash): the portable zip (EconLens-VERSION-windows-x86_64.zip: both
# exes, README, licences) and the per-user installer made by NSIS's makensis
# from assets/windows/econlens.nsi (EconLens-VERSION-setup.exe).
#
# usage: .ci/windows/package.sh path/to/econlens.exe OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/../.."
exe=$1
out=$2
mkdir -p "$out"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp "$exe" "$stage/econlens.exe"
python3 .ci/windows/console_copy.py "$stage/econlens.exe" "$stage/econlens.com"
cp README.md assets/licenses/LICENSE-MIT.txt assets/licenses/LICENSE-APACHE.txt assets/fonts/OFL.txt \
    assets/icon/econlens.ico "$stage/"

makensis -V2 -DVERSION="$version" -DSTAGE="$stage" -DOUTFILE="$out/EconLens-$version-setup.exe" \
    assets/windows/econlens.nsi

python3 - "$stage" "$out/EconLens-$version-windows-x86_64.zip" "EconLens-$version" <<'PY'
import os, sys, zipfile
stage, target, folder = sys.argv[1:]
files = ["econlens.exe", "econlens.com", "README.md", "LICENSE-MIT.txt", "LICENSE-APACHE.txt", "OFL.txt"]
partial = target + ".part"
with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
    for name in files:
        archive.write(os.path.join(stage, name), f"{folder}/{name}")
os.replace(partial, target)
PY
ls -l "$out/EconLens-$version-setup.exe" "$out/EconLens-$version-windows-x86_64.zip"
