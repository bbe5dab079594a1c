#!/usr/bin/env bash
# Set up and run the whole test suite on a fresh Debian 12 / Ubuntu machine:
#
#     bash tests/run.sh [pytest args...]
#
# 1. installs the missing system packages (Qt's offscreen runtime libraries, LibreOffice
#    Writer with poppler-utils and a CJK font for the PDF tests, Xvfb with fcitx 5 and xdotool
#    for the Chinese-input test, PostgreSQL) with apt-get, as
#    root or through `sudo -n`; skipped when all are installed;
# 2. creates .venv if missing and installs the project with its test extras;
# 3. starts a throw-away PostgreSQL server on a Unix socket in a temp dir (as the
#    `postgres` user when run as root), exports TIAN_PG_URL and TIAN_REQUIRE_PG=1,
#    and stops and removes it on exit; a TIAN_PG_URL already set is used instead;
# 4. runs ruff (pyproject.toml's [tool.ruff]) and lint-imports, then pytest with
#    QT_QPA_PLATFORM=offscreen.
#
# Exits non-zero when pytest fails, collects no test (pytest's 5), or ruff or lint-imports fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TIAN_SCRIPT=run.sh
source installer/packages.sh

phase_start=$EPOCHREALTIME
phase_done() {  # print how long the phase that just ended took
    local now=$EPOCHREALTIME
    say "$1 took $(awk -v a="$phase_start" -v b="$now" 'BEGIN { printf "%.1f", b - a }') s"
    phase_start=$now
}

# ---------------------------------------------------------------------------
# 1. System packages: Qt's offscreen runtime (installer/packages.sh) and PostgreSQL
# ---------------------------------------------------------------------------
step "system packages"
ensure_packages "${QT_RUNTIME[@]}" "${DOCUMENT_TOOLS[@]}" "${INPUT_TOOLS[@]}" postgresql \
    python3-venv
if command -v soffice >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; then
    export TIAN_REQUIRE_LIBREOFFICE=1  # the PDF tests run, not skip
else
    warn "LibreOffice or poppler-utils missing: the PDF tests will be skipped"
fi
if command -v Xvfb >/dev/null && command -v dbus-daemon >/dev/null && command -v fcitx5 >/dev/null &&
   command -v xdotool >/dev/null; then
    export TIAN_REQUIRE_FCITX=1  # the Chinese-input test runs, not skip
else
    warn "Xvfb, fcitx5 or xdotool missing: the Chinese-input test will be skipped"
fi
phase_done "system packages"

# ---------------------------------------------------------------------------
# 2. Python environment
# ---------------------------------------------------------------------------
step "python environment"
ensure_venv "[test]"
phase_done "python environment"

# ---------------------------------------------------------------------------
# 3. A throw-away PostgreSQL server
# ---------------------------------------------------------------------------
step "postgresql"
PG_DIR=
PG_BIN=
as_pg=()
cleanup() {
    local rc=$?
    if [[ -n $PG_DIR && -d $PG_DIR ]]; then
        if [[ -f $PG_DIR/data/postmaster.pid ]]; then
            (cd / && "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -s stop) ||
                warn "could not stop the PostgreSQL server in $PG_DIR"
        fi
        rm -rf "$PG_DIR"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_postgres() {
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -z $PG_BIN || ! -x $PG_BIN/initdb || ! -x $PG_BIN/pg_ctl ]]; then
        warn "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin"
        return 1
    fi
    if [[ $EUID -eq 0 ]]; then  # PostgreSQL refuses to run as root
        if ! id -u postgres >/dev/null 2>&1; then
            warn "running as root but there is no 'postgres' user to run PostgreSQL as"
            return 1
        fi
        if command -v runuser >/dev/null 2>&1; then
            as_pg=(runuser -u postgres --)
        else
            as_pg=(su postgres -s /bin/sh -c '"$0" "$@"')
        fi
    fi
    # Short path on purpose: a Unix socket's path may be at most 107 bytes.
    PG_DIR=$(mktemp -d /tmp/tian-pg.XXXXXX)
    chmod 755 "$PG_DIR"
    [[ $EUID -eq 0 ]] && chown postgres: "$PG_DIR"
    if ! (cd / && "${as_pg[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres \
            -E UTF8 --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log" 2>&1); then
        cat "$PG_DIR/initdb.log" >&2
        warn "initdb failed"
        return 1
    fi
    if ! (cd / && "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" \
            -o "-k $PG_DIR -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            -w -s start); then
        cat "$PG_DIR/server.log" >&2 || true
        warn "the PostgreSQL server did not start"
        return 1
    fi
    export TIAN_PG_URL="postgresql+psycopg://postgres@/postgres?host=$PG_DIR"
    export TIAN_REQUIRE_PG=1
    say "PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}') running as $([[ $EUID -eq 0 ]] && echo postgres || id -un) on $PG_DIR"
}

if [[ -n ${TIAN_PG_URL:-} ]]; then
    say "using the PostgreSQL server in TIAN_PG_URL from the environment"
elif ! start_postgres; then
    warn "running without PostgreSQL: tests marked 'postgres' will be skipped"
    unset TIAN_PG_URL
fi

if [[ -n ${TIAN_PG_URL:-} ]]; then
    if ! .venv/bin/python - <<'EOF'
import os
from sqlalchemy import create_engine, text
engine = create_engine(os.environ["TIAN_PG_URL"])
with engine.connect() as conn:
    print("[run.sh] psycopg connects:", conn.execute(text("select version()")).scalar().split(",")[0])
engine.dispose()
EOF
    then
        if [[ ${TIAN_REQUIRE_PG:-} == 1 ]]; then
            die "cannot connect to TIAN_PG_URL=$TIAN_PG_URL"
        fi
        warn "cannot connect to TIAN_PG_URL=$TIAN_PG_URL; tests marked 'postgres' will be skipped"
        unset TIAN_PG_URL
    fi
fi
phase_done "postgresql"

# ---------------------------------------------------------------------------
# 4. Checks and tests
# ---------------------------------------------------------------------------
step "qt check, ruff and lint-imports"
export QT_QPA_PLATFORM=offscreen

# Fail early and clearly when Qt's system libraries are missing.
.venv/bin/python -c 'from PySide6.QtWidgets import QApplication; QApplication([])' ||
    die "Qt cannot start offscreen: a system library is missing (see the error above)"

lint_rc=0
.venv/bin/ruff check --no-cache --output-format concise || lint_rc=$?
.venv/bin/lint-imports --no-cache --no-logo || lint_rc=$?
phase_done "qt check, ruff and lint-imports"

step "pytest"
test_rc=0
.venv/bin/python -m pytest "$@" || test_rc=$?
phase_done "pytest"

if ((test_rc == 5)); then
    warn "pytest collected no tests (exit code 5): counted as a failure"
elif ((test_rc != 0)); then
    warn "pytest failed (exit code $test_rc)"
fi
((lint_rc == 0)) || warn "ruff or lint-imports found a fault (exit code $lint_rc; their report is above)"
((test_rc != 0)) && exit "$test_rc"
exit "$lint_rc"
