#!/usr/bin/env bash
# Create .venv (if missing) and install this repository into it, editable, with the extras given
# as $1 (e.g. "test"). Uses uv, bootstrapped with pip, because it installs the stack about ten
# times faster than pip; falls back to plain pip if uv cannot be installed or fails, or when
# INSTALLER=pip is set (to compare the two, or where uv is not wanted). uv is told to compile the
# bytecode, as pip does by default: without it, every kernel compiles plotly and pandas from
# source again wherever Python may not write .pyc files (PYTHONDONTWRITEBYTECODE, read-only
# installs), which made every lesson, test and graded submission about a third slower here. Versions are held to
# constraints.txt, the lock `make lock` makes from pyproject.toml, so that every machine, CI
# included, installs what the suite was last run against.
set -euo pipefail
extras="${1:-}"
venv="${VENV:-.venv}"
python="${PYTHON:-python3}"

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "error: Python 3.11 or newer is needed; '$python' is $("$python" --version 2>&1 || echo missing)." >&2
  echo "       Name another interpreter with, for example: make PYTHON=python3.12 test" >&2
  exit 1
fi
# A venv without pip is what an interrupted or failed creation leaves behind: start again.
if [ -d "$venv" ] && ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
  echo "Removing the incomplete $venv"
  rm -rf "$venv"
fi
if [ ! -d "$venv" ]; then
  echo "Creating $venv with $("$python" --version 2>&1)"
  if ! "$python" -m venv "$venv" || ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
    rm -rf "$venv"
    echo "error: '$python -m venv' could not create a virtual environment with pip." >&2
    echo "       On Debian or Ubuntu, install it with: sudo apt install python3-venv" >&2
    exit 1
  fi
fi

target="."
[ -n "$extras" ] && target=".[$extras]"

if [ "${INSTALLER:-uv}" != pip ] \
   && "$venv/bin/python" -m pip install --quiet --disable-pip-version-check uv >/dev/null 2>&1 \
   && "$venv/bin/python" -m uv pip install --quiet --compile-bytecode --python "$venv/bin/python" -c constraints.txt -e "$target"; then
  echo "Installed $target into $venv with uv"
else
  [ "${INSTALLER:-uv}" = pip ] || echo "uv unavailable; falling back to pip (slower)"
  echo "Installing $target into $venv with pip"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -c constraints.txt -e "$target"
fi
