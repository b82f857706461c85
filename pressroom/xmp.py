"""Rights inside every photo: an XMP packet (IPTC Core/Photo Metadata) embedded in the file.

Each served file (original, every rendition, the media kit's copies) carries
creator, credit line, copyright notice, usage terms and licence URL, title,
caption and the IPTC "Alt Text (Accessibility)". The packet is spliced into
the already re-encoded bytes (JPEG APP1, PNG iTXt, WebP XMP chunk) without
decoding pixels again, so changing a credit costs no image quality.

JPEG files also carry the same rights as IPTC IIM (iim.py) for older tools.
Nothing else of a file's metadata is served: the re-encode
(imaging.py) drops EXIF and GPS, and the splice drops again whatever a
file still holds besides pixels and colour data (JPEG comments, APP1 EXIF,
the uploader's APP13 IPTC/Photoshop blocks; PNG text and eXIf chunks; WebP EXIF), so an
uploader's "intern: nicht veröffentlichen" comment never reaches the public.
"""

import hashlib
import struct
import zlib
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings

from . import iim

XMP_JPEG_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
PNG_KEYWORD = b"XML:com.adobe.xmp"
# JPEG markers that never leave: COM, APP1 (EXIF, XMP), APP3-APP13 (IPTC, Photoshop,
# maker data), APP15; APP0 (JFIF), APP2 (ICC colour) and APP14 (Adobe colour) stay.
JPEG_DROPPED = {0xFE, 0xE1, *range(0xE3, 0xEE), 0xEF}
PNG_DROPPED = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
WEBP_DROPPED = {b"EXIF", b"XMP "}
SOURCE_LANGUAGE = "de"

NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "Iptc4xmpCore": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
}


def _translations(asset, field: str) -> dict[str, str]:
    """{"x-default": German, "en": …} for a translated field; only filled-in languages."""
    values = {}
    for code, _name in settings.LANGUAGES:
        text = getattr(asset, f"{field}_{code}", "") or ""
        if text:
            values["x-default" if code == SOURCE_LANGUAGE else code] = text
    return values


def rights(asset) -> dict:
    """What goes into the file, as plain data (also the fingerprint of the packet)."""
    return {
        "creator": asset.creator or asset.credit,
        "credit": asset.credit,
        "copyright": asset.copyright_notice,
        "usage_terms": asset.licence,
        "licence_url": asset.licence_url,
        "title": _translations(asset, "title"),
        "caption": _translations(asset, "caption"),
        "alt_text": _translations(asset, "alt_text"),
    }


# Part of the fingerprint: a file written before JPEGs carried IIM (format 1) is
# rewritten by `manage.py write_photo_rights` like one with old rights.
FORMAT = 2


def fingerprint(data: dict) -> str:
    return hashlib.sha256(repr((FORMAT, sorted(data.items()))).encode()).hexdigest()[:16]


def _alt(name: str, values: dict[str, str]) -> str:
    if not values:
        return ""
    items = "".join(
        f"<rdf:li xml:lang={quoteattr(lang)}>{escape(text)}</rdf:li>"
        for lang, text in sorted(values.items(), key=lambda kv: kv[0] != "x-default")
    )
    return f"<{name}><rdf:Alt>{items}</rdf:Alt></{name}>"


def _simple(name: str, value: str) -> str:
    return f"<{name}>{escape(value)}</{name}>" if value else ""


def packet(data: dict) -> bytes:
    """An XMP packet (RDF/XML) with the IPTC Core properties of `data`."""
    default = lambda text: {"x-default": text} if text else {}  # noqa: E731
    creator = (
        f"<dc:creator><rdf:Seq><rdf:li>{escape(data['creator'])}</rdf:li></rdf:Seq></dc:creator>"
        if data["creator"]
        else ""
    )
    body = "".join(
        [
            creator,
            _alt("dc:title", data["title"]),
            _alt("dc:description", data["caption"]),
            _alt("dc:rights", default(data["copyright"])),
            _simple("photoshop:Credit", data["credit"]),
            _alt("xmpRights:UsageTerms", default(data["usage_terms"])),
            _simple("xmpRights:WebStatement", data["licence_url"]),
            _simple("xmpRights:Marked", "True" if data["copyright"] else ""),
            _alt("Iptc4xmpCore:AltTextAccessibility", data["alt_text"]),
        ]
    )
    xmlns = " ".join(f"xmlns:{prefix}={quoteattr(uri)}" for prefix, uri in NAMESPACES.items())
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about="" {xmlns}>{body}</rdf:Description>'
        "</rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode()


