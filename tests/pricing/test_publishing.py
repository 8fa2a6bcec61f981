"""Publishing: generate, validate with CMS's validator, and only then swap what the site serves."""

import gzip
import hashlib
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import override_settings

from appointments.models import ScheduledJob
from appointments.schedule import JOBS, Schedule
from pricing.importing import import_file
from pricing.models import Charge, Disclosure, Publication
from pricing.publishing import KEEP_PUBLISHED, publish, queue, run_queued
from tests.pricing.conftest import CMS_FILES
from tests.pricing.test_files import make_chargemaster, require_validator


@pytest.fixture
def chargemaster(db):
    require_validator()
    make_chargemaster()


def stored(path):
    with default_storage.open(path, "rb") as file:
        return file.read()


def served_mrf(client):
    """The JSON file's URL that /cms-hpt.txt gives, and what that URL serves."""
    text = client.get("/cms-hpt.txt").content.decode()
    url = next(line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("mrf-url: "))
    return url, b"".join(client.get(url).streaming_content)


def test_publish_writes_three_valid_files_and_serves_them(chargemaster):
    publication = publish()
    assert publication.status == Publication.Status.PUBLISHED, publication.report
    assert Publication.current() == publication
    assert publication.published_at and publication.last_updated_on == Disclosure.current().last_updated_on
    assert "no error, no alert" in publication.report
    name = "04-1234567-1234567893_massachusetts-general-hospital_standardcharges"
    for key, folder, extension in (
        ("json", "json", "json"),
        ("tall", "csv-tall", "csv"),
        ("wide", "csv-wide", "csv"),
    ):
        entry = publication.files[key]
        assert entry["name"] == f"{name}.{extension}"
        # (storage adds a suffix to a name a rolled-back test left on disk)
        assert entry["path"].startswith(f"standard-charges/{publication.pk}/{folder}/{name}")
        assert entry["url"] == f"/standard-charges/{folder}/{name}.{extension}"
        content = stored(entry["path"])
        assert len(content) == entry["size"] and hashlib.sha256(content).hexdigest() == entry["sha256"]
        assert gzip.decompress(stored(entry["gzip_path"])) == content


@pytest.mark.parametrize("missing", ["disclosure", "attestation", "charges"])
def test_publish_refuses_without_a_disclosure_a_confirmed_attestation_or_charges(chargemaster, missing):
    if missing == "disclosure":
        Disclosure.objects.all().delete()
    elif missing == "attestation":
        Disclosure.objects.update(attestation_confirmed=False)
    else:
        Charge.objects.all().delete()
    publication = publish()
    assert publication.status == Publication.Status.FAILED
    assert (
        publication.report.startswith("Nothing was published") and missing.rstrip("s") in publication.report
    )
    assert publication.files == {} and Publication.current() is None


def test_a_file_the_validator_refuses_leaves_the_previous_files_served(chargemaster, client):
    first = publish()
    before = served_mrf(client)
    assert before[0].endswith(first.files["json"]["url"])
    assert hashlib.sha256(before[1]).hexdigest() == first.files["json"]["sha256"]
    Disclosure.objects.update(attester_name="")  # as a bulk change would, past the form's checks
    Charge.objects.filter(description="Observation room").update(description="Observation room, revised")

    refused = publish()
    assert refused.status == Publication.Status.INVALID
    assert "CMS's validator refused the files" in refused.report and "attester_name" in refused.report
    assert refused.files == {}
    assert not default_storage.exists(f"standard-charges/{refused.pk}")
    assert Publication.current() == first
    assert served_mrf(client) == before


def test_without_the_validator_nothing_is_published(chargemaster, tmp_path):
    first = publish()
    with override_settings(NODE_BINARY=str(tmp_path / "no-node")):
        failed = publish()
    assert failed.status == Publication.Status.FAILED and "could not be started" in failed.report
    assert Publication.current() == first


def test_only_the_last_published_files_are_kept(chargemaster):
    publications = [publish() for _ in range(KEEP_PUBLISHED + 1)]
    oldest = Publication.objects.get(pk=publications[0].pk)
    assert oldest.files == {}
    assert not default_storage.exists(publications[0].files["json"]["path"])
    for kept in publications[1:]:
        assert default_storage.exists(kept.files["json"]["path"])
        assert default_storage.exists(kept.files["wide"]["gzip_path"])


def test_the_worker_generates_each_queued_publication_once(chargemaster):
    older, newer = queue(), queue()
    assert older.status == newer.status == Publication.Status.QUEUED
    assert run_queued() == older
    assert Publication.objects.get(pk=newer.pk).status == Publication.Status.QUEUED
    Publication.objects.filter(pk=newer.pk).update(
        status=Publication.Status.RUNNING
    )  # another worker's claim
    assert run_queued() is None
    assert Publication.objects.get(pk=older.pk).status == Publication.Status.PUBLISHED


def test_the_scheduled_job_publishes_what_staff_queued(chargemaster):
    schedule = Schedule(jobs={"publish_prices": JOBS["publish_prices"]})
    schedule.run_due()
    assert not ScheduledJob.objects.exists()  # nothing queued: the job is not even taken
    queued = queue()
    schedule.run_due()
    assert Publication.objects.get(pk=queued.pk).status == Publication.Status.PUBLISHED


def test_the_command_prints_the_files_and_fails_when_nothing_is_published(chargemaster):
    out = io.StringIO()
    call_command("publish_prices", stdout=out)
    printed = out.getvalue()
    assert ": published in" in printed and "standardcharges.json" in printed and "bytes" in printed
    Disclosure.objects.update(attestation_confirmed=False)
    with pytest.raises(CommandError):
        call_command("publish_prices", stdout=io.StringIO())


@pytest.mark.parametrize(
    "example",
    [
        "v3_json_format_example.json",
        "V3.0.0_Tall_CSV_Format_Example.csv",
        "V3.0.0_Wide_CSV_Format_Example.csv",
    ],
)
def test_cms_examples_loaded_through_the_importer_are_republished_valid(
    chargemaster, west_mercy_plans, example
):
    """CMS's three example files (all valid), imported and published again: the three files we make
    from each pass CMS's validator with no error and no alert."""
    with open(CMS_FILES / example, "rb") as file:
        report = import_file(file, example)
    assert report.imported, report.problems
    publication = publish()
    assert publication.status == Publication.Status.PUBLISHED, publication.report
    assert Charge.objects.filter(description="Cesarean section without sterilization with mcc").exists()
    document = json.loads(stored(publication.files["json"]["path"]))
    descriptions = {item["description"] for item in document["standard_charge_information"]}
    assert "Pacemaker" in descriptions and "Aspirin 81 milligram chewable tablet" in descriptions
    assert {item["code"] for item in document["modifier_information"]} == {"50", "62", "50|62"}
