#!/bin/sh
# Fuzz vrlint for TOTAL seconds (default 3900), restarting libFuzzer after a
# timeout or an out-of-memory stop so the budget is always used in full.
# Usage: fuzz/run.sh [TOTAL_SECONDS]   (from the repository root)
set -u
TOTAL=${1:-3900}
PY=${PYTHON:-/work/venv/bin/python}
ART=${ARTIFACTS:-/tmp/fuzz-artifacts}
WORK=${CORPUS:-/tmp/fuzz-corpus}
mkdir -p "$ART" "$WORK"
export VRLINT_FUZZ_KEEP_GOING=1
export VRLINT_FUZZ_FINDINGS="$ART/findings"
export VRLINT_FUZZ_STATS="$ART/stats.json"
start=$(date +%s)
run=0
while :; do
    now=$(date +%s)
    left=$((TOTAL - (now - start)))
    [ "$left" -le 5 ] && break
    run=$((run + 1))
    echo "=== run $run: $left s left ($(date -u +%H:%M:%S)) ==="
    "$PY" fuzz/fuzz_vrlint.py "$WORK" fuzz/seeds \
        -max_total_time="$left" -max_len=8192 -timeout=20 -rss_limit_mb=4096 \
        -artifact_prefix="$ART/" -print_final_stats=1
    echo "=== run $run exited with $? ==="
done
echo "=== fuzzing done after $(( $(date +%s) - start )) s ==="
