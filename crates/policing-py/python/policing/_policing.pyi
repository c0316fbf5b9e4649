"""The native module: run a command line of the policing tool, get its tables."""

from typing import List

import pyarrow as pa

__version__: str

class PolicingError(Exception):
    """An error of the policing library: the message says what and where."""

class UsageError(PolicingError):
    """Bad arguments: an unknown force or measure, a period the data do not hold, a bad month."""

class DataError(PolicingError):
    """Bad data: a file that cannot be read or a row that cannot be counted."""

def run(args: List[str]) -> List[pa.Table]:
    """Runs ``policing ARGS...`` (the GIL released) and returns the tables it writes."""
