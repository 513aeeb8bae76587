#!/bin/bash
# fetch-resolved.sh - Debian's systemd-resolved, downloaded and unpacked under
# vm/.work/resolved (cached), NEVER installed: installing it on a build machine
# would make that machine's /etc/resolv.conf resolved's stub. The kernel VM's
# DNS tests (DnsKernelIT) start it inside the guest, under a dbus-daemon of
# their own, with resolvectl from the same tree. Prints the tree's path.
#
# The package must match the machine's systemd (resolvectl links its
# libsystemd-shared): apt's candidate does when the machine is up to date.
set -euo pipefail
VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DEST=$VM_DIR/.work/resolved
if [ ! -x "$DEST/lib/systemd/systemd-resolved" ] || [ ! -x "$DEST/usr/bin/resolvectl" ]; then
    dl=$(mktemp -d); trap 'rm -rf "$dl"' EXIT
    (cd "$dl" && apt-get download -qq -o APT::Sandbox::User=root systemd-resolved) \
        || { apt-get update -qq && (cd "$dl" && apt-get download -qq -o APT::Sandbox::User=root systemd-resolved); } \
        || { echo "fetch-resolved: cannot download systemd-resolved" >&2; exit 1; }
    rm -rf "$DEST.tmp"
    mkdir -p "$VM_DIR/.work"   # a fresh clone has no vm/.work yet
    dpkg-deb -x "$dl"/systemd-resolved_*.deb "$DEST.tmp"
    rm -rf "$DEST"; mv "$DEST.tmp" "$DEST"
fi
echo "$DEST"
