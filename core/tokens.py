"""Signed tokens for links that need no account (subscriptions, embargo links).

The salt keeps each kind of link apart; it is part of every link ever sent,
so a salt string never changes.
"""

from django.core import signing


def make_token(value, salt: str) -> str:
    return signing.dumps(value, salt=salt)


def read_token(token: str, salt: str, max_age=None):
    """The signed value, or None for a forged or malformed token.

    With `max_age`, an old but genuine token raises ``signing.SignatureExpired``,
    so the caller can tell "expired" from "forged".
    """
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise
    except signing.BadSignature:
        return None
