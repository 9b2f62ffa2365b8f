// The collection gallery: the caller's collections, a form for a new one, uploads of images with a title
// and a description into the chosen collection (upload ticket, presigned PUT with progress, store once
// UPLOADED), and the collection's files newest first as cards whose thumbnails load through presigned
// GETs (disposition=inline), each link reused until it expires.

import {
  ApiError, savedApiKey, saveApiKey, savedIdToken, saveIdToken, sha256Base64, tokenClaims, uploadBytes,
} from './api.js';
import {
  $, asApiError, clearMessage, connect, FileList, formatSize, keyStatus, paragraph, showError as showProblem,
  showNotice,
} from './page.js';

const PAGE_SIZE = 24;
/** Lifetime asked for a thumbnail's link; a link is reused until a minute before it expires. */
const LINK_TTL_SECONDS = 900;
const LINK_MARGIN_MS = 60_000;
/** How long an upload may wait for storage to confirm it before the page gives up on storing it. */
const CONFIRM_TIMEOUT_MS = 120_000;
const CHOSEN_STORAGE = 'filestore.gallery.collection';

let apiKey = savedApiKey();
let idToken = savedIdToken();
let api = null;

/** The caller's memberships, and the chosen one (a Collection with the caller's `role`). */
const collections = { items: [], current: null };
/**
 * The chosen collection's files. `generation` changes with the collection, so answers about the previous
 * collection that arrive late are dropped.
 */
const gallery = new FileList({ pageSize: PAGE_SIZE, render: renderGallery, refresh: refreshGallery, more: loadMore });
/** The cards shown, by file id, kept across refreshes so a loaded thumbnail is not loaded again. */
const cards = new Map();
/** Download links by file id: { url, expiresAt (ms) }; and the requests in flight. */
const links = new Map();
const linkRequests = new Map();
/** The images waiting in the upload form. */
const queue = [];
let queueSerial = 0;

// ---- messages ---------------------------------------------------------------------------------------

/** What the page can add to a problem, from what it knows: the role, the token, the key. */
function hintsFor(e) {
  const hints = [];
  if (e.status === 401) {
    const claims = tokenClaims(idToken);
    if (!idToken) {
      hints.push('This API needs an ID token of its user pool: paste one in Credentials above and save it.');
    } else if (claims?.exp && claims.exp * 1000 <= Date.now()) {
      hints.push(`The saved ID token expired at ${dateFormat.format(new Date(claims.exp * 1000))}: paste a new one.`);
    } else {
      hints.push('The saved ID token was refused: check that it is a current token of this API\'s user pool.');
    }
  } else if (e.status === 403 && e.type.endsWith(':role-required')) {
    const role = collections.current?.role;
    hints.push(role
      ? `Your role in “${collections.current.name}” is ${role}. Ask an owner to make you a contributor to upload.`
      : 'Your role in this collection does not allow this.');
  } else if (e.status === 403) {
    hints.push('Check the API key above: it is missing or not a key this API knows.');
  } else if (e.status === 404) {
    hints.push('The collection does not exist, or you are not (or no longer) one of its members.');
  }
  return hints;
}

/** Shows an error readably, with a refused type's allowed types and the page's hints. */
function showError(error, context) {
  showProblem(error, context, { notes: allowedTypes, hints: hintsFor });
}

function allowedTypes(e) {
  if (!e.allowedContentTypes.length) return [];
  const allowed = paragraph(`Allowed types: ${e.allowedContentTypes.join(', ')}.`, 'allowed');
  allowed.dataset.testid = 'allowed-types';
  return [allowed];
}

// ---- credentials ------------------------------------------------------------------------------------

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function mySub() {
  const sub = tokenClaims(idToken)?.sub;
  return typeof sub === 'string' ? sub : '';
}

function showCredentialStatus() {
  const parts = [];
  parts.push(keyStatus(apiKey));
  if (idToken) {
    const claims = tokenClaims(idToken);
    if (!claims) {
      parts.push('An ID token is saved.');
    } else {
      const who = claims.sub ? ` for ${claims['cognito:username'] ?? claims.email ?? claims.sub}` : '';
      const expires = typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null;
      if (expires && expires.getTime() <= Date.now()) parts.push(`The ID token${who} expired at ${dateFormat.format(expires)}.`);
      else parts.push(`ID token${who}${expires ? `, valid until ${dateFormat.format(expires)}` : ''}.`);
    }
  } else {
    parts.push('No ID token: enough only when the API does not use the user-pool authorizer.');
  }
  $('#credentials-status').textContent = parts.join(' ');
}

