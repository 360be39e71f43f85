// Verifies an exported trail against a signed tree head, as audit-service/LOG.md §7 says, in the browser: every
// leaf re-canonicalised and hashed, every inclusion proof, both heads' Ed25519 signatures against the keys the
// regulator trusts, and completeness (back-links and the signed asset head). Each problem is a code and its
// arguments, for the page to say in the reader's language; every entry gets a verdict of its own.

import {canonicalize, JsonNumber, member, parse} from './canonical-json.js';
import {
  assetHeadBytes, epochMillis, epochNanos, fromBase64, keyId, leafHash, sameBytes, toBase64, treeHeadBytes, utf8,
  verifyEd25519, verifyInclusion,
} from './log-proofs.js';

const FORMATS = ['techex-audit-export/1', 'techex-audit-export/2'];

const problem = (code, ...args) => ({code, args});

function text(object, name) {
  const value = member(object, name);
  return typeof value === 'string' ? value : null;
}

function integer(object, name) {
  const value = member(object, name);
  return value instanceof JsonNumber ? value.toSafeInteger() : null;
}

/**
 * A tree head (or a TreeHeadSigned event, whose data is one) checked on its own: its key is the one its keyId names
 * and one of {@code trusted}, its signature verifies. Returns {treeSize, rootHash, root, keyId, publicKey, timestamp,
 * problem}.
 */
export async function checkTreeHead(json, trusted) {
  const head = member(json, 'data') instanceof Map && member(json, 'type') ? member(json, 'data') : json;
  for (const field of ['treeSize', 'rootHash', 'timestamp', 'keyId', 'signature', 'publicKey']) {
    if (member(head, field) === undefined || member(head, field) === null) {
      return {problem: problem('head-field', field)};
    }
  }
  const result = {treeSize: integer(head, 'treeSize'), rootHash: text(head, 'rootHash'), keyId: text(head, 'keyId'),
    timestamp: text(head, 'timestamp')};
  let key;
  let signature;
  try {
    key = fromBase64(text(head, 'publicKey'));
    signature = fromBase64(text(head, 'signature'));
    result.root = fromBase64(result.rootHash);
  } catch (notBase64) {
    return {...result, problem: problem('head-base64')};
  }
  result.publicKey = key;
  result.fingerprint = await keyId(key);
  if (result.fingerprint !== result.keyId) {
    return {...result, problem: problem('head-key-id')};
  }
  if (!trusted.some((pinned) => sameBytes(pinned, key))) {
    return {...result, problem: problem('head-key-untrusted', result.fingerprint)};
  }
  const millis = epochMillis(result.timestamp);
  if (Number.isNaN(millis)) {
    return {...result, problem: problem('head-timestamp')};
  }
  if (!await verifyEd25519(key, signature, treeHeadBytes(result.treeSize, millis, result.root))) {
    return {...result, problem: problem('head-signature')};
  }
  return {...result, problem: null};
}

/**
 * The export (its JSON text) against {@code givenHeadText}, a tree head obtained on its own, trusting the keys in
 * {@code trusted} (DER SubjectPublicKeyInfo bytes). Returns {head, exportProblem, entries, completeness, pending, ok}.
 */
export async function verifyExport(exportText, givenHeadText, trusted) {
  const result = {head: null, exportProblem: null, entries: [], completeness: null, pending: null, ok: false};
  let given;
  try {
    given = parse(givenHeadText);
  } catch (notJson) {
    result.exportProblem = problem('head-unreadable');
    return result;
  }
  result.head = await checkTreeHead(given, trusted);
  if (result.head.problem) {
    return result;
  }
  let exported;
  try {
    exported = parse(exportText);
  } catch (notJson) {
    result.exportProblem = problem('export-unreadable', notJson.message);
    return result;
  }
  const format = text(exported, 'format');
  if (!FORMATS.includes(format)) {
    result.exportProblem = problem('export-format', String(format));
    return result;
  }
  const assetId = text(exported, 'assetId');
  const proven = await checkTreeHead(member(exported, 'treeHead'), [result.head.publicKey, ...trusted]);
  if (proven.problem) {
    result.exportProblem = problem('export-head', proven.problem.code);
    return result;
  }
  if (proven.treeSize !== result.head.treeSize || proven.rootHash !== result.head.rootHash) {
    result.exportProblem = problem('export-head-mismatch', proven.treeSize, result.head.treeSize);
    return result;
  }
  const pending = member(exported, 'pendingEntries');
  result.pending = pending instanceof JsonNumber ? pending.toSafeInteger() : null;

  const links = [];
  let previous = -1;
  const entries = member(exported, 'entries');
  for (const [i, entry] of (Array.isArray(entries) ? entries : []).entries()) {
    const verdict = {n: i + 1, leafIndex: null, eventId: text(entry, 'eventId'), type: text(entry, 'type'),
      occurredAt: text(entry, 'occurredAt'), problem: null};
    result.entries.push(verdict);
    try {
      verdict.leafIndex = integer(entry, 'leafIndex');
      const link = await checkEntry(entry, verdict.leafIndex, previous, assetId, result.head);
      if (link.problem) {
        verdict.problem = link.problem;
      } else {
        links.push(link);
      }
    } catch (unreadable) {
      verdict.problem = problem('entry-unreadable', unreadable.message);
    }
    // the next entry is held to the log's order after this one, whatever this one's verdict
    if (verdict.leafIndex !== null) {
      previous = Math.max(previous, verdict.leafIndex);
    }
  }
  const failed = result.entries.some((entry) => entry.problem);
  if (format === 'techex-audit-export/1') {
    result.completeness = {proven: false, problem: null, code: 'complete-format-1', args: []};
  } else if (!failed) {
    result.completeness = await completeness(assetId, links, member(exported, 'assetHead'), member(exported, 'filters'),
        result.head, trusted);
  } else {
    result.completeness = {proven: false, problem: null, code: 'complete-not-checked', args: []};
  }
  result.ok = !failed && !result.completeness.problem;
  return result;
}

