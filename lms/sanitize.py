"""The one place where HTML from users is cleaned.

- :func:`sanitize_html`: HTML that users submit outside Wagtail's editor
  (e.g. reflection answers), cleaned when stored and again when shown.
- :func:`sanitize_rich_text`: Wagtail rich text (page fields and rich-text
  blocks), cleaned every time it is rendered, after Wagtail has expanded its
  page and document links. The editor's whitelist only holds for what goes
  through the editor; an import, a migration, the API or a compromised
  account can store anything, so the page never trusts the database.
- :func:`sanitize_embed`: the provider HTML of a video embed (Wagtail's embed
  cache in the database), reduced to an https iframe.

bleach is behind these three functions so that it can be swapped without
touching callers.
"""

import functools

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


#: What Wagtail's editor writes with the project's rich-text features
#: (``curriculum.blocks.RICH_TEXT_FEATURES``), after link expansion. Relative
#: URLs (expanded page and document links) and ``#`` anchors pass.
RICH_TEXT_TAGS = frozenset(
    {"p", "br", "h2", "h3", "h4", "b", "i", "strong", "em", "ol", "ul", "li", "a"}
)
RICH_TEXT_ATTRIBUTES = {"a": ["href"]}
RICH_TEXT_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})

_rich_text_cleaner = bleach.sanitizer.Cleaner(
    tags=RICH_TEXT_TAGS,
    attributes=RICH_TEXT_ATTRIBUTES,
    protocols=RICH_TEXT_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def sanitize_rich_text(html: str | None) -> str:
    """Return front-end rich text reduced to what Wagtail's editor can produce here.

    Call it on the output of ``expand_db_html`` (the project's override of
    ``wagtailcore/shared/richtext.html`` does, for ``|richtext`` and for
    rich-text blocks alike): anything else (scripts, event handlers, styles,
    frames, ``javascript:`` links) is removed, its text kept as text.
    """
    if not html:
        return ""
    return _clean_rich_text(html)


@functools.lru_cache(maxsize=1024)
def _clean_rich_text(html: str) -> str:
    # The same text is rendered again and again (every view of a lesson); the
    # key is the expanded HTML, so a moved page or renamed document is a new key.
    return _rich_text_cleaner.clean(html)


EMBED_ATTRIBUTES = {
    "iframe": [
        "src",
        "width",
        "height",
        "title",
        "allow",
        "allowfullscreen",
        "frameborder",
        "referrerpolicy",
        "loading",
    ]
}

_embed_cleaner = bleach.sanitizer.Cleaner(
    tags=frozenset({"iframe"}),
    attributes=EMBED_ATTRIBUTES,
    protocols=frozenset({"https"}),
    strip=True,
    strip_comments=True,
)


def sanitize_embed(html: str | None) -> str:
    """Return an embed's provider HTML as a plain https ``<iframe>`` (no script, no srcdoc).

    Video providers (YouTube, Vimeo) answer with exactly such an iframe; the
    Content-Security-Policy then decides which hosts may be framed.
    """
    if not html:
        return ""
    return _embed_cleaner.clean(html)


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
