// With the sidebar's contents in their own scroll box (rnnbook.css), bring the current page's
// link into that box on load, as the theme did for the whole sidebar: only if it is below the
// box's fold, leaving a quarter of the box above it.
document.addEventListener("DOMContentLoaded", () => {
  const nav = document.querySelector(".bd-sidebar-primary nav.bd-docs-nav");
  const box = nav && nav.parentElement;
  const active = nav && [...nav.querySelectorAll("a.current, li.active > a")].pop();
  if (!box || !active || getComputedStyle(box).overflowY !== "auto") return;
  const b = box.getBoundingClientRect(), a = active.getBoundingClientRect();
  if (a.bottom > b.bottom) box.scrollTop += a.top - b.top - b.height * 0.25;
});
