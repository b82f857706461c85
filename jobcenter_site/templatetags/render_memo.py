"""{% memo "name" key … %}…{% endmemo %}: a fragment rendered once per content generation.

    {% load render_memo %}
    {% memo "footer" request.path %}{% include "includes/footer.html" %}{% endmemo %}

The rendered HTML is kept in the process (core/memo.py) under the name, the
active language and the keys, until the next edit or scheduled change, or
RENDER_MEMO_SECONDS. Unlike Django's {% cache %} it costs no cache round
trip and cannot outlive an edit. The keys must name everything the fragment
reads besides content and the language: a forgotten key serves one page's
fragment on another (tests/test_perf_render_memo.py renders every inventory
page with and without memos and compares the bytes).
"""

from django import template
from django.utils.translation import get_language

from core import memo

register = template.Library()


class MemoNode(template.Node):
    def __init__(self, nodelist, name, keys):
        self.nodelist, self.name, self.keys = nodelist, name, keys

    def render(self, context):
        keys = tuple(str(key.resolve(context)) for key in self.keys)
        # The name first: core.memo caps the entries per first element, so
        # search headers (one per query) cannot evict the office pages' bodies.
        key = (f"fragment:{self.name}", get_language(), *keys)
        return memo.get_or_compute(key, lambda: self.nodelist.render(context))


@register.tag("memo")
def do_memo(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or not (bits[1][0] == bits[1][-1] and bits[1][0] in "\"'"):
        raise template.TemplateSyntaxError(f"{bits[0]} needs a quoted name first")
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])
