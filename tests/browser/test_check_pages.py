"""Every assertion of check_pages.py can fail: each synthetic page below has one defect, and the
check reports exactly that defect on it (and nothing on the clean page). Needs Playwright and a
Chromium (make browser installs both); not part of `make unit`."""
import posixpath

import pytest

pytest.importorskip("playwright")

import check_pages as cp  # noqa: E402  (tests/browser is on sys.path: pytest's rootdir-less import)

HEAD = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; font: 16px sans-serif; }
  article.bd-article { box-sizing: border-box; width: min(752px, 100vw); padding: 0 32px; }
  mjx-container[display="true"] { display: block; overflow-x: auto; }
  mjx-math { display: inline-block; white-space: nowrap; }
</style></head><body><article class="bd-article">
"""
TAIL = "</article></body></html>\n"


SHADOWS = ("background: linear-gradient(to right, white 30%, transparent) left / 3rem 100% no-repeat local,"
           " radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.3), transparent) left / 1rem 100% no-repeat scroll")


def equation(width, label="equation-eq-demo", style=SHADOWS):
    return (f'<div class="math" id="{label}"><mjx-container display="true" style="{style}">'
            f'<mjx-math style="width:{width}px">y = x W + b</mjx-math></mjx-container></div>')


SOLUTION_FOLDED = """<section id="exercises"><h2>1.8. Exercises</h2>
<p>Exercise 1: what does 1 + 1 print?</p>
<details class="hide"><summary>Show solution</summary>
<div class="cell tag_solution"><div class="cell_input"><pre>print(1 + 1)</pre></div>
<div class="cell_output"><pre>2</pre></div></div></details></section>"""

# The theme's chrome: a sidebar with the book's title and one search field, a search dialog
# that stays hidden until opened, and a sticky top bar that keeps clear of the title.
SIDEBAR = """<div class="bd-sidebar-primary" style="padding-top: 8px">
  <a class="navbar-brand logo" href="clean.html"><p class="title logo__title">Recurrent cells,
  derived and checked</p></a>
  <form class="bd-search" role="search"><input type="search" name="q" placeholder="Search"></form>
</div>
<div class="search-button__wrapper" style="display:none"><form class="bd-search">
  <input type="search" name="q"></form></div>"""

def chrome(html):
    """The page's chrome, outside the article that HEAD opens."""
    return '</article>' + html + '<article class="bd-article">'


TOP_BAR = ('<header class="bd-header" style="position:fixed; top:0; left:0; right:0; height:48px;'
           ' background:white; z-index:10">{}</header>')

