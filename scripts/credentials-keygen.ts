/**
 * `npm run credentials:keygen`: a new Ed25519 key for signing Open Badges credentials. Prints the secret
 * (for `wrangler secret put CREDENTIAL_SIGNING_KEY --env production`) and the public key, which goes into
 * CREDENTIAL_PREVIOUS_PUBLIC_KEYS once this key is replaced, so the credentials it signed keep verifying.
 */
import { generateSigningKey } from '../src/credentials/signing-key.ts';

const { secretKeyMultibase, publicKeyMultibase } = await generateSigningKey();
console.log(`CREDENTIAL_SIGNING_KEY=${secretKeyMultibase}`);
console.log(`# public key (keep it: add it to CREDENTIAL_PREVIOUS_PUBLIC_KEYS when you rotate to a new key): ${publicKeyMultibase}`);
console.log('# production: npx wrangler secret put CREDENTIAL_SIGNING_KEY --env production   (paste the z3u2… value)');
