from qsync.markdown.slugs import GithubSlugger, MkdocsSlugger, github_slug, mkdocs_slug


def test_github_slug_keeps_runs_of_hyphens():
    assert github_slug("Agentic AI & Tool-Use Security") == "agentic-ai--tool-use-security"
    assert (
        github_slug("RAG (Retrieval-Augmented Generation) Security")
        == "rag-retrieval-augmented-generation-security"
    )


def test_github_slug_drops_em_dash_but_keeps_its_spaces():
    assert github_slug("Scenario 5: Multi-agent — one agent") == "scenario-5-multi-agent--one-agent"


def test_github_slug_keeps_unicode_letters_and_underscores():
    assert github_slug("Café_au lait") == "café_au-lait"


def test_github_slugger_numbers_repeats():
    slugger = GithubSlugger()
    assert [slugger.slug("Intro"), slugger.slug("Intro"), slugger.slug("Intro")] == [
        "intro",
        "intro-1",
        "intro-2",
    ]


def test_github_slugger_skips_a_taken_numbered_slug():
    slugger = GithubSlugger()
    assert slugger.slug("a-1") == "a-1"
    assert slugger.slug("a") == "a"
    assert slugger.slug("a") == "a-2"


def test_mkdocs_slug_collapses_and_folds_to_ascii():
    assert mkdocs_slug("Fundamentals & Attack Taxonomy") == "fundamentals-attack-taxonomy"
    assert mkdocs_slug("Café — Menu") == "cafe-menu"
    assert mkdocs_slug("  OWASP Top 10 (2021) Deep Dives ") == "owasp-top-10-2021-deep-dives"


def test_mkdocs_slugger_uses_underscore_numbers_and_explicit_ids():
    slugger = MkdocsSlugger()
    assert slugger.slug("Notes") == "notes"
    assert slugger.slug("Notes") == "notes_1"
    assert slugger.slug("Notes") == "notes_2"
    assert slugger.slug("Anything", explicit="custom") == "custom"
    assert slugger.slug("!!!") == "_1"
