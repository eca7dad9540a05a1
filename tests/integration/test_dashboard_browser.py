"""The dashboard in Debian's headless Chromium (no network, no downloaded browser).

The app is served by werkzeug on 127.0.0.1 (free port) in a thread, over the demo
warehouse; Selenium drives /usr/bin/chromium through /usr/bin/chromedriver.
"""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from selenium.webdriver.common.actions.action_builder import ActionBuilder  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from dashboard.labels import CLASSE_LABELS  # noqa: E402
from tests.chromium import chromium_driver  # noqa: E402

WAIT = 30




def _wait(browser, condition, timeout=WAIT):
    return WebDriverWait(browser, timeout).until(condition)


def _search(browser, scope: str, text: str, attempts: int = 3):
    """Type ``text`` in the search box under ``scope`` and return its first result link.

    Under heavy CPU load a late re-render of the page can swallow the keystrokes; the
    text is then typed again (the assertions on the results are unchanged).
    """
    from selenium.common.exceptions import StaleElementReferenceException, TimeoutException

    for attempt in range(attempts):
        try:
            field = _wait(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, f"{scope} .recherche-saisie input")))
            field.clear()
            field.send_keys(text)
            return WebDriverWait(browser, 20).until(
                EC.element_to_be_clickable((By.CSS_SELECTOR, f"{scope} .recherche-liste a"))
            )
        except (TimeoutException, StaleElementReferenceException):
            if attempt == attempts - 1:
                raise


def _trace_locations(browser) -> list[str] | None:
    return browser.execute_script(
        "var gd = document.querySelector('#carte .js-plotly-plot');"
        "return gd && gd.data && gd.data[0] ? Array.from(gd.data[0].locations) : null;"
    )


def _map_ready(browser, count):
    def ready(_):
        locations = _trace_locations(browser)
        if not locations or len(locations) != count:
            return False
        # maplibre has loaded the geometry from its URL and drawn the layers
        return browser.execute_script(
            "var gd = document.querySelector('#carte .js-plotly-plot');"
            "var sub = gd._fullLayout.map && gd._fullLayout.map._subplot;"
            "return !!(sub && sub.map && sub.map.loaded() && gd.querySelector('canvas'));"
        )
    return ready


def _click_territory(browser, lon, lat, subplot="map"):
    """A real mouse click at (lon, lat) on the main map, or on an inset (``map2``…).

    The point is scrolled to the middle of the window first, then clicked at its window
    coordinates: the controls above the map may push part of it below the fold."""
    script = ("var map = document.querySelector('#carte .js-plotly-plot')._fullLayout[arguments[2]]._subplot.map;"
              "var p = map.project([arguments[0], arguments[1]]);"
              "var box = map.getCanvas().getBoundingClientRect();")
    browser.execute_script(script + "window.scrollBy(0, box.top + p.y - window.innerHeight / 2);", lon, lat, subplot)
    x, y = browser.execute_script(script + "return [box.left + p.x, box.top + p.y];", lon, lat, subplot)
    actions = ActionBuilder(browser)
    actions.pointer_action.move_to_location(int(x), int(y)).pause(0.3).click()
    actions.perform()


def test_home_page_shows_the_map(server, browser, demo_db):
    browser.get(server + "/")
    _wait(browser, _map_ready(browser, 18))
    assert "Régions de France" in browser.find_element(By.ID, "carte-ariane").text
    legend = browser.execute_script(
        "return document.querySelector('#carte .js-plotly-plot').data[0].colorbar.ticktext;")
    assert legend == [CLASSE_LABELS[c] for c in ("en_questionnement", "premiers_pas", "actif", "pionnier",
                                                 "donnees_insuffisantes")]
    # hover labels were expanded in the browser from the class indices
    customdata = browser.execute_script("return document.querySelector('#carte .js-plotly-plot').data[0].customdata;")
    assert set(customdata) <= set(CLASSE_LABELS.values())
    assert "Données de démonstration" in browser.find_element(By.ID, "bandeau-demo").text


def _trace_classes(browser) -> dict[str, str] | None:
    """The class of each territory of the map's first trace (its class indices read back)."""
    from dashboard.labels import CLASSES

    pairs = browser.execute_script(
        "var gd = document.querySelector('#carte .js-plotly-plot');"
        "return gd && gd.data && gd.data[0] ? [Array.from(gd.data[0].locations), Array.from(gd.data[0].z)] : null;")
    return None if pairs is None else {code: CLASSES[int(z)] for code, z in zip(*pairs)}