function setupCredentials() {
  const keyInput = $('#api-key');
  const tokenInput = $('#id-token');
  keyInput.value = apiKey;
  tokenInput.value = idToken;
  $('#credentials-form').addEventListener('submit', (event) => {
    event.preventDefault();
    apiKey = keyInput.value.trim();
    saveApiKey(apiKey);
    idToken = saveIdToken(tokenInput.value);
    tokenInput.value = idToken;
    clearMessage();
    showCredentialStatus();
    loadCollections();
  });
  $('#forget-credentials').addEventListener('click', () => {
    apiKey = '';
    idToken = '';
    keyInput.value = '';
    tokenInput.value = '';
    saveApiKey('');
    saveIdToken('');
    showCredentialStatus();
    collections.items = [];
    renderChooser();
    choose(null);
  });
  showCredentialStatus();
}

// ---- collections ------------------------------------------------------------------------------------

function savedChoice() {
  try {
    return localStorage.getItem(CHOSEN_STORAGE) ?? '';
  } catch {
    return '';
  }
}

function saveChoice(id) {
  try {
    if (id) localStorage.setItem(CHOSEN_STORAGE, id);
    else localStorage.removeItem(CHOSEN_STORAGE);
  } catch {
    // only a convenience
  }
}

/** Loads every membership (at most 20 pages of 100), then chooses `prefer`, the URL's, the last one, or the first. */
async function loadCollections(prefer) {
  if (!api) return;
  if (!apiKey) {
    $('#collections-status').textContent = 'Enter the API key (and the ID token, if the API needs one) to see your collections.';
    return;
  }
  $('#collections-status').textContent = 'Loading collections…';
  try {
    const items = [];
    let cursor;
    let pages = 0;
    do {
      const page = await api.listCollections({ limit: 100, cursor });
      items.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    collections.items = items;
  } catch (e) {
    collections.items = [];
    renderChooser();
    choose(null);
    $('#collections-status').textContent = 'Could not load your collections.';
    showError(e, 'Loading collections');
    return;
  }
  renderChooser();
  const wanted = [prefer, location.hash.slice(1), savedChoice(), collections.current?.id]
    .find((id) => id && collections.items.some((c) => c.id === id));
  choose(collections.items.find((c) => c.id === wanted) ?? collections.items[0] ?? null);
}

function renderChooser() {
  const select = $('#collection');
  const options = collections.items.map((c) => {
    const option = document.createElement('option');
    option.value = c.id;
    option.textContent = `${c.name} (${c.role})`;
    return option;
  });
  if (options.length === 0) {
    const none = document.createElement('option');
    none.value = '';
    none.textContent = 'No collections yet';
    options.push(none);
  }
  select.replaceChildren(...options);
  select.disabled = collections.items.length === 0;
  $('#collections-status').textContent = collections.items.length === 0
    ? (apiKey ? 'You are not a member of any collection yet: create one below.' : '')
    : `You are a member of ${collections.items.length} collection${collections.items.length === 1 ? '' : 's'}.`;
}

/** Makes `collection` the chosen one (or none), and loads its files. */
function choose(collection) {
  const changed = collection?.id !== collections.current?.id;
  collections.current = collection;
  if (collection) {
    $('#collection').value = collection.id;
    saveChoice(collection.id);
    if (location.hash.slice(1) !== collection.id) history.replaceState(null, '', `#${collection.id}`);
  }
  renderCollection();
  if (changed) {
    gallery.reset();
    cards.clear();
    renderGallery();
  }
  if (collection) refreshGallery();
}

const ROLE_WORDS = {
  owner: 'you can upload, store or delete any file, and add members',
  contributor: 'you can upload, and store or delete your own uploads',
  viewer: 'you can look and download; uploads are refused',
};

function renderCollection() {
  const c = collections.current;
  $('#upload-card').hidden = !c;
  $('#gallery-card').hidden = !c;
  $('#members-card').hidden = c?.role !== 'owner';
  $('#role').textContent = c ? `Your role: ${c.role}` : '';
  $('#role').title = c ? ROLE_WORDS[c.role] ?? '' : '';
  if (!c) return;
  $('#gallery-heading').textContent = `Gallery of ${c.name}`;
  const types = c.policy?.allowedContentTypes ?? [];
  const parts = [];
  parts.push(types.length ? `“${c.name}” accepts ${types.join(', ')}` : `“${c.name}” accepts the types the API allows`);
  if (typeof c.policy?.maxSize === 'number') parts.push(` up to ${formatSize(c.policy.maxSize)} each`);
  parts.push(`. As ${c.role === 'owner' ? 'an' : 'a'} ${c.role}, ${ROLE_WORDS[c.role] ?? 'your role decides what you can do'}.`);
  $('#policy').textContent = parts.join('');
  // A hint for the file chooser only: the API decides, and says why it refuses a type.
  $('#images').accept = types.length ? types.join(',') : 'image/*';
}

function setupCollections() {
  $('#collection').addEventListener('change', (event) => {
    clearMessage();
    choose(collections.items.find((c) => c.id === event.target.value) ?? null);
  });
  $('#reload-collections').addEventListener('click', () => {
    clearMessage();
    loadCollections();
  });
  window.addEventListener('hashchange', () => {
    const wanted = collections.items.find((c) => c.id === location.hash.slice(1));
    if (wanted && wanted.id !== collections.current?.id) choose(wanted);
  });

  const form = $('#collection-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = $('#collection-name').value.trim();
    const types = [...form.querySelectorAll('input[name="type"]:checked')].map((input) => input.value);
    if (!name || types.length === 0) {
      showError(new ApiError({
        title: 'Incomplete collection',
        detail: !name ? 'Give the collection a name.' : 'Allow at least one image type.',
      }));
      return;
    }
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const created = await api.createCollection({ name, policy: { allowedContentTypes: types } });
      form.reset();
      $('#new-collection').open = false;
      showNotice(`Created “${created.name}”; it accepts ${created.policy?.allowedContentTypes?.join(', ') ?? types.join(', ')}.`);
      await loadCollections(created.id);
    } catch (e) {
      showError(e, 'Creating the collection');
    } finally {
      button.disabled = false;
    }
  });

  $('#member-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const c = collections.current;
    if (!c) return;
    const raw = $('#member-principal').value.trim();
    const principal = /^(user|key):/.test(raw) ? raw : `user:${raw}`;
    const role = $('#member-role').value;
    const button = event.target.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const member = await api.putMember(c.id, principal, role);
      $('#member-principal').value = '';
      showNotice(`${member.principal} is now ${member.role === 'owner' ? 'an' : 'a'} ${member.role} of “${c.name}”.`);
    } catch (e) {
      showError(e, `Adding ${principal}`);
    } finally {
      button.disabled = false;
    }
  });
}

