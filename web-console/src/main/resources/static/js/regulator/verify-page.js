// The verify page: which of the log's keys this browser trusts (pinned by the regulator, kept in this browser only),
// then the export and a freshly signed tree head fetched through the console and checked here, entry by entry
// (verify-export.js). The console and audit-service are only couriers: what is believed is what verifies against
// the pinned key.

import {verifyExport} from './verify-export.js';
import {parse, member} from './canonical-json.js';
import {fromBase64, keyId, toBase64} from './log-proofs.js';

const STORE = 'techex.audit-log.trusted-keys';
const root = document.getElementById('verifier');
const messages = JSON.parse(root.dataset.messages);
const status = document.getElementById('verify-status');
const button = document.getElementById('verify-button');

function say(code, ...args) {
  const template = messages[code] ?? code;
  return template.replace(/\{(\d+)\}/g, (all, i) => (args[Number(i)] === undefined ? all : String(args[Number(i)])));
}

function trustedKeys() {
  try {
    const stored = JSON.parse(localStorage.getItem(STORE) ?? '[]');
    return Array.isArray(stored) ? stored.filter((key) => typeof key === 'string') : [];
  } catch (unreadable) {
    return [];
  }
}

function setTrusted(keys) {
  localStorage.setItem(STORE, JSON.stringify([...new Set(keys)]));
}

function show(text, kind) {
  status.replaceChildren();
  const p = document.createElement('p');
  p.className = kind ?? '';
  p.textContent = text;
  status.append(p);
  return p;
}

/** Each of the log's keys with the fingerprint computed here, and whether this browser trusts it. */
async function renderKeys() {
  const trusted = trustedKeys();
  for (const row of document.querySelectorAll('#log-keys tr[data-public-key]')) {
    const publicKey = row.dataset.publicKey;
    const fingerprint = await keyId(fromBase64(publicKey));
    const code = row.querySelector('.fingerprint');
    code.textContent = fingerprint;
    const cell = row.querySelector('.trust-cell');
    cell.replaceChildren();
    if (fingerprint !== row.dataset.keyId) {
      const warning = document.createElement('strong');
      warning.className = 'error';
      warning.textContent = say('key-id-mismatch');
      cell.append(warning);
      continue;
    }
    const action = document.createElement('button');
    action.type = 'button';
    if (trusted.includes(publicKey)) {
      const badge = document.createElement('span');
      badge.className = 'badge trusted';
      badge.textContent = say('trusted');
      action.className = 'link';
      action.textContent = say('forget-button');
      action.setAttribute('aria-label', say('forget-label', fingerprint.slice(0, 16)));
      action.addEventListener('click', async () => {
        setTrusted(trustedKeys().filter((key) => key !== publicKey));
        await renderKeys();
      });
      cell.append(badge, ' ', action);
    } else {
      action.className = 'secondary';
      action.textContent = say('trust-button');
      action.setAttribute('aria-label', say('trust-label', fingerprint.slice(0, 16)));
      action.addEventListener('click', async () => {
        setTrusted([...trustedKeys(), publicKey]);
        await renderKeys();
        button.focus();
      });
      cell.append(action);
    }
  }
  button.disabled = trustedKeys().length === 0;
  if (button.disabled) {
    show(say('trust-first'), 'muted');
  } else if (!status.dataset.verified) {
    status.replaceChildren();
  }
}

async function fetchText(url, options) {
  const answer = await fetch(url, {credentials: 'same-origin', cache: 'no-store', ...options});
  if (!answer.ok) {
    throw new Error(say('fetch-failed', url.split('?')[0], answer.status));
  }
  return answer.text();
}

function entryLabel(entry) {
  return say('entry-label', entry.n, entry.eventId ?? '?', entry.leafIndex ?? '?');
}

function problemText(problem) {
  return say(problem.code, ...problem.args);
}

