"""A signing key pair for local development and demos only.

Production does not sign tokens here: an external identity provider issues them and the API is
given its public keys with ``AUTH_JWKS_FILE`` (or ``AUTH_JWKS``). This module exists so that
``./dev run`` and ``./dev token`` work on a laptop with no identity provider, while the API still
verifies real RS256 signatures the same way it would in production.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from joserfc.errors import JoseError
from joserfc.jwk import KeySet, RSAKey

SIGNING_KEY_FILE = "signing-key.json"
_ALGORITHM = "RS256"
_KEY_SIZE = 2048


class LocalSigningKey:
    """An RSA private key kept as a JWK file in a local, owner-only directory."""

    def __init__(self, private_key: RSAKey) -> None:
        if not private_key.is_private:
            raise ValueError("a local signing key must be a private key")
        if not private_key.kid:
            raise ValueError("a local signing key must have a key id")
        self._private_key = private_key

    @classmethod
    def load_or_create(cls, directory: Path) -> LocalSigningKey:
        """Load the key stored in ``directory``, generating and storing one on first use.

        The directory is created owner-only (0700) and the key file written owner-only (0600).
        Two processes starting at once agree on a single key: the file only ever appears
        complete, and whoever links it second adopts the first one's key.
        """
        path = directory / SIGNING_KEY_FILE
        if path.exists():
            return cls._load(path)
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = cls(_generate())
        if not key._publish(path):
            return cls._load(path)
        return key

    @property
    def private_key(self) -> RSAKey:
        """The private RSA key, for signing tokens."""
        return self._private_key

    @property
    def kid(self) -> str:
        """The key id that tokens signed with this key carry in their header."""
        kid = self._private_key.kid
        assert kid is not None  # checked in __init__
        return kid

    def public_jwks(self) -> KeySet:
        """The public half of this key as a JWKS, for verifying tokens it signed."""
        public = RSAKey.import_key(self._private_key.as_dict(private=False))
        return KeySet([public])

    @classmethod
    def _load(cls, path: Path) -> LocalSigningKey:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            key = RSAKey.import_key(data)
        except (OSError, ValueError, TypeError, JoseError) as error:
            # Never regenerate over an unreadable key: tokens already handed out would silently
            # stop verifying. Let a person decide to delete it.
            raise ValueError(f"the local signing key at {path} cannot be read") from error
        return cls(key)

    def _publish(self, path: Path) -> bool:
        """Write the key to ``path`` unless a key is already there; False if one was."""
        text = json.dumps(self._private_key.as_dict(private=True), indent=2)
        # mkstemp creates the file 0600, so the private key is never readable by others, even
        # briefly; the hard link makes it appear at ``path`` complete or not at all.
        fd, tmp_name = tempfile.mkstemp(prefix=".signing-key-", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(tmp_name, path)
            except FileExistsError:
                return False
            return True
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)


def _generate() -> RSAKey:
    return RSAKey.generate_key(
        _KEY_SIZE, parameters={"alg": _ALGORITHM, "use": "sig"}, private=True, auto_kid=True
    )
