// The audit log's hashes and signatures, byte for byte as audit-service/LOG.md §2.4, §3 and §4 define them, with the
// browser's own WebCrypto: SHA-256 and Ed25519 (RFC 8032, pure). Nothing here asks a server anything.

const encoder = new TextEncoder();

export function utf8(text) {
  return encoder.encode(text);
}

export function fromBase64(text) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new SyntaxError('not base64');
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

export function toBase64(bytes) {
  let binary = '';
  for (const b of bytes) {
    binary += String.fromCharCode(b);
  }
  return btoa(binary);
}

export function toHex(bytes) {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function sameBytes(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** RFC 9162 §2.1.1: SHA-256(0x00 || leaf). */
export function leafHash(leafBytes) {
  return sha256(concat(Uint8Array.of(0), leafBytes));
}

/** RFC 9162 §2.1.1: SHA-256(0x01 || left || right). */
export function nodeHash(left, right) {
  return sha256(concat(Uint8Array.of(1), left, right));
}

/** RFC 9162 §2.1.3.2: does {@code path} lead from leaf {@code index} of a tree of {@code size} leaves to {@code root}? */
export async function verifyInclusion(index, size, leaf, path, root) {
  if (!(index >= 0 && index < size) || leaf.length !== 32 || root.length !== 32) {
    return false;
  }
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0 || p.length !== 32) {
      return false;
    }
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && sameBytes(r, root);
}

function u64(value) {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, BigInt(value));
  return bytes;
}

function u32(value) {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

/** LOG.md §3: "techex-audit-tree-head-v1" 0x00, size, timestamp in milliseconds, root. */
export function treeHeadBytes(treeSize, timestampMillis, root) {
  return concat(utf8('techex-audit-tree-head-v1'), Uint8Array.of(0), u64(treeSize), u64(timestampMillis), root);
}

/** LOG.md §4: "techex-audit-asset-head-v1" 0x00, size, root, count, newest leaf (-1: none), asset id's length and UTF-8. */
export function assetHeadBytes(treeSize, root, entryCount, latestLeafIndex, assetId) {
  const id = utf8(assetId);
  return concat(utf8('techex-audit-asset-head-v1'), Uint8Array.of(0), u64(treeSize), root, u64(entryCount),
      u64(latestLeafIndex === null ? -1 : latestLeafIndex), u32(id.length), id);
}

/** LOG.md §3: a key's id is the hex SHA-256 of its DER SubjectPublicKeyInfo. */
export async function keyId(publicKeyDer) {
  return toHex(await sha256(publicKeyDer));
}

/** Ed25519 (pure) with WebCrypto; a key or signature that WebCrypto cannot read does not verify. */
export async function verifyEd25519(publicKeyDer, signature, message) {
  try {
    const key = await crypto.subtle.importKey('spki', publicKeyDer, {name: 'Ed25519'}, false, ['verify']);
    return await crypto.subtle.verify({name: 'Ed25519'}, key, signature, message);
  } catch (unreadable) {
    return false;
  }
}

/** Milliseconds since 1970 of an ISO-8601 UTC instant with at most millisecond precision; NaN otherwise. */
export function epochMillis(instant) {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/.test(instant) ? Date.parse(instant) : NaN;
}

/** Nanoseconds since 1970 (a BigInt) of an ISO-8601 UTC instant with up to 9 fraction digits; null otherwise. */
export function epochNanos(instant) {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(instant ?? '');
  if (!match) {
    return null;
  }
  const seconds = Date.parse(match[1] + 'Z');
  return Number.isNaN(seconds) ? null : BigInt(seconds) * 1000000n + BigInt((match[2] ?? '').padEnd(9, '0'));
}