def test_the_year_range_recolours_the_map_and_stays_in_the_address(server, browser, demo_db):
    """The year of the maturity layer, with the keyboard on the native range input: the map
    shows the classes of 2016 (the mart's), the breadcrumb and the title name the date, the
    table of the territories too; a reload of the address keeps the year."""
    first, last = demo_db.execute("SELECT min(annee), max(annee) FROM indicateur_historique").fetchone()
    then = dict(demo_db.execute("SELECT code, maturite_classe FROM indicateur_historique "
                                "WHERE niveau = 'region' AND annee = 2016").fetchall())
    today = dict(demo_db.execute("SELECT code, maturite_classe FROM indicateur_territoire "
                                 "WHERE niveau = 'region'").fetchall())
    assert then != today
    browser.get(server + "/")
    _wait(browser, _map_ready(browser, 18))
    assert _trace_classes(browser) == today
    year = browser.find_element(By.ID, "carte-annee")
    assert (year.get_attribute("type"), year.get_attribute("min"), year.get_attribute("max"),
            year.get_attribute("value")) == ("range", str(first), str(last), str(last))
    assert browser.find_element(By.ID, "carte-annee-texte").text == "aujourd'hui"
    label = browser.find_element(By.CSS_SELECTOR, "label[for='carte-annee']").text
    assert label.startswith("Maturité à la date")
    year.send_keys(Keys.HOME)
    for _ in range(2016 - first):
        year.send_keys(Keys.ARROW_RIGHT)
    _wait(browser, lambda _: browser.current_url.endswith("#couche=maturite&annee=2016&echelle=region")
          and _trace_classes(browser) == then)
    _wait(browser, lambda _: "maturité au 31 décembre 2016" in browser.find_element(By.ID, "carte-ariane").text)
    assert browser.find_element(By.ID, "carte-annee-texte").text == "31 décembre 2016"
    _wait(browser, lambda _: browser.title == "Carte des régions de France — maturité au 31 décembre 2016 — "
                                              "Atlas des alliances territoriales")
    _wait(browser, lambda _: "31 décembre 2016" in browser.find_element(By.ID, "carte-territoires-titre").text)
    shown = {row.find_element(By.CSS_SELECTOR, "td:nth-child(1)").text:
             row.find_element(By.CSS_SELECTOR, "td:nth-child(4)").text
             for row in browser.find_elements(By.CSS_SELECTOR, "#carte-territoires tbody tr")}
    assert shown == {code: CLASSE_LABELS[classe] for code, classe in then.items()}
    browser.refresh()
    _wait(browser, _map_ready(browser, 18))
    _wait(browser, lambda _: _trace_classes(browser) == then)
    assert browser.find_element(By.ID, "carte-annee").get_attribute("value") == "2016"
    assert browser.find_element(By.ID, "carte-annee-texte").text == "31 décembre 2016"
    assert "maturité au 31 décembre 2016" in browser.find_element(By.ID, "carte-ariane").text


def test_drill_down_from_a_region_to_a_departement_and_back(server, browser, demo_db):
    browser.get(server + "/")
    _wait(browser, _map_ready(browser, 18))
    n_departements = demo_db.execute("SELECT count(*) FROM departement WHERE region = '53'").fetchone()[0]
    n_communes = demo_db.execute("SELECT count(*) FROM commune WHERE departement = '29'").fetchone()[0]
    _click_territory(browser, -2.9, 48.15)  # inside Bretagne
    _wait(browser, _map_ready(browser, n_departements))
    assert "Bretagne" in browser.find_element(By.ID, "carte-ariane").text
    assert browser.current_url.endswith("#couche=maturite&region=53")
    _click_territory(browser, -4.1, 48.3)  # inside Finistère
    _wait(browser, _map_ready(browser, n_communes))
    assert "Finistère" in browser.find_element(By.ID, "carte-ariane").text
    browser.back()
    _wait(browser, _map_ready(browser, n_departements))
    assert "Finistère" not in browser.find_element(By.ID, "carte-ariane").text


