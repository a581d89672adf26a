#!/usr/bin/env bash
# The container smoke test: build the real Dockerfile and run the image's three roles (init, API,
# worker) against this machine's PostgreSQL and Redis, as the Kubernetes manifests run them
# (non-root, read-only root file system, a tmpfs on /tmp). `make container-test`; .ci/run too.
#
# These machines reach only package registries, so the two base images the Dockerfile names are
# made here, offline of any container registry, and cached in podman's store between runs:
#   python:3.11-slim-bookworm     debootstrap (minbase) with Debian's python3 3.11, `python`
#                                 linked into /usr/local/bin as in the official image
#   ghcr.io/astral-sh/uv:<pinned> the `uv` binary of the same version's PyPI wheel, at /uv
# podman (buildah) builds the image; `podman run` cannot set rlimits on these machines, so the
# image is handed to Docker (Debian's docker.io, 20.10) to run. Host networking: the services
# listen on 127.0.0.1 only. The checks and the clean-up are tests/containers/smoke.py.
#
# Not proven here: the official base images, BuildKit, and Compose itself (no Compose v2 here).
#
# Variables: UV (uv), IMAGE (localhost/carechart:smoke), KEEP_IMAGE (true: leave the built image in
# Docker), SMOKE_REBUILD_BASES (true: make the base images again).
set -euo pipefail
cd "$(dirname "$0")/../.."