// ---- uploads ----------------------------------------------------------------------------------------

function stem(name) {
  return name.replace(/\.[^.]+$/, '') || name;
}

/** Adds the chosen files to the upload form, each with its title and description fields. */
function enqueue(files) {
  for (const file of files) {
    const n = ++queueSerial;
    const li = document.createElement('li');
    li.className = 'queue-item';
    li.dataset.testid = 'queue-item';
    li.dataset.name = file.name;

    const preview = document.createElement('div');
    preview.className = 'preview';
    let objectUrl = '';
    if (file.type.startsWith('image/')) {
      objectUrl = URL.createObjectURL(file);
      const img = document.createElement('img');
      img.src = objectUrl;
      img.alt = `Preview of ${file.name}`;
      img.addEventListener('error', () => img.remove());
      preview.append(img);
    }

    const fields = document.createElement('div');
    fields.className = 'fields';
    const about = paragraph(`${file.name} · ${file.type || 'unknown type'} · ${formatSize(file.size)}`, 'file-name');

    const titleLabel = document.createElement('label');
    titleLabel.htmlFor = `title-${n}`;
    titleLabel.textContent = `Title of ${file.name}`;
    const title = document.createElement('input');
    title.type = 'text';
    title.id = `title-${n}`;
    title.required = true;
    title.maxLength = 256;
    title.value = stem(file.name);
    title.dataset.testid = 'item-title';

    const descriptionLabel = document.createElement('label');
    descriptionLabel.htmlFor = `description-${n}`;
    descriptionLabel.textContent = `Description of ${file.name}`;
    const description = document.createElement('textarea');
    description.id = `description-${n}`;
    description.rows = 2;
    description.maxLength = 1024;
    description.dataset.testid = 'item-description';

    const progress = document.createElement('progress');
    progress.max = 100;
    progress.value = 0;
    progress.hidden = true;
    progress.setAttribute('aria-label', `Upload of ${file.name}`);
    progress.dataset.testid = 'item-progress';
    const status = paragraph('', 'item-status');
    status.dataset.testid = 'item-status';
    status.setAttribute('aria-live', 'polite');

    fields.append(about, titleLabel, title, descriptionLabel, description, progress, status);

    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'secondary';
    remove.textContent = 'Remove';
    remove.setAttribute('aria-label', `Remove ${file.name}`);
    remove.dataset.testid = 'item-remove';

    li.append(preview, fields, remove);
    const item = { file, li, title, description, progress, status, remove, objectUrl, state: 'ready', abort: null };
    remove.addEventListener('click', () => {
      item.abort?.();
      dequeue(item);
    });
    queue.push(item);
    $('#queue').append(li);
  }
  renderQueueButton();
}

