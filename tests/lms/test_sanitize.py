import pytest

from lms.sanitize import sanitize_embed, sanitize_html, sanitize_rich_text


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Hallo <strong>Welt</strong></p>", "<p>Hallo <strong>Welt</strong></p>"),
        ("<script>alert(1)</script><p>ok</p>", "alert(1)<p>ok</p>"),
        ('<p onclick="x()">Text</p>', "<p>Text</p>"),
        ('<img src="x" onerror="alert(1)">', ""),
        ('<p style="color:red">rot</p>', "<p>rot</p>"),
        ("<iframe src='https://evil.example'></iframe>", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_sanitize_html_keeps_only_safe_subset(dirty, clean):
    assert sanitize_html(dirty) == clean


def test_sanitize_html_allows_https_and_mailto_links_only():
    assert sanitize_html('<a href="javascript:alert(1)">x</a>') == "<a>x</a>"
    assert sanitize_html('<a href="http://example.org">x</a>') == "<a>x</a>"
    assert sanitize_html('<a href="https://example.org">x</a>') == (
        '<a href="https://example.org" rel="noopener noreferrer nofollow">x</a>'
    )
    assert sanitize_html('<a href="mailto:info@example.org">Mail</a>') == (
        '<a href="mailto:info@example.org" rel="noopener noreferrer nofollow">Mail</a>'
    )


@pytest.mark.django_db
def test_sanitize_rich_text_keeps_what_the_editor_writes():
    editor_output = (
        "<h2>Stufen</h2><h3>Eins</h3><h4>Zwei</h4><p><b>fett</b> <i>kursiv</i><br/>neu</p>"
        '<ol><li>a</li></ol><ul><li>b</li></ul><p><a href="/qualifizierung/">Seite</a> '
        '<a href="/documents/1/blatt.pdf">Dokument</a> <a href="http://example.org">alt</a> '
        '<a href="https://example.org">neu</a> <a href="mailto:a@example.org">Mail</a> '
        '<a href="tel:+4930123">Telefon</a> <a href="#teil-2">Anker</a></p>'
    )
    assert sanitize_rich_text(editor_output) == editor_output.replace("<br/>", "<br>")


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>a<script>alert(1)</script></p>", "<p>aalert(1)</p>"),
        ('<p onclick="x()" data-block-key="k1" style="color:red">a</p>', "<p>a</p>"),
        ('<a href="javascript:alert(1)" target="_blank">a</a>', "<a>a</a>"),
        ('<a href="data:text/html,x">a</a>', "<a>a</a>"),
        ('<img src="x" onerror="alert(1)"><iframe srcdoc="x"></iframe>', ""),
        ("<svg><script>alert(1)</script></svg>", "alert(1)"),
        (None, ""),
    ],
)
def test_sanitize_rich_text_removes_anything_executable(dirty, clean):
    assert sanitize_rich_text(dirty) == clean


def test_sanitize_embed_keeps_the_providers_https_iframe_only():
    iframe = (
        '<iframe src="https://www.youtube-nocookie.com/embed/x" width="640" height="360" '
        'title="Video" allow="fullscreen" allowfullscreen="" frameborder="0"></iframe>'
    )
    assert sanitize_embed(iframe) == iframe
    assert sanitize_embed('<iframe src="javascript:alert(1)"></iframe>') == "<iframe></iframe>"
    assert sanitize_embed('<iframe srcdoc="<script>x</script>" onload="x()"></iframe>') == (
        "<iframe></iframe>"
    )
    assert sanitize_embed("<script>alert(1)</script><p>x</p>") == "alert(1)\nx"


def test_public_pages_send_a_csp_without_inline_script(client, home):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in policy
