"""Police effectiveness in England and Wales, as HMIC's PEEL inspections measure it.

Every function returns a ``pyarrow.Table`` (``polars.from_arrow``, ``table.to_pandas()``
and duckdb read it without copies through the Arrow PyCapsule interface) with the same
column names and types as the ``policing`` command-line tool's CSV and JSON: counts and
ranks as integers, rates as floats, labels as strings, empty as null. A table's metadata
(``table.schema.metadata``) holds the period, the sources and the notes the tool prints.

>>> import policing
>>> t = policing.profile("wiltshire", "2016-06")
>>> t.column("force")[0].as_py()
'Wiltshire Police'

Errors are :class:`PolicingError` (:class:`UsageError` for bad arguments, :class:`DataError`
for data that cannot be read) with the library's message.
"""

from __future__ import annotations

import os
import re
import tempfile
from typing import Iterable, Optional, Sequence, Tuple, Union

import pyarrow as pa
import pyarrow.csv as pacsv

from ._policing import DataError, PolicingError, UsageError, __version__, run

__all__ = [
    "profile",
    "profiles",
    "crime",
    "counts",
    "outcomes",
    "compare",
    "report",
    "report_check",
    "PolicingError",
    "UsageError",
    "DataError",
    "__version__",
]

PathLike = Union[str, "os.PathLike[str]"]


def _one(args: Sequence[str]) -> pa.Table:
    tables = run([str(a) for a in args])
    if len(tables) != 1:
        raise DataError(f"expected one table from policing {' '.join(args)}, got {len(tables)}")
    return tables[0]


def _many(flag: str, values: Optional[Iterable[str]]) -> list:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    out = []
    for v in values:
        out += [flag, str(v)]
    return out


def _period(flag: str, value: Optional[str]) -> list:
    return [] if value is None else [flag, str(value)]


def profile(
    force: str,
    to: Optional[str] = None,
    compare_with: Optional[Union[str, Iterable[str]]] = None,
    populations: str = "latest",
    overdispersion: bool = True,
) -> pa.Table:
    """A force's profile: every measure the public data hold, each for its own period.

    ``to`` is the rolling year of the recorded crime figures (``"2016-06"``: the month its
    last quarter ends; default the latest held). ``compare_with`` is ``"region"`` or force
    names, for a comparison group. ``populations`` is ``"latest"`` (ONS, July 2024 edition)
    or ``"mid-2015-original"`` (the 2016 reports' own). One row per measure, the columns of
    ``policing profile -f csv`` and ``series`` (each row's five years, as JSON text).

    >>> import policing
    >>> t = policing.profile("wiltshire", "2016-06", compare_with="region")
    >>> t.num_rows > 40
    True
    """
    args = ["profile", "--force", force] + _period("--to", to) + _many("--compare-with", compare_with)
    args += ["--populations", populations, "--format", "csv"]
    if not overdispersion:
        args.append("--no-overdispersion")
    return _one(args)


def profiles(
    to: Optional[str] = None,
    compare_with: Optional[str] = None,
    populations: str = "latest",
    overdispersion: bool = True,
) -> pa.Table:
    """Every territorial force's profile as one table (a ``force`` column): ``policing profile --all``."""
    args = ["profile", "--all"] + _period("--to", to) + _many("--compare-with", compare_with)
    args += ["--populations", populations, "--format", "csv"]
    if not overdispersion:
        args.append("--no-overdispersion")
    return _one(args)


def crime(
    to: Optional[str] = None,
    measures: Optional[Iterable[str]] = None,
    forces: Optional[Iterable[str]] = None,
    overdispersion: bool = True,
    populations: str = "latest",
) -> pa.Table:
    """Recorded crime by force for a rolling year: ``policing crime -f csv``.

    ``measures``: ``recorded_crime_excl_fraud`` (the default), ``victim_based_crime`` or any
    offence row; ``forces``: names, slugs or ONS codes (England and Wales is always there).

    >>> import policing
    >>> t = policing.crime("2016-06", measures=["robbery"], forces=["wiltshire"])
    >>> t.column("force").to_pylist()
    ['Wiltshire Police', 'England and Wales']
    """
    args = ["crime"] + _period("--to", to) + _many("--measure", measures) + _many("--force", forces)
    args += ["--populations", populations, "--format", "csv"]
    if not overdispersion:
        args.append("--no-overdispersion")
    return _one(args)


_REJECTED = re.compile(r"^rejected (?P<file>.*):(?P<line>\d+): (?P<reason>.*)$")


def _rejections_from_notes(table: pa.Table) -> pa.Table:
    """The rejected rows the tool shows on standard error, as a table."""
    notes = (table.schema.metadata or {}).get(b"notes", b"").decode()
    rows = [m.groupdict() for m in map(_REJECTED.match, notes.splitlines()) if m]
    return pa.table(
        {
            "file": pa.array([r["file"] for r in rows], pa.string()),
            "line": pa.array([int(r["line"]) for r in rows], pa.int64()),
            "reason": pa.array([r["reason"] for r in rows], pa.string()),
        }
    )


