"""The Markdown renderer and its sanitiser."""

from html.parser import HTMLParser

import pytest

from articles.rendering import ALLOWED_TAGS, render_markdown, sanitise


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


def assert_no_active_content(html: str) -> None:
    """Parse the output the way a browser would and check every element and attribute."""
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS, f"<{tag}> survived in {html!r}"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{name} survived in {html!r}"
            assert name != "style", html
            if name in {"href", "src"}:
                scheme = (value or "").split(":", 1)[0].strip().lower() if ":" in value else ""
                assert scheme in {"", "http", "https", "mailto"}, html


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body{display:none}</style>",
    '<div onclick="alert(1)">click</div>',
    '<a href="/ok" onmouseover="alert(1)">x</a>',
    '<img src="https://evil.example/track.gif">',
    "<b><i>unclosed <script>alert(1)",
    "<<script>script>alert(1)<</script>/script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<form action="https://evil.example"><input name=x></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "<!--<img src=x onerror=alert(1)>-->",
]

DANGEROUS_MARKERS = [
    "<script", "onerror", "onload", "onclick", "onmouseover", "javascript:", "data:",
    "<iframe", "<svg", "<object", "<embed", "style=", "<style", "<form", "<meta",
    "evil.example",
]  # fmt: skip


def assert_inert(html: str) -> None:
    lowered = html.lower()
    for marker in DANGEROUS_MARKERS:
        assert marker not in lowered, f"{marker!r} survived in {html!r}"


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_sanitiser_neutralises_raw_html_payload(payload):
    html = sanitise(payload)
    assert_inert(html)
    assert_no_active_content(html)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markdown_never_passes_raw_html_through(payload):
    html = render_markdown(f"Before\n\n{payload}\n\nAfter {payload}").html
    # Raw HTML in Markdown is shown as text: no element but paragraphs appears.
    assert_no_active_content(html)
    assert {tag for tag, _ in elements(html)} <= {"p"}


@pytest.mark.parametrize(
    "link",
    [
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x](vbscript:msgbox(1))",
        "![x](data:image/svg+xml;base64,PHN2Zz4=)",
        "![x](https://evil.example/pixel.png)",
        "![x](//evil.example/pixel.png)",
    ],
)
def test_markdown_links_and_images_with_dangerous_urls_lose_them(link):
    html = render_markdown(link).html
    assert "href=" not in html
    assert "src=" not in html


def test_external_links_get_noopener_and_internal_links_do_not():
    html = render_markdown("[study](https://pubmed.example.org/1) and [clinics](/clinics/)").html
    assert '<a href="https://pubmed.example.org/1" rel="noopener noreferrer">study</a>' in html
    assert '<a href="/clinics/">clinics</a>' in html


def test_links_to_our_own_host_are_not_marked_external(settings):
    settings.SITE_URL = "https://directory.example.org"
    html = render_markdown("[home](https://directory.example.org/about/)").html
    assert "rel=" not in html


def test_same_site_images_are_kept():
    html = render_markdown("![A diagram of a synapse](/static/img/synapse.png)").html
    assert '<img src="/static/img/synapse.png" alt="A diagram of a synapse">' in html


def test_mailto_links_are_allowed():
    html = render_markdown("[write to us](mailto:editors@example.org)").html
    assert 'href="mailto:editors@example.org"' in html


def test_headings_get_ids_and_h1_is_demoted():
    html = render_markdown("# Big\n\n## How it works\n\n### In detail\n").html
    assert '<h2 id="big">Big</h2>' in html
    assert '<h2 id="how-it-works">How it works</h2>' in html
    assert '<h3 id="in-detail">In detail</h3>' in html
    assert "<h1" not in html


def test_heading_ids_never_clash_with_page_landmarks():
    html = render_markdown("## Main\n\n## References\n").html
    assert 'id="main-section"' in html
    assert 'id="references-section"' in html


def test_long_articles_get_a_table_of_contents_from_h2_and_h3():
    rendered = render_markdown("## One\n\ntext\n\n### One point five\n\n## Two\n\n## Three\n")
    assert [(item["title"], item["level"]) for item in rendered.toc] == [
        ("One", 2),
        ("One point five", 3),
        ("Two", 2),
        ("Three", 2),
    ]


def test_short_articles_have_no_table_of_contents():
    assert render_markdown("## Only one\n\ntext").toc == []


def test_reading_time_rounds_up_at_200_words_a_minute():
    assert render_markdown("word " * 200).reading_minutes == 1
    assert render_markdown("word " * 201).reading_minutes == 2
    assert render_markdown("").reading_minutes == 1


def test_tables_render_without_inline_styles():
    html = render_markdown("| a | b |\n|---|:-:|\n| 1 | 2 |\n").html
    assert "<table>" in html
    assert "style" not in html


def test_plain_text_for_search_keeps_words_apart_across_line_breaks():
    text = render_markdown("the brain's main\n**go** signal stays\nactive").text
    assert text == "the brain's main go signal stays active"
