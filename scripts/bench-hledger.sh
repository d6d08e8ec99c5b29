#!/usr/bin/env bash
# Compares loading a Krav store with `hledger bal` on equivalent data.
#
#   scripts/bench-hledger.sh [EVENTS] [CUSTOMERS]     (defaults: 1000000 100000)
#
# Generates a synthetic store and an hledger journal with about one posting per event
# (krav-bench generate --hledger), then times `hledger -f FILE bal` (hyperfine if present, else
# /usr/bin/time) against `krav-bench load` (full load + fold, and load with a snapshot, five
# times each: median and best), and
# prints the figures and the ratios. Installs hledger with apt-get if it is missing.
set -euo pipefail
events=${1:-1000000}
customers=${2:-100000}
cd "$(dirname "$0")/.."

if ! command -v hledger >/dev/null; then
  echo "hledger missing: installing it with apt-get" >&2
  apt-get update -qq && apt-get install -y -qq hledger
fi

swift build -c release --product krav-bench >&2
bench=.build/release/krav-bench
work=$(mktemp -d /tmp/krav-bench-hledger.XXXXXX)
trap 'rm -rf "$work"' EXIT

"$bench" generate --events "$events" --customers "$customers" --out "$work/store" \
  --hledger "$work/ledger.journal"

# Seconds (wall clock) of a command, best of 3, via hyperfine if present.
time_cmd() {
  if command -v hyperfine >/dev/null; then
    hyperfine --runs 3 --warmup 1 --export-json "$work/h.json" "$1" >&2
    python3 -c 'import json,sys; print(min(json.load(open(sys.argv[1]))["results"][0]["times"]))' \
      "$work/h.json"
  else
    best=""
    for _ in 1 2 3; do
      /usr/bin/time -f %e -o "$work/t" bash -c "$1" >/dev/null 2>&1
      t=$(cat "$work/t")
      if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $t < $best else 1)"; then best=$t; fi
    done
    echo "$best"
  fi
}

echo "hledger: $(hledger --version | head -1)"
hledger_s=$(time_cmd "hledger -f $work/ledger.journal bal >/dev/null")
echo "hledger -f FILE bal: $hledger_s s (best of 3)"

# In-process times, for the minimal fold (what the store costs) and the app's Ledger: the
# load alone and the load with the first screen (the queue, for the Ledger), which is what the
# targets time. Each phase runs five times (median and best): this machine's speed varies from
# minute to minute by more than the margins measured.
#
#   five_runs PHASE FOLD UNIT: prints "median-load median-screen best-screen" for PHASE
#   (full or snapshot), reading the figures given in UNIT (s or ms).
five_runs() {
  : > "$work/runs.txt"
  for _ in 1 2 3 4 5; do
    "$bench" load --store "$work/store" --phase "$1" --fold "$2" | tee "$work/run.txt" >&2
    echo "$(sed -n "s/^\(full load + fold\|load with snapshot\) .* in \([0-9.]*\) $3 .*/\2/p" \
      "$work/run.txt")" \
      "$(sed -n "s/^  + first screen .*: \([0-9.]*\) $3 in all.*/\1/p" "$work/run.txt")" \
      >> "$work/runs.txt"
  done
  python3 -c 'import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
load, screen = [float(r[0]) for r in rows], [float(r[1]) for r in rows]
print(statistics.median(load), statistics.median(screen), min(screen))' "$work/runs.txt"
}

declare -A full full_q snap snap_q proc_full proc_snap
for fold in balances ledger; do
  read -r load screen best < <(five_runs full $fold s)
  full[$fold]=$load
  full_q[$fold]="$screen $best"
  read -r load screen best < <(five_runs snapshot $fold ms)
  snap[$fold]=$load
  snap_q[$fold]="$screen $best"
  # Whole-process times too (start-up, open, load, first screen, exit), comparable with
  # hledger's.
  proc_full[$fold]=$(time_cmd "$bench load --store $work/store --phase full --fold $fold")
  proc_snap[$fold]=$(time_cmd "$bench load --store $work/store --phase snapshot --fold $fold")
done

for fold in balances ledger; do
  # shellcheck disable=SC2086  # full_q and snap_q hold two numbers: median and best
  python3 - "$fold" "$hledger_s" "${full[$fold]}" ${full_q[$fold]} "${snap[$fold]}" \
    ${snap_q[$fold]} "${proc_full[$fold]}" "${proc_snap[$fold]}" <<'PY'
import sys
fold = sys.argv[1]
h, full, full_q, full_q_best, snap_ms, snap_q_ms, snap_q_best_ms, pf, ps = (
    float(x) for x in sys.argv[2:])
snap, snap_q, snap_q_best = snap_ms / 1000, snap_q_ms / 1000, snap_q_best_ms / 1000
print(f"--- fold: {fold}")
print(f"hledger bal:                   {h:.3f} s")
print(f"krav full load + fold:         {full:.3f} s  ({h / full:.0f}x faster, median of 5)")
print(f"  + first screen:              {full_q:.3f} s  ({h / full_q:.0f}x faster, median of 5; "
      f"best {full_q_best:.3f} s, {h / full_q_best:.0f}x; target 50x)")
print(f"krav load with snapshot:       {snap:.4f} s ({h / snap:.0f}x faster, median of 5)")
print(f"  + first screen:              {snap_q:.4f} s ({h / snap_q:.0f}x faster, median of 5; "
      f"best {snap_q_best:.4f} s, {h / snap_q_best:.0f}x; target 300x)")
print(f"krav-bench process, full:      {pf:.3f} s  (also writes the snapshot)")
print(f"krav-bench process, snapshot:  {ps:.3f} s  ({h / ps:.0f}x faster, whole processes)")
PY
done
