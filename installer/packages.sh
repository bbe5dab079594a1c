# Debian/Ubuntu packages the program needs, installed when missing (sourced by
# installer/start.sh and tests/run.sh).  Defines QT_RUNTIME, QT_XCB, QT_DESKTOP, DOCUMENT_TOOLS,
# INPUT_TOOLS, say, warn, die,
# and ensure_packages PKG... which installs what is missing as root or through `sudo -n`.

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
# with poppler; Noto CJK stands in for the offices' Chinese fonts.
DOCUMENT_TOOLS=(libreoffice-writer-nogui poppler-utils fonts-noto-cjk)

# Typing Chinese on a Linux desktop: an X server, a session bus, fcitx 5 with its pinyin engine,
# and xdotool to type (tests/ui/test_chinese_input.py).
INPUT_TOOLS=(xvfb dbus fcitx5 fcitx5-chinese-addons xdotool)

say() { echo "[${TIAN_SCRIPT:-tian}] $*"; }
warn() { echo "[${TIAN_SCRIPT:-tian}] WARNING: $*" >&2; }
die() { echo "[${TIAN_SCRIPT:-tian}] ERROR: $*" >&2; exit 1; }

_installed() {  # Ubuntu 24.04 renamed some libraries with a t64 suffix
    local p
    for p in "$1" "${1}t64"; do
        dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' && return 0
    done
    return 1
}

ensure_packages() {
    local missing=() p
    if ! command -v dpkg >/dev/null 2>&1; then
        warn "dpkg not found: not a Debian/Ubuntu machine, install Qt's runtime libraries yourself"
        return 0
    fi
    for p in "$@"; do
        _installed "$p" || missing+=("$p")
    done
    # Debian's python3 cannot make a venv without python3-venv (ensurepip).
    if [[ ! -x .venv/bin/python ]] && { ! command -v python3 >/dev/null 2>&1 ||
        { [[ "$(command -v python3)" == /usr/bin/python3 ]] &&
          ! python3 -c 'import ensurepip, venv' 2>/dev/null; }; }; then
        missing+=(python3-venv)
    fi
    if ((${#missing[@]} == 0)); then
        say "system packages: all installed"
        return 0
    fi
    local sudo=()
    if [[ $EUID -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            warn "not root and no password-less sudo: cannot install ${missing[*]}; continuing without them"
            return 0
        fi
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        warn "no apt-get: cannot install ${missing[*]}; continuing without them"
        return 0
    fi
    say "installing with apt-get: ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -qq update ||
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
