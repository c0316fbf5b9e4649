#!/usr/bin/env bash
# Whole-process comparison of `policing outcomes --street --outcomes` (tracked outcomes) with
# duckdb and polars, as written up in BENCHMARKS.md. Needs hyperfine and python3; installs
# duckdb and polars into bench/venv; generated files go to bench/data/ (ignored by git).
# Usage: bash bench/compare_outcomes.sh [ROWS...]   (default: 1000000 6000000)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=("${@:-1000000 6000000}")
mkdir -p bench/data
[ -x bench/venv/bin/python ] || python3 -m venv bench/venv
bench/venv/bin/python -c "import duckdb, polars" 2>/dev/null || bench/venv/bin/pip install -q duckdb polars
cargo build --release -p policing-cli
for n in ${rows[*]}; do
  s="bench/data/street-$n.csv"
  o="bench/data/outcomes-$n.csv"
  [ -f "$s" ] || python3 bench/gen_street.py "$n" "$s" --seed 1
  [ -f "$o" ] || python3 bench/gen_outcomes.py "$s" "$o" --seed 1
  target/release/policing -q outcomes --street "$s" --outcomes "$o" > bench/data/tracked-policing-$n.out
  bench/venv/bin/python bench/duckdb_outcomes.py "$s" "$o" > bench/data/tracked-duckdb-$n.out
  bench/venv/bin/python bench/polars_outcomes.py "$s" "$o" > bench/data/tracked-polars-$n.out
  cmp bench/data/tracked-policing-$n.out bench/data/tracked-duckdb-$n.out
  cmp bench/data/tracked-policing-$n.out bench/data/tracked-polars-$n.out
  echo "identical tracked outcomes from all three for $n street rows"
  hyperfine -w 1 -r 5 -N \
    "target/release/policing -q outcomes --street $s --outcomes $o" \
    "bench/venv/bin/python bench/duckdb_outcomes.py $s $o" \
    "bench/venv/bin/python bench/polars_outcomes.py $s $o"
  for tool in "target/release/policing -q outcomes --street $s --outcomes $o" \
              "target/release/policing -q outcomes --street $s --outcomes $o --memory 64M" \
              "bench/venv/bin/python bench/duckdb_outcomes.py $s $o" \
              "bench/venv/bin/python bench/polars_outcomes.py $s $o"; do
    /usr/bin/time -f "%M KB peak, %e s: $tool" $tool > /dev/null
  done
done
