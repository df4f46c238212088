"""The book's own Sphinx tweaks (loaded from _config.yml, sphinx.local_extensions).

- Bibliography labels in the text's author-year style: the references page lists
  "[Hochreiter and Schmidhuber, 1997]", not pybtex's alpha labels ("[HS97]", "[AKovciskyB16]"),
  sorted by author, year and title. Selected with ``bibtex_default_style: rnnbook``.
- No ".pdf" entry in the download menu: sphinx-book-theme's ".pdf" is only ``window.print()``;
  the book has no PDF, so the menu offers the real downloads (.ipynb, .md) only.
- No Thebe assets: Jupyter Book always loads sphinx-thebe, which adds its scripts to every page
  even with ``launch_buttons.thebe: false``, and adds its inline ``const THEBE_JS_URL = ...``
  twice, so every page logged "Identifier 'THEBE_JS_URL' has already been declared". The book
  has no live code (Binder and Colab run it), so its scripts and stylesheet are dropped.
"""
from collections import Counter

from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle


def _plain(latex: str) -> str:
    return Text.from_latex(latex).render_as("text")


class AuthorYearLabelStyle(BaseLabelStyle):
    """'Name, 1997', 'Name and Other, 1997', 'Name et al., 1997'; 'a', 'b' after a repeated label."""

    def format_label(self, entry) -> str:
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        names = [_plain(" ".join(p.prelast_names + p.last_names)) for p in persons]
        if not names:
            who = _plain(entry.fields.get("organization", entry.fields.get("title", entry.key)))
        elif len(names) == 1:
            who = names[0]
        elif len(names) == 2:
            who = f"{names[0]} and {names[1]}"
        else:
            who = f"{names[0]} et al."
        return f"{who}, {entry.fields.get('year', 'n.d.')}"

    def format_labels(self, sorted_entries):
        labels = [self.format_label(entry) for entry in sorted_entries]
        repeated, seen = Counter(labels), Counter()
        for label in labels:
            if repeated[label] > 1:
                seen[label] += 1
                label += "abcdefghijklmnopqrstuvwxyz"[seen[label] - 1]
            yield label


class AuthorYearStyle(PlainStyle):
    """pybtex's plain style (sorted by author, year, title) with author-year labels."""

    default_label_style = AuthorYearLabelStyle


def _drop_print_to_pdf(app, pagename, templatename, context, doctree):
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"] = [b for b in group["buttons"] if b.get("label") != "download-pdf-button"]


def _is_thebe(filename, attributes) -> bool:
    name = str(filename or "").rsplit("/", 1)[-1]   # the builder's copies are "_static/..."
    return name.startswith("sphinx-thebe.") or "THEBE_JS_URL" in str(attributes.get("body", ""))


def _drop_thebe_assets(app, env, docnames):
    # sphinx-thebe registers them in its own env-before-read-docs handler (priority 500)
    if app.config.html_theme_options.get("launch_buttons", {}).get("thebe"):
        return
    if not hasattr(app.builder, "_js_files"):   # gettext and other non-HTML builders
        return
    for assets in (app.builder._js_files, app.builder._css_files):
        assets[:] = [a for a in assets if not _is_thebe(a.filename, a.attributes)]
    for registered in (app.registry.js_files, app.registry.css_files):
        registered[:] = [(f, kw) for f, kw in registered if not _is_thebe(f, kw)]


def setup(app):
    app.connect("env-before-read-docs", _drop_thebe_assets, priority=900)
    register_plugin("pybtex.style.formatting", "rnnbook", AuthorYearStyle)
    # after sphinx-book-theme's add_header_buttons (priority 501)
    app.connect("html-page-context", _drop_print_to_pdf, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
