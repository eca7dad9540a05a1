"""HTML of the « Importer » pages (Jinja, auto-escaped), styled by the dashboard's CSS."""

from __future__ import annotations

from flask import Response, render_template_string

__all__ = ["page", "XLSX"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_BASE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{% if refresh %}<meta http-equiv="refresh" content="{{ refresh }}">{% endif %}
<title>{{ title }} — Atlas des alliances territoriales</title>
<link rel="stylesheet" href="/assets/style.css"></head>
<body><header class="site-header">
<a class="brand" href="/">Atlas des alliances territoriales</a>
<nav class="nav"><a href="/">Carte</a><a href="/donnees">Données</a>
{% if user and user.is_authenticated %}<a href="/importer">Importer</a>
{% if user.account.can_publish %}<a href="/importer/historique">Historique des publications</a>{% endif %}
{% endif %}</nav>
{% if user and user.is_authenticated %}
<form method="post" action="/deconnexion" class="deconnexion">
<input type="hidden" name="csrf_token" value="{{ csrf() }}">
<span>{{ user.account.name }} ({{ user.account.role }})</span> <button type="submit">Se déconnecter</button></form>
{% endif %}
</header>
<main class="content"><h1>{{ title }}</h1>
{% if message %}<p class="message" role="alert">{{ message }}</p>{% endif %}
{{ body|safe }}
</main></body></html>"""

LOGIN = """<form method="post" action="/connexion" class="formulaire">
<input type="hidden" name="csrf_token" value="{{ csrf() }}">
<p><label for="nom">Nom du compte</label><br><input id="nom" name="nom" autocomplete="username" required></p>
<p><label for="mot_de_passe">Mot de passe</label><br>
<input id="mot_de_passe" name="mot_de_passe" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Se connecter</button></p></form>
<p class="aide">Les comptes sont créés sur le serveur : <code>territoires utilisateur ajouter NOM</code>.</p>"""

UNAUTHORIZED = """<p>Cette page est réservée aux comptes qui mettent à jour les données.
<a href="/connexion">Se connecter</a>.</p>"""
FORBIDDEN = """<p>Seul un compte administrateur peut publier. <a href="/importer">Revenir à l'import</a>.</p>"""
CSRF = """<p>Le formulaire a expiré ou ne vient pas de cette page : le recharger et recommencer.</p>"""
NOT_PUBLISHABLE = """<p>Ce dépôt contient un fichier inutilisable : rien ne peut être publié.
<a href="/importer">Déposer des fichiers corrigés</a>.</p>"""
BUSY = """<p><a href="/importer/publication">Suivre la publication en cours</a>.</p>"""

UPLOAD = """<p>Déposer un ou plusieurs fichiers : les modèles de la page <a href="/donnees">Données</a>
(XLSX ou CSV) ou les fichiers publics que l'Atlas lit (listes ANCT, répertoire des maires).
Rien n'est publié par le dépôt : un rapport dit d'abord ce qui serait chargé, rejeté et changé.</p>
<form method="post" action="/importer" enctype="multipart/form-data" class="formulaire">
<input type="hidden" name="csrf_token" value="{{ csrf() }}">
<p><label for="fichiers">Fichiers (au plus {{ max_files }}, {{ max_mb }} Mio chacun)</label><br>
<input id="fichiers" name="fichiers" type="file" multiple required
 accept=".xlsx,.csv,.parquet,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"></p>
<p><button type="submit">Déposer et vérifier</button></p></form>
{% if state %}<p>Dernière publication : {{ state.etat.replace('_', ' ') }} (par {{ state.par }}, {{ state.debut }}) —
<a href="/importer/publication">détails</a>.</p>{% endif %}"""

REPORT = """{% set r = report %}
{% if meta.refuses %}<h2>Fichiers refusés</h2><ul id="refuses">
{% for f in meta.refuses %}<li><strong>{{ f.original }}</strong> : {{ f.reason }}</li>{% endfor %}</ul>{% endif %}
{% if r.error %}<h2>Fichier inutilisable</h2><p class="message" id="erreur">{{ r.error }}</p>{% endif %}
{% if r.files %}<h2>Fichiers vérifiés</h2>
<div class="tableau-conteneur" tabindex="0"><table class="tableau nombres" id="fichiers-verifies">
<caption>Lignes lues = chargées + rejetées</caption>
<thead><tr><th scope="col">Fichier déposé</th><th scope="col">Gardé sous le nom</th><th scope="col">Lues</th>
<th scope="col">Seraient chargées</th><th scope="col">Rejetées</th></tr></thead><tbody>
{% for f in r.files %}<tr><th scope="row">{{ originals.get(f.name, f.name) }}</th><td>{{ f.name }}</td><td>{{ f.read }}</td>
<td>{{ f.loaded }}</td><td>{{ f.rejected }}</td></tr>{% endfor %}</tbody></table></div>{% endif %}
{% if r.changes %}<h2>Ce que la publication changerait</h2>
<div class="tableau-conteneur" tabindex="0"><table class="tableau nombres" id="changements">
<caption>Comparaison avec l'entrepôt publié ; un fichier déposé remplace toutes les lignes de son entité</caption>
<thead><tr><th scope="col">Entité</th><th scope="col">Publiées</th><th scope="col">Après publication</th>
<th scope="col">Ajoutées</th><th scope="col">Retirées</th><th scope="col">Modifiées</th></tr></thead><tbody>
{% for c in r.changes %}<tr><th scope="row">{{ c.label }}</th><td>{{ c.published }}</td><td>{{ c.after }}</td>
<td>{{ c.added }}</td><td>{{ c.removed }}</td><td>{{ c.changed }}</td></tr>{% endfor %}</tbody></table></div>{% endif %}
{% if r.rejects %}<h2>Lignes rejetées ({{ r.rejects|length }})</h2>
<p><a href="/importer/{{ depot }}/rejets.xlsx">Télécharger les rejets (XLSX)</a> : les lignes rejetées avec leur motif,
à corriger puis déposer à nouveau.</p>
<div class="tableau-conteneur" tabindex="0"><table class="tableau" id="rejets">
<thead><tr><th scope="col">Ligne</th><th scope="col">Colonne</th><th scope="col">Raison</th><th scope="col">Valeur</th>
<th scope="col">Fichier</th></tr></thead><tbody>
{% for x in r.rejects[:500] %}<tr><td>{{ x.line or '' }}</td><td>{{ x.column or '' }}</td><td>{{ x.reason }}</td>
<td>{{ x.value or '' }}</td><td>{{ x.file }}</td></tr>{% endfor %}</tbody></table></div>
{% if r.rejects|length > 500 %}<p>Les 500 premiers rejets sont affichés ; le fichier XLSX les contient tous.</p>{% endif %}
{% elif r.files %}<p id="aucun-rejet">Aucune ligne rejetée.</p>{% endif %}
{% if r.warnings %}<h2>Avertissements</h2><ul id="avertissements">{% for w in r.warnings %}<li>{{ w }}</li>{% endfor %}</ul>{% endif %}
{% if r.publishable %}
{% if can_publish %}<form method="post" action="/importer/{{ depot }}/publier" class="formulaire">
<input type="hidden" name="csrf_token" value="{{ csrf() }}">
<p>La publication reconstruit l'entrepôt avec ces fichiers, en arrière-plan ; elle est refusée si une entité perd
plus de la moitié de ses lignes publiées.</p>
<p><button type="submit" id="publier">Publier</button></p></form>
{% else %}<p>Un compte administrateur peut publier ce dépôt.</p>{% endif %}
{% endif %}
<p><a href="/importer">Déposer d'autres fichiers</a></p>"""

PUBLICATION = """{% if not state %}<p>Aucune publication lancée depuis cette page.</p>
{% else %}<p id="etat-publication">
{% if state.etat == 'en_cours' %}Publication en cours (lancée par {{ state.par }} à {{ state.debut }}) ; cette page se
recharge toute seule.{% elif state.etat == 'publiee' %}Publiée (par {{ state.par }}, terminée à {{ state.fin }}) :
les pages du tableau de bord montrent les nouvelles données.{% else %}Publication refusée ou échouée (par
{{ state.par }}, {{ state.fin }}) : l'entrepôt publié n'a pas changé.{% endif %}</p>
{% if state.message %}<h2>Journal de l'exécution</h2><pre class="journal" style="overflow-x:auto">{{ state.message }}</pre>{% endif %}{% endif %}
<p><a href="/importer">Revenir à l'import</a></p>"""

HISTORY = """<div class="tableau-conteneur" tabindex="0"><table class="tableau" id="historique">
<thead><tr><th scope="col">Exécution</th><th scope="col">Début</th><th scope="col">Fin</th>
<th scope="col">Publiée par</th><th scope="col">Dépôt</th></tr></thead><tbody>
{% for run in runs %}<tr><th scope="row">{{ run.run_id }}</th><td>{{ run.started_at }}</td><td>{{ run.finished_at }}</td>
<td>{{ run.publie_par or 'ligne de commande' }}</td><td>{{ run.depot or '—' }}</td></tr>{% endfor %}
</tbody></table></div>"""


def page(title: str, body: str, status: int = 200, **context) -> Response:
    """The page ``title`` whose content is the template ``body`` rendered with ``context``."""
    context.setdefault("user", None)
    context.setdefault("message", None)
    if "meta" in context:
        context["originals"] = {s["name"]: s["original"] for s in context["meta"].get("stockes", [])}
    if context.get("running"):
        context["refresh"] = 3
    inner = render_template_string(body, **context)
    html = render_template_string(_BASE, title=title, body=inner, **context)
    return Response(html, status=status, content_type="text/html; charset=utf-8",
                    headers={"Cache-Control": "no-store"})
