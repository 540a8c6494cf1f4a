"""Minting tokens with the local development key, and the ``python -m devtools.mint`` command:
what it mints, the validator accepts. Pure: no database."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from auth import AuthSettings, LocalSigningKey, TokenValidator
from devtools.mint import main, mint_token

ROOT = Path(__file__).resolve().parents[2]
ISSUER = "https://idp.example.test/realms/early-help"
AUDIENCE = "early-help-graph-api"
AUTH_ENV = ("AUTH_ISSUER", "AUTH_AUDIENCE", "AUTH_ALGORITHMS", "AUTH_JWKS_FILE", "AUTH_JWKS")


@pytest.fixture(autouse=True)
def _clean_auth_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in AUTH_ENV:
        monkeypatch.delenv(name, raising=False)


def bearer(token: str) -> str:
    return f"Bearer {token}"


def test_minted_token_round_trips(tmp_path: Path) -> None:
    local = LocalSigningKey.load_or_create(tmp_path)
    settings = AuthSettings(ISSUER, AUDIENCE, local.public_jwks())
    token = mint_token(
        local,
        user_id="u-9",
        organisation_id="org-9",
        roles=["data_team"],
        issuer=ISSUER,
        audience=AUDIENCE,
        ttl_seconds=60,
    )
    principal = TokenValidator(settings).validate(bearer(token))
    assert (principal.user_id, principal.organisation_id) == ("u-9", "org-9")
    assert principal.roles == frozenset({"data_team"})
    assert principal.token_id
    head = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert head == {"alg": "RS256", "typ": "at+jwt", "kid": local.kid}


def test_mint_token_refuses_empty_roles(tmp_path: Path) -> None:
    local = LocalSigningKey.load_or_create(tmp_path)
    with pytest.raises(ValueError, match="role"):
        mint_token(
            local, user_id="u", organisation_id="o", roles=[], issuer=ISSUER, audience=AUDIENCE
        )


def test_minted_token_without_roles_has_no_roles_claim(tmp_path: Path) -> None:
    local = LocalSigningKey.load_or_create(tmp_path)
    settings = AuthSettings(ISSUER, AUDIENCE, local.public_jwks())
    token = mint_token(
        local, user_id="u", organisation_id="o", roles=None, issuer=ISSUER, audience=AUDIENCE
    )
    claims = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    assert "roles" not in claims
    assert TokenValidator(settings).validate(bearer(token)).roles_claimed is False


# --- the CLI ---


def test_cli_prints_an_accepted_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["user-7", "--org", "org-7", "--role", "lead", "--role", "practitioner"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    token = out.strip()
    assert out == token + "\n"
    settings = AuthSettings.from_env(tmp_path / ".local" / "keys")
    principal = TokenValidator(settings).validate(bearer(token))
    assert principal.user_id == "user-7"
    assert principal.roles == frozenset({"lead", "practitioner"})


def test_cli_leaves_the_roles_to_the_register_when_none_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["user-7", "--org", "org-7"]) == 0
    token = capsys.readouterr().out.strip()
    settings = AuthSettings.from_env(tmp_path / ".local" / "keys")
    assert TokenValidator(settings).validate(bearer(token)).roles_claimed is False


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "USER_ID"),
        (["u"], "--org"),
        (["u", "--org", "o", "--role", " "], "blank"),
        (["u", "--org", "o", "--role", "r", "--ttl", "0"], "--ttl"),
        (["u", "--org", "o", "--role", "r", "--ttl", "soon"], "--ttl"),
        (["u", "--org", " ", "--role", "r"], "blank"),
    ],
)
def test_cli_argument_errors(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / ".local").exists()


def test_cli_runs_as_module_without_warnings(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in AUTH_ENV}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-W", "error", "-m", "devtools.mint", "u1", "--org", "o1", "--role", "r"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.count(".") == 2