def counts(
    paths: Union[PathLike, Sequence[PathLike]],
    from_: Optional[str] = None,
    to: Optional[str] = None,
    by: str = "outcome",
) -> Tuple[pa.Table, pa.Table]:
    """Crimes by force and last outcome (``by``: outcome, crime-type or month) in data.police.uk
    street files, zips or folders: ``policing counts -f csv``. Returns the counts and every
    rejected row (file, line, reason) as a second table.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    with tempfile.TemporaryDirectory() as d:
        rejected = os.path.join(d, "rejections.csv")
        args = ["counts"] + [os.fspath(p) for p in paths] + _period("--from", from_) + _period("--to", to)
        args += ["--by", by, "--rejections", rejected, "--format", "csv"]
        table = _one(args)
        if os.path.exists(rejected) and os.path.getsize(rejected) > 0:
            rejections = pacsv.read_csv(rejected)
        else:
            rejections = _rejections_from_notes(table)
    return table, rejections


def outcomes(
    street: Union[PathLike, Sequence[PathLike]],
    outcomes: Union[PathLike, Sequence[PathLike]],
    from_: Optional[str] = None,
    to: Optional[str] = None,
    memory: Optional[str] = None,
) -> Tuple[pa.Table, pa.Table]:
    """Each crime's last outcome, tracked from the street files into the outcomes files
    (``policing outcomes --street S --outcomes O -f csv``); ``memory`` bounds the memory used
    (``"512M"``). Returns the table and the rejected rows the tool shows.
    """
    street = [street] if isinstance(street, (str, os.PathLike)) else list(street)
    outcomes = [outcomes] if isinstance(outcomes, (str, os.PathLike)) else list(outcomes)
    args = ["outcomes"]
    for s in street:
        args += ["--street", os.fspath(s)]
    for o in outcomes:
        args += ["--outcomes", os.fspath(o)]
    args += _period("--from", from_) + _period("--to", to) + _period("--memory", memory) + ["--format", "csv"]
    table = _one(args)
    return table, _rejections_from_notes(table)


def compare(
    data,
    key: str,
    numerator: str,
    denominator: str,
    statistic: str = "rate",
    overdispersion: bool = True,
) -> pa.Table:
    """The one comparison of the library on your own data: each unit against the pooled value
    on funnel limits (widened for overdispersion unless asked otherwise), with its value, the
    verdict's interval, the chance-alone interval and the funnel lines: ``policing funnel``.

    ``data`` is anything Arrow reads (a ``pyarrow.Table``, a polars or pandas DataFrame, a
    dict of columns). ``statistic`` is ``"rate"`` (per 1,000) or ``"proportion"``.

    >>> import policing
    >>> t = policing.compare({"force": ["A", "B", "C", "D"], "n": [10, 20, 30, 40],
    ...                       "pop": [1000, 1500, 2500, 3000]}, "force", "n", "pop")
    >>> t.column("key").to_pylist()
    ['A', 'B', 'C', 'D']
    """
    if isinstance(data, dict):
        table = pa.table(data)
    elif isinstance(data, pa.Table):
        table = data
    elif hasattr(data, "__arrow_c_stream__"):
        table = pa.table(data)
    elif hasattr(data, "to_arrow"):
        table = data.to_arrow()
    else:
        table = pa.Table.from_pandas(data, preserve_index=False)
    for name in (key, numerator, denominator):
        if name not in table.column_names:
            raise UsageError(f"no column {name!r}; the table has {', '.join(table.column_names)}")
    table = table.select([key, numerator, denominator])
    # Arrow's newer string layouts (polars hands over string views) as plain strings for the CSV writer.
    table = table.cast(
        pa.schema(
            [
                f.with_type(pa.string()) if pa.types.is_string_view(f.type) or pa.types.is_large_string(f.type) else f
                for f in table.schema
            ]
        )
    )
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "units.csv")
        pacsv.write_csv(table, path)
        args = ["funnel", "--input", path, "--key", key, "--numerator", numerator, "--denominator", denominator]
        args += ["--statistic", statistic, "--format", "csv"]
        if overdispersion:
            args.append("--overdispersion")
        return _one(args)


def report(name: str = "wiltshire-2016") -> pa.Table:
    """A report's ledger: every printed figure and statement, with its verdict against the
    public data (``policing report NAME -f csv``)."""
    return _one(["report", name, "--format", "csv"])


def report_check(
    ledger: PathLike,
    text: Optional[PathLike] = None,
    force: Optional[str] = None,
    rules: Optional[PathLike] = None,
) -> pa.Table:
    """Any PEEL report's ledger checked against the same sources (``policing report check
    LEDGER -f csv``; ``docs/ledger.md`` describes the format, ``policing report template``
    prints a template). ``force`` fills in a template's blank ``#@ force:`` (or re-targets a
    ledger); with ``text`` (the report as plain text) the scan of the text for numbers and
    statements no row accounts for is in the table's notes (``table.schema.metadata[b"notes"]``),
    with ``rules`` the report's own non-verdict rules."""
    args = ["report", "check", os.fspath(ledger)]
    if text is not None:
        args += ["--text", os.fspath(text)]
    if force is not None:
        args += ["--force", force]
    if rules is not None:
        args += ["--rules", os.fspath(rules)]
    return _one(args + ["--format", "csv"])
