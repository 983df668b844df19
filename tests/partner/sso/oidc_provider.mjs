// A real OpenID Connect provider for the SSO tests (npm "oidc-provider", a certified implementation),
// started by tests/partner/sso/conftest.py as its own process. It stands for an authority's Keycloak:
//   PORT           where it listens (issuer http://127.0.0.1:PORT)
//   OIDC_CLIENTS   JSON list of clients: client_id, client_secret, redirect_uris, post_logout_redirect_uris
//   OIDC_ACCOUNTS  path of a JSON file {login: {password, claims: {...}, amr: [...], acr: "..."}},
//                  read again at every login, so a test adds the people it needs.
// Its login page is a plain form (Benutzername, Passwort); consent is granted without asking, as a
// first-party Keycloak client does. "ready <issuer>" on stdout says it listens.
import { readFileSync } from "node:fs";
import Provider from "oidc-provider";

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const accountsFile = process.env.OIDC_ACCOUNTS;
const accounts = () => JSON.parse(readFileSync(accountsFile, "utf8"));

const escape = (text) =>
  String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

const page = (title, body) => `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

const provider = new Provider(issuer, {
  clients: JSON.parse(process.env.OIDC_CLIENTS).map((client) => ({
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_post",
    ...client,
  })),
  async findAccount(ctx, id) {
    const account = accounts()[id];
    if (!account) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...account.claims }; } };
  },
  claims: {
    // amr/acr under "openid": the ID token carries them for every client, as Keycloak's does.
    openid: ["sub", "amr", "acr", "auth_time"],
    email: ["email", "email_verified"],
    profile: ["name", "given_name", "family_name", "groups"],
  },
  cookies: { keys: ["siko-test-idp"] },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page("Abmelden beim Anmeldedienst", `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Abmelden</button>`);
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async loadExistingGrant(ctx) {
    // First-party client: the requested scopes and claims are granted without a consent page.
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
});

const readForm = (req) =>
  new Promise((resolve, reject) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => resolve(Object.fromEntries(new URLSearchParams(data))));
    req.on("error", reject);
  });

provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([^/]+)$/);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (ctx.method === "POST") {
    const form = await readForm(ctx.req);
    const account = accounts()[form.login];
    if (!account || account.password !== form.password) {
      ctx.status = 401;
      ctx.body = page("Anmeldung", `<p role="alert">Benutzername oder Passwort falsch.</p>`);
      return;
    }
    const login = { accountId: form.login };
    if (account.amr) login.amr = account.amr;
    if (account.acr) login.acr = account.acr;
    const url = await provider.interactionResult(ctx.req, ctx.res, { login }, { mergeWithLastSubmission: false });
    ctx.status = 303;
    ctx.redirect(url);
    return;
  }
  const hint = details.params.login_hint ? String(details.params.login_hint).split("@")[0] : "";
  ctx.body = page(
    "Anmeldung beim Anmeldedienst der Behörde",
    `<form method="post" action="/interaction/${escape(match[1])}">
      <p><label for="login">Benutzername</label><br><input id="login" name="login" autocomplete="username" value="${escape(hint)}"></p>
      <p><label for="password">Passwort</label><br><input id="password" name="password" type="password" autocomplete="current-password"></p>
      <p><button type="submit">Anmelden</button></p>
    </form>`,
  );
});

provider.listen(port, "127.0.0.1", () => console.log(`ready ${issuer}`));
