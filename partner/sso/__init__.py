"""Single sign-on with an authority's own identity provider (OpenID Connect or SAML 2.0, through allauth).

Part of `partner`, not an app of its own: a provider belongs to one partner authority, its
logins end in the admission service and the audit log of partner, and nothing else uses it.

- models: `IdentityProvider`, one per authority at most, kept by the Geschäftsstelle;
- saml: the SAML side (metadata, allauth's app and provider, assertion as claims, single logout);
- reauth: re-authentication at the provider for people without a password;
- adapter: allauth's social-account adapter (providers from our table, admission, linking);
- policy: what the provider's claims mean (address, entitlement, second factor);
- leavers: accounts without an SSO login for so many days rest (partner.recertification);
- csp: `form-action` lists exactly the providers a page may send a form to;
- views/forms: the login by e-mail domain and the office's pages.
"""