/** One entry (LOG.md §7 step 3); returns its link in the asset's chain, or {problem}. */
async function checkEntry(entry, leafIndex, previous, assetId, head) {
  if (leafIndex === null) {
    return {problem: problem('entry-no-index')};
  }
  if (leafIndex <= previous) {
    return {problem: problem('entry-order', leafIndex, previous)};
  }
  if (leafIndex >= head.treeSize) {
    return {problem: problem('entry-beyond-tree', head.treeSize)};
  }
  const canonical = text(entry, 'canonical');
  if (canonical === null) {
    return {problem: problem('entry-no-leaf')};
  }
  let leaf;
  try {
    leaf = parse(canonical);
  } catch (notJson) {
    return {problem: problem('entry-leaf-not-json')};
  }
  // the leaf hash is recomputed from the leaf written anew in canonical form: a leaf that is not canonical fails
  const rewritten = canonicalize(leaf);
  if (rewritten !== canonical) {
    return {problem: problem('entry-not-canonical')};
  }
  const computed = await leafHash(utf8(rewritten));
  if (toBase64(computed) !== text(entry, 'leafHash')) {
    return {problem: problem('entry-leaf-hash')};
  }
  let path;
  try {
    const auditPath = member(entry, 'auditPath');
    path = (Array.isArray(auditPath) ? auditPath : []).map((hash) => fromBase64(hash));
  } catch (notBase64) {
    return {problem: problem('entry-path-base64')};
  }
  if (!await verifyInclusion(leafIndex, head.treeSize, computed, path, head.root)) {
    return {problem: problem('entry-audit-path')};
  }
  let event;
  let version;
  let assetPrevious = null;
  if (member(leaf, 'leafVersion') !== undefined) {
    const before = member(leaf, 'assetPrevious');
    if (!(member(leaf, 'leafVersion') instanceof JsonNumber) || member(leaf, 'leafVersion').canonical() !== '2'
        || !(member(leaf, 'event') instanceof Map) || !(before === null || before instanceof JsonNumber)) {
      return {problem: problem('entry-leaf-format')};
    }
    event = member(leaf, 'event');
    version = 2;
    assetPrevious = before === null ? null : before.toSafeInteger();
    if (assetPrevious !== null && (assetPrevious < 0 || assetPrevious >= leafIndex)) {
      return {problem: problem('entry-back-link-ahead', assetPrevious)};
    }
  } else {
    event = leaf;
    version = 1;
  }
  // the readable copies say what the signed leaf says
  const actor = member(entry, 'actor');
  const shown = {
    id: text(entry, 'eventId'), type: text(entry, 'type'), source: text(entry, 'source'),
    actorperson: actor instanceof Map ? text(actor, 'person') : null,
    actororg: actor instanceof Map ? text(actor, 'organisation') : null,
    actorrole: actor instanceof Map ? text(actor, 'role') : null,
  };
  for (const [field, value] of Object.entries(shown)) {
    const signed = text(event, field);
    if (signed !== value) {
      return {problem: problem('entry-shows', field, String(value), String(signed))};
    }
  }
  const signedTime = text(event, 'time');
  if (signedTime !== null) {
    const a = epochNanos(signedTime);
    const b = epochNanos(text(entry, 'occurredAt'));
    if (a === null || b === null || (a > b ? a - b : b - a) >= 1000n) {
      return {problem: problem('entry-shows', 'time', String(text(entry, 'occurredAt')), signedTime)};
    }
  }
  if (text(event, 'subject') !== assetId) {
    return {problem: problem('entry-other-asset', String(text(event, 'subject')))};
  }
  if (member(entry, 'data') !== undefined && canonicalize(member(entry, 'data')) !== canonicalize(member(event, 'data') ?? null)) {
    return {problem: problem('entry-shows-data')};
  }
  if (member(entry, 'leafVersion') instanceof JsonNumber && member(entry, 'leafVersion').toSafeInteger() !== version) {
    return {problem: problem('entry-shows', 'leafVersion', member(entry, 'leafVersion').canonical(), String(version))};
  }
  if (member(entry, 'assetPrevious') !== undefined) {
    const shownPrevious = member(entry, 'assetPrevious');
    const same = assetPrevious === null ? shownPrevious === null
        : shownPrevious instanceof JsonNumber && shownPrevious.toSafeInteger() === assetPrevious;
    if (!same) {
      return {problem: problem('entry-shows', 'assetPrevious', String(shownPrevious?.text ?? null), String(assetPrevious))};
    }
  }
  return {problem: null, leafIndex, version, assetPrevious};
}

