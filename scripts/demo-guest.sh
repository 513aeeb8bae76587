#!/usr/bin/env bash
# Runs INSIDE the kernel VM (see scripts/demo.sh): one JVM with the API server, the
# operator and the node agent on this kernel (io.bondbridge.e2e.Demo in e2e's test
# classes), BondBridge applied, a cable pulled and plugged back, then deleted.
set -euo pipefail
SPEC=$1
CP=e2e/target/test-classes:$(tr -d '\n' < e2e/target/demo-cp.txt)
# C1 only + serial GC: under software emulation C2 and parallel GC cost more than they win.
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp "$CP" \
    io.bondbridge.e2e.Demo "$SPEC"
