"""Sending a partner's list as a partner system would: a GraphQL multipart upload over HTTP."""

from __future__ import annotations

import json
import uuid

import httpx

from intake.identifiers import nhs_check_digit
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
        check = nhs_check_digit(nine)
        if check is not None:
            return f"{nine}{check}"
