"""A force's profile from Python, step by step, as a notebook would run it.

    pip install ./crates/policing-py polars
    python examples/python/force_profile.py

Each step prints what an analyst would look at: the profile's flagged rows, its sections'
periods, a funnel on the force's own data, and the same table written as Parquet for R users.
"""

import json
import tempfile
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

import policing

# 1. Wiltshire's profile for the 12 months to June 2016, with its region as a comparison group.
profile = pl.from_arrow(policing.profile("wiltshire", "2016-06", compare_with="region"))
print(profile.shape, "rows x columns")

# 2. Each section states its own period: outcomes are for the latest calendar year ending by then.
print(profile.group_by("section", maintain_order=True).agg(pl.col("period").first()))

# 3. What stands out: rows flagged against England and Wales, and rows whose one-year change
#    differs from England and Wales's beyond the spread of forces.
flagged = profile.filter(pl.col("significance").is_in(["High (0.001)", "High (0.025)", "Low (0.025)", "Low (0.001)"]))
print(flagged.select("label", "rate", "england_and_wales_rate", "significance"))
changed = profile.filter(pl.col("change_against_england_and_wales").str.starts_with("Changed"))
print(changed.select("label", "previous_year_change", "change_against_england_and_wales"))

# 4. A row's five-year series (JSON in the `series` column), for a chart of your own.
row = profile.filter(pl.col("measure") == "recorded_crime_excl_fraud").row(0, named=True)
print(pl.DataFrame(json.loads(row["series"])))

# 5. The comparison on a frame of your own: every force's robbery, as a funnel.
robbery = pl.from_arrow(policing.crime("2016-06", measures=["robbery"]))
robbery = robbery.filter(pl.col("denominator").is_not_null() & (pl.col("force") != "England and Wales"))
funnel = pl.from_arrow(policing.compare(robbery, "force", "count", "denominator"))
print(funnel.filter(pl.col("significance") != "Not significant").select("key", "value", "significance"))

# 6. The all-forces dataset as Parquet, for R (arrow::read_parquet) or duckdb.
out = Path(tempfile.mkdtemp()) / "profiles.parquet"
pq.write_table(policing.profiles("2016-06"), out)
print(out, pq.read_metadata(out).num_rows, "rows")
