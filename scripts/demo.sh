#!/usr/bin/env bash
# The main job: build BondBridge and show the whole system working, for real, on one machine.
#
# The build machine's own kernel has no bonding, so the demo runs in a throw-away
# QEMU VM booted from Debian's kernel (vm/). Inside, one JVM runs an API server
# (fabric8's mock, CRUD mode, with the BondBridge CRDs), the BondBridge operator and
# the node agent of node "node-a", which acts on the VM's kernel: NICs eth0..eth3
# cabled to a switch (a network namespace) with a gateway and a peer host, the node's
# address 10.0.0.2/24 on eth0. examples/bond.yaml goes in through the API (the Node is
# labelled to match its nodeSelector); a cable is pulled and plugged back; the
# BondBridge is deleted. At each step it prints what
# `kubectl get bondbridges,bondbridgenodes -o wide` would show.
#
# usage: scripts/demo.sh [BOND_YAML]     (default: examples/bond.yaml)
set -euo pipefail
cd "$(dirname "$0")/.."
SPEC=${1:-examples/bond.yaml}
[ -r "$SPEC" ] || { echo "demo: cannot read $SPEC" >&2; exit 2; }

scripts/setup.sh
echo "==> building (mvn install, tests skipped: scripts/test.sh runs them)"
mvn -B -q -ntp -DskipTests install
mvn -B -q -ntp -pl e2e dependency:build-classpath \
    -Dmdep.outputFile=target/demo-cp.txt -Dmdep.includeScope=test
echo "==> booting the kernel VM (software emulation: a few minutes)"
exec vm/run-in-vm.sh -- bash scripts/demo-guest.sh "$SPEC"
