#!/usr/bin/env bash
# Whole-process comparison of `policing counts` with polars, as written up in BENCHMARKS.md.
# Needs hyperfine and python3; installs polars into bench/venv; generated files go to bench/data/
# (ignored by git). Usage: bash bench/compare.sh [ROWS...]   (default: 1000000 6000000)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=("${@:-1000000 6000000}")
mkdir -p bench/data
[ -x bench/venv/bin/python ] || { python3 -m venv bench/venv && bench/venv/bin/pip install -q polars; }
cargo build --release -p policing-cli
for n in ${rows[*]}; do
  f="bench/data/street-$n.csv"
  [ -f "$f" ] || python3 bench/gen_street.py "$n" "$f" --seed 1
  target/release/policing counts "$f" 2>/dev/null > bench/data/policing-$n.out
  bench/venv/bin/python bench/polars_counts.py "$f" > bench/data/polars-$n.out
  cmp bench/data/policing-$n.out bench/data/polars-$n.out && echo "identical counts for $n rows"
  hyperfine -w 2 -r 15 -N "target/release/policing counts $f" "bench/venv/bin/python bench/polars_counts.py $f" "wc -l $f"
  for tool in "target/release/policing counts $f" "bench/venv/bin/python bench/polars_counts.py $f"; do
    /usr/bin/time -f "%M KB peak: $tool" $tool > /dev/null
  done
done