PAGES = {
    # the clean page: everything at its best, nothing reported at either width
    "clean.html": f"""{chrome(SIDEBAR)}<h1>Clean</h1><p>Text with a fitting equation:</p>{equation(200)}
        <table><tr><td>a</td><td>b</td></tr></table>
        <img src="_images/plot.png" alt="Loss against epoch for the four cells" width="100" height="50">
        {SOLUTION_FOLDED}""",
    "wide_equation.html": equation(1000),         # its own scroll box, with scroll shadows: ok at 390
    "unhinted_equation.html": equation(1000, style=""),      # a scroll box that looks cut off
    "hinted_table.html": f'<div style="overflow-x:auto; {SHADOWS}"><table style="width:1000px"><tr><td>wide'
                         '</td></tr></table></div>',
    "clipped_equation.html": '<div style="overflow:hidden">'
                             + equation(1000).replace("<mjx-container", '<mjx-container style="overflow:visible"')
                             + "</div>",
    "wide_table.html": '<div style="overflow-x:auto"><table style="width:1000px"><tr><td>wide</td></tr></table></div>',
    "clipped_table.html": '<div style="overflow:hidden"><table style="width:1000px"><tr><td>wide</td></tr></table></div>',
    "page_scrolls.html": '<p><code style="white-space:nowrap">tf.compat.v1.nn.rnn_cell.LSTMCell(use_peepholes=True, '
                         'num_units=5)</code></p>',
    "unrendered_math.html": r'<div class="math notranslate nohighlight">\[ y = x W \]</div>',
    "label.html": "<pre>Eqs. (eq-lstm-i)-(eq-lstm-h) agree</pre>"
                  "<details><summary>Show code</summary><pre>y = x W  # Eq. (eq-rnn-batch)</pre></details>",
    "nbval.html": "<pre># NBVAL_IGNORE_OUTPUT\nprint(3)</pre>"
                  "<details><summary>Show code</summary><pre># NBVAL_CHECK_OUTPUT\nprint(4)</pre></details>",
    "images.html": """<img src="a.png" width="10" height="10"><img src="b.png" alt="" width="10" height="10">
        <img src="_images/191e21a7.png" alt="../_images/191e21a7.png" width="10" height="10">""",
    "console.html": "<script>console.error('boom')</script><script>undefinedFunction()</script>",
    "external.html": '<img src="https://cdn.example.invalid/x.png" alt="an external picture">'
                     '<script src="https://unpkg.example.invalid/thebe.js"></script>',
    "solution_visible.html": """<section id="exercises"><h2>Exercises</h2><p>Exercise 1.</p>
        <div class="cell tag_hide-input"><details class="hide"><summary>Show code</summary>
        <div class="cell_input"><pre>print(1 + 1)</pre></div></details>
        <div class="cell_output"><pre>2</pre></div></div>
        <div class="solution admonition"><p class="admonition-title">Solution</p><p>It prints 2.</p></div>
        </section>""",
    "solution_no_toggle.html": """<section id="exercises"><h2>Exercises</h2>
        <details><summary>Solution</summary><div class="solution"><p style="display:none">2</p></div></details>
        </section>""",
    # a top bar with its own search field above the sidebar's, clear of the title (pushed down)
    "two_search_fields.html": chrome('<div style="height:60px"></div>' + SIDEBAR
                                     + TOP_BAR.format('<input type="search" placeholder="Search">')),
    # a sticky top bar drawn over the sidebar's title (its first line)
    "title_covered.html": chrome(SIDEBAR + TOP_BAR.format("<button>menu</button>")),
    # the title cut off by the box it sits in, and scrolled out of its sidebar on load
    "title_cut_off.html": chrome('<div style="height:1.2em; overflow:hidden">' + SIDEBAR + "</div>"),
    "title_scrolled_away.html": chrome('<div id="sb" style="height:150px; overflow-y:auto">' + SIDEBAR
                                       + '<div style="height:900px"></div></div>'
                                       + "<script>document.getElementById('sb').scrollTop = 120</script>"),
    # search.html's own form is the page's content, not a second field of the chrome
    "search_page.html": chrome(SIDEBAR) + '<form class="bd-search"><input type="search" name="q"></form>',
    # index.html is a <meta refresh> to the first chapter: its target must exist
    "redirect_ok.html": '<meta http-equiv="Refresh" content="0; url=clean.html" />',
    "redirect_broken.html": '<meta http-equiv="Refresh" content="0; url=chapters/missing.html" />',
    # the Chinese edition (zh/): same rules, plus english-prose; clean, with everything that
    # stays English by design (code, outputs, maths, citations, autodoc) and a glossary entry
    "zh/clean.html": """<h1>长短期记忆</h1>
        <p>遗忘门（forget gate）决定长期状态中丢弃哪些部分，输入门（input gate）决定写入什么。</p>
        <p>调用 <code>lstm.forward(params, X, state0=None) returns the outputs and the cache</code> 计算前向传播，
        其中 <span class="math"><mjx-container><mjx-math>the forget gate of the cell at step t</mjx-math>
        </mjx-container></span> 是遗忘门，参见 <span class="bibtex-citation"><a role="doc-biblioref" href="#gers">Gers,
        Schmidhuber and Cummins, Learning to forget, 2000</a></span>。</p>
        <div class="cell"><div class="cell_input"><pre># the forget gate
# decides what the cell
# drops from its state
print(f)</pre></div>
        <div class="cell_output"><p>An output in plain English prose, left as the code printed it.</p></div></div>
        <ul><li>draw_gru_backward()（在 rnnbook.diagrams.gru 模块中）</li><li><p>遗忘门（forget gate）</p></li></ul>
        <section id="module-rnnbook.cells.lstm"><h2>LSTM：rnnbook.cells.lstm</h2>
        <p>The LSTM cell (chapter 2): forward pass and backpropagation through time, in NumPy.</p>
        <dl class="py function"><dt class="sig sig-object py">forward(params, X, state0=None)</dt>
        <dd><p>Run the layer over a whole batch of sequences and return the outputs and the cache.</p></dd></dl>
        <p>以上函数的说明来自代码的文档字符串。</p></section>
        <div class="citation-list"><div class="citation" role="doc-biblioentry" id="gers"><p>Felix Gers, Jürgen
        Schmidhuber and Fred Cummins. Learning to forget: continual prediction with LSTM. 2000.</p></div></div>""",
    # English prose left in a Chinese page: a heading, a paragraph, an admonition's title
    "zh/english_prose.html": """<section id="coupled"><h2>练习 2.4 (BPTT with coupled input and forget gates)</h2>
        <p>The forget gate decides what the cell drops from its long-term state.</p>
        <div class="admonition note"><p class="admonition-title">A note on the coupled gates of this exercise</p>
        <p>这一节的说明。</p></div></section>""",
    # <html lang> of the other edition
    "zh/wrong_lang.html": "<p>本页的语言标记错了。</p>",
    "wrong_lang.html": "<p>This page says it is in Chinese.</p>",
    # the link to the other edition: missing, hidden, wrong, in a new tab, to a missing file
    "no_edition_button.html": "<p>No header button.</p>",
    "hidden_edition_button.html": "<p>A hidden header button.</p>",
    "wrong_edition_link.html": "<p>Both links go to another page of the other edition.</p>",
    "new_tab_edition_button.html": "<p>The button opens a new tab.</p>",
    "no_alternate.html": "<p>No link rel=alternate in the head.</p>",
    "wrong_hreflang.html": "<p>The alternate says it is English.</p>",
    "only_in_english.html": "<p>The other edition has no such page.</p>",
    "zh/only_in_chinese.html": "<p>另一版本没有这一页。</p>",
}


