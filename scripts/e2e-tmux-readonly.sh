#!/usr/bin/env bash
# Issue 16, point 12: the TUI opens a store it cannot write (here journal/ made immutable with
# chattr +i, which even root cannot write into) read-only, with the reason in the title bar.
# On 0c0305c it refused to start ("Operation not permitted").
# Usage: scripts/e2e-tmux-readonly.sh [path/to/krav]   (default .build/debug/krav)
set -euo pipefail
source "$(dirname "$0")/e2e-lib.sh" "$@"
export KRAV_TODAY=2026-11-30
command -v chattr >/dev/null || { echo "SKIP: chattr is not installed"; exit 0; }
keep_server
"$KRAV" demo --no-tui --seed 7 --customers 20 >/dev/null 2>&1
if ! chattr +i "$STORE/journal" 2>/dev/null; then echo "SKIP: chattr +i not permitted here"; exit 0; fi
trap 'chattr -i "$STORE/journal" 2>/dev/null || true; cleanup' EXIT
tm new-session -d -s krav -x 120 -y 30 "$KRAV --as kari --lang nb; echo EXITED:\$?; sleep 60"
wait_for "SKRIVEBESKYTTET (ingen skrivetilgang)"
wait_for "Ringeliste"
pass "the TUI opened read-only with the reason in the title bar"
tm send-keys -t krav q
wait_for "EXITED:0"
pass "quits normally"
echo "read-only checks passed"
