#!/usr/bin/env bash
# Build the .deb for UOS / Kylin (and Debian 12+) from this source tree:
#
#     bash installer/build-deb.sh            → dist/tiantong_<version>_amd64.deb
#
# 1. the one-folder bundle with PyInstaller (installer/tiantong.spec) from .venv[build];
# 2. the UOS layout: /opt/apps/<appid>/files (the bundle), entries/ (desktop entry, icons, the
#    .tian file type), info (JSON);
# 3. dpkg-deb with the Qt xcb libraries and a CJK font as dependencies.
# The bundle needs the glibc of the machine it was built on (Debian 12: 2.36).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
TIAN_SCRIPT=build-deb.sh
source installer/packages.sh
source installer/package-info.sh

ensure_packages "${QT_RUNTIME[@]}"
ensure_venv "[build]"
start=$SECONDS
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath build/pyinstaller/dist \
    --workpath build/pyinstaller/work installer/tiantong.spec
say "bundle built in $((SECONDS - start)) s: $(du -sh build/pyinstaller/dist/tiantong | cut -f1)"

root=build/deb/root
rm -rf build/deb
app=$root/opt/apps/$APPID
mkdir -p "$app/files" "$app/entries/applications" "$app/entries/mime/packages" \
    "$app/entries/icons/hicolor/256x256/apps" "$app/entries/icons/hicolor/48x48/apps" \
    "$root/DEBIAN"
cp -a build/pyinstaller/dist/tiantong/. "$app/files/"
cp resources/icons/tiantong-256.png "$app/entries/icons/hicolor/256x256/apps/$APPID.png"
cp resources/icons/tiantong-48.png "$app/entries/icons/hicolor/48x48/apps/$APPID.png"
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
Depends: ${DEB_DEPENDS}
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
