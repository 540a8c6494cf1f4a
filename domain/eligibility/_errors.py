"""The one exception of the eligibility package: a framework file that cannot be used.

    Exception
     └── FrameworkError     origin: the file (or other source) read, problem: what is wrong

Assessing a family never raises: a family the data cannot decide is IDENTIFIED or
BELOW_THRESHOLD with its reasons. Only a framework definition can be wrong, and it is checked
whole when loaded, so a council's own file fails before it decides anything.
"""

from __future__ import annotations


class FrameworkError(Exception):
    """A framework definition is refused; the message names the file and what to fix.

    >>> parse_framework("[]", origin="devon.json")
    Traceback (most recent call last):
    ...
    FrameworkError: devon.json: the top level must be a JSON object, not a list
    """

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem
