"""The run's parameters survive the trip through the warehouse table ``parametres``."""

from __future__ import annotations

import pytest

from atlas.parameters import ParametersMissing, RunParameters, class_thresholds_text, read_parameters
from atlas.warehouse import connect
from etl.scores.config import load_parameters
from etl.scores.publish import store_parameters


@pytest.fixture()
def con():
    con = connect()
    yield con
    con.close()


def test_stored_parameters_read_back_equal_and_in_the_file_order(con):
    written = load_parameters()
    store_parameters(con, written)
    read = read_parameters(con)
    assert read.rows() == written.rows()
    assert list(read.maturite_poids) == list(written.maturite_poids)
    assert read.seuil_pionnier == written.seuils["pionnier"]
    assert read.rayon_experimentations_km == written.donnees["rayon_experimentations_km"]
    assert sum(read.maturity_weights().values()) == pytest.approx(1.0)


def test_a_second_run_replaces_the_parameters(con):
    store_parameters(con, load_parameters())
    store_parameters(con, RunParameters.from_rows([("maturite.seuils", "pionnier", 80.0)]))
    assert read_parameters(con).rows() == [("maturite.seuils", "pionnier", 80.0)]


def test_the_class_sentence_follows_the_thresholds():
    rows = [("maturite.seuils", "pionnier", 72.5), ("maturite.seuils", "actif", 47.0),
            ("maturite.seuils", "premiers_pas", 21.0)]
    assert class_thresholds_text(RunParameters.from_rows(rows)) == (
        "pionnier à partir d'un score de 72,5, actif à partir de 47, premiers pas à partir de 21, "
        "en questionnement en dessous"
    )


def test_a_missing_parameter_is_named_in_french():
    with pytest.raises(ParametersMissing, match=r"\[fragilite\] seuil_pole_habitants"):
        RunParameters.from_rows([]).seuil_pole_habitants
