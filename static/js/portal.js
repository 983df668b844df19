// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary so screen reader and keyboard users land on it.
  const summary = document.querySelector("[data-error-summary]");
  const result = document.querySelector("[data-focus-on-load]");
  if (summary) {
    summary.focus();
  } else if (result) {
    // The outcome of an action shown on the same page (e.g. an import report).
    result.focus();
  }
  // Ask before destructive actions (the server asks too, this saves a round trip).
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });

  collapsibleMenu();
  labelScrollingTables();
});

// Narrow screens: search, account and navigation fold behind a "Menü" button (a disclosure).
// Without this script the button stays hidden and the whole menu is shown.
const NARROW = window.matchMedia("(max-width: 48rem)");

function collapsibleMenu() {
  const header = document.querySelector("[data-portal-header]");
  const toggle = header && header.querySelector("[data-portal-menu-toggle]");
  if (!toggle) {
    return;
  }
  const setOpen = (open) => {
    toggle.setAttribute("aria-expanded", String(open));
    header.classList.toggle("portal-header--collapsed", !open);
  };
  toggle.hidden = false;
  setOpen(!NARROW.matches);
  toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
  NARROW.addEventListener("change", () => setOpen(!NARROW.matches));
  header.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && NARROW.matches && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });
}

// A table wider than its box scrolls inside it: such a box becomes a labelled region that
// keyboard users can focus and scroll (WCAG 2.1.1); one that fits stays out of the tab order.
// Both directions and any pixel count, as for axe: a box that scrolls at all must be reachable.
function labelScrollingTables() {
  const boxes = Array.from(document.querySelectorAll(".kern-table-responsive"));
  const update = () => {
    boxes.forEach((box) => {
      if (box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight) {
        const caption = box.querySelector("caption");
        box.setAttribute("role", "region");
        box.setAttribute("tabindex", "0");
        box.setAttribute("aria-label", `${caption ? caption.textContent.trim() : "Tabelle"} (seitlich scrollbar)`);
      } else {
        box.removeAttribute("role");
        box.removeAttribute("tabindex");
        box.removeAttribute("aria-label");
      }
    });
  };
  if (boxes.length) {
    update();
    window.addEventListener("resize", update);
  }
}
