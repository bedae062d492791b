#!/usr/bin/env bash
# Merit's import + rank + export beside the pandas baseline and a plain csv-crate read, on
# files from /work/shared/bench/gen_candidates.py (override with BENCH_DIR). Median of 3
# runs per cell; peak memory from /usr/bin/time -v. Needs `pip install pandas`.
# Usage: benches/compare.sh [SIZES...]   (default: 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-/work/shared/bench}
WORK=${WORK:-$(mktemp -d)}
SIZES=${*:-100000 1000000}
cargo build --release --quiet --example pipeline --example csv_read
PIPE=target/release/examples/pipeline
READ=target/release/examples/csv_read

# median of three runs of "$@": prints "seconds peak_MiB" (seconds from the program's own
# JSON "total", which leaves out Python's start-up and pandas' import).
measure() {
  local times=() mems=()
  for _ in 1 2 3; do
    local out
    out=$( { /usr/bin/time -v "$@" 2>"$WORK/time.txt"; } )
    times+=("$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["total"])' "$out")")
    mems+=("$(awk '/Maximum resident/ {print int($6/1024)}' "$WORK/time.txt")")
  done
  printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | sort -g | sed -n 2p)" \
                   "$(printf '%s\n' "${mems[@]}" | sort -g | sed -n 2p)"
}

echo "| rows | encoding | pandas s | csv read s | Merit s | Merit / pandas | Merit / csv read | pandas MiB | Merit MiB |"
echo "|---|---|---|---|---|---|---|---|---|"
for n in $SIZES; do
  for enc in utf-8 gbk; do
    f="$WORK/cand-$n-$enc.csv"
    [ -f "$f" ] || python3 "$BENCH_DIR/gen_candidates.py" "$n" "$f" --encoding "$enc" >/dev/null
    read -r tp mp < <(measure python3 "$BENCH_DIR/pandas_baseline.py" "$f" "$WORK/out-pandas.csv" "$enc")
    read -r tr _ < <(measure "$READ" "$f" "$enc")
    read -r tm mm < <(measure "$PIPE" "$f" "$WORK/out-merit.csv" benches/candidates_scheme.ron benches/candidates.mapping "$enc")
    python3 - "$n" "$enc" "$tp" "$tr" "$tm" "$mp" "$mm" <<'PY'
import sys
n, enc, tp, tr, tm, mp, mm = sys.argv[1:]
tp, tr, tm = float(tp), float(tr), float(tm)
print(f"| {int(n):,} | {enc} | {tp:.2f} | {tr:.3f} | {tm:.2f} | {tm/tp:.2f}x | {tm/tr:.1f}x | {mp} | {mm} |")
PY
  done
done
