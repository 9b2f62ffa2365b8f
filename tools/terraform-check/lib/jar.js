'use strict';
// Reads class files out of a jar (a zip) and parses what the handler cross-check needs: access
// flags, super class, interfaces with their generic Signature attribute, and the methods. No JDK
// is needed (javap -v would show the same Signature).
const fs = require('node:fs');
const zlib = require('node:zlib');

class Jar {
  constructor(file) {
    this.file = file;
    this.buf = fs.readFileSync(file);
    this.entries = readCentralDirectory(this.buf);
  }

  has(name) {
    return this.entries.has(name);
  }

  read(name) {
    const e = this.entries.get(name);
    if (!e) return null;
    const b = this.buf;
    if (b.readUInt32LE(e.offset) !== 0x04034b50) throw new Error(`${this.file}: bad local header for ${name}`);
    const nameLen = b.readUInt16LE(e.offset + 26);
    const extraLen = b.readUInt16LE(e.offset + 28);
    const start = e.offset + 30 + nameLen + extraLen;
    const data = b.subarray(start, start + e.compressedSize);
    if (e.method === 0) return Buffer.from(data);
    if (e.method === 8) return zlib.inflateRawSync(data);
    throw new Error(`${this.file}: ${name} uses unsupported compression method ${e.method}`);
  }

  /** The parsed class of a binary name (io.x.Y), or null when the jar does not hold it. */
  classInfo(binaryName) {
    const data = this.read(binaryName.replace(/\./g, '/') + '.class');
    return data ? parseClass(data) : null;
  }
}

function readCentralDirectory(b) {
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  let count = b.readUInt16LE(eocd + 10);
  let offset = b.readUInt32LE(eocd + 16);
  if (offset === 0xffffffff || count === 0xffff) {
    // Zip64: the locator sits just before the end of central directory record.
    const locator = eocd - 20;
    if (b.readUInt32LE(locator) !== 0x07064b50) throw new Error('zip64 locator missing');
    const zip64 = Number(b.readBigUInt64LE(locator + 8));
    count = Number(b.readBigUInt64LE(zip64 + 32));
    offset = Number(b.readBigUInt64LE(zip64 + 48));
  }
  const entries = new Map();
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (b.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = b.readUInt16LE(p + 10);
    let compressedSize = b.readUInt32LE(p + 20);
    let size = b.readUInt32LE(p + 24);
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    let local = b.readUInt32LE(p + 42);
    const name = b.toString('utf8', p + 46, p + 46 + nameLen);
    // Zip64 extra field (0x0001) carries the sizes and offset that did not fit.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = b.readUInt16LE(x);
      const len = b.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (size === 0xffffffff) (size = Number(b.readBigUInt64LE(q))), (q += 8);
        if (compressedSize === 0xffffffff) (compressedSize = Number(b.readBigUInt64LE(q))), (q += 8);
        if (local === 0xffffffff) local = Number(b.readBigUInt64LE(q));
      }
      x += 4 + len;
    }
    entries.set(name, { method, compressedSize, size, offset: local });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

const ACC_PUBLIC = 0x0001;
const ACC_INTERFACE = 0x0200;
const ACC_ABSTRACT = 0x0400;

