"""Tests of geodata.sources.checksum: one sha256 over several files."""

from __future__ import annotations

import hashlib

import pytest

from geodata.model import BoundariesError
from geodata.sources.checksum import sha256_files


def test_one_file_gives_the_sha256_of_its_bytes(tmp_path):
    path = tmp_path / "a.bin"
    path.write_bytes(b"x" * (3 << 20))  # several read blocks
    assert sha256_files([path]) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_files_are_read_in_path_order_whatever_the_given_order(tmp_path):
    a, b = tmp_path / "a.dbf", tmp_path / "b.shp"
    a.write_bytes(b"first")
    b.write_bytes(b"second")
    expected = hashlib.sha256(b"firstsecond").hexdigest()
    assert sha256_files([b, a]) == sha256_files([a, b, a]) == expected


def test_an_unreadable_file_is_a_boundaries_error_naming_it(tmp_path):
    missing = tmp_path / "COMMUNE.shp"
    with pytest.raises(BoundariesError, match="Impossible de lire « .*COMMUNE.shp »"):
        sha256_files([missing])
