#!/usr/bin/env bash
# Build the .deb for UOS / Kylin (and Debian 11+, Ubuntu 20.04+) from this source tree:
#
#     bash installer/build-deb.sh            → dist/org.tiantong.desktop_<version>_amd64.deb
#
# 1. a Debian 11 root (installer/linux-root.sh: glibc 2.31, what Kylin V10 has) with the
#    compilers and the libraries Qt loads;
# 2. CPython 3.13 compiled there from Debian 13's source package (the same Python as the
#    Windows build), the project and PyInstaller installed into it from PyPI;
# 3. the one-folder bundle (installer/tiantong.spec), which then needs glibc ≥ 2.31 only;
# 4. the UOS layout: /opt/apps/<appid>/files (the bundle), entries/ (desktop entry, icons, the
#    .tian file type), info (JSON); dpkg-deb with the system libraries the bundle leaves to the
#    system, and glibc's version read off the bundle, as dependencies.
# Needs root (debootstrap, chroot).  The root and its Python are kept in build/linux and reused
# while what goes into them is unchanged; `rm -rf build/linux` starts again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
TIAN_SCRIPT=build-deb.sh
source installer/packages.sh
source installer/package-info.sh
source installer/linux-root.sh
source installer/source-tree.sh
[[ $EUID -eq 0 ]] || die "debootstrap and chroot need root: run it as root (sudo bash $0)"
step "packages"
need_packages "${DEB_BUILD[@]}"
t0=$SECONDS
phase() { say "$1: $((SECONDS - t0)) s"; t0=$SECONDS; }
PYTHON_SOURCE=python3.13   # Debian 13's source package: the newest 3.13 with Debian's care
BUILD_DEPENDS=(gcc make libc6-dev libssl-dev libffi-dev zlib1g-dev libsqlite3-dev libbz2-dev
               liblzma-dev uuid-dev xz-utils binutils)

R=$ROOTS/build
# the root is made again when what goes into it changes
stamp=$( { cat installer/linux-root.sh; echo "$PYTHON_SOURCE ${BUILD_DEPENDS[*]} ${QT_RUNTIME[*]} ${QT_XCB[*]}"; } |
        sha256sum | cut -c1-16)
if [[ $(cat "$R/.python" 2>/dev/null) != "$stamp" ]]; then
    step "the $ROOT_SUITE root"
    fresh_root "$R"
    phase "the $ROOT_SUITE root"
    step "compilers and Qt's libraries in the root"
    echo "deb-src $ROOT_MIRROR trixie main" >"$R/etc/apt/sources.list.d/python-source.list"
    in_root "$R" apt-get -qq update
    in_root "$R" apt-get -qq install -y --no-install-recommends "${BUILD_DEPENDS[@]}" \
        "${QT_RUNTIME[@]}" "${QT_XCB[@]}" >/dev/null
    phase "compilers and Qt's libraries in the root"
    step "CPython in the root"
    in_root "$R" bash -euc "
        mkdir -p /tmp/python && cd /tmp/python
        apt-get source -qq --download-only -o APT::Sandbox::User=root $PYTHON_SOURCE >/dev/null
        tar xf ${PYTHON_SOURCE}_*.orig.tar.xz
        cd Python-*/
        ./configure -q --prefix=/opt/python --enable-shared --disable-test-modules \
            LDFLAGS=-Wl,-rpath,/opt/python/lib >/tmp/python/configure.log 2>&1
        make -s -j\$(nproc) >/tmp/python/make.log 2>&1
        make -s altinstall >/tmp/python/install.log 2>&1
        cd / && rm -rf /tmp/python
        /opt/python/bin/python3.13 -c 'import ssl, sqlite3, ctypes, lzma, bz2, zlib, uuid'
        /opt/python/bin/python3.13 -m venv /opt/venv" ||
        die "CPython did not build in the $ROOT_SUITE root (logs in $R/tmp/python)"
    echo "$stamp" >"$R/.python"
    phase "CPython $(in_root "$R" /opt/python/bin/python3.13 -c 'import platform; print(platform.python_version())') compiled"
fi

step "the project in the root"
# the project: copied in (no .venv, build, dist or .git) and installed with its [build] extra
rm -rf "$R/src"
copy_source . "$R/src"
in_root "$R" /opt/venv/bin/pip install -q "/src[build]" || die "pip install in the root failed"
phase "the project in the root"
step "bundle"
rm -rf "$R/tmp/dist" "$R/tmp/work"
in_root "$R" bash -c 'cd /src && /opt/venv/bin/pyinstaller --noconfirm --log-level ERROR \
    --distpath /tmp/dist --workpath /tmp/work installer/tiantong.spec' ||
    die "PyInstaller failed in the root"
