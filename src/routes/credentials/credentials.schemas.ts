import { z } from '@hono/zod-openapi';
import { uuidParams } from '../../lib/openapi';

export const CredentialIdParams = uuidParams('id', '0b6f4a52-3c1e-4f7a-9d2b-5e8c7a1f3d60');
export const UserIdParams = uuidParams('id', '7d2f1c3a-5b6e-4a8d-9c0f-1e2d3c4b5a69');
export const BadgeIdParams = uuidParams('id', '9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d');
export const StatusListParams = z.object({
  list: z.coerce.number().int().min(1).max(1_000_000).openapi({ param: { name: 'list', in: 'path' }, example: 1 }),
});

const did = 'did:web:api.example.com';
const key = 'z6MktbCGTPtGFwvZLdYjKLQjzrVAhYDDSuCEjZ8j1Ya7b7XR';

/** JSON-LD documents are open-ended: the schemas name what this API always sends. */
const jsonLd = { '@context': z.array(z.string()).or(z.string()) };

export const DidDocumentSchema = z
  .looseObject({
    ...jsonLd,
    id: z.string(),
    verificationMethod: z.array(z.looseObject({ id: z.string(), type: z.literal('Multikey'), controller: z.string(), publicKeyMultibase: z.string() })),
    assertionMethod: z.array(z.string()),
  })
  .openapi('DidDocument', {
    example: {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [{ id: `${did}#${key}`, type: 'Multikey', controller: did, publicKeyMultibase: key }],
      assertionMethod: [`${did}#${key}`],
    },
  });

const profileExample = { id: did, type: ['Profile'], name: 'SkillQuest', url: 'https://api.example.com', email: 'badges@example.com' };

export const IssuerProfileSchema = z
  .looseObject({ ...jsonLd, id: z.string(), type: z.array(z.string()), name: z.string(), url: z.string() })
  .openapi('IssuerProfile', { example: { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'], ...profileExample } });

const achievementExample = {
  id: 'https://api.example.com/achievements/9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
  type: ['Achievement'],
  name: 'First Steps',
  description: 'Pass your first challenge.',
  criteria: { narrative: 'Awarded by SkillQuest, whose scoring recorded that the player met this condition:\n\nPass a challenge.' },
};

export const AchievementSchema = z
  .looseObject({ ...jsonLd, id: z.string(), type: z.array(z.string()), name: z.string(), description: z.string(), criteria: z.looseObject({ narrative: z.string() }) })
  .openapi('Achievement', { example: { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'], ...achievementExample } });

const credentialExample = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'https://api.example.com/credentials/0b6f4a52-3c1e-4f7a-9d2b-5e8c7a1f3d60',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'First Steps',
  issuer: profileExample,
  validFrom: '2026-01-06T18:30:00Z',
  credentialSubject: {
    type: ['AchievementSubject'],
    identifier: [{ type: 'IdentityObject', identityHash: 'sha256$4b4f…', identityType: 'emailAddress', hashed: true, salt: '9f1c…' }],
    achievement: achievementExample,
  },
  credentialStatus: {
    id: 'https://api.example.com/status-lists/1#94567',
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: '94567',
    statusListCredential: 'https://api.example.com/status-lists/1',
  },
  proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2026-01-06T18:31:02Z', verificationMethod: `${did}#${key}`, proofPurpose: 'assertionMethod', proofValue: 'z5tB…' },
};

export const OpenBadgeCredentialSchema = z
  .looseObject({ ...jsonLd, id: z.string(), type: z.array(z.string()), issuer: z.unknown(), validFrom: z.string(), credentialSubject: z.unknown(), proof: z.unknown() })
  .openapi('OpenBadgeCredential', { description: 'A W3C Verifiable Credential (Data Model 2.0) of type OpenBadgeCredential, with an eddsa-rdfc-2022 Data Integrity proof', example: credentialExample });

export const StatusListCredentialSchema = z
  .looseObject({ ...jsonLd, id: z.string(), type: z.array(z.string()), credentialSubject: z.looseObject({ encodedList: z.string() }) })
  .openapi('StatusListCredential', {
    description: 'A W3C BitstringStatusListCredential: 131,072 revocation bits, GZIP-compressed, base64url multibase',
    example: {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'https://api.example.com/status-lists/1',
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: did,
      validFrom: '2026-01-06T18:31:02Z',
      credentialSubject: { id: 'https://api.example.com/status-lists/1#list', type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA' },
    },
  });

const listItemExample = {
  id: '0b6f4a52-3c1e-4f7a-9d2b-5e8c7a1f3d60',
  badge_id: '9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
  badge_name: 'First Steps',
  awarded_at: '2026-01-06T18:30:00.000Z',
  issued_at: '2026-01-06T18:31:02.000Z',
  revoked: false,
  url: 'https://api.example.com/credentials/0b6f4a52-3c1e-4f7a-9d2b-5e8c7a1f3d60',
};

export const CredentialListItemSchema = z
  .object({
    id: z.uuid(),
    badge_id: z.uuid(),
    badge_name: z.string(),
    awarded_at: z.string(),
    issued_at: z.string(),
    revoked: z.boolean(),
    url: z.string().openapi({ description: 'The credential (JSON), its VC-JWT (Accept: application/vc+jwt) and its public page (a browser)' }),
  })
  .openapi('CredentialListItem', { example: listItemExample });

export const CredentialListSchema = z
  .object({ items: z.array(CredentialListItemSchema), total: z.number().int() })
  .openapi('CredentialList', { example: { items: [listItemExample], total: 1 } });

export const VerificationSchema = z
  .object({
    verified: z.boolean(),
    proof: z.enum(['valid', 'invalid']),
    status: z.enum(['active', 'revoked']),
    errors: z.array(z.string()),
    revocation_reason: z.string().nullable(),
    checked_at: z.string(),
  })
  .openapi('CredentialVerification', {
    example: { verified: true, proof: 'valid', status: 'active', errors: [], revocation_reason: null, checked_at: '2026-01-07T09:00:00.000Z' },
  });

export const RevokeBodySchema = z
  .object({ reason: z.string().trim().min(1).max(500).openapi({ example: 'Awarded by mistake: the score was entered for the wrong player' }) })
  .strict()
  .openapi('RevokeCredential');

export const RevocationSchema = z
  .object({ id: z.uuid(), revoked_at: z.string(), reason: z.string() })
  .openapi('CredentialRevocation', { example: { id: listItemExample.id, revoked_at: '2026-01-08T10:00:00.000Z', reason: 'Awarded by mistake' } });

const DidValue = z
  .string()
  .max(400)
  .regex(/^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$/, 'Must be a DID, e.g. did:key:z6Mk…')
  .nullable()
  .openapi({ example: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' });

export const SubjectDidBodySchema = z.object({ did: DidValue }).strict().openapi('CredentialSubjectDid');
export const SubjectDidSchema = z.object({ did: z.string().nullable() }).openapi('CredentialSubjectDidState', { example: { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' } });
