"""The one exception of the intake package: a file that cannot be read as a batch at all.

    Exception
     └── MalformedFile      code: MalformedCode, message: what is wrong and how to fix it

Problems with single rows are never raised: they are `Rejection`s in the report, so the good rows
of a file still load. `MalformedFile` means the file as a whole changes nothing.
"""

from __future__ import annotations

from enum import StrEnum


class MalformedCode(StrEnum):
    EMPTY = "EMPTY"
    TOO_LARGE = "TOO_LARGE"
    NOT_UTF8 = "NOT_UTF8"
    UNKNOWN_FORMAT = "UNKNOWN_FORMAT"
    NO_HEADER = "NO_HEADER"
    MISSING_HEADER = "MISSING_HEADER"
    UNKNOWN_COLUMNS = "UNKNOWN_COLUMNS"
    DUPLICATE_COLUMNS = "DUPLICATE_COLUMNS"
    NOT_CSV = "NOT_CSV"
    NOT_JSONL = "NOT_JSONL"
    TOO_MANY_ROWS = "TOO_MANY_ROWS"
    NO_ROWS = "NO_ROWS"


class MalformedFile(Exception):
    """The whole upload is refused; `code` is stable for machines, `message` is for the partner.

    >>> try:
    ...     parse(b"", format="csv", known_criteria=frozenset(), today=date.today())
    ... except MalformedFile as error:
    ...     error.code
    <MalformedCode.EMPTY: 'EMPTY'>
    """

    def __init__(self, code: MalformedCode, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def too_many_rows(max_rows: int) -> MalformedFile:
    return MalformedFile(
        MalformedCode.TOO_MANY_ROWS,
        f"the file has more than {max_rows} rows; split it into files of at most {max_rows} rows",
    )


def empty() -> MalformedFile:
    return MalformedFile(
        MalformedCode.EMPTY,
        "the file is empty; send a file with a header and at least one row",
    )