rm -rf build/pyinstaller/dist && mkdir -p build/pyinstaller/dist
cp -a "$R/tmp/dist/tiantong" build/pyinstaller/dist/
bundle=build/pyinstaller/dist/tiantong
glibc=$(find "$bundle" -type f \( -name '*.so*' -o -name tiantong \) -exec objdump -T {} + 2>/dev/null |
        grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1)
phase "bundle ($(du -sh "$bundle" | cut -f1), needs glibc $glibc)"

step "the .deb"
root=build/deb/root
rm -rf build/deb
app=$root/opt/apps/$APPID
mkdir -p "$app/files" "$app/entries/applications" "$app/entries/mime/packages" \
    "$app/entries/icons/hicolor/256x256/apps" "$app/entries/icons/hicolor/48x48/apps" \
    "$root/DEBIAN"
cp -a build/pyinstaller/dist/tiantong/. "$app/files/"
cp desktop/resources/icons/tiantong-256.png "$app/entries/icons/hicolor/256x256/apps/$APPID.png"
cp desktop/resources/icons/tiantong-48.png "$app/entries/icons/hicolor/48x48/apps/$APPID.png"
cat > "$app/entries/applications/$APPID.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=提案通
Name[zh_CN]=提案通
GenericName=政协提案管理
Comment=政协提案全流程管理：录入、审查、交办、办理、评价、统计、文书
Exec=/opt/apps/$APPID/files/tiantong %f
Icon=$APPID
Terminal=false
Categories=Office;
MimeType=application/x-tiantong-package;
StartupWMClass=tiantong
DESKTOP
cat > "$app/entries/mime/packages/$APPID.xml" <<MIME
<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="application/x-tiantong-package">
    <comment>提案通交换包</comment>
    <glob pattern="*.tian"/>
  </mime-type>
</mime-info>
MIME
cat > "$app/info" <<INFO
{
  "appid": "$APPID",
  "name": "提案通",
  "version": "$VERSION",
  "arch": ["amd64"],
  "permissions": {"autostart": false, "notification": false, "trayicon": false,
                  "clipboard": true, "account": false, "bluetooth": false, "camera": false,
                  "audio_record": false, "installed_apps": false}
}
INFO
size=$(du -sk "$root/opt" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: $APPID
Version: $VERSION
Architecture: amd64
Maintainer: 提案通 <support@tiantong.invalid>
Installed-Size: $size
Depends: libc6 (>= $glibc), ${DEB_DEPENDS}
Section: office
Priority: optional
Description: 提案通 — 政协提案全流程管理
 县级政协提案委员会和承办单位使用的离线桌面程序：提案录入、审查立案、交办、
 办理跟踪、评价、统计，答复函等公文和台账导出，单位之间以文件交换数据。
CONTROL
# the desktop entry, icon and file type where any freedesktop system finds them (UOS links
# entries/ itself; these are links, so removing the package removes them)
cat > "$root/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
POSTINST
cat >> "$root/DEBIAN/postinst" <<POSTINST
for f in applications/$APPID.desktop icons/hicolor/256x256/apps/$APPID.png \
         icons/hicolor/48x48/apps/$APPID.png mime/packages/$APPID.xml; do
    mkdir -p "/usr/share/\$(dirname "\$f")"
    ln -sf "/opt/apps/$APPID/entries/\$f" "/usr/share/\$f"
done
command -v update-mime-database >/dev/null && update-mime-database /usr/share/mime || true
command -v update-desktop-database >/dev/null && update-desktop-database -q || true
exit 0
POSTINST
cat > "$root/DEBIAN/postrm" <<POSTRM
#!/bin/sh
set -e
for f in applications/$APPID.desktop icons/hicolor/256x256/apps/$APPID.png \
         icons/hicolor/48x48/apps/$APPID.png mime/packages/$APPID.xml; do
    [ -L "/usr/share/\$f" ] && rm -f "/usr/share/\$f"
done
command -v update-mime-database >/dev/null && update-mime-database /usr/share/mime || true
exit 0
POSTRM
chmod 755 "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"
mkdir -p dist
deb=dist/${APPID}_${VERSION}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
say "built $deb ($(du -h "$deb" | cut -f1))"
