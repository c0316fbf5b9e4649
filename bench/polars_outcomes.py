# The tracked-outcomes task of BENCHMARKS.md in polars: for every crime in the street file
# (anti-social behaviour excluded), its latest outcome in the outcomes file (greatest outcome
# month, ties broken by the later row), or "No outcome recorded"; counted by force ("Falls
# within") and outcome; printed as force,outcome,count sorted by force then outcome.
# Usage: python polars_outcomes.py STREET.csv OUTCOMES.csv
import sys
import polars as pl

street, outcomes = sys.argv[1], sys.argv[2]
crimes = (
    pl.scan_csv(street, infer_schema=False)
    .filter(pl.col("Crime type") != "Anti-social behaviour")
    .select(pl.col("Crime ID").alias("id"), pl.col("Falls within").alias("force"))
)
latest = (
    pl.scan_csv(outcomes, infer_schema=False)
    .with_row_index("row")
    .group_by(pl.col("Crime ID").alias("id"))
    .agg(pl.col("Outcome type").sort_by(["Month", "row"]).last().alias("outcome"))
)
df = (
    crimes.join(latest, on="id", how="left")
    .with_columns(pl.col("outcome").fill_null("No outcome recorded"))
    .group_by(["force", "outcome"])
    .len()
    .collect()
)
rows = sorted(df.iter_rows())
out = ["force,outcome,count"] + [f"{f},{o},{n}" for f, o, n in rows]
sys.stdout.write("\n".join(out) + "\n")
