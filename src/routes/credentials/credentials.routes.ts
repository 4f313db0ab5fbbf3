import { createRoute, z } from '@hono/zod-openapi';
import {
  authErrorResponses,
  bodyErrorResponses,
  errorResponse,
  invalidResponse,
  jsonContent,
  jsonResponse,
  notFoundResponseFor,
  openApiErrorResponses,
  unauthorizedResponse,
} from '../../lib/openapi';
import { adminOnly, authed } from '../../middleware/auth';
import {
  AchievementSchema,
  BadgeIdParams,
  CredentialIdParams,
  CredentialListSchema,
  DidDocumentSchema,
  IssuerProfileSchema,
  OpenBadgeCredentialSchema,
  RevocationSchema,
  RevokeBodySchema,
  StatusListCredentialSchema,
  StatusListParams,
  SubjectDidBodySchema,
  SubjectDidSchema,
  UserIdParams,
  VerificationSchema,
} from './credentials.schemas';

const tags = ['Credentials'];
const notSetUp = {
  503: errorResponse('service_unavailable', {
    description: 'Credentials are not set up here (no CREDENTIAL_SIGNING_KEY; in production also no PUBLIC_BASE_URL), or a backing service is down',
    message: 'Credentials are not set up on this deployment: set the CREDENTIAL_SIGNING_KEY secret',
    headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', example: 300 } } },
  }),
};
const credentialNotFound = notFoundResponseFor('Credential not found', 'No such credential');

export const didDocument = createRoute({
  method: 'get',
  path: '/.well-known/did.json',
  operationId: 'getDidDocument',
  tags,
  security: [],
  summary: 'The issuer’s DID document (did:web)',
  description: 'Public. The `did:web` DID of PUBLIC_BASE_URL’s host with its Ed25519 keys (Multikey): the current one and every earlier one, so credentials signed before a key rotation keep verifying.',
  responses: { 200: jsonResponse(DidDocumentSchema, 'The DID document'), ...openApiErrorResponses, ...notSetUp },
});

export const issuerProfile = createRoute({
  method: 'get',
  path: '/issuer',
  operationId: 'getIssuerProfile',
  tags,
  security: [],
  summary: 'The Open Badges issuer Profile',
  description: 'Public. The Profile every credential names as its issuer (name, url, image and email from configuration).',
  responses: { 200: jsonResponse(IssuerProfileSchema, 'The issuer Profile'), ...openApiErrorResponses, ...notSetUp },
});

export const achievement = createRoute({
  method: 'get',
  path: '/achievements/{id}',
  operationId: 'getAchievement',
  tags,
  security: [],
  summary: 'A badge as an Open Badges Achievement',
  description: 'Public. The badge as an OB 3.0 `Achievement`, with criteria written from its condition. Its URL is the achievement’s `id` in credentials.',
  request: { params: BadgeIdParams },
  responses: {
    200: jsonResponse(AchievementSchema, 'The achievement'),
    ...notFoundResponseFor('Badge not found', 'No such badge'),
    ...openApiErrorResponses,
    ...notSetUp,
    ...invalidResponse('param', 'id', 'Invalid UUID'),
  },
});

export const listUserCredentials = createRoute({
  method: 'get',
  path: '/users/{id}/credentials',
  operationId: 'listUserCredentials',
  tags,
  summary: 'A player’s credentials (the player or an admin)',
  description:
    'One OpenBadgeCredential per earned badge. Credentials not issued yet are signed and stored now (the first call after an award pays a few ms of CPU a badge; later calls read stored rows). ' +
    'Someone else’s list is a 404, as if the player did not exist.',
  ...authed,
  request: { params: UserIdParams },
  responses: {
    200: jsonResponse(CredentialListSchema, 'The player’s credentials, most recently awarded first'),
    ...unauthorizedResponse,
    ...notFoundResponseFor('User not found', 'No such player, or not yours to see'),
    ...openApiErrorResponses,
    ...notSetUp,
    ...invalidResponse('param', 'id', 'Invalid UUID'),
  },
});

