"""content/directory/seed.yaml holds only what the sources say.

Every phone number, email address, postcode, web address, organisation name and figure in the seed must
appear word for word in the facts pack or a seed document: a test cannot prove a fact true, but it does catch
one that was made up. Contact details from old or third-party pages must be flagged.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from app.directory.seed import load_seed_file
from app.directory.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "content" / "directory" / "seed.yaml"
RAW = yaml.safe_load(SEED.read_text(encoding="utf-8"))
FACTS = (SHARED / "facts" / "facts-pack.md").read_text(encoding="utf-8")
SEED_DOCS = {path.name: path.read_text(encoding="utf-8") for path in sorted((SHARED / "seeds").glob("*.txt"))}
CORPUS = "\n".join([FACTS, *SEED_DOCS.values()])
SEED_TITLES = {e["file"] for e in yaml.safe_load((ROOT / "content" / "seeds.yaml").read_text())["seeds"]}

SERVICES = [service for org in RAW["organizations"] for service in org.get("services", [])]
CONTACTS = [contact for service in SERVICES for contact in service.get("contacts", [])]
PHONES = [phone for contact in CONTACTS for phone in contact.get("phones", [])]


def _in_sources(text: str) -> bool:
    squashed = " ".join(CORPUS.split())
    return text in CORPUS or " ".join(text.split()) in squashed


def _all_records():
    yield from RAW["organizations"]
    yield from RAW.get("locations", [])
    yield from SERVICES
    yield from CONTACTS
    yield from PHONES


def test_the_seed_file_is_valid():
    load_seed_file(SEED, load_taxonomy(ROOT / "content" / "taxonomy.yaml"))


@pytest.mark.parametrize("number", sorted({p["number"] for p in PHONES}))
def test_every_phone_number_appears_verbatim_in_the_sources(number):
    assert _in_sources(number), f"{number} is in no seed document and not in the facts pack"


def test_every_number_from_an_old_or_third_party_page_is_flagged():
    for phone in PHONES:
        lines = [line for line in FACTS.splitlines() if phone["number"] in line]
        if lines and all("[dated" in line or "undated" in line for line in lines):
            assert phone.get("check_before_use") is True, f"{phone['number']} needs check_before_use"
    flagged = {p["number"] for p in PHONES if p.get("check_before_use")}
    assert {"020 7428 8950", "020 7267 6187", "0808 808 7777"} <= flagged


def test_every_email_address_appears_verbatim_in_the_sources():
    emails = [c["email"] for c in CONTACTS if c.get("email")]
    emails += [r["email"] for r in _all_records() if r.get("email")]
    assert emails, "expected the sourced email addresses"
    for email in emails:
        assert _in_sources(email), email


def test_every_postcode_appears_verbatim_in_the_sources():
    for location in RAW.get("locations", []):
        postcode = (location.get("address") or {}).get("postal_code")
        if postcode:
            assert _in_sources(postcode), postcode


def test_every_web_address_comes_from_the_sources():
    for record in _all_records():
        for key in ("url", "website", "bsl_video_url", "easy_read_url"):
            if record.get(key):
                host = urlsplit(record[key]).netloc
                assert host and _in_sources(host), f"{record.get('name')}: {record[key]}"


def test_every_organisation_is_named_in_the_sources():
    for org in RAW["organizations"]:
        assert org["name"].lower() in CORPUS.lower(), org["name"]


def test_every_figure_in_the_text_appears_in_the_sources():
    # Dates, ages, amounts, counts: a number in our text that no source has is a number someone made up.
    texts = []
    for record in _all_records():
        texts += [record.get(k) or "" for k in ("description", "alert", "name")]
        texts.append((record.get("eligibility") or {}).get("description") or "")
    texts += [note["body"] for service in SERVICES for note in service.get("adviser_notes", [])]
    for text in texts:
        for figure in re.findall(r"£?\d[\d,]*(?:\.\d+)?", text):
            assert _in_sources(figure.rstrip(",.")), f"{figure!r} (in {text[:60]!r}...) is in no source"


def test_every_record_lists_its_sources_and_they_are_real():
    for record in _all_records():
        assert record.get("sources"), f"{record.get('name') or record.get('number') or record['id']} has no sources"
        for source in record["sources"]:
            if source.startswith("http"):
                assert source in FACTS, f"{source} is not a page the facts pack cites"
            else:
                assert source in SEED_DOCS and source in SEED_TITLES, f"{source} is not a seed document"
    for service in SERVICES:
        for note in service.get("adviser_notes", []):
            for source in note.get("sources", []):
                assert source in FACTS or source in SEED_DOCS, source


def test_no_record_claims_to_be_checked():
    text = SEED.read_text(encoding="utf-8")
    for key in ("assured_date", "assurer_email", "verified", "synthetic"):
        assert not re.search(rf"^\s*{key}:", text, re.MULTILINE), f"the seed must not set {key}"


def test_the_organisations_the_issue_names_are_seeded():
    names = {org["name"] for org in RAW["organizations"]} | {s["name"] for s in SERVICES}
    for expected in (
        "Camden Carers",
        "Mobilise",
        "Bengali Workers Association",
        "British Somali Community Centre",
        "Contact Camden",
        "Camden and Islington Integrated Advocacy Service (CIIAS)",
        "Adult Early Help",
        "Age UK Camden",
        "Camden Disability Action",
        "Voluntary Action Camden",
        "Healthwatch Camden",
        "Proud to Care North London",
        "Adult Social Care: Access and Response Team",
        "Personalisation Support in Camden",
    ):
        assert expected in names, expected


def test_children_s_early_help_number_is_not_given_to_adult_early_help():
    # The facts pack's "Early Help on 020 7974 3317" is children's Early Help, not the adult offer.
    adult = next(s for s in SERVICES if s["name"] == "Adult Early Help")
    assert not adult.get("contacts")
