"""Peer for `policing counts`: polars lazy CSV scan, crime rows only, grouped by
force and last outcome category, counted; printed as force,outcome,count sorted."""
import sys
import polars as pl

path = sys.argv[1]
df = (
    pl.scan_csv(path, infer_schema=False)
    .filter(pl.col("Crime type") != "Anti-social behaviour")
    .group_by(["Falls within", "Last outcome category"])
    .len()
    .collect()
)
df = df.with_columns(pl.col("Last outcome category").fill_null(""))
rows = sorted(df.iter_rows())
out = ["force,outcome,count"] + [f"{f},{o},{n}" for f, o, n in rows]
sys.stdout.write("\n".join(out) + "\n")
