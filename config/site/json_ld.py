"""schema.org JSON-LD, emitted safely inside a <script> element."""

import json

from django.utils.safestring import SafeString, mark_safe

# The escapes Django's json_script uses, so no string in the data can end the element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script_body(data: dict) -> SafeString:
    """The text to place inside <script type="application/ld+json">, safe from breakout."""
    return mark_safe(  # noqa: S308 - the escapes above make it inert inside <script>
        json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    )