function dequeue(item) {
  const index = queue.indexOf(item);
  if (index >= 0) queue.splice(index, 1);
  if (item.objectUrl) URL.revokeObjectURL(item.objectUrl);
  item.li.remove();
  renderQueueButton();
}

function renderQueueButton() {
  const waiting = queue.filter((item) => item.state === 'ready' || item.state === 'failed').length;
  const button = $('#start-upload');
  button.hidden = waiting === 0;
  button.textContent = waiting === 1 ? 'Upload 1 image' : `Upload ${waiting} images`;
}

function setItemState(item, state, text) {
  item.state = state;
  item.li.dataset.state = state;
  item.status.textContent = text;
  const busy = state === 'busy';
  item.title.disabled = busy;
  item.description.disabled = busy;
  item.remove.hidden = busy;
  renderQueueButton();
}

/**
 * Uploads the waiting images one after another (so their order is the order they were chosen in), each:
 * ticket, bytes with progress; then, in the background, waits for storage to confirm and stores it.
 */
async function uploadQueued() {
  const c = collections.current;
  if (!c || !api) return;
  const waiting = queue.filter((item) => item.state === 'ready' || item.state === 'failed');
  const confirmations = [];
  let failed = 0;
  for (const item of waiting) {
    try {
      const id = await sendItem(item, c);
      confirmations.push(confirmItem(item, id, c));
    } catch (e) {
      failed += 1;
      failItem(item, e, 'Uploading');
    }
  }
  const stored = (await Promise.all(confirmations)).filter(Boolean);
  // A notice only when all went well: it would hide the error of a failed image otherwise.
  if (stored.length && !failed && stored.length === confirmations.length) {
    showNotice(stored.length === 1
      ? `Added “${stored[0].metadata?.title ?? stored[0].name}” to “${c.name}”.`
      : `Added ${stored.length} images to “${c.name}”.`);
  }
}

async function sendItem(item, c) {
  const { file } = item;
  setItemState(item, 'busy', 'Preparing…');
  const request = {
    name: file.name,
    contentType: file.type || 'application/octet-stream',
    size: file.size,
    title: item.title.value.trim() || stem(file.name),
  };
  const description = item.description.value.trim();
  if (description) request.description = description;
  const checksumSha256 = await sha256Base64(file);
  if (checksumSha256) request.checksumSha256 = checksumSha256;

  const started = await api.createCollectionFile(c.id, request);
  const id = started.file.id;
  item.li.dataset.fileId = id;
  if (collections.current?.id === c.id) mergeFile(started.file);

  item.status.textContent = 'Uploading…';
  item.progress.hidden = false;
  const upload = uploadBytes(started.upload, file, (computable, loaded, total) => {
    if (!computable || !total) {
      item.progress.removeAttribute('value');
      return;
    }
    const percent = Math.round((loaded / total) * 100);
    item.progress.value = percent;
    item.status.textContent = `Uploading… ${percent}%`;
  });
  item.abort = upload.abort;
  try {
    await upload.promise;
  } catch (e) {
    // The PENDING file would only wait for expiry; delete it now.
    api.deleteFile(id).catch(() => {}).finally(() => refreshGallery());
    throw e;
  } finally {
    item.abort = null;
  }
  item.progress.value = 100;
  item.status.textContent = 'Sent; waiting for storage to confirm…';
  return id;
}