export const setSubjectDid = createRoute({
  method: 'put',
  path: '/users/{id}/did',
  operationId: 'setCredentialSubjectDid',
  tags,
  summary: 'Set the DID your new credentials name (yourself only)',
  description:
    'A DID of yours (e.g. your wallet’s `did:key`) that identifies you in credentials issued from now on, instead of your salted, hashed email. `null` goes back to the email. Credentials already issued keep their subject: their bytes never change.',
  ...authed,
  request: { params: UserIdParams, body: { required: true, content: jsonContent(SubjectDidBodySchema) } },
  responses: {
    200: jsonResponse(SubjectDidSchema, 'Saved'),
    ...unauthorizedResponse,
    ...notFoundResponseFor('User not found', 'No such player, or not you'),
    ...openApiErrorResponses,
    ...invalidResponse('json', 'did', 'Must be a DID, e.g. did:key:z6Mk…'),
    ...bodyErrorResponses,
  },
});

export const statusList = createRoute({
  method: 'get',
  path: '/status-lists/{list}',
  operationId: 'getCredentialStatusList',
  tags,
  security: [],
  summary: 'A revocation status list (W3C Bitstring Status List)',
  description: 'Public. The signed BitstringStatusListCredential that credentials’ `credentialStatus` points to: one bit per credential, set when it is revoked.',
  request: { params: StatusListParams },
  responses: {
    200: jsonResponse(StatusListCredentialSchema, 'The status list credential'),
    ...notFoundResponseFor('Status list not found', 'No credential uses this list'),
    ...openApiErrorResponses,
    ...notSetUp,
    ...invalidResponse('param', 'list', 'Too small: expected number to be >=1'),
  },
});

export const getCredential = createRoute({
  method: 'get',
  path: '/credentials/{id}',
  operationId: 'getCredential',
  tags,
  security: [],
  summary: 'A credential: JSON, VC-JWT or its public page',
  description:
    'Public (the link is the credential’s id). Content negotiation on `Accept`: `application/vc+jwt` gives the VC-JWT; a browser (`text/html`) gets the page that shows the badge and verifies it live; ' +
    'anything else (`application/json`, `application/vc`, `*/*`) gets the credential with its Data Integrity proof, byte for byte as issued. A revoked credential is still served: its status list says it is revoked.',
  request: { params: CredentialIdParams },
  responses: {
    200: {
      description: 'The credential',
      content: {
        'application/json': { schema: OpenBadgeCredentialSchema },
        'application/vc+jwt': { schema: z.string().openapi({ example: 'eyJhbGciOiJFZERTQSIsInR5cCI6InZjK2p3dCIsImN0eSI6InZjIiwia2lkIjoi…' }) },
        'text/html': { schema: z.string().openapi({ example: '<!doctype html>…' }) },
      },
    },
    ...credentialNotFound,
    ...openApiErrorResponses,
    ...invalidResponse('param', 'id', 'Invalid UUID'),
  },
});

export const verifyCredential = createRoute({
  method: 'get',
  path: '/credentials/{id}/verification',
  operationId: 'verifyCredential',
  tags,
  security: [],
  summary: 'Verify a credential now',
  description: 'Public. Checks the stored credential’s proof against the DID document’s keys with Digital Bazaar’s verifier, and its bit in the published status list.',
  request: { params: CredentialIdParams },
  responses: {
    200: jsonResponse(VerificationSchema, 'The verification result'),
    ...credentialNotFound,
    ...openApiErrorResponses,
    ...notSetUp,
    ...invalidResponse('param', 'id', 'Invalid UUID'),
  },
});

export const revokeCredential = createRoute({
  method: 'post',
  path: '/admin/credentials/{id}/revoke',
  operationId: 'revokeCredential',
  tags: ['Credentials', 'Admin'],
  summary: 'Revoke a credential (admin)',
  description: 'Sets the credential’s bit in its status list, so verifiers reject it from now on; the badge itself stays earned. Revoking again answers the first revocation.',
  ...adminOnly,
  request: { params: CredentialIdParams, body: { required: true, content: jsonContent(RevokeBodySchema) } },
  responses: {
    200: jsonResponse(RevocationSchema, 'Revoked'),
    ...authErrorResponses,
    ...credentialNotFound,
    ...openApiErrorResponses,
    ...notSetUp,
    ...invalidResponse('json', 'reason', 'Too small: expected string to have >=1 characters'),
    ...bodyErrorResponses,
  },
});

export type DidDocumentRoute = typeof didDocument;
export type IssuerProfileRoute = typeof issuerProfile;
export type AchievementRoute = typeof achievement;
export type ListUserCredentialsRoute = typeof listUserCredentials;
export type SetSubjectDidRoute = typeof setSubjectDid;
export type StatusListRoute = typeof statusList;
export type GetCredentialRoute = typeof getCredential;
export type VerifyCredentialRoute = typeof verifyCredential;
export type RevokeCredentialRoute = typeof revokeCredential;
