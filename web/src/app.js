// The sample client: an API key form, a FilePond uploader that follows the API's upload-ticket flow,
// and the caller's files with Store, Download and Delete.

import { create as createPond } from './vendor/filepond/filepond.esm.js';
import {
  ApiError, createApi, loadConfig, savedApiKey, saveApiKey, savedIdToken, sha256Base64, uploadBytes,
} from './api.js';

const $ = (selector) => document.querySelector(selector);
const PAGE_SIZE = 20;

let apiKey = savedApiKey();
let api = null;
let pond = null;

// ---- messages ---------------------------------------------------------------------------------------

/** Shows an error (an ApiError, or anything thrown) as a readable message. */
function showError(error, context) {
  const box = $('#message');
  box.replaceChildren();
  box.className = 'message error';
  const e = error instanceof ApiError ? error : new ApiError({ title: 'Unexpected error', detail: String(error?.message ?? error) });
  const heading = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = context ? `${context}: ${e.title}` : e.title;
  heading.append(strong);
  if (e.status) heading.append(` (HTTP ${e.status})`);
  box.append(heading);
  if (e.detail) box.append(paragraph(e.detail, 'detail'));
  if (e.status === 403) {
    box.append(paragraph('Check the API key above: it is missing or not a key this API knows.', 'hint'));
  }
  if (e.state) box.append(paragraph(`The file is ${e.state}.`, 'state'));
  // Each invalid field, unless the detail already says just that.
  const fieldErrors = e.errors.filter(({ field, message }) => `${field}: ${message}` !== e.detail);
  if (fieldErrors.length) {
    const list = document.createElement('ul');
    list.className = 'field-errors';
    for (const { field, message } of fieldErrors) {
      const item = document.createElement('li');
      const code = document.createElement('code');
      code.textContent = field;
      item.append(code, `: ${message}`);
      list.append(item);
    }
    box.append(list);
  }
  if (e.requestId) box.append(paragraph(`Request id ${e.requestId}`, 'hint'));
  box.hidden = false;
}

function showNotice(text) {
  const box = $('#message');
  box.className = 'message notice';
  box.replaceChildren(paragraph(text));
  box.hidden = false;
}

function clearMessage() {
  const box = $('#message');
  box.hidden = true;
  box.replaceChildren();
}

function paragraph(text, className) {
  const p = document.createElement('p');
  p.textContent = text;
  if (className) p.className = className;
  return p;
}

// ---- the API key ------------------------------------------------------------------------------------

function setupKeyForm() {
  const input = $('#api-key');
  input.value = apiKey;
  $('#key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    apiKey = input.value.trim();
    saveApiKey(apiKey);
    clearMessage();
    showKeyStatus();
    refreshFiles();
  });
  $('#forget-key').addEventListener('click', () => {
    apiKey = '';
    input.value = '';
    saveApiKey('');
    showKeyStatus();
    list.files = [];
    list.nextCursor = null;
    renderFiles();
  });
  showKeyStatus();
}

function showKeyStatus() {
  $('#key-status').textContent = apiKey
    ? `A key is saved in this browser (…${apiKey.slice(-4)}).`
    : 'No key saved yet: every request needs one.';
}

// ---- uploads ----------------------------------------------------------------------------------------

/**
 * FilePond's process: ask the API for an upload ticket, then send the bytes to the presigned URL with
 * the signed headers. The server id FilePond keeps is the file id.
 */
function processFile(fieldName, file, metadata, load, error, progress, abort) {
  let aborted = false;
  let upload = null;
  let fileId = null;

  (async () => {
    if (!api) throw new ApiError({ title: 'Not ready', detail: 'The page has not loaded its configuration.' });
    progress(false, 0, file.size);
    const checksumSha256 = await sha256Base64(file);
    if (aborted) return;
    const request = {
      name: file.name,
      contentType: file.type || 'application/octet-stream',
      size: file.size,
    };
    if (checksumSha256) request.checksumSha256 = checksumSha256;
    const started = await api.createFile(request);
    fileId = started.file.id;
    if (aborted) {
      forgetAbandoned(fileId);
      return;
    }
    mergeFile(started.file);
    upload = uploadBytes(started.upload, file, (computable, loaded, total) => progress(computable, loaded, total));
    await upload.promise;
    load(fileId);
    clearMessage();
    refreshFiles();
  })().catch((e) => {
    if (aborted || e?.name === 'AbortError') return;
    showError(e, `Uploading ${file.name}`);
    error(e instanceof ApiError ? e.summary : String(e?.message ?? e));
    if (fileId) refreshFiles();
  });

  return {
    abort: () => {
      aborted = true;
      upload?.abort();
      if (fileId) forgetAbandoned(fileId);
      abort();
    },
  };
}

