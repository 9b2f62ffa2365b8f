// Builds web/dist: the sample page and the API docs page, with everything they load served locally.
// No bundler: the sources are plain ES modules, and the packages' own dist files are copied beside them.
//
//   dist/index.html, app.js, style.css           the sample client (from src/)
//   dist/gallery.html, gallery.js, gallery.css   the collection gallery (from src/)
//   dist/api.js, page.js                         what both pages import: the API client, the shared page parts
//   dist/docs/index.html, docs.js                the API docs page (from src/docs/)
//   dist/vendor/filepond/                        FilePond's ES module and CSS
//   dist/vendor/swagger-ui/                      Swagger UI's bundle and CSS
//   dist/openapi.json                            ../openapi/filestore.yaml, without the API Gateway parts
//
// config.json is not built: the host generates it (the local stack does; a deployment uploads it),
// so the page learns the API URL at run time.

import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const require = createRequire(import.meta.url);

/** The folder of an installed package (its package.json's folder). */
function packageDir(name) {
  return path.dirname(require.resolve(`${name}/package.json`));
}

/** Copies files of a package into dist/vendor/<to>, with the package's license files. */
async function vendor(name, to, files) {
  const from = packageDir(name);
  const target = path.join(dist, 'vendor', to);
  await mkdir(target, { recursive: true });
  for (const [source, dest] of Object.entries(files)) {
    await cp(path.join(from, source), path.join(target, dest));
  }
  const { version, license } = JSON.parse(await readFile(path.join(from, 'package.json'), 'utf8'));
  return `${name}@${version} (${license})`;
}

/**
 * The spec as the docs page should show it: every x-amazon-apigateway-* extension removed (they only
 * configure API Gateway, and carry Terraform placeholders), and every operation marked x-internal
 * (the CORS preflight mocks) removed, with any path left without an operation.
 */
export function publicSpec(spec) {
  const strip = (node) => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== 'object') return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (!key.startsWith('x-amazon-apigateway-')) out[key] = strip(value);
    }
    return out;
  };
  const result = strip(spec);
  if (result.info) {
    result.info.description = `${result.info.description ?? ''}\n_This copy, published with the sample client, leaves out the
API Gateway extensions and the CORS preflight operations._\n`;
  }
  const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
  for (const [route, item] of Object.entries(result.paths ?? {})) {
    for (const method of methods) {
      if (item[method]?.['x-internal'] === true) delete item[method];
    }
    if (!methods.some((method) => method in item)) delete result.paths[route];
  }
  return result;
}

async function build() {
  const began = Date.now();
  await rm(dist, { recursive: true, force: true });
  await cp(path.join(here, 'src'), dist, { recursive: true });

  const credits = [
    await vendor('filepond', 'filepond', {
      'dist/filepond.esm.min.js': 'filepond.esm.js',
      'dist/filepond.min.css': 'filepond.css',
      LICENSE: 'LICENSE',
    }),
    await vendor('swagger-ui-dist', 'swagger-ui', {
      'swagger-ui-bundle.js': 'swagger-ui-bundle.js',
      'swagger-ui.css': 'swagger-ui.css',
      LICENSE: 'LICENSE',
      NOTICE: 'NOTICE',
    }),
  ];

  const yamlText = await readFile(path.join(here, '..', 'openapi', 'filestore.yaml'), 'utf8');
  const spec = publicSpec(parse(yamlText, { maxAliasCount: -1 }));
  await writeFile(path.join(dist, 'openapi.json'), JSON.stringify(spec, null, 2) + '\n');

  console.log(`web: built ${path.relative(process.cwd(), dist) || '.'} in ${Date.now() - began} ms (${credits.join(', ')})`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await build();
}
