#!/usr/bin/env bash
# Set up and start 提案通 from this source tree on a Debian/Ubuntu desktop:
#
#     bash installer/start.sh [--demo] [--db FILE]
#
# installs the missing system packages (Qt's runtime and screen libraries, a Chinese font),
# creates .venv with the program, and starts it.  With --demo, an empty default database
# becomes a demo county office (2,000 proposals) instead of showing the first-run wizard.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
TIAN_SCRIPT=start.sh
source installer/packages.sh
step "packages"
ensure_packages "${QT_RUNTIME[@]}" "${QT_DESKTOP[@]}" python3-venv
step ".venv"
ensure_venv
step "the program"
exec .venv/bin/tian "$@"
