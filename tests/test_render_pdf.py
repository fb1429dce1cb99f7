"""The Word documents as a person sees them: converted to PDF by LibreOffice, page by page.

Needs `soffice` (Debian package libreoffice-writer, installed by .ci/run); skipped where it is absent.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mvoi_criteria import advise, load_profile, render_docx

pypdf = pytest.importorskip("pypdf")

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
TEMPLATE = ROOT / "examples" / "gemeente-sjabloon.docx"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice, Debian package libreoffice-writer) is not installed"
)

# Lines that are not content: a page number, the house template's header or footer, a checksum.
_NOT_CONTENT = re.compile(
    r"^(\d+|Gemeente Amsterdam — Inkoop|Aanbestedingsdocument — pagina \d+|.*sha256.*|[0-9a-f]{8,}\)?)$"
)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    """Every example drafted as docx (plain, and one with the house template), converted in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("pdf")
    documents = []
    for path in EXAMPLES:
        advice = advise(load_profile(path))
        documents.append(folder / f"{path.stem}.docx")
        documents[-1].write_bytes(render_docx(advice))
    housed = folder / f"{EXAMPLES[0].stem}-sjabloon.docx"
    housed.write_bytes(render_docx(advise(load_profile(EXAMPLES[0])), template=TEMPLATE))
    documents.append(housed)
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder)]
        + [str(d) for d in documents],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {d.stem: d.with_suffix(".pdf") for d in documents}


def pages(pdf: Path) -> list[list[str]]:
    reader = pypdf.PdfReader(str(pdf))
    return [
        [line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()] for page in reader.pages
    ]


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES] + [f"{EXAMPLES[0].stem}-sjabloon"])
def test_every_page_has_content_and_the_count_is_sane(pdfs, name):
    document = pages(pdfs[name])
    assert 2 <= len(document) <= 40, f"{name}: {len(document)} pages"
    for number, lines in enumerate(document, start=1):
        content = [line for line in lines if not _NOT_CONTENT.match(line)]
        assert len(content) >= 3, f"{name} page {number} holds only {lines}"


def test_the_house_template_header_and_footer_are_on_every_page(pdfs):
    document = pages(pdfs[f"{EXAMPLES[0].stem}-sjabloon"])
    assert all("Gemeente Amsterdam — Inkoop" in lines for lines in document)
    assert all(any(line.startswith("Aanbestedingsdocument — pagina") for line in lines) for lines in document)


def test_the_pdf_page_size_is_a4(pdfs):
    box = pypdf.PdfReader(str(pdfs[EXAMPLES[0].stem])).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
