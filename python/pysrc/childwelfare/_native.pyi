"""Type stubs of the native module (the Rust crate)."""

from typing import Any, Optional

__version__: str
SCHEMA_VERSION: str
TABLES: list[str]

class DocumentError(ValueError):
    """A document that could not be read."""

    file: str
    line: Optional[int]
    column: Optional[int]
    path: Optional[str]

def load(paths: Optional[list[str]] = None) -> tuple[list[str], list[str]]: ...
def validate(paths: Optional[list[str]] = None) -> tuple[str, list[str]]: ...
def summarise(
    paths: Optional[list[str]] = None, lang: str = "fi", explain: bool = False
) -> tuple[str, tuple[list[str], list[list[Any]]], list[str]]: ...
def table(
    name: str, paths: Optional[list[str]] = None, lang: str = "fi"
) -> tuple[tuple[list[str], list[list[Any]]], list[tuple[str, str, str]], list[str]]: ...
