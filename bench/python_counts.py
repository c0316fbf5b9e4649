"""`policing.counts` from Python on a street file, printed as `force,outcome,count` sorted (as
`policing counts` and bench/polars_counts.py print it), for whole-process timing beside them:

    python3 bench/interleave.py 15 "target/release/policing counts street-6m.csv" \
        "venv/bin/python bench/python_counts.py street-6m.csv" "venv/bin/python bench/polars_counts.py street-6m.csv"
"""

import sys

import policing

table, rejections = policing.counts(sys.argv[1])
rows = sorted(zip(*(table.column(c).to_pylist() for c in ("force", "outcome", "count"))), key=lambda r: (r[0], r[1] or ""))
out = ["force,outcome,count"] + [f"{f},{o if o is not None else ''},{n}" for f, o, n in rows]
sys.stdout.write("\n".join(out) + "\n")
