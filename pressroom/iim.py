"""The same rights as legacy IPTC IIM in JPEG files (a Photoshop APP13 segment).

Agency ingest systems and older editing tools read the IIM block, not XMP
(xmp.py): creator (By-line), credit, copyright notice, title (Object Name)
and caption, in UTF-8 (record 1:90), cut to each field's IIM length limit.
The IPTC digest (resource 0x0425) tells readers that follow the Metadata
Working Group's rules that this block and the XMP packet agree.
"""

import hashlib
import struct

APP13_HEADER = b"Photoshop 3.0\x00"
UTF8 = b"\x1b%G"  # ISO 2022 escape for UTF-8, the value of 1:90 Coded Character Set
# (dataset of record 2, key in xmp.rights(), IIM maximum length in bytes)
FIELDS = [
    (5, "title", 64),
    (80, "creator", 32),
    (110, "credit", 32),
    (116, "copyright", 128),
    (120, "caption", 2000),
]


def _dataset(record: int, number: int, value: bytes) -> bytes:
    return struct.pack(">BBBH", 0x1C, record, number, len(value)) + value


def _cut(text: str, limit: int) -> bytes:
    """UTF-8 within `limit` bytes, never cutting a character in half."""
    return text.encode()[:limit].decode("utf-8", "ignore").encode()


def _german(value) -> str:
    return value.get("x-default", "") if isinstance(value, dict) else value


def block(data: dict) -> bytes:
    """The IIM datasets for xmp.rights() data; empty when there is nothing to say."""
    datasets = [
        _dataset(2, number, _cut(_german(data[key]), limit))
        for number, key, limit in FIELDS
        if _german(data[key])
    ]
    if not datasets:
        return b""
    return _dataset(1, 90, UTF8) + _dataset(2, 0, b"\x00\x04") + b"".join(datasets)


def _resource(number: int, body: bytes) -> bytes:
    # "8BIM", id, empty Pascal name padded to even length, size, body padded to even length
    padding = b"\x00" if len(body) % 2 else b""
    return (
        b"8BIM"
        + struct.pack(">H", number)
        + b"\x00\x00"
        + struct.pack(">I", len(body))
        + body
        + padding
    )


def app13(iim: bytes) -> bytes:
    """A JPEG APP13 segment holding `iim` and its digest; empty for an empty block."""
    if not iim:
        return b""
    payload = APP13_HEADER + _resource(0x0404, iim) + _resource(0x0425, hashlib.md5(iim).digest())
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload
