#!/usr/bin/env bash
# Local PBX for the hotline: a real Asterisk 22 (Debian sid) inside a
# debootstrap'ed root folder, configured from deploy/asterisk/.
#
#   deploy/pbx.sh start|stop|restart|status|credentials|provision
#
# Environment:
#   HOTLINE_PBX_ROOT   root folder (default /var/lib/hotline-pbx/root)
#   HOTLINE_PBX_MIRROR Debian mirror (default http://deb.debian.org/debian)
#   HOTLINE_PBX_START_TIMEOUT seconds to wait for AMI (default 60)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CONF_SRC="$SCRIPT_DIR/asterisk"
DIR="${HOTLINE_PBX_ROOT:-/var/lib/hotline-pbx/root}"
MIRROR="${HOTLINE_PBX_MIRROR:-http://deb.debian.org/debian}"
START_TIMEOUT="${HOTLINE_PBX_START_TIMEOUT:-60}"
MARKER="$DIR/.hotline-pbx-provisioned"
LOG="$DIR/var/log/asterisk/hotline-pbx-console.log"
AMI_HOST=127.0.0.1
AMI_PORT=5038

msg() { echo "pbx: $*"; }
err() { echo "pbx: $*" >&2; }
die() { err "ERROR: $*"; exit 1; }

usage() {
    cat >&2 <<USAGE
usage: $0 start|stop|restart|status|credentials|provision
  provision    build the Asterisk root in \$HOTLINE_PBX_ROOT (default /var/lib/hotline-pbx/root) if not done yet
  start        provision if needed, install deploy/asterisk config, start Asterisk, wait for AMI on $AMI_HOST:$AMI_PORT
  stop         stop Asterisk and unmount /proc and /dev from the root
  restart      stop + start
  status       print "running" (exit 0) or "stopped" (exit 3)
  credentials  print "EXTENSION PASSWORD" for every SIP account in deploy/asterisk/pjsip.conf
USAGE
    exit 2
}

need_root() { [ "$(id -u)" -eq 0 ] || die "'$1' must run as root (chroot, mount, debootstrap)"; }

# ---- helpers ---------------------------------------------------------------

# is the given path a mount point? (exact match in /proc/self/mounts)
is_mounted() {
    local p; p="$(readlink -f "$1" 2>/dev/null || echo "$1")"
    awk -v p="$p" '$2 == p { found = 1 } END { exit !found }' /proc/self/mounts
}

# all mount points at or below DIR, deepest first
mounts_below() {
    local d; d="$(readlink -f "$DIR" 2>/dev/null || echo "$DIR")"
    awk -v d="$d" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/self/mounts | sort -r
}

unmount_all() {
    local m
    for m in $(mounts_below); do
        umount "$m" 2>/dev/null || umount -l "$m" || err "could not unmount $m"
    done
}

ami_banner() {
    # prints the AMI banner line if something answers on the AMI port
    python3 - "$AMI_HOST" "$AMI_PORT" <<'PY' 2>/dev/null
import socket, sys
try:
    s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=2)
    s.settimeout(2)
    data = s.recv(200).decode("ascii", "replace")
    s.close()
    if data.startswith("Asterisk Call Manager"):
        print(data.strip()); sys.exit(0)
except Exception:
    pass
sys.exit(1)
PY
}

port_open() {
    python3 - "$AMI_HOST" "$AMI_PORT" <<'PY' 2>/dev/null
import socket, sys
try:
    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=1).close(); sys.exit(0)
except Exception:
    sys.exit(1)
PY
}

# pids of asterisk processes whose root is DIR
asterisk_pids() {
    local d pid r; d="$(readlink -f "$DIR" 2>/dev/null || echo "$DIR")"
    for pid in $(pgrep -x asterisk 2>/dev/null || true); do
        r="$(readlink "/proc/$pid/root" 2>/dev/null || true)"
        [ "$r" = "$d" ] && echo "$pid"
    done
    return 0
}

