#!/usr/bin/env bash
# Real-window smoke test: starts an EconLens binary under Xvfb (software GL /
# Vulkan), waits for its window, checks the title, that the screenshot is not
# blank, that Ctrl+3 changes the tab (the screenshot changes), that Ctrl+Q
# closes it with exit code 0; then the same with a broken data file, whose
# error must be on screen while the window stays up.
# Usage: .ci/smoke.sh BINARY OUTPUT_DIR   (screenshots and logs go to OUTPUT_DIR)
set -euo pipefail
bin=$1
out=$2
mkdir -p "$out"

export XDG_RUNTIME_DIR; XDG_RUNTIME_DIR=$(mktemp -d); chmod 700 "$XDG_RUNTIME_DIR"
export HOME; HOME=$(mktemp -d)   # fresh settings, nothing of the caller's touched
display=:$(( 90 + RANDOM % 100 ))
Xvfb "$display" -screen 0 1280x800x24 -noreset >"$out/xvfb.log" 2>&1 &
xvfb_pid=$!
app_pid=
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

fail() { echo "SMOKE FAIL: $*"; exit 1; }
nonblank() {  # standard deviation of the picture's brightness, 0 for a blank screen
    convert "$1" -colorspace Gray -format '%[fx:standard_deviation]' info:
}
pixels_like() {  # how many pixels are close to colour $2
    convert "$1" -alpha off -fuzz 10% -fill '#00FF00' -opaque "$2" -fuzz 0 \
        -fill black +opaque '#00FF00' -fill white -opaque '#00FF00' -format '%[fx:round(mean*w*h)]' info:
}

start() {  # start the app with the given arguments and wait for its window
    local name=$1; shift
    "$bin" "$@" >"$out/$name.log" 2>&1 &
    app_pid=$!
    window=$(timeout 60 xdotool search --sync --name 'EconLens' | head -1) || fail "$name: no window within 60 s"
    sleep 2  # first frames
    title=$(xdotool getwindowname "$window")
    echo "$name: window $window titled '$title'"
    [[ $title == *"济南市市中区经济数据 — EconLens"* ]] || fail "$name: unexpected title '$title'"
    xdotool windowfocus "$window"
}

quit() {  # Ctrl+Q, then require exit code 0 and no panic
    local name=$1
    xdotool key --window "$window" ctrl+q
    local code=0
    timeout 30 tail --pid="$app_pid" -f /dev/null || fail "$name: still running 30 s after Ctrl+Q"
    wait "$app_pid" || code=$?
    app_pid=
    [ "$code" -eq 0 ] || fail "$name: exit code $code"
    ! grep -q "panicked" "$out/$name.log" || fail "$name: panicked (see $out/$name.log)"
}

# 1. The embedded data.
start embedded
import -window root "$out/embedded-overview.png"
spread=$(nonblank "$out/embedded-overview.png")
awk "BEGIN { exit !($spread > 0.05) }" || fail "embedded: blank screenshot (spread $spread)"
xdotool key --window "$window" ctrl+3
sleep 1.5
import -window root "$out/embedded-finance.png"
changed=$(compare -metric AE "$out/embedded-overview.png" "$out/embedded-finance.png" null: 2>&1 || true)
echo "embedded: Ctrl+3 changed $changed pixels"
[ "${changed%%.*}" -gt 2000 ] || fail "embedded: Ctrl+3 did not change the tab"
quit embedded

baseline=$(pixels_like "$out/embedded-overview.png" '#BE1E1E')
echo "embedded: $baseline pixels of the error colour"

# 2. A broken file: the window still opens on the embedded data and shows the error in red.
start broken "$(dirname "$0")/../tests/fixtures/many_problems.ron"
import -window root "$out/broken-file.png"
red=$(pixels_like "$out/broken-file.png" '#BE1E1E')
echo "broken: $red pixels of the error colour"
[ "$red" -gt $(( baseline + 100 )) ] || fail "broken: the error is not on screen"
quit broken

echo "smoke test passed; screenshots in $out"
