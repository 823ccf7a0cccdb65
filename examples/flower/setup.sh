#!/usr/bin/env bash
# Installs the Flower example's Python environment into target/flower/venv:
# a venv with the exact packages of requirements.txt (no resolver: --no-deps).
# Idempotent: a stamp holding requirements.txt's hash skips the work when
# nothing changed (about 0.1 s); a first install takes about 30-60 s.
# Prints the venv's python on its last line.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${FLT_FLOWER_VENV:-$root/target/flower/venv}"
req="$here/requirements.txt"
stamp="$venv/.flt-requirements.sha256"
python="${PYTHON:-python3}"

want="$(sha256sum "$req" | cut -d' ' -f1)"
# One installer at a time (two test binaries may call this together).
mkdir -p "$(dirname "$venv")"
exec 9>"$venv.lock"
flock 9
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    echo "$venv/bin/python"
    exit 0
fi

if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' 2>/dev/null; then
    echo "examples/flower/setup.sh: needs Python >= 3.10 as \$PYTHON or python3 (with its venv module)" >&2
    exit 1
fi
echo "examples/flower/setup.sh: installing requirements.txt into $venv" >&2
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r "$req" >&2
"$venv/bin/python" -c 'import flwr, sklearn, numpy' >&2
echo "$want" > "$stamp"
echo "$venv/bin/python"