def _projected_boxes(browser) -> tuple[list, dict]:
    """Pixel rectangles (left, top, right, bottom) of metropolitan France and of each overseas box."""
    from dashboard.figures.carte import METROPOLE
    from dashboard.geometry import inset_boxes

    rectangles = {"metropole": METROPOLE, **inset_boxes()}
    projected = browser.execute_script(
        "var map = document.querySelector('#carte .js-plotly-plot')._fullLayout.map._subplot.map;"
        "var box = map.getCanvas().getBoundingClientRect(), out = {}, rectangles = arguments[0];"
        "Object.keys(rectangles).forEach(function (k) { var b = rectangles[k];"
        "  var a = map.project([b[0], b[3]]), c = map.project([b[2], b[1]]); out[k] = [a.x, a.y, c.x, c.y]; });"
        "return [[box.width, box.height], out];", rectangles)
    return projected[0], projected[1]


def test_overseas_departements_sit_in_boxes_beside_the_mainland_and_open_their_region(server, browser):
    import json
    import urllib.request

    import shapely

    browser.get(server + "/")
    _wait(browser, _map_ready(browser, 18))
    layout = browser.execute_script(
        "var gd = document.querySelector('#carte .js-plotly-plot');"
        "return [gd._fullLayout._subplots.map, gd.data.map(function (t) { return Array.from(t.locations); })];")
    assert layout[0] == ["map"]  # one map: the overseas départements are drawn in it, in boxes
    assert ["cadre-971", "cadre-972", "cadre-973", "cadre-974", "cadre-976"] in layout[1]
    for width in (1400, 390):
        browser.set_window_size(width, 1100)
        browser.get(server + "/")
        _wait(browser, _map_ready(browser, 18))
        (canvas_width, canvas_height), rectangles = _projected_boxes(browser)
        for name, (left, top, right, bottom) in rectangles.items():
            assert 0 <= left < right <= canvas_width and 0 <= top < bottom <= canvas_height, (width, name)
        mainland = rectangles.pop("metropole")
        for name, (left, top, right, bottom) in rectangles.items():
            assert right < mainland[0] or left > mainland[2] or bottom < mainland[1] or top > mainland[3], (width, name)
    browser.set_window_size(1400, 1100)
    browser.get(server + "/")
    _wait(browser, _map_ready(browser, 18))
    url = browser.execute_script("return document.querySelector('#carte .js-plotly-plot').data[0].geojson;")
    with urllib.request.urlopen(server + url, timeout=30) as response:
        features = {f["id"]: f for f in json.loads(response.read())["features"]}
    point = shapely.from_geojson(json.dumps(features["04"]["geometry"])).point_on_surface()  # La Réunion, in its box
    _click_territory(browser, point.x, point.y)
    _wait(browser, _map_ready(browser, 1))
    assert "La Réunion" in browser.find_element(By.ID, "carte-ariane").text
    assert browser.current_url.endswith("#couche=maturite&region=04")


def test_each_geometry_is_requested_once_per_page(server, demo_db):
    from tests import mapprobe

    driver = chromium_driver(performance_log=True)
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.get(server + "/#couche=maturite&echelle=region")
        _wait(driver, _map_ready(driver, 18))
        _click_territory(driver, -2.9, 48.15)  # Bretagne → its départements
        n_departements = demo_db.execute("SELECT count(*) FROM departement WHERE region = '53'").fetchone()[0]
        _wait(driver, _map_ready(driver, n_departements))
        _click_territory(driver, -4.1, 48.3)  # Finistère → its communes
        n_communes = demo_db.execute("SELECT count(*) FROM commune WHERE departement = '29'").fetchone()[0]
        _wait(driver, _map_ready(driver, n_communes))
        driver.back()
        _wait(driver, _map_ready(driver, n_departements))
        sources = mapprobe.map_sources(driver)
        requests = mapprobe.network(driver).to("/geo/")
    finally:
        driver.quit()
    urls = [r["url"].split("/geo/")[1] for r in requests]
    assert sorted(urls) == sorted(set(urls)), urls  # memory-cache hits would be listed too
    assert {url.split("?")[0] for url in urls} == {"france/departement.geojson", "france/region.geojson",
                                                   "commune/29.geojson"}
    assert all(r["encoding"] == "gzip" for r in requests)
    # every source was given by Plotly as the object it parsed once; none is a URL maplibre would load again
    assert sources and all(source["url"] is None for source in sources)


_GEO_LOADED = ("return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
               ".filter(function (u) { return u.indexOf('/geo/') >= 0; })"
               ".map(function (u) { return u.split('/geo/')[1].split('?')[0]; });")