/** A cancelled upload leaves a PENDING file; delete it rather than let it wait for expiry. */
function forgetAbandoned(id) {
  api.deleteFile(id).catch(() => {}).finally(() => refreshFiles());
}

/** FilePond's revert (its undo button): delete the file, and only then let FilePond forget it. */
function revertFile(fileId, load, error) {
  api.deleteFile(fileId).then(
    () => {
      load();
      removeFromList(fileId);
      refreshFiles();
    },
    (e) => {
      showError(e, 'Undoing the upload');
      error(e instanceof ApiError ? e.summary : String(e?.message ?? e));
    },
  );
}

function setupPond() {
  return createPond($('#upload'), {
    name: 'file',
    allowMultiple: true,
    instantUpload: true,
    allowRevert: true,
    forceRevert: true, // a failed DELETE keeps the item, showing the error, instead of hiding it
    credits: false,
    labelIdle: 'Drag &amp; drop files or <span class="filepond--label-action">browse</span>',
    labelFileProcessingError: (e) => e?.body || 'Upload failed',
    labelFileProcessingRevertError: (e) => e?.body || 'Undo failed',
    server: {
      process: processFile,
      revert: revertFile,
      restore: null,
      load: null,
      fetch: null,
      remove: null,
    },
    beforeAddFile: () => {
      if (!apiKey) {
        showError(new ApiError({ title: 'No API key', detail: 'Enter the API key first, then add files.' }));
        return false;
      }
      return true;
    },
  });
}

// ---- the list of files ------------------------------------------------------------------------------

const list = { files: [], nextCursor: null, loading: false, again: false, pollTimer: 0, pollDelay: 1000 };

/** Reloads the first pages (as many as are shown), newest first. Calls made while loading coalesce. */
async function refreshFiles() {
  if (!api) return;
  if (list.loading) {
    list.again = true;
    return;
  }
  if (!apiKey) {
    $('#files-status').textContent = 'Enter the API key to see your files.';
    return;
  }
  list.loading = true;
  try {
    do {
      list.again = false;
      const wanted = Math.max(PAGE_SIZE, list.files.length);
      const files = [];
      let cursor;
      do {
        const page = await api.listFiles({ limit: Math.min(100, wanted - files.length), cursor });
        files.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && files.length < wanted);
      list.files = files;
      list.nextCursor = cursor ?? null;
    } while (list.again);
    renderFiles();
  } catch (e) {
    if (e.status === 403) {
      // Not this key's files any more: show none rather than another key's.
      list.files = [];
      list.nextCursor = null;
      renderFiles();
    }
    $('#files-status').textContent = 'Could not load the files.';
    showError(e, 'Listing files');
  } finally {
    list.loading = false;
  }
  schedulePoll();
}

async function loadMore() {
  if (!list.nextCursor) return;
  try {
    const page = await api.listFiles({ limit: PAGE_SIZE, cursor: list.nextCursor });
    const known = new Set(list.files.map((f) => f.id));
    list.files.push(...page.items.filter((f) => !known.has(f.id)));
    list.nextCursor = page.nextCursor ?? null;
    renderFiles();
  } catch (e) {
    showError(e, 'Listing files');
  }
}

/** While a file is PENDING (S3 has not confirmed it yet), poll, slowing down the longer it takes. */
function schedulePoll() {
  clearTimeout(list.pollTimer);
  if (!list.files.some((f) => f.state === 'PENDING')) {
    list.pollDelay = 1000;
    return;
  }
  list.pollTimer = setTimeout(() => {
    list.pollDelay = Math.min(list.pollDelay * 1.5, 15000);
    if (document.hidden) schedulePoll();
    else refreshFiles();
  }, list.pollDelay);
}

function mergeFile(file) {
  const index = list.files.findIndex((f) => f.id === file.id);
  if (index >= 0) list.files[index] = file;
  else list.files.unshift(file);
  list.pollDelay = 1000;
  renderFiles();
}

function removeFromList(id) {
  list.files = list.files.filter((f) => f.id !== id);
  renderFiles();
}

