#!/usr/bin/env bash
# Runs every test tier (README "Tests"):
#   unit + API + chart (surefire, *Test)   : mvn clean install
#   cluster (k3s, failsafe, *K3sIT)        : in the same build; skipped with the reason where
#                                            Docker is absent
#   kernel (real Linux kernel in a VM)     : vm/kernel-tests.sh, node-agent's and e2e's *KernelIT
# and closes with one line counting the reports of them all. Its exit code is the first tier's
# that failed (mvn's, or the kernel tier's: 125 when the VM did not finish), else 0.
set -uo pipefail # no -e: a failed tier must not hide the others' results or the closing line
cd "$(dirname "$0")/.."
scripts/setup.sh || exit $?

failed=()
step() { # step NAME COMMAND...: runs it, remembers a failure with its exit code
    local name=$1 rc
    shift
    "$@"
    rc=$?
    [ "$rc" = 0 ] || failed+=("$name exit $rc")
    return "$rc"
}

echo "==> unit, API, chart and cluster tiers (mvn clean install)"
# clean: reports of renamed or deleted test classes would be counted again otherwise
step "mvn install" mvn -B -ntp clean install

rm -rf target/kernel-reports
if [ ${#failed[@]} = 0 ]; then
    echo "==> kernel tier (in the VM): node-agent's and e2e's *KernelIT in one boot"
    # One classpath for both modules: e2e's (operator + node agent + mock API server)
    # after node-agent's own test dependencies.
    mkdir -p target
    if step "kernel classpath" mvn -B -q -ntp -pl node-agent dependency:build-classpath \
            -Dmdep.outputFile=target/kernel-cp.txt -Dmdep.includeScope=test &&
       step "kernel classpath" mvn -B -q -ntp -pl e2e dependency:build-classpath \
            -Dmdep.outputFile=target/kernel-cp.txt -Dmdep.includeScope=test; then
        paste -d: node-agent/target/kernel-cp.txt e2e/target/kernel-cp.txt > target/kernel-cp.txt
        # One boot runs every *KernelIT (about 15-25 min under emulation on 2 cores, more when the
        # machine is busy): the VM's own limit must be well above that, and well below CI's 90 minutes.
        export TIMEOUT=${TIMEOUT:-3600}
        step "kernel tier" vm/kernel-tests.sh --cp-file target/kernel-cp.txt \
            --cp node-agent/target/test-classes --cp node-agent/target/classes \
            --cp e2e/target/test-classes \
            --reports-out target/kernel-reports
    fi
else
    echo "==> kernel tier not run: the build failed"
fi

# "P F S" (passed, failed, skipped) summed over the <testsuite> elements of these JUnit reports
count() {
    cat "$@" /dev/null | grep -o '<testsuite [^>]*>' | awk '
        function attr(n) { return match($0, " " n "=\"[0-9]+\"") ? substr($0, RSTART + length(n) + 3, RLENGTH - length(n) - 4) : 0 }
        { t += attr("tests"); f += attr("failures") + attr("errors"); s += attr("skipped") }
        END { printf "%d %d %d\n", t - f - s, f, s }'
}
shopt -s nullglob
read -r up uf us < <(count */target/surefire-reports/TEST-*.xml)
read -r cp cf cs < <(count */target/failsafe-reports/TEST-*.xml)
read -r kp kf ks < <(count target/kernel-reports/TEST-*.xml)
verdict=
[ ${#failed[@]} = 0 ] || verdict="; FAILED: $(IFS=,; echo "${failed[*]}" | sed 's/,/, /g')"
printf 'all tiers: %d passed, %d failed, %d skipped (unit+API+chart %d/%d/%d, cluster %d/%d/%d, kernel %d/%d/%d passed/failed/skipped)%s\n' \
    $((up + cp + kp)) $((uf + cf + kf)) $((us + cs + ks)) \
    "$up" "$uf" "$us" "$cp" "$cf" "$cs" "$kp" "$kf" "$ks" "$verdict"
[ ${#failed[@]} = 0 ] || exit "$(echo "${failed[0]}" | awk '{print $NF}')"
exit 0