def test_the_france_by_region_map_loads_the_departements_before_a_click_needs_them(server, demo_db):
    driver = chromium_driver()
    try:
        driver.get(server + "/#couche=maturite&echelle=region")
        _wait(driver, _map_ready(driver, 18))
        # once the map is drawn, the page loads, when idle, the geometry of a drill-down
        _wait(driver, lambda d: "france/departement.geojson" in d.execute_script(_GEO_LOADED))
        before = driver.execute_script(_GEO_LOADED)
        _click_territory(driver, -2.9, 48.15)  # Bretagne → its départements
        n_departements = demo_db.execute("SELECT count(*) FROM departement WHERE region = '53'").fetchone()[0]
        _wait(driver, _map_ready(driver, n_departements))
        after = driver.execute_script(_GEO_LOADED)
    finally:
        driver.quit()
    assert sorted(before) == ["france/departement.geojson", "france/region.geojson"]
    assert after == before  # the drill-down downloaded nothing


def test_search_brest_opens_its_card(server, browser, demo_db):
    browser.get(server + "/mesures")
    link = _search(browser, "header", "Brest")
    assert link.get_attribute("href").endswith("/commune/29019")
    link.click()
    title = _wait(browser, EC.visibility_of_element_located((By.ID, "fiche-nom")))
    assert title.text == "Brest"
    population, classe = demo_db.execute(
        "SELECT c.population, i.maturite_classe FROM commune c JOIN indicateur_territoire i "
        "ON i.niveau = 'commune' AND i.code = c.code WHERE c.code = '29019'").fetchone()
    assert browser.find_element(By.ID, "fiche-population").text == f"{population:,} habitants".replace(",", "\u202f")
    assert browser.find_element(By.ID, "fiche-maturite").text.startswith(CLASSE_LABELS[classe])
    assert browser.find_element(By.ID, "bloc-alliances").is_displayed()


def test_search_by_accentless_abbreviation(server, browser):
    browser.get(server + "/")
    first = _search(browser, "header", "st etienne")
    assert first.text.startswith("Saint-Étienne") and first.get_attribute("href").endswith("/commune/42218")


def test_measures_page_lists_the_21_measures(server, browser):
    browser.get(server + "/mesures")
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "mesures-compte"), "21 mesures affichées sur 21"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#mesures-liste table.mesures tbody tr")
    assert len(rows) == 21
    assert {row.find_element(By.CSS_SELECTOR, "td strong").text for row in rows} == {f"M{i:02d}" for i in range(1, 22)}
    _wait(browser, lambda b: b.execute_script(
        "var gd = document.querySelector('#mesures-frise .js-plotly-plot'); return gd && gd.data && gd.data.length > 0;"))


def _map_locations(browser, graph_id: str):
    return browser.execute_script(
        f"var gd = document.querySelector('#{graph_id} .js-plotly-plot');"
        "return gd && gd.data && gd.data.length ? gd.data[0].locations : null;")


