"""The W3C Feed Validator (vendored under tests/vendor) as a test helper.

Runs the validator's own rules at the online service's level ("AA": errors
and warnings, not the experimental "AAA" hints) on a response and returns
the messages as text, so a test can assert that the list is empty.
"""

import io
import socket
import sys
from pathlib import Path

VENDOR = str(Path(__file__).parent / "vendor")
if VENDOR not in sys.path:
    sys.path.insert(0, VENDOR)

_timeout = socket.getdefaulttimeout()
import feedvalidator  # noqa: E402  (needs the path above)
from feedvalidator import compatibility  # noqa: E402
from feedvalidator.formatter.text_plain import Formatter  # noqa: E402

socket.setdefaulttimeout(_timeout)  # the validator sets a global 10 s on import; not ours


def feed_problems(response, url: str) -> list[str]:
    """Errors and warnings the W3C Feed Validator reports for a feed response."""
    result = feedvalidator.validateStream(
        io.BytesIO(response.content),
        firstOccurrenceOnly=1,
        contentType=response["Content-Type"],
        base=url,
    )
    return list(Formatter(compatibility.AA(result["loggedEvents"])))
