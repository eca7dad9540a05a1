"""Call Dash callbacks through the Flask test client, as the browser does.

Used by the benchmark (response sizes and server times) and by the tests. The request
is the JSON Dash's renderer posts to ``/_dash-update-component``.
"""

from __future__ import annotations

import json
import time

__all__ = ["CallbackProbe"]


class CallbackProbe:
    def __init__(self, app):
        self.app = app
        self.client = app.server.test_client()
        self.client.get("/")  # first request: Dash registers the pages router
        self._deps = {d["output"]: d for d in self.client.get("/_dash-dependencies").get_json()}

    def _find(self, first_output: str) -> dict:
        for output, dep in self._deps.items():
            if output.startswith(first_output) or output.startswith(".." + first_output):
                return dep
        raise KeyError(first_output)

    def call(self, first_output: str, inputs: dict, changed: str | None = None, state: dict | None = None):
        """Post the callback whose outputs start with ``first_output``.

        ``inputs`` maps ``"id.property"`` to values (every input of the callback);
        ``changed`` is the ``"id.property"`` that triggered it. Returns
        ``(status, body bytes, seconds)``.
        """
        dep = self._find(first_output)
        outputs_spec = []
        output = dep["output"]
        parts = output.strip(".").split("...") if output.startswith("..") else [output]
        for part in parts:
            cid, prop = part.rsplit(".", 1)
            prop = prop.split("@")[0]
            outputs_spec.append({"id": cid, "property": prop})

        def spec(items, values):
            out = []
            for item in items:
                key = f"{item['id']}.{item['property']}"
                out.append({"id": item["id"], "property": item["property"], "value": values.get(key)})
            return out

        payload = {
            "output": output,
            "outputs": outputs_spec if output.startswith("..") else outputs_spec[0],
            "inputs": spec(dep["inputs"], inputs),
            "state": spec(dep["state"], state or {}),
            "changedPropIds": [changed] if changed else [],
        }
        body = json.dumps(payload)
        t0 = time.perf_counter()
        response = self.client.post("/_dash-update-component", data=body, content_type="application/json")
        seconds = time.perf_counter() - t0
        return response.status_code, response.get_data(), seconds

    def map(self, fragment: str = "", couche: str = "maturite", echelle: str = "region", vue: str = "metropole",
            click: dict | None = None, changed: str | None = None, programme: str | None = None,
            annee: int | str | None = None):
        """The map callback of the home page (``programme``: the programme selector's value;
        ``annee``: the year range input's value)."""
        return self.call(
            "carte-url.hash",
            {
                "carte-url.hash": fragment,
                "carte-couche.value": couche,
                "carte-echelle.value": echelle,
                "carte-vue.value": vue,
                "carte.clickData": click,
                "carte-programme.value": programme,
                "carte-annee.value": annee,
            },
            changed=changed,
        )
