"""The one error the auth package raises for a token it will not accept."""

from __future__ import annotations


class InvalidToken(Exception):
    """The request's bearer token was missing or not acceptable.

    ``description`` is written for the client (for example in a ``WWW-Authenticate`` header or a
    GraphQL error). It never quotes the token or the JOSE library's own messages, which can echo
    attacker-controlled header values back.
    """

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description
