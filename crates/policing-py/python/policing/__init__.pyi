from os import PathLike
from typing import Iterable, Optional, Sequence, Tuple, Union

import pyarrow as pa

from ._policing import DataError as DataError
from ._policing import PolicingError as PolicingError
from ._policing import UsageError as UsageError

__version__: str
_Path = Union[str, PathLike[str]]

def profile(
    force: str,
    to: Optional[str] = ...,
    compare_with: Optional[Union[str, Iterable[str]]] = ...,
    populations: str = ...,
    overdispersion: bool = ...,
) -> pa.Table: ...
def profiles(
    to: Optional[str] = ..., compare_with: Optional[str] = ..., populations: str = ..., overdispersion: bool = ...
) -> pa.Table: ...
def crime(
    to: Optional[str] = ...,
    measures: Optional[Iterable[str]] = ...,
    forces: Optional[Iterable[str]] = ...,
    overdispersion: bool = ...,
    populations: str = ...,
) -> pa.Table: ...
def counts(
    paths: Union[_Path, Sequence[_Path]], from_: Optional[str] = ..., to: Optional[str] = ..., by: str = ...
) -> Tuple[pa.Table, pa.Table]: ...
def outcomes(
    street: Union[_Path, Sequence[_Path]],
    outcomes: Union[_Path, Sequence[_Path]],
    from_: Optional[str] = ...,
    to: Optional[str] = ...,
    memory: Optional[str] = ...,
) -> Tuple[pa.Table, pa.Table]: ...
def compare(
    data: object, key: str, numerator: str, denominator: str, statistic: str = ..., overdispersion: bool = ...
) -> pa.Table: ...
def report(name: str = ...) -> pa.Table: ...
def report_check(
    ledger: _Path,
    text: Optional[_Path] = ...,
    force: Optional[str] = ...,
    rules: Optional[_Path] = ...,
) -> pa.Table: ...
