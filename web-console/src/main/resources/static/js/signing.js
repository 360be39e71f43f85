// Signing a contract in the browser. Each signer's Ed25519 key pair is made here with WebCrypto; the private key is
// kept in IndexedDB, per organisation and person, as a non-extractable CryptoKey: it can sign, never be read out. Only
// on the signer's explicit request is an extractable key made, saved once to the signer's own file, and kept here
// non-extractable all the same. The public key goes to contract-service (DER SubjectPublicKeyInfo, base64). A
// signature is over the UTF-8 bytes of the version's SHA-256 as 64 lower-case hex digits, computed here from the
// document's bytes: exactly the README's format, so contract-service verifies it as it verifies openssl's.

const section = document.querySelector('[data-signing]');

const base64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const hex = (bytes) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

const database = () => new Promise((resolve, reject) => {
  const opening = indexedDB.open('techex-signing', 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore('keys');
  opening.onsuccess = () => resolve(opening.result);
  opening.onerror = () => reject(opening.error);
});

const stored = async (id) => {
  const db = await database();
  return new Promise((resolve, reject) => {
    const reading = db.transaction('keys').objectStore('keys').get(id);
    reading.onsuccess = () => resolve(reading.result);
    reading.onerror = () => reject(reading.error);
  });
};

const store = async (id, record) => {
  const db = await database();
  return new Promise((resolve, reject) => {
    const writing = db.transaction('keys', 'readwrite');
    writing.objectStore('keys').put(record, id);
    writing.oncomplete = () => resolve();
    writing.onerror = () => reject(writing.error);
  });
};

const saveFile = (name, text) => {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'application/x-pem-file' }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
};

if (section && section.querySelector('[data-signing-ready]')) {
  const { organisation, person, keys, document: documentUrl, sha256 } = section.dataset;
  const registered = (keys || '').split(' ').filter((k) => k);
  const storageId = `${organisation}/${person}`;
  const error = section.querySelector('[data-signing-error]');
  const fail = (message) => {
    error.textContent = message;
    error.hidden = false;
  };

  const start = async () => {
    if (!window.crypto || !crypto.subtle || !window.indexedDB) {
      fail(error.dataset.unsupported);
      return;
    }
    const mine = await stored(storageId);
    if (mine && registered.includes(mine.keyId)) {
      ready(mine);
    } else {
      section.querySelector('[data-signing-nokey]').hidden = false;
    }
  };

  // ---- a key pair of one's own
  const keyForm = section.querySelector('[data-key-form]');
  keyForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const exportable = keyForm.querySelector('[data-exportable]').checked;
      const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, exportable, ['sign', 'verify']);
      let privateKey = pair.privateKey;
      const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
      const keyId = `${organisation}-${person}-${day}-${hex(crypto.getRandomValues(new Uint8Array(3)))}`;
      if (exportable) {
        const pkcs8 = await crypto.subtle.exportKey('pkcs8', privateKey);
        const pem = `-----BEGIN PRIVATE KEY-----\n${base64(pkcs8).match(/.{1,64}/g).join('\n')}\n-----END PRIVATE KEY-----\n`;
        saveFile(`${keyId}.pem`, pem);
        // the file is the signer's copy; this browser keeps one that cannot be read out
        privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
      }
      const publicKey = base64(await crypto.subtle.exportKey('spki', pair.publicKey));
      await store(storageId, { keyId, privateKey, publicKey, createdAt: new Date().toISOString() });
      keyForm.querySelector('[data-key-id-field]').value = keyId;
      keyForm.querySelector('[data-public-key-field]').value = publicKey;
      // give the browser a moment to hand the key file over before the page moves on
      setTimeout(() => HTMLFormElement.prototype.submit.call(keyForm), exportable ? 500 : 0);
    } catch (failed) {
      fail(error.dataset.unsupported);
    }
  });

  // ---- signing the version this page shows
  const ready = (key) => {
    section.querySelector('[data-signing-ready]').hidden = false;
    section.querySelector('[data-key-id]').textContent = key.keyId;
    const form = section.querySelector('[data-sign-form]');
    const panel = form.querySelector('[data-sign-confirm]');
    let digest = null;

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      // the document's own bytes, hashed here: what is signed is what this browser read
      const answer = await fetch(documentUrl, { credentials: 'same-origin' });
      digest = hex(await crypto.subtle.digest('SHA-256', await answer.arrayBuffer()));
      if (!answer.ok || digest !== sha256) {
        fail(error.dataset.changed);
        return;
      }
      form.querySelector('[data-sign-hash]').textContent = digest;
      panel.hidden = false;
      panel.focus();
    });
    form.querySelector('[data-sign-cancel]').addEventListener('click', () => {
      panel.hidden = true;
    });
    form.querySelector('[data-sign-send]').addEventListener('click', async () => {
      try {
        const signature = await crypto.subtle.sign({ name: 'Ed25519' }, key.privateKey, new TextEncoder().encode(digest));
        form.querySelector('[data-sign-key-id]').value = key.keyId;
        form.querySelector('[data-sign-signature]').value = base64(signature);
        form.querySelector('[data-sign-sha256]').value = digest;
        HTMLFormElement.prototype.submit.call(form);
      } catch (failed) {
        fail(error.dataset.failed);
      }
    });
  };

  start();
}