/** Parses a class file (JVM spec chapter 4) far enough for the handler checks. */
function parseClass(buf) {
  let p = 0;
  const u1 = () => buf.readUInt8(p++);
  const u2 = () => {
    const v = buf.readUInt16BE(p);
    p += 2;
    return v;
  };
  const u4 = () => {
    const v = buf.readUInt32BE(p);
    p += 4;
    return v;
  };
  if (u4() !== 0xcafebabe) throw new Error('not a class file');
  u2();
  const major = u2();
  const cpCount = u2();
  const cp = new Array(cpCount);
  for (let i = 1; i < cpCount; i++) {
    const tag = u1();
    switch (tag) {
      case 1: {
        const len = u2();
        cp[i] = { tag, value: decodeModifiedUtf8(buf.subarray(p, p + len)) };
        p += len;
        break;
      }
      case 7:
      case 8:
      case 16:
      case 19:
      case 20:
        cp[i] = { tag, index: u2() };
        break;
      case 15:
        cp[i] = { tag };
        p += 3;
        break;
      case 3:
      case 4:
      case 9:
      case 10:
      case 11:
      case 12:
      case 17:
      case 18:
        cp[i] = { tag };
        p += 4;
        break;
      case 5:
      case 6:
        cp[i] = { tag };
        p += 8;
        i += 1;
        break;
      default:
        throw new Error(`bad constant pool tag ${tag}`);
    }
  }
  const utf8 = (i) => cp[i].value;
  const className = (i) => (i === 0 ? null : utf8(cp[i].index).replace(/\//g, '.'));
  const access = u2();
  const thisClass = className(u2());
  const superClass = className(u2());
  const interfaces = [];
  for (let n = u2(); n > 0; n--) interfaces.push(className(u2()));
  const readAttributes = () => {
    const attrs = {};
    for (let n = u2(); n > 0; n--) {
      const name = utf8(u2());
      const len = u4();
      attrs[name] = buf.subarray(p, p + len);
      p += len;
    }
    return attrs;
  };
  for (let n = u2(); n > 0; n--) {
    p += 6;
    readAttributes();
  }
  const methods = [];
  for (let n = u2(); n > 0; n--) {
    const flags = u2();
    const name = utf8(u2());
    const descriptor = utf8(u2());
    readAttributes();
    methods.push({ flags, name, descriptor });
  }
  const attrs = readAttributes();
  const signature = attrs.Signature ? utf8(attrs.Signature.readUInt16BE(0)) : null;
  return {
    major,
    name: thisClass,
    superClass,
    interfaces,
    signature,
    methods,
    isPublic: (access & ACC_PUBLIC) !== 0,
    isInterface: (access & ACC_INTERFACE) !== 0,
    isAbstract: (access & ACC_ABSTRACT) !== 0,
    genericInterfaces: signature ? parseClassSignature(signature).interfaces : interfaces.map((n) => ({ name: n, args: [] })),
    genericSuper: signature ? parseClassSignature(signature).superClass : { name: superClass, args: [] },
  };
}

function decodeModifiedUtf8(bytes) {
  // Class names and signatures in practice are ASCII or standard UTF-8.
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Parses a class Signature attribute (JVM spec 4.7.9.1), e.g.
 * Ljava/lang/Object;Lcom/amazonaws/services/lambda/runtime/RequestHandler<Lx/S3Event;Lx/Report;>;
 * into { superClass: {name, args}, interfaces: [{name, args}] } where args are binary names
 * (or '?' / type variables).
 */
function parseClassSignature(sig) {
  let i = 0;
  if (sig[i] === '<') {
    // Type parameters: skip to the matching '>'.
    let depth = 0;
    do {
      if (sig[i] === '<') depth += 1;
      if (sig[i] === '>') depth -= 1;
      i += 1;
    } while (depth > 0);
  }
  const parseType = () => {
    const c = sig[i];
    if (c === 'L') {
      i += 1;
      let name = '';
      const args = [];
      while (sig[i] !== ';') {
        if (sig[i] === '<') {
          i += 1;
          while (sig[i] !== '>') {
            if (sig[i] === '*') {
              args.push({ name: '?', args: [] });
              i += 1;
            } else {
              if (sig[i] === '+' || sig[i] === '-') i += 1;
              args.push(parseType());
            }
          }
          i += 1;
        } else if (sig[i] === '.') {
          name += '$';
          i += 1;
        } else {
          name += sig[i];
          i += 1;
        }
      }
      i += 1;
      return { name: name.replace(/\//g, '.'), args };
    }
    if (c === 'T') {
      const end = sig.indexOf(';', i);
      const name = sig.slice(i + 1, end);
      i = end + 1;
      return { name: `<${name}>`, args: [] };
    }
    if (c === '[') {
      i += 1;
      const inner = parseType();
      return { name: inner.name + '[]', args: inner.args };
    }
    i += 1;
    return { name: c, args: [] };
  };
  const superClass = parseType();
  const interfaces = [];
  while (i < sig.length) interfaces.push(parseType());
  return { superClass, interfaces };
}

module.exports = { Jar, parseClass, parseClassSignature };
