"""Sending a partner's list as a partner system would: a GraphQL multipart upload over HTTP."""

from __future__ import annotations

import json
import uuid

import httpx

from tests.api.conftest import Token

HEADER = (
    "partner_reference,given_name,family_name,date_of_birth,address_line1,postcode,nhs_number,"
    "criteria,evidence_date\n"
)
_UPLOAD = "mutation($f: Upload!) { uploadPartnerList(file: $f) { errors { code } } }"


async def upload_list(
    client: httpx.AsyncClient, token: Token, organisation: str, text: str
) -> None:
    """Upload ``text`` (CSV) as the partner system of ``organisation``; it must be accepted."""
    partner = token(
        "partner_system", user_id=f"t-system-{organisation}", organisation_id=organisation
    )
    operations = {"query": _UPLOAD, "variables": {"f": None}}
    response = await client.post(
        "/graphql",
        headers={"Authorization": f"Bearer {partner}", "X-Purpose-Of-Use": "identify-individuals"},
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.f"]})},
        files={"0": ("list.csv", text.encode(), "text/csv")},
    )
    assert response.json()["data"]["uploadPartnerList"]["errors"] == []


def nhs_number() -> str:
    """A fresh valid NHS number (its check digit computed), so that matching never joins two
    test people by chance: different NHS numbers never link."""
    while True:
        nine = f"{uuid.uuid4().int % 10**9:09d}"
        total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
        check = 11 - total % 11
        if check != 10:
            return nine + ("0" if check == 11 else str(check))