async function verify() {
  button.disabled = true;
  status.dataset.verified = '';
  show(say('verifying'), 'muted');
  const table = document.getElementById('verify-results');
  const body = table.querySelector('tbody');
  body.replaceChildren();
  document.getElementById('verify-results-wrap').hidden = true;
  try {
    // a head signed now covers everything settled, so the newest entries are proven too
    const headText = await fetchText(root.dataset.signUrl, {method: 'POST',
      headers: {[root.dataset.csrfHeader]: root.dataset.csrfToken}});
    const treeSize = member(parse(headText), 'treeSize').toSafeInteger();
    const exportUrl = `${root.dataset.exportUrl}?treeSize=${treeSize}`;
    const exportText = await fetchText(exportUrl);
    const result = await verifyExport(exportText, headText, trustedKeys().map(fromBase64));
    render(result, treeSize);
  } catch (failure) {
    show(say('fetch-problem', failure.message), 'problem');
  } finally {
    button.disabled = trustedKeys().length === 0;
    status.dataset.verified = 'yes';
  }
}

function render(result, treeSize) {
  const body = document.querySelector('#verify-results tbody');
  for (const entry of result.entries) {
    const row = document.createElement('tr');
    row.className = entry.problem ? 'failed' : 'verified';
    row.id = `entry-${entry.n}`;
    const n = document.createElement('th');
    n.scope = 'row';
    n.textContent = String(entry.n);
    const leaf = document.createElement('td');
    leaf.textContent = entry.leafIndex === null ? '?' : String(entry.leafIndex);
    const event = document.createElement('td');
    const name = document.createElement('span');
    name.textContent = (entry.type ?? '').split('.')[3] ?? entry.type;
    const id = document.createElement('code');
    id.textContent = entry.eventId ?? '';
    event.append(name, document.createElement('br'), id);
    const verdict = document.createElement('td');
    verdict.textContent = entry.problem ? `✗ ${say('result-failed')}: ${problemText(entry.problem)}` : `✓ ${say('result-ok')}`;
    row.append(n, leaf, event, verdict);
    body.append(row);
  }
  document.getElementById('verify-results-wrap').hidden = result.entries.length === 0;

  const sentences = [];
  let kind;
  const headProblem = result.head?.problem ?? result.exportProblem;
  const failedEntry = result.entries.find((entry) => entry.problem);
  if (headProblem) {
    kind = 'problem';
    sentences.push(say('summary-failed'), problemText(headProblem));
  } else if (failedEntry) {
    kind = 'problem';
    const failures = result.entries.filter((entry) => entry.problem).length;
    sentences.push(say('summary-failed'), `${entryLabel(failedEntry)}: ${problemText(failedEntry.problem)}.`,
        say('summary-failures', failures, result.entries.length));
  } else if (result.completeness.problem) {
    kind = 'problem';
    sentences.push(say('summary-failed'), problemText(result.completeness.problem));
  } else {
    kind = 'notice';
    const signedAt = new Intl.DateTimeFormat(root.dataset.locale, {dateStyle: 'short', timeStyle: 'medium',
      timeZone: 'Asia/Ho_Chi_Minh'}).format(new Date(result.head.timestamp));
    sentences.push(say('summary-ok', result.entries.length, result.head.treeSize, result.head.fingerprint.slice(0, 16),
        signedAt), say(result.completeness.code, ...result.completeness.args));
  }
  if (result.pending) {
    sentences.push(say('summary-pending', result.pending));
  }
  show(sentences.join(' '), kind);
  // the files the offline verifier gets are the ones verified here
  document.getElementById('download-export').href = `${root.dataset.exportUrl}?treeSize=${treeSize}`;
  const csv = document.getElementById('download-export-csv');
  csv.href = csv.href.split('?')[0] + `?treeSize=${treeSize}`;
  const head = document.getElementById('download-head');
  head.href = head.href.replace(/latest\.json$|\d+\.json$/, `${treeSize}.json`);
}

if (!window.isSecureContext || !window.crypto?.subtle) {
  show(say('no-webcrypto'), 'problem');
} else {
  button.addEventListener('click', verify);
  renderKeys();
}
