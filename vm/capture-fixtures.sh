#!/bin/bash
# capture-fixtures.sh - record what a real kernel (Debian's, in the test VM)
# and iproute2 print for the bond/bridge/VLAN layouts BondBridge handles, as
# fixtures for the node agent's parser unit tests.
#
# usage (on the host, as root):
#   vm/capture-fixtures.sh [OUT_DIR [SCENARIO...]]
#       OUT_DIR defaults to node-agent/src/test/resources/fixtures/kernel; the
#       script re-runs itself inside the VM (vm/run-in-vm.sh) with OUT_DIR as
#       the read-write share, so the files land straight in the work tree.
#       SCENARIO: only these (default: all, see SCENARIOS below).
#
# Per scenario it writes OUT_DIR/<scenario>/:
#   link.json        ip -j -d link show
#   addr.json        ip -j -d addr show
#   route.json       ip -j -d route show table all     (IPv4 and IPv6, every table)
#   route-main.json  ip -j -d route show table main
#   proc-net-bonding-<bond>.txt    /proc/net/bonding/<bond>
#   sysfs-bonding-<bond>.txt       name=value of /sys/class/net/<bond>/bonding/*
#   proc-net-vlan-config.txt       /proc/net/vlan/config (when there are VLANs)
#   kernel.txt       uname -r
#
# WHY each scenario runs in a fresh network namespace ("node"): interface
# indexes then start at 1 every time, so the files do not depend on the order
# the scenarios ran in. The other ends of the veth "cables" (swN) sit in a
# second namespace ("switch"), so the node's dump shows only its own NICs.
# MAC addresses are fixed (ethN = 52:54:00:bb:00:NN, swN = 52:54:00:aa:00:NN)
# so tests can assert on them.
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
VM_DIR=$(dirname "$SELF")
SCENARIOS=(plain seed000 seed001 seed001-arp seed004 failover modes dual-stack)

# ---- on the host: go into the VM ---------------------------------------------
if [ -z "${BONDBRIDGE_KERNEL_VM:-}" ]; then
    OUT=${1:-$VM_DIR/../node-agent/src/test/resources/fixtures/kernel}
    mkdir -p "$OUT"
    OUT=$(cd "$OUT" && pwd -P)
    exec "$VM_DIR/run-in-vm.sh" --share "$OUT" -- "$SELF" "$OUT" "${@:2}"
fi

# ---- in the guest -----------------------------------------------------------------
# iproute2, never busybox's ip applet (it ignores bond options silently)
ip -V 2>&1 | grep -q iproute2 || { echo "capture-fixtures: 'ip' is not iproute2: $(command -v ip)" >&2; exit 1; }

log() { echo "[capture $(cut -d' ' -f1 /proc/uptime)s] $*"; }
# wait_until <seconds> <what> cmd...: poll every 0.1 s; fail loudly on timeout
wait_until() {
    local n=$(($1 * 10)) what=$2; shift 2
    while ! "$@"; do
        n=$((n - 1))
        if [ "$n" -le 0 ]; then log "TIMEOUT waiting for: $what"; return 1; fi
        sleep 0.1
    done
}

# nics <count>: veth "NICs" eth0..eth<count-1>, their cable ends swN up in "switch"
nics() {
    local i
    for ((i = 0; i < $1; i++)); do
        ip link add "eth$i" address "$(printf '52:54:00:bb:00:%02x' "$i")" type veth \
            peer name "sw$i" address "$(printf '52:54:00:aa:00:%02x' "$i")" netns switch
        ip -n switch link set "sw$i" up
    done
}
# bond <name> "<ip link options>" <port>...: the ports are enslaved while
# DOWN (kernel 6.1 refuses to enslave a port that is up); bonding opens them.
bond() {
    local name=$1 opts=$2 p; shift 2
    # shellcheck disable=SC2086  # opts is a list of ip options
    ip link add "$name" type bond $opts
    for p in "$@"; do ip link set "$p" down; ip link set "$p" master "$name"; done
    ip link set "$name" up
}
active_is()   { [ "$(cat "/sys/class/net/$1/bonding/active_slave")" = "$2" ]; }
# every "MII Status:" line (the bond's and each port's) says up
all_mii_up()  { ! grep '^MII Status:' "/proc/net/bonding/$1" | grep -vq ': up$'; }
port_mii()    { awk -v s="$2" '/^Slave Interface:/{c=$3} /^MII Status:/{if (c == s) print $3}' "/proc/net/bonding/$1"; }
port_mii_is() { [ "$(port_mii "$1" "$2")" = "$3" ]; }
no_tentative_addr() { [ -z "$(ip -6 addr show tentative)" ]; }