is_running() { [ -n "$(asterisk_pids)" ]; }

# true while some process still has the hotline's SIP port (UDP 127.0.0.1:5060) open
sip_port_busy() {
    ss -Hlun 2>/dev/null | awk '{print $4}' | grep -qE '^(127\.0\.0\.1|0\.0\.0\.0|\*):5060$'
}

# waits until every pid given has gone (an exiting Asterisk keeps its sockets until its last
# thread is gone, after /proc/PID/root has already stopped naming the chroot)
await_gone() {
    local t=0 pid alive
    while [ "$t" -lt 20 ]; do
        alive=""
        for pid in "$@"; do [ -d "/proc/$pid" ] && alive="$alive $pid"; done
        [ -z "$alive" ] && return 0
        sleep 0.5; t=$((t + 1))
    done
    err "warning: Asterisk process(es)$alive still exiting after 10 s; sending KILL"
    kill -9 $alive 2>/dev/null || true
    sleep 0.5
}

# ---- provision -------------------------------------------------------------

do_provision() {
    need_root provision
    if [ -f "$MARKER" ] && [ -x "$DIR/usr/sbin/asterisk" ]; then
        msg "root already provisioned: $DIR"
        return 0
    fi
    if ! command -v debootstrap >/dev/null 2>&1; then
        msg "debootstrap missing, running install-packages.sh"
        "$SCRIPT_DIR/install-packages.sh" || die "install-packages.sh failed"
        command -v debootstrap >/dev/null 2>&1 || die "debootstrap still not installed"
    fi
    if [ -e "$DIR" ]; then
        is_running && die "an Asterisk is running in unprovisioned root $DIR; stop it first"
        msg "found incomplete root $DIR (no marker), removing it"
        unmount_all
        [ -z "$(mounts_below)" ] || die "still mounted below $DIR: $(mounts_below | tr '\n' ' ')"
        rm -rf --one-file-system "$DIR"
    fi
    mkdir -p "$(dirname "$DIR")"
    msg "provisioning Asterisk root in $DIR (debootstrap sid: about 40-70 s and 540 MB download)"
    local t0=$SECONDS dlog
    dlog="$(dirname "$DIR")/debootstrap.log"
    if ! debootstrap --variant=minbase --include=asterisk,asterisk-core-sounds-en-wav \
            sid "$DIR" "$MIRROR" >"$dlog" 2>&1; then
        err "debootstrap failed; last lines of $dlog:"
        tail -n 25 "$dlog" >&2
        unmount_all
        die "provisioning failed (the incomplete root will be redone on the next run)"
    fi
    [ -x "$DIR/usr/sbin/asterisk" ] || die "debootstrap finished but $DIR/usr/sbin/asterisk is missing"
    # keep Debian's sample config for reference, ours is installed on start
    if [ -d "$DIR/etc/asterisk" ] && [ ! -d "$DIR/etc/asterisk.dist" ]; then
        cp -a "$DIR/etc/asterisk" "$DIR/etc/asterisk.dist"
    fi
    unmount_all   # debootstrap may leave /proc etc. mounted on failure paths
    date -u +%Y-%m-%dT%H:%M:%SZ >"$MARKER"
    msg "provisioned in $((SECONDS - t0)) s ($(chroot "$DIR" asterisk -V 2>/dev/null || echo asterisk))"
}

# ---- start / stop ----------------------------------------------------------

