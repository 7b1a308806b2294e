#!/usr/bin/env bash
# Prepare a Docker-API engine for codecanary's docker sandbox backend (sandbox/docker.py).
#
# On a Debian machine without Docker this is Podman's Docker-compatible service:
#   1. install podman, runc and debootstrap if missing;
#   2. write codecanary's containers.conf (runc, cgroupfs, sane default ulimits);
#   3. start `podman system service` on $CODECANARY_PODMAN_SOCK (default
#      /run/codecanary/podman.sock) unless something already answers there;
#   4. build the base image codecanary-base:<tag> unless it exists: debootstrap
#      --variant=minbase bookworm from the mirror apt already uses, the language
#      toolchains installed inside from Debian packages, then `podman import`
#      (no container registry is needed).
# Idempotent and safe to run concurrently (a lock serialises runs). Progress goes to
# stderr; the last line on stdout is `export DOCKER_HOST=unix://...` to eval.
# `scripts/docker-engine.sh --stop` stops a service that this script started.
set -euo pipefail

# Keep BASE_TAG in step with BASE_IMAGE in sandbox/docker.py (a test checks it).
BASE_TAG="bookworm-1"
IMAGE="codecanary-base:$BASE_TAG"
PACKAGES=(python3 python3-pytest python3-hypothesis g++ rustc-web nodejs
          openjdk-17-jdk-headless)
RUN_DIR=/run/codecanary
SOCK="${CODECANARY_PODMAN_SOCK:-$RUN_DIR/podman.sock}"
CONF=/etc/codecanary/containers.conf
export CONTAINERS_CONF="$CONF"

log() { echo "docker-engine: $*" >&2; }

if [ "${1:-}" = "--stop" ]; then
    pid="$(cat "$RUN_DIR/podman.pid" 2>/dev/null || true)"
    if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = podman ]; then
        kill "$pid"
        for _ in $(seq 50); do [ -e "/proc/$pid" ] || break; sleep 0.1; done
        log "stopped the podman service (pid $pid)"
    fi
    rm -f "$RUN_DIR/podman.pid"
    exit 0
fi

mkdir -p "$RUN_DIR" "$(dirname "$CONF")"
exec 9>"$RUN_DIR/engine.lock"
flock 9

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

need=()
command -v podman >/dev/null 2>&1 || need+=(podman)
command -v runc >/dev/null 2>&1 || need+=(runc)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
if ((${#need[@]})); then
    log "installing ${need[*]}"
    $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
        --no-install-recommends \
        "${need[@]}" conmon uidmap >/dev/null
fi

cat >"$CONF.new" <<'EOF'
# Written by codecanary's scripts/docker-engine.sh; rewritten on every run.
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
log_driver = "k8s-file"

[engine]
# An exec's conmon otherwise lingers 300 s after the exec ends (one per sandbox run).
exit_command_delay = 5
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
mv "$CONF.new" "$CONF"

answers() {
    curl -fsS --max-time 5 --unix-socket "$SOCK" http://d/_ping >/dev/null 2>&1
}

if ! answers; then
    log "starting podman system service on unix://$SOCK"
    rm -f "$SOCK"
    # Started from $RUN_DIR: an exec's conmon writes its "oom" marker file into the
    # service's working directory, which must not be the caller's checkout.
    (cd "$RUN_DIR" && exec setsid podman system service --time=0 "unix://$SOCK" \
        </dev/null >>"$RUN_DIR/podman.log" 2>&1 9>&-) &
    echo $! >"$RUN_DIR/podman.pid"
    for _ in $(seq 100); do
        answers && break
        sleep 0.1
    done
    answers || { log "the service did not answer; see $RUN_DIR/podman.log"; exit 1; }
fi

mirror_of() {  # first apt source URI whose path ends in $1 (debian or debian-security)
    grep -rhoE "(URIs:|deb)[[:space:]]+https?://[^[:space:]]+/$1/?([[:space:]]|$)" \
        /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
        | awk '{print $2}' | head -n1 || true
}

if podman image exists "$IMAGE"; then
    log "image $IMAGE present"
else
    start=$(date +%s)
    MIRROR="$(mirror_of debian)"; MIRROR="${MIRROR:-http://deb.debian.org/debian}"
    SECURITY="$(mirror_of debian-security)"
    SECURITY="${SECURITY:-http://deb.debian.org/debian-security}"
    ROOT="$(mktemp -d /var/tmp/codecanary-rootfs.XXXXXX)"
    trap 'umount "$ROOT/proc" 2>/dev/null || true; rm -rf "$ROOT"' EXIT
    log "building $IMAGE from $MIRROR (debootstrap minbase + ${PACKAGES[*]})"
    debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >"$RUN_DIR/debootstrap.log" 2>&1 \
        || { log "debootstrap failed; see $RUN_DIR/debootstrap.log"; exit 1; }
    cat >"$ROOT/etc/apt/sources.list" <<EOF
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb $SECURITY bookworm-security main
EOF
    # Keep the image small: no documentation, manual pages or translations.
    cat >"$ROOT/etc/dpkg/dpkg.cfg.d/01-codecanary-nodoc" <<'EOF'
path-exclude /usr/share/doc/*
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
EOF
    mount -t proc proc "$ROOT/proc"
    chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
        DEBIAN_FRONTEND=noninteractive sh -c "apt-get update -qq && \
        apt-get install -y -qq --no-install-recommends ${PACKAGES[*]} && apt-get clean" \
        >"$RUN_DIR/image-packages.log" 2>&1 \
        || { log "installing the toolchains failed; see $RUN_DIR/image-packages.log"; exit 1; }
    umount "$ROOT/proc"
    rm -rf "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/cache/apt/*.bin "$ROOT"/var/log/*.log \
        "$ROOT"/tmp/* "$ROOT"/usr/share/doc "$ROOT"/usr/share/man
    mkdir -p "$ROOT/box"
    chmod 1777 "$ROOT/box"
    tar -C "$ROOT" --numeric-owner -cf - . | podman import \
        --change 'CMD ["/bin/sleep", "infinity"]' --change 'WORKDIR /box' \
        --change 'ENV LANG=C.UTF-8' - "$IMAGE" >/dev/null
    rm -rf "$ROOT"
    trap - EXIT
    log "built $IMAGE in $(( $(date +%s) - start )) s"
fi

echo "export DOCKER_HOST=unix://$SOCK"
