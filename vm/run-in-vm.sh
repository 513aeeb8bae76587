#!/bin/bash
# run-in-vm.sh - run one command inside a throw-away QEMU VM booted from
# Debian's own kernel, with the bonding, 8021q, bridge, veth and dummy modules.
#
# WHY: the build machines' kernel has no bonding and no 8021q, and tests must
# not touch the machine's real network anyway. The VM sees the machine's whole
# / read-only over 9p (so the host's JDK, iproute2, ~/.m2 and build output work
# inside unchanged) with a tmpfs overlay on top: the guest may write anywhere,
# and every write is thrown away with the VM -- except in the share directory,
# which is read-write and mounted at its own host path, for results.
#
# usage: vm/run-in-vm.sh [options] [--] COMMAND [ARG...]
#   --share DIR        read-write share (created if missing), mounted at the same
#                      absolute path in the guest (default: vm/.work/share)
#   --env NAME=VALUE   export this in the guest (repeatable)
#   --no-preload MODS  comma-separated modules NOT to load at boot (bonding,
#                      8021q, bridge, veth, dummy); they still autoload on first
#                      use, e.g. to test "bonding not loaded yet"
# env:   MEM (MiB, default 2048), TIMEOUT (s, default 1200), ACCEL (default tcg),
#        CPUS (default 2), KEEP_LOGS (console logs kept, default 20),
#        QEMU_OPTS (extra qemu options, word-split)
# exit:  the guest command's exit code, or 125 when the VM could not be
#        prepared or did not finish (timeout, crash, guest setup failure).
#
# Runs as root (apt-get, qemu). Nothing is installed into the host kernel:
# the Debian kernel package is only unpacked (never installed) under vm/.work.
set -euo pipefail

VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK=$VM_DIR/.work              # git-ignored; the kernel cache survives runs
MEM=${MEM:-2048}
TIMEOUT=${TIMEOUT:-1200}
ACCEL=${ACCEL:-tcg}             # /dev/kvm on our machines cannot run a stock kernel
CPUS=${CPUS:-2}
KEEP_LOGS=${KEEP_LOGS:-20}
HARNESS_FAIL=125                # distinct from any test runner's own codes

T0=$EPOCHREALTIME
ts() { printf '[vm-host %6.1fs] %s\n' "$(bc <<<"$EPOCHREALTIME - $T0" 2>/dev/null || echo 0)" "$*"; }
die() { echo "run-in-vm: ERROR: $*" >&2; exit "$HARNESS_FAIL"; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; }

# ---- arguments ----------------------------------------------------------------
SHARE=$WORK/share
GUEST_ENV=()
NOLOAD=
while [ $# -gt 0 ]; do
    case "$1" in
        --share)      [ $# -ge 2 ] || die "--share needs a directory"; SHARE=$2; shift 2 ;;
        --env)        [[ ${2:-} == [A-Za-z_]*=* ]] || die "--env needs NAME=VALUE"; GUEST_ENV+=("$2"); shift 2 ;;
        --no-preload) [[ ${2:-} =~ ^[a-z0-9_,]+$ ]] || die "--no-preload needs module names"; NOLOAD=$2; shift 2 ;;
        -h|--help)    usage; exit 0 ;;
        --)           shift; break ;;
        -*)           die "unknown option $1 (see --help)" ;;
        *)            break ;;
    esac
