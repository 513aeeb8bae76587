#!/bin/bash
# as-agent-pod.sh - run a command (inside the kernel VM) with the privileges the Helm
# chart gives the agent container (helm/bondbridge/templates/agent-daemonset.yaml), so a
# test can show the agent works with exactly those and no more:
#   - UID 0, but the capability bounding set cut to the given capabilities: after exec,
#     permitted = effective = that set, as a container runtime does with
#     `capabilities: {drop: [ALL], add: [...]}`; no inheritable, no ambient
#   - no_new_privs (allowPrivilegeEscalation: false)
#   - / read-only (readOnlyRootFilesystem: true), /sys and /proc/sys read-only as a
#     runtime mounts them for a non-privileged container; /tmp stays writable (the
#     chart's emptyDir), so does any --writable DIR (the chart's hostPath state dir).
#     Both are mounts of their own, as in the pod: /tmp is not always one in the VM
#     (run-in-vm.sh keeps the host's /tmp, part of the root overlay, when the
#     checkout lives under /tmp), and a read-only / would take it along
#   - the host's network namespace (hostNetwork: true): no unshare -n
# Not reproduced: the RuntimeDefault seccomp profile and the pod's own PID namespace.
#
# usage: vm/as-agent-pod.sh --caps net_admin,net_raw [--writable DIR]... -- COMMAND [ARG]...
#   --caps LIST      capabilities to keep, lower case without CAP_, comma separated;
#                    "none" for none
#   --writable DIR   a directory outside /tmp that stays writable (repeatable)
# Needs root and util-linux (unshare, setpriv, mount). The command's arguments are
# passed on as they are: never through a shell.
set -euo pipefail

if [ -z "${AS_AGENT_POD_INNER:-}" ]; then
    # A private mount namespace: the read-only remounts below are this command's alone.
    exec unshare --mount --propagation private env AS_AGENT_POD_INNER=1 "$0" "$@"
fi
unset AS_AGENT_POD_INNER

CAPS=; WRITABLE=()
while [ $# -gt 0 ]; do
    case "$1" in
        --caps)     CAPS=${2:?--caps needs a list}; shift 2 ;;
        --writable) WRITABLE+=("${2:?--writable needs a directory}"); shift 2 ;;
        --)         shift; break ;;
        *)          echo "as-agent-pod: unknown argument $1" >&2; exit 125 ;;
    esac
done
[ -n "$CAPS" ] || { echo "as-agent-pod: --caps is required" >&2; exit 125; }
[ $# -gt 0 ] || { echo "as-agent-pod: no command" >&2; exit 125; }

# A bind mount of a directory onto itself is a mount of its own: it keeps rw when / goes ro.
# /tmp first (the chart's emptyDir), so a --writable DIR below it stays a mount of its own too.
for dir in /tmp "${WRITABLE[@]}"; do mount --bind "$dir" "$dir"; done
mount -o remount,bind,ro /
mount -o remount,bind,ro /sys
mount --bind /proc/sys /proc/sys
mount -o remount,bind,ro /proc/sys

BOUNDING=-all
if [ "$CAPS" != none ]; then
    IFS=, read -r -a keep <<< "$CAPS"
    for cap in "${keep[@]}"; do BOUNDING+=",+$cap"; done
fi
exec setpriv --reuid=0 --regid=0 --clear-groups --inh-caps=-all \
    --bounding-set="$BOUNDING" --no-new-privs -- "$@"
