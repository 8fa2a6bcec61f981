"""The demo's notice documents: the Notice of Privacy Practices (the current version and the one it
replaced) and the financial assistance papers, written in demo/data/documents.toml, made into PDFs
(demo.pdf), kept in filer's public files and published.

Idempotent: a document already there (same kind, language and version) is left as it is.
"""

from django.core.files.base import ContentFile
from filer.models import File, Folder

from notices.models import PolicyDocument

from .datafiles import read
from .pdf import text_pdf

FOLDER = "Notices"


def ensure_documents():
    """Returns how many documents were made."""
    folder = None
    made = 0
    for entry in read("documents.toml")["documents"]:
        found = PolicyDocument.objects.filter(
            kind=entry["kind"], language=entry["language"], version=entry["version"]
        )
        if found.exists():
            continue
        folder = folder or Folder.objects.get_or_create(name=FOLDER, parent=None)[0]
        PolicyDocument.objects.create(
            kind=entry["kind"],
            language=entry["language"],
            title=entry["title"],
            version=entry["version"],
            effective_date=entry["effective"],
            file=pdf_file(entry, folder),
            published=True,
        )
        made += 1
    return made


def pdf_file(entry, folder):
    name = f"{entry['kind']}-{entry['language']}-{entry['version']}.pdf"
    paragraphs = entry["text"].strip().splitlines()
    content = ContentFile(text_pdf(entry["title"], paragraphs, entry["language"]), name=name)
    return File.objects.create(folder=folder, original_filename=name, name=entry["title"], file=content)
