"""Every released migration, in the order they are applied."""

from __future__ import annotations

from graph.migrations import (
    v001,
    v002,
    v003,
    v004,
    v005,
    v006,
    v007,
    v008,
    v009,
    v010,
    v011,
    v012,
    v013,
    v014,
    v015,
    v016,
    v017,
    v018,
    v019,
    v020,
    v021,
    v022,
)
from graph.migrations._migration import Migration

MIGRATIONS: tuple[Migration, ...] = (
    v001.MIGRATION,
    v002.MIGRATION,
    v003.MIGRATION,
    v004.MIGRATION,
    v005.MIGRATION,
    v006.MIGRATION,
    v007.MIGRATION,
    v008.MIGRATION,
    v009.MIGRATION,
    v010.MIGRATION,
    v011.MIGRATION,
    v012.MIGRATION,
    v013.MIGRATION,
    v014.MIGRATION,
    v015.MIGRATION,
    v016.MIGRATION,
    v017.MIGRATION,
    v018.MIGRATION,
    v019.MIGRATION,
    v020.MIGRATION,
    v021.MIGRATION,
    v022.MIGRATION,
)
