"""Rich text for non-technical editors: a small editor, and an allowlist on the server.

Whatever the editor (or a crafted POST) sends, only these tags survive:
headings, paragraphs, lists, links, bold/italic and quotes. No script, style,
event handler, image or `javascript:`/`data:` URL. A quote names its speaker
in a last paragraph starting with a dash; ``with_speakers`` renders that as
<figure><blockquote>…</blockquote><figcaption>speaker</figcaption></figure>.
"""

import re

import nh3
from django_prose_editor.fields import ProseEditorField

ALLOWED_TAGS = {"h2", "h3", "h4", "p", "br", "ul", "ol", "li", "a", "strong", "em", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": sorted(ALLOWED_URL_SCHEMES)},
}


# A quote with its speaker, as the editor writes it: a blockquote whose last
# paragraph starts with a dash ("— Landrat Dr. Kai Zwicker").
_QUOTE_WITH_SPEAKER = re.compile(
    r"<blockquote>((?:(?!</blockquote>).)*?)<p>[—–]\s*((?:(?!</p>).)+?)</p>\s*</blockquote>", re.S
)


def with_speakers(html: str) -> str:
    """Sanitized rich text with each quote's speaker as the figure's caption (HTML's pattern:
    the attribution belongs outside the blockquote), e.g. for the release page and ninjs."""
    return _QUOTE_WITH_SPEAKER.sub(
        r'<figure class="quote"><blockquote>\1</blockquote><figcaption>\2</figcaption></figure>',
        html,
    )


def sanitize_html(html: str) -> str:
    """Reduce HTML to the allowlist; empty editor output becomes ''."""
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
    return "" if cleaned in ("<p></p>", "<p><br></p>") else cleaned


class RichTextField(ProseEditorField):
    """A TextField edited with the prose editor, sanitized on clean() and on save.

    Sanitizing in pre_save too covers writes that skip forms (fixtures, shell,
    scripts), and every language column modeltranslation derives from it.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config", {"extensions": EDITOR_EXTENSIONS})
        kwargs.setdefault("sanitize", sanitize_html)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if value:
            value = self.sanitize(value)
            setattr(model_instance, self.attname, value)
        return value
