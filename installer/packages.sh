# shellcheck shell=bash disable=SC2034  # (the lists are used by the scripts that source this)
# Debian/Ubuntu packages the program, its tests and its installers need, installed when missing,
# and how the scripts report (sourced by every script: installer/*.sh, tests/run.sh, .ci/run).
# Defines QT_RUNTIME, QT_XCB, QT_DESKTOP, DOCUMENT_TOOLS, INPUT_TOOLS, DEB_BUILD, WINDOWS_BUILD,
# WINDOWS_TEST, say, warn, die, step NAME, ensure_packages PKG... which installs what is missing
# as root or through `sudo -n` (and goes on without them when it cannot), need_packages PKG...
# (the same, but stops when they are still missing) and ensure_venv.

# What PySide6-Essentials' QtCore/QtGui/QtWidgets/QtNetwork/QtTest load even offscreen
# (found one by one on a bare Debian 12): libgl1 (libGL; brings libX11, which the offscreen
# plugin also needs), libegl1, libxkbcommon0, libfontconfig1 (freetype and a font),
# libglib2.0-0 (QtCore), libdbus-1-3 (QtGui links QtDBus).
QT_RUNTIME=(libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3)
# On a real screen (xcb) Qt 6.5+ also needs these, and Chinese needs a CJK font.
QT_XCB=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0
        libxcb-image0 libxcb-randr0 libxkbcommon-x11-0)
QT_DESKTOP=("${QT_XCB[@]}" fonts-noto-cjk)

# The documents' tests render PDFs as an office PC with LibreOffice would, and read them back
# with poppler; Noto CJK stands in for the offices' Chinese fonts.  Calc re-saves a filled-in
# 答复台账 as WPS or Excel would (tests/services/test_ledger_returns.py).
DOCUMENT_TOOLS=(libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk)

# Typing Chinese on a Linux desktop: an X server, a session bus, fcitx 5 with its pinyin engine,
# and xdotool to type (tests/ui/test_chinese_input.py).
INPUT_TOOLS=(xvfb dbus fcitx5 fcitx5-chinese-addons xdotool)

# The installers' own tools.  The .deb: debootstrap for the Debian 11 roots, objdump (binutils)
# reads glibc's version off the bundle.  The Windows installer: Wine, NSIS and MinGW, and pip
# (python3-pip: Debian 12 has no pip without it) and unzip for the embeddable Python; its test
# wants a Chinese font and locale.
DEB_BUILD=(debootstrap binutils)
WINDOWS_BUILD=(wine wine64 nsis gcc-mingw-w64-x86-64-win32 python3-pip unzip)
WINDOWS_TEST=(wine wine64 xvfb fonts-wqy-microhei locales)

# A failure names its step in one line, never a silent exit: `step NAME` says what the script is
# doing; die and the ERR trap below print `[script] ERROR: step "NAME" failed...` (the failing
# command's own messages come above it).
TIAN_STEP=start
step() { TIAN_STEP=$1; }
say() { echo "[${TIAN_SCRIPT:-tian}] $*"; }
warn() { echo "[${TIAN_SCRIPT:-tian}] WARNING: $*" >&2; }
die() { echo "[${TIAN_SCRIPT:-tian}] ERROR: step \"$TIAN_STEP\" failed: $*" >&2; exit 1; }
# set -e ends a script silently: the ERR trap (in functions too, with errtrace) prints the line.
# It fires exactly where set -e exits; not in subshells and $(...), whose failure reaches the
# script's own shell as theirs, nor in a script without set -e (.ci/run checks each status).
_step_failed() {  # _step_failed STATUS FILE LINE
    [[ $BASHPID == "$$" && $- == *e* ]] || return 0
    echo "[${TIAN_SCRIPT:-tian}] ERROR: step \"$TIAN_STEP\" failed (exit $1) at ${2##*/}:$3" >&2
}
set -o errtrace
trap '_step_failed $? "${BASH_SOURCE[0]:-$0}" "$LINENO"' ERR

_installed() {  # Ubuntu 24.04 renamed some libraries with a t64 suffix
    local p
    # no pipeline: dpkg-query fails for a package dpkg has never heard of (wine on a fresh
    # machine), and grep -q leaving early could cut dpkg off (SIGPIPE) under pipefail
    for p in "$1" "${1}t64"; do
        [[ $(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null) == ii* ]] && return 0
    done
    return 1
}

_venv_missing() {  # .venv is still to be made, and Debian's python3 cannot make one (ensurepip)
    [[ ! -x .venv/bin/python ]] && { ! command -v python3 >/dev/null 2>&1 ||
        { [[ "$(command -v python3)" == /usr/bin/python3 ]] &&
          ! python3 -c 'import ensurepip, venv' 2>/dev/null; }; }
}

ensure_packages() {  # python3-venv among them: only while .venv is still to be made
    _install_missing warn "$@"
}

need_packages() {  # the same for a script that cannot go on without them: stops instead
    _install_missing die "$@"
    local missing=() p
    for p in "$@"; do
        _installed "$p" || missing+=("$p")
    done
    ((${#missing[@]} == 0)) || die "apt-get did not install ${missing[*]}"
}

_install_missing() {  # _install_missing warn|die PKG...: what to do when it cannot install
    local cannot=$1 missing=() p
    shift
    local without="; continuing without them"
    [[ $cannot == warn ]] || without=
    if ! command -v dpkg-query >/dev/null 2>&1; then
        "$cannot" "dpkg not found: not a Debian/Ubuntu machine, install $* yourself"
        return 0
    fi
    for p in "$@"; do
        if [[ $p == python3-venv ]]; then
            _venv_missing && missing+=(python3-venv)
        else
            _installed "$p" || missing+=("$p")
        fi
    done
    if ((${#missing[@]} == 0)); then
        say "system packages: all installed"
        return 0
    fi
    local sudo=()
    if [[ $EUID -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            "$cannot" "not root and no password-less sudo: cannot install ${missing[*]}$without"
            return 0
        fi
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        "$cannot" "no apt-get: cannot install ${missing[*]}$without"
        return 0
    fi
    say "installing with apt-get: ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=300 update ||
        warn "apt-get update reported errors; trying the install anyway"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -qq install -y \
        --no-install-recommends -o DPkg::Lock::Timeout=300 "${missing[@]}" ||
        die "apt-get install ${missing[*]} failed"
}

ensure_venv() {  # .venv with the project installed (extras in $1, e.g. "[test]")
    if ! .venv/bin/python -c '' 2>/dev/null; then
        say "creating .venv with $(command -v python3) ($(python3 --version 2>&1))"
        python3 -m venv --clear .venv
    fi
    local log
    # Quiet unless it fails: setuptools' deprecation notices would bury the output.
    if ! log=$(.venv/bin/pip install -q --disable-pip-version-check -e ".${1:-}" 2>&1); then
        echo "$log" >&2
        die "pip install -e '.${1:-}' failed"
    fi
}
