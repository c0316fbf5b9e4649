"""The Python package against the command-line tool: for the same arguments, every value and
type of each function's table equals the tool's CSV; Parquet written by the tool reads back in
pyarrow and polars equal to its CSV; counts on real data.police.uk files equal a pandas groupby;
bad input raises the library's errors.

The tool is the `policing` binary built from the same clone (POLICING_BIN, or target/debug or
target/release).
"""

import io
import json
import os
import random
import subprocess
import zipfile
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import policing

ROOT = Path(__file__).resolve().parents[3]
RAW = ROOT / "data" / "raw"


def binary() -> str:
    if os.environ.get("POLICING_BIN"):
        return os.environ["POLICING_BIN"]
    for profile in ("debug", "release"):
        p = ROOT / "target" / profile / "policing"
        if p.exists():
            return str(p)
    pytest.skip("no policing binary: cargo build -p policing-cli")


def cli_csv(*args: str) -> pl.DataFrame:
    out = subprocess.run([binary(), "-q", *args, "--format", "csv"], capture_output=True, check=True, cwd=ROOT)
    return pl.read_csv(io.BytesIO(out.stdout), infer_schema_length=None)


def same(table: pa.Table, csv: pl.DataFrame) -> None:
    """Every column of the CSV is in the table, with its values and a type of its kind."""
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    assert [c for c in frame.columns if c != "series"] == csv.columns
    for name in csv.columns:
        a, b = frame[name], csv[name]
        if b.dtype == pl.String or a.dtype == pl.String:
            # Text stays text; polars reads an all-empty CSV column as text too.
            assert a.dtype in (pl.String, pl.Null) or b.null_count() == len(b), name
            # The CSV neutralises text a spreadsheet would run as a formula ("'+5.4"); typed outputs keep it.
            typed = [("'" + v if v[:1] in ("=", "+", "-", "@", "\t", "\r") else v) for v in a.cast(pl.String).fill_null("").to_list()]
            assert typed == b.cast(pl.String).fill_null("").to_list(), name
        elif b.dtype.is_integer():
            assert a.dtype == pl.Int64, (name, a.dtype)
            assert a.to_list() == b.to_list(), name
        else:
            assert a.dtype in (pl.Float64, pl.Int64), (name, a.dtype)
            assert a.cast(pl.Float64).to_list() == b.cast(pl.Float64).to_list(), name


def test_version_is_the_crates():
    cargo = (ROOT / "Cargo.toml").read_text()
    version = next(l.split('"')[1] for l in cargo.splitlines() if l.startswith("version = "))
    assert policing.__version__ == version


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_profile_equals_the_tools_csv(seed):
    rng = random.Random(seed)
    force = rng.choice(["wiltshire", "dorset", "metropolitan", "dyfed-powys", "city-of-london", "west-yorkshire"])
    to = rng.choice(["2014-03", "2015-09", "2016-06", "2017-12", "2018-03"])
    table = policing.profile(force, to, compare_with="region")
    same(table, cli_csv("profile", "--force", force, "--to", to, "--compare-with", "region"))
    # Typed, not text: ranks are integers, rates floats.
    assert table.schema.field("rank").type == pa.int64()
    assert table.schema.field("rate").type == pa.float64()
    series = json.loads(table.column("series")[0].as_py())
    assert {"period", "count", "denominator", "rate"} <= set(series[0])
    assert table.schema.metadata[b"period"].decode().startswith("12 months to")


@pytest.mark.parametrize("seed", [4, 5])
def test_crime_equals_the_tools_csv(seed):
    rng = random.Random(seed)
    to = rng.choice(["2013-06", "2015-12", "2016-06", "2018-03"])
    measures = rng.sample(["recorded_crime_excl_fraud", "robbery", "sexual_offences", "homicide"], 2)
    table = policing.crime(to, measures=measures)
    args = ["crime", "--to", to]
    for m in measures:
        args += ["--measure", m]
    same(table, cli_csv(*args))
    assert table.schema.field("count").type == pa.int64()


def test_profiles_of_every_force():
    t = policing.profiles("2016-06")
    assert len(set(t.column("force").to_pylist())) == 43
    same(t, cli_csv("profile", "--all", "--to", "2016-06"))


