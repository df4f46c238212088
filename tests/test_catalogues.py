"""The Chinese edition's checks: scripts/check_catalogues.py fails on a catalogue behind its page
(untranslated, fuzzy, obsolete) and on a translation that lost markup or used another term;
scripts/terms.py reads the glossary as the terminology table."""
import sys
from pathlib import Path

import pytest

pytest.importorskip("babel")  # a book-building tool (Sphinx's); not in the compat environment
SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
sys.path.insert(0, str(SCRIPTS))
import check_catalogues  # noqa: E402
import po_markup  # noqa: E402
import terms  # noqa: E402

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
PARAGRAPH = ("The forget gate keeps {glue:text}`02_lstm.ipynb::share:.0%` of $c_{(t-1)}$ "
             "({ref}`The forget gate <lstm-forget-gate>`, {cite}`gers2000forget`).")
GOOD = ("遗忘门保留 $c_{(t-1)}$ 的 {glue:text}`02_lstm.ipynb::share:.0%`"
        "（{ref}`遗忘门 <lstm-forget-gate>`，{cite}`gers2000forget`）。")
TABLE = [(["forget gate"], ["遗忘门"]), (["truncated BPTT"], ["截断的随时间反向传播", "截断 BPTT"])]


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_po(path, entries, obsolete=()):
    body = "".join(f"{'#, fuzzy' + chr(10) if fuzzy else ''}msgid {quote(i)}\nmsgstr {quote(s)}\n\n"
                   for i, s, fuzzy in entries)
    body += "".join(f"#~ msgid {quote(i)}\n#~ msgstr {quote(s)}\n\n" for i, s in obsolete)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + body, encoding="utf-8")


def run(tmp_path, english, entries, obsolete=()):
    """check_catalogues over one page: its template holds ``english``, its .po ``entries``."""
    write_po(tmp_path / "pot" / "chapters" / "02_lstm.pot", [(e, "", False) for e in english])
    write_po(tmp_path / "po" / "chapters" / "02_lstm.po", entries, obsolete)
    return check_catalogues.main(pot=tmp_path / "pot", po_dir=tmp_path / "po", table=TABLE)


def test_a_faithful_translation_passes(tmp_path, capsys):
    assert run(tmp_path, [PARAGRAPH], [(PARAGRAPH, GOOD, False)]) == 0
    assert "chapters/02_lstm" in capsys.readouterr().out


@pytest.mark.parametrize("entries, obsolete", [
    ([(PARAGRAPH, "", False)], ()),                                  # untranslated
    ([], ()),                                                        # changed English: missing
    ([(PARAGRAPH, GOOD, True)], ()),                                 # fuzzy
    ([(PARAGRAPH, GOOD, False), ("Old text.", "旧文字。", False)], ()),  # obsolete, kept
    ([(PARAGRAPH, GOOD, False)], [("Old text.", "旧文字。")]),          # obsolete, as #~
])
def test_a_catalogue_behind_its_page_fails(tmp_path, entries, obsolete):
    assert run(tmp_path, [PARAGRAPH], entries, obsolete) == 1


@pytest.mark.parametrize("lost", [
    "{glue:text}`02_lstm.ipynb::share:.0%`", "$c_{(t-1)}$", "<lstm-forget-gate>",
    "{cite}`gers2000forget`"])
def test_a_translation_that_loses_markup_fails(tmp_path, lost):
    assert run(tmp_path, [PARAGRAPH], [(PARAGRAPH, GOOD.replace(lost, ""), False)]) == 1


def test_a_translation_with_another_term_fails(tmp_path):
    assert run(tmp_path, [PARAGRAPH], [(PARAGRAPH, GOOD.replace("遗忘门", "忘记门"), False)]) == 1


def test_counts_only_reports_without_failing(tmp_path):
    write_po(tmp_path / "pot" / "chapters" / "02_lstm.pot", [(PARAGRAPH, "", False)])
    write_po(tmp_path / "po" / "chapters" / "02_lstm.po", [])
    assert check_catalogues.main(counts_only=True, pot=tmp_path / "pot",
                                 po_dir=tmp_path / "po", table=TABLE) == 0


def test_markup_keeps_ref_targets_not_link_texts():
    assert po_markup.protected("See {ref}`The gate <lstm-gate>`.") == \
        po_markup.protected("见 {ref}`门 <lstm-gate>`。")
    assert po_markup.protected("{ref}`a <x>`") != po_markup.protected("{ref}`a <y>`")


def test_the_gloss_after_a_notes_quotation_may_be_dropped():
    english = '<span lang="zh">“只使用了一个状态”</span> (only one state, $h$)'
    assert po_markup.protected(english) == po_markup.protected('<span lang="zh">“只使用了一个状态”</span>')
    assert po_markup.protected(english) != po_markup.protected("“只使用了一个状态”")


def test_terms_in_quotation_marks_and_longer_terms():
    message = type("M", (), {})()
    message.id, message.string = 'The notes\' "forget gate" and truncated BPTT.', "截断 BPTT。"
    assert check_catalogues.term_problems(message, TABLE) == []
    message.string = "截断。"
    assert check_catalogues.term_problems(message, TABLE) == ["'truncated BPTT' without '截断的随时间反向传播'"]


def test_glossary_table(tmp_path):
    page = tmp_path / "intro.md"
    page.write_text('# Intro\n\n```{glossary}\nforget gate\n  <span lang="zh">遗忘门</span>, $f$.\n\n'
                    'truncated BPTT\nTBPTT\n  <span lang="zh">截断的随时间反向传播（截断 BPTT）</span> †.\n\n'
                    'one state\n  the notes: <span lang="zh">“只使用了一个状态”</span>.\n```\n',
                    encoding="utf-8")
    assert terms.table(page) == [(["forget gate"], ["遗忘门"]),
                                 (["truncated BPTT", "TBPTT"], ["截断的随时间反向传播", "截断 BPTT"])]


def test_the_book_glossary_has_the_notes_terms():
    table = dict((english[0], forms[0]) for english, forms in terms.table())
    assert table["forget gate"] == "遗忘门"
    assert table["long-term state"] == "长期状态"
    assert table["short-term state"] == "短时状态"
    assert len(table) >= 30


def test_a_glued_string_may_be_its_chinese_twin():
    english = "In {glue:text}`07_text.ipynb::drop_seeds:s` the gate closes."
    assert po_markup.protected(english) == \
        po_markup.protected("在 {glue:text}`07_text.ipynb::drop_seeds_zh:s` 中，门关闭。")
    assert po_markup.protected(english) != \
        po_markup.protected("在 {glue:text}`07_text.ipynb::keep_seeds_zh:s` 中，门关闭。")


def test_an_italic_gloss_after_a_comma_may_be_dropped_too():
    english = '(the notes: <span lang="zh">都是 $x$</span>, *all of these is $x$*)'
    assert po_markup.protected(english) == po_markup.protected('（笔记：<span lang="zh">都是 $x$</span>）')
