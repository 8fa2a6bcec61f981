"""Logs are JSON lines tied to their request, with no query string and nothing typed."""

import json
import logging

import pytest

from mgh_site.logs import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_lines(caplog):
    caplog.set_level(logging.INFO)
    caplog.handler.addFilter(RequestIdFilter())  # as the console handler has it: at the time of logging
    formatter = JsonFormatter()

    def lines():
        return [json.loads(formatter.format(record)) for record in caplog.records]

    return lines


def test_each_request_is_one_json_line_with_its_id(client, demo, json_lines):
    response = client.get("/en/find-a-doctor/", {"q": "chest pain"}, HTTP_X_REQUEST_ID="lb-1234abcd")
    assert response["X-Request-ID"] == "lb-1234abcd"
    line = next(x for x in json_lines() if x["logger"] == "mgh_site.requests")
    assert line["request_id"] == "lb-1234abcd"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/en/find-a-doctor/", 200)
    assert line["duration_ms"] >= 0
    assert "chest" not in json.dumps(json_lines())  # never the query string


def test_a_request_without_an_id_gets_one(client, demo):
    first = client.get("/en/")["X-Request-ID"]
    second = client.get("/en/", HTTP_X_REQUEST_ID="bad id with spaces")["X-Request-ID"]
    assert len(first) == 32 and len(second) == 32 and first != second
