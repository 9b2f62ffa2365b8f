'use strict';
// jar-handlers: every wiring function's class is in the built jar, is a public concrete class
// with a public no-argument constructor (what the Lambda runtime calls), and implements
// RequestHandler<INPUT, ?> with the wiring's input type.
const fs = require('node:fs');
const path = require('node:path');
const { Jar } = require('./jar');

const REQUEST_HANDLER = 'com.amazonaws.services.lambda.runtime.RequestHandler';
const STREAM_HANDLER = 'com.amazonaws.services.lambda.runtime.RequestStreamHandler';
const JAVA21_MAJOR = 65;

function checkJar({ jarPath, repoRoot, wiring, wiringFile, wiringLocator, report }) {
  const rel = path.relative(repoRoot, jarPath) || jarPath;
  const classLine = (cls) => wiringLocator.search(new RegExp(`"class"\\s*:\\s*"${cls.replace(/\./g, '\\.')}"`));
  const fail = (line, message) => report({ rule: 'jar-handlers', file: wiringFile, line, message });
  if (!fs.existsSync(jarPath)) {
    fail(wiringLocator.search(/"artifact"/), `${rel} not found: build it with mvn -B package (or pass --jar PATH)`);
    return;
  }
  let jar;
  try {
    jar = new Jar(jarPath);
  } catch (e) {
    fail(wiringLocator.search(/"artifact"/), `${rel} cannot be read as a jar: ${e.message}`);
    return;
  }
  if (!jar.has(REQUEST_HANDLER.replace(/\./g, '/') + '.class')) {
    fail(wiringLocator.search(/"artifact"/), `${rel} does not bundle aws-lambda-java-core (${REQUEST_HANDLER}); is it the shaded jar?`);
  }
  for (const [key, fn] of Object.entries(wiring.functions)) {
    const line = classLine(fn.class);
    let info;
    try {
      info = jar.classInfo(fn.class);
    } catch (e) {
      fail(line, `${fn.class} (wiring function ${key}) cannot be parsed from ${rel}: ${e.message}`);
      continue;
    }
    if (!info) {
      fail(line, `${fn.class} (wiring function ${key}) is not in ${rel}`);
      continue;
    }
    if (!info.isPublic || info.isAbstract || info.isInterface) fail(line, `${fn.class} must be a public concrete class (the Lambda runtime instantiates it)`);
    if (info.major > JAVA21_MAJOR) fail(line, `${fn.class} is compiled for class file version ${info.major}; the java21 runtime reads up to ${JAVA21_MAJOR}`);
    if (!info.methods.some((m) => m.name === '<init>' && m.descriptor === '()V' && (m.flags & 0x0001))) fail(line, `${fn.class} has no public no-argument constructor (the Lambda runtime calls it)`);
    const handler = findRequestHandler(jar, info);
    if (!handler) {
      const stream = implementsRaw(jar, info, STREAM_HANDLER);
      fail(line, `${fn.class} does not implement ${REQUEST_HANDLER}<${fn.input}, ?>${stream ? ' (it is a RequestStreamHandler)' : ''}`);
      continue;
    }
    const input = handler.args[0] ? handler.args[0].name : '(raw type)';
    if (input !== fn.input) fail(line, `${fn.class} implements RequestHandler<${input}, ...> but the wiring says its input is ${fn.input}`);
    else if (!isJdkType(fn.input) && !jar.has(fn.input.replace(/\./g, '/') + '.class')) fail(line, `${fn.class}: the input type ${fn.input} is not in ${rel} (aws-lambda-java-events missing?)`);
  }
}

/** Whether a type comes with the Java runtime (java.util.Map, java.lang.String, ...) rather than the jar. */
function isJdkType(name) {
  return /^(java|javax)\./.test(name);
}

/** Finds RequestHandler<...> among the generic interfaces of the class and its superclasses. */
function findRequestHandler(jar, info) {
  let current = info;
  const seen = new Set();
  while (current && !seen.has(current.name)) {
    seen.add(current.name);
    const direct = current.genericInterfaces.find((i) => i.name === REQUEST_HANDLER);
    if (direct) return direct;
    for (const i of current.genericInterfaces) {
      const sub = jar.classInfo(i.name);
      if (sub && sub.isInterface) {
        const nested = sub.genericInterfaces.find((x) => x.name === REQUEST_HANDLER);
        if (nested) return nested;
      }
    }
    if (!current.superClass || current.superClass === 'java.lang.Object') return null;
    current = jar.classInfo(current.superClass);
  }
  return null;
}

function implementsRaw(jar, info, iface) {
  let current = info;
  while (current) {
    if (current.interfaces.includes(iface)) return true;
    if (!current.superClass || current.superClass === 'java.lang.Object') return false;
    current = jar.classInfo(current.superClass);
  }
  return false;
}

module.exports = { checkJar };
