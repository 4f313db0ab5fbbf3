/** Calls the SkillQuest API on this origin; a failure throws an Error carrying the API's own message. */
export async function api(method, path, { token, body } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const error = json && json.error;
    const details = error && Array.isArray(error.details) ? error.details.map((d) => `${d.field}: ${d.message}`).join('; ') : '';
    const failure = new Error(error ? error.message + (details ? ` (${details})` : '') : `Request failed (HTTP ${res.status})`);
    failure.status = res.status;
    throw failure;
  }
  return json;
}

export const formatXp = (xp) => `${new Intl.NumberFormat('en').format(xp)} XP`;
