"""Every field that accepts HTML, fed a corpus of XSS payloads, renders no
executable script.

- Wagtail rich text (page fields and the rich-text blocks of the lesson body)
  gets what the admin's editor stores for the payload: the HTML goes through
  Draftail's converter both ways (as when it is pasted or imported, then saved).
- Reflection answers go through the real form post (``lms.sanitize``).
- Plain-text block fields (knowledge-check questions, reflection prompts,
  headings) are stored raw: the templates must escape them.
- HTML written straight into the database (an import, the API, a migration,
  a compromised editor account: past every form, the editor's converter and
  model validation) into every rich-text field and block, the embed cache,
  reflection answers and certificate templates: the pages clean it when they
  render it (``lms.sanitize``), and Wagtail's page and document links still
  expand.

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
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from certificates import issuing
from certificates.models import CertificateKind, CertificateTemplate
from certificates.pdf import certificate_context
from content.models import StandardPage, TransferModelIndexPage, TransferModelPage
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
    "</textarea></blockquote><script>alert('xss-23')</script>",
    '<a href="#" onclick="alert(\'xss-24\')" style="x:expression(alert(1))">Link</a>',
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


# --- HTML written straight into the database ------------------------------------------------

VIDEO_URL = "https://www.youtube.com/watch?v=kokoma-xss"
GOOD_IFRAME_ATTRIBUTES = ' src="https://www.youtube-nocookie.com/embed/x" title="Video"'


def hostile_rich_text(world) -> str:
    """The corpus as stored by something that is not the editor, with a good page and
    document link in Wagtail's database format (which must still expand)."""
    return CORPUS + (
        f'<p><a linktype="page" id="{world["programme"].pk}">Zum Programm</a> '
        f'<a linktype="document" id="{world["document"].pk}">Zum Arbeitsblatt</a></p>'
    )


def store(page, **fields):
    """Write ``fields`` with one UPDATE: no form, no converter, no validation, no signal."""
    model = type(page.specific)
    for name, value in fields.items():
        if isinstance(value, list):  # a StreamField body as stored JSON
            fields[name] = model._meta.get_field(name).stream_block.normalize(value)
    assert model.objects.filter(pk=page.pk).update(**fields) == 1


def stream(raw: str) -> list[dict]:
    """Every block of a page body that holds rich text, filled with ``raw`` (as stored JSON)."""
    return [
        {"type": "paragraph", "value": raw},
        {"type": "callout", "value": {"kind": "info", "title": "Hinweis", "text": raw}},
        {"type": "video", "value": {"video": VIDEO_URL, "title": "Video", "transcript": raw}},
    ]


def assert_clean(label, page_html, world):
    problems = executable_parts(page_html)
    assert not problems, f"{label}:\n" + "\n".join(problems)
    assert "alert(" in page_html, f"{label}: the payloads are not on the page at all"


def assert_links_expanded(label, page_html, world):
    document = world["document"]
    assert '<a href="/qualifizierung/">Zum Programm</a>' in page_html, label
    assert f'<a href="{document.url}">Zum Arbeitsblatt</a>' in page_html, label


def test_rich_text_stored_in_the_database_renders_no_script(client, world):
    home, programme, module, lesson = (
        world[name].specific for name in ("home", "programme", "module", "lesson")
    )
    raw = hostile_rich_text(world)
    # The embed cache holds what the video provider answered; here a hostile answer.
    Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html=CORPUS + f"<iframe{GOOD_IFRAME_ATTRIBUTES}></iframe>",
        width=640,
        height=360,
    )
    standard = home.add_child(instance=StandardPage(title="Impressum", slug="impressum"))
    index = home.add_child(instance=TransferModelIndexPage(title="Modelle", slug="modelle"))
    model = index.add_child(
        instance=TransferModelPage(
            title="Bamberg",
            slug="bamberg",
            municipality="Bamberg",
            summary="Kurz",
            starting_point="<p>Ausgang</p>",
            procedure="<p>Verfahren</p>",
        )
    )
    store(home, intro=raw, easy_language=raw, body=stream(raw))
    store(programme, intro=raw, target_groups=raw, certificate_requirements=raw)
    store(module, learning_outcomes=raw)
    store(lesson, body=[*stream(raw), *lesson.body.raw_data])
    store(standard, body=stream(raw))
    store(index, intro=raw)
    store(
        model,
        starting_point=raw,
        procedure=raw,
        actors=raw,
        results=raw,
        transferability=raw,
    )

    client.force_login(world["users"]["trainee"])
    for label, page in [
        ("home", home),
        ("programme", programme),
        ("module", module),
        ("lesson", lesson),
        ("standard page", standard),
        ("transfer model index", index),
        ("transfer model", model),
    ]:
        page_html = render(client, page)
        assert_clean(label, page_html, world)
        assert_links_expanded(label, page_html, world)
    # The video still embeds: the provider's https iframe survives the cleaning.
    assert f"<iframe{GOOD_IFRAME_ATTRIBUTES}></iframe>" in render(client, lesson)


def test_reflection_answer_stored_in_the_database_renders_no_script(client, world):
    ReflectionAnswer.objects.filter(enrolment=world["enrolment"]).update(text=CORPUS)
    client.force_login(world["users"]["trainee"])
    assert_clean("lesson (own answer)", render(client, world["lesson"]), world)
    client.force_login(world["users"]["trainer"])
    progress_url = reverse("trainee_progress", args=[world["cohort"].pk, world["enrolment"].pk])
    response = client.get(progress_url)
    assert response.status_code == 200
    assert_clean("trainee progress (trainer)", response.content.decode(), world)


def test_certificate_template_stored_in_the_database_renders_no_script(client, world):
    hostile = " ".join(PAYLOADS)
    CertificateTemplate.objects.filter(kind=CertificateKind.CERTIFICATE, is_default=True).update(
        title=hostile[:100],
        body=CORPUS,
        issuer_name=hostile[:200],
        issuer_details=CORPUS,
        place=hostile[:100],
        funding_notice=CORPUS,
    )
    certificate = issuing.issue_certificate(
        world["enrolment"], CertificateKind.CERTIFICATE, by=world["users"]["staff"], reissue=True
    )
    assert "<script>alert(" in certificate.snapshot["template"]["body"]
    assert_clean(
        "certificate PDF (HTML)",
        render_to_string("certificates/pdf/certificate.html", certificate_context(certificate)),
        world,
    )
    response = client.get(certificate.get_verification_url())
    assert response.status_code == 200
    assert executable_parts(response.content.decode()) == []
