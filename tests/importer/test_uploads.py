"""Uploaded files: type read from the content, entity from the header, server-chosen names."""

from __future__ import annotations

import io

import pyarrow as pa
import pyarrow.parquet as pq

from atlas.entities import ENTITIES
from exports.templates import render_template
from importer.uploads import MAX_FILE_BYTES, Refused, Stored, sniff_format, store_upload


def _file(tmp_path, content: bytes, name="envoi"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_a_template_is_kept_under_its_entity_name_whatever_it_was_called(tmp_path):
    source = _file(tmp_path, render_template(ENTITIES["catalyseurs"]))
    stored = store_upload("../../etc/passwd.xlsx", source, tmp_path / "depot")
    assert stored == Stored("../../etc/passwd.xlsx", "catalyseurs.xlsx", "catalyseurs", ENTITIES["catalyseurs"].label)
    assert [p.name for p in (tmp_path / "depot").iterdir()] == ["catalyseurs.xlsx"]


def test_a_csv_and_a_parquet_are_recognised_by_their_header(tmp_path):
    csv = _file(tmp_path, "mesure;date_point;statut;avancement\nM01;30/06/2021;en_cours;40\n".encode("cp1252"))
    assert store_upload("suivi.txt", csv, tmp_path / "d").name == "mesures_suivi.csv"
    buffer = io.BytesIO()
    pq.write_table(pa.table({"id": ["M01"], "libelle": ["x"], "chantier": ["C1"], "chantier_libelle": ["c"],
                             "levier": ["L1"], "levier_libelle": ["l"]}), buffer)
    parquet = _file(tmp_path, buffer.getvalue())
    assert store_upload("data.bin", parquet, tmp_path / "d").name == "mesures.parquet"


def test_an_anct_file_keeps_its_published_name(tmp_path):
    csv = _file(tmp_path, b"id_crte;lib_crte;date_signature\nCRTE-1;Pays de Morlaix;01/07/2021\n")
    stored = store_upload("liste-crte-20240115.csv", csv, tmp_path / "d")
    assert isinstance(stored, Stored) and stored.name == "liste-crte-20240115.csv" and stored.entity is None


def test_refused_files_say_why_in_french(tmp_path):
    cases = {
        "pdf": (b"%PDF-1.7\n\x00\x01binaire", "contenu ni CSV"),
        "zip": (_zip(), "contenu ni CSV"),
        "inconnu": (b"nom;prenom\nDupont;Jean\n", "en-tête non reconnu"),
        "vide": (b"", "fichier vide"),
    }
    for name, (content, reason) in cases.items():
        outcome = store_upload(f"{name}.xlsx", _file(tmp_path, content, name), tmp_path / "d")
        assert isinstance(outcome, Refused) and reason in outcome.reason, name
    big = tmp_path / "gros"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    assert "trop volumineux" in store_upload("gros.csv", big, tmp_path / "d").reason
    assert not (tmp_path / "d").exists() or not any((tmp_path / "d").iterdir())


def _zip() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("document.txt", "pas un classeur")
    return buffer.getvalue()


def test_sniff_format_reads_bytes_not_names():
    assert sniff_format(b"PAR1abc", b"zPAR1") == ".parquet"
    assert sniff_format(b"\xff\xfei\x00d\x00", b"") is None  # UTF-16