# --- splicing the packet into the file --------------------------------------------


def embed(data: bytes, xmp: bytes, iim_block: bytes = b"") -> bytes:
    """`data` (JPEG, PNG or WebP) with `xmp` as its only XMP packet; a JPEG also
    with `iim_block` (iim.py) as its only IPTC IIM."""
    if data[:2] == b"\xff\xd8":
        return _jpeg(data, xmp, iim.app13(iim_block))
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return _png(data, xmp)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp(data, xmp)
    raise ValueError("not a JPEG, PNG or WebP file")


def _jpeg(data: bytes, xmp: bytes, app13: bytes) -> bytes:
    payload = XMP_JPEG_HEADER + xmp
    if len(payload) + 2 > 0xFFFF:
        raise ValueError("XMP packet too large for one JPEG segment")
    segments, position = [], 2
    while position < len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xDA:  # start of scan: the rest is image data
            break
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        segment = data[position : position + 2 + length]
        if marker not in JPEG_DROPPED:
            segments.append(segment)
        position += 2 + length
    app1 = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    # After APP0 (JFIF) if there is one, as readers expect.
    head = [s for s in segments if s[1] == 0xE0]
    rest = [s for s in segments if s[1] != 0xE0]
    return b"\xff\xd8" + b"".join(head) + app1 + app13 + b"".join(rest) + data[position:]


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png(data: bytes, xmp: bytes) -> bytes:
    chunks, position = [], 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        chunk = data[position : position + 12 + length]
        if kind not in PNG_DROPPED:
            chunks.append((kind, chunk))
        position += 12 + length
    # iTXt: keyword, NUL, compression flag 0, method 0, no language, no translated keyword.
    itxt = _png_chunk(b"iTXt", PNG_KEYWORD + b"\x00\x00\x00\x00\x00" + xmp)
    out = [data[:8]]
    for kind, chunk in chunks:
        out.append(chunk)
        if kind == b"IHDR":
            out.append(itxt)
    return b"".join(out)


def _webp(data: bytes, xmp: bytes) -> bytes:
    chunks, position = [], 12
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        (length,) = struct.unpack("<I", data[position + 4 : position + 8])
        body = data[position + 8 : position + 8 + length]
        if kind not in WEBP_DROPPED:
            chunks.append((kind, body))
        position += 8 + length + (length % 2)
    kinds = [kind for kind, _body in chunks]
    if b"VP8X" not in kinds:  # simple format: add the extended header the XMP flag lives in
        width, height = _webp_size(chunks)
        header = b"\x00\x00\x00\x00" + _u24(width - 1) + _u24(height - 1)
        chunks.insert(0, (b"VP8X", header))
    kind, header = chunks[0]
    flags = (header[0] & ~0x08) | 0x04  # no EXIF, XMP present
    if b"ALPH" in kinds:
        flags |= 0x10
    chunks[0] = (kind, bytes([flags]) + header[1:])
    chunks.append((b"XMP ", xmp))
    body = b"WEBP" + b"".join(
        kind + struct.pack("<I", len(part)) + part + (b"\x00" if len(part) % 2 else b"")
        for kind, part in chunks
    )
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _u24(value: int) -> bytes:
    return struct.pack("<I", value)[:3]


def _webp_size(chunks) -> tuple[int, int]:
    for kind, body in chunks:
        if kind == b"VP8 ":  # lossy: frame header after a 3-byte tag and the start code
            width, height = struct.unpack("<HH", body[6:10])
            return width & 0x3FFF, height & 0x3FFF
        if kind == b"VP8L":  # lossless: 14-bit width-1 and height-1 after the signature
            bits = int.from_bytes(body[1:5], "little")
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    raise ValueError("WebP without image data")
