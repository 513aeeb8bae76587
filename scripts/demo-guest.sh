#!/usr/bin/env bash
# Runs INSIDE the kernel VM (see scripts/demo.sh): builds the lab, then drives the
# one-host CLI through plan, apply, show, a pulled cable and delete.
set -euo pipefail
SPEC=$1
JAR=node-agent/target/bondbridge-agent.jar
bb() { echo; echo "\$ bondbridge $*"; java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR" "$@"; }

# The lab: eth0/eth1 are veth pairs whose other ends sit on a switch (bridge in
# namespace "sw") with the gateway 10.0.0.1; a peer host 10.0.0.3 hangs off it too.
ip netns add sw
ip netns add peer
ip -n sw link add swbr type bridge forward_delay 0
ip -n sw link set swbr up
ip -n sw addr add 10.0.0.1/24 dev swbr
ip -n sw link add swp type veth peer name p0 netns peer
ip -n sw link set swp master swbr
ip -n sw link set swp up
ip -n peer addr add 10.0.0.3/24 dev p0
ip -n peer link set p0 up
for i in 0 1; do
    ip link add eth$i type veth peer name sw$i netns sw
    ip link set eth$i address 52:54:00:bb:00:0$i
    ip -n sw link set sw$i master swbr
    ip -n sw link set sw$i up
    ip link set eth$i up
done
ip addr add 10.0.0.2/24 dev eth0
ip route add default via 10.0.0.1 dev eth0
echo "The node before: 10.0.0.2/24 and the default route on eth0"
ip -br addr show dev eth0
ip route show default

bb plan -f "$SPEC" --node demo
bb apply -f "$SPEC" --node demo
echo; echo "\$ ip -br link; ip route show default"
ip -br link show type bond; ip -br link show type bridge; ip route show default
ping -c 2 -W 2 10.0.0.1 >/dev/null && echo "the gateway answers through br0"
bb plan -f "$SPEC" --node demo
bb show
echo; echo "==> pulling eth0's cable (ip -n sw link set sw0 down)"
ip -n sw link set sw0 down
sleep 1
grep -E "Currently Active Slave|Slave Interface|MII Status|Link Failure Count" /proc/net/bonding/bond0
ip netns exec peer ping -c 3 -i 0.2 -W 2 10.0.0.2 | tail -2
echo "==> plugging it back"
ip -n sw link set sw0 up
sleep 1
bb delete -f "$SPEC" --node demo
echo; echo "The node after delete:"
ip -br addr show dev eth0
ip route show default
