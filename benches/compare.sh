#!/usr/bin/env bash
# Merit's import + rank + export beside the pandas baseline and two plain csv-crate
# programs, on files from /work/shared/bench/gen_candidates.py (override with BENCH_DIR).
#
#   pandas     /work/shared/bench/pandas_baseline.py: read, normalize, rank, sort, write
#   csv work   examples/csv_pipeline.rs: the same work with the csv crate and nothing else
#   csv read   examples/csv_read.rs: only a read of the file (decode, split, six numbers)
#   Merit      examples/pipeline.rs: what `merit rank FILE --scheme S --format csv` does
#              (every check of an import, exact totals, reasons), in process
#
# Median of 3 runs per cell; seconds from each program's own JSON "total" (which leaves
# out Python's start-up and pandas' import); peak memory from /usr/bin/time -v.
# Needs `pip install pandas`. Usage: benches/compare.sh [SIZES...] (default 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-/work/shared/bench}
WORK=${WORK:-$(mktemp -d)}
SIZES=${*:-100000 1000000}
cargo build --release --quiet --example pipeline --example csv_read --example csv_pipeline
EXAMPLES=target/release/examples

# median of three runs of "$@": prints "seconds peak_MiB"
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

echo "| rows | encoding | pandas s | csv work s | csv read s | Merit s | pandas / Merit | Merit / csv work | Merit / csv read | pandas MiB | csv work MiB | Merit MiB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for n in $SIZES; do
  for enc in utf-8 gbk; do
    f="$WORK/cand-$n-$enc.csv"
    [ -f "$f" ] || python3 "$BENCH_DIR/gen_candidates.py" "$n" "$f" --encoding "$enc" >/dev/null
    read -r tp mp < <(measure python3 "$BENCH_DIR/pandas_baseline.py" "$f" "$WORK/out-pandas.csv" "$enc")
    read -r tw mw < <(measure "$EXAMPLES/csv_pipeline" "$f" "$WORK/out-csv.csv" "$enc")
    read -r tr _ < <(measure "$EXAMPLES/csv_read" "$f" "$enc")
    read -r tm mm < <(measure "$EXAMPLES/pipeline" "$f" "$WORK/out-merit.csv" benches/candidates_scheme.ron benches/candidates.mapping "$enc")
    python3 - "$n" "$enc" "$tp" "$tw" "$tr" "$tm" "$mp" "$mw" "$mm" <<'PY'
import sys
n, enc, tp, tw, tr, tm, mp, mw, mm = sys.argv[1:]
tp, tw, tr, tm = float(tp), float(tw), float(tr), float(tm)
print(f"| {int(n):,} | {enc} | {tp:.3f} | {tw:.3f} | {tr:.3f} | {tm:.3f} | {tp/tm:.1f}x | {tm/tw:.2f}x | {tm/tr:.1f}x | {mp} | {mw} | {mm} |")
PY
  done
done
