"""Reading a PDF the way the tests check exports: its text, and that it is one A4 page."""

from __future__ import annotations

import io

import pypdf
import pytest
from reportlab.lib.pagesizes import A4


def pdf_text(pdf: bytes) -> str:
    """The text of every page, with narrow and plain non-breaking spaces read as spaces."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(p.extract_text() for p in reader.pages).replace("\u202f", " ").replace("\u00a0", " ")


def one_a4_page(pdf: bytes) -> pypdf.PageObject:
    """The single page of ``pdf``, asserting there is exactly one and that it is A4 portrait."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.5)
    return page
