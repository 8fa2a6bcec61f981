"""A SMART Scheduling Links publisher on a local port, serving files in the spec's own format."""

import datetime
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.conf import settings

NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi"
PATIENT_TYPE = "http://fhir-registry.smarthealthit.org/StructureDefinition/patient-type"


class Publisher:
    """Serves `files` ({path: bytes, or a function of the query's parameters giving bytes}) until
    closed; `requests` lists the paths and queries asked for."""

    def __init__(self):
        self.files = {}
        self.requests = []
        publisher = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parts = urllib.parse.urlsplit(self.path)
                publisher.requests.append(self.path)
                body = publisher.files.get(parts.path)
                if callable(body):
                    body = body(dict(urllib.parse.parse_qsl(parts.query)))
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path):
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def publish(self, resources_by_type, transaction_time, prefix="/data"):
        """Serve a publication: a manifest at /$bulk-publish and one NDJSON file per type."""
        self.files.update(self.publication(resources_by_type, transaction_time, prefix))

    def publication(self, resources_by_type, transaction_time, prefix="/data", request=None):
        """{path: bytes} of a publication, to serve (or serve in part)."""
        files, outputs = {}, []
        for kind, resources in resources_by_type.items():
            path = f"{prefix}/{kind.lower()}.ndjson"
            files[path] = ndjson(resources)
            outputs.append({"type": kind, "url": self.url(path)})
        files["/$bulk-publish"] = manifest(transaction_time, outputs, request or self.url("/$bulk-publish"))
        return files

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def ndjson(resources):
    return b"".join(
        (line if isinstance(line, bytes) else json.dumps(line).encode()) + b"\n" for line in resources
    )


def manifest(transaction_time, outputs, request):
    return json.dumps(
        {"transactionTime": transaction_time.isoformat(), "request": request, "output": outputs, "error": []}
    ).encode()


def location(pk, slug):
    return {
        "resourceType": "Location",
        "id": pk,
        "identifier": [{"system": settings.SCHEDULING_LOCATION_SYSTEM, "value": slug}],
        "name": slug,
    }


def virtual_location(pk="virtual"):
    coding = {"system": "http://terminology.hl7.org/CodeSystem/location-physical-type", "code": "vi"}
    return {"resourceType": "Location", "id": pk, "name": "Video", "physicalType": {"coding": [coding]}}


def practitioner(pk, npi):
    return {"resourceType": "Practitioner", "id": pk, "identifier": [{"system": NPI_SYSTEM, "value": npi}]}


def schedule(pk, *actors):
    return {"resourceType": "Schedule", "id": pk, "actor": [{"reference": actor} for actor in actors]}


def slot(pk, schedule_id, start, status="free", minutes=30, patients="newpt"):
    return {
        "resourceType": "Slot",
        "id": pk,
        "schedule": {"reference": f"Schedule/{schedule_id}"},
        "status": status,
        "start": start.isoformat(),
        "end": (start + datetime.timedelta(minutes=minutes)).isoformat(),
        "extension": [{"url": PATIENT_TYPE, "valueCoding": {"code": patients}}],
    }