UV=${UV:-uv}
IMAGE=${IMAGE:-localhost/carechart:smoke}
log() { printf '\n==> container test: %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

PYTHON_IMAGE=$(sed -n 's/^ARG PYTHON_IMAGE=//p' Dockerfile)
# Named in full: podman would otherwise file an imported image under localhost/.
case "$PYTHON_IMAGE" in */*) ;; *) PYTHON_IMAGE=docker.io/library/$PYTHON_IMAGE ;; esac
UV_IMAGE=$(sed -n 's/^FROM \(ghcr.io\/astral-sh\/uv:[^ ]*\) AS uv$/\1/p' Dockerfile)
UV_VERSION=${UV_IMAGE##*:}
if [ -z "$PYTHON_IMAGE" ] || [ -z "$UV_IMAGE" ]; then
    echo "the Dockerfile's base images were not found (ARG PYTHON_IMAGE, FROM ghcr.io/astral-sh/uv)" >&2
    exit 1
fi

install_packages() {
    local missing=()
    command -v podman >/dev/null || missing+=(podman)
    [ -x /usr/sbin/dockerd ] || missing+=(docker.io)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    if [ "${#missing[@]}" -gt 0 ]; then
        log "installing Debian packages: ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

# Docker's client from docker.io; another `docker` earlier on PATH may be a newer client only.
DOCKER=/usr/bin/docker
STARTED_DOCKERD=
start_docker() {
    if $DOCKER info >/dev/null 2>&1; then return 0; fi
    log "starting dockerd (no bridge, no iptables: the containers use the host's network)"
    # Started directly (not through a function, whose subshell $! would name): stop_docker
    # signals dockerd itself, or sudo, which passes the signal on.
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" /usr/sbin/dockerd --iptables=false --ip6tables=false --bridge=none \
        >/tmp/carechart-dockerd.log 2>&1 &
    STARTED_DOCKERD=$!
    for _ in $(seq 1 60); do
        $DOCKER info >/dev/null 2>&1 && return 0
        kill -0 "$STARTED_DOCKERD" 2>/dev/null || break # it gave up: say why at once
        sleep 1
    done
    echo "dockerd did not start:" >&2
    tail -5 /tmp/carechart-dockerd.log >&2
    STARTED_DOCKERD=
    return 1
}

stop_docker() {
    if [ -n "$STARTED_DOCKERD" ]; then
        as_root kill "$STARTED_DOCKERD" 2>/dev/null || true
        wait "$STARTED_DOCKERD" 2>/dev/null || true
    fi
}

# A Debian bookworm with Debian's Python 3.11, laid out like python:3.11-slim-bookworm where the
# Dockerfile cares: `python` and `python3` in /usr/local/bin, apt able to install Tesseract.
build_python_base() {
    if [ -z "${SMOKE_REBUILD_BASES:-}" ] && podman image exists "$PYTHON_IMAGE"; then
        echo "base image $PYTHON_IMAGE: cached"
        return 0
    fi
    log "making $PYTHON_IMAGE with debootstrap (minbase, Debian's python3)"
    local root
    root=$(mktemp -d /var/tmp/carechart-base.XXXXXX)
    as_root debootstrap --variant=minbase --include=python3,passwd bookworm "$root" \
        http://deb.debian.org/debian >"$root.log" 2>&1 || {
        tail -20 "$root.log" >&2
        return 1
    }
    as_root ln -sf /usr/bin/python3 "$root/usr/local/bin/python3"
    as_root ln -sf /usr/bin/python3 "$root/usr/local/bin/python"
    as_root rm -rf "$root/var/cache/apt/archives"/*.deb "$root/var/lib/apt/lists"/*
    # This machine reaches PyPI through a TLS proxy with its own certificate authority: the
    # build's `uv sync` must trust what the machine trusts.
    local bundle=${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}
    as_root install -D -m 0644 "$bundle" "$root/etc/ssl/certs/ca-certificates.crt"
    as_root tar -C "$root" -c . | podman import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' \
        --change 'ENV LANG=C.UTF-8' --change 'CMD ["python3"]' - "$PYTHON_IMAGE" >/dev/null 2>&1
    as_root rm -rf "$root" "$root.log"
}

# uv's official image holds the static `uv` binary at /uv; PyPI's wheel of the same version
# ships the same binary.
build_uv_image() {
    if [ -z "${SMOKE_REBUILD_BASES:-}" ] && podman image exists "$UV_IMAGE"; then
        echo "base image $UV_IMAGE: cached"
        return 0
    fi
    log "making $UV_IMAGE from the uv $UV_VERSION wheel"
    local dir
    dir=$(mktemp -d)
    python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
        --platform manylinux_2_17_x86_64 --dest "$dir/wheel" "uv==$UV_VERSION"
    python3 -m zipfile -e "$dir"/wheel/uv-*.whl "$dir/unpacked"
    mkdir "$dir/context"
    install -m 0755 "$dir"/unpacked/uv-*.data/scripts/uv "$dir/context/uv"
    install -m 0755 "$dir"/unpacked/uv-*.data/scripts/uvx "$dir/context/uvx"
    printf 'FROM scratch\nCOPY uv uvx /\nENTRYPOINT ["/uv"]\n' >"$dir/context/Containerfile"
    podman build --quiet --pull=never -t "$UV_IMAGE" "$dir/context" >/dev/null
    rm -rf "$dir"
}

build_image() {
    log "building the Dockerfile with podman (buildah)"
    local start=$SECONDS previous
    previous=$(podman image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)
    podman --runtime runc build --network host --pull=never --layers --format docker -t "$IMAGE" . >/tmp/carechart-build.log 2>&1 || {
        tail -40 /tmp/carechart-build.log >&2
        return 1
    }
    BUILD_SECONDS=$((SECONDS - start))
    # The previous build's image only: a blanket prune would also drop the cached build stage.
    if [ -n "$previous" ] && [ "$previous" != "$(podman image inspect --format '{{.Id}}' "$IMAGE")" ]; then
        podman image rm "$previous" >/dev/null 2>&1 || true
    fi
    log "handing the image to Docker (podman save | docker load)"
    podman save "$IMAGE" | $DOCKER load --quiet >/dev/null
    local bytes
    bytes=$($DOCKER image inspect -f '{{.Size}}' "$IMAGE")
    echo "image $IMAGE: built in ${BUILD_SECONDS}s, $((bytes / 1000000)) MB"
}

remove_image() {
    [ "${KEEP_IMAGE:-}" = true ] && return 0
    $DOCKER image rm -f "$IMAGE" >/dev/null 2>&1 || true
}

cleanup() {
    # smoke.py removes what it started; this is the backstop if it was killed.
    $DOCKER ps -aq --filter label=carechart.smoke-test | xargs -r $DOCKER rm -f >/dev/null 2>&1 || true
    remove_image
    stop_docker
}
trap cleanup EXIT

install_packages
start_docker
build_python_base
build_uv_image
build_image
log "running the image's roles"
$UV run --locked python -m tests.containers.smoke --image "$IMAGE" --docker "$DOCKER"
