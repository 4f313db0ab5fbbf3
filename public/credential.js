/**
 * The public page of a credential (/credentials/{id} opened in a browser): shows the badge, the issuer and
 * the date from the credential itself, and the verification the API runs now (proof and revocation status).
 */
const $ = (id) => document.getElementById(id);
const id = location.pathname.split('/').filter(Boolean).pop();

async function getJson(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  const json = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error((json && json.error && json.error.message) || `HTTP ${res.status}`);
  return json;
}

function showCredential(credential) {
  const achievement = credential.credentialSubject.achievement;
  document.title = `${achievement.name} · SkillQuest Edge`;
  $('badge-name').textContent = achievement.name;
  $('badge-description').textContent = achievement.description;
  if (achievement.image && achievement.image.id) {
    $('badge-image').src = achievement.image.id;
    $('badge-image').alt = `${achievement.name} badge`;
    $('badge-image').hidden = false;
  }
  const issuer = credential.issuer;
  $('issuer').textContent = issuer.name;
  $('did').textContent = issuer.id;
  $('valid-from').textContent = new Date(credential.validFrom).toLocaleDateString(undefined, { dateStyle: 'long' });
  $('criteria').textContent = achievement.criteria.narrative.split('\n').filter(Boolean).slice(1).join(' ');
}

function showVerification(result) {
  const ok = result.verified;
  $('verdict').dataset.kind = ok ? 'ok' : 'error';
  $('verdict').textContent = ok ? '✔ Verified: issued by this issuer, unchanged, not revoked.' : '✘ Not valid.';
  const checks = [
    `Signature: ${result.proof === 'valid' ? 'valid' : 'does not match the issuer’s keys'}`,
    `Status: ${result.status === 'revoked' ? `revoked${result.revocation_reason ? ` (${result.revocation_reason})` : ''}` : 'active'}`,
    `Checked: ${new Date(result.checked_at).toLocaleString()}`,
  ];
  $('checks').replaceChildren(...checks.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
}

async function main() {
  $('json-link').href = `/credentials/${id}`;
  $('jwt-link').href = `/credentials/${id}`;
  $('jwt-link').addEventListener('click', async (event) => {
    event.preventDefault();
    const jwt = await (await fetch(`/credentials/${id}`, { headers: { Accept: 'application/vc+jwt' } })).text();
    const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(new Blob([jwt], { type: 'application/vc+jwt' })), download: `${id}.jwt` });
    link.click();
  });
  $('json-link').addEventListener('click', async (event) => {
    event.preventDefault();
    const json = await (await fetch(`/credentials/${id}`, { headers: { Accept: 'application/json' } })).text();
    const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(new Blob([json], { type: 'application/json' })), download: `${id}.json` });
    link.click();
  });
  showCredential(await getJson(`/credentials/${id}`));
  showVerification(await getJson(`/credentials/${id}/verification`));
}

main().catch((err) => {
  $('verdict').dataset.kind = 'error';
  $('verdict').textContent = `Could not load this credential: ${err.message}`;
});
