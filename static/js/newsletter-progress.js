// Progress of a newsletter dispatch, updated without reloading.
// Progressive enhancement: without this file the page shows the numbers of its last load
// and a link to reload it.
document.addEventListener("DOMContentLoaded", () => {
  const section = document.querySelector("[data-progress-url]");
  if (!section || !window.fetch) {
    return;
  }
  const bar = section.querySelector("progress");
  const announce = section.querySelector("[data-progress-announce]");
  const finishedNote = section.querySelector("[data-progress-finished]");
  const refreshHint = section.querySelector("[data-progress-refresh]");
  const noFailures = document.querySelector("[data-progress-no-failures]");
  const newFailures = document.querySelector("[data-progress-new-failures]");
  const failedField = section.querySelector('[data-progress-field="failed"]');
  const failedOnLoad = failedField ? Number(failedField.textContent) : 0;
  const ANNOUNCE_EVERY_MS = 15000;
  const POLL_MS = 2000;
  let lastAnnounced = Date.now();

  const describe = (data) =>
    `${data.sent} versandt, ${data.failed} fehlgeschlagen, ${data.pending} ausstehend von ${data.total}.`;

  const update = (data) => {
    section.querySelectorAll("[data-progress-field]").forEach((element) => {
      const field = element.dataset.progressField;
      if (field === "status_label") {
        element.textContent = `Status: ${data.status_label}`;
      } else if (field in data) {
        element.textContent = String(data[field]);
      }
    });
    bar.max = data.total || 1;
    bar.value = data.done;
    bar.textContent = `${data.done} von ${data.total}`;
    if (data.failed > failedOnLoad && newFailures) {
      // The table below lists only what failed before this page was loaded.
      newFailures.hidden = false;
      if (noFailures) {
        noFailures.hidden = true;
      }
    }
    const now = Date.now();
    if (data.finished) {
      if (refreshHint) {
        refreshHint.hidden = true;
      }
      announce.textContent = `Der Versand ist abgeschlossen: ${describe(data)}`;
      finishedNote.hidden = false;
    } else if (now - lastAnnounced >= ANNOUNCE_EVERY_MS) {
      announce.textContent = describe(data);
      lastAnnounced = now;
    }
  };

  const poll = () => {
    fetch(section.dataset.progressUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((data) => {
        update(data);
        if (!data.finished) {
          window.setTimeout(poll, POLL_MS);
        }
      })
      // A failed request (e.g. the session ended) stops polling; reloading the page still works.
      .catch(() => {});
  };
  if (finishedNote.hidden) {
    window.setTimeout(poll, POLL_MS);
  }
});