def edition_links(page, target=None, hreflang=None, attrs=""):
    """The <link rel=alternate> for the head and the header button (chrome) to the other edition."""
    target = target or cp.other_edition(page)
    href = posixpath.relpath(target, posixpath.dirname(page) or ".")
    hreflang = hreflang or ("en" if cp.is_zh(page) else "zh-CN")
    return (f'<link rel="alternate" hreflang="{hreflang}" href="{href}" />',
            chrome(f'<a class="btn btn-sm btn-other-edition" href="{href}"{attrs}>'
                   f'{"EN" if cp.is_zh(page) else "中文"}</a>'))


LINKS = {  # page -> (head, button) where they are not the right ones
    "no_edition_button.html": (edition_links("no_edition_button.html")[0], ""),
    "hidden_edition_button.html": edition_links("hidden_edition_button.html", attrs=' style="display:none"'),
    "wrong_edition_link.html": edition_links("wrong_edition_link.html", target="zh/clean.html"),
    "new_tab_edition_button.html": edition_links("new_tab_edition_button.html", attrs=' target="_blank"'),
    "no_alternate.html": ("", edition_links("no_alternate.html")[1]),
    "wrong_hreflang.html": edition_links("wrong_hreflang.html", hreflang="en"),
}
LANGS = {"zh/wrong_lang.html": "en", "wrong_lang.html": "zh-CN"}
NOT_IN_OTHER_EDITION = {"zh/only_in_chinese.html", "only_in_english.html"}

