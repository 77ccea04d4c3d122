#!/usr/bin/env bash
# One entry point for developers and CI. Each command installs what it needs first:
#   ./dev.sh reports   render the sample reports and the roll-up into out/
#   ./dev.sh test      run the full test suite
#   ./dev.sh setup     only install (Debian packages, .venv, the package in editable mode)
#   ./dev.sh bench     run the benchmarks (slow; see benchmarks/README.md)
#   ./dev.sh i18n      extract new messages into the Korean catalogue (.po), then compile it (.mo)
#   ./dev.sh docs      write the generated pages of docs/ again (format, rule catalogue, commands; ko and en)
set -euo pipefail
cd "$(dirname "$0")"

# libnss3-tools: certutil, for the tests that check signatures with poppler's pdfsig against a test CA
DEBIAN_PACKAGES=(poppler-utils qpdf libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libnss3-tools)
# LibreOffice Calc opens and re-saves exported workbooks in tests/test_workbook.py; without its recommends
# (Java, help, extra fonts) it installs in about a minute
LEAN_PACKAGES=(libreoffice-calc)
VENV=.venv
PY=${PYTHON:-python3}

debian_packages() {
    command -v dpkg-query >/dev/null || { echo "dev.sh: not a Debian system; install: ${DEBIAN_PACKAGES[*]}" >&2; return 0; }
    local missing=() lean=()
    for pkg in "${DEBIAN_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    for pkg in "${LEAN_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || lean+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && [ ${#lean[@]} -eq 0 ] && return 0
    echo "dev.sh: installing Debian packages: ${missing[*]} ${lean[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    [ ${#missing[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    [ ${#lean[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${lean[@]}" >/dev/null
}

python_env() {
    [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
    local stamp="$VENV/.installed" want
    want=$(sha256sum pyproject.toml | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[test]"
        echo "$want" > "$stamp"
    fi
}

setup() { debian_packages; python_env; }

case "${1:-}" in
    setup) setup ;;
    test)
        setup
        shift
        exec "$VENV/bin/python" -m pytest "$@"
        ;;
    reports)
        setup
        mkdir -p out
        ak="$VENV/bin/auditkit"
        "$ak" validate --quiet examples/
        "$ak" report examples/2026/ -o out/reports-2026
        "$ak" report --lang en examples/2026/kibo.yaml -o out/reports-2026/kibo-en.pdf
        "$ak" rollup examples/2026/ -o out/rollup-2026.pdf
        "$ak" rollup examples/2026/ --format csv -o out/rollup-2026.csv
        "$ak" report examples/nirs-daejeon-2025-09-25.yaml -o out/nirs-daejeon-2025-09-25.pdf
        "$ak" diff examples/2025/kibo.yaml examples/2026/kibo.yaml --format pdf -o out/diff-kibo-2025-2026.pdf
        echo "Reports written to out/: reports-2026/ (one PDF per institution), rollup-2026.pdf/.csv, nirs-daejeon-2025-09-25.pdf, diff-kibo-2025-2026.pdf" >&2
        ;;
    i18n)
        setup
        exec "$VENV/bin/python" tools/i18n.py "${@:2}"
        ;;
    docs)
        setup
        exec "$VENV/bin/python" -m auditkit.reference docs
        ;;
    bench)
        setup
        shift
        exec "$VENV/bin/python" benchmarks/run.py "$@"
        ;;
    *)
        sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
        exit 2
        ;;
esac
