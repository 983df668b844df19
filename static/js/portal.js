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
});