WHERE = {  # page -> the failures it must show, per width
    "clean.html": {1280: set(), 390: set()},
    "wide_equation.html": {1280: {"equation-too-wide"}, 390: set()},
    "clipped_equation.html": {1280: {"equation-too-wide"}, 390: {"equation-clipped"}},
    "wide_table.html": {1280: {"table-too-wide"}, 390: {"table-clipped"}},
    "hinted_table.html": {1280: {"table-too-wide"}, 390: set()},
    "unhinted_equation.html": {1280: {"equation-too-wide"}, 390: {"equation-clipped"}},
    "clipped_table.html": {1280: {"table-too-wide"}, 390: {"table-clipped"}},
    "page_scrolls.html": {1280: set(), 390: {"page-scrolls-sideways"}},
    "unrendered_math.html": {1280: {"math-unrendered"}, 390: {"math-unrendered"}},
    "label.html": {1280: {"internal-label"}, 390: {"internal-label"}},
    "nbval.html": {1280: {"nbval-marker"}, 390: {"nbval-marker"}},
    "images.html": {1280: {"image-alt"}, 390: {"image-alt"}},
    "console.html": {1280: {"console-error"}, 390: {"console-error"}},
    "external.html": {1280: {"external-request"}, 390: {"external-request"}},
    "solution_visible.html": {1280: {"solution-visible"}, 390: {"solution-visible"}},
    "solution_no_toggle.html": {1280: {"solution-no-toggle"}, 390: {"solution-no-toggle"}},
    "two_search_fields.html": {1280: {"search-fields"}, 390: {"search-fields"}},
    "title_covered.html": {1280: {"title-covered"}, 390: {"title-covered"}},
    "title_cut_off.html": {1280: {"title-covered"}, 390: {"title-covered"}},
    "title_scrolled_away.html": {1280: {"title-covered"}, 390: {"title-covered"}},
    "search_page.html": {1280: set(), 390: set()},
    "redirect_ok.html": {1280: set(), 390: set()},
    "redirect_broken.html": {1280: {"broken-redirect"}, 390: set()},
    "zh/clean.html": {1280: set(), 390: set()},
    "zh/english_prose.html": {1280: {"english-prose"}, 390: {"english-prose"}},
    "zh/wrong_lang.html": {1280: {"lang"}, 390: {"lang"}},
    "wrong_lang.html": {1280: {"lang"}, 390: {"lang"}},
    **{page: {1280: {"other-edition"}, 390: {"other-edition"}} for page in LINKS},
    **{page: {1280: {"other-edition"}, 390: {"other-edition"}} for page in NOT_IN_OTHER_EDITION},
}

def search_page(query, results):
    """A search page that lists ``results`` (HTML of <li>s) when the URL asks for ``query``."""
    return f"""<div id="search-results"></div><script>
  setTimeout(() => {{ if (new URLSearchParams(location.search).get('q') === {query!r})
    document.getElementById('search-results').innerHTML = '<ul class="search">{results}</ul>'; }}, 200);
</script>"""


SEARCH_OK = search_page("forget gate", "<li>2. LSTM</li>")
SEARCH_EMPTY = '<div id="search-results"><p>Your search did not match any documents.</p></div>'
ZH_SEARCH_EMPTY = '<div id="search-results"><p>您的搜索没有匹配到任何文档。</p></div>'
ZH_SEARCH_OK = search_page("遗忘门", '<li><a href="chapters/04_gru.html">4. GRU</a></li>'
                                      '<li><a href="chapters/02_lstm.html?highlight=遗忘门">2. LSTM</a></li>')
ZH_SEARCH_NO_LSTM = search_page("遗忘门", '<li><a href="chapters/04_gru.html">4. GRU</a></li>')
ZH_SEARCH_ENGLISH_LSTM = search_page("遗忘门", '<li><a href="../chapters/02_lstm.html">2. LSTM</a></li>')


