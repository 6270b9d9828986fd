#!/usr/bin/env bash
# Real-window smoke test: starts an EconLens binary under Xvfb (software GL /
# Vulkan), waits for its window, checks the title, that the screen is not
# blank, that Ctrl+3 changes the tab, that Ctrl+Q closes it with exit code 0;
# then the same with a broken data file, whose error must be on screen in red
# while the window stays up; then a first start on an English system, which
# must speak English. Nothing sleeps a fixed time: every step polls
# for what it expects, up to a timeout.
# Usage: .ci/smoke.sh BINARY OUTPUT_DIR   (screenshots and logs go to OUTPUT_DIR)
set -euo pipefail
bin=$1
out=$2
mkdir -p "$out"

export XDG_RUNTIME_DIR; XDG_RUNTIME_DIR=$(mktemp -d); chmod 700 "$XDG_RUNTIME_DIR"
export HOME; HOME=$(mktemp -d)   # fresh settings, nothing of the caller's touched
# A Chinese desktop: the first start follows the system's language.
export LC_ALL=zh_CN.UTF-8
expected_title='济南市市中区经济数据 — EconLens'

# Xvfb picks a free display itself and writes its number to fd 3.
display_file=$(mktemp)
Xvfb -displayfd 3 -screen 0 1280x800x24 -noreset 3>"$display_file" >"$out/xvfb.log" 2>&1 &
xvfb_pid=$!
app_pid=
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    kill "$xvfb_pid" 2>/dev/null || true
    rm -f "$display_file"
}
trap cleanup EXIT

fail() { echo "SMOKE FAIL: $*"; exit 1; }

# poll SECONDS COMMAND...: runs COMMAND every 0.2 s until it succeeds.
poll() {
    local deadline=$(( $(date +%s) + $1 )); shift
    until "$@"; do
        [ "$(date +%s)" -lt "$deadline" ] || return 1
        sleep 0.2
    done
}

poll 30 test -s "$display_file" || fail "Xvfb did not start (see $out/xvfb.log)"
export DISPLAY=":$(head -1 "$display_file")"
poll 30 xdpyinfo >/dev/null 2>&1 || fail "display $DISPLAY does not answer"
echo "Xvfb on $DISPLAY"

nonblank() {  # standard deviation of the picture's brightness, 0 for a blank screen
    convert "$1" -colorspace Gray -format '%[fx:standard_deviation]' info:
}
pixels_like() {  # how many pixels are close to colour $2
    convert "$1" -alpha off -fuzz 10% -fill '#00FF00' -opaque "$2" -fuzz 0 \
        -fill black +opaque '#00FF00' -fill white -opaque '#00FF00' -format '%[fx:round(mean*w*h)]' info:
}
screenshot_shows_something() {  # screenshot to $1; true once it is not blank
    import -window root "$1" 2>/dev/null && awk "BEGIN { exit !($(nonblank "$1") > 0.05) }"
}
screenshot_differs_from() {  # screenshot to $2; true once it differs from $1 in over 2000 pixels
    import -window root "$2" 2>/dev/null || return 1
    local changed
    changed=$(compare -metric AE "$1" "$2" null: 2>&1 || true)
    [ "${changed%%.*}" -gt 2000 ]
}
same_picture() {  # true when two screenshots are identical
    [ "$(compare -metric AE "$1" "$2" null: 2>&1 || true)" = 0 ]
}
settled() {  # screenshot to $2; true when it equals the previous one in $1 (else it becomes $1)
    import -window root "$2" 2>/dev/null && same_picture "$1" "$2" && return 0
    mv -f "$2" "$1" 2>/dev/null
    return 1
}
screenshot_has_red() {  # screenshot to $1; true once it has 100 more error-red pixels than $2
    import -window root "$1" 2>/dev/null && [ "$(pixels_like "$1" '#BE1E1E')" -gt $(( $2 + 100 )) ]
}

title_is() {  # true when window $1 is titled $2
    [[ "$(xdotool getwindowname "$1" 2>/dev/null)" == *"$2"* ]]
}

start() {  # start the app with the given arguments and wait for its window
    local name=$1; shift
    "$bin" "$@" >"$out/$name.log" 2>&1 &
    app_pid=$!
    window=$(timeout 60 xdotool search --sync --name 'EconLens' | head -1) || fail "$name: no window within 60 s"
    poll 30 title_is "$window" "$expected_title" \
        || fail "$name: unexpected title '$(xdotool getwindowname "$window")'"
    echo "$name: window $window titled '$(xdotool getwindowname "$window")'"
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
poll 30 screenshot_shows_something "$out/embedded-overview.png" || fail "embedded: the screen stays blank"
# The first frames may still be settling: wait until two screenshots in a row agree.
poll 30 settled "$out/embedded-overview.png" "$out/settled.png" || fail "embedded: the screen never settles"
mv -f "$out/settled.png" "$out/embedded-overview.png"
xdotool key --window "$window" ctrl+3
poll 30 screenshot_differs_from "$out/embedded-overview.png" "$out/embedded-finance.png" \
    || fail "embedded: Ctrl+3 did not change the tab"
echo "embedded: Ctrl+3 changed the screen"
quit embedded

baseline=$(pixels_like "$out/embedded-overview.png" '#BE1E1E')
echo "embedded: $baseline pixels of the error colour"

# 2. A broken file: the window still opens on the embedded data and shows the error in red.
start broken "$(dirname "$0")/../tests/fixtures/many_problems.ron"
poll 30 screenshot_has_red "$out/broken-file.png" "$baseline" || fail "broken: the error is not on screen"
echo "broken: $(pixels_like "$out/broken-file.png" '#BE1E1E') pixels of the error colour"
quit broken

# 3. A first start on an English system (no settings yet) speaks English.
HOME=$(mktemp -d) LC_ALL=en_US.UTF-8 expected_title='Shizhong District, Jinan: economic data — EconLens' start english
quit english

echo "smoke test passed; screenshots in $out"
