/**
 * "My credentials" on the live page: each earned badge as an Open Badges credential the player can
 * download (JSON, for a wallet) or share (the public page at /credentials/{id} verifies it live).
 */
const $ = (id) => document.getElementById(id);

function button(text, label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'secondary small';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

/** Saves the credential exactly as issued (the JSON the worker stored), named after the badge. */
async function download(item) {
  const res = await fetch(item.url, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`Download failed (HTTP ${res.status})`);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([await res.text()], { type: 'application/json' }));
  link.download = `${item.badge_name.replace(/[^\w.-]+/g, '-')}.credential.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1_000);
}

function credentialItem(item, say) {
  const li = document.createElement('li');
  const name = document.createElement('a');
  name.href = item.url;
  name.textContent = item.badge_name + (item.revoked ? ' (revoked)' : '');
  const copy = button('Copy verification link', `Copy the verification link of ${item.badge_name}`, async () => {
    await navigator.clipboard.writeText(item.url).then(() => say('Verification link copied.', 'ok'), () => say(item.url));
  });
  const save = button('Download credential', `Download the credential of ${item.badge_name}`, () => download(item).catch((err) => say(err.message, 'error')));
  li.append(name, ' ', save, ' ', copy);
  return li;
}

/** Lists the player's credentials (issuing any not issued yet); `call` is the signed-in API call. */
export async function showCredentials(call, userId, say) {
  const list = await call('GET', `/users/${userId}/credentials`);
  const items = list.items.map((item) => credentialItem(item, say));
  $('credentials').replaceChildren(...(items.length ? items : [Object.assign(document.createElement('li'), { className: 'muted', textContent: 'Earn a badge to get one' })]));
}
