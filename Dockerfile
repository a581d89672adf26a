# syntax=docker/dockerfile:1
# Carechart's one image. The default command serves the API; the same image runs the arq worker
# (`python -m worker`) and the one-shot start-up (`bash deploy/init.sh`).
#   docker build -t carechart .
# Two stages: uv installs the locked dependencies into a virtual environment, and only that
# environment is copied into a clean runtime image (no uv, no caches, no build tools).

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# uv's official image, pinned: the version that writes uv.lock must be able to read it.
FROM ghcr.io/astral-sh/uv:0.13.8 AS uv

FROM ${PYTHON_IMAGE} AS build
COPY --from=uv /uv /usr/local/bin/uv
# Bytecode compiled once here, because the runtime image may run on a read-only file system;
# copy (not hard-link) from the cache mount; use the base image's Python, never a download.
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv
WORKDIR /app
# The dependencies alone first: this layer is rebuilt only when uv.lock or pyproject.toml change.
# Absolute bind targets: buildah (podman build) refuses relative ones, BuildKit takes both.
RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=uv.lock,target=/app/uv.lock \
    --mount=type=bind,source=pyproject.toml,target=/app/pyproject.toml \
    uv sync --locked --no-dev --no-install-project
COPY pyproject.toml uv.lock README.md ./
COPY src ./src
COPY worker ./worker
COPY seed ./seed
# --no-editable: the project is installed into site-packages, so the runtime needs no source tree.
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --locked --no-dev --no-editable

FROM ${PYTHON_IMAGE} AS runtime
# OMP_THREAD_LIMIT: Tesseract starts a thread per core otherwise, and several uploads at once
# would oversubscribe the CPU. Bytecode was compiled in the build stage.
ENV PATH="/app/.venv/bin:${PATH}" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    OMP_THREAD_LIMIT=1
# Tesseract reads scanned notes. A fixed numeric uid lets Kubernetes check runAsNonRoot.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 carechart \
    && useradd --system --uid 10001 --gid carechart --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin carechart
WORKDIR /app
COPY --from=build /app/.venv /app/.venv
# What the start-up needs beyond the installed packages: the migrations and the script.
COPY alembic.ini ./
COPY alembic ./alembic
COPY deploy/init.sh ./deploy/init.sh
# Files stay owned by root: the app only reads them.
USER 10001:10001
EXPOSE 8000
# Liveness of the API (the default command); compose gives the worker and the start-up their own.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]
# One uvicorn process per container: Prometheus counts per process, so scale containers instead.
CMD ["uvicorn", "carechart.main:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000", "--no-access-log", "--no-proxy-headers", "--http", "carechart.core.http:ProblemHttpToolsProtocol"]
