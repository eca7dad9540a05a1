import pytest

from geodata.codes import (
    CodeError,
    departement_of_commune,
    is_overseas,
    normalize_commune,
    normalize_departement,
    normalize_epci,
    normalize_region,
)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("01001", "01001"),
        (1001, "01001"),
        ("1001", "01001"),
        (1001.0, "01001"),
        ("1001.0", "01001"),
        (" 2a004 ", "2A004"),
        ("2B033", "2B033"),
        ("97411", "97411"),
        (97411, "97411"),
        ("75056", "75056"),
    ],
)
def test_commune_codes_are_restored_as_strings(raw, expected):
    assert normalize_commune(raw) == expected


@pytest.mark.parametrize("raw", ["", None, "ABCDE", "123456", "2C004", "1", float("nan"), "01 001"])
def test_bad_commune_codes_raise_a_french_message(raw):
    with pytest.raises(CodeError, match="code commune invalide"):
        normalize_commune(raw)


@pytest.mark.parametrize(
    "raw, expected",
    [("1", "01"), (1, "01"), ("01", "01"), ("2a", "2A"), ("2B", "2B"), (971, "971"), ("976", "976"), ("95", "95")],
)
def test_departement_codes(raw, expected):
    assert normalize_departement(raw) == expected


@pytest.mark.parametrize("raw", ["20", "96", "977", "00", "2C", "100"])
def test_bad_departement_codes(raw):
    with pytest.raises(CodeError, match="code département invalide"):
        normalize_departement(raw)


def test_region_and_epci_codes():
    assert normalize_region(1) == "01"
    assert normalize_region("84") == "84"
    assert normalize_epci(200000172) == "200000172"
    assert normalize_epci(" 243500139 ") == "243500139"
    with pytest.raises(CodeError):
        normalize_region("8A")
    with pytest.raises(CodeError):
        normalize_epci("2000001")

def test_departement_of_commune():
    assert departement_of_commune("01001") == "01"
    assert departement_of_commune("2A004") == "2A"
    assert departement_of_commune("97411") == "974"
    assert is_overseas("971") and not is_overseas("2A")