async function confirmItem(item, id, c) {
  try {
    const stored = await storeWhenUploaded(id);
    if (collections.current?.id === c.id) mergeFile(stored);
    dequeue(item);
    return stored;
  } catch (e) {
    failItem(item, e, 'Storing');
    if (collections.current?.id === c.id) refreshGallery();
    return null;
  }
}

function failItem(item, error, verb) {
  if (error?.name === 'AbortError') return;
  const e = asApiError(error);
  setItemState(item, 'failed', `Failed: ${e.summary}`);
  item.progress.hidden = true;
  showError(e, `${verb} ${item.file.name}`);
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** Polls the file until storage has confirmed it (UPLOADED), then stores it; STORED already is fine. */
async function storeWhenUploaded(id) {
  const deadline = Date.now() + CONFIRM_TIMEOUT_MS;
  let delay = 300;
  for (;;) {
    const file = await api.getFile(id);
    if (file.state === 'STORED') return file;
    if (file.state === 'UPLOADED') return api.storeFile(id);
    if (file.state !== 'PENDING') {
      throw new ApiError({ title: 'The upload was not kept', detail: `The file is ${file.state}.`, state: file.state });
    }
    if (Date.now() > deadline) {
      throw new ApiError({
        title: 'Storage did not confirm the upload',
        detail: `The file is still PENDING after ${CONFIRM_TIMEOUT_MS / 1000} s; it expires unless stored.`,
        state: file.state,
      });
    }
    await sleep(delay);
    delay = Math.min(delay * 1.5, 5000);
  }
}

function setupUploads() {
  $('#images').addEventListener('change', (event) => {
    enqueue([...event.target.files]);
    event.target.value = '';
  });
  $('#upload-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!apiKey) {
      showError(new ApiError({ title: 'No API key', detail: 'Enter the API key first, then upload.' }));
      return;
    }
    clearMessage();
    uploadQueued();
  });
}

// ---- the gallery ------------------------------------------------------------------------------------

/** The chosen collection's files, one page. */
function listPageOf(c) {
  return (query) => api.listCollectionFiles(c.id, query);
}

/** Reloads the first pages (as many as are shown), newest first. Calls made while loading coalesce. */
async function refreshGallery() {
  const c = collections.current;
  if (!api || !c) return;
  await gallery.load(listPageOf(c), (e) => {
    $('#gallery-status').textContent = 'Could not load the files.';
    showError(e, `Listing “${c.name}”`);
  });
}

async function loadMore() {
  const c = collections.current;
  if (!c) return;
  await gallery.loadMore(listPageOf(c), (e) => showError(e, `Listing “${c.name}”`));
}

/** A file this page created or stored, in its place among the others (newest first). */
function mergeFile(file) {
  gallery.merge(file);
  gallery.files.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  renderGallery();
  gallery.schedulePoll();
}

function renderGallery() {
  const shown = new Set(gallery.files.map((f) => f.id));
  for (const id of cards.keys()) if (!shown.has(id)) cards.delete(id);
  $('#gallery').replaceChildren(...gallery.files.map((file) => cardFor(file).li));
  $('#more').hidden = !gallery.nextCursor;
  const count = gallery.files.length;
  const pending = gallery.pending();
  $('#gallery-status').textContent = count === 0
    ? (collections.current ? 'No files in this collection yet.' : '')
    : `${count} file${count === 1 ? '' : 's'}${gallery.nextCursor ? ' shown' : ''}, newest first`
      + (pending ? `; ${pending} awaiting confirmation from storage.` : '.');
}

/** Who uploaded a file, readably: a user's sub (or "you"), or an API key's short digest. */
function uploader(principal) {
  if (!principal) return 'unknown';
  const [kind, ...rest] = principal.split(':');
  const name = rest.join(':');
  if (kind === 'user') return name && name === mySub() ? `you (${name})` : name;
  if (kind === 'key') return `API key ${name.slice(0, 8)}…`;
  return principal;
}

const showsImage = (file) => file.contentType.startsWith('image/') && (file.state === 'UPLOADED' || file.state === 'STORED');

function cardFor(file) {
  let card = cards.get(file.id);
  if (!card) {
    card = buildCard(file);
    cards.set(file.id, card);
  }
  updateCard(card, file);
  return card;
}

