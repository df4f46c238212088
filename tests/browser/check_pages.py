"""Open every page of the built book in headless Chromium, as a reader would, and check it.

    .venv/bin/python tests/browser/check_pages.py            # after the book is built (make book)
    make browser                                             # installs what this needs, then runs it

Each page of ``_build/html`` (every ``*.html`` outside ``_static``/``_sources``/``_images``) is
opened at 1280x800 (a laptop) and at 390x844 (a phone) in a fresh browser context, and these
checks run (the names are the ones printed and used in ``known_failures.txt``). That covers both
editions with the same rules: the English one at the root, the Chinese one in ``zh/`` (same page
paths, built from the gettext catalogues in locales/); a few checks differ by edition, as said.

console-error       a console message of type error, or an uncaught page error
external-request    a request to any host other than the local server (the book must work
                    offline); such requests are aborted, so the check never waits on a network
equation-too-wide   @1280: a displayed equation (MathJax ``mjx-container[display=true]``) whose
                    content is wider than the text column or than its own box (it scrolls or is cut)
table-too-wide      @1280: the same for a ``<table>`` in the article
equation-clipped    @390: a displayed equation or table that looks cut off: wider than the column
table-clipped       or its own box, unless it sits in a horizontal scroll box that fits the column
                    AND shows that it scrolls. Phones hide scrollbars until touched, so a plain
                    overflow: auto box looks exactly like a cut; the accepted hint is scroll
                    shadows (a gradient background with background-attachment: local, as
                    _static/rnnbook.css gives displayed equations). Those are counted and printed
                    as "scroll, with scroll shadows", not failures: the design asks equations to
                    fit at 1280 px and "not clip" at 390 px.
page-scrolls-sideways  @390: the page itself is wider than the phone's screen
math-unrendered     a ``.math`` block that MathJax did not typeset (raw TeX on the page)
internal-label      an internal equation label (``eq-...``) in the page's text: visible, or in folded
                    content one click away (marked "folded"); one item per distinct label
nbval-marker        a line with ``NBVAL_`` in the page's text, visible or folded (nbval markers
                    belong in cell metadata tags)
image-alt           an ``<img>`` without real alt text: none, empty, or a file name or path
solution-visible    an exercise's answer shown before any click: any cell output inside an
                    "Exercises" section, or anything inside a solution container, visible on load
solution-no-toggle  a solution container whose content is still not visible after clicking its
                    toggle(s)
search              (search.html and zh/search.html, @1280 only) the book's search lists no result:
                    search.html for "forget gate"; zh/search.html for "遗忘门", where a result must
                    also link to chapters/02_lstm.html (the LSTM chapter of that edition)
lang                ``<html lang>`` does not start with "en" on an English page, "zh" on a zh/ page
other-edition       a content page (every page but search.html, genindex.html and py-modindex.html,
                    which Sphinx generates without a counterpart link) without a visible header
                    button ``a.btn-other-edition`` (_ext/rnnbook_i18n.py) to the same page of the
                    other edition (page <-> zh/page; the file must exist), or whose button opens a
                    new tab (_static/rnnbook-edition.js removes its target=_blank), or without a
                    ``<link rel="alternate" hreflang>`` in the head to that same page, in the other
                    edition's language
english-prose       (zh/ pages only) a paragraph of English prose left in a Chinese page: a text
                    block of the article (p, li, dd, dt, figcaption, caption, th, td, h1-h6,
                    admonition titles, summary; folded content included), its nested blocks and
                    its code, cell outputs, maths, citations and bibliography removed, whose text
                    has at least 6 Latin words (2+ letters) and fewer CJK characters than Latin
                    words; identifiers (lstm_step, rnnbook.cells.gru) are not words. What the API
                    page's autodoc writes stays English by design and is skipped: its entries
                    (``dl.py``: signatures, ``.sig``, docstrings) and automodule's module
                    docstrings (from the ``module-...`` target to the module's first ``dl.py``). A
                    glossary entry such as "遗忘门（forget gate）" passes. Details: the section and
                    the first 80 characters of each such block
search-fields       more than one search field visible at once in the page's chrome (an
                    ``<input type=search>`` or ``name=q``, or the theme's ``.search-button-field``,
                    a button drawn as a field; search.html's own form, in ``<main>``, is
                    content): a theme that adds a top bar's search beside the sidebar's own
title-covered       the book's title (``.logo__title``, the sidebar's brand) is covered by
                    another element (a sticky header drawn over it: at sample points on each of
                    its lines, the topmost element is not the title) or cut off by a box it sits
                    in (a sidebar scrolled past it on load, or a box too small for it). At 390 px both checks also run with the sidebar drawer open (its toggle
                    clicked), where the phone shows the title and the search field

How exercises and solutions are recognised (the convention the chapters follow): an exercise
section is a ``<section>`` whose heading reads "Exercise..." (MyST ``## Exercises``); a solution
container is an element with class ``solution`` (a sphinx-exercise ``solution`` directive, or a
``:class: solution`` admonition/dropdown), ``tag_solution`` (a notebook cell tagged
``solution``, which should also carry ``hide-cell`` so that its code *and* output are folded),
or an admonition whose title starts with "Solution". Toggles are ``<summary>`` elements and
sphinx-togglebutton's ``.toggle-button``.

The pages are served by a local ``http.server`` on 127.0.0.1 (a free port), not opened as
``file://`` URLs: over HTTP the page runs under the same rules as on a real web host (scripts
that fetch files, localStorage, search index loading), and "another host" has a precise meaning
- any host other than that server.

Full-page screenshots of each page at both widths go to ``_build/screenshots/`` for an author to
look at. Output: one line per page and width (``ok`` or what failed, with details indented), a
summary, and the comparison with ``known_failures.txt``: the run fails on a failure that is not
listed (or more of them than listed) and on a listed line that no longer happens (fewer than
listed), so that the list of known defects can only shrink. Exit status 0 only when the failures
are exactly the listed ones.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import os
import posixpath
import re
import shutil
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_plus, unquote, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
WIDTHS = {1280: 800, 390: 844}
WIDE, NARROW = 1280, 390
# search page -> (query, the page one of its results must link to, relative to it, or None)
SEARCHES = {"search.html": ("forget gate", None),
            "zh/search.html": ("遗忘门", "chapters/02_lstm.html")}
ZH = "zh/"  # the Chinese edition: same page paths, under zh/ of the English one
NO_COUNTERPART = {"search.html", "genindex.html", "py-modindex.html"}  # generated, no edition link
PROSE_MIN_WORDS = 6  # english-prose: a block with this many Latin words, and fewer CJK characters

# Runs in the page after load (and after MathJax has typeset): measures everything at once.
MEASURE_JS = r"""
() => {
  const col = document.querySelector('article.bd-article') || document.querySelector('main') || document.body;
  const cs = getComputedStyle(col);
  const colWidth = col.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  const scrollable = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const visible = (el) => {
    if (!el.isConnected) return false;
    if (el.checkVisibility && !el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const describe = (el) => {
    const sec = el.closest('section[id]');
    const label = el.closest('[id^="equation-"]') || el.querySelector('[id^="mjx-eqn"]');
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60);
    return (sec ? '#' + sec.id : '') + (label && label.id ? ' ' + label.id : '') + ' "' + text + '"';
  };
  // content width of el, and whether it fits / scrolls / is cut
  const fit = (el) => {
    const width = Math.max(el.scrollWidth, el.getBoundingClientRect().width);
    let ownScroller = null;
    for (let a = el; a && a !== col; a = a.parentElement) {
      if (scrollable(a) && a.clientWidth <= colWidth + 1) { ownScroller = a; break; }
    }
    const overflowsBox = el.scrollWidth > el.clientWidth + 1;
    const wider = width > colWidth + 1 || overflowsBox;
    // a visible hint that the box scrolls: scroll shadows (a gradient background that scrolls
    // with the content, background-attachment: local), since phones hide scrollbars
    let hinted = false;
    if (ownScroller) {
      const bs = getComputedStyle(ownScroller);
      hinted = bs.backgroundImage.includes('gradient') && bs.backgroundAttachment.includes('local');
    }
    return {width: Math.round(width), wider, scrolls: wider && ownScroller !== null && hinted};
  };
  const out = {colWidth: Math.round(colWidth), equations: [], tables: [], unrendered: [], images: [],
               pageScrollWidth: document.scrollingElement.scrollWidth, viewport: window.innerWidth};
  for (const el of document.querySelectorAll('mjx-container[display="true"]')) {
    if (!visible(el)) continue;
    const f = fit(el);
    if (f.wider) out.equations.push({...f, what: describe(el)});
  }
  for (const el of document.querySelectorAll('article table, .bd-article table')) {
    if (!visible(el) || el.closest('.highlight')) continue;
    const f = fit(el);
    if (f.wider) out.tables.push({...f, what: describe(el)});
  }
  for (const el of document.querySelectorAll('div.math, span.math')) {
    if (visible(el) && !el.querySelector('mjx-container')) out.unrendered.push(describe(el));
  }
  for (const img of document.querySelectorAll('img')) {
    out.images.push({src: img.getAttribute('src') || '', alt: img.getAttribute('alt'), visible: visible(img)});
  }
  // the outermost visible elements whose right edge is past the viewport (why the page scrolls sideways)
  out.sticksOut = [];
  if (out.pageScrollWidth > out.viewport + 1) {
    const unclipped = (el) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
        if (getComputedStyle(a).overflowX !== 'visible') return false;
      return true;
    };
    const past = [...document.body.querySelectorAll('*')].filter(el =>
      el.getBoundingClientRect().right > window.innerWidth + 1 && visible(el) && unclipped(el));
    for (const el of past.filter(el => !past.includes(el.parentElement)).slice(0, 3))
      out.sticksOut.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
        ? '.' + el.className.trim().split(/\s+/).join('.') : '') + ' ' + describe(el).slice(0, 60));
  }
  out.text = document.body.innerText;
  // all text on the page, folded content included (one click away): no scripts, no MathJax's
  // hidden MathML copy
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll('script, style, noscript, template, mjx-assistive-mml').forEach(e => e.remove());
  clone.querySelectorAll('p, pre, div, li, dt, dd, tr, summary, details, section, h1, h2, h3, h4, h5, h6, br')
    .forEach(e => e.before('\n'));  // textContent runs blocks together
  out.allText = clone.textContent;
  return out;
}
"""

# The edition of the page: <html lang>, its links to the other edition, and (zh) English prose.
EDITION_JS = r"""
(minWords) => {
  const visible = (el) => {
    if (!el.isConnected) return false;
    if (el.checkVisibility && !el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const out = {lang: document.documentElement.getAttribute('lang'), buttons: [], alternates: [], prose: []};
  for (const a of document.querySelectorAll('a.btn-other-edition'))
    out.buttons.push({href: a.href, target: a.getAttribute('target'), visible: visible(a)});
  for (const l of document.head.querySelectorAll('link[rel~="alternate"][hreflang]'))
    out.alternates.push({href: l.href, hreflang: l.getAttribute('hreflang')});
  // English prose: text blocks of the article, without what stays English by design
  const col = document.querySelector('article.bd-article') || document.querySelector('main') || document.body;
  const BLOCKS = 'p, li, dd, dt, figcaption, caption, th, td, h1, h2, h3, h4, h5, h6, .admonition-title, summary';
  const ENGLISH = 'pre, code, kbd, samp, .highlight, .cell_output, .output, .math, mjx-container, ' +
    'script, style, template, dl.py, .sig, .bibtex-citation, .citation, .citation-list, .bibliography, ' +
    '[role="doc-biblioentry"], [role="doc-biblioref"], [role="doc-bibliography"]';
  // automodule's module docstrings (English in both editions, _ext/rnnbook_i18n.py): from the
  // module's target (an element with id module-..., or its section: then from the heading on) to
  // the module's first autodoc entry (dl.py) or subsection
  const moduleDocs = new Set();
  for (const t of col.querySelectorAll('[id^="module-"]')) {
    let e = t.matches('section') ? t.querySelector(':scope > :is(h1, h2, h3, h4, h5, h6)') : t;
    for (e = e && (e === t ? e : e.nextElementSibling); e && !e.matches('dl.py, section'); e = e.nextElementSibling)
      moduleDocs.add(e);
  }
  const inModuleDoc = (el) => { for (let a = el; a && a !== col; a = a.parentElement) if (moduleDocs.has(a)) return true; return false; };
  for (const block of col.querySelectorAll(BLOCKS)) {
    if (block.closest(ENGLISH) || inModuleDoc(block)) continue;
    const clone = block.cloneNode(true);
    clone.querySelectorAll(BLOCKS + ', ' + ENGLISH).forEach(e => e.remove());  // nested blocks: on their own
    const text = (clone.textContent || '').replace(/\s+/g, ' ').trim();
    // words of prose, not identifiers (lstm_step, rnnbook.cells.gru): letters between non-word characters
    const latin = (text.match(/(?<![\w.])[A-Za-z]{2,}(?!\w|\.\w)/g) || []).length;
    const cjk = (text.match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g) || []).length;
    if (latin >= minWords && cjk < latin) {
      const sec = block.closest('section[id]');
      out.prose.push((sec ? '#' + sec.id + ' ' : '') + '"' + text.slice(0, 80) + '"');
    }
  }
  return out;
}
"""

# The theme's chrome: visible search fields, and what covers or cuts off the book's title.
CHROME_JS = r"""
() => {
  const visible = (el) => {
    if (!el.isConnected) return false;
    if (el.checkVisibility && !el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const onScreen = (el) => {
    const r = el.getBoundingClientRect();
    return r.right > 0 && r.bottom > 0 && r.left < window.innerWidth;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).slice(0, 3).join('.') : '');
  const where = (el) => {
    const box = ['header, .bd-header', '.bd-sidebar-primary, aside', '.search-button__wrapper', 'nav', 'article', 'form']
      .map(sel => el.closest(sel)).find(Boolean);
    return name(el) + (box && box !== el ? ' in ' + name(box) : '');
  };
  const out = {searchFields: [], title: []};
  // the page's chrome only: search.html's own search form (in <main>) is the page's content
  for (const el of document.querySelectorAll('input[type="search"], input[name="q"], .search-button-field'))
    if (visible(el) && onScreen(el) && !el.closest('main, article')) out.searchFields.push(where(el));
  for (const t of document.querySelectorAll('.logo__title, .navbar-brand .title')) {
    if (!visible(t)) continue;
    const text = '"' + t.textContent.replace(/\s+/g, ' ').trim().slice(0, 40) + '"';
    let n = 0;
    for (const line of t.getClientRects()) {
      n++;
      for (const fx of [0.1, 0.5, 0.9]) {
        const x = line.left + fx * line.width, y = line.top + line.height / 2;
        const top = (x >= 0 && y >= 0 && x < window.innerWidth && y < window.innerHeight)
          ? document.elementFromPoint(x, y) : null;
        if (top && !t.contains(top) && !top.contains(t)) {
          out.title.push(`line ${n} of ${text} covered by ${where(top)}`); break;
        }
        if (!top) { out.title.push(`line ${n} of ${text} outside the window (y=${Math.round(y)})`); break; }
      }
    }
    const r = t.getBoundingClientRect();
    for (let a = t; a && a !== document.body; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
      if (a === t ? a.scrollHeight > a.clientHeight + 1 || a.scrollWidth > a.clientWidth + 1 : (() => {
            const ar = a.getBoundingClientRect();
            return r.top < ar.top - 1 || r.bottom > ar.bottom + 1 || r.left < ar.left - 1 || r.right > ar.right + 1;
          })()) {
        out.title.push(`${text} cut off by ${name(a)} (overflow ${cs.overflowX}/${cs.overflowY})`); break;
      }
    }
  }
  return out;
}
"""

# The phone's sidebar drawer: click its toggle (sphinx-book-theme / pydata-sphinx-theme) if shown.
OPEN_DRAWER_JS = r"""
() => {
  const t = [...document.querySelectorAll('.primary-toggle, label.sidebar-toggle.primary-toggle, button.primary-toggle')]
    .find(el => el.getBoundingClientRect().width > 0);
  if (!t) return false;
  t.click();
  return true;
}
"""

# Solution containers (see the module docstring), shared by the two scripts below.
_SOLUTION_CONTAINERS_JS = r"""
  const solutionContainers = () => {
    const all = [...document.querySelectorAll('.solution, .tag_solution, .admonition')].filter(el =>
      !el.matches('.admonition') || el.matches('.solution') ||
      /^\s*solution/i.test((el.querySelector(':scope > .admonition-title, :scope > summary') || {}).textContent || ''));
    return all.filter(el => !all.some(o => o !== el && o.contains(el)));
  };
"""

# What may not be visible before a click ('before'), and what a click did not reveal ('after').
SOLUTIONS_JS = r"""
(phase) => {""" + _SOLUTION_CONTAINERS_JS + r"""
  const visible = (el) => {
    if (!el.isConnected) return false;
    if (el.checkVisibility && !el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const isTitle = (el) => el.closest('summary, .admonition-title') !== null;
  const content = (c) => [...c.querySelectorAll('p, pre, li, img, .cell_output, mjx-container, table')]
    .filter(e => !isTitle(e));
  const label = (el) => {
    const sec = el.closest('section[id]');
    return (sec ? '#' + sec.id + ' ' : '') + '"' + (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 50) + '"';
  };
  const containers = solutionContainers();
  const result = {containers: containers.length, shown: [], hidden: []};
  if (phase === 'before') {
    const exerciseSections = [...document.querySelectorAll('section')].filter(s => {
      const h = s.querySelector(':scope > h1, :scope > h2, :scope > h3, :scope > h4');
      return h && /^\s*([\d.]+\s*)?exercises?\b/i.test(h.textContent);
    });
    const seen = new Set();
    for (const s of exerciseSections)
      for (const o of s.querySelectorAll('.cell_output'))
        if (!seen.has(o) && visible(o)) { seen.add(o); result.shown.push('output ' + label(o)); }
    for (const c of containers)
      if (content(c).some(visible)) result.shown.push('solution ' + label(c));
  } else {
    for (const c of containers) {
      const items = content(c);
      if (items.length && !items.some(visible)) result.hidden.push('solution ' + label(c));
    }
  }
  return result;
}
"""

# Click what a reader clicks to open each solution: the <summary> of a closed <details> around or
# inside it, sphinx-togglebutton's title/button of a hidden toggle.
CLICK_TOGGLES_JS = r"""
() => {""" + _SOLUTION_CONTAINERS_JS + r"""
  let clicks = 0;
  for (const c of solutionContainers()) {
    const details = [c.closest('details'), ...c.querySelectorAll('details')].filter(d => d && !d.open);
    for (const d of details) { d.querySelector(':scope > summary').click(); clicks++; }
    const toggles = [c.closest('.toggle-hidden'), ...c.querySelectorAll('.toggle-hidden')].filter(Boolean);
    for (const t of toggles) {
      const b = t.querySelector(':scope > .admonition-title') || t.querySelector('.toggle-button');
      if (b) { b.click(); clicks++; }
    }
  }
  return clicks;
}
"""

LABEL_RE = re.compile(r"(?<![\w-])eq-[a-z0-9][a-z0-9-]*", re.I)
NBVAL_RE = re.compile(r"NBVAL_\w*")
FILENAME_ALT_RE = re.compile(r"(^|[/\\])[\w.-]+\.(png|jpe?g|gif|svg|webp)$|^\.\.?/|_images/|^[0-9a-f]{16,}", re.I)


@dataclass
class Failure:
    page: str
    width: int
    check: str
    details: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.page, self.width, self.check)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # one line per request would drown the report
        pass


def serve(root: Path):
    """Serve ``root`` on 127.0.0.1 (a free port) in a daemon thread; returns (server, base URL)."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def find_chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and (path := shutil.which(candidate)):
            return path
    sys.exit("check_pages: no chromium found (make browser installs Debian's chromium; or set CHROMIUM)")


def list_pages(root: Path) -> list[str]:
    pages = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root)
        if not any(part.startswith(("_", ".")) for part in rel.parts[:-1]):
            pages.append(rel.as_posix())
    return pages


def redirect_target(path: Path) -> str | None:
    """The URL of a page that only redirects (``<meta http-equiv="refresh" content="0; url=...">``)."""
    match = re.search(r'<meta[^>]+http-equiv="refresh"[^>]+url=([^"]+)"', path.read_text(errors="replace"), re.I)
    return match.group(1).split("#")[0] if match else None


def is_zh(page: str) -> bool:
    return page.startswith(ZH)


def other_edition(page: str) -> str:
    """The same page in the other edition: page <-> zh/page."""
    return page.removeprefix(ZH) if is_zh(page) else ZH + page


def local_path(url: str, base: str) -> str:
    """The path of a URL of the local server, relative to the book's root (as pages are named)."""
    return unquote(urlsplit(url).path).removeprefix(urlsplit(base).path)


def edition_problems(page: str, m: dict, root: Path | None, base: str) -> dict[str, list[str]]:
    """The failures of the lang, other-edition and english-prose checks, from EDITION_JS's ``m``."""
    problems = {}
    lang = m["lang"] or ""
    want = "zh" if is_zh(page) else "en"
    if not lang.lower().startswith(want):
        problems["lang"] = [f'<html lang="{lang}">, expected "{want}..."']
    if page.removeprefix(ZH) not in NO_COUNTERPART:
        expected, other_lang = other_edition(page), "en" if is_zh(page) else "zh"
        details = []

        def wrong(what: str, url: str) -> str | None:
            target = local_path(url, base) if urlsplit(url).netloc == urlsplit(base).netloc else url
            if target != expected:
                return f"{what} links to {target}, not {expected}"
            if root is not None and not (root / target).is_file():
                return f"{what} links to {target}: no such file"
            return None

        shown = [b for b in m["buttons"] if b["visible"]]
        if not shown:
            details.append(f"no visible a.btn-other-edition ({len(m['buttons'])} hidden)"
                           if m["buttons"] else "no a.btn-other-edition")
        for b in shown:
            if why := wrong("a.btn-other-edition", b["href"]):
                details.append(why)
            if b["target"] == "_blank":
                details.append("a.btn-other-edition opens a new tab (target=_blank)")
        if not m["alternates"]:
            details.append('no <link rel="alternate" hreflang> in the head')
        for a in m["alternates"]:
            if why := wrong(f'<link rel="alternate" hreflang="{a["hreflang"]}">', a["href"]):
                details.append(why)
            elif not a["hreflang"].lower().startswith(other_lang):
                details.append(f'<link rel="alternate" hreflang="{a["hreflang"]}">: expected "{other_lang}..."')
        if details:
            problems["other-edition"] = details
    if is_zh(page) and m["prose"]:
        problems["english-prose"] = m["prose"]
    return problems


def bad_alt(src: str, alt: str | None) -> str | None:
    """Why an image's alt text is not real alt text, or None when it is."""
    if alt is None:
        return f"no alt: {src}"
    if not alt.strip():
        return f"empty alt: {src}"
    if FILENAME_ALT_RE.search(alt.strip()) or alt.strip() == src:
        return f"alt is a file name: {alt.strip()[:70]}"
    return None


def check_page(browser, base: str, page: str, width: int, shots: Path | None,
               search: tuple[str, str | None] | None = None,
               root: Path | None = None) -> tuple[list[Failure], list[str]]:
    """Open one page at one width; return its failures and informational notes. ``search``: the
    query to run on this (search) page, and the page a result must link to (relative to it) or
    None; ``root``: the book's folder, where the other edition's pages must exist."""
    context = browser.new_context(viewport={"width": width, "height": WIDTHS.get(width, 800)})
    tab = context.new_page()
    local = urlsplit(base).netloc
    errors, external = [], []

    def on_route(route):
        url = route.request.url
        if urlsplit(url).netloc == local or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            external.append(url)
            route.abort()

    def on_console(msg):
        if msg.type != "error":
            return
        where = (msg.location or {}).get("url", "")
        if msg.text.startswith("Failed to load resource") and where and urlsplit(where).netloc != local:
            return  # an aborted external request: reported once, as external-request
        errors.append(msg.text.splitlines()[0][:160])

    tab.route("**/*", on_route)
    tab.on("console", on_console)
    tab.on("pageerror", lambda exc: errors.append(f"uncaught: {str(exc).splitlines()[0][:160]}"))

    failures, notes = [], []
    fail = lambda check, details: failures.append(Failure(page, width, check, details))  # noqa: E731
    url = base + page
    if search:
        url += "?q=" + quote_plus(search[0])
    try:
        tab.goto(url, wait_until="load", timeout=60_000)
        tab.evaluate("async () => { if (window.MathJax && MathJax.startup && MathJax.startup.promise)"
                     " await MathJax.startup.promise; await document.fonts.ready; }")
        tab.wait_for_timeout(300)  # theme scripts that run on load (toggle buttons, scroll spy)
        m = tab.evaluate(MEASURE_JS)

        if width >= WIDE:
            if m["equations"]:
                fail("equation-too-wide", [f"{e['width']}px > {m['colWidth']}px {e['what']}" for e in m["equations"]])
            if m["tables"]:
                fail("table-too-wide", [f"{t['width']}px > {m['colWidth']}px {t['what']}" for t in m["tables"]])
        else:
            for kind, items in (("equation", m["equations"]), ("table", m["tables"])):
                clipped = [x for x in items if not x["scrolls"]]
                if clipped:
                    fail(f"{kind}-clipped", [f"{x['width']}px > {m['colWidth']}px {x['what']}" for x in clipped])
                if len(items) > len(clipped):
                    notes.append(f"{len(items) - len(clipped)} {kind}(s) scroll, with scroll shadows")
            if m["pageScrollWidth"] > m["viewport"] + 1:
                fail("page-scrolls-sideways", [f"page is {m['pageScrollWidth']}px wide in a {m['viewport']}px"
                                               f" viewport; sticking out: {'; '.join(m['sticksOut']) or '?'}"])
        if m["unrendered"]:
            fail("math-unrendered", m["unrendered"])
        for check, details in edition_problems(page, tab.evaluate(EDITION_JS, PROSE_MIN_WORDS), root, base).items():
            fail(check, details)

        shown = set(LABEL_RE.findall(m["text"]))
        labels = Counter(LABEL_RE.findall(m["allText"]))
        if labels:
            fail("internal-label", [f"{name} ({n}x{'' if name in shown else ', folded'})"
                                    for name, n in sorted(labels.items())])
        shown = {line.strip() for line in m["text"].splitlines() if NBVAL_RE.search(line)}
        markers = [line.strip() for line in m["allText"].splitlines() if NBVAL_RE.search(line)]
        if markers:
            fail("nbval-marker", [line[:90] + ("" if line in shown else "  (folded)") for line in markers])
        chrome = [("", tab.evaluate(CHROME_JS))]
        if width < WIDE and tab.evaluate(OPEN_DRAWER_JS):
            tab.wait_for_timeout(600)  # the drawer slides in
            chrome.append(("drawer open: ", tab.evaluate(CHROME_JS)))
            tab.keyboard.press("Escape")
            tab.goto(url, wait_until="load", timeout=60_000)  # as loaded, for the checks below
            tab.evaluate("async () => { if (window.MathJax && MathJax.startup && MathJax.startup.promise)"
                         " await MathJax.startup.promise; }")
        fields = [f"{state}{len(c['searchFields'])} at once: {'; '.join(c['searchFields'])}"
                  for state, c in chrome if len(c["searchFields"]) > 1]
        if fields:
            fail("search-fields", fields)
        title = [state + d for state, c in chrome for d in c["title"]]
        if title:
            fail("title-covered", title)
        alts = [why for img in m["images"] if (why := bad_alt(img["src"], img["alt"]))]
        if alts:
            fail("image-alt", alts)

        before = tab.evaluate(SOLUTIONS_JS, "before")
        if before["shown"]:
            fail("solution-visible", before["shown"])
        if before["containers"]:
            tab.evaluate(CLICK_TOGGLES_JS)
            tab.wait_for_timeout(400)
            after = tab.evaluate(SOLUTIONS_JS, "after")
            if after["hidden"]:
                fail("solution-no-toggle", after["hidden"])
            notes.append(f"{before['containers']} solution container(s) open on click")

        if search:
            query, must_link = search
            try:
                tab.wait_for_selector("#search-results li", timeout=20_000)
                tab.wait_for_timeout(500)  # the results arrive one by one
                n = tab.locator("#search-results li").count()
                notes.append(f'search "{query}": {n} result(s)')
                if must_link:
                    want = posixpath.normpath(posixpath.join(posixpath.dirname(page), must_link))
                    links = [local_path(href, base) for href in tab.eval_on_selector_all(
                        "#search-results li a[href]", "els => els.map(a => a.href)")]
                    if want not in links:
                        fail("search", [f'no result for "{query}" links to {want} (results: '
                                        f'{", ".join(dict.fromkeys(links)) or "none"})'[:300]])
            except Exception:  # noqa: BLE001 - a timeout is the failure being checked
                fail("search", [f'no result for "{query}"'])

        if shots is not None:
            # Reload (fresh state, solutions folded again) for the author's screenshot.
            tab.goto(url, wait_until="load", timeout=60_000)
            tab.evaluate("async () => { if (window.MathJax && MathJax.startup && MathJax.startup.promise)"
                         " await MathJax.startup.promise; await document.fonts.ready; }")
            name = page.removesuffix(".html").replace("/", "__") + f"-{width}.png"
            tab.screenshot(path=str(shots / name), full_page=True, animations="disabled")
    except Exception as exc:  # noqa: BLE001 - a page that cannot be checked is a failure
        fail("page-error", [f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"])
    finally:
        # The listeners keep collecting until the context closes.
        if errors:
            fail("console-error", sorted(set(errors)))
        if external:
            fail("external-request", sorted(set(external)))
        context.close()
    return failures, notes


def check_book(root: Path, pages: list[str] | None = None, widths=(WIDE, NARROW),
               shots: Path | None = None, searches: dict[str, tuple[str, str | None]] | None = None,
               chromium: str | None = None, report=print) -> list[Failure]:
    """Check every page of ``root`` at every width; print one line per page/width. ``searches``:
    search page -> (query, page a result must link to or None), run at the first width only;
    SEARCHES (the book's) when None, none when empty."""
    searches = SEARCHES if searches is None else searches
    from playwright.sync_api import sync_playwright

    pages = pages if pages is not None else list_pages(root)
    if shots is not None:
        shutil.rmtree(shots, ignore_errors=True)
        shots.mkdir(parents=True)
    server, base = serve(root)
    failures = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium or find_chromium(),
                                        args=["--no-sandbox", "--disable-gpu"])
            try:
                for page in pages:
                    target = redirect_target(root / page)
                    if target is not None:  # index.html: a <meta refresh> to the first chapter
                        ok = (root / page).parent.joinpath(target).resolve().is_file()
                        if not ok:
                            failures.append(Failure(page, widths[0], "broken-redirect", [target]))
                        report(f"{page}: redirect to {target}: {'ok' if ok else 'broken-redirect(1)'}")
                        continue
                    for width in widths:
                        t0 = time.perf_counter()
                        found, notes = check_page(browser, base, page, width, shots,
                                                  searches.get(page) if width == widths[0] else None,
                                                  root)
                        failures += found
                        status = ", ".join(f"{f.check}({len(f.details)})" for f in found) or "ok"
                        extra = f"  [{'; '.join(notes)}]" if notes else ""
                        report(f"{page} @{width}: {status}{extra}  ({time.perf_counter() - t0:.1f}s)")
                        for f in found:
                            for d in f.details:
                                report(f"    {f.check}: {d}")
            finally:
                browser.close()
    finally:
        server.shutdown()
    return failures


def read_known(path: Path) -> dict[tuple[str, int, str], int]:
    """Parse the allow-list: ``page  @width  check  count`` per line; ``#`` starts a comment."""
    known = {}
    for n, line in enumerate(path.read_text().splitlines(), 1) if path.exists() else ():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 4 or not parts[1].startswith("@") or not parts[3].isdigit():
            raise ValueError(f"{path}:{n}: expected 'page @width check count', got {line!r}")
        known[(parts[0], int(parts[1][1:]), parts[2])] = int(parts[3])
    return known


def compare(failures: list[Failure], known: dict[tuple[str, int, str], int]):
    """Failures not allowed (new, or more than listed) and listed lines that are stale (fewer)."""
    counts = {f.key: len(f.details) for f in failures}
    new = [(k, n, known.get(k, 0)) for k, n in sorted(counts.items()) if n > known.get(k, 0)]
    stale = [(k, counts.get(k, 0), n) for k, n in sorted(known.items()) if counts.get(k, 0) < n]
    return new, stale


def format_known(failures: list[Failure]) -> str:
    return "".join(f"{p}  @{w}  {c}  {n}\n" for (p, w, c), n in
                   sorted((f.key, len(f.details)) for f in failures))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    ap.add_argument("--screenshots", type=Path, default=ROOT / "_build" / "screenshots")
    ap.add_argument("--known", type=Path, default=HERE / "known_failures.txt")
    ap.add_argument("--pages", nargs="*", help="only these pages (paths relative to --html)")
    ap.add_argument("--no-screenshots", action="store_true")
    ap.add_argument("--write-known", action="store_true",
                    help="print today's failures in the allow-list format (to review, not to paste blindly)")
    args = ap.parse_args(argv)
    if not (args.html / "index.html").exists():
        sys.exit(f"check_pages: {args.html}/index.html not found; build the book first (make book)")

    t0 = time.perf_counter()
    failures = check_book(args.html, args.pages, shots=None if args.no_screenshots else args.screenshots)
    known = read_known(args.known)
    if args.pages is not None:
        known = {k: v for k, v in known.items() if k[0] in args.pages}
    new, stale = compare(failures, known)
    pages = len(args.pages) if args.pages is not None else len(list_pages(args.html))
    print(f"\n{pages} pages x {len(WIDTHS)} widths in {time.perf_counter() - t0:.0f}s: "
          f"{sum(len(f.details) for f in failures)} problems in {len(failures)} page/width/check lines; "
          f"{len(known)} lines in {args.known.name}")
    if not args.no_screenshots:
        print(f"screenshots: {args.screenshots}")
    if args.write_known:
        print("\n# today's failures, in the allow-list format:\n" + format_known(failures))
    for (page, width, check), n, allowed in new:
        print(f"NEW FAILURE: {page} @{width} {check}: {n} (allowed {allowed})")
    for (page, width, check), n, listed in stale:
        print(f"STALE in {args.known.name}: {page} @{width} {check}: listed {listed}, now {n} "
              f"- lower or remove the line")
    if new or stale:
        print(f"FAILED: {len(new)} new, {len(stale)} stale")
        return 1
    print("passed: every failure is a listed known defect, and every listed defect still occurs"
          if known else "passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