/** LOG.md §7 steps 4 and 5: the asset head, then that no entry of the asset is missing. */
async function completeness(assetId, links, assetHead, filters, head, trusted) {
  const failed = (code, ...args) => ({proven: false, problem: problem(code, ...args)});
  if (!(assetHead instanceof Map)) {
    return failed('asset-head-missing');
  }
  for (const field of ['assetId', 'treeSize', 'rootHash', 'entryCount', 'keyId', 'signature', 'publicKey']) {
    if (member(assetHead, field) === undefined || member(assetHead, field) === null) {
      return failed('asset-head-field', field);
    }
  }
  if (text(assetHead, 'assetId') !== assetId || integer(assetHead, 'treeSize') !== head.treeSize
      || text(assetHead, 'rootHash') !== head.rootHash) {
    return failed('asset-head-other');
  }
  let key;
  let signature;
  try {
    key = fromBase64(text(assetHead, 'publicKey'));
    signature = fromBase64(text(assetHead, 'signature'));
  } catch (notBase64) {
    return failed('asset-head-base64');
  }
  if (await keyId(key) !== text(assetHead, 'keyId')) {
    return failed('asset-head-key-id');
  }
  if (!trusted.some((pinned) => sameBytes(pinned, key))) {
    return failed('asset-head-key-untrusted', text(assetHead, 'keyId'));
  }
  const count = integer(assetHead, 'entryCount');
  const latest = member(assetHead, 'latestLeafIndex') instanceof JsonNumber ? integer(assetHead, 'latestLeafIndex') : null;
  if (!await verifyEd25519(key, signature, assetHeadBytes(head.treeSize, head.root, count, latest, assetId))) {
    return failed('asset-head-signature');
  }
  const filterWords = [];
  if (filters instanceof Map) {
    for (const name of ['from', 'to', 'party', 'asOf']) {
      if (text(filters, name) !== null) {
        filterWords.push(`${name}=${text(filters, name)}`);
      }
    }
    const types = member(filters, 'types');
    (Array.isArray(types) ? types : []).forEach((type) => filterWords.push(`type=${type}`));
  }
  if (filterWords.length > 0) {
    return {proven: false, problem: null, code: 'complete-filtered', args: [filterWords.join('&'), count]};
  }
  for (let i = 0; i < links.length; i++) {
    const link = links[i];
    const before = i === 0 ? null : links[i - 1];
    if (link.version === 1) {
      if (before && before.version !== 1) {
        return failed('complete-format-order', i + 1);
      }
      continue;
    }
    const expected = before ? before.leafIndex : null;
    const named = link.assetPrevious;
    if (named === null && expected === null) {
      continue;
    }
    if (named === null) {
      return failed('complete-first', i + 1, expected);
    }
    if (expected === null || named > expected) {
      return failed('complete-missing', named, i + 1, link.leafIndex);
    }
    if (named < expected) {
      return failed('complete-between', i + 1, named, expected);
    }
  }
  const last = links.length === 0 ? null : links[links.length - 1].leafIndex;
  if (latest !== null && (last === null || latest > last)) {
    return failed('complete-newest-missing', latest);
  }
  if (last !== null && (latest === null || latest < last)) {
    return failed('complete-beyond-newest', last);
  }
  if (count !== links.length) {
    return failed('complete-count', count, links.length);
  }
  return {proven: true, problem: null, code: 'complete', args: [count, head.treeSize, latest]};
}
