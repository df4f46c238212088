// The header button to the other edition (_ext/rnnbook_i18n.py) is the same page in the other
// language: open it in this tab, like any link between pages, and say its language.
document.addEventListener("DOMContentLoaded", () => {
  for (const a of document.querySelectorAll("a.btn-other-edition")) {
    a.removeAttribute("target");
    a.hreflang = document.documentElement.lang.startsWith("zh") ? "en" : "zh-CN";
  }
});
