"""Rich text: whatever the editor (or a crafted POST) sends, nothing executable survives."""

import pytest

from core.richtext import sanitize_html
from pressroom.models import PressRelease

PAYLOADS = [
    "<script>alert(1)</script><p>ok</p>",
    '<img src=x onerror="alert(1)">',
    '<p onclick="alert(1)">ok</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<p style="background:url(javascript:alert(1))">ok</p>',
    "<style>body{display:none}</style><p>ok</p>",
    '<iframe src="https://evil.example/"></iframe>',
    '<img src="https://evil.example/track.gif" alt="">',
    "<svg><script>alert(1)</script></svg>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example/"><input name="q"></form>',
    '<a href="https://example.org/" target="_blank" onmouseover="x()">link</a>',
]
FORBIDDEN = [
    "<script",
    "onerror",
    "onclick",
    "onmouseover",
    "javascript:",
    "data:",
    "style",
    "<iframe",
    "<img",
    "<svg",
    "<math",
    "<object",
    "<embed",
    "<form",
    "<input",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_comes_out_harmless(payload):
    cleaned = sanitize_html(payload).lower()
    for needle in FORBIDDEN:
        assert needle not in cleaned, (payload, cleaned)


def test_allowed_markup_survives():
    html = "<h2>T</h2><p><strong>a</strong> <em>b</em></p><ul><li>c</li></ul><blockquote><p>q</p></blockquote>"
    assert sanitize_html(html) == html
    assert 'rel="noopener noreferrer"' in sanitize_html('<a href="https://example.org/">x</a>')


@pytest.mark.django_db
def test_release_body_is_sanitized_on_clean():
    field = PressRelease._meta.get_field("body_de")
    assert field.clean('<p onclick="x()">ok</p><script>1</script>', None) == "<p>ok</p>"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_release_body_is_sanitized_on_save_in_every_language(lang):
    """Writes that skip forms (fixtures, shell, scripts) are sanitized too."""
    from .factories import make_release

    release = make_release()
    setattr(release, f"body_{lang}", '<p onclick="x()">Hi<script>alert(1)</script></p>')
    release.save()
    release.refresh_from_db()
    assert getattr(release, f"body_{lang}") == "<p>Hi</p>"


@pytest.mark.django_db
def test_information_page_body_is_sanitized_on_save():
    from .factories import make_page

    page = make_page(
        body_en='<a href="javascript:alert(1)">x</a><img src="https://evil.example/x">'
    )
    page.refresh_from_db()
    assert "javascript" not in page.body_en and "<img" not in page.body_en
