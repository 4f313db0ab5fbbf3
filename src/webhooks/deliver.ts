import type { Config } from '../lib/config';
import { responseExcerpt, retryDelayAfter, RESPONSE_EXCERPT_CHARS } from '../domain/webhook-retries';
import { webhookUrlProblem } from '../domain/webhook-url';
import type { Database } from '../db/client';
import { log } from '../lib/logger';
import { signWebhook } from './sign';
import { deliveryWithEndpoint, failWithoutAttempt, recordAttempt } from './store';

interface HttpResult {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  excerpt: string | null;
}

/** Reads at most a short excerpt of the answer, then lets the rest go. */
async function readExcerpt(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (text.length <= RESPONSE_EXCERPT_CHARS) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => {});
  return responseExcerpt(text);
}

/** One POST: a few seconds at most, redirects not followed (a 3xx is a failure), only 2xx succeeds. */
async function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<HttpResult> {
  const started = Date.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'SkillQuest-Webhooks/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const excerpt = await readExcerpt(res).catch(() => null);
    const ok = res.status >= 200 && res.status < 300;
    const error = ok ? null : res.status >= 300 && res.status < 400 ? `redirect (${res.status}) not followed` : `HTTP ${res.status}`;
    return { ok, statusCode: res.status, latencyMs: Date.now() - started, error, excerpt };
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    const error = timedOut ? `timed out after ${timeoutMs} ms` : `request failed: ${err instanceof Error ? err.message : String(err)}`;
    return { ok: false, statusCode: null, latencyMs: Date.now() - started, error: error.slice(0, 300), excerpt: null };
  }
}

/**
 * One attempt of one delivery. Returns the seconds until the next attempt, or null when there is none
 * (delivered, out of retries, or nothing to do: unknown delivery, already delivered, endpoint disabled).
 */
export async function attemptDelivery(db: Database, config: Config, deliveryId: string, now = new Date()): Promise<number | null> {
  const found = await deliveryWithEndpoint(db, deliveryId);
  if (!found || found.delivery.status === 'succeeded') return null;
  const { delivery, endpoint } = found;
  if (!endpoint.enabled) {
    await failWithoutAttempt(db, deliveryId, `endpoint disabled: ${endpoint.disabledReason ?? 'by an admin'}`);
    return null;
  }
  const attempt = delivery.attempts + 1;
  const problem = webhookUrlProblem(endpoint.url, config.APP_ENV === 'production' ? 'production' : 'development');
  const secrets = [endpoint.secret, ...(endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now ? [endpoint.previousSecret] : [])];
  const body = JSON.stringify(delivery.payload);
  const result: HttpResult = problem
    ? { ok: false, statusCode: null, latencyMs: 0, error: `URL ${problem}`, excerpt: null }
    : await post(endpoint.url, await signWebhook(secrets, delivery.eventId, Math.floor(now.getTime() / 1000), body), body, config.WEBHOOK_TIMEOUT_MS);
  const retryInSeconds = result.ok ? null : retryDelayAfter(config.WEBHOOK_RETRY_SCHEDULE_SECONDS, attempt);
  const { disabled } = await recordAttempt(db, {
    deliveryId, endpointId: endpoint.id, attempt, ok: result.ok, statusCode: result.statusCode, latencyMs: result.latencyMs,
    error: result.error, responseExcerpt: result.excerpt, retryInSeconds, disableAfter: config.WEBHOOK_DISABLE_AFTER_FAILURES,
  });
  log[result.ok ? 'info' : 'warn']('webhook_delivery_attempt', {
    delivery_id: deliveryId, endpoint_id: endpoint.id, event_id: delivery.eventId, attempt, ok: result.ok,
    status_code: result.statusCode, latency_ms: result.latencyMs, error: result.error, retry_in_seconds: retryInSeconds,
  });
  if (disabled) log.warn('webhook_endpoint_disabled', { endpoint_id: endpoint.id, failures: config.WEBHOOK_DISABLE_AFTER_FAILURES });
  return disabled ? null : retryInSeconds;
}