install_config() {
    [ -d "$CONF_SRC" ] || die "config folder $CONF_SRC not found"
    # replace the whole config folder so removed files do not linger
    rm -rf "$DIR/etc/asterisk"
    mkdir -p "$DIR/etc/asterisk"
    cp "$CONF_SRC"/*.conf "$DIR/etc/asterisk/"
    chown -R root:asterisk "$DIR/etc/asterisk" 2>/dev/null || chroot "$DIR" chown -R root:asterisk /etc/asterisk
    chmod 0750 "$DIR/etc/asterisk"; chmod 0640 "$DIR/etc/asterisk"/*.conf
}

# true when the running configuration is exactly deploy/asterisk/*.conf
config_current() {
    local f
    for f in "$CONF_SRC"/*.conf; do
        cmp -s "$f" "$DIR/etc/asterisk/$(basename "$f")" || return 1
    done
    [ "$(ls "$DIR/etc/asterisk"/*.conf | wc -l)" -eq "$(ls "$CONF_SRC"/*.conf | wc -l)" ]
}

do_start() {
    need_root start
    if is_running; then
        if config_current; then
            msg "already running (pid $(asterisk_pids | tr '\n' ' '| sed 's/ $//'))"
            return 0
        fi
        # modules and manager settings only take effect on a restart, not a reload
        msg "deploy/asterisk changed since Asterisk started: restarting it with the new configuration"
        do_stop
    fi
    if port_open; then
        die "port $AMI_HOST:$AMI_PORT is already in use by another process; not starting"
    fi
    local w=0
    while sip_port_busy && [ "$w" -lt 20 ]; do sleep 0.5; w=$((w + 1)); done
    if sip_port_busy; then
        ss -Hlunp 2>/dev/null | grep -E ':5060 ' >&2 || true
        die "SIP port 127.0.0.1:5060 is still in use by another process after 10 s; not starting"
    fi
    do_provision
    install_config
    # mounts (only if not already mounted)
    mkdir -p "$DIR/proc" "$DIR/dev"
    is_mounted "$DIR/proc" || mount --bind /proc "$DIR/proc"
    is_mounted "$DIR/dev"  || mount --bind /dev "$DIR/dev"
    # directories owned by asterisk
    chroot "$DIR" sh -c 'for d in /var/lib/asterisk /var/log/asterisk /var/spool/asterisk /var/run/asterisk; do mkdir -p $d; chown -R asterisk:asterisk $d; done
                         mkdir -p /var/spool/asterisk/monitor/hotline
                         chown asterisk:asterisk /var/spool/asterisk/monitor /var/spool/asterisk/monitor/hotline'
    rm -f "$DIR/var/run/asterisk/asterisk.ctl" "$DIR/var/run/asterisk/asterisk.pid"
    : >"$LOG"
    msg "starting Asterisk in $DIR"
    setsid nohup chroot "$DIR" sh -c 'cd /; exec asterisk -f -U asterisk -G asterisk' \
        >>"$LOG" 2>&1 </dev/null 9>&- &
    disown || true
    local t=0 banner
    while [ "$t" -lt "$START_TIMEOUT" ]; do
        if banner="$(ami_banner)"; then
            # AMI answering is not enough: the SIP transport may have failed to bind (port taken).
            # AMI can answer a moment before res_pjsip has loaded its transport: ask for up to 5 s.
            local tw=0
            while [ "$tw" -lt 10 ] && ! chroot "$DIR" asterisk -rx "pjsip show transports" 2>/dev/null \
                    | grep -q "transport-udp"; do
                sleep 0.5; tw=$((tw + 1))
            done
            if ! chroot "$DIR" asterisk -rx "pjsip show transports" 2>/dev/null | grep -q "transport-udp"; then
                err "Asterisk is up but its SIP transport 127.0.0.1:5060 is not (port taken?):"
                grep -E "transport-udp|Address already in use" "$DIR/var/log/asterisk/messages" 2>/dev/null | tail -n 3 >&2
                ss -lunp 2>/dev/null | grep -E "127.0.0.1:5060|\*:5060|0.0.0.0:5060" >&2 || true
                do_stop
                die "start failed: SIP port 5060 on 127.0.0.1 is in use by another process"
            fi
            msg "running: $(chroot "$DIR" asterisk -V 2>/dev/null) - AMI on $AMI_HOST:$AMI_PORT ($banner), SIP on 127.0.0.1:5060"
            return 0
        fi
        if [ "$t" -gt 3 ] && ! is_running; then
            break
        fi
        sleep 1; t=$((t + 1))
    done
    err "Asterisk did not answer on AMI $AMI_HOST:$AMI_PORT within ${START_TIMEOUT}s; last lines of $LOG:"
    tail -n 30 "$LOG" >&2 || true
    [ -f "$DIR/var/log/asterisk/messages" ] && { err "--- messages:"; tail -n 20 "$DIR/var/log/asterisk/messages" >&2; }
    die "start failed (run '$0 stop' to clean up)"
}

do_stop() {
    need_root stop
    if [ ! -d "$DIR" ]; then msg "not provisioned, nothing to stop"; return 0; fi
    if is_running; then
        local pids; pids="$(asterisk_pids)"
        msg "stopping Asterisk"
        chroot "$DIR" asterisk -rx "core stop now" >/dev/null 2>&1 || true
        local t=0
        while is_running && [ "$t" -lt 10 ]; do sleep 0.5; t=$((t + 1)); done
        if is_running; then
            msg "still alive, sending TERM"
            kill $(asterisk_pids) 2>/dev/null || true
            t=0; while is_running && [ "$t" -lt 10 ]; do sleep 0.5; t=$((t + 1)); done
        fi
        if is_running; then
            msg "still alive, sending KILL"
            kill -9 $(asterisk_pids) 2>/dev/null || true
            sleep 0.5
        fi
        # shellcheck disable=SC2086
        await_gone $pids
    else
        msg "not running"
    fi
    local t=0
    while port_open && [ "$t" -lt 20 ]; do sleep 0.5; t=$((t + 1)); done
    port_open && err "warning: port $AMI_PORT still open (another process?)"
    # unmount only what we mount (proc, dev) and anything else left below DIR
    unmount_all
    msg "stopped"
}

do_status() {
    if is_running; then
        local v; v="$(chroot "$DIR" asterisk -rx "core show version" 2>/dev/null | head -n1 | sed 's/ built by .*//' || true)"
        echo "running${v:+ ($v)}"
        exit 0
    fi
    echo "stopped"
    exit 3
}

