"""Relative site links become the absolute URLs MkDocs publishes them at."""

import pytest

from qsync.sync.urls import LinkOutsideSite, SiteUrls

SITE = SiteUrls("https://cybercloud.guru/")
FLAT = SiteUrls("https://cybercloud.guru", use_directory_urls=False)
PAGE = "interview-questions/ai-security-interview-questions.md"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("../ai-security/ai-governance.md", "https://cybercloud.guru/ai-security/ai-governance/"),
        (
            "../ai-security/ai-governance.md#eu-ai-act",
            "https://cybercloud.guru/ai-security/ai-governance/#eu-ai-act",
        ),
        # An anchor written as a heading is slugged as MkDocs slugs headings.
        (
            "../ai-security/ai-governance.md#EU AI Act: Tiers",
            "https://cybercloud.guru/ai-security/ai-governance/#eu-ai-act-tiers",
        ),
        ("../ai-security/index.md", "https://cybercloud.guru/ai-security/"),
        ("../ai-security/README.md", "https://cybercloud.guru/ai-security/"),
        ("../index.md", "https://cybercloud.guru/"),
        (
            "api-security-interview-questions.md",
            "https://cybercloud.guru/interview-questions/api-security-interview-questions/",
        ),
        (
            "./api-security-interview-questions.md?tab=1",
            "https://cybercloud.guru/interview-questions/api-security-interview-questions/?tab=1",
        ),
        (
            "#governance-risk",
            "https://cybercloud.guru/interview-questions/ai-security-interview-questions/#governance-risk",
        ),
        ("../assets/diagram.png", "https://cybercloud.guru/assets/diagram.png"),
        ("../ai-security/", "https://cybercloud.guru/ai-security/"),
        ("/ai-security/ai-governance.md", "https://cybercloud.guru/ai-security/ai-governance/"),
        ("../my notes/a page.md", "https://cybercloud.guru/my%20notes/a%20page/"),
    ],
)
def test_relative_links_become_site_urls(target: str, expected: str) -> None:
    assert SITE.absolute(target, PAGE) == expected


@pytest.mark.parametrize(
    "target", ["https://github.com/jassics", "mailto:me@example.org", "//cdn.example.org/x.js"]
)
def test_absolute_links_are_left_alone(target: str) -> None:
    assert SITE.absolute(target, PAGE) is None


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (
            "../ai-security/ai-governance.md",
            "https://cybercloud.guru/ai-security/ai-governance.html",
        ),
        ("../ai-security/index.md", "https://cybercloud.guru/ai-security/index.html"),
    ],
)
def test_without_directory_urls_pages_end_in_html(target: str, expected: str) -> None:
    assert FLAT.absolute(target, PAGE) == expected


def test_a_link_out_of_docs_dir_is_refused() -> None:
    with pytest.raises(LinkOutsideSite, match="outside the site's docs_dir"):
        SITE.absolute("../../README.md", PAGE)


def test_relative_links_need_a_base_url() -> None:
    with pytest.raises(LinkOutsideSite, match="base_url"):
        SiteUrls("").absolute("../x.md", PAGE)


def test_page_url() -> None:
    assert (
        SITE.page_url(PAGE)
        == "https://cybercloud.guru/interview-questions/ai-security-interview-questions/"
    )
    assert SITE.page_url("index.md") == "https://cybercloud.guru/"
