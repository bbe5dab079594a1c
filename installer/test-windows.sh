#!/usr/bin/env bash
# The Windows installer in a fresh Wine prefix, as an office PC
# would take it: refused on Windows 7; on Windows 10 installed silently (files, shortcuts,
# registry checked, not the exit code); the installed program's smoke mode; the windowed program
# started from its Start-menu shortcut on a real (Xvfb) screen; uninstalled, keeping the user's
# data; installed again and uninstalled with /REMOVEDATA.
#   W  the build's work folder ($W/out/*.setup.exe, $W/stubs/*.dll from build-windows.sh)
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
W=${W:-$SRC/build/windows}
T=$W/test
TIAN_SCRIPT=test-windows.sh
# shellcheck source=installer/packages.sh
source "$SRC/installer/packages.sh"
phase() { say "$1: $((SECONDS - t0)) s"; t0=$SECONDS; }
step "the installer from build-windows.sh"
setups=("$W"/out/tiantong-*-setup.exe)
[[ -f ${setups[0]} ]] || die "no $W/out/tiantong-*-setup.exe: run installer/build-windows.sh first"
setup=${setups[0]}

step "packages"
need_packages "${WINDOWS_TEST[@]}"
step "the zh_CN locale"
# a Chinese Windows: Wine takes its code page (936) and UI language from the Unix locale
locale -a | grep -qx 'zh_CN.utf8' || localedef -i zh_CN -f UTF-8 zh_CN.UTF-8

step "prefix"
rm -rf "$T" && mkdir -p "$T/home"
export WINEPREFIX=$T/prefix WINEDEBUG=-all WINEDLLOVERRIDES="winemenubuilder.exe=d" \
       LC_ALL=zh_CN.UTF-8
# however it ends, no Wine process of this prefix stays behind (set only now: before, wineserver
# -k would stop the user's own prefix)
trap 'timeout 30 wineserver -k 2>/dev/null || true' EXIT
unset DISPLAY
w() {  # w SECONDS PROGRAM ARGS...  (Python 3.13 under Wine 8 wants no regular file as std handle)
    local limit=$1; shift
    HOME="$T/home" timeout "$limit" wine "$@" </dev/null 2>&1 | cat
    return "${PIPESTATUS[0]}"
}
t0=$SECONDS

w 120 wineboot -i >/dev/null; timeout 60 wineserver -w
# stand-ins for what Windows 10 has and Wine 8 lacks -- in this test prefix only, never shipped:
# icuuc.dll (Qt6Core), bcryptprimitives.dll (cryptography's Rust), UISettings (qwindows.dll)
sys32=$WINEPREFIX/drive_c/windows/system32
cp "$W/stubs/icuuc.dll" "$W/stubs/bcryptprimitives.dll" "$W/stubs/uisettings.dll" "$sys32/"
w 30 reg add 'HKLM\Software\Microsoft\WindowsRuntime\ActivatableClassId\Windows.UI.ViewManagement.UISettings' \
    /v DllPath /t REG_SZ /d 'C:\windows\system32\uisettings.dll' /f >/dev/null
user=$(w 30 cmd /c 'echo %USERNAME%' | tr -d '\r')
local_appdata=$WINEPREFIX/drive_c/users/$user/AppData/Local
app=$local_appdata/Programs/提案通
data=$local_appdata/tiantong
startmenu="$WINEPREFIX/drive_c/users/$user/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/提案通.lnk"
desktop=$WINEPREFIX/drive_c/users/$user/Desktop
# Wine links Desktop & co. to $HOME: a real folder instead, so the test can see the shortcut
rm -f "$desktop" && mkdir -p "$desktop"
phase "prefix"

step "refused on Windows 7"
# Windows 7: refused, nothing installed (a new Wine 8 prefix says Windows 7)
w 60 winecfg -v win7 >/dev/null
rc=0; w 120 "$setup" /S >/dev/null || rc=$?
timeout 60 wineserver -w
[[ $rc -ne 0 && ! -e $app ]] || die "the installer did not refuse Windows 7 (exit $rc)"
w 60 winecfg -v win10 >/dev/null
phase "refused on Windows 7 (exit $rc)"

install() {
    w 300 "$setup" /S >/dev/null || die "the installer exited $?"
    timeout 120 wineserver -w
    for f in tian.exe tiantong.exe uninstall.exe _internal/python313.dll \
             _internal/PySide6/Qt6Core.dll _internal/PySide6/plugins/platforms/qwindows.dll \
             _internal/desktop/resources/templates/答复函.docx; do
        [[ -f $app/$f ]] || die "the installed program lacks $f"
    done
    [[ -f $startmenu && -f $desktop/提案通.lnk ]] || die "a shortcut is missing"
    for key in 'HKCU\Software\Classes\.tian' 'HKCU\Software\Classes\Tiantong.Package\shell\open\command' \
               'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\tiantong'; do
        w 30 reg query "$key" >/dev/null || die "no registry key $key"
    done
}
step "installed"
install
phase "installed ($(du -sh "$app" | cut -f1))"

step "smoke mode of the installed program"
out=$(w 300 "$app/tian.exe" --smoke) || die "smoke mode failed: $out"
echo "$out"
[[ $(tail -n 1 <<<"$out" | tr -d '\r') == "[smoke] ok" ]] || die "smoke mode did not finish"
[[ ! -e $data ]] || die "smoke mode wrote into the user's data folder"
phase "smoke mode of the installed program"

step "started from the shortcut"
# the windowed program from its Start-menu shortcut, on a screen: its first-run wizard
Xvfb :97 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
sleep 1
DISPLAY=:97 HOME="$T/home" timeout 120 wine start /unix "$startmenu" </dev/null >/dev/null 2>&1 || true
for _ in $(seq 30); do [[ -f $data/logs/tiantong.log ]] && break; sleep 1; done
sleep 8
DISPLAY=:97 import -window root "$T/first-start.png" 2>/dev/null || true
alive=$(pgrep -fc 'tiantong\.exe' || true)
timeout 30 wineserver -k || true
kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true
[[ -f $data/logs/tiantong.log ]] || die "the program started from its shortcut wrote no log"
say "screenshot: $T/first-start.png (tiantong.exe processes alive before the end: $alive)"
phase "started from the shortcut"

step "uninstalled, data kept"
w 120 "$app/uninstall.exe" /S >/dev/null || die "the uninstaller exited $?"
timeout 120 wineserver -w
[[ ! -e $app && ! -e $startmenu && ! -e $desktop/提案通.lnk ]] || die "files or shortcuts left behind"
for key in 'HKCU\Software\Classes\.tian' 'HKCU\Software\Classes\Tiantong.Package' \
           'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\tiantong'; do
    ! w 30 reg query "$key" >/dev/null || die "registry key left behind: $key"
done
[[ -d $data ]] || die "the uninstaller removed the user's data"
phase "uninstalled, data kept"

step "installed again, uninstalled with /REMOVEDATA"
install
w 120 "$app/uninstall.exe" /S /REMOVEDATA >/dev/null || die "the uninstaller exited $?"
timeout 120 wineserver -w
[[ ! -e $app && ! -e $data ]] || die "/REMOVEDATA left the program or the data behind"
phase "installed again, uninstalled with /REMOVEDATA"
timeout 30 wineserver -k || true
say "passed"
