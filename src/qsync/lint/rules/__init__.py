"""The rule registry: one explicit tuple, in code order."""

from __future__ import annotations

from qsync.lint.rule import Rule
from qsync.lint.rules import (
    qs101_empty_answer,
    qs102_duplicate_question,
    qs103_near_duplicate_question,
    qs104_question_form,
    qs105_question_outside_section,
    qs106_empty_section,
    qs107_heading_increment,
    qs108_single_h1,
    qs109_upstream_numbering,
    qs110_toc_mismatch,
    qs111_malformed_admonition,
    qs112_mkdocs_only_syntax,
    qs201_broken_link,
    qs202_broken_anchor,
    qs203_site_url,
    qs204_upstream_blob_link,
    qs205_empty_link,
    qs206_insecure_http,
    qs207_unlinked_page_title,
    qs210_dead_link,
    qs211_redirected_link,
)

RULES: tuple[Rule, ...] = (
    qs101_empty_answer.RULE,
    qs102_duplicate_question.RULE,
    qs103_near_duplicate_question.RULE,
    qs104_question_form.RULE,
    qs105_question_outside_section.RULE,
    qs106_empty_section.RULE,
    qs107_heading_increment.RULE,
    qs108_single_h1.RULE,
    qs109_upstream_numbering.RULE,
    qs110_toc_mismatch.RULE,
    qs111_malformed_admonition.RULE,
    qs112_mkdocs_only_syntax.RULE,
    qs201_broken_link.RULE,
    qs202_broken_anchor.RULE,
    qs203_site_url.RULE,
    qs204_upstream_blob_link.RULE,
    qs205_empty_link.RULE,
    qs206_insecure_http.RULE,
    qs207_unlinked_page_title.RULE,
    qs210_dead_link.RULE,
    qs211_redirected_link.RULE,
)
ONLINE = frozenset({"QS210", "QS211"})