# ---- scenarios (each runs inside a fresh "node" namespace) -------------------------
scenario_plain() {          # the "before" state: NICs, eth0 addressed, default route
    nics 4
    for i in 0 1 2 3; do ip link set "eth$i" up; done
    ip addr add 10.0.0.2/24 dev eth0
    ip route add default via 10.0.0.1 dev eth0
}
scenario_seed000() {        # bridge on an active-backup bond over four NICs, owned by us
    nics 4
    bond bond0 "mode active-backup miimon 100" eth0 eth1 eth2 eth3
    ip link add br0 type bridge
    ip link set bond0 master br0
    ip link set br0 up
    ip addr add 192.168.1.100/24 dev br0
    ip route add default via 192.168.1.1 dev br0
    ip link set dev bond0 alias bondbridge:vm-uplink   # our ownership mark
    ip link set dev br0 alias bondbridge:vm-uplink
    wait_until 10 "bond0 active slave" active_is bond0 eth0
    wait_until 10 "bond0 all MII up" all_mii_up bond0
}
seed001_bond() {
    nics 2
    bond bond0 "mode active-backup primary eth0 miimon 100 updelay 200 downdelay 200" eth0 eth1
    ip addr add 192.168.188.88/24 dev bond0
    wait_until 10 "bond0 active slave eth0" active_is bond0 eth0
    wait_until 10 "bond0 all MII up" all_mii_up bond0
}
scenario_seed001() { seed001_bond; }
scenario_failover() {       # seed001, then the active port's cable is pulled
    seed001_bond
    no_tentative_addr || wait_until 15 "IPv6 DAD" no_tentative_addr
    ip -n switch link set sw0 down
    wait_until 10 "active slave moved to eth1" active_is bond0 eth1
    wait_until 10 "eth0 MII down" port_mii_is bond0 eth0 down
}
scenario_seed001-arp() {    # ARP monitoring instead of MII; the target answers from the switch
    nics 2
    # the "switch": a bridge over the cable ends, owning the ARP target address
    ip -n switch link add swbr type bridge
    ip -n switch link set sw0 master swbr
    ip -n switch link set sw1 master swbr
    ip -n switch addr add 192.168.11.254/24 dev swbr
    ip -n switch link set swbr up
    bond bond0 "mode active-backup miimon 0 arp_interval 2000 arp_ip_target 192.168.11.254" eth0 eth1
    ip addr add 192.168.11.88/24 dev bond0
    wait_until 30 "bond0 active slave" sh -c '[ -n "$(cat /sys/class/net/bond0/bonding/active_slave)" ]'
    wait_until 30 "bond0 all MII up" all_mii_up bond0
}
scenario_seed004() {        # VLANs on an active-backup bond
    nics 2
    bond bond0 "mode active-backup miimon 100" eth0 eth1
    ip link add link bond0 name bond0.10 type vlan id 10
    ip link add link bond0 name bond0.15 type vlan id 15
    ip addr add 192.168.1.1/24 dev bond0.10
    ip addr add 192.168.2.1/24 dev bond0.15
    ip link set bond0.10 up
    ip link set bond0.15 up
    wait_until 10 "bond0 active slave" active_is bond0 eth0
    wait_until 10 "bond0 all MII up" all_mii_up bond0
}
scenario_modes() {          # one bond per mode, two ports each; bondN uses mode N
    nics 14
    bond bond0 "mode balance-rr packets_per_slave 3 miimon 100" eth0 eth1
    bond bond1 "mode active-backup miimon 100" eth2 eth3
    bond bond2 "mode balance-xor xmit_hash_policy layer3+4 miimon 100" eth4 eth5
    bond bond3 "mode broadcast miimon 100" eth6 eth7
    bond bond4 "mode 802.3ad lacp_rate fast ad_select bandwidth min_links 1 miimon 100" eth8 eth9
    bond bond5 "mode balance-tlb miimon 100" eth10 eth11
    bond bond6 "mode balance-alb miimon 100" eth12 eth13
    local b
    for b in bond0 bond1 bond2 bond3 bond4 bond5 bond6; do
        wait_until 10 "$b all MII up" all_mii_up "$b"
    done
}

