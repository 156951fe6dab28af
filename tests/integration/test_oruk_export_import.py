"""`flask directory export` (open data: ORUK JSON and CSV tables) and `flask directory import` (an ORUK feed
file), on SQLite and PostgreSQL: exports hold only public records and validate; an export imports back to the
same records; an import is all-or-nothing, names each bad row and JSON path, and running it twice changes
nothing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from sqlalchemy import func, select

from app.directory.export import CSV_TABLES
from app.directory.models import Location, Organization, Service
from app.extensions import db
from tests.integration.test_api_support import adviser_note_bodies, load_directory, public_service_ids, synthetic_ids
from tests.integration.test_oruk_schemas import FIXTURES, assert_valid


def _run(app, *args: str):
    return app.test_cli_runner().invoke(args=list(args))


def _export(app, out: Path, fmt: str = "json", *extra: str) -> None:
    result = _run(app, "directory", "export", "--format", fmt, "--out", str(out), *extra)
    assert result.exit_code == 0, result.output


def _import(app, path: Path):
    result = _run(app, "directory", "import", str(path))
    db.session.expire_all()
    return result


def _without_times(documents: list[dict]) -> list[dict]:
    """Import stamps last_modified with its own time (our copy changed then); everything else must survive."""
    return [{k: v for k, v in doc.items() if k != "last_modified"} for doc in documents]


def _empty_directory() -> None:
    db.session.remove()
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())


def _counts() -> dict[str, int]:
    return {
        m.__name__: db.session.scalar(select(func.count()).select_from(m)) or 0
        for m in (Service, Organization, Location)
    }


def test_the_json_export_is_public_valid_oruk(any_app, tmp_path):
    load_directory(any_app)
    _export(any_app, tmp_path)
    services = json.loads((tmp_path / "services.json").read_text(encoding="utf-8"))
    assert {s["id"] for s in services} == public_service_ids()
    for service in services:
        assert_valid("/services/{id}", service)
    for org in json.loads((tmp_path / "organizations.json").read_text(encoding="utf-8")):
        assert_valid("/organizations", {"contents": [org], **_page(1)})
    for tax in json.loads((tmp_path / "taxonomies.json").read_text(encoding="utf-8")):
        assert_valid("/taxonomies/{id}", tax)
    text = "\n".join(p.read_text(encoding="utf-8") for p in tmp_path.glob("*.json"))
    assert not [i for i in synthetic_ids() if i in text] and "Synthetic" not in text
    assert not [n for n in adviser_note_bodies() if json.dumps(n, ensure_ascii=False)[1:-1] in text]
    assert "x_camden" not in text


def _page(size: int) -> dict:
    return {
        "total_items": size,
        "total_pages": 1,
        "page_number": 1,
        "size": size,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }


def test_the_csv_export_is_one_file_per_oruk_table(any_app, tmp_path):
    load_directory(any_app)
    _export(any_app, tmp_path, "json")
    _export(any_app, tmp_path / "csv", "csv")
    services = json.loads((tmp_path / "services.json").read_text(encoding="utf-8"))
    tables = {}
    for name, columns in CSV_TABLES.items():
        with (tmp_path / "csv" / name).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert tuple(reader.fieldnames or ()) == columns, name
            tables[name] = list(reader)
    assert {r["id"] for r in tables["services.csv"]} == {s["id"] for s in services}
    by_id = {s["id"]: s for s in services}
    for row in tables["services.csv"]:
        assert row["name"] == by_id[row["id"]]["name"]
        assert row["status"] == by_id[row["id"]]["status"]
    assert {r["id"] for r in tables["attribute.csv"]} == {a["id"] for s in services for a in s["attributes"]}
    assert {r["id"] for r in tables["phones.csv"]} == {
        p["id"] for s in services for c in s["contacts"] for p in c["phones"]
    }
    assert {r["id"] for r in tables["service_at_location.csv"]} == {
        p["id"] for s in services for p in s["service_at_locations"]
    }
    assert len(tables["taxonomy_terms.csv"]) > 10
    text = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "csv").glob("*.csv"))
    assert not [i for i in synthetic_ids() if i in text] and "Synthetic" not in text
    assert not [n for n in adviser_note_bodies() if n[:60] in text]
    result = _run(
        any_app, "directory", "export", "--format", "csv", "--out", str(tmp_path / "x"), "--extensions", "camden"
    )
    assert result.exit_code != 0


def test_an_export_round_trips_through_import(any_app, tmp_path):
    load_directory(any_app)
    # give one service languages, which the UK profile cannot carry but our export's x_camden can
    service = db.session.scalar(select(Service).where(Service.synthetic.is_(False)).order_by(Service.name))
    from app.directory.models import Language

    service.languages = [Language(code="bn"), Language(code="so")]
    db.session.commit()
    _export(any_app, tmp_path / "before", "json", "--extensions", "camden")
    before = json.loads((tmp_path / "before" / "services.json").read_text(encoding="utf-8"))

    _empty_directory()
    result = _import(any_app, tmp_path / "before" / "services.json")
    assert result.exit_code == 0, result.output
    assert f"services created: {len(before)}," in result.output

    _export(any_app, tmp_path / "after", "json", "--extensions", "camden")
    after = json.loads((tmp_path / "after" / "services.json").read_text(encoding="utf-8"))
    strict = [{k: v for k, v in doc.items() if k != "x_camden"} for doc in before]
    assert _without_times([{k: v for k, v in d.items() if k != "x_camden"} for d in after]) == _without_times(strict)
    assert [d["x_camden"]["languages"] for d in after] == [d["x_camden"]["languages"] for d in before]
    # imported records are unverified, from the file
    imported = db.session.scalars(select(Service)).all()
    assert all(s.verified is False and s.sources == ["services.json"] and not s.synthetic for s in imported)

    stamps = dict(db.session.execute(select(Service.id, Service.last_modified)).all())
    again = _import(any_app, tmp_path / "before" / "services.json")
    assert again.exit_code == 0, again.output
    assert f"created: 0, updated: 0, unchanged: {len(before)}" in again.output
    assert dict(db.session.execute(select(Service.id, Service.last_modified)).all()) == stamps


def test_importing_our_own_export_over_the_directory_keeps_what_oruk_cannot_carry(any_app, tmp_path):
    load_directory(any_app)
    _export(any_app, tmp_path, "json", "--extensions", "camden")
    before = {d["id"]: d["x_camden"]["check_before_use"] for d in json.loads((tmp_path / "services.json").read_text())}
    result = _import(any_app, tmp_path / "services.json")
    assert result.exit_code == 0, result.output
    _export(any_app, tmp_path / "after", "json", "--extensions", "camden")
    after = {
        d["id"]: d["x_camden"]["check_before_use"]
        for d in json.loads((tmp_path / "after" / "services.json").read_text())
    }
    assert after == before  # places and numbers to check, which the strict feed leaves out, are still there
    assert synthetic_ids()  # and the synthetic records were not touched


def test_the_standards_example_imports_with_warnings(any_app, tmp_path):
    example = json.loads((FIXTURES / "examples" / "service_full.json").read_text(encoding="utf-8"))
    feed = tmp_path / "example-feed.json"
    feed.write_text(json.dumps([example]), encoding="utf-8")
    result = _import(any_app, feed)
    assert result.exit_code == 0, result.output
    assert "not in the Camden taxonomy; skipped" in result.output
    assert "is not a place on Earth" in result.output  # the example's latitude is 100
    service = db.session.get(Service, example["id"])
    assert service.name == "Community Counselling" and service.verified is False
    assert service.sources == ["example-feed.json"] and service.organization.sources == ["example-feed.json"]
    assert service.service_at_locations[0].location.latitude is None
    assert "unchanged: 1" in _import(any_app, feed).output


def test_a_malformed_file_changes_nothing_and_names_the_bad_rows(any_app, tmp_path):
    load_directory(any_app)
    _export(any_app, tmp_path / "before", "json")
    services = json.loads((tmp_path / "before" / "services.json").read_text(encoding="utf-8"))
    counts = _counts()
    feed = json.loads(json.dumps(services))
    for doc in feed:
        doc["name"] = doc["name"] + " (changed)"  # every good row would change something if it were written
    feed[1]["id"] = "not-a-uuid"
    del feed[2]["name"]
    feed[3]["assured_date"] = "last Tuesday"
    feed[4]["minimum_age"], feed[4]["maximum_age"] = 30, 20
    feed[5]["id"] = feed[0]["id"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(feed), encoding="utf-8")

    result = _import(any_app, bad)
    assert result.exit_code == 1
    assert "nothing imported" in result.output
    assert "row 2 ($[1].id): 'not-a-uuid' is not a 'uuid'" in result.output
    assert "row 3 ($[2]): 'name' is a required property" in result.output
    # the schema passes, so the next checks are ours; they run on a file without schema errors
    feed[1]["id"], feed[2]["name"] = services[1]["id"], services[2]["name"]
    bad.write_text(json.dumps(feed), encoding="utf-8")
    result = _import(any_app, bad)
    assert result.exit_code == 1
    assert "row 4 ($[3].assured_date): 'last Tuesday' is not a date (YYYY-MM-DD)" in result.output
    assert "row 5 ($[4].minimum_age): is more than maximum_age" in result.output
    assert f"row 6 ($[5]): service id {feed[0]['id']} is also used in row 1" in result.output

    assert _counts() == counts
    _export(any_app, tmp_path / "after", "json")
    assert (tmp_path / "after" / "services.json").read_text() == (tmp_path / "before" / "services.json").read_text()


def test_files_that_are_not_feeds_are_refused(any_app, tmp_path):
    for name, text, message in (
        ("broken.json", '[{"id": ', "not JSON (line 1"),
        ("object.json", '{"id": "x"}', "expected a JSON list of services, found a dict"),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = _import(any_app, path)
        assert result.exit_code == 1 and message in result.output
    orphan = json.loads((FIXTURES / "examples" / "service_full.json").read_text(encoding="utf-8"))
    del orphan["organization"]
    orphan["organization_id"] = "00000000-0000-4000-8000-000000000000"
    path = tmp_path / "orphan.json"
    path.write_text(json.dumps([orphan]), encoding="utf-8")
    result = _import(any_app, path)
    assert result.exit_code == 1 and "row 1 ($[0]): a service needs its organization" in result.output
    assert _counts() == {"Service": 0, "Organization": 0, "Location": 0}


def test_a_service_verified_by_a_person_is_not_overwritten(any_app, tmp_path):
    load_directory(any_app)
    _export(any_app, tmp_path, "json")
    services = json.loads((tmp_path / "services.json").read_text(encoding="utf-8"))
    checked = db.session.get(Service, services[0]["id"])
    checked.verified = True
    db.session.commit()
    services[0]["name"] = "Renamed by a feed"
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(services), encoding="utf-8")
    result = _import(any_app, feed)
    assert result.exit_code == 0 and "skipped (verified by a person): 1" in result.output
    assert db.session.get(Service, services[0]["id"]).name != "Renamed by a feed"