def write_book(root, pages, links=None, langs=None, not_in_other_edition=()):
    """Write each page with its edition: ``lang`` and the links to the other edition (``links``
    and ``langs`` override them), and an empty page in the other edition for each content page
    (but those of ``not_in_other_edition``), so that the links lead somewhere."""
    links, langs = links or {}, langs or {}
    root.mkdir()
    for name, body in pages.items():
        generated = name.removeprefix(cp.ZH) in cp.NO_COUNTERPART
        head, button = links.get(name, ("", "") if generated else edition_links(name))
        lang = langs.get(name, "zh-CN" if cp.is_zh(name) else "en")
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(HEAD.replace('lang="en"', f'lang="{lang}"').replace("</head>", head + "</head>")
                                 + body + button + TAIL)
    for name in pages:
        other = root / cp.other_edition(name)
        if name.removeprefix(cp.ZH) not in cp.NO_COUNTERPART and name not in not_in_other_edition \
                and not other.exists():
            other.parent.mkdir(parents=True, exist_ok=True)
            other.write_text("<!doctype html><title>the other edition</title>\n")
    (root / "_images").mkdir()
    for name in ("_images/plot.png", "_images/191e21a7.png", "a.png", "b.png"):
        (root / name).write_bytes(b"")  # served (no 404 in the console), drawn as broken images
    return root


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    root = write_book(tmp_path_factory.mktemp("book") / "html", PAGES, LINKS, LANGS, NOT_IN_OTHER_EDITION)
    shots = root.parent / "shots"
    failures = cp.check_book(root, sorted(PAGES), shots=shots, searches={}, report=lambda line: None)
    return failures, shots


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("width", [1280, 390])
def test_each_defect_is_reported_where_it_is(results, page, width):
    failures, _ = results
    found = {f.check for f in failures if f.page == page and f.width == width}
    assert found == WHERE[page][width], [f for f in failures if f.page == page and f.width == width]


def test_details_name_what_failed(results):
    failures, _ = results
    by = {(f.page, f.width, f.check): f.details for f in failures}
    assert len(by["images.html", 1280, "image-alt"]) == 3
    assert any("cdn.example.invalid" in d for d in by["external.html", 1280, "external-request"])
    assert any("boom" in d for d in by["console.html", 1280, "console-error"])
    assert any("undefinedFunction" in d for d in by["console.html", 1280, "console-error"])
    assert by["label.html", 1280, "internal-label"] == ["eq-lstm-h (1x)", "eq-lstm-i (1x)", "eq-rnn-batch (1x, folded)"]
    assert by["nbval.html", 1280, "nbval-marker"] == ["# NBVAL_IGNORE_OUTPUT", "# NBVAL_CHECK_OUTPUT  (folded)"]
    assert any("1000px > 688px" in d for d in by["wide_equation.html", 1280, "equation-too-wide"])
    assert [d.split()[0] for d in by["solution_visible.html", 1280, "solution-visible"]] == ["output", "solution"]
    assert by["two_search_fields.html", 1280, "search-fields"] == [
        "2 at once: input in div.bd-sidebar-primary; input in header.bd-header"]
    assert by["title_covered.html", 1280, "title-covered"][0].startswith(
        'line 1 of "Recurrent cells, derived and checked" covered by header.bd-header')
    assert "cut off by div" in by["title_cut_off.html", 1280, "title-covered"][0]
    assert by["zh/english_prose.html", 1280, "english-prose"] == [
        '#coupled "练习 2.4 (BPTT with coupled input and forget gates)"',
        '#coupled "The forget gate decides what the cell drops from its long-term state."',
        '#coupled "A note on the coupled gates of this exercise"']
    assert by["zh/wrong_lang.html", 1280, "lang"] == ['<html lang="en">, expected "zh..."']
    assert by["wrong_lang.html", 1280, "lang"] == ['<html lang="zh-CN">, expected "en..."']
    edition = {page: by[page, 1280, "other-edition"] for page in [*LINKS, *sorted(NOT_IN_OTHER_EDITION)]}
    assert edition == {
        "no_edition_button.html": ["no a.btn-other-edition"],
        "hidden_edition_button.html": ["no visible a.btn-other-edition (1 hidden)"],
        "wrong_edition_link.html": [
            "a.btn-other-edition links to zh/clean.html, not zh/wrong_edition_link.html",
            '<link rel="alternate" hreflang="zh-CN"> links to zh/clean.html, not zh/wrong_edition_link.html'],
        "new_tab_edition_button.html": ["a.btn-other-edition opens a new tab (target=_blank)"],
        "no_alternate.html": ['no <link rel="alternate" hreflang> in the head'],
        "wrong_hreflang.html": ['<link rel="alternate" hreflang="en">: expected "zh..."'],
        "only_in_english.html": [
            "a.btn-other-edition links to zh/only_in_english.html: no such file",
            '<link rel="alternate" hreflang="zh-CN"> links to zh/only_in_english.html: no such file'],
        "zh/only_in_chinese.html": [
            "a.btn-other-edition links to only_in_chinese.html: no such file",
            '<link rel="alternate" hreflang="en"> links to only_in_chinese.html: no such file'],
    }


