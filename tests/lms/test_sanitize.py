import pytest

from lms.sanitize import sanitize_html


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
def test_public_pages_send_a_csp_without_inline_script(client, home):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in policy
