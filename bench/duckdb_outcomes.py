# The tracked-outcomes task of BENCHMARKS.md in duckdb: for every crime in the street file
# (anti-social behaviour excluded), its latest outcome in the outcomes file (greatest outcome
# month, ties broken by the later row), or "No outcome recorded"; counted by force ("Falls
# within") and outcome; printed as force,outcome,count sorted by force then outcome.
# Usage: python duckdb_outcomes.py STREET.csv OUTCOMES.csv
import sys
import duckdb

street, outcomes = sys.argv[1], sys.argv[2]
con = duckdb.connect()
rows = con.execute(
    """
    WITH crimes AS (
        SELECT "Crime ID" AS id, "Falls within" AS force
        FROM read_csv(?, header = true, all_varchar = true)
        WHERE "Crime type" <> 'Anti-social behaviour'
    ),
    o AS (
        -- the row's place in the file: duckdb keeps a scan's insertion order
        SELECT "Crime ID" AS id, "Month" AS month, "Outcome type" AS outcome, row_number() OVER () AS row
        FROM read_csv(?, header = true, all_varchar = true)
    ),
    latest AS (
        SELECT id, arg_max(outcome, (month, row)) AS outcome FROM o GROUP BY id
    )
    SELECT force, coalesce(latest.outcome, 'No outcome recorded') AS outcome, count(*) AS n
    FROM crimes LEFT JOIN latest USING (id)
    GROUP BY ALL
    """,
    [street, outcomes],
).fetchall()
out = ["force,outcome,count"] + [f"{f},{o},{n}" for f, o, n in sorted(rows)]
sys.stdout.write("\n".join(out) + "\n")
