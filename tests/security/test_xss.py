"""Every field that accepts HTML, fed a corpus of XSS payloads, renders no
executable script.

- Wagtail rich text (page fields and the rich-text blocks of the lesson body)
  gets what the admin's editor stores for the payload: the HTML goes through
  Draftail's converter both ways (as when it is pasted or imported, then saved).
- Reflection answers go through the real form post (``lms.sanitize``).
- Plain-text block fields (knowledge-check questions, reflection prompts,
  headings) are stored raw: the templates must escape them.

The rendered pages are parsed with html.parser: no script element other than
the site's own files, no on* attribute, no javascript:/vbscript:/data:text/html
URL, no iframe srcdoc, no script in a style attribute.
"""

import html
import json
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from curriculum.blocks import RICH_TEXT_FEATURES
from lms.models import ReflectionAnswer
from tests.lms.test_progress import question as quiz_question
from tests.lms.test_progress import quiz_value

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss-1')</script>",
    "<img src=x onerror=alert('xss-2')>",
    "<a href=\"javascript:alert('xss-3')\">Link</a>",
    "<a href=\"JaVaScRiPt:alert('xss-4')\">Link</a>",
    "<a href=\"&#106;avascript:alert('xss-5')\">Link</a>",
    "<a href=\"java&#x09;script:alert('xss-6')\">Link</a>",
    "<svg onload=alert('xss-7')></svg>",
    "<svg><script>alert('xss-8')</script></svg>",
    "<iframe srcdoc=\"<script>alert('xss-9')</script>\"></iframe>",
    "<iframe src=\"javascript:alert('xss-10')\"></iframe>",
    "<div style=\"background:url(javascript:alert('xss-11'))\">x</div>",
    "<div style=\"width: expression(alert('xss-12'))\">x</div>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Link</a>',
    "&lt;script&gt;alert('xss-14')&lt;/script&gt;",
    "<scr<script>ipt>alert('xss-15')</scr</script>ipt>",
    "\"><script>alert('xss-16')</script>",
    "<body onload=alert('xss-17')>",
    "<form action=\"javascript:alert('xss-18')\"><button>x</button></form>",
    "<object data=\"data:text/html,<script>alert('xss-19')</script>\"></object>",
    '<math><mtext><table><mglyph><style><img src=x onerror=alert("xss-20")>',
    "<details open ontoggle=alert('xss-21')>",
    "<p title=\"&quot;&gt;&lt;script&gt;alert('xss-22')&lt;/script&gt;\">x</p>",
]
CORPUS = "\n".join(f"<p>{payload}</p>" for payload in PAYLOADS)
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "srcset", "poster"}


class ScriptFinder(HTMLParser):
    """Collects everything in a page that a browser would execute."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("type") != "application/json":
            src = urlsplit(attributes.get("src") or "")
            ours = src.netloc in ("", "testserver") and src.path.startswith(settings.STATIC_URL)
            if not ours:
                self.problems.append(f"<script> not from our static files: {attrs}")
        if tag == "iframe" and "srcdoc" in attributes:
            self.problems.append(f"iframe srcdoc: {attrs}")
        for name, value in attrs:
            value = value or ""
            squeezed = "".join(value.split()).lower()
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>: {value}")
            if name in URL_ATTRIBUTES and squeezed.startswith(DANGEROUS_SCHEMES):
                self.problems.append(f"<{tag} {name}={value}>")
            if name == "style" and ("expression(" in squeezed or "javascript:" in squeezed):
                self.problems.append(f"<{tag} style={value}>")

    handle_startendtag = handle_starttag


def executable_parts(page_html: str) -> list[str]:
    finder = ScriptFinder()
    finder.feed(page_html)
    return finder.problems


def as_editor_saves(payloads=PAYLOADS) -> str:
    """What Wagtail's rich-text editor stores for the payloads.

    Each payload is put into the editor as HTML (as when pasted or imported) and
    saved; HTML the converter refuses to read is then entered as text. A link
    whose URL is a payload is added as the editor's own data (contentstate), as
    a hand-made form post would send it.
    """
    converter = ContentstateConverter(features=RICH_TEXT_FEATURES)
    parts = []
    for payload in payloads:
        try:
            contentstate = converter.from_database_format(f"<p>{payload}</p>")
        except AssertionError:
            contentstate = converter.from_database_format(f"<p>{html.escape(payload)}</p>")
        parts.append(converter.to_database_format(contentstate))
    links = {
        "blocks": [
            {
                "key": f"k{index}",
                "type": "unstyled",
                "text": "Link",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 4, "key": index}],
                "data": {},
            }
            for index in range(len(LINK_URLS))
        ],
        "entityMap": {
            str(index): {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}
            for index, url in enumerate(LINK_URLS)
        },
    }
    parts.append(converter.to_database_format(json.dumps(links)))
    return "".join(parts)


LINK_URLS = [
    "javascript:alert('link-1')",
    " JaVaScRiPt:alert('link-2')",
    "java\tscript:alert('link-3')",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox('link-5')",
    "\" onmouseover=\"alert('link-6')",
]


def render(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


def test_the_finder_finds_scripts():
    """The check can fail: raw payloads are all reported."""
    found = executable_parts(CORPUS)
    assert len(found) >= 15, found


def test_rich_text_page_fields_render_no_script(client, world):
    trainee = world["users"]["trainee"]
    client.force_login(trainee)
    saved = as_editor_saves()
    pages = {
        "home": (world["home"], ["intro"]),
        "programme": (world["programme"], ["intro", "target_groups", "certificate_requirements"]),
        "module": (world["module"], ["learning_outcomes"]),
    }
    problems = []
    for label, (page, fields) in pages.items():
        page = page.specific
        for field in fields:
            setattr(page, field, saved)
        page.save_revision().publish()
        found = executable_parts(render(client, page))
        problems += [f"{label}: {problem}" for problem in found]
    assert not problems, "\n".join(problems)


def test_lesson_body_blocks_render_no_script(client, world):
    lesson = world["lesson"].specific
    saved = as_editor_saves()
    lesson.body = [
        ("heading", {"text": CORPUS, "level": "h2"}),
        ("paragraph", saved),
        ("callout", {"kind": "info", "title": CORPUS, "text": saved}),
        ("document", {"document": world["document"], "title": CORPUS, "description": CORPUS}),
        ("quiz", quiz_value([quiz_question(CORPUS, {0})], title=CORPUS)),
        ("reflection", {"prompt": CORPUS, "guidance": CORPUS}),
    ]
    lesson.save_revision().publish()
    client.force_login(world["users"]["trainee"])
    page_html = render(client, lesson)
    assert "alert(" in page_html  # the payloads are there, as text
    problems = executable_parts(page_html)
    assert not problems, "\n".join(problems)


def test_reflection_answers_render_no_script(client, world):
    trainee, trainer = world["users"]["trainee"], world["users"]["trainer"]
    lesson = world["lesson"]
    client.force_login(trainee)
    url = reverse("lesson_reflection_save", args=[lesson.pk, world["reflection_id"]])
    response = client.post(url, {"text": CORPUS})
    assert response.status_code == 302
    stored = ReflectionAnswer.objects.get(enrolment=world["enrolment"]).text
    assert executable_parts(stored) == []
    assert executable_parts(html.unescape(stored)) == [] or "<script" not in stored
    problems = executable_parts(render(client, lesson))
    client.force_login(trainer)
    progress_url = reverse("trainee_progress", args=[world["cohort"].pk, world["enrolment"].pk])
    problems += executable_parts(client.get(progress_url).content.decode())
    assert not problems, "\n".join(problems)