do_credentials() {
    local f="$CONF_SRC/pjsip.conf"
    [ -f "$f" ] || die "$f not found"
    # sections [NNNN-auth] with username=/password= lines
    awk '
        /^[ \t]*\[/ { sec = $0; gsub(/[ \t]*\[|\].*/, "", sec); user = ""; pass = ""; next }
        sec ~ /-auth$/ && /^[ \t]*username[ \t]*=/ { sub(/^[^=]*=[ \t]*/, ""); sub(/[ \t;].*$/, ""); user = $0 }
        sec ~ /-auth$/ && /^[ \t]*password[ \t]*=/ { sub(/^[^=]*=[ \t]*/, ""); sub(/[ \t;].*$/, ""); pass = $0 }
        sec ~ /-auth$/ && user != "" && pass != "" && !(sec in done) { print user, pass; done[sec] = 1 }
    ' "$f" | sort -n
}

# one mutating command at a time per PBX root
lock() {
    need_root "$1"
    mkdir -p "$(dirname "$DIR")"
    exec 9>"$(dirname "$DIR")/.hotline-pbx.lock"
    flock -w 300 9 || die "another pbx.sh is busy with $DIR (lock $(dirname "$DIR")/.hotline-pbx.lock)"
}

[ $# -eq 1 ] || usage
case "$1" in
    start|stop|restart|provision) lock "$1" ;;
esac
case "$1" in
    start)       do_start ;;
    stop)        do_stop ;;
    restart)     do_stop; do_start ;;
    status)      do_status ;;
    credentials) do_credentials ;;
    provision)   do_provision ;;
    -h|--help|help) usage ;;
    *)           err "unknown command '$1'"; usage ;;
esac
