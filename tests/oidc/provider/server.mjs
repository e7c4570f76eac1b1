// A real OpenID provider for PeopleLens's SSO tests (tests/sso/): panva's oidc-provider on
// 127.0.0.1 with its development login form (devInteractions), PKCE required.
//
//   node server.mjs PORT
//   env OIDC_REDIRECT_URIS  comma-separated redirect URIs of the clients (required)
//
// Clients: "peoplelens" (our app) and "other-app" (another application at the same provider),
// both with the secrets below. Accounts: the login name typed into the form is the account;
// its e-mail is the name, verified, except that
//   "unverified:<email>"      -> email_verified false
//   "second:<email>"          -> the same e-mail under another subject (another person)
//   "other-audience:<email>"  -> the token endpoint's ID token is re-signed with the
//                                provider's own key for the audience "other-app" (the only
//                                way to make a conforming provider hand a client a token
//                                meant for another one: the wrong-audience test);
//   "bad-nonce:<email>", "expired:<email>"  -> likewise, with another nonce / an exp an hour
//                                ago (what a replayed or stale token would carry);
//   "foreign-key:<email>"     -> the ID token signed by another key under the provider's kid.
import { generateKeyPairSync, createPrivateKey } from 'node:crypto';
import Provider from 'oidc-provider';
import { SignJWT, decodeJwt } from 'jose';

const port = Number(process.argv[2] || 0);
if (!port) throw new Error('usage: node server.mjs PORT');
const redirectUris = (process.env.OIDC_REDIRECT_URIS || '').split(',').filter(Boolean);
if (!redirectUris.length) throw new Error('OIDC_REDIRECT_URIS is required');
const issuer = `http://127.0.0.1:${port}`;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
const signingKey = createPrivateKey({ key: signingJwk, format: 'jwk' });

// The test hooks: how the ID token of such an account is rewritten (then re-signed).
const TAMPER = {
  'other-audience:': (claims) => {
    const { azp: _azp, ...rest } = claims;
    return { ...rest, aud: 'other-app' };
  },
  'bad-nonce:': (claims) => ({ ...claims, nonce: 'not-the-nonce-of-this-round-trip' }),
  'expired:': (claims) => ({ ...claims, iat: claims.iat - 7200, exp: claims.iat - 3600 }),
  'foreign-key:': (claims) => claims, // signed with another key under the same kid
};
const { privateKey: foreignKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

function accountOf(id) {
  let email = id;
  let verified = true;
  if (id.startsWith('unverified:')) {
    email = id.slice('unverified:'.length);
    verified = false;
  } else {
    const tampered = Object.keys(TAMPER).find((prefix) => id.startsWith(prefix));
    if (tampered) email = id.slice(tampered.length);
    else if (id.startsWith('second:')) email = id.slice('second:'.length);
  }
  const local = email.split('@')[0] || 'someone';
  return {
    accountId: id,
    async claims() {
      return {
        sub: id,
        email,
        email_verified: verified,
        given_name: local.charAt(0).toUpperCase() + local.slice(1),
        family_name: 'Tester',
        name: `${local} Tester`,
      };
    },
  };
}

const client = (clientId) => ({
  client_id: clientId,
  client_secret: `${clientId}-secret`,
  redirect_uris: redirectUris,
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
});

const provider = new Provider(issuer, {
  clients: [client('peoplelens'), client('other-app')],
  jwks: { keys: [signingJwk] },
  cookies: { keys: ['peoplelens-test-cookie-key'] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
  },
  findAccount: async (ctx, id) => accountOf(String(id)),
});

// The test hooks: after the token endpoint answered, rewrite and re-sign its ID token.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== '/token' || ctx.status !== 200 || !ctx.body || !ctx.body.id_token) return;
  const claims = decodeJwt(ctx.body.id_token);
  const prefix = Object.keys(TAMPER).find((p) => String(claims.sub).startsWith(p));
  if (!prefix) return;
  ctx.body = {
    ...ctx.body,
    id_token: await new SignJWT(TAMPER[prefix](claims))
      .setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid, typ: 'JWT' })
      .sign(prefix === 'foreign-key:' ? foreignKey : signingKey),
  };
});

provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
