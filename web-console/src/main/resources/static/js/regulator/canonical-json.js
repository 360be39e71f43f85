// JSON read exactly and written in the audit log's canonical form (audit-service/LOG.md §2.2): RFC 8785's JSON
// Canonicalization Scheme, except that numbers are exact decimals in plain notation rather than IEEE-754 doubles.
// JSON.parse cannot be used: it turns 12345678901234567890.123 into a double and loses digits. Here a number stays
// the text it was written as (a JsonNumber), objects are Maps (no prototype keys, insertion order kept), and a
// member named twice is refused.

/** A JSON number as written; canonical() gives its exact plain decimal form. */
export class JsonNumber {
  constructor(text) {
    this.text = text;
  }

  canonical() {
    return canonicalNumber(this.text);
  }

  /** As a JavaScript number, only when that is exact (indexes, counts); otherwise an error. */
  toSafeInteger() {
    const plain = this.canonical();
    if (!/^-?\d+$/.test(plain) || !Number.isSafeInteger(Number(plain))) {
      throw new SyntaxError(`${this.text} is not an integer this verifier can count with`);
    }
    return Number(plain);
  }
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
/** Larger exponents would write numbers of more digits than any TechEx event has; refused rather than expanded. */
const MAX_EXPONENT = 10000;

/** The exact value of a JSON number literal, in plain notation without trailing zeros: 2E+3 → 2000, -0.0 → 0. */
export function canonicalNumber(text) {
  const match = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) {
    throw new SyntaxError(`not a JSON number: ${text}`);
  }
  const [, sign, whole, fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > MAX_EXPONENT) {
    throw new SyntaxError(`number out of range: ${text}`);
  }
  // value = digits × 10^scale
  let digits = (whole + fraction).replace(/^0+/, '');
  let scale = exponent - fraction.length;
  if (digits === '') {
    return '0';
  }
  const trailing = digits.length - digits.replace(/0+$/, '').length;
  digits = digits.slice(0, digits.length - trailing);
  scale += trailing;
  let plain;
  if (scale >= 0) {
    plain = digits + '0'.repeat(scale);
  } else if (digits.length > -scale) {
    plain = digits.slice(0, digits.length + scale) + '.' + digits.slice(digits.length + scale);
  } else {
    plain = '0.' + '0'.repeat(-scale - digits.length) + digits;
  }
  return sign + plain;
}

/** Parses JSON text strictly (RFC 8259): objects as Maps, numbers as JsonNumbers. */
export function parse(text) {
  let at = 0;
  const fail = (what) => {
    throw new SyntaxError(`${what} at character ${at}`);
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) {
      at++;
    }
  };
  const value = () => {
    space();
    const c = text[at];
    if (c === '{') {
      return object();
    }
    if (c === '[') {
      return array();
    }
    if (c === '"') {
      return string();
    }
    for (const [word, meaning] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return meaning;
      }
    }
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(text);
    if (number) {
      at += number[0].length;
      return new JsonNumber(number[0]);
    }
    return fail('unexpected ' + (c === undefined ? 'end of text' : JSON.stringify(c)));
  };
  const object = () => {
    at++;
    const members = new Map();
    space();
    if (text[at] === '}') {
      at++;
      return members;
    }
    for (;;) {
      space();
      if (text[at] !== '"') {
        fail('a member name expected');
      }
      const name = string();
      if (members.has(name)) {
        fail(`member ${JSON.stringify(name)} given twice`);
      }
      space();
      if (text[at++] !== ':') {
        fail('":" expected');
      }
      members.set(name, value());
      space();
      const next = text[at++];
      if (next === '}') {
        return members;
      }
      if (next !== ',') {
        fail('"," or "}" expected');
      }
    }
  };
  const array = () => {
    at++;
    const items = [];
    space();
    if (text[at] === ']') {
      at++;
      return items;
    }
    for (;;) {
      items.push(value());
      space();
      const next = text[at++];
      if (next === ']') {
        return items;
      }
      if (next !== ',') {
        fail('"," or "]" expected');
      }
    }
  };
  const ESCAPES = {'"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t'};
  const string = () => {
    at++;
    let out = '';
    for (;;) {
      const c = text[at++];
      if (c === undefined) {
        fail('unterminated string');
      }
      if (c === '"') {
        return out;
      }
      if (c === '\\') {
        const e = text[at++];
        if (e === 'u') {
          const hex = text.slice(at, at + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            fail('bad \\u escape');
          }
          out += String.fromCharCode(parseInt(hex, 16));
          at += 4;
        } else if (e in ESCAPES) {
          out += ESCAPES[e];
        } else {
          fail('bad escape');
        }
      } else if (c < ' ') {
        fail('control character in a string');
      } else {
        out += c;
      }
    }
  };
  const result = value();
  space();
  if (at !== text.length) {
    fail('text after the JSON value');
  }
  return result;
}

/** The canonical text of a value read by parse() (or of plain strings, booleans, null, arrays and Maps). */
export function canonicalize(value) {
  if (value === null) {
    return 'null';
  }
  if (value === true || value === false) {
    return String(value);
  }
  if (value instanceof JsonNumber) {
    return value.canonical();
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new TypeError('only exact numbers are canonical: read them with parse()');
    }
    return canonicalNumber(String(value));
  }
  if (typeof value === 'string') {
    return canonicalString(value);
  }
  if (Array.isArray(value)) {
    return '[' + value.map(canonicalize).join(',') + ']';
  }
  if (value instanceof Map) {
    // < on strings compares UTF-16 code units: RFC 8785's order (and Java's String.compareTo)
    const names = [...value.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return '{' + names.map((name) => canonicalString(name) + ':' + canonicalize(value.get(name))).join(',') + '}';
  }
  throw new TypeError('not a JSON value: ' + Object.prototype.toString.call(value));
}

const SHORT = {'"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t'};

function canonicalString(text) {
  let out = '"';
  for (const c of text) {
    if (c in SHORT) {
      out += SHORT[c];
    } else if (c < ' ') {
      out += '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
    } else {
      out += c;
    }
  }
  return out + '"';
}

/** The member {@code name} of a parsed object, or undefined. */
export function member(object, name) {
  return object instanceof Map ? object.get(name) : undefined;
}
