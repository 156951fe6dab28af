"""Checking API responses against the Open Referral UK v3.0-UK schemas (tests/fixtures/oruk-v3.0-uk/), with
formats asserted (uuid, uri, email, date, date-time); and tests that the checker itself catches mistakes.

`assert_valid(path, body)` checks a response of the API path `path` (as open_api.json spells it):

1. against the response schema open_api.json gives for that path, with its remote `$ref`s mapped to the local
   files (except /organizations: the shipped file names a single organisation's schema for the whole page);
2. for lists, the page envelope (components/schemas/Page, all eight fields required) and every item against
   the item schema (the list files describe a page, so their `properties/contents/items`);
3. that the strict payload carries no field the schema does not define, except the HSDS 3.0 `phones` of a
   contact (checked against HSDS 3.0's phone fields), and `x_camden` only when extensions were asked for.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "oruk-v3.0-uk"
SHARED = ROOT.parent / "shared" / "data" / "oruk-v3.0-uk"
REMOTE = "https://raw.githubusercontent.com/tpximpact/OpenReferralApi/refs/heads/main/OpenReferralApi/Schemas/V3.0-UK/"
OPENAPI_URI = "urn:oruk:open_api.json"
OPENAPI = json.loads((FIXTURES / "open_api.json").read_text(encoding="utf-8"))
FORMATS = Draft202012Validator.FORMAT_CHECKER

# API path -> the schema of one item (lists) or of the whole response (single records).
ITEM_SCHEMAS = {
    "/services": f"{REMOTE}service_list.json#/properties/contents/items",
    "/service_at_locations": f"{REMOTE}service_at_location_list.json#/properties/contents/items",
    "/organizations": f"{REMOTE}organization_list.json",  # this file is an organisation, not a page
    "/taxonomies": f"{REMOTE}taxonomy_list.json#/properties/contents/items",
    "/taxonomy_terms": f"{REMOTE}taxonomy_term_list.json#/properties/contents/items",
}
RECORD_SCHEMAS = {
    "/": f"{REMOTE}api_details.json",
    "/services/{id}": f"{REMOTE}service.json",
    "/service_at_locations/{id}": f"{REMOTE}service_at_location.json",
    "/organizations/{id}": f"{REMOTE}organization.json",
    "/taxonomies/{id}": f"{REMOTE}taxonomy.json",
    "/taxonomy_terms/{id}": f"{REMOTE}taxonomy_term.json",
}
SHIPPED_SCHEMA_DEFECTS = {"/organizations"}  # see tests/fixtures/oruk-v3.0-uk/README.md
ENVELOPE_FIELDS = ("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents")
# HSDS 3.0's phone (the UK profile has none); our API puts phones on contacts as HSDS 3.0 does.
PHONE_SCHEMA = {
    "type": "object",
    "required": ["id", "number"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "contact_id": {"type": "string", "format": "uuid"},
        "number": {"type": "string", "minLength": 1},
        "extension": {"type": "string"},
        "type": {"type": "string"},
        "description": {"type": "string"},
    },
}
HSDS_ADDITIONS = re.compile(r"\.contacts\[\d+\]$")  # where `phones` may appear


def _retrieve(uri: str) -> Resource:
    """Any remote schema the files $ref is read from the local copy of the same name."""
    path = FIXTURES / uri.rsplit("/", 1)[-1]
    if not uri.startswith(REMOTE) or not path.is_file():
        raise NoSuchResource(ref=uri)
    return Resource.from_contents(json.loads(path.read_text(encoding="utf-8")), default_specification=DRAFT202012)


REGISTRY: Registry = Registry(retrieve=_retrieve).with_resource(  # type: ignore[call-arg]
    OPENAPI_URI, Resource.from_contents(OPENAPI, default_specification=DRAFT202012)
)


def _pointer(*parts: str) -> str:
    return "/" + "/".join(quote(p.replace("~", "~0").replace("/", "~1"), safe="~") for p in parts)


def response_schema_ref(path: str) -> str:
    return (
        OPENAPI_URI + "#" + _pointer("paths", path, "get", "responses", "200", "content", "application/json", "schema")
    )


def _errors(schema: dict, instance: Any, where: str) -> list[str]:
    validator = Draft202012Validator(schema, registry=REGISTRY, format_checker=FORMATS)
    return [f"{where}{e.json_path.removeprefix('$')}: {e.message}" for e in validator.iter_errors(instance)]


def _resolved(ref: str) -> dict:
    return REGISTRY.resolver().lookup(ref).contents


def undeclared(instance: Any, schema: dict, path: str = "$", *, extensions: bool = False) -> list[str]:
    """Keys the schema does not define (it allows them, having no additionalProperties, but we promise not to)."""
    found = []
    if isinstance(instance, dict) and "properties" in schema:
        for key, value in instance.items():
            if key in schema["properties"]:
                found += undeclared(value, schema["properties"][key], f"{path}.{key}", extensions=extensions)
            elif key == "x_camden" and extensions:
                continue
            elif key == "phones" and HSDS_ADDITIONS.search(path):
                found += _errors(PHONE_SCHEMA | {"type": "array", "items": PHONE_SCHEMA}, value, f"{path}.phones")
            else:
                found.append(f"{path}.{key}")
    elif isinstance(instance, list) and "items" in schema:
        for i, item in enumerate(instance):
            found += undeclared(item, schema["items"], f"{path}[{i}]", extensions=extensions)
    return found


def problems(path: str, body: Any, *, extensions: bool = False, full: bool = False) -> list[str]:
    """`full`: a list asked for with full=true, whose items are whole records (service.json and so on)."""
    found = []
    if path not in SHIPPED_SCHEMA_DEFECTS:
        found += _errors({"$ref": response_schema_ref(path)}, body, "$")
    if path in ITEM_SCHEMAS:
        envelope = {
            "allOf": [{"$ref": OPENAPI_URI + "#/components/schemas/Page"}],
            "required": list(ENVELOPE_FIELDS),
            "properties": {"contents": {"type": "array"}},
        }
        found += _errors(envelope, body, "$")
        item_ref = RECORD_SCHEMAS[f"{path}/{{id}}"] if full else ITEM_SCHEMAS[path]
        item_schema = _resolved(item_ref)
        for i, item in enumerate(body.get("contents") or []):
            found += _errors({"$ref": item_ref}, item, f"$.contents[{i}]")
            found += [
                f"undeclared {p}" for p in undeclared(item, item_schema, f"$.contents[{i}]", extensions=extensions)
            ]
    else:
        found += _errors({"$ref": RECORD_SCHEMAS[path]}, body, "$")
        found += [f"undeclared {p}" for p in undeclared(body, _resolved(RECORD_SCHEMAS[path]), extensions=extensions)]
    return found


def assert_valid(path: str, body: Any, *, extensions: bool = False, full: bool = False) -> None:
    found = problems(path, body, extensions=extensions, full=full)
    assert not found, f"{path}: not valid ORUK v3.0-UK:\n  " + "\n  ".join(found[:40])


# -- the checker's own tests -------------------------------------------------------------------------------
EXAMPLES = FIXTURES / "examples"


def _example(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def test_the_copies_match_the_shared_files():
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: CI has shared/ beside the repository")
    for source in sorted(SHARED.rglob("*.json")):
        copy = FIXTURES / source.relative_to(SHARED)
        assert copy.read_bytes() == source.read_bytes(), f"{copy} differs from {source}"


def test_the_importers_schema_is_the_standards():
    shipped = ROOT / "app" / "api" / "schemas" / "service.json"
    assert shipped.read_bytes() == (FIXTURES / "service.json").read_bytes()


@pytest.mark.parametrize(
    ("path", "example"),
    [
        ("/", "api_details.json"),
        ("/services/{id}", "service_full.json"),
        ("/services", "service_list.json"),
        ("/taxonomies", "taxonomy_list.json"),
        ("/taxonomies/{id}", "taxonomy.json"),
        ("/taxonomy_terms", "taxonomy_term_list.json"),
        ("/taxonomy_terms/{id}", "taxonomy_term.json"),
        ("/organizations", "organization_list.json"),
        ("/service_at_locations", "service_at_location_list.json"),
    ],
)
def test_the_standards_examples_pass(path, example):
    # The examples break our "no undeclared field" promise in places (e.g. service_at_location_full's
    # organization attributes); schema validity is what is checked here.
    body = _example(example)
    found = [p for p in problems(path, body) if not p.startswith("undeclared")]
    assert not found


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.update(id="not-a-uuid"), "is not a 'uuid'"),
        (lambda s: s.update(url="not a uri"), "is not a 'uri'"),
        (lambda s: s.update(email="nobody"), "is not a 'email'"),
        (lambda s: s.update(last_modified="2024-01-01 10:00"), "is not a 'date-time'"),
        (lambda s: s.update(status="open"), "is not one of"),
        (lambda s: s.pop("name"), "'name' is a required property"),
        (lambda s: s["organization"].pop("description"), "'description' is a required property"),
        (lambda s: s["service_at_locations"][0]["location"]["addresses"][0].pop("postal_code"), "'postal_code'"),
        (lambda s: s["contacts"][0].update(phones=[{"id": "x", "number": "1"}]), "is not a 'uuid'"),
        (lambda s: s.update(colour="red"), "undeclared $.colour"),
        (lambda s: s.update(x_camden={}), "undeclared $.x_camden"),
    ],
)
def test_the_checker_catches_mistakes(change, message):
    body = _example("service_full.json")
    body["contacts"][0]["phones"] = []
    change(body)
    found = problems("/services/{id}", body)
    assert any(message in p for p in found), found


def test_the_checker_checks_the_page_envelope():
    body = _example("service_list.json")
    del body["total_pages"]
    assert any("'total_pages' is a required property" in p for p in problems("/services", body))
    body = _example("service_list.json")
    body["contents"][0]["id"] = "nope"
    assert any("$.contents[0].id" in p for p in problems("/services", body))
