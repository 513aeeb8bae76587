#!/usr/bin/env bash
# The main job: build BondBridge and show it working on a real Linux kernel.
#
# The build machine's own kernel has no bonding, so the demo runs in a throw-away
# QEMU VM booted from Debian's kernel (vm/). Inside, a lab like the seeds' servers:
# NICs eth0 and eth1 cabled to a switch (a network namespace) with a gateway and a
# peer host; the node's address 10.0.0.2/24 on eth0. Then the one-host CLI takes
# examples/bond.yaml through plan, apply, show, a pulled cable, and delete.
#
# usage: scripts/demo.sh [BOND_YAML]     (default: examples/bond.yaml)
set -euo pipefail
cd "$(dirname "$0")/.."
SPEC=${1:-examples/bond.yaml}
[ -r "$SPEC" ] || { echo "demo: cannot read $SPEC" >&2; exit 2; }

scripts/setup.sh
echo "==> building (mvn package, tests skipped: scripts/test.sh runs them)"
mvn -B -q -ntp -DskipTests install
echo "==> booting the kernel VM (software emulation: about a minute)"
exec vm/run-in-vm.sh -- bash scripts/demo-guest.sh "$SPEC"
