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

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

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


class DocstringsStayEnglish(SphinxTransform):
    """Autodoc's output (the API page's signatures and docstrings) is neither extracted into the
    catalogues nor translated: the docstrings are the code's, in English, in both editions.
    Runs before sphinx.transforms.i18n.Locale (priority 20)."""

    default_priority = 15

    def apply(self):
        for desc in self.document.findall(addnodes.desc):
            for node in desc.findall(nodes.TextElement):
                node["translatable"] = False
        for node in self.document.findall(nodes.TextElement):   # automodule's module docstrings
            if "docstring of " in (node.source or ""):
                node["translatable"] = False


def _add_theme_catalogue(app):
    """The book's own booktheme.po (locale_dirs) as a fallback of sphinx-book-theme's catalogue,
    whose zh_CN lacks "Launch on" and others. Compiled here: Sphinx compiles only the 'sphinx'
    domain before extensions load, and add_message_catalog reads the .mo at once."""
    if not app.config.language or app.config.language == "en":
        return
    from sphinx.util.i18n import CatalogRepository

    repo = CatalogRepository(app.srcdir, app.config.locale_dirs, app.config.language, "utf-8")
    for catalog in repo.catalogs:
        if catalog.domain == "booktheme" and catalog.is_outdated():
            catalog.write_mo(app.config.language)
    for locale_dir in repo.locale_dirs:
        app.add_message_catalog("booktheme", locale_dir)


def _other_edition(app, pagename, templatename, context, doctree):
    """Link each page to the same page of the other edition: <link rel="alternate" hreflang>
    and a visible header button. The zh edition lives in zh/ of the English one, same paths."""
    if doctree is None:   # genindex, search: no counterpart link
        return
    zh = (app.config.language or "en").startswith("zh")
    root = "../" * pagename.count("/")   # relative path to this edition's root
    if zh:
        href, lang, text, tip = f"{root}../{pagename}.html", "en", "EN", "English edition"
    else:
        href, lang, text, tip = f"{root}zh/{pagename}.html", "zh-CN", "中文", "中文版"
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" hreflang="{lang}" href="{href}" />')
    context.setdefault("header_buttons", []).insert(0, {
        "type": "link", "url": href, "text": text, "tooltip": tip,
        "icon": "fas fa-language", "label": "other-edition-button"})


def setup(app):
    app.connect("html-page-context", _other_edition, priority=950)
    app.add_transform(DocstringsStayEnglish)
    _add_theme_catalogue(app)
    app.connect("env-before-read-docs", _drop_thebe_assets, priority=900)
    register_plugin("pybtex.style.formatting", "rnnbook", AuthorYearStyle)
    # after sphinx-book-theme's add_header_buttons (priority 501)
    app.connect("html-page-context", _drop_print_to_pdf, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
