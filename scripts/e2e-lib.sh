# Shared set-up for the tmux end-to-end scripts (scripts/e2e-*tmux*.sh); source it, do not run it:
#   E2E_SESSION=plan   # optional: the tmux session the helpers look at (default krav)
#   source "$(dirname "$0")/e2e-lib.sh" "$@"
# It resolves the krav binary from the first argument (default .build/debug/krav), skips when tmux
# is missing, makes a temporary work folder with a private tmux server (removed on exit; KEEP=1
# keeps the folder for debugging), exports LANG/TERM/KRAV_STORE and unsets NO_COLOR and LC_ALL.
# Each script then exports its own KRAV_TODAY/KRAV_USER and runs its own steps.
set -euo pipefail
KRAV=$(realpath "${1:-.build/debug/krav}")
command -v tmux >/dev/null || { echo "SKIP: tmux is not installed"; exit 0; }
[ -x "$KRAV" ] || { echo "FAIL: no krav binary at $KRAV (run swift build)"; exit 1; }

work=$(mktemp -d)
sock="$work/tmux.sock"
STORE="$work/store"
E2E_SESSION=${E2E_SESSION:-krav}
tm() { tmux -S "$sock" -f /dev/null "$@"; }
cleanup() { tm kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT; [ -n "${KEEP:-}" ] && trap "tm kill-server 2>/dev/null; echo kept $work" EXIT
export LANG=C.UTF-8 TERM=xterm-256color KRAV_STORE=$STORE
unset NO_COLOR LC_ALL

screen() { tm capture-pane -p -t "$E2E_SESSION" 2>/dev/null; }
# wait_for TEXT [SECONDS]: poll the pane every 20 ms until TEXT shows up; print the screen if not.
wait_for() {
  local text=$1 deadline=$((SECONDS + ${2:-10}))
  while [ $SECONDS -lt $deadline ]; do
    if screen | grep -qF -- "$text"; then return 0; fi
    sleep 0.02
  done
  echo "FAIL: '$text' did not appear. Screen:"; screen; exit 1
}
# wait_gone TEXT [SECONDS]: the opposite of wait_for.
wait_gone() {
  local text=$1 deadline=$((SECONDS + ${2:-10}))
  while [ $SECONDS -lt $deadline ]; do
    if ! screen | grep -qF -- "$text"; then return 0; fi
    sleep 0.02
  done
  echo "FAIL: '$text' is still on screen:"; screen; exit 1
}
pass() { echo "ok - $1"; }
# setup ARGS...: run a krav command for the set-up, output discarded; E2E_SETUP_ARGS (e.g.
# "--now 2026-11-30T00:00") is appended to every such command.
setup() { "$KRAV" "$@" ${E2E_SETUP_ARGS:-} >/dev/null; }
# keep_server: an idle session keeps the private tmux server alive while test sessions come and go.
keep_server() { tm new-session -d -s keep -x 80 -y 24 "sleep 600"; }
# to_customers: the app opens on the call list; c shows the customers.
to_customers() {
  wait_for "Ringeliste"
  tm send-keys -t "$E2E_SESSION" c
  wait_for "Kunder med forfalte krav"
}
