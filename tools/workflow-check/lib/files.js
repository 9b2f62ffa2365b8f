'use strict';
// The workflow and action files, parsed with their positions, so that every failure names a line.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

class YamlFile {
  constructor(root, file) {
    this.path = file;
    this.relative = path.relative(root, file);
    this.text = fs.readFileSync(file, 'utf8');
    this.lines = new YAML.LineCounter();
    this.doc = YAML.parseDocument(this.text, { lineCounter: this.lines, keepSourceTokens: false });
    this.errors = this.doc.errors.map((e) => ({ line: e.linePos?.[0]?.line ?? 1, message: e.message }));
    this.data = this.errors.length ? null : this.doc.toJS();
  }

  /**
   * The line of what a path names (['jobs', 'prod', 'needs']): the key's line for a mapping entry, the
   * item's line in a sequence; the nearest existing parent when the path goes further than the file.
   */
  line(pathParts = []) {
    let node = this.doc.contents;
    let range = node && node.range;
    for (const part of pathParts) {
      if (YAML.isMap(node)) {
        const pair = node.items.find((p) => (YAML.isScalar(p.key) ? p.key.value : p.key) === part);
        if (!pair) break;
        range = pair.key.range || range;
        node = pair.value;
      } else if (YAML.isSeq(node) && typeof part === 'number' && node.items[part]) {
        node = node.items[part];
        range = node.range || range;
      } else {
        break;
      }
    }
    return range ? this.lines.linePos(range[0]).line : 1;
  }
}

function yamlFiles(dir, pattern) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => pattern.test(f)).sort().map((f) => path.join(dir, f));
}

/** .github/workflows/*.yml and .github/actions/<name>/action.yml of a repository. */
function loadRepository(root) {
  const workflowsDir = path.join(root, '.github', 'workflows');
  const actionsDir = path.join(root, '.github', 'actions');
  const workflows = yamlFiles(workflowsDir, /\.ya?ml$/).map((f) => new YamlFile(root, f));
  const actions = fs.existsSync(actionsDir)
    ? fs.readdirSync(actionsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((e) => yamlFiles(path.join(actionsDir, e.name), /^action\.ya?ml$/))
      .map((f) => new YamlFile(root, f))
    : [];
  return { root, workflows, actions };
}

module.exports = { YamlFile, loadRepository };
