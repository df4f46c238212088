"""Build one edition of the book, or its gettext catalogues, through Jupyter Book's own pipeline.

Jupyter Book 1's CLI has no ``-D language=...``; this calls the function the CLI calls
(``jupyter_book.sphinx.build_sphinx``) with the same ``_config.yml`` and a few overrides (the
language, locales/<lang>/config.yml), so the Chinese edition gets the English edition's
configuration, TOC and page paths.

    python scripts/build_edition.py gettext      # _build/gettext/<page>.pot (one per page)
    python scripts/build_edition.py zh_CN        # _build/html/zh/ (from locales/zh_CN)
"""
import shutil
import sys
from pathlib import Path

import terms
import yaml
from jupyter_book.sphinx import build_sphinx

ROOT = Path(__file__).resolve().parent.parent


def main(target: str) -> int:
    overrides = {"latex_individualpages": False, "nitpicky": True}
    if target == "gettext":
        builder, out = "gettext", ROOT / "_build/gettext"
        doctrees = ROOT / "_build/.doctrees-gettext"
        # MyST-NB keeps a cell's output only in a format the builder renders; for the gettext
        # builder it has none, so figures (and their alt text) would not reach the catalogues
        overrides["nb_mime_priority_overrides"] = [
            ("gettext", "image/svg+xml", 1), ("gettext", "image/png", 2),
            ("gettext", "image/jpeg", 3), ("gettext", "text/plain", 4)]
    else:
        # Built beside the English edition, then copied into it: MyST-NB writes its notebook
        # copies to the output folder's parent (_build/html/jupyter_execute would be published).
        builder, out, doctrees = "html", ROOT / "_build/zh/html", ROOT / "_build/zh/.doctrees"
        overrides["language"] = target
        # the strings Jupyter Book writes into the configuration (title, search box, footer)
        overrides.update(yaml.safe_load((ROOT / "locales" / target / "config.yml").read_text()))
        # Chinese search: jieba splits words; the glossary's terms are words to it
        words = ROOT / "_build" / "zh" / "jieba_dict.txt"
        words.parent.mkdir(parents=True, exist_ok=True)
        words.write_text("".join(f"{w} 1000 n\n" for w in terms.words()), encoding="utf-8")
        overrides["html_search_options"] = {"dict": str(words)}
    status = build_sphinx(
        ROOT, out, noconfig=True, path_config=ROOT / "_config.yml", confoverrides=overrides,
        doctreedir=doctrees, builder=builder, warningiserror=True, keep_going=True,
    )
    if builder == "html" and status == 0:
        shutil.rmtree(ROOT / "_build/html/zh", ignore_errors=True)
        shutil.copytree(out, ROOT / "_build/html/zh")
    return status if isinstance(status, int) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
