#!/usr/bin/env bash
# Runs every test tier (README "Tests"):
#   unit + API (fabric8 mock API server) : mvn install, classes named *Test
#   kernel (real Linux kernel in a VM)   : vm/kernel-tests.sh, classes named *KernelIT
#   cluster (k3s)                        : *K3sIT, skipped with the reason where Docker is absent
# and closes with one line counting them all.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "==> unit and API tiers (mvn install)"
mvn -B -ntp install

echo "==> kernel tier (in the VM): node-agent's and e2e's *KernelIT in one boot"
# One classpath for both modules: e2e's (operator + node agent + mock API server)
# after node-agent's own test dependencies.
mvn -B -q -ntp -pl node-agent dependency:build-classpath \
    -Dmdep.outputFile=target/kernel-cp.txt -Dmdep.includeScope=test
mvn -B -q -ntp -pl e2e dependency:build-classpath \
    -Dmdep.outputFile=target/kernel-cp.txt -Dmdep.includeScope=test
mkdir -p target
paste -d: node-agent/target/kernel-cp.txt e2e/target/kernel-cp.txt > target/kernel-cp.txt
rm -rf target/kernel-reports
kernel_rc=0
# One boot runs every *KernelIT (about 15-25 min under emulation on 2 cores, more when the
# machine is busy): the VM's own limit must be well above that, and well below CI's 90 minutes.
TIMEOUT=${TIMEOUT:-3600} vm/kernel-tests.sh --cp-file target/kernel-cp.txt \
    --cp node-agent/target/test-classes --cp node-agent/target/classes \
    --cp e2e/target/test-classes \
    --reports-out target/kernel-reports || kernel_rc=$?

# One closing line over every JUnit report of every tier.
awk '/<testsuite[ >]/ {
        for (i = 1; i <= NF; i++) {
            if ($i ~ /^tests=/)    { gsub(/[^0-9]/, "", $i); t += $i }
            if ($i ~ /^failures=/) { gsub(/[^0-9]/, "", $i); f += $i }
            if ($i ~ /^errors=/)   { gsub(/[^0-9]/, "", $i); f += $i }
            if ($i ~ /^skipped=/)  { gsub(/[^0-9]/, "", $i); s += $i }
        }
     }
     END { printf "all tiers: %d passed, %d failed, %d skipped\n", t - f - s, f, s }' \
    */target/surefire-reports/TEST-*.xml target/kernel-reports/TEST-*.xml
exit "$kernel_rc"
