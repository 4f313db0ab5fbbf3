import { criteriaNarrative } from '../domain/achievement-criteria';
import { BadgeConditionSchema, describeCondition } from '../domain/badge-conditions';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './contexts';
import type { Issuer } from './issuer';

export interface BadgeFacts {
  id: string;
  name: string;
  description: string;
  condition: unknown;
  iconUrl: string | null;
}

export interface Recipient {
  email: string;
  /** A DID the player set on their profile: then it identifies them instead of the hashed email. */
  did?: string;
}

export interface CredentialFacts {
  id: string;
  badge: BadgeFacts;
  awardedAt: Date;
  recipient: Recipient;
  /** Salt of the hashed email (hex), random per credential. */
  salt: string;
  statusList: number;
  statusIndex: number;
}

export const achievementUrl = (issuer: Pick<Issuer, 'baseUrl'>, badgeId: string) => `${issuer.baseUrl}/achievements/${badgeId}`;
export const credentialUrl = (issuer: Pick<Issuer, 'baseUrl'>, id: string) => `${issuer.baseUrl}/credentials/${id}`;
export const statusListUrl = (issuer: Pick<Issuer, 'baseUrl'>, list: number) => `${issuer.baseUrl}/status-lists/${list}`;

/** An XSD dateTime to the second, as VC 2.0 wants for validFrom. */
export const xsdDateTime = (at: Date) => `${at.toISOString().slice(0, 19)}Z`;

/** The badge as an OB 3.0 Achievement (without a context: it is embedded, or published with one). */
export function achievementOf(issuer: Issuer, badge: BadgeFacts) {
  const parsed = BadgeConditionSchema.safeParse(badge.condition);
  const image = badge.iconUrl ? new URL(badge.iconUrl, `${issuer.baseUrl}/`).toString() : undefined;
  return {
    id: achievementUrl(issuer, badge.id),
    type: ['Achievement'],
    name: badge.name,
    description: badge.description || (parsed.success ? describeCondition(parsed.data) : badge.name),
    criteria: { narrative: parsed.success ? criteriaNarrative(parsed.data) : 'Awarded by SkillQuest.' },
    ...(image ? { image: { id: image, type: 'Image' } } : {}),
    creator: issuer.profile,
  };
}

async function identityHash(email: string, salt: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(email.toLowerCase() + salt));
  return `sha256$${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The unsigned OpenBadgeCredential: VC Data Model 2.0 with the OB 3.0 context, its status in the list. */
export async function openBadgeCredential(issuer: Issuer, facts: CredentialFacts) {
  const { recipient } = facts;
  const subject = recipient.did
    ? { id: recipient.did, type: ['AchievementSubject'] }
    : {
        type: ['AchievementSubject'],
        identifier: [
          { type: 'IdentityObject', identityHash: await identityHash(recipient.email, facts.salt), identityType: 'emailAddress', hashed: true, salt: facts.salt },
        ],
      };
  const list = statusListUrl(issuer, facts.statusList);
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: credentialUrl(issuer, facts.id),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: facts.badge.name,
    issuer: issuer.profile,
    validFrom: xsdDateTime(facts.awardedAt),
    credentialSubject: { ...subject, achievement: achievementOf(issuer, facts.badge) },
    credentialStatus: {
      id: `${list}#${facts.statusIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(facts.statusIndex),
      statusListCredential: list,
    },
  };
}
