#!/usr/bin/env bash
# Install the built .deb the way an office PC does (apt install ./x.deb), check the files it put
# in place, start the installed program in its smoke mode and on a real (Xvfb, xcb) screen, then
# remove the package and check it took its files with it (the user's data folder is never the
# package's).
#
#     bash installer/test-deb.sh          on this machine
#     bash installer/test-deb.sh --root   in a fresh Debian 11 root (glibc 2.31, as Kylin V10),
#                                         where apt brings in only what the package declares
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
TIAN_SCRIPT=test-deb.sh
source installer/packages.sh
source installer/package-info.sh
source installer/linux-root.sh
deb=dist/${APPID}_${VERSION}_amd64.deb
[[ -f $deb ]] || die "no $deb: run installer/build-deb.sh first"
[[ $EUID -eq 0 ]] ||
    die "apt installs the .deb (and --root needs chroot): run it as root (sudo bash $0${*:+ $*})"
app=/opt/apps/$APPID
t0=$EPOCHREALTIME
took() { awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

step "packages"
if [[ ${1:-} == --root ]]; then
    need_packages debootstrap python3
    step "a fresh Debian 11 root"
    R=$ROOTS/test
    fresh_root "$R"
    run() { in_root "$R" "$@"; }
    cp "$deb" "$R/tmp/"
    run apt-get -qq update
    target="a fresh Debian 11 root"
else
    R=
    run() { (cd / && env "$@"); }
    need_packages xvfb xauth python3  # python3: the info JSON is read below
    cp "$deb" /tmp/
    target="this machine"
fi
export DEBIAN_FRONTEND=noninteractive
step "apt install ./${deb##*/}"
run apt-get -qq install -y --no-install-recommends -o DPkg::Lock::Timeout=300 \
    "/tmp/${deb##*/}" >/dev/null || die "apt install ./${deb##*/} failed on $target"
rm -f "$R/tmp/${deb##*/}"
for f in "$app/files/tiantong" "$app/files/tian" "$app/info" \
         "$app/entries/applications/$APPID.desktop" "$app/entries/mime/packages/$APPID.xml" \
         "/usr/share/applications/$APPID.desktop"; do
    [[ -e $R$f ]] || [[ -L $R$f && -e $R$(readlink "$R$f") ]] || die "installed package lacks $f"
done
python3 -c "import json,sys; d=json.load(open('$R$app/info')); assert d['appid']=='$APPID', d" ||
    die "$app/info is not the UOS info JSON"
say "installed on $target: $(took) s"

step "smoke mode"
# smoke mode (offscreen): a temporary data folder that must stay empty
t0=$EPOCHREALTIME
home=$(mktemp -d -p "$R/tmp")
out=$(run TIAN_HOME="${home#"$R"}" "$app/files/tian" --smoke 2>&1) ||
    die "the installed program's smoke mode failed: $out"
echo "$out"
[[ $(tail -n 1 <<<"$out") == "[smoke] ok" ]] || die "smoke mode did not finish"
[[ -z $(ls -A "$home") ]] || die "smoke mode wrote into the user's data folder"
say "smoke mode of the installed program: $(took) s"

step "the windowed program on Xvfb"
# the windowed program on an X screen (Qt's xcb plugin and the system's X libraries, fonts and
# GLib): the first window painted ends it (TIAN_STARTUP_PROBE)
[[ -z $R ]] || run apt-get -qq install -y --no-install-recommends xvfb xauth >/dev/null ||
    die "could not install Xvfb in the root"
t0=$EPOCHREALTIME
out=$(run TIAN_HOME="${home#"$R"}" TIAN_STARTUP_PROBE=1 QT_QPA_PLATFORM=xcb \
      timeout 60 xvfb-run -a -s "-screen 0 1366x768x24" "$app/files/tiantong" 2>&1) ||
    die "the installed program did not start on an X screen: $out"
grep -q '^first-paint ' <<<"$out" || die "no window was painted on the X screen: $out"
say "the windowed program painted its first window on Xvfb: $(took) s"
rm -rf "$home"

step "apt remove"
run apt-get -qq remove -y "$APPID" >/dev/null || die "apt remove $APPID failed"
[[ ! -e $R$app/files/tiantong && ! -e $R/usr/share/applications/$APPID.desktop ]] ||
    die "removing the package left its files behind"
[[ -z $R ]] || drop_root "$R"
say "installed, smoke-tested, started and removed ${deb##*/} on $target"
