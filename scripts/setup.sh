#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian/Ubuntu machine:
# a JDK 17 and Maven (usually there already), and the kernel VM's packages
# (vm/run-in-vm.sh installs those too; doing it here keeps the first test quiet).
set -euo pipefail
need=()
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
# prometheus: for promtool, which lints the agent's /metrics in AgentMetricsTest
# dnsmasq-base: router advertisements and the DHCP server of the kernel lab's switch (no service
# is started on install); isc-dhcp-client: the agent's DHCP client (and the host's own, in
# DhcpKernelIT); iputils-arping: the agent's gratuitous ARP after an address move; netplan.io:
# NetplanGenerateTest has the real netplan render import's fixtures and export's files (netplan
# generate into a directory of the test's own; with no /etc/netplan file it does nothing here);
# bridge-utils: ifupdown's bridge_ports, for AdoptKernelIT's seed 000 stanzas in the VM;
# dbus-daemon and the libraries vm/fetch-nm.sh's NetworkManager links: its system bus in the VM
for p in qemu-system-x86 busybox-static cpio kmod iproute2 iputils-ping iputils-arping ifupdown ifenslave prometheus \
         isc-dhcp-client dnsmasq-base netplan.io bridge-utils \
         dbus-daemon libglib2.0-0 libgnutls30 libcurl3-gnutls libjansson4 libpsl5 libreadline8; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { echo "setup: run as root to install: ${need[*]}" >&2; exit 1; }
    echo "==> installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# systemd-resolved for the kernel VM's DNS test: downloaded and unpacked under vm/.work, never
# installed (it would take over this machine's /etc/resolv.conf)
"$(dirname "$0")/../vm/fetch-resolved.sh" >/dev/null
# NetworkManager and udev for the kernel VM's NetworkManager test: unpacked the same way, never
# installed (they would take this machine's NICs over)
"$(dirname "$0")/../vm/fetch-nm.sh" >/dev/null
