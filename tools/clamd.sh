#!/usr/bin/env bash
# clamd (ClamAV daemon) for development and CI – the one way the portal's virus scanner is started
# outside production. Used by `make demo`, `make test` (the pytest plugin tests/clamav.py) and .ci/run.
#
#   tools/clamd.sh install   clamav-daemon installed? (installs it as root, otherwise says how)
#   tools/clamd.sh start     install, write signatures + config, start clamd, wait for PONG;
#                            prints the socket path as the last line (SIKO_CLAMD_SOCKET)
#   tools/clamd.sh stop      stop the clamd started in the same directory
#
# Directory: $SIKO_CLAMD_DIR (default .clamd/ in the checkout, git-ignored): db/, clamd.conf,
# clamd.sock, clamd.pid, clamd.log.
#
# Signatures: Debian ships none and these machines have no internet, so freshclam cannot fetch
# them. The script writes a local database in ClamAV's documented formats that detects the EICAR
# test file – as a whole-file MD5 (.hdb) and as a body signature (.ndb, so that it is found inside
# ZIP and office files too). That is enough to prove the wiring, not to protect anything:
# production runs clamd with freshclam's databases (README, "Sicherheit").
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${SIKO_CLAMD_DIR:-$ROOT/.clamd}"
CONF="$DIR/clamd.conf"
SOCKET="$DIR/clamd.sock"
PIDFILE="$DIR/clamd.pid"
# The stream limit must exceed the portal's upload limit (SIKO_UPLOAD_MAX_MB, default 25).
STREAM_MB=$(( ${SIKO_UPLOAD_MAX_MB:-25} + 5 ))

log() { echo "clamd.sh: $*" >&2; }

install_clamd() {
    if command -v clamd >/dev/null 2>&1; then
        return 0
    fi
    if [ "$(id -u)" != "0" ]; then
        log "clamd fehlt. Bitte als root installieren:"
        log "  apt-get update && apt-get install -y --no-install-recommends clamav-daemon"
        exit 1
    fi
    log "clamd fehlt – installiere das Debian-Paket clamav-daemon …"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2 && apt-get install -y --no-install-recommends clamav-daemon >&2
}

# PING over the socket; python3 is always there (the portal needs it), clamdscan is not.
ping_clamd() {
    python3 - "$SOCKET" <<'PY' 2>/dev/null
import socket, sys
with socket.socket(socket.AF_UNIX) as s:
    s.settimeout(2)
    s.connect(sys.argv[1])
    s.sendall(b"zPING\0")
    sys.exit(0 if s.recv(16).startswith(b"PONG") else 1)
PY
}

# The EICAR test string, assembled at run time so that no scanner flags this repository.
eicar() {
    printf '%s%s%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$' 'EICAR-STANDARD-' 'ANTIVIRUS-TEST-FILE!$H+H*'
}

write_files() {
    mkdir -p "$DIR/db" "$DIR/tmp"
    local md5 hex
    md5="$(eicar | md5sum | cut -d' ' -f1)"
    hex="$(eicar | od -An -v -tx1 | tr -d ' \n')"
    # .hdb: MD5:size:name  ·  .ndb: name:target type (0 = any file):offset (* = anywhere):hex bytes
    echo "$md5:68:Siko.Test.EICAR-Datei" >"$DIR/db/siko-test.hdb"
    echo "Siko.Test.EICAR-Inhalt:0:*:$hex" >"$DIR/db/siko-test.ndb"
    cat >"$CONF" <<CONF
# Written by tools/clamd.sh – development and CI only.
LocalSocket $SOCKET
LocalSocketMode 660
DatabaseDirectory $DIR/db
TemporaryDirectory $DIR/tmp
PidFile $PIDFILE
LogFile $DIR/clamd.log
LogTime yes
Foreground no
ScanArchive yes
ScanPDF yes
ScanOLE2 yes
StreamMaxLength ${STREAM_MB}M
MaxFileSize ${STREAM_MB}M
# What clamd cannot look into (beyond its size/recursion limits) is reported, not passed as clean.
AlertExceedsMax yes
CONF
}

start() {
    install_clamd
    mkdir -p "$DIR"
    # One start at a time per directory (parallel test runs, make demo twice).
    exec 9>"$DIR/.lock"
    flock 9
    if ping_clamd; then
        log "clamd läuft bereits ($SOCKET)"
        echo "$SOCKET"
        return 0
    fi
    rm -f "$SOCKET" "$PIDFILE"
    write_files
    # clamd forks into the background: it must not keep the lock (fd 9) or our stdout open.
    if ! clamd --config-file="$CONF" </dev/null >>"$DIR/clamd.out" 2>&1 9>&-; then
        log "clamd ließ sich nicht starten; Protokoll: $DIR/clamd.log"
        tail -n 20 "$DIR/clamd.out" "$DIR/clamd.log" >&2 2>/dev/null || true
        exit 1
    fi
    for _ in $(seq 1 100); do
        if ping_clamd; then
            log "clamd antwortet (PID $(cat "$PIDFILE" 2>/dev/null || echo ?))"
            echo "$SOCKET"
            return 0
        fi
        sleep 0.1
    done
    log "clamd antwortet nicht auf PING; Protokoll: $DIR/clamd.log"
    tail -n 20 "$DIR/clamd.log" >&2 || true
    exit 1
}

stop() {
    if [ -f "$PIDFILE" ]; then
        local pid
        pid="$(cat "$PIDFILE")"
        # Only the clamd of this directory: the pid must belong to a clamd with our config.
        if [ -n "$pid" ] && grep -qa -- "$CONF" "/proc/$pid/cmdline" 2>/dev/null; then
            kill "$pid"
            for _ in $(seq 1 50); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
        fi
    fi
    rm -f "$SOCKET" "$PIDFILE"
}

case "${1:-start}" in
    install) install_clamd ;;
    start) start ;;
    stop) stop ;;
    *)
        echo "Aufruf: $0 [install|start|stop]" >&2
        exit 2
        ;;
esac
