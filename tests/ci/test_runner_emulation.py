"""The small runner the CI tests use: expressions and step conditions as GitHub evaluates them."""

from __future__ import annotations

import pytest

from tests.ci.actions import condition, expand

CONTEXT = {"inputs.mode": "fast", "steps.run.outputs.exit-code": "1", "github.repository": "o/r"}


def test_expressions_expand_to_context_values_and_missing_ones_to_empty():
    assert expand("${{ inputs.mode }}-${{ secrets.NONE }}", CONTEXT) == "fast-"
    assert expand("${{ secrets.NONE || github.repository }}", CONTEXT) == "o/r"


@pytest.mark.parametrize(
    ("expression", "failed", "runs"),
    [
        (None, False, True),
        (None, True, False),
        ("steps.run.outputs.exit-code != '0' && inputs.mode == 'fast'", False, True),
        ("steps.run.outputs.exit-code != '0' && inputs.mode == 'fast'", True, False),
        ("${{ !cancelled() && inputs.mode == 'slow' }}", True, False),
        ("${{ !cancelled() && inputs.mode == 'fast' }}", True, True),
        ("always()", True, True),
        ("failure()", False, False),
    ],
)
def test_a_condition_without_a_status_function_implies_success(expression, failed, runs):
    assert condition(expression, CONTEXT, failed=failed) is runs


def test_an_expression_it_does_not_know_is_an_error_not_a_guess():
    with pytest.raises(ValueError, match="does not know"):
        condition("hashFiles('**/*.md') != ''", CONTEXT, failed=False)
    with pytest.raises(ValueError, match="does not know"):
        expand("${{ github.unknown }}", CONTEXT)
