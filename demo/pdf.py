"""Text PDFs for the demo's documents (the privacy notice, the financial assistance papers).

Written by hand, about forty lines, because no library the project installs writes PDF text:
Pillow, the one that writes PDF at all, writes pictures of pages, which a screen reader, a search
or a copy cannot read, and a notice must be text. This writes PDF 1.4 pages of US Letter in the
standard Helvetica (nothing embedded) with WinAnsiEncoding, so Latin letters with accents only
(English, Spanish, Portuguese, Haitian Creole); the document's language goes in its catalog (/Lang)
for screen readers, its title in its properties.
"""

import textwrap

WIDTH, HEIGHT, MARGIN = 612, 792, 72  # points
LINES_PER_PAGE, CHARACTERS_PER_LINE, LEADING = 48, 86, 13


def text_pdf(title, paragraphs, language):
    """The bytes of a PDF: `title` in bold, then `paragraphs`, wrapped and paged."""
    lines = [("F2", title), ("F1", "")]
    for paragraph in paragraphs:
        lines += [("F1", line) for line in textwrap.wrap(paragraph, CHARACTERS_PER_LINE)] + [("F1", "")]
    pages = [lines[start : start + LINES_PER_PAGE] for start in range(0, len(lines), LINES_PER_PAGE)]
    first_page = 5  # objects 1 to 4: catalog, page tree, the two fonts; then a page and its text each
    kids = " ".join(f"{first_page + 2 * index} 0 R" for index in range(len(pages)))
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R /Lang ({language}) >>".encode(),  # a BCP 47 code: ASCII
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    for index, page in enumerate(pages):
        text = b"".join(b"/%s 11 Tf (%s) Tj T* " % (font.encode(), _escaped(line)) for font, line in page)
        stream = b"BT %d TL %d %d Td %sET" % (LEADING, MARGIN, HEIGHT - MARGIN, text)
        resources = "<< /Font << /F1 3 0 R /F2 4 0 R >> >>"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] /Resources {resources} "
            f"/Contents {first_page + 2 * index + 1} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    objects.append(f"<< /Title <{_utf16(title)}> >>".encode())
    return _file(objects)


def _file(objects):
    """The objects numbered from 1, the table of where each starts, and the trailer (the last is the info)."""
    out, offsets = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, len(objects), table,
    )  # fmt: skip
    return bytes(out)


def _escaped(line):
    return line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _utf16(text):
    return "FEFF" + text.encode("utf-16-be").hex().upper()
