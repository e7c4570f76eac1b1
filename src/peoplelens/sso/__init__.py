"""Single sign-on with OpenID Connect, per tenant (spec §6)."""
