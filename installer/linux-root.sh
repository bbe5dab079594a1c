# An older Debian to build and test the Linux bundle in (sourced by build-deb.sh and test-deb.sh).
#
# A PyInstaller bundle needs at least the glibc of the machine it was built on.  Offices run
# Kylin V10 (glibc 2.31) and UOS 20; Debian 11 "bullseye" (glibc 2.31) is the oldest Debian the
# package registry here serves, so the bundle is built in a bullseye root made with debootstrap
# and tested in a second, untouched one.  (UOS 20 ships glibc 2.28, which would need a Debian 10
# root: not served here.)
#
#   ROOTS          where the roots live (default build/linux)
#   pristine_root  → $ROOTS/pristine: bullseye minbase, made once and copied for each use
#   fresh_root DIR → DIR as a copy of the pristine root
#   in_root DIR CMD...  runs CMD in DIR with /proc mounted and a clean environment
#   drop_root DIR  unmounts what in_root mounted and removes DIR
ROOT_SUITE=bullseye
ROOT_MIRROR=http://deb.debian.org/debian
ROOTS=${ROOTS:-$PWD/build/linux}

_unmount_under() {  # every mount below $1, deepest first (a removed root must hold none)
    local dir
    dir=$(realpath -m "$1")
    awk -v d="$dir/" 'index($2 "/", d) == 1 { print $2 }' /proc/mounts | sort -r |
        while read -r m; do umount -l "$m" || true; done
}

drop_root() {
    [[ -d $1 ]] || return 0
    _unmount_under "$1"
    rm -rf "$1"
}

pristine_root() {
    local root=$ROOTS/pristine
    [[ -f $root/.complete ]] && return 0
    command -v debootstrap >/dev/null || need_packages debootstrap
    drop_root "$root"
    mkdir -p "$ROOTS"
    say "debootstrap $ROOT_SUITE into $root"
    debootstrap --variant=minbase "$ROOT_SUITE" "$root" "$ROOT_MIRROR" >"$ROOTS/debootstrap.log" 2>&1 ||
        { tail -n 20 "$ROOTS/debootstrap.log" >&2; die "debootstrap $ROOT_SUITE failed"; }
    # this network's certificate authorities (pip and apt inside reach the same registries)
    cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt" 2>/dev/null ||
        { mkdir -p "$root/etc/ssl/certs" && cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"; }
    touch "$root/.complete"
}

fresh_root() {
    pristine_root
    drop_root "$1"
    cp -a "$ROOTS/pristine" "$1"
    rm -f "$1/.complete"
}

in_root() {  # in_root DIR CMD...
    local root=$1
    shift
    mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
    mountpoint -q "$root/dev/pts" || mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts" ||
        true  # apt only complains without it
    local rc=0
    chroot "$root" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
        PIP_CERT=/etc/ssl/certs/ca-certificates.crt PIP_DISABLE_PIP_VERSION_CHECK=1 \
        "$@" || rc=$?
    umount -l "$root/dev/pts" 2>/dev/null || true
    umount -l "$root/proc" 2>/dev/null || true
    return "$rc"
}
