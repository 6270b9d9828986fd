#!/usr/bin/env bash
# Runs the Windows build under Wine with Xvfb, as a Windows user would use it:
#   1. the exes: econlens.exe is a GUI program (no console window), econlens.com
#      the console one; both carry the icon and version information;
#   2. the command line (econlens.com) in a folder with a Chinese name: check,
#      export in every format, import of a table, audit, and their exit codes;
#   3. the portable exe's window with no graphics backend forced, on a new
#      Chinese system: Wine's DirectX 12 cannot draw, so it must fall back by
#      itself; a screenshot that is not blank, Chinese in the title, Ctrl+2
#      changes the screen, Ctrl+Q exits with 0, settings under %APPDATA%;
#   4. the installer, silently (/S): files, Start-menu shortcut, uninstall
#      entry, .ron association; the installed app started from its folder on a
#      .ron file the way Explorer starts it;
#   5. the uninstaller, silently: nothing left behind.
# Screenshots go to OUT_DIR. Wine 8.0 lacks bcryptprimitives.dll, which Rust's
# standard library loads, so a test-only shim (bcryptprimitives.c) is built
# and put beside the exe here; it is never part of a package.
#
# usage: wine-test.sh econlens.exe PACKAGES_DIR OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/../.."
exe=$(realpath "$1")
packages=$(realpath "$2")
out=$3
mkdir -p "$out"
out=$(realpath "$out")
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
work=$(mktemp -d)
export WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko download prompts: the app needs neither.
export WINEDLLOVERRIDES="mscoree,mshtml="
unset WGPU_BACKEND ECONLENS_RENDERER
failures=0
fail() { echo "!! FAILED: $*"; failures=$((failures + 1)); }
pass() { echo "   ok: $*"; }