def test_measure_page_from_the_list_shows_history_deployment_and_indicators(server, browser, demo_db):
    browser.get(server + "/mesures")
    link = _wait(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, "#mesures-liste a[href='/mesures/M05']")))
    link.click()
    _wait(browser, EC.url_to_be(server + "/mesures/M05"))
    _wait(browser, EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "M05 — "))
    libelle = demo_db.execute("SELECT libelle FROM mesure WHERE id = 'M05'").fetchone()[0]
    assert browser.find_element(By.TAG_NAME, "h1").text == f"M05 — {libelle}"
    national = demo_db.execute("SELECT count(*) FROM mesure_suivi WHERE mesure = 'M05' AND region IS NULL").fetchone()[0]
    assert len(browser.find_elements(By.CSS_SELECTOR, "#mesure-etapes li")) == national
    indicators = demo_db.execute("SELECT libelle FROM mesure_indicateur WHERE mesure = 'M05' AND region IS NULL "
                                 "GROUP BY libelle ORDER BY libelle").fetchall()
    table = browser.find_element(By.ID, "mesure-indicateurs").text
    assert indicators and all(label in table for (label,) in indicators) and "%" in table
    # the map at the latest date, then at the first date of the slider (fewer régions followed)
    _wait(browser, lambda b: _map_locations(b, "mesure-carte") is not None)
    latest = demo_db.execute("""SELECT count(DISTINCT region) FROM mesure_suivi WHERE mesure = 'M05'
                                AND region IS NOT NULL""").fetchone()[0]
    assert len(_map_locations(browser, "mesure-carte")) == latest
    caption = browser.find_element(By.ID, "mesure-date-texte").text
    assert caption.startswith("Situation au ")
    # one map of France: the overseas régions followed are coloured in their boxes beside the mainland
    traces = browser.execute_script("var gd = document.querySelector('#mesure-carte .js-plotly-plot');"
                                    "return gd.data.map(function (t) { return [t.geojson, t.locations]; });")
    assert all(url.startswith("/geo/france/region.geojson?v=") for url, _ in traces)
    overseas = {r for (r,) in demo_db.execute("SELECT DISTINCT region FROM mesure_suivi WHERE mesure = 'M05' "
                                              "AND region IN ('01', '02', '03', '04', '06')").fetchall()}
    assert overseas and overseas <= set(traces[0][1])
    regions = {r for (r,) in demo_db.execute("SELECT code FROM region").fetchall()}
    assert set(traces[0][1]) | set(traces[1][1]) == regions  # the others in grey
    assert set(traces[-1][1]) == {f"cadre-{d}" for d in ("971", "972", "973", "974", "976")}
    handle = browser.find_element(By.CSS_SELECTOR, "#mesure-date [role='slider']")
    handle.send_keys(Keys.HOME)
    _wait(browser, lambda b: len(_map_locations(b, "mesure-carte") or []) < latest)
    assert browser.find_element(By.ID, "mesure-date-texte").text not in ("", caption)
    # the alliances, experimentations and catalyseurs the files link to M05, each with its place's page
    linked = demo_db.execute("SELECT entite, id FROM mesure_lien WHERE mesure = 'M05' ORDER BY 1, 2").fetchall()
    assert {e for e, _ in linked} == {"alliance", "experimentation", "catalyseur"}
    for kind in ("alliance", "experimentation", "catalyseur"):
        rows = browser.find_elements(By.CSS_SELECTOR, f"#mesure-liens-{kind} tbody tr")
        assert sorted(r.find_element(By.CSS_SELECTOR, "small").text for r in rows) == [i for e, i in linked if e == kind]
    (commune,) = demo_db.execute("SELECT k.commune FROM catalyseur k JOIN mesure_lien l ON l.id = k.id "
                                 "AND l.entite = 'catalyseur' AND l.mesure = 'M05' ORDER BY k.id").fetchone()
    place = browser.find_element(By.CSS_SELECTOR, "#mesure-liens-catalyseur tbody tr:first-child a")
    assert place.get_attribute("href") == f"{server}/commune/{commune}"
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", place)
    place.click()
    _wait(browser, EC.url_to_be(f"{server}/commune/{commune}"))
    browser.get(server + "/mesures/M99")
    page = _wait(browser, EC.visibility_of_element_located((By.ID, "page-introuvable")))
    assert "Mesure introuvable" in page.text


def test_measures_filters_are_kept_in_the_address(server, browser):
    browser.get(server + "/mesures")
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "mesures-compte"), "21 mesures affichées sur 21"))
    browser.find_element(By.CSS_SELECTOR, "#mesures-groupe input[value='chantier']").click()
    browser.find_element(By.CSS_SELECTOR, "#mesures-tri input[value='avancement']").click()
    _wait(browser, lambda b: "groupe=chantier" in b.current_url and "tri=avancement" in b.current_url)
    browser.refresh()
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "mesures-compte"), "21 mesures affichées sur 21"))
    assert browser.find_element(By.CSS_SELECTOR, "#mesures-groupe input[value='chantier']").is_selected()
    assert browser.find_element(By.CSS_SELECTOR, "#mesures-tri input[value='avancement']").is_selected()
    groups = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "#mesures-liste h3")]
    assert groups and all(g.startswith("C") for g in groups)
    # a shared address with a status filter opens filtered
    browser.get(server + "/mesures?statut=realisee")
    _wait(browser, lambda b: "mesures affichées sur 21" in b.find_element(By.ID, "mesures-compte").text
          and not b.find_element(By.ID, "mesures-compte").text.startswith("21 "))
    statuses = {b.text for b in browser.find_elements(By.CSS_SELECTOR, "#mesures-liste table.mesures .badge")}
    assert statuses == {"Réalisée"}


def test_unknown_commune_is_a_french_404_with_a_search_box(server, browser):
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(server + "/commune/00000", timeout=30)
    assert error.value.code == 404
    browser.get(server + "/commune/00000")
    page = _wait(browser, EC.visibility_of_element_located((By.ID, "page-introuvable")))
    assert "Commune introuvable" in page.text and "Traceback" not in browser.page_source
    link = _search(browser, "#page-introuvable", "Quimper")
    assert link.get_attribute("href").endswith("/commune/29232")