done
[ $# -gt 0 ] || { usage >&2; die "no command given"; }
[ "$(id -u)" = 0 ] || die "must run as root (apt-get, qemu)"
mkdir -p "$SHARE" "$WORK"
SHARE=$(cd "$SHARE" && pwd -P)
CALLER_CWD=$(pwd -P)

# One preparation at a time per checkout (apt, kernel cache, initramfs); the
# VM runs themselves may overlap.
exec 9>"$WORK/.lock"
flock 9

# ---- 1. host packages -----------------------------------------------------------
# qemu/busybox/cpio/kmod build and boot the VM; the rest is what the tests and
# benchmarks run INSIDE the guest, which uses the host's own programs.
PKGS=(qemu-system-x86 busybox-static cpio kmod bc iproute2 iputils-ping iputils-arping ifupdown ifenslave bridge-utils)
APT_UPDATED=
apt_update_once() { [ -n "$APT_UPDATED" ] || { apt-get update -qq || die "apt-get update failed"; APT_UPDATED=1; }; }
missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || die "apt-get install ${missing[*]} failed"
fi
ts "host packages ready"

# ---- 2. Debian kernel, unpacked (never installed) and cached ---------------------
# The ABI name (linux-image-6.1.0-NN-amd64) moves with Debian updates: ask the
# metapackage. A cached kernel is reused while it still is the current one; with
# no apt lists at all, fall back to whatever is cached.
kpkg() { apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}'; }
KPKG=$(kpkg || true)
if [ -z "$KPKG" ]; then apt_update_once; KPKG=$(kpkg || true); fi
if [ -z "$KPKG" ]; then
    KPKG=$(ls -d "$WORK"/kernel/linux-image-*/ 2>/dev/null | tail -n1 | xargs -r basename || true)
    [ -n "$KPKG" ] || die "cannot resolve the Debian kernel package (apt-cache depends linux-image-amd64)"
    echo "run-in-vm: note: apt lists unusable, using the cached $KPKG"
fi
KVER=${KPKG#linux-image-}                     # e.g. 6.1.0-42-amd64
# Modules the guest gets; modprobe adds their dependencies (bonding needs tls,
# 8021q mrp+garp, bridge llc+stp, 9p netfs+fscache, ...).
MODS="virtio_pci 9pnet_virtio 9p overlay bonding 8021q bridge veth dummy"
KM=lib/modules/$KVER
KCACHE=$WORK/kernel/$KPKG   # vmlinuz + ONLY the modules above (the full tree is ~400 MB)

# fetch_kernel: download + unpack the package into $KCACHE.tmp/full, then keep
# just vmlinuz and the module closure. Explicit "|| return": set -e is off
# inside a function that is called from "if !".
fetch_kernel() {
    local dl=$WORK/kernel/download t=$KCACHE.tmp full=$KCACHE.tmp/full ko rel
    rm -rf "$dl" "$t"; mkdir -p "$dl" "$t/boot" "$t/$KM"
    (cd "$dl" && apt-get download -qq -o APT::Sandbox::User=root "$KPKG") || return 1
    dpkg-deb -x "$dl"/"$KPKG"_*.deb "$full" || return 1
    dpkg-deb -f "$dl"/"$KPKG"_*.deb Version > "$t/.pkgversion" || return 1
    rm -rf "$dl"
    cp "$full/boot/vmlinuz-$KVER" "$t/boot/" || return 1
    depmod -b "$full" "$KVER" || return 1          # the .deb ships no module index
    # modprobe --show-depends prints "insmod <path>" for each dependency first,
    # then the module: modules.load is the load order for the guest's /init.
    : > "$t/modules.load"
    for m in $MODS; do
        modprobe -d "$full" -S "$KVER" --show-depends "$m" | awk '$1=="insmod"{print $2}' || return 1
    done | awk '!seen[$0]++' > "$t/ko.list"
    while read -r ko; do
        rel=${ko#"$full/$KM/"}
        mkdir -p "$t/$KM/$(dirname "$rel")"
        case "$ko" in   # busybox insmod wants plain .ko (later Debian kernels compress)
            *.ko.xz)  xz -dc "$ko" > "$t/$KM/${rel%.xz}" || return 1;    rel=${rel%.xz} ;;
            *.ko.zst) zstd -qdc "$ko" > "$t/$KM/${rel%.zst}" || return 1; rel=${rel%.zst} ;;
            *)        cp "$ko" "$t/$KM/$rel" || return 1 ;;
        esac
        echo "$rel" >> "$t/modules.load"
    done < "$t/ko.list"
    grep -q '/bonding\.ko$' "$t/modules.load" || return 1
    # an index for just these modules, so modprobe and autoload work in the guest
    cp "$full/$KM"/modules.{order,builtin,builtin.modinfo} "$t/$KM/" || return 1
    depmod -b "$t" "$KVER" || return 1
    rm -rf "$full" "$t/ko.list"
    echo "$MODS" > "$t/.mods"
}
if [ "$(cat "$KCACHE/.mods" 2>/dev/null)" != "$MODS" ]; then
    # stale apt lists may name a version the mirror dropped: update, retry once
    if ! fetch_kernel; then
        apt_update_once; KPKG=$(kpkg); KVER=${KPKG#linux-image-}; KM=lib/modules/$KVER; KCACHE=$WORK/kernel/$KPKG
        fetch_kernel || die "cannot download/unpack $KPKG"
    fi
    rm -rf "$KCACHE"; mv "$KCACHE.tmp" "$KCACHE"
    # keep only the current kernel in the cache
    find "$WORK/kernel" -mindepth 1 -maxdepth 1 ! -path "$KCACHE" -exec rm -rf {} +
fi
ts "kernel $KPKG $(cat "$KCACHE/.pkgversion") ready"
# systemd-resolved unpacked (never installed) for the DNS tests; the guest gets its path
RESOLVED_ROOT=$("$VM_DIR/fetch-resolved.sh" 2>/dev/null) || { RESOLVED_ROOT=; echo "run-in-vm: note: no systemd-resolved for the guest (vm/fetch-resolved.sh failed)"; }
# NetworkManager and udev unpacked (never installed) for the NetworkManager tests
NM_ROOT=$("$VM_DIR/fetch-nm.sh" 2>/dev/null) || { NM_ROOT=; echo "run-in-vm: note: no NetworkManager for the guest (vm/fetch-nm.sh failed)"; }

# ---- 3. initramfs: busybox + modules + guest-init.sh (rebuilt only on change) ------
INITRD=$WORK/initrd-$KVER.cpio.gz
STAMP=$(cat "$VM_DIR/guest-init.sh" /bin/busybox "$KCACHE/.pkgversion" "$KCACHE/.mods" | sha256sum | cut -c1-16)
if [ "$(cat "$INITRD.stamp" 2>/dev/null)" != "$STAMP" ]; then
    IRD=$WORK/initramfs
    rm -rf "$IRD"; mkdir -p "$IRD"/{bin,sbin,lib/modules}
    cp /bin/busybox "$IRD/bin/busybox"
    cp -r "$KCACHE/$KM" "$IRD/lib/modules/"
    cp "$KCACHE/modules.load" "$IRD/modules.load"
    install -m 755 "$VM_DIR/guest-init.sh" "$IRD/init"
    (cd "$IRD" && find . | cpio -o -H newc --quiet | gzip -1 > "$INITRD.tmp")
    mv "$INITRD.tmp" "$INITRD"; echo "$STAMP" > "$INITRD.stamp"
    rm -rf "$IRD"
    # initrds of older kernels
    find "$WORK" -maxdepth 1 -name 'initrd-*' ! -name "initrd-$KVER.*" -delete
    ts "initramfs built ($(du -h "$INITRD" | cut -f1))"
else
    ts "initramfs cached"
fi
flock -u 9

# ---- 4. this run's control dir: the command script + the exit code ---------------
mkdir -p "$WORK/runs" "$WORK/logs"
CTL=$(mktemp -d "$WORK/runs/run.XXXXXX")
trap 'rm -rf "$CTL"' EXIT
echo "$SHARE" > "$CTL/share_path"
# A fresh tmpfs on the guest's /tmp hides the host's /tmp; keep the host's /tmp
# visible (through the overlay) when the caller works under it.
case "$CALLER_CWD/ $SHARE/" in
    /tmp/*|*" /tmp/"*) echo 0 > "$CTL/tmpfs_tmp"; echo "run-in-vm: note: cwd or share under /tmp: the guest sees the host's /tmp (writes stay in the VM)" ;;
    *)                 echo 1 > "$CTL/tmpfs_tmp" ;;
esac
# The command goes into a bash script, every word quoted with printf %q, so
# spaces, quotes and $ in arguments arrive exactly as given.
GUEST_PATH=$PATH
for d in /usr/local/sbin /usr/sbin /sbin; do [[ ":$GUEST_PATH:" == *":$d:"* ]] || GUEST_PATH=$GUEST_PATH:$d; done
{
    echo '# generated by vm/run-in-vm.sh; runs inside the guest chroot'
    printf 'export PATH=%q\n' "$GUEST_PATH"
    if [ -n "${JAVA_HOME:-}" ]; then printf 'export JAVA_HOME=%q\n' "$JAVA_HOME"; fi
    echo 'export BONDBRIDGE_KERNEL_VM=1'
    if [ -n "$RESOLVED_ROOT" ]; then printf 'export BONDBRIDGE_RESOLVED_ROOT=%q\n' "$RESOLVED_ROOT"; fi
    if [ -n "$NM_ROOT" ]; then printf 'export BONDBRIDGE_NM_ROOT=%q\n' "$NM_ROOT"; fi
    echo 'unset JAVA_TOOL_OPTIONS'
    for e in "${GUEST_ENV[@]}"; do printf 'export %s=%q\n' "${e%%=*}" "${e#*=}"; done
    printf 'cd -- %q || exit %d\n' "$CALLER_CWD" "$HARNESS_FAIL"
    printf 'cmd=('; printf ' %q' "$@"; printf ' )\n'
    cat <<'GUEST'
up() { cut -d' ' -f1 /proc/uptime; }
t0=$(up)
echo "[vm-guest ${t0}s] running:$(printf ' %q' "${cmd[@]}")"
# stdout a pipe, not the serial tty: no colours or progress bars in the log
"${cmd[@]}" 2>&1 | cat
rc=${PIPESTATUS[0]}
echo "[vm-guest $(up)s] command took $(awk "BEGIN{printf \"%.1f\", $(up) - $t0}") s, exit code $rc"
exit "$rc"
GUEST
} > "$CTL/cmd.sh"

# ---- 5. boot ---------------------------------------------------------------------
LOG=$WORK/logs/console-$(date +%Y%m%d-%H%M%S)-$$.log
ln -sfn "$(basename "$LOG")" "$WORK/logs/last.log"
# keep the newest $KEEP_LOGS logs
{ ls -1t "$WORK"/logs/console-*.log 2>/dev/null || true; } | tail -n +"$((KEEP_LOGS + 1))" | xargs -r rm -f

APPEND="console=ttyS0 quiet panic=-1"
[ -n "$NOLOAD" ] && APPEND+=" bbvm_noload=$NOLOAD"
# -nodefaults: no NIC (the guest has no network), no VGA, no option ROMs.
QEMU=(qemu-system-x86_64 -accel "$ACCEL" -m "$MEM" -smp "$CPUS" -nodefaults -no-user-config
      -display none -serial stdio -no-reboot
      -kernel "$KCACHE/boot/vmlinuz-$KVER" -initrd "$INITRD" -append "$APPEND"
      -virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap"
      -virtfs "local,path=$CTL,mount_tag=ctl,security_model=none"
      -virtfs "local,path=$SHARE,mount_tag=share,security_model=none")
if [ "$ACCEL" = kvm ]; then QEMU+=(-cpu host); fi
# shellcheck disable=SC2206  # extra qemu options, word-split on purpose
QEMU+=(${QEMU_OPTS:-})
ts "booting VM: accel=$ACCEL mem=${MEM}M cpus=$CPUS timeout=${TIMEOUT}s, log $LOG"
TB=$EPOCHREALTIME
set +e
timeout --kill-after=10 "$TIMEOUT" "${QEMU[@]}" </dev/null 2>&1 | tee "$LOG"
qrc=${PIPESTATUS[0]}
set -e
ts "VM ran $(bc <<<"scale=1; ($EPOCHREALTIME - $TB)/1" ) s (qemu exit $qrc)"

# ---- 6. verdict ------------------------------------------------------------------
if [ ! -s "$CTL/rc" ]; then
    if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
        echo "run-in-vm: ERROR: the VM did not finish within TIMEOUT=${TIMEOUT}s (console log: $LOG)" >&2
    else
        echo "run-in-vm: ERROR: the VM stopped without a result (qemu exit $qrc; console log: $LOG)" >&2
    fi
    exit "$HARNESS_FAIL"
fi
rc=$(cat "$CTL/rc")
if [ "$rc" = "$HARNESS_FAIL" ]; then
    echo "run-in-vm: ERROR: guest setup or cd failed (or the command itself exited $HARNESS_FAIL), see $LOG" >&2
fi
exit "$rc"