def test_screenshots_of_every_page_at_both_widths(results):
    _, shots = results
    names = {p.name for p in shots.iterdir()}
    assert names == {f"{page[:-5].replace('/', '__')}-{w}.png"
                     for page in PAGES for w in (1280, 390) if "redirect" not in page}


@pytest.mark.parametrize("page, body, ok", [
    ("search.html", SEARCH_OK, True), ("search.html", SEARCH_EMPTY, False),
    # zh/search.html asks for 遗忘门, and a result must be the LSTM chapter of its own edition
    ("zh/search.html", ZH_SEARCH_OK, True), ("zh/search.html", ZH_SEARCH_EMPTY, False),
    ("zh/search.html", SEARCH_OK, False), ("zh/search.html", ZH_SEARCH_NO_LSTM, False),
    ("zh/search.html", ZH_SEARCH_ENGLISH_LSTM, False),
])
def test_search_must_find_the_query(tmp_path, page, body, ok):
    root = write_book(tmp_path / "html", {page: body})
    failures = cp.check_book(root, widths=(1280,), report=lambda line: None)
    assert {f.check for f in failures} == (set() if ok else {"search"}), failures


def test_search_names_the_missing_link(tmp_path):
    root = write_book(tmp_path / "html", {"zh/search.html": ZH_SEARCH_NO_LSTM})
    failures = cp.check_book(root, widths=(1280,), report=lambda line: None)
    assert [f.details for f in failures] == [
        ['no result for "遗忘门" links to zh/chapters/02_lstm.html (results: zh/chapters/04_gru.html)']]


@pytest.mark.parametrize("page, other", [
    ("chapters/02_lstm.html", "zh/chapters/02_lstm.html"), ("zh/chapters/02_lstm.html", "chapters/02_lstm.html"),
    ("intro.html", "zh/intro.html"), ("zh/intro.html", "intro.html"),
])
def test_other_edition(page, other):
    assert cp.other_edition(page) == other and cp.other_edition(other) == page


@pytest.mark.parametrize("alt, bad", [
    ("Loss against epoch for the four cells", False),
    (None, True), ("", True), ("  ", True),
    ("../_images/191e21a7927d41cf.png", True), ("plot.png", True), ("191e21a7927d41cf1d53b889", True),
])
def test_bad_alt(alt, bad):
    assert (cp.bad_alt("../_images/191e21a7927d41cf.png", alt) is not None) is bad


def test_allow_list_fails_on_new_and_on_stale_lines(tmp_path):
    known_file = tmp_path / "known.txt"
    known_file.write_text("# defects to remove\n"
                          "chapters/01_rnn.html  @1280  equation-too-wide  2   # ch1 1.3, 1.5\n"
                          "chapters/02_lstm.html  @390  nbval-marker  3\n")
    known = cp.read_known(known_file)
    f = lambda page, width, check, n: cp.Failure(page, width, check, ["x"] * n)  # noqa: E731
    # exactly the listed failures: passes
    assert cp.compare([f("chapters/01_rnn.html", 1280, "equation-too-wide", 2),
                       f("chapters/02_lstm.html", 390, "nbval-marker", 3)], known) == ([], [])
    # one more than listed, and an unlisted one: new; a listed one gone or fewer: stale
    new, stale = cp.compare([f("chapters/01_rnn.html", 1280, "equation-too-wide", 3),
                             f("chapters/02_lstm.html", 390, "nbval-marker", 1),
                             f("intro.html", 1280, "console-error", 1)], known)
    assert new == [(("chapters/01_rnn.html", 1280, "equation-too-wide"), 3, 2),
                   (("intro.html", 1280, "console-error"), 1, 0)]
    assert stale == [(("chapters/02_lstm.html", 390, "nbval-marker"), 1, 3)]
    _, stale = cp.compare([], known)
    assert len(stale) == 2
    known_file.write_text("chapters/01_rnn.html equation-too-wide 2\n")
    with pytest.raises(ValueError, match="page @width check count"):
        cp.read_known(known_file)
