#!/bin/bash
# kernel-tests.sh - run a JUnit Platform test tier inside the kernel VM
# (vm/run-in-vm.sh), e.g. every *KernelIT class of one module.
#
# WHY this way: compiling and resolving dependencies happen OUTSIDE the VM
# (Maven at full speed, with network); inside the VM -- software emulation, ~20x
# slower for JIT-heavy work -- only one test JVM runs, with the JUnit console
# launcher taken from the tests' own Maven classpath. Nothing here knows our
# Java code: any JUnit 5/6 test classes work.
#
# usage: vm/kernel-tests.sh --cp-file FILE [options] [-- EXTRA LAUNCHER ARGS]
#   --cp-file FILE     classpath file, one line with ':' separators, as written by
#                      mvn dependency:build-classpath -Dmdep.outputFile=FILE
#                      -Dmdep.includeScope=test; must hold junit-platform-console
#   --cp DIR_OR_JAR    put this in front of the classpath (repeatable), e.g.
#                      target/test-classes and target/classes. Directories given
#                      here are the roots scanned for tests; with none, every
#                      directory on the classpath is scanned.
#   --include REGEX    class names to run (default: .*KernelIT)
#   --reports-out DIR  where the XML reports are copied (default target/kernel-reports)
#   --no-preload MODS  passed to run-in-vm.sh (modules not loaded at boot)
# env:   JAVA_OPTS (added to the test JVM's options), plus run-in-vm.sh's
#        MEM, TIMEOUT, ACCEL, CPUS
# exit:  the console launcher's code (0 all passed, 1 failures, 2 no tests
#        found), or 125 when the VM did not finish (see run-in-vm.sh).
set -euo pipefail

VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
die() { echo "kernel-tests: ERROR: $*" >&2; exit 125; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; }
abspath() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }

CP_FILE=; PRE_CP=(); INCLUDE='.*KernelIT'; REPORTS_OUT=target/kernel-reports; VM_ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --cp-file)     CP_FILE=${2:?--cp-file needs a file}; shift 2 ;;
        --cp)          # a module without main sources has no target/classes: skip it
                       if [ -e "${2:?--cp needs a path}" ]; then PRE_CP+=("$(abspath "$2")")
                       else echo "kernel-tests: note: $2 does not exist, left out"; fi
                       shift 2 ;;
        --include)     INCLUDE=${2:?--include needs a regex}; shift 2 ;;
        --reports-out) REPORTS_OUT=${2:?--reports-out needs a directory}; shift 2 ;;
        --no-preload)  VM_ARGS+=(--no-preload "${2:?--no-preload needs module names}"); shift 2 ;;
        -h|--help)     usage; exit 0 ;;
        --)            shift; break ;;
        *)             die "unknown argument $1 (see --help)" ;;
    esac
done
[ -n "$CP_FILE" ] || { usage >&2; die "--cp-file is required"; }
[ -r "$CP_FILE" ] || die "cannot read classpath file $CP_FILE"

# Classpath: the --cp entries first, then the Maven-resolved ones.
CP=$(IFS=:; echo "${PRE_CP[*]}")
MVN_CP=$(tr -d '\n' < "$CP_FILE")
[ -n "$MVN_CP" ] && CP=${CP:+$CP:}$MVN_CP
[[ ":$CP:" == *junit-platform-console* ]] \
    || die "no junit-platform-console on the classpath (add org.junit.platform:junit-platform-console, test scope)"

# Scan roots: the --cp directories, else (no argument) every directory on the classpath.
SCAN=()
for e in "${PRE_CP[@]}"; do [ -d "$e" ] && SCAN+=("--scan-classpath=$e"); done
[ ${#SCAN[@]} -gt 0 ] || SCAN=(--scan-classpath)

# A private share for this run: the reports land there, then are copied out.
mkdir -p "$VM_DIR/.work"
SHARE=$(mktemp -d "$VM_DIR/.work/kernel-tests.XXXXXX")
trap 'rm -rf "$SHARE"' EXIT

JAVA=java; [ -n "${JAVA_HOME:-}" ] && JAVA=$JAVA_HOME/bin/java
# C1 only + serial GC: under TCG the C2 compiler and parallel GC threads cost
# more than they win for a short test run. -Xshare:auto uses the JDK's CDS
# archive when there is one (faster JVM start).
# shellcheck disable=SC2206  # JAVA_OPTS is word-split on purpose
JVM=("$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto ${JAVA_OPTS:-} -cp "$CP")
LAUNCHER=(org.junit.platform.console.ConsoleLauncher execute
          "${SCAN[@]}" --include-classname "$INCLUDE"
          --reports-dir "$SHARE/reports" --details=tree --disable-banner
          --disable-ansi-colors --fail-if-no-tests "$@")

set +e
"$VM_DIR/run-in-vm.sh" "${VM_ARGS[@]}" --share "$SHARE" -- "${JVM[@]}" "${LAUNCHER[@]}"
rc=$?
set -e

# Copy whatever reports exist, also after failures (that is when they matter).
if compgen -G "$SHARE/reports/*" >/dev/null; then
    mkdir -p "$REPORTS_OUT"
    cp -r "$SHARE/reports/." "$REPORTS_OUT/"
    # one closing line that CI log readers understand, summed over the XML
    # reports (attributes of the <testsuite> elements)
    cat "$SHARE"/reports/TEST-*.xml 2>/dev/null | grep -o '<testsuite [^>]*>' | awk '
        function attr(n,  m) { return match($0, n "=\"[0-9]+\"") ? substr($0, RSTART + length(n) + 2, RLENGTH - length(n) - 3) : 0 }
        { t += attr("tests"); f += attr("failures") + attr("errors"); s += attr("skipped") }
        END { if (NR) printf "kernel-tests: %d passed, %d failed, %d skipped\n", t - f - s, f, s }'
    echo "kernel-tests: reports copied to $REPORTS_OUT"
else
    echo "kernel-tests: no reports were written" >&2
fi
echo "kernel-tests: exit code $rc"
exit "$rc"
