"""Service configuration from the environment, with safe defaults for local use."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from services.access_register import DEFAULT_USER_AGREEMENT_VERSION

_TRUE = {"1", "true", "yes", "on"}
_JOURNAL = Path(__file__).resolve().parent.parent / ".local" / "audit-journal"


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in _TRUE


def _positive(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not number > 0 or number == float("inf"):
        raise ValueError(f"{name} must be a positive number, not {value!r}")
    return number


def _version(name: str) -> str:
    value = os.environ.get(name, DEFAULT_USER_AGREEMENT_VERSION).strip()
    if not value or len(value) > 64:
        raise ValueError(f"{name} must be 1 to 64 characters")
    return value


def _seconds(name: str, default: float) -> float:
    """A time of zero or more seconds, at most one minute."""
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 60:
        raise ValueError(f"{name} must be between 0 and 60 seconds, not {value!r}")
    return number


@dataclass(frozen=True)
class ApiSettings:
    """``EHG_ENV=production`` turns GraphiQL and introspection off unless explicitly set."""

    graphiql: bool = True
    introspection: bool = True
    query_count: bool = False
    max_body_bytes: int = 64 * 1024
    max_upload_bytes: int = 20 * 2**20  # a partner's list (intake/SCHEMA.md, limits)
    migrate_on_startup: bool = True
    # Where disclosures are made durable before a response leaves (audit.journal); a
    # machine's local disk, one per server, not shared storage.
    audit_journal_dir: Path = _JOURNAL
    # False only in the benchmark's baseline processes (bench/baseline.py), to measure what access
    # control and the audit each cost; deliberately not settable from the environment.
    enforce_access: bool = True
    record_disclosures: bool = True
    # How often lapsed consent summaries are summarised afresh (graph.consent_upkeep).
    consent_upkeep_seconds: float = 3600.0
    # The register of users (graph.access_register): the version of the user agreement users
    # must have accepted, and how long a process may serve from its copy of a user's entry.
    user_agreement_version: str = DEFAULT_USER_AGREEMENT_VERSION
    register_cache_seconds: float = 2.0

    @classmethod
    def from_env(cls) -> ApiSettings:
        production = os.environ.get("EHG_ENV", "development").strip().lower() == "production"
        # The count tells how much work a request caused, work on rows the caller may not see
        # included: a development aid only.
        if production and _flag("EHG_QUERY_COUNT", False):
            raise ValueError("EHG_QUERY_COUNT may not be on in production (EHG_ENV=production).")
        return cls(
            graphiql=_flag("EHG_GRAPHIQL", not production),
            introspection=_flag("EHG_INTROSPECTION", not production),
            query_count=_flag("EHG_QUERY_COUNT", False),
            max_body_bytes=int(os.environ.get("EHG_MAX_BODY_BYTES", str(64 * 1024))),
            max_upload_bytes=int(os.environ.get("EHG_MAX_UPLOAD_BYTES", str(20 * 2**20))),
            audit_journal_dir=Path(os.environ.get("EHG_AUDIT_JOURNAL_DIR", str(_JOURNAL))),
            consent_upkeep_seconds=60.0 * _positive("EHG_CONSENT_UPKEEP_MINUTES", 60),
            user_agreement_version=_version("EHG_USER_AGREEMENT_VERSION"),
            register_cache_seconds=_seconds("EHG_REGISTER_CACHE_SECONDS", 2.0),
        )