app_pid=""
xvfb_pid=""
stop_app() {
    # The Wine processes this script started, by PID; kill -9 if they linger.
    if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
        kill "$app_pid" 2>/dev/null || true
        sleep 2
        kill -9 "$app_pid" 2>/dev/null || true
    fi
    app_pid=""
}
cleanup() {
    stop_app
    wineserver -k 2>/dev/null || true
    sleep 1
    wineserver -k9 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
exec 3>&-
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.2; done
export DISPLAY=":$(cat "$work/display")"

timeout 180 wineboot -i >/dev/null 2>&1 || true
drive_c="$WINEPREFIX/drive_c"
user_dir="$drive_c/users/$(id -un)"
appdata="$user_dir/AppData/Roaming"
[ -d "$appdata" ] || { fail "wineboot made no user profile at $user_dir"; exit 1; }
shim="$work/bcryptprimitives.dll"
x86_64-w64-mingw32-gcc -shared -O2 -o "$shim" .ci/windows/bcryptprimitives.c -ladvapi32

echo "-- 1. the exes"
portable="$drive_c/EconLens"
mkdir -p "$portable"
python3 - "$packages/EconLens-$version-windows-x86_64.zip" "$portable" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    for entry in archive.infolist():
        with open(os.path.join(sys.argv[2], os.path.basename(entry.filename)), "wb") as out:
            out.write(archive.read(entry))
PY
cmp -s "$exe" "$portable/econlens.exe" || fail "the zip's econlens.exe is not the one built"
cp "$shim" "$portable/"
subsystem() { x86_64-w64-mingw32-objdump -p "$1" | sed -n 's/^Subsystem[[:space:]]*\([0-9a-f]*\).*/\1/p'; }
[ "$(subsystem "$portable/econlens.exe")" = 00000002 ] && pass "econlens.exe is a Windows GUI program (no console)" \
    || fail "econlens.exe subsystem $(subsystem "$portable/econlens.exe"), expected 2 (GUI)"
[ "$(subsystem "$portable/econlens.com")" = 00000003 ] && pass "econlens.com is a console program" \
    || fail "econlens.com subsystem $(subsystem "$portable/econlens.com"), expected 3 (console)"
for field in ProductName EconLens FileVersion "$version" "EconLens developers"; do
    strings -el "$portable/econlens.exe" | grep -qx "$field" || fail "no '$field' in the exe's version information"
done
# The resource types: 3 icon images, 14 the icon group Explorer shows, 16 version information.
types=$(x86_64-w64-mingw32-objdump -p "$portable/econlens.exe" | sed -n '/The .rsrc Resource Directory/,$p' \
    | sed -n 's/^[0-9a-f]*   Entry: ID: 0x0*\([0-9a-f]*\),.*/\1/p' | tr '\n' ' ')
[ "$types" = "3 e 10 " ] && pass "icon and version information embedded (resource types $types)" \
    || fail "the exe's resource types are '$types', expected icon (3), icon group (e), version (10)"

echo "-- 2. the command line, in C:\\数据"
data="$drive_c/数据"
mkdir -p "$data"
cp tests/fixtures/city_districts.ron "$data/示例市.ron"
cp tests/fixtures/truncated.ron "$data/截断.ron"
cp tests/fixtures/import/yearbook_districts.csv "$data/年鉴.csv"
cli() { # expected-exit-code args…: runs econlens.com, output in $work/cli.out
    local expected=$1 code=0
    shift
    (cd "$portable" && LC_ALL=zh_CN.UTF-8 timeout 300 wine econlens.com "$@") >"$work/cli.out" 2>&1 || code=$?
    if [ "$code" = "$expected" ]; then pass "econlens $* → exit $code"; else
        fail "econlens $* → exit $code, expected $expected"; sed 's/^/      /' "$work/cli.out" | head -20; fi
}
cli 0 check 'C:\数据\示例市.ron'
grep -q "示例市" "$work/cli.out" || fail "check does not print the file's Chinese title"
cli 1 check 'C:\数据\截断.ron'
grep -q "截断.ron" "$work/cli.out" || fail "the error does not name the file"
cli 2 export --all
for format in png svg pdf csv xlsx; do
    cli 0 export --data 'C:\数据\示例市.ron' --all --format "$format" --out "C:\\数据\\$format"
    count=$(find "$data/$format" -name "*.$format" | wc -l)
    [ "$count" -gt 0 ] && pass "$count $format files" || fail "no $format files written"
done
first_png=$(find "$data/png" -name '*.png' | head -1)
identify "$first_png" >/dev/null 2>&1 && pass "the PNG decodes" || fail "$first_png does not decode"
python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$(find "$data/svg" -name '*.svg' | head -1)" \
    && pass "the SVG parses" || fail "the SVG does not parse"
head -c 5 "$(find "$data/pdf" -name '*.pdf' | head -1)" | grep -q '%PDF-' && pass "the PDF is a PDF" || fail "not a PDF"
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert "xl/charts/chart1.xml" in z.namelist()' \
    "$(find "$data/xlsx" -name '*.xlsx' | head -1)" && pass "the workbook has its native chart" || fail "no chart in the workbook"
cli 0 import 'C:\数据\年鉴.csv' --out 'C:\数据\年鉴.ron'
cli 0 check 'C:\数据\年鉴.ron'
cli 0 audit 'C:\数据\示例市.ron'

not_blank() { # a screenshot with more than a few colours
    local colours
    colours=$(convert "$1" -format '%k' info:)
    [ "$colours" -gt 16 ]
}
# Starts the GUI and checks its window: the text its title must hold, the
# screenshot name, the key that must change the screen, then exe and args.
gui_run() {
    local title=$1 shot=$2 key=$3
    shift 3
    (LC_ALL=zh_CN.UTF-8 exec wine "$@" >"$work/gui.log" 2>&1) &
    app_pid=$!
    # The window's title names the data once its first frame is drawn (a
    # backend that failed before may have shown a window titled EconLens and
    # closed it, so the search is for the data's title).
    window=""
    for _ in $(seq 90); do
        window=$(xdotool search --name "$title" 2>/dev/null | head -1 || true)
        [ -n "$window" ] && break
        kill -0 "$app_pid" 2>/dev/null || break
        sleep 1
    done
    if [ -z "$window" ]; then
        fail "no window titled '$title' opened ($*)"; sed 's/^/      /' "$work/gui.log" | tail -20; stop_app; return
    fi
    pass "window title: $(xdotool getwindowname "$window" 2>/dev/null || true)"
    local drawn=""
    for _ in $(seq 30); do
        import -window root "$out/$shot-1.png"
        if not_blank "$out/$shot-1.png"; then drawn=1; break; fi
        sleep 1
    done
    sleep 2 # let the frame settle before comparing with the next screen
    import -window root "$out/$shot-1.png"
    [ -n "$drawn" ] && pass "screenshot not blank ($shot-1.png)" || fail "$shot-1.png is blank"
    xdotool windowfocus "$window" 2>/dev/null || true
    sleep 0.5
    xdotool key --window "$window" "$key"
    local changed=0
    for _ in $(seq 20); do
        sleep 1
        import -window root "$out/$shot-2.png"
        changed=$(compare -metric AE "$out/$shot-1.png" "$out/$shot-2.png" null: 2>&1 || true)
        changed=${changed%% *}
        [ "$changed" -gt 1000 ] 2>/dev/null && break
    done
    [ "$changed" -gt 1000 ] 2>/dev/null && pass "$key changed the screen ($changed pixels)" \
        || fail "$key did not change the screen ($changed)"
    xdotool key --window "$window" ctrl+q
    local code=""
    for _ in $(seq 30); do
        if ! kill -0 "$app_pid" 2>/dev/null; then
            code=0; wait "$app_pid" || code=$?
            break
        fi
        sleep 1
    done
    [ "$code" = 0 ] && pass "Ctrl+Q exited with 0" || fail "Ctrl+Q: exit '${code:-still running}'"
    stop_app
}

echo "-- 3. the window, no graphics backend forced"
gui_run "济南市市中区" portable ctrl+2 "$portable/econlens.exe"
settings="$appdata/econlens/data"
[ -s "$settings/app.ron" ] && pass "settings written under %APPDATA%\\econlens\\data" || fail "no settings under %APPDATA%"
grep -q "Zh" "$settings/app.ron" 2>/dev/null && pass "first start in the system's language (Chinese), remembered" \
    || fail "the stored settings do not say Chinese"
if grep -q "window open" "$settings/start.log" 2>/dev/null; then
    pass "start log: $(grep -E 'could not open|window open' "$settings/start.log" | tr '\n' ';')"
else
    fail "the start log does not say which backend opened the window"
fi
cp "$settings/start.log" "$out/start.log" 2>/dev/null || true

echo "-- 4. the installer, silently"
setup="$packages/EconLens-$version-setup.exe"
code=0; timeout 300 wine "$setup" /S >/dev/null 2>&1 || code=$?
[ "$code" = 0 ] && pass "installer /S exit 0" || fail "installer /S exit $code"
installed="$user_dir/AppData/Local/Programs/EconLens"
for file in econlens.exe econlens.com uninstall.exe README.md LICENSE-MIT.txt LICENSE-APACHE.txt; do
    [ -f "$installed/$file" ] || fail "not installed: $file"
done
shortcut="$appdata/Microsoft/Windows/Start Menu/Programs/EconLens.lnk"
[ -f "$shortcut" ] && pass "Start-menu shortcut" || fail "no Start-menu shortcut"
reg_has() { wine reg query "$1" /v "$2" 2>/dev/null | grep -q "$2"; }
reg_has 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\EconLens' DisplayVersion \
    && pass "listed in Apps with its uninstaller" || fail "no uninstall entry"
command=$(wine reg query 'HKCU\Software\Classes\EconLens.ron\shell\open\command' /ve 2>/dev/null \
    | sed -n 's/.*REG_SZ[[:space:]]*//p' | tr -d '\r')
wine reg query 'HKCU\Software\Classes\.ron' /ve 2>/dev/null | grep -q 'EconLens.ron' \
    && pass ".ron opens with EconLens: $command" || fail "no .ron association"
# Explorer runs the registered command with %1 replaced by the file. Wine 8
# does not merge HKCU\Software\Classes into HKEY_CLASSES_ROOT as Windows
# does, so its ShellExecute cannot be asked; the command is run as registered.
registered_exe=$(sed -n 's/^"\([^"]*\)".*/\1/p' <<<"$command")
[ "$registered_exe" = 'C:\users\'"$(id -un)"'\AppData\Local\Programs\EconLens\econlens.exe' ] \
    || fail "the association runs '$registered_exe'"
cp "$shim" "$installed/"
# (The window remembers the tab Ctrl+2 chose above.)
gui_run "示例市" installed ctrl+3 "$installed/econlens.exe" 'C:\数据\示例市.ron'
rm -f "$installed/bcryptprimitives.dll"

echo "-- 5. the uninstaller, silently"
timeout 120 wine "$installed/uninstall.exe" /S >/dev/null 2>&1 || true
# NSIS's uninstaller runs a copy of itself from %TEMP% and returns at once.
for _ in $(seq 60); do [ -e "$installed" ] || break; sleep 1; done
[ -e "$installed" ] && fail "left behind: $(find "$installed" | tr '\n' ' ')" || pass "install folder removed"
[ -e "$shortcut" ] && fail "Start-menu shortcut left" || pass "shortcut removed"
[ -e "$appdata/econlens" ] && fail "settings folder left" || pass "settings removed"
for key in 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\EconLens' 'HKCU\Software\Classes\EconLens.ron' \
    'HKCU\Software\Classes\.ron' 'HKCU\Software\EconLens' \
    'HKCU\Software\Microsoft\Windows\CurrentVersion\App Paths\econlens.exe'; do
    wine reg query "$key" >/dev/null 2>&1 && fail "registry key left: $key" || pass "removed: $key"
done

if [ "$failures" -gt 0 ]; then
    echo "!! $failures Windows check(s) failed"
    exit 1
fi
echo "   all Windows checks passed (screenshots in $out)"
