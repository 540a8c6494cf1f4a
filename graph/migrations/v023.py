"""Migration 23: stored rejection messages no longer repeat an unknown criterion code.

A criteria cell may hold anything a partner typed ("Jane Smith DV risk"), and the message of an
UNKNOWN_CRITERION rejection used to repeat it. New messages name the code by its place in the
cell; stored ones, whose place is not known any more, keep the rest of their advice.
"""

from __future__ import annotations

from graph.migrations._migration import Migration

MIGRATION = Migration(
    23,
    "stored rejection messages no longer repeat an unknown criterion code",
    (
        "MATCH (x:UploadRejection) WHERE x.code = 'UNKNOWN_CRITERION' "
        "AND x.message STARTS WITH 'criteria has the unknown code' "
        'CALL (x) { SET x.message = "criteria has a code that is not in the criteria '
        "catalogue; use the catalogue's codes, separated by ';' or '|' in CSV\" } "
        "IN TRANSACTIONS OF 5000 ROWS",
    ),
)