scenario_dual-stack() {     # IPv4 plus IPv6 on eth0: static, SLAAC from RAs, a static route, a ULA
    nics 2
    # the switch: a bridge over the cable ends, the router's addresses, RAs from dnsmasq
    ip -n switch link add swbr type bridge
    ip -n switch link set sw0 master swbr
    ip -n switch link set sw1 master swbr
    ip -n switch addr add 10.0.0.1/24 dev swbr
    ip -n switch addr add 2001:db8:1::1/64 dev swbr nodad
    ip -n switch link set swbr up
    ip netns exec switch dnsmasq --conf-file=/dev/null --port=0 --user=root --group=root \
        --pid-file=/run/capture-dnsmasq.pid --interface=swbr --enable-ra \
        --dhcp-range=2001:db8:1::,ra-only,64,1h --ra-param=swbr,4,1800
    ip addr add 10.0.0.2/24 dev eth0
    ip addr add 2001:db8:1::2/64 dev eth0
    # as NetworkManager adds what it learned itself: lifetimes, no prefix route
    ip addr add fd00:1::2/64 dev eth0 noprefixroute valid_lft 3600 preferred_lft 1800
    # eth1 addresses itself by stable privacy (RFC 7217), NetworkManager's default
    sysctl -qw net.ipv6.conf.eth1.stable_secret=2001:db8:5ec:4e7::1
    ip link set eth1 addrgenmode stable_secret
    ip link set eth0 up
    ip link set eth1 up
    ip route add default via 10.0.0.1 dev eth0
    ip -6 route add 2001:db8:99::/64 via 2001:db8:1::fe dev eth0
    wait_until 30 "SLAAC address on eth0" sh -c '[ -n "$(ip -6 addr show dev eth0 scope global dynamic mngtmpaddr)" ]'
    wait_until 30 "SLAAC address on eth1" sh -c '[ -n "$(ip -6 addr show dev eth1 scope global dynamic mngtmpaddr)" ]'
    wait_until 30 "RA default route" sh -c '[ -n "$(ip -6 route show default dev eth0 proto ra)" ]'
}

dump() {   # dump <dir>: everything a parser test may want, as the kernel says it now
    local d=$1 f b s v
    rm -rf "$d"; mkdir -p "$d"
    ip -j -d link show > "$d/link.json"
    ip -j -d addr show > "$d/addr.json"
    ip -j -d route show table all > "$d/route.json"
    ip -j -d route show table main > "$d/route-main.json"
    for f in /proc/net/bonding/*; do
        [ -e "$f" ] || continue
        b=$(basename "$f")
        cat "$f" > "$d/proc-net-bonding-$b.txt"
        # builtins only: a fork costs ~0.1 s under TCG, and there are ~40 files a bond
        for s in /sys/class/net/"$b"/bonding/*; do
            v=; read -r v < "$s" 2>/dev/null || true
            printf '%s=%s\n' "${s##*/}" "$v"
        done > "$d/sysfs-bonding-$b.txt"
    done
    if [ -e /proc/net/vlan/config ] && [ "$(wc -l < /proc/net/vlan/config)" -gt 2 ]; then
        cat /proc/net/vlan/config > "$d/proc-net-vlan-config.txt"
    fi
    uname -r > "$d/kernel.txt"
}

# inner step: already inside "node" (ip netns exec re-runs this script)
if [ "${1:-}" = --in-node ]; then
    scen=$2 out=$3
    ip link set lo up
    "scenario_$scen"
    log "$scen: built"
    # let IPv6 DAD finish, else addr.json shows "tentative" addresses that a
    # second capture would not
    wait_until 15 "IPv6 DAD" no_tentative_addr
    log "$scen: settled"
    dump "$out/$scen"
    log "$scen: dumped"
    exit 0
fi

OUT=${1:?output directory}; shift
[ $# -eq 0 ] || SCENARIOS=("$@")
log "kernel $(uname -r), $(ip -V)"
for scen in "${SCENARIOS[@]}"; do
    ip netns add node
    ip netns add switch
    ip -n switch link set lo up
    log "scenario $scen"
    ip netns exec node "$SELF" --in-node "$scen" "$OUT"
    # a daemon in "switch" (dual-stack's RAs) would keep the namespace alive
    if [ -e /run/capture-dnsmasq.pid ]; then kill "$(cat /run/capture-dnsmasq.pid)"; rm -f /run/capture-dnsmasq.pid; fi
    # deleting the namespaces destroys their veths, bonds, bridges and VLANs
    ip netns del node
    ip netns del switch
done
log "fixtures written to $OUT: $(cd "$OUT" && ls -d */ | tr '\n' ' ')"
