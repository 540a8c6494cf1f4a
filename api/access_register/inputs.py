"""Checks on what the register's mutations are sent; each failure is an error of its field."""

from __future__ import annotations

import re

from api.errors import ApiError, BadUserInput
from api.inputs import clean_text
from api.payloads import MutationError, MutationErrorCode
from api.relay import expect_global_id
from policy.admission import AccountKind
from vocabulary import Role

MAX_REASON = 2000
MAX_NAME = 200
MAX_VERSION = 64
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,189}")


def error(code: MutationErrorCode, field: str | None, message: str) -> MutationError:
    return MutationError(code=code, field=field, message=message)


def bad(field: str, message: str) -> MutationError:
    return error(MutationErrorCode.BAD_USER_INPUT, field, message)


def text(
    value: str | None, field: str, errors: list[MutationError], *, max_length: int
) -> str | None:
    """Required, trimmed text within ``max_length``."""
    try:
        return clean_text(value, field, max_length=max_length, required=True)
    except ApiError as exc:
        errors.append(bad(field, exc.message))
        return None


def email(value: str | None, errors: list[MutationError]) -> str | None:
    if value is None or not value.strip():
        return None
    address = value.strip()
    if not _EMAIL.fullmatch(address):
        errors.append(bad("email", "`email` is not an email address."))
        return None
    return address


def raw_id(value: str, type_name: str, field: str, errors: list[MutationError]) -> str | None:
    try:
        return expect_global_id(value, type_name)
    except BadUserInput as exc:
        errors.append(bad(field, exc.message))
        return None


_ROLES = frozenset(r.value for r in Role)


def roles(values: list[str], errors: list[MutationError]) -> list[str] | None:
    """The distinct roles named, each one the policy knows, sorted; at least one."""
    wanted = sorted({v.strip() for v in values})
    if not wanted:
        errors.append(bad("roles", "`roles` must name at least one role."))
        return None
    unknown = [r for r in wanted if r not in _ROLES]
    if unknown:
        errors.append(bad("roles", f"`roles` names an unknown role: {', '.join(unknown)}."))
        return None
    return wanted


def fit_kind(kind: str, wanted: list[str]) -> str | None:
    """Why these roles do not fit the kind of account, or None when they do: a partner system
    is a machine client and holds that role only; a person never holds it."""
    system = Role.PARTNER_SYSTEM.value
    if kind == AccountKind.SYSTEM and wanted != [system]:
        return f"A partner system holds the role {system} and no other."
    if kind != AccountKind.SYSTEM and system in wanted:
        return f"The role {system} is for partner systems (kind SYSTEM) only."
    return None
