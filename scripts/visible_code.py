"""How much code a reader sees on each page of the built book, measured in headless Chromium.

    .venv/bin/python scripts/visible_code.py [_build/html] [pages …]   (after make book)

For each chapter page at 1280 × 800 it reports what is visible on load — folded cells
(``hide-input``) and closed solutions do not count:

- ``cells``: lines of visible code-cell input, and the longest visible cell;
- ``listings``: lines of package code shown with ``literalinclude`` (and other code blocks);
- ``share``: the height of all visible code over the height of the article.

It measures; it asserts nothing. Issue 23 (a learner's path) asked for the numbers before and
after the chapters were reshaped.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from check_pages import find_chromium, serve  # noqa: E402

MEASURE = """() => {
  const shown = el => el.getClientRects().length > 0 && !el.closest('details:not([open])');
  const article = document.querySelector('main article') || document.body;
  const lines = pre => pre.innerText.replace(/\\n$/, '').split('\\n').length;
  let cells = [], listings = 0, height = 0;
  for (const input of article.querySelectorAll('div.cell_input')) {
    const pre = input.querySelector('pre');
    if (!pre || !shown(input)) continue;
    cells.push(lines(pre)); height += input.getBoundingClientRect().height;
  }
  for (const block of article.querySelectorAll('div[class*="highlight-"]')) {
    if (block.closest('div.cell_input, div.cell_output') || !shown(block)) continue;
    const pre = block.querySelector('pre');
    if (!pre) continue;
    listings += lines(pre); height += block.getBoundingClientRect().height;
  }
  return {cells: cells, listings: listings, height: height,
          page: article.getBoundingClientRect().height};
}"""


def measure(root, pages):
    from playwright.sync_api import sync_playwright
    server, base = serve(root)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=find_chromium(),
                                        args=["--no-sandbox", "--disable-gpu"])
            results = {}
            for page in pages:
                view = browser.new_page(viewport={"width": 1280, "height": 800})
                view.goto(base + page, wait_until="load")
                results[page] = view.evaluate(MEASURE)
                view.close()
            browser.close()
    finally:
        server.shutdown()
    return results


def main(argv):
    root = Path(argv[0]) if argv else ROOT / "_build" / "html"
    pages = argv[1:] or sorted(str(p.relative_to(root)) for p in (root / "chapters").glob("*.html")
                               if p.stem not in ("api", "bibliography", "about"))
    print(f"{'page':34}{'cell lines':>11}{'cells':>7}{'longest':>9}{'listing lines':>15}"
          f"{'code share':>12}")
    for page, r in measure(root, pages).items():
        cells = r["cells"]
        print(f"{page:34}{sum(cells):>11}{len(cells):>7}{max(cells, default=0):>9}"
              f"{r['listings']:>15}{r['height'] / r['page']:>12.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
