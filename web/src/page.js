// What the sample page (app.js) and the gallery (gallery.js) share besides the API client: the message
// box, a few formatting helpers, the start-up that reads config.json, and a list of files kept fresh
// (reloaded as far as it is shown, extended page by page, polled while a file is PENDING).
// Each page keeps what is its own: its forms, its rows or cards, and the hints it can add to a problem.

import { ApiError, createApi, loadConfig } from './api.js';

export const $ = (selector) => document.querySelector(selector);

export function paragraph(text, className) {
  const p = document.createElement('p');
  p.textContent = text;
  if (className) p.className = className;
  return p;
}

/** Anything thrown, as an ApiError (a bug or a browser failure becomes an "Unexpected error"). */
export const asApiError = (e) => (e instanceof ApiError
  ? e
  : new ApiError({ title: 'Unexpected error', detail: String(e?.message ?? e) }));

// ---- messages ---------------------------------------------------------------------------------------

/**
 * Shows an error (an ApiError, or anything thrown) as a readable message in #message. A page adds what
 * it knows: `notes(e)`, elements shown right after the detail; `hints(e)`, lines shown after the field
 * errors.
 */
export function showError(error, context, { notes = () => [], hints = () => [] } = {}) {
  const box = $('#message');
  box.replaceChildren();
  box.className = 'message error';
  const e = asApiError(error);
  const heading = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = context ? `${context}: ${e.title}` : e.title;
  heading.append(strong);
  if (e.status) heading.append(` (HTTP ${e.status})`);
  box.append(heading);
  if (e.detail) box.append(paragraph(e.detail, 'detail'));
  box.append(...notes(e));
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
  for (const hint of hints(e)) box.append(paragraph(hint, 'hint'));
  if (e.requestId) box.append(paragraph(`Request id ${e.requestId}`, 'hint'));
  box.hidden = false;
}

export function showNotice(text) {
  const box = $('#message');
  box.className = 'message notice';
  box.replaceChildren(paragraph(text));
  box.hidden = false;
}

export function clearMessage() {
  const box = $('#message');
  box.hidden = true;
  box.replaceChildren();
}

// ---- formatting -------------------------------------------------------------------------------------

/** What the pages say about the saved API key: only its last four characters. */
export function keyStatus(apiKey) {
  return apiKey
    ? `A key is saved in this browser (…${apiKey.slice(-4)}).`
    : 'No key saved yet: every request needs one.';
}

/** Decimal units, as FilePond shows them. */
export function formatSize(bytes) {
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

// ---- start ------------------------------------------------------------------------------------------

/** Reads config.json and returns the API for its URL, which the footer shows. */
export async function connect(getKey, getToken) {
  const config = await loadConfig();
  const api = createApi(config.apiUrl, getKey, getToken);
  $('#api-url').textContent = `API: ${config.apiUrl}`;
  return api;
}

// ---- a list of files --------------------------------------------------------------------------------

const isPending = (file) => file.state === 'PENDING';

/**
 * The files a page shows, newest first. The page passes its own entry points, which check what the
 * list needs first (the API, a key, a chosen collection): `refresh()` (called by the poll and the
 * Refresh button) and `more()` (the Show more button); `render()` shows `files`.
 *
 * `generation` changes when the page lists something else (another collection): answers about the
 * earlier one that arrive late are dropped, and a load that was running is started again.
 */
export class FileList {
  constructor({ pageSize, render, refresh, more }) {
    Object.assign(this, { pageSize, render, refresh, more });
    this.files = [];
    this.nextCursor = null;
    this.loading = false;
    this.again = false;
    this.pollTimer = 0;
    this.pollDelay = 1000;
    this.generation = 0;
  }

  pending() {
    return this.files.filter(isPending).length;
  }

  /**
   * Reloads the first pages (as many as are shown) through `listPage(query)`; `failed(e)` reports a
   * failure. Calls made while loading coalesce into one more load.
   */
  async load(listPage, failed) {
    if (this.loading) {
      this.again = true;
      return;
    }
    const generation = this.generation;
    this.loading = true;
    try {
      do {
        this.again = false;
        const wanted = Math.max(this.pageSize, this.files.length);
        const files = [];
        let cursor;
        do {
          const page = await listPage({ limit: Math.min(100, wanted - files.length), cursor });
          files.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor && files.length < wanted);
        if (generation !== this.generation) return;
        this.files = files;
        this.nextCursor = cursor ?? null;
      } while (this.again);
      this.render();
    } catch (e) {
      if (generation !== this.generation) return;
      failed(e);
    } finally {
      this.loading = false;
      if (generation !== this.generation) this.refresh();
    }
    this.schedulePoll();
  }

  /** Appends the next page (without the files already shown). */
  async loadMore(listPage, failed) {
    if (!this.nextCursor) return;
    const generation = this.generation;
    try {
      const page = await listPage({ limit: this.pageSize, cursor: this.nextCursor });
      if (generation !== this.generation) return;
      const known = new Set(this.files.map((f) => f.id));
      this.files.push(...page.items.filter((f) => !known.has(f.id)));
      this.nextCursor = page.nextCursor ?? null;
      this.render();
    } catch (e) {
      failed(e);
    }
  }

  /** While a file is PENDING (storage has not confirmed it yet), poll, slowing down the longer it takes. */
  schedulePoll() {
    clearTimeout(this.pollTimer);
    if (!this.files.some(isPending)) {
      this.pollDelay = 1000;
      return;
    }
    this.pollTimer = setTimeout(() => {
      this.pollDelay = Math.min(this.pollDelay * 1.5, 15000);
      if (document.hidden) this.schedulePoll();
      else this.refresh();
    }, this.pollDelay);
  }

  /** Puts a file the page learnt about (created, stored) in place, or first; the caller renders. */
  merge(file) {
    const index = this.files.findIndex((f) => f.id === file.id);
    if (index >= 0) this.files[index] = file;
    else this.files.unshift(file);
    this.pollDelay = 1000;
  }

  /** Forgets the files and stops polling, for something else to be listed; the caller renders. */
  reset() {
    this.generation += 1;
    clearTimeout(this.pollTimer);
    this.files = [];
    this.nextCursor = null;
    this.pollDelay = 1000;
  }

  /** Wires the page's Refresh (#refresh) and Show more (#more) buttons, and a refresh on coming back to the tab. */
  wire() {
    $('#refresh').addEventListener('click', () => {
      clearMessage();
      this.pollDelay = 1000;
      this.refresh();
    });
    $('#more').addEventListener('click', () => this.more());
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && this.files.some(isPending)) this.refresh();
    });
  }
}
