"""The Chinese edition's Sphinx tweaks (loaded from _config.yml, sphinx.local_extensions).

Both editions are built from the same sources; the Chinese text lives in
locales/zh_CN/LC_MESSAGES/<page>.po (scripts/build_edition.py, CONTRIBUTING.md).

- What stays out of the catalogues: the API page's docstrings (the code's, in English, in both
  editions); the notes' quotations (Chinese already, verbatim in both) and the English
  back-translation that follows one, which the Chinese edition drops.
- What Sphinx alone would leave English: the sidebar's part captions, which
  sphinx-external-toc adds after Sphinx has translated a page, and the exercises' titles,
  which sphinx-exercise gives no source to extract from.
- The theme's labels the book's theme version has no Chinese for (locales/zh_CN/booktheme.po).
- Each page links to the same page of the other edition: a ``<link rel="alternate" hreflang>``
  and a header button (_static/rnnbook-edition.js keeps it in the same tab).
"""
import os

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform


def _is_zh(config) -> bool:
    return (config.language or "en").startswith("zh")


def _opens_notes(node) -> bool:
    return isinstance(node, nodes.raw) and node.astext().startswith('<span lang="zh"')


def _is_notes_quotation(paragraph) -> bool:
    """A paragraph of the notes' words only: ``<span lang="zh">...</span>`` (one or more),
    with nothing but spaces and punctuation outside the spans."""
    depth, outside = 0, ""
    for child in paragraph.children:
        if _opens_notes(child):
            depth += 1
        elif isinstance(child, nodes.raw) and child.astext() == "</span>" and depth:
            depth -= 1
        elif depth == 0:
            outside += child.astext()
    return (bool(paragraph.children) and _opens_notes(paragraph.children[0])
            and not any(ch.isalnum() for ch in outside))


def _is_back_translation(paragraph) -> bool:
    """An italic paragraph right after one that quotes the notes: its English translation."""
    previous = paragraph.previous_sibling()
    return (len(paragraph.children) == 1 and isinstance(paragraph.children[0], nodes.emphasis)
            and isinstance(previous, nodes.paragraph) and bool(previous.children)
            and _opens_notes(previous.children[0]))


class UntranslatedParts(SphinxTransform):
    """Marks what is neither extracted into the catalogues nor translated, and drops the
    back-translations from the Chinese edition. Runs before sphinx.transforms.i18n.Locale
    (priority 20)."""

    default_priority = 15

    def apply(self):
        for desc in self.document.findall(addnodes.desc):
            for node in desc.findall(nodes.TextElement):
                node["translatable"] = False
        for node in self.document.findall(nodes.TextElement):   # automodule's module docstrings
            if "docstring of " in (node.source or ""):
                node["translatable"] = False
        back = [p for p in self.document.findall(nodes.paragraph) if _is_back_translation(p)]
        for paragraph in self.document.findall(nodes.paragraph):
            if _is_notes_quotation(paragraph):
                paragraph["translatable"] = False
        for paragraph in back:
            paragraph["translatable"] = False
            if _is_zh(self.config):
                paragraph.parent.remove(paragraph)


class exercise_title_message(nodes.Invisible, nodes.Element, addnodes.translatable):
    """An exercise's title, as a message for the gettext builder (see the transform below)."""

    def preserve_original_messages(self):
        pass

    def extract_original_messages(self):
        return [self["message"]]

    def apply_translated_message(self, original_message, translated_message):
        pass


class TranslatableExerciseTitles(SphinxTransform):
    """sphinx-exercise's exercise titles ("Exercise 2.4 (BPTT with ...)"): the part in brackets
    is the directive's argument, which has no source file (so gettext skips it) and which a
    post-transform moves into a new title (so the gettext builder never sees it). Here, before
    Sphinx translates the page (Locale, priority 20), the subtitle gets its source, and the
    gettext builder gets the message on a node of its own."""

    default_priority = 15

    def apply(self):
        from sphinx_exercise.nodes import exercise_subtitle

        for node in list(self.document.findall(exercise_subtitle)):
            node.rawsource = node.rawsource or node.astext()
            node.source = node.source or self.document["source"]
            node.line = node.line or node.parent.line
            if self.app.builder.name == "gettext":
                carrier = exercise_title_message(message=node.rawsource.replace("\n", " "))
                carrier.source, carrier.line = node.source, node.line
                self.document += carrier


class RegisteredExerciseTitles(SphinxTransform):
    """A solution's title repeats its exercise's ("Solution to Exercise 2.4 (...)") from the
    copy sphinx-exercise registered when it read the directive, before Sphinx translated the
    page: register the translated exercise instead."""

    default_priority = 25   # after Locale

    def apply(self):
        from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node

        registry = getattr(self.env, "sphinx_exercise_registry", {})
        if not _is_zh(self.config):
            return
        for node in self.document.findall(
                lambda n: isinstance(n, (exercise_enumerable_node, exercise_node))):
            if node.get("label") in registry:
                registry[node["label"]]["node"] = node.deepcopy()


class TranslatedPartCaptions(SphinxTransform):
    """The sidebar's part captions (_toc.yml's "caption:"): sphinx-external-toc inserts the root
    page's toctrees (priority 100) after Sphinx has translated the page (Locale, priority 20),
    so their captions would stay English. The gettext builder does extract them into the root
    page's catalogue; this looks them up there."""

    default_priority = 101

    def apply(self):
        toctrees = [t for t in self.document.findall(addnodes.toctree) if t.get("rawcaption")]
        if not toctrees or not _is_zh(self.config):
            return
        from sphinx.locale import init as init_locale
        from sphinx.util.i18n import docname_to_domain

        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        dirs = [os.path.join(self.env.srcdir, d) for d in self.config.locale_dirs]
        catalog, _ = init_locale(dirs, self.config.language, domain)
        for toctree in toctrees:
            toctree["caption"] = catalog.gettext(toctree["rawcaption"])


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
    root = "../" * pagename.count("/")   # relative path to this edition's root
    if _is_zh(app.config):
        href, lang, text, tip = f"{root}../{pagename}.html", "en", "EN", "English edition"
    else:
        href, lang, text, tip = f"{root}zh/{pagename}.html", "zh-CN", "中文", "中文版"
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" hreflang="{lang}" href="{href}" />')
    context.setdefault("header_buttons", []).insert(0, {
        "type": "link", "url": href, "text": text, "tooltip": tip,
        "icon": "fas fa-language", "label": "other-edition"})


def setup(app):
    app.add_transform(UntranslatedParts)
    app.add_transform(TranslatedPartCaptions)
    app.add_transform(TranslatableExerciseTitles)
    app.add_transform(RegisteredExerciseTitles)
    _add_theme_catalogue(app)
    # after sphinx-book-theme's prep_header_buttons, which empties the list
    app.connect("html-page-context", _other_edition, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
