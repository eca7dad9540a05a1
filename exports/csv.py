"""CSV: the communes of the territory with their indicators, as French spreadsheets expect.

``;`` as separator, UTF-8 with a byte order mark, CRLF line ends, French headers,
decimal comma, ratios as percentages, dates as JJ/MM/AAAA, booleans as oui/non. When the warehouse holds
demonstration data, a last column « Données de démonstration » names on every row the entities that are
(« alliances, expérimentations et catalyseurs »). A text that a
spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first) is written
with a leading ``'`` (OWASP's advice against CSV injection); numbers are written as numbers.
"""

from __future__ import annotations

import csv as _csv
import datetime as dt
import io

from atlas.vocabulary import DEMO_TITLE

from .labels import TABLES
from .snapshot import Snapshot
from .values import csv_text, rows

__all__ = ["render_csv", "SEPARATOR", "ENCODING"]

SEPARATOR = ";"
ENCODING = "utf-8-sig"
DEMO_HEADER = DEMO_TITLE


def _text(value, decimals: int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        return f"{value:.{decimals if decimals is not None else 6}f}".replace(".", ",")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%d/%m/%Y")
    return csv_text(str(value))


def render_csv(snapshot: Snapshot) -> bytes:
    """The ``communes`` table of ``snapshot`` as CSV bytes."""
    columns = TABLES["communes"]
    decimals = [c.decimals if c.kind in ("float", "share", "measure") else None for c in columns]
    shares = [c.kind == "share" for c in columns]
    buffer = io.StringIO(newline="")
    writer = _csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\r\n", quoting=_csv.QUOTE_MINIMAL)
    header = [f"{c.header} (%)" if c.kind == "share" else c.header for c in columns]
    if snapshot.demo:
        header.append(DEMO_HEADER)
    writer.writerow([csv_text(h) for h in header])
    for row in rows(snapshot.communes.drop(columns="geometry"), columns):
        line = [_text(v * 100 if share and v is not None else v, d) for v, d, share in zip(row, decimals, shares)]
        if snapshot.demo:
            line.append(snapshot.vintage.status.demo_list())
        writer.writerow(line)
    return buffer.getvalue().encode(ENCODING)
