// A failed or cancelled security-key / passkey ceremony: allauth's webauthn.js only writes it to
// the console; show the portal's message (rendered, hidden, by mfa/webauthn/snippets/scripts.html).
document.addEventListener("allauth.error", (event) => {
  const box = document.querySelector("[data-webauthn-error]");
  if (!box) {
    return;
  }
  event.preventDefault();
  console.warn(event.detail.exception);
  box.hidden = false;
});