def test_counts_equal_a_pandas_groupby(tmp_path):
    folder = RAW / "berlinhack-cityoflondon"
    table, rejections = policing.counts(str(folder), from_="2016-04", to="2016-06")
    same(table, cli_csv("counts", str(folder), "--from", "2016-04", "--to", "2016-06"))
    # pandas on the same files: crimes by force and last outcome.
    frames = []
    for p in sorted(folder.rglob("*street.csv")):
        month = p.name[:7]
        if "2016-04" <= month <= "2016-06":
            frames.append(pd.read_csv(p, dtype=str, keep_default_na=False))
    for z in sorted(folder.rglob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                if name.endswith("street.csv") and "2016-04" <= Path(name).name[:7] <= "2016-06":
                    frames.append(pd.read_csv(zf.open(name), dtype=str, keep_default_na=False))
    if not frames:
        pytest.skip("no street files for the months in the folder")
    df = pd.concat(frames)
    df = df[df["Crime type"] != "Anti-social behaviour"]  # incidents, not crimes
    want = df.groupby("Falls within").size().to_dict()
    got = pl.from_arrow(table).group_by("force").agg(pl.col("count").sum())
    got = dict(zip(got["force"].to_list(), got["count"].to_list()))
    assert rejections.num_rows == 0
    assert got == want
    by_outcome = df.assign(outcome=df["Last outcome category"].replace("", None)).groupby(
        ["Falls within", "outcome"], dropna=False
    ).size()
    assert sorted(pl.from_arrow(table)["count"].to_list()) == sorted(by_outcome.to_list())
    assert isinstance(rejections, pa.Table) and rejections.column_names[:3] == ["file", "line", "reason"]


def test_compare_on_a_dataframe_equals_the_funnel_command(tmp_path):
    crime = pl.from_arrow(policing.crime("2016-06", measures=["recorded_crime_excl_fraud"]))
    frame = crime.filter(pl.col("denominator").is_not_null() & (pl.col("force") != "England and Wales"))
    frame = frame.select("force", "count", "denominator")
    table = policing.compare(frame, "force", "count", "denominator")
    path = tmp_path / "units.csv"
    frame.write_csv(path)
    same(
        table,
        cli_csv(
            "funnel", "--input", str(path), "--key", "force", "--numerator", "count",
            "--denominator", "denominator", "--statistic", "rate", "--overdispersion",
        ),
    )
    # A pandas frame and a dict of columns do as well.
    assert policing.compare(frame.to_pandas(), "force", "count", "denominator").num_rows == frame.height
    with pytest.raises(policing.UsageError, match="no column"):
        policing.compare(frame, "force", "crimes", "denominator")


def test_report_ledger():
    t = policing.report("wiltshire-2016")
    assert {"id", "printed", "computed", "verdict"} <= set(t.column_names)
    assert "reproduced" in set(t.column("verdict").to_pylist())


def test_report_check_retargets_the_template_and_scans_the_text():
    reports = ROOT / "crates" / "policing-peel" / "reports"
    # The template for Dorset: each computed value is Dorset's profile value (the 2016 reports' populations).
    t = policing.report_check(reports / "template-effectiveness-2016.tsv", force="dorset")
    rows = {r["id"]: r for r in t.to_pylist()}
    assert rows["fig2.crime.w"]["verdict"] == "not transcribed"
    p = {
        r["measure"]: r
        for r in policing.profile("dorset", "2016-06", populations="mid-2015-original").to_pylist()
        if r["section"] == "recorded crime"
    }
    assert float(rows["fig2.crime.w"]["computed"]) == round(p["recorded_crime_excl_fraud"]["rate"], 4)
    assert float(rows["crime.one.w"]["computed"]) == round(p["recorded_crime_excl_fraud"]["previous_year_change"], 4)
    # The Wiltshire ledger with its text and rules: the same verdicts as the shipped report, nothing missing.
    w = policing.report_check(
        reports / "wiltshire-2016.tsv", text=reports / "wiltshire-2016.txt", rules=reports / "wiltshire-2016-scan.tsv"
    )
    assert w.column("verdict").to_pylist() == policing.report("wiltshire-2016").column("verdict").to_pylist()
    assert b"everything else is covered by a reasoned rule" in w.schema.metadata[b"notes"]
    with pytest.raises(policing.DataError, match="#@ force:"):
        policing.report_check(reports / "template-effectiveness-2016.tsv")


def test_errors_are_the_librarys():
    with pytest.raises(policing.UsageError, match="did you mean Wiltshire Police"):
        policing.profile("wiltshrie", "2016-06")
    with pytest.raises(policing.UsageError, match="not held|holds"):
        policing.crime("2030-06")
    with pytest.raises(policing.PolicingError, match="no-such-folder"):
        policing.counts("/no-such-folder")
    assert issubclass(policing.UsageError, policing.PolicingError)
    assert issubclass(policing.DataError, policing.PolicingError)


@pytest.mark.parametrize(
    "args",
    [
        ["crime", "--to", "2016-06"],
        ["profile", "--all", "--to", "2016-06"],
        ["counts", str(RAW / "berlinhack-cityoflondon"), "--from", "2016-04", "--to", "2016-06"],
        ["report", "wiltshire-2016"],
    ],
)
def test_parquet_reads_back_equal_to_the_csv(tmp_path, args):
    path = tmp_path / "out.parquet"
    subprocess.run([binary(), "-q", *args, "-o", str(path)], check=True, cwd=ROOT)
    csv = cli_csv(*args)
    same(pq.read_table(path), csv)
    same(pl.read_parquet(path).to_arrow(), csv)
    meta = pq.read_metadata(path).metadata
    assert b"command" in meta and b"version" in meta


def readme_blocks(language: str):
    text = (ROOT / "README.md").read_text()
    blocks, current = [], None
    for line in text.splitlines():
        if line.strip().startswith("```"):
            if current is None:
                current = (line.strip()[3:].strip(), [])
            else:
                if current[0] == language:
                    blocks.append("\n".join(current[1]))
                current = None
        elif current is not None:
            current[1].append(line)
    return blocks


def test_the_readmes_python_runs_as_written():
    blocks = readme_blocks("python")
    assert blocks, "the README has a From Python example"
    for code in blocks:
        exec(compile(code, "README.md", "exec"), {})


def test_the_readmes_r_reads_columns_the_parquet_has(tmp_path):
    # R is not on the machine: check that what the R example names is in the file it reads.
    (code,) = readme_blocks("r")
    path = tmp_path / "profiles-2016-06.parquet"
    subprocess.run([binary(), "-q", "profile", "--all", "--to", "2016-06", "-o", str(path)], check=True, cwd=ROOT)
    columns = set(pq.read_schema(path).names)
    for name in ("force", "label", "rate", "england_and_wales_rate", "significance"):
        assert name in code and name in columns
