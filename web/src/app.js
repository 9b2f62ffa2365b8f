// The sample client: an API key form, a FilePond uploader that follows the API's upload-ticket flow,
// and the caller's files with Store, Download and Delete.

import { create as createPond } from './vendor/filepond/filepond.esm.js';
import {
  ApiError, savedApiKey, saveApiKey, savedIdToken, sha256Base64, uploadBytes,
} from './api.js';
import {
  $, clearMessage, connect, FileList, formatSize, keyStatus, paragraph, showError as showProblem, showNotice,
} from './page.js';

const PAGE_SIZE = 20;

let apiKey = savedApiKey();
let api = null;
let pond = null;

// ---- messages ---------------------------------------------------------------------------------------

/** Shows an error readably; on a 403 it points at the key, the only credential this page asks for. */
function showError(error, context) {
  showProblem(error, context, {
    notes: (e) => (e.status === 403
      ? [paragraph('Check the API key above: it is missing or not a key this API knows.', 'hint')]
      : []),
  });
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
  $('#key-status').textContent = keyStatus(apiKey);
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

const list = new FileList({ pageSize: PAGE_SIZE, render: renderFiles, refresh: refreshFiles, more: loadMore });
const listFiles = (query) => api.listFiles(query);

/** Reloads the first pages (as many as are shown), newest first. Calls made while loading coalesce. */
async function refreshFiles() {
  if (!api) return;
  // A call while loading only asks for one more load; the key is checked when a load starts.
  if (!list.loading && !apiKey) {
    $('#files-status').textContent = 'Enter the API key to see your files.';
    return;
  }
  await list.load(listFiles, (e) => {
    if (e.status === 403) {
      // Not this key's files any more: show none rather than another key's.
      list.files = [];
      list.nextCursor = null;
      renderFiles();
    }
    $('#files-status').textContent = 'Could not load the files.';
    showError(e, 'Listing files');
  });
}

async function loadMore() {
  await list.loadMore(listFiles, (e) => showError(e, 'Listing files'));
}

function mergeFile(file) {
  list.merge(file);
  renderFiles();
}

function removeFromList(id) {
  list.files = list.files.filter((f) => f.id !== id);
  renderFiles();
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function renderFiles() {
  const rows = list.files.map(fileRow);
  $('#file-rows').replaceChildren(...rows);
  $('#files').hidden = rows.length === 0;
  $('#more').hidden = !list.nextCursor;
  const pending = list.pending();
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
  list.wire();
  pond = setupPond();
  document.body.dataset.ready = 'false';
  try {
    // The ID token the gallery page saved, if any: a deployment with the user-pool authorizer needs it.
    api = await connect(() => apiKey, savedIdToken);
    document.body.dataset.ready = 'true';
    await refreshFiles();
  } catch (e) {
    showError(e);
    $('#files-status').textContent = 'The page could not start.';
  }
}

main();