def test_search_page_lists_results_and_its_form_searches_again(server, browser):
    browser.get(server + "/recherche?q=brest")
    first = _wait(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, "#recherche-page-resultats .recherche-liste a")))
    assert first.text.startswith("Brest") and first.get_attribute("href").endswith("/commune/29019")
    field = browser.find_element(By.ID, "recherche-page-saisie")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("Quimper\n")  # a plain GET form: Enter loads /recherche?q=Quimper
    _wait(browser, EC.url_contains("q=Quimper"))
    link = _wait(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, "#recherche-page-resultats .recherche-liste a")))
    assert link.get_attribute("href").endswith("/commune/29232")
    browser.get(server + "/recherche?q=zzzqqq")
    assert "Aucun territoire ne correspond" in _wait(
        browser, EC.visibility_of_element_located((By.ID, "recherche-vide"))).text


def test_sources_page_from_the_banner(server, browser, demo_run):
    """The banner's link opens /sources: every generated file with its rows and checksum."""
    browser.get(server + "/")
    _wait(browser, EC.presence_of_element_located((By.ID, "bandeau-demo")))
    browser.find_element(By.LINK_TEXT, "Voir les sources").click()
    table = _wait(browser, EC.presence_of_element_located((By.ID, "sources-fichiers")))
    assert browser.current_url.endswith("/sources")
    assert table.find_element(By.TAG_NAME, "caption").text.startswith("Sources de l'entrepôt publié")
    text = table.text
    for fc in demo_run.file_counts:
        assert fc.file in text
    datafrance = next(s for s in demo_run.sources if s["role"] == "limites")
    assert datafrance["sha256"][:12] in text
    assert browser.find_element(By.ID, "sources-demo").text.startswith("Données de démonstration : alliances, CRTE")


def _tiles_drawn(browser):
    """The communes' vector tiles are loaded and drawn (assets/carte.js), with their colours."""
    return browser.execute_script(
        "var gd = document.querySelector('#carte .js-plotly-plot');"
        "var sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot, map = sub && sub.map;"
        "return !!(map && map.getLayer('atlas-tuiles-fond') && map.isSourceLoaded('atlas-tuiles') && map.areTilesLoaded()"
        "          && map.queryRenderedFeatures({layers: ['atlas-tuiles-fond']}).length > 1000);")


def test_france_by_commune_is_drawn_from_vector_tiles_with_hover_and_click(server, browser, demo_db):
    import json

    import shapely

    from tests import mapprobe

    with urllib.request.urlopen(server + "/geo/commune/13.geojson", timeout=60) as response:
        arles = next(f for f in json.loads(response.read())["features"] if f["id"] == "13004")
    point = shapely.from_geojson(json.dumps(arles["geometry"])).point_on_surface()
    browser.get(server + "/#couche=maturite&echelle=commune")
    _wait(browser, lambda _: _tiles_drawn(browser), timeout=90)
    n_communes = demo_db.execute("SELECT count(*) FROM indicateur_territoire WHERE niveau = 'commune' "
                                 "AND maturite_classe IS NOT NULL").fetchone()[0]
    assert len(_trace_locations(browser)) == n_communes
    # no commune GeoJSON was fetched: the communes come from the tiles, the outlines from the départements
    fetched = browser.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; });")
    assert not any("commune" in url and "geojson" in url for url in fetched)
    assert any("/tuiles/commune/" in url for url in mapprobe.tile_urls(browser))
    # Arles is drawn in the colour of its class
    expected = mapprobe.expected_colour(browser, "13004")
    drawn = mapprobe.rendered_colour(browser, point.x, point.y)
    assert all(abs(a - b) <= 6 for a, b in zip(expected, drawn)), (expected, drawn)
    # hover label, then a click: the side panel shows Arles
    classe = demo_db.execute("SELECT maturite_classe FROM indicateur_territoire WHERE niveau = 'commune' "
                             "AND code = '13004'").fetchone()[0]
    _click_territory(browser, point.x, point.y)
    label = browser.find_element(By.CSS_SELECTOR, "#carte .carte-infobulle")
    assert label.text == f"Arles (13004)\nMaturité : {CLASSE_LABELS[classe]}"
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "carte-panneau"), "Arles (13004)"))
    assert browser.current_url.endswith("#couche=maturite&echelle=commune")
