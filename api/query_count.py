"""A development aid: ``extensions.queryCount`` says how many Cypher statements a request ran."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from strawberry.extensions import SchemaExtension

from services import QueryStats, counting_queries


class QueryCount(SchemaExtension):
    _stats: QueryStats | None = None

    def on_operation(self) -> Iterator[None]:
        with counting_queries() as stats:
            self._stats = stats
            yield

    def get_results(self) -> dict[str, Any]:
        return {"queryCount": self._stats.queries if self._stats else 0}