/** Decimal units, as FilePond shows them. */
function formatSize(bytes) {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  do {
    value /= 1000;
    unit += 1;
  } while (value >= 1000 && unit < units.length - 1);
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function renderFiles() {
  const rows = list.files.map(fileRow);
  $('#file-rows').replaceChildren(...rows);
  $('#files').hidden = rows.length === 0;
  $('#more').hidden = !list.nextCursor;
  const pending = list.files.filter((f) => f.state === 'PENDING').length;
  $('#files-status').textContent = rows.length === 0
    ? 'No files yet.'
    : `${rows.length} file${rows.length === 1 ? '' : 's'}${list.nextCursor ? ' shown' : ''}`
      + (pending ? `; ${pending} awaiting confirmation from storage.` : '.');
}

function fileRow(file) {
  const tr = document.createElement('tr');
  tr.dataset.testid = 'file-row';
  tr.dataset.fileId = file.id;
  tr.dataset.name = file.name;
  tr.dataset.state = file.state;

  const name = document.createElement('td');
  name.className = 'name';
  name.textContent = file.name;
  name.title = `${file.contentType}, id ${file.id}`;

  const size = document.createElement('td');
  size.className = 'num';
  size.textContent = formatSize(file.size);
  size.title = `${file.size.toLocaleString()} bytes`;

  const state = document.createElement('td');
  const badge = document.createElement('span');
  badge.className = `state state-${file.state.toLowerCase()}`;
  badge.dataset.testid = 'file-state';
  badge.textContent = file.state;
  state.append(badge);

  const created = document.createElement('td');
  const time = document.createElement('time');
  time.dateTime = file.createdAt;
  time.textContent = dateFormat.format(new Date(file.createdAt));
  created.append(time);

  const actions = document.createElement('td');
  actions.className = 'actions';
  const buttons = document.createElement('div');
  buttons.className = 'buttons';
  actions.append(buttons);
  const canDownload = file.state === 'UPLOADED' || file.state === 'STORED';
  buttons.append(
    actionButton('Store', file, file.state === 'UPLOADED', storeFile,
      file.state === 'STORED' ? 'Already stored' : file.state === 'PENDING' ? 'Waiting for the upload to be confirmed' : ''),
    actionButton('Download', file, canDownload, downloadFile, canDownload ? '' : 'Not uploaded yet'),
    actionButton('Delete', file, true, deleteFile, '', 'danger'),
  );

  tr.append(name, size, state, created, actions);
  return tr;
}

function actionButton(label, file, enabled, action, why, className = 'secondary') {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.className = className;
  button.dataset.testid = label.toLowerCase();
  button.setAttribute('aria-label', `${label} ${file.name}`);
  button.disabled = !enabled;
  if (why) button.title = why;
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await action(file);
    } catch (e) {
      showError(e, `${label} ${file.name}`);
      refreshFiles();
    } finally {
      button.disabled = !enabled;
    }
  });
  return button;
}

async function storeFile(file) {
  const stored = await api.storeFile(file.id);
  clearMessage();
  mergeFile(stored);
}

async function downloadFile(file) {
  const link = await api.downloadFile(file.id, { disposition: 'attachment' });
  // The presigned URL answers with Content-Disposition: attachment and the file's name, so following
  // it saves the file (a cross-origin URL ignores the download attribute; the header decides).
  const a = document.createElement('a');
  a.href = link.url;
  a.download = file.name;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  clearMessage();
}

async function deleteFile(file) {
  await api.deleteFile(file.id);
  showNotice(`Deleted ${file.name}.`);
  // A finished upload of this file in FilePond has nothing left to undo.
  for (const item of pond?.getFiles() ?? []) {
    if (item.serverId === file.id) pond.removeFile(item.id);
  }
  removeFromList(file.id);
  refreshFiles();
}

// ---- start ------------------------------------------------------------------------------------------

async function main() {
  setupKeyForm();
  $('#refresh').addEventListener('click', () => {
    clearMessage();
    list.pollDelay = 1000;
    refreshFiles();
  });
  $('#more').addEventListener('click', loadMore);
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && list.files.some((f) => f.state === 'PENDING')) refreshFiles();
  });
  pond = setupPond();
  document.body.dataset.ready = 'false';
  try {
    const config = await loadConfig();
    // The ID token the gallery page saved, if any: a deployment with the user-pool authorizer needs it.
    api = createApi(config.apiUrl, () => apiKey, savedIdToken);
    $('#api-url').textContent = `API: ${config.apiUrl}`;
    document.body.dataset.ready = 'true';
    await refreshFiles();
  } catch (e) {
    showError(e);
    $('#files-status').textContent = 'The page could not start.';
  }
}

main();
