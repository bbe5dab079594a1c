#!/usr/bin/env bash
# Install the built .deb the way an office PC does (apt install ./x.deb), check the files it put
# in place, start the installed program in its smoke mode, then remove the package and check it
# took its files with it (the user's data folder is never the package's).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
TIAN_SCRIPT=test-deb.sh
source installer/packages.sh
source installer/package-info.sh
deb=dist/${APPID}_${VERSION}_amd64.deb
[[ -f $deb ]] || die "no $deb: run installer/build-deb.sh first"
app=/opt/apps/$APPID
ensure_packages "${QT_DESKTOP[@]}"  # the package's dependencies, from the package lists
export DEBIAN_FRONTEND=noninteractive
apt-get -qq install -y --no-install-recommends -o DPkg::Lock::Timeout=300 "./$deb" >/dev/null ||
    die "apt install ./$deb failed"
for f in "$app/files/tiantong" "$app/files/tian" "$app/info" \
         "$app/entries/applications/$APPID.desktop" "$app/entries/mime/packages/$APPID.xml" \
         "/usr/share/applications/$APPID.desktop"; do
    [[ -e $f ]] || die "installed package lacks $f"
done
python3 -c "import json,sys; d=json.load(open('$app/info')); assert d['appid']=='$APPID', d" ||
    die "$app/info is not the UOS info JSON"
start=$EPOCHREALTIME
home=$(mktemp -d)
out=$(cd / && env -u QT_QPA_PLATFORM TIAN_HOME="$home" "$app/files/tian" --smoke 2>/dev/null) ||
    die "the installed program's smoke mode failed: $out"
echo "$out"
[[ $(tail -n 1 <<<"$out") == "[smoke] ok" ]] || die "smoke mode did not finish"
say "smoke mode of the installed program: $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s"
[[ -z $(ls -A "$home") ]] || die "smoke mode wrote into the user's data folder"
rm -rf "$home"
apt-get -qq remove -y "$APPID" >/dev/null || die "apt remove $APPID failed"
[[ ! -e $app/files/tiantong && ! -e /usr/share/applications/$APPID.desktop ]] ||
    die "removing the package left its files behind"
say "installed, smoke-tested and removed $deb"
