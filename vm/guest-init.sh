#!/bin/busybox sh
# /init (PID 1) of BondBridge's throw-away kernel VM; vm/run-in-vm.sh packs it
# into the initramfs. Plain busybox sh (not bash): the initramfs holds only
# busybox, the kernel modules and this file.
#
# What it does, in order:
#   1. load the kernel modules the tests need (list computed on the host, in
#      dependency order) -- except those named in bbvm_noload=a,b on the
#      kernel command line, so a test can see "bonding not loaded yet";
#   2. mount the host's / (9p tag "hostroot", read-only) under a tmpfs overlay:
#      the guest may write anywhere, the writes stay in guest RAM;
#   3. mount the run's control dir (9p tag "ctl": the generated command script,
#      the exit code file) and the user's read-write share (9p tag "share") at
#      the share's own host path, so results come back to the host;
#   4. chroot into the overlay and run the command script with bash;
#   5. write its exit code to the control dir and power off.
# The host reads ctl/rc; no rc file means "the VM did not finish".

/bin/busybox --install -s /bin
export PATH=/bin:/sbin
mkdir -p /proc /sys /dev /tmp /ctl /mnt/host /mnt/rw /mnt/share /newroot
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# The console is a serial tty: without -onlcr every line reaches the host log
# as "...\r\n".
stty -onlcr </dev/console 2>/dev/null

up()  { cut -d' ' -f1 /proc/uptime; }
log() { echo "[vm-guest $(up)s] $*"; }
RC_WRITTEN=
halt_vm() {  # halt_vm <exit code>: record the code for the host, then power off
    if [ -z "$RC_WRITTEN" ] && mountpoint -q /ctl; then echo "$1" > /ctl/rc; fi
    sync
    poweroff -f
    # not reached; were it, PID 1 exiting panics the kernel and qemu
    # (panic=-1 -no-reboot) exits without an rc file: the host reports that.
    sleep 10
    exit 1
}
die() { log "SETUP FAILED: $*"; halt_vm 125; }

NOLOAD=
for arg in $(cat /proc/cmdline); do
    case "$arg" in bbvm_noload=*) NOLOAD=$(echo "${arg#bbvm_noload=}" | tr ',' ' ') ;; esac
done
log "init: kernel $(uname -r), $(nproc) cpus"

# ---- 1. kernel modules ------------------------------------------------------
# max_bonds=0 / numdummies=0: without them loading the module creates bond0 /
# dummy0 at once, and a later `ip link add bond0 type bond mode ...` fails with
# "File exists" (and that bond0 keeps balance-rr).
KMODDIR=/lib/modules/$(uname -r)
while read -r m; do
    name=$(basename "$m" .ko)
    skip=
    for n in $NOLOAD; do [ "$n" = "$name" ] && skip=1; done
    if [ -n "$skip" ]; then log "not loading $name (bbvm_noload)"; continue; fi
    case "$name" in
        bonding) opts=max_bonds=0 ;;
        dummy)   opts=numdummies=0 ;;
        *)       opts= ;;
    esac
    insmod "$KMODDIR/$m" $opts || die "insmod $m $opts"
done < /modules.load
log "modules loaded: $(cut -d' ' -f1 /proc/modules | tr '\n' ' ')"

# Kernel module autoload (e.g. `ip link add x type bond` with bonding not
# loaded) runs /sbin/modprobe in THIS root (the initramfs), not in the chroot.
# Hand it to the host's kmod modprobe inside the chroot, like a real node:
# same modprobe, same /etc/modprobe.d, the guest kernel's modules (bind below).
cat > /sbin/modprobe-chroot <<'EOF'
#!/bin/sh
exec /bin/chroot /newroot /sbin/modprobe "$@"
EOF
chmod 755 /sbin/modprobe-chroot
echo /sbin/modprobe-chroot > /proc/sys/kernel/modprobe

# ---- 2. host root: 9p read-only + tmpfs overlay -----------------------------
mnt9p() {  # mnt9p <tag> <dir> <opts>; retried: the virtio device may still be probing
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        mount -t 9p -o "trans=virtio,version=9p2000.L,msize=512000,$3" "$1" "$2" 2>/dev/null && return 0
        usleep 200000
    done
    mount -t 9p -o "trans=virtio,version=9p2000.L,msize=512000,$3" "$1" "$2"
}
# cache=loose: the guest caches host files and metadata; right for a root that
# does not change during the run, and much faster for class loading.
mnt9p hostroot /mnt/host ro,cache=loose || die "mount 9p hostroot"
mount -t tmpfs -o mode=755 tmpfs /mnt/rw || die "tmpfs for overlay"
mkdir -p /mnt/rw/upper /mnt/rw/work
mount -t overlay overlay -o lowerdir=/mnt/host,upperdir=/mnt/rw/upper,workdir=/mnt/rw/work /newroot \
    || die "overlay root"

# ---- 3. control dir + share ---------------------------------------------------
# these two stay uncached (cache=none, the default): the host reads what the
# guest writes there.
mnt9p ctl /ctl rw || die "mount 9p ctl"
SHARE=; read -r SHARE < /ctl/share_path
TMPFS_TMP=1; read -r TMPFS_TMP < /ctl/tmpfs_tmp
mnt9p share /mnt/share rw || die "mount 9p share"

# ---- 4. the chroot's pseudo file systems ------------------------------------
R=/newroot
mount -t proc proc $R/proc
mount -t sysfs sysfs $R/sys
mount -t devtmpfs devtmpfs $R/dev
mkdir -p $R/dev/pts $R/dev/shm
mount -t devpts devpts $R/dev/pts
mount -t tmpfs -o mode=1777 tmpfs $R/dev/shm
# /run fresh (no host pid/lock files). `ip netns add` mounts into /run/netns and
# needs it to be shared; iproute2 bind-mounts it onto itself when it is not a
# mount point, which works on this tmpfs.
mount -t tmpfs -o mode=755 tmpfs $R/run
# /tmp fresh too, unless the caller's cwd or share lives under the host's /tmp
# (run-in-vm.sh decides): then the host's /tmp stays visible through the
# overlay (writes still land in guest RAM only).
if [ "$TMPFS_TMP" = 1 ]; then mount -t tmpfs -o mode=1777 tmpfs $R/tmp; fi
# the guest kernel's modules where the host's kmod (modprobe, modinfo) looks
mkdir -p "$R$KMODDIR" && mount --bind "$KMODDIR" "$R$KMODDIR"
# the run's control dir, for the command script
mkdir -p $R/run/bondbridge-vm && mount --bind /ctl $R/run/bondbridge-vm
# the share at its own host path
mkdir -p "$R$SHARE" && mount --bind /mnt/share "$R$SHARE" || die "bind share at $SHARE"

hostname bondbridge-vm
/bin/ip link set lo up 2>/dev/null || chroot $R /sbin/ip link set lo up || die "loopback up"
log "guest ready (host / read-only + tmpfs overlay, share $SHARE)"

# ---- 5. run the command -------------------------------------------------------
# env -i: nothing of the initramfs environment leaks in; the script sets the
# caller's PATH etc. itself. stdin /dev/null: nothing can be typed at it.
chroot $R /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash /run/bondbridge-vm/cmd.sh </dev/null
rc=$?
echo "$rc" > /ctl/rc && RC_WRITTEN=1
log "command exited with code $rc"
halt_vm "$rc"
