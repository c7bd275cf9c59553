"""The one place where HTML submitted by users is cleaned.

Wagtail's rich-text editor has its own whitelist; this is for HTML that users
submit outside it (e.g. reflection answers). bleach is behind this function so
that it can be swapped without touching callers.
"""

import bleach
from bleach.css_sanitizer import CSSSanitizer

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "blockquote", "a", "h3", "h4"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = frozenset({"https", "mailto"})

_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    css_sanitizer=CSSSanitizer(allowed_css_properties=[]),
)


def sanitize_html(html: str | None) -> str:
    """Return ``html`` reduced to a small safe subset: basic formatting and https/mailto links."""
    if not html:
        return ""
    cleaned = _cleaner.clean(html)
    # Links leave the site in a new context without passing on the referrer.
    return (
        bleach.linkify(
            cleaned,
            callbacks=[_rel_noopener],
            skip_tags={"pre", "code"},
            parse_email=False,
        )
        if "<a " in cleaned
        else cleaned
    )


def _rel_noopener(attrs, new=False):
    attrs[(None, "rel")] = "noopener noreferrer nofollow"
    return attrs
