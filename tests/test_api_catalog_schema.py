"""Schemathesis fuzzes every operation the OpenAPI document describes, in process: no
server errors, answers that match the document, and bad input refused with a 4xx."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from publishing.openapi import PATHS


@pytest.fixture(scope="module")
def api_schema(demo_app):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", demo_app)


def fuzz(operation, mode: GenerationMode) -> None:
    """Run a few generated requests against one operation and check every answer."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=20,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
    )
    def check(case):
        # The in-process client does not decode compressed answers, as real ones do.
        case.call_and_validate(headers={"Accept-Encoding": "identity"})

    check()


@pytest.mark.parametrize("path", sorted(PATHS))
def test_api_answers_as_documented(api_schema, path):
    fuzz(api_schema[path]["GET"], GenerationMode.POSITIVE)


# Only this operation has arguments that can be malformed (numbers, ranges); the others
# take free text, so there is no invalid request to generate.
def test_publication_list_refuses_malformed_arguments(api_schema):
    fuzz(api_schema["/api/v1/publications"]["GET"], GenerationMode.NEGATIVE)
