"""Property-based fuzzing of the whole API from its OpenAPI document (schemathesis).

Every operation gets generated requests, valid and invalid; every response must be a
non-5xx, documented status with a body matching its schema; invalid requests must be refused.
At least 500 cases per mode, over 1,000 in all.
"""

from __future__ import annotations

import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.conftest import make_app

# Per operation and mode (valid and invalid requests): well over 1,000 cases in all.
CASES_PER_OPERATION = 120


@pytest.fixture(scope="module")
def fuzz_schema(sqlite_template, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copy(sqlite_template, folder / "db.sqlite3")
    app = make_app(f"sqlite:///{folder / 'db.sqlite3'}", folder / "instance", RATE_LIMITS="off")
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


# Rules OpenAPI cannot state, so a schema-valid request may still be refused (400): GET /lookup
# takes q, or lat with lon; a division id in a path holds slashes, which a path parameter's
# pattern cannot; a subscription takes exactly one place, and an address the mail standards
# accept. Every other check applies to these; every check to the rest.
NOT_EXPRESSIBLE = {
    "GET /api/v1/lookup",
    "POST /api/v1/subscriptions",
    "GET /api/v1/jurisdictions/{ocd_id}",
    "GET /api/v1/jurisdictions/{ocd_id}/history",
}


def excluded(operation) -> list:
    if operation.label in NOT_EXPRESSIBLE:
        return [positive_data_acceptance]
    return []


def takes_input(operation) -> bool:
    return bool(len(operation.query) or len(operation.path_parameters) or len(operation.body))


def operations(schema):
    return [result.ok() for result in schema.get_all_operations()]


def fuzz(operation, mode, calls: list) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=CASES_PER_OPERATION,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=True,  # the same cases on every run: CI does not flicker
    )
    def exercise(case):
        calls.append(operation.label)
        # The in-process (WSGI) transport does not undo Content-Encoding, so ask for none.
        case.call_and_validate(
            headers={"Accept-Encoding": "identity"}, excluded_checks=excluded(operation)
        )

    exercise()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_operation_fails_or_breaks_its_contract(fuzz_schema, mode):
    calls = []
    for operation in operations(fuzz_schema):
        if mode is GenerationMode.NEGATIVE and not takes_input(operation):
            continue  # nothing to get wrong
        fuzz(operation, mode, calls)
    assert len(operations(fuzz_schema)) >= 9
    print(f"{len(calls)} {mode.value} cases over {len(set(calls))} operations")
    assert len(calls) >= 500, f"only {len(calls)} generated {mode.value} cases"
