#!/bin/bash
# fetch-nm.sh - Debian's NetworkManager and udev, downloaded and unpacked under
# vm/.work/nm (cached), NEVER installed: on a build machine they would take its
# NICs over. The kernel VM's NetworkManager tests (NetworkManagerKernelIT) start
# systemd-udevd and NetworkManager from this tree inside the guest, on a
# dbus-daemon of their own, with the tree's libraries on LD_LIBRARY_PATH.
# Prints the tree's path.
#
# The packages are network-manager and the libraries it links that a Debian 12
# build machine lacks (dbus, glib, gnutls, curl, ... come with the machine), and
# udev: NetworkManager takes a link as its own only once udev has initialised it.
set -euo pipefail
VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DEST=$VM_DIR/.work/nm
PKGS="network-manager libnm0 libbluetooth3 libmm-glib0 libndp0 libnewt0.52 libslang2 libteamdctl0 udev"
if [ ! -x "$DEST/usr/sbin/NetworkManager" ] || [ ! -x "$DEST/bin/udevadm" ]; then
    dl=$(mktemp -d); trap 'rm -rf "$dl"' EXIT
    # shellcheck disable=SC2086 # word-split on purpose: one package a word
    (cd "$dl" && apt-get download -qq -o APT::Sandbox::User=root $PKGS) \
        || { apt-get update -qq && (cd "$dl" && apt-get download -qq -o APT::Sandbox::User=root $PKGS); } \
        || { echo "fetch-nm: cannot download $PKGS" >&2; exit 1; }
    rm -rf "$DEST.tmp"
    mkdir -p "$VM_DIR/.work"   # a fresh clone has no vm/.work yet
    for deb in "$dl"/*.deb; do dpkg-deb -x "$deb" "$DEST.tmp"; done
    rm -rf "$DEST"; mv "$DEST.tmp" "$DEST"
fi
echo "$DEST"