function buildCard(file) {
  const li = document.createElement('li');
  li.className = 'tile';
  li.dataset.testid = 'gallery-card';
  li.dataset.fileId = file.id;
  const figure = document.createElement('figure');
  const frame = document.createElement('div');
  frame.className = 'thumb';
  const caption = document.createElement('figcaption');
  const title = document.createElement('h3');
  title.dataset.testid = 'card-title';
  const description = paragraph('', 'description');
  description.dataset.testid = 'card-description';
  const byline = paragraph('', 'byline');
  byline.dataset.testid = 'card-uploader';
  const badge = document.createElement('span');
  badge.dataset.testid = 'card-state';
  caption.append(title, description, byline, badge);
  figure.append(frame, caption);
  li.append(figure);
  return { li, frame, title, description, byline, badge, img: null, requested: false, retried: false };
}

function updateCard(card, file) {
  const titleText = file.metadata?.title || file.name;
  card.li.dataset.state = file.state;
  card.li.dataset.title = titleText;
  card.title.textContent = titleText;
  card.description.textContent = file.metadata?.description ?? '';
  card.description.hidden = !file.metadata?.description;
  const time = document.createElement('time');
  time.dateTime = file.createdAt;
  time.textContent = dateFormat.format(new Date(file.createdAt));
  card.byline.replaceChildren(`Uploaded by ${uploader(file.createdBy)} · `, time);
  card.byline.title = file.createdBy ?? '';
  card.badge.className = `state state-${file.state.toLowerCase()}`;
  card.badge.textContent = file.state;
  card.badge.hidden = file.state === 'STORED';

  if (showsImage(file)) {
    if (!card.img) {
      card.img = document.createElement('img');
      card.img.dataset.testid = 'thumbnail';
      card.img.decoding = 'async';
      card.img.addEventListener('load', () => {
        card.img.dataset.loaded = 'true';
        card.frame.classList.remove('broken');
      });
      card.img.addEventListener('error', () => thumbnailFailed(card, file));
      card.frame.replaceChildren(card.img);
    }
    card.img.alt = titleText;
    if (!card.requested) {
      card.requested = true;
      loadThumbnail(card, file);
    }
  } else if (!card.img) {
    const placeholder = paragraph(
      file.state === 'PENDING' ? 'Waiting for storage…' : file.name,
      'placeholder',
    );
    card.frame.replaceChildren(placeholder);
  }
}

async function loadThumbnail(card, file) {
  try {
    card.img.src = await downloadLink(file.id);
  } catch (e) {
    card.frame.classList.add('broken');
    card.img.alt = `${file.metadata?.title || file.name} (the image could not be loaded: ${asApiError(e).summary})`;
  }
}

/** A link that failed may have expired early (a clock skew): ask once for a new one. */
function thumbnailFailed(card, file) {
  if (!card.img.src) return;
  if (!card.retried) {
    card.retried = true;
    links.delete(file.id);
    loadThumbnail(card, file);
    return;
  }
  card.frame.classList.add('broken');
}

/** A presigned inline GET for the file, reused until shortly before it expires. */
function downloadLink(id) {
  const cached = links.get(id);
  if (cached && cached.expiresAt - Date.now() > LINK_MARGIN_MS) return Promise.resolve(cached.url);
  if (!linkRequests.has(id)) {
    const request = limited(() => api.downloadFile(id, { ttl: LINK_TTL_SECONDS, disposition: 'inline' }))
      .then((link) => {
        const expiresAt = Date.parse(link.expiresAt);
        links.set(id, { url: link.url, expiresAt: Number.isNaN(expiresAt) ? Date.now() + LINK_MARGIN_MS : expiresAt });
        return link.url;
      })
      .finally(() => linkRequests.delete(id));
    linkRequests.set(id, request);
  }
  return linkRequests.get(id);
}

/** At most four link requests at a time, so a page of thumbnails does not flood the API. */
const slots = { free: 4, waiting: [] };
async function limited(task) {
  if (slots.free === 0) await new Promise((resolve) => slots.waiting.push(resolve));
  else slots.free -= 1;
  try {
    return await task();
  } finally {
    const next = slots.waiting.shift();
    if (next) next();
    else slots.free += 1;
  }
}

// ---- start ------------------------------------------------------------------------------------------

async function main() {
  document.body.dataset.ready = 'false';
  setupCredentials();
  setupCollections();
  setupUploads();
  gallery.wire();
  try {
    api = await connect(() => apiKey, () => idToken);
    document.body.dataset.ready = 'true';
    await loadCollections();
  } catch (e) {
    showError(e);
    $('#collections-status').textContent = 'The page could not start.';
  }
}

main();
