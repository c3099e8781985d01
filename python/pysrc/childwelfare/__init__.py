"""Multi-agency child-welfare development projects as data.

Load, validate, summarise and export the JSON documents of the
`childwelfare` Rust crate from Python. The work is done by the crate, with
the GIL released; this module only hands its results over as Python data:
documents as plain dicts, diagnostics as records or a DataFrame, the
report's summary as a dict with each table as a DataFrame, and every
export table as a DataFrame with typed columns.

Paths may be files (``.json``, ``.jsonl``) or folders; ``None`` means the
seed data bundled with the crate. A document that cannot be read raises
:class:`DocumentError`, whose message is the command-line tool's.

>>> import childwelfare
>>> summary = childwelfare.report()
>>> summary["projects"]
2
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import warnings
from typing import TYPE_CHECKING, Any, Iterable, Union

from . import _native
from ._native import SCHEMA_VERSION, TABLES, DocumentError, __version__

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "DocumentError",
    "Diagnostics",
    "Summary",
    "SCHEMA_VERSION",
    "TABLES",
    "__version__",
    "load",
    "report",
    "table",
    "validate",
]

_NA = object()

Paths = Union[str, "os.PathLike[str]", Iterable[Union[str, "os.PathLike[str]"]], None]


def _paths(paths: Paths) -> list[str] | None:
    if paths is None:
        return None
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def _note(notes: list[str]) -> None:
    for note in notes:
        warnings.warn(f"childwelfare: {note}", stacklevel=3)


@contextlib.contextmanager
def _no_gc():
    """Python's cycle collector paused while millions of cells are made:
    they hold no cycles, and each collection would walk all of them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("DataFrames need pandas: pip install 'childwelfare[pandas]'") from error
    return pandas


def _column(pandas: Any, values: list[Any], kind: str, dtype: str) -> Any:
    """One column in the type the crate's description of the table names."""
    if kind == "date":
        return pandas.to_datetime(pandas.Series(values, dtype="string")).astype(dtype)
    if kind == "list":
        # Lists of the items, made by the crate.
        return pandas.Series(values, dtype="object")
    if kind == "decimal":
        return pandas.Series([None if v is None else _decimal(v) for v in values], dtype="object")
    return pandas.array(values, dtype=dtype)


def _decimal(value: Any) -> Any:
    import decimal

    try:
        return decimal.Decimal(value)
    except (decimal.InvalidOperation, TypeError):
        return value


def _frame(
    names: list[str], columns: list[list[Any]], types: dict[str, tuple[str, str]] | None = None
) -> "pandas.DataFrame":
    """A DataFrame of columns whose types stay as the crate gives them:
    whole numbers as nullable ``Int64`` (a blank stays a blank, not a
    float), yes/no as ``boolean``, texts as ``string``; an export table's
    columns as its description in the crate says (``export::Table::columns``:
    dates as ``datetime64[s]``, amounts as exact ``decimal.Decimal``)."""
    pandas = _pandas()
    data = {}
    for name, values in zip(names, columns):
        kind, dtype = (types or {}).get(name, ("", ""))
        if not dtype:
            kinds = {type(v) for v in values if v is not None}
            dtype = "boolean" if kinds == {bool} else "Int64" if kinds == {int} else "string"
        data[name] = _column(pandas, values, kind, dtype)
    return pandas.DataFrame(data, columns=names)


def load(paths: Paths = None) -> list[dict[str, Any]]:
    """The documents under ``paths`` as plain dicts, in the order read.

    Each dict is the document as the crate writes it (``json.dumps`` of it
    reads back as the same document). Raises :class:`DocumentError` for a
    document that cannot be read, :class:`OSError` for a path that cannot.
    """
    documents, notes = _native.load(_paths(paths))
    _note(notes)
    return [json.loads(document) for document in documents]


class Diagnostics(list):
    """The problems found, a dict each (``code``, ``severity``, ``file``,
    ``line``, ``column``, ``pointer``, ``message`` …), with the report's
    ``documents`` checked, whether they are ``valid``, the rules that could
    not run (``not_run``) and the whole JSON report (``report``)."""

    report: dict[str, Any]

    def __init__(self, report: dict[str, Any]) -> None:
        super().__init__(report.get("diagnostics", []))
        self.report = report

    @property
    def valid(self) -> bool:
        """No errors, and every rule ran."""
        return bool(self.report.get("valid"))

    @property
    def documents(self) -> int:
        """How many documents were checked."""
        return int(self.report.get("documents", 0))

    @property
    def not_run(self) -> list[dict[str, Any]]:
        """Rules that could not run, and why."""
        return list(self.report.get("not_run", []))

    def to_pandas(self) -> "pandas.DataFrame":
        """The diagnostics as a DataFrame, a row each."""
        names = ["code", "severity", "category", "file", "document", "pointer", "line", "column", "message", "suggestion"]
        columns = [[d.get(name) for d in self] for name in names]
        return _frame(names, columns)


def validate(paths: Paths = None) -> Diagnostics:
    """Checks the documents under ``paths`` by every rule, as
    ``childwelfare validate`` does; a document that is not valid JSON or
    not a document is a diagnostic too."""
    report_json, notes = _native.validate(_paths(paths))
    _note(notes)
    return Diagnostics(json.loads(report_json))


class Summary(dict):
    """The report's summary, as ``childwelfare report --format json``
    writes it, with every figure of every table also as a tidy table: a row
    per figure (``table``, ``by``, ``key``, ``label``, ``measure``,
    ``value``, ``low``, ``high``, ``exactness``, ``text``), as
    ``report --format csv`` writes it."""

    def __init__(self, summary: dict[str, Any], tidy: tuple[list[str], list[list[Any]]]) -> None:
        super().__init__(summary)
        self._tidy = tidy

    def tidy(self) -> "pandas.DataFrame":
        """Every figure of every table, a row each."""
        return _frame(*self._tidy)

    def tables(self) -> dict[str, "pandas.DataFrame"]:
        """Each table of the report as a DataFrame of its figures, keyed
        ``table`` or ``table/by`` (``participation/theme``,
        ``funding/funder``)."""
        frame = self.tidy()
        keys = [t if not b or b is _NA else f"{t}/{b}" for t, b in zip(frame["table"], frame["by"].fillna(""))]
        return {str(key): rows.reset_index(drop=True) for key, rows in frame.groupby(keys, sort=False)}


def report(paths: Paths = None, lang: str = "fi", explain: bool = False) -> Summary:
    """Summarises the documents under ``paths`` as ``childwelfare report``
    does: labels in ``lang`` (``fi``, ``sv`` or ``en``), and with
    ``explain`` the derivation of every figure."""
    summary_json, tidy, notes = _native.summarise(_paths(paths), lang, explain)
    _note(notes)
    return Summary(json.loads(summary_json), tidy)


def table(name: str, paths: Paths = None, lang: str = "fi") -> "pandas.DataFrame":
    """The export table ``name`` (one of :data:`TABLES`) of the documents
    under ``paths`` as a DataFrame, one observation per row, as
    ``childwelfare export`` writes it; texts in ``lang``."""
    with _no_gc():
        (names, columns), types, notes = _native.table(name, _paths(paths), lang)
        frame = _frame(names, columns, {name: (kind, dtype) for name, kind, dtype in types})
    _note(notes)
    return frame
