// A small client of the Filestore API (openapi/filestore.yaml), shared by the sample page, the gallery
// page and the docs page.

/** Where the pages keep the API key; the docs page reads it too (same origin). */
export const API_KEY_STORAGE = 'filestore.apiKey';
/** Where the pages keep the user pool's ID token, for a deployment with the authorizer on. */
export const ID_TOKEN_STORAGE = 'filestore.idToken';

function stored(name) {
  try {
    return localStorage.getItem(name) ?? '';
  } catch {
    return '';
  }
}

function store(name, value) {
  try {
    if (value) localStorage.setItem(name, value);
    else localStorage.removeItem(name);
  } catch {
    // Storage may be disabled; the value then lasts as long as the page.
  }
}

export function savedApiKey() {
  return stored(API_KEY_STORAGE);
}

export function saveApiKey(key) {
  store(API_KEY_STORAGE, key);
}

export function savedIdToken() {
  return stored(ID_TOKEN_STORAGE);
}

/** Saves an ID token; a pasted "Bearer " prefix and whitespace are dropped. */
export function saveIdToken(token) {
  const clean = normalizeToken(token);
  store(ID_TOKEN_STORAGE, clean);
  return clean;
}

export function normalizeToken(token) {
  return String(token ?? '').trim().replace(/^Bearer\s+/i, '').trim();
}

/**
 * The claims of a JWT, read without checking its signature (the API checks it): for showing whose
 * token it is and when it expires. Null when it is not a JWT.
 */
export function tokenClaims(token) {
  const part = normalizeToken(token).split('.')[1];
  if (!part) return null;
  try {
    const base64 = part.replaceAll('-', '+').replaceAll('_', '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? claims : null;
  } catch {
    return null;
  }
}

/**
 * Reads the host's config.json (relative to the page) for the API URL. Nothing about the API's host is
 * built into the page: the local stack generates config.json, and a deployment uploads its own.
 */
export async function loadConfig(url = 'config.json') {
  let response;
  try {
    response = await fetch(url, { cache: 'no-store' });
  } catch (e) {
    throw new ApiError({ title: 'Cannot load the configuration', detail: `${url}: ${e.message}` });
  }
  if (!response.ok) {
    throw new ApiError({
      title: 'Cannot load the configuration',
      detail: `${new URL(url, location.href)} answered HTTP ${response.status}; the host must serve config.json with {"apiUrl": ...}`,
    });
  }
  const config = await response.json();
  if (typeof config.apiUrl !== 'string' || !config.apiUrl) {
    throw new ApiError({ title: 'Cannot load the configuration', detail: 'config.json has no apiUrl' });
  }
  return { ...config, apiUrl: config.apiUrl.replace(/\/+$/, '') };
}

/**
 * A failed call, readable: `title`, `detail`, the field `errors` of a 400, the `allowedContentTypes` of a
 * refused type and the file `state` of a 409 come from the problem+json body; a network failure has
 * status 0.
 */
export class ApiError extends Error {
  constructor({
    status = 0, title, detail = '', type = '', errors = [], state = '', requestId = '', allowedContentTypes = [],
  }) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
    Object.assign(this, { status, title, detail, type, errors, state, requestId, allowedContentTypes });
  }

  /** A few words, for places with little room (FilePond's item label); the message box has the rest. */
  get summary() {
    return this.status ? `${this.title} (HTTP ${this.status})` : this.title;
  }
}

const STATUS_TITLES = {
  400: 'Invalid request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict with the file\'s state',
  413: 'Request too large',
  429: 'Too many requests',
  500: 'Internal error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/** Builds an ApiError from an error response; the body is problem+json when the API or gateway wrote it. */
export async function problemOf(response) {
  const text = await response.text().catch(() => '');
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const status = response.status;
  const fallbackTitle = STATUS_TITLES[status] ?? `HTTP ${status}`;
  if (body && typeof body === 'object' && (body.title || body.detail || body.message)) {
    return new ApiError({
      status,
      type: body.type ?? '',
      title: body.title || fallbackTitle,
      detail: body.detail ?? body.message ?? '',
      errors: Array.isArray(body.errors) ? body.errors.filter((e) => e && e.field) : [],
      state: body.state ?? '',
      allowedContentTypes: Array.isArray(body.allowedContentTypes)
        ? body.allowedContentTypes.filter((t) => typeof t === 'string')
        : [],
      requestId: body.requestId ?? response.headers.get('x-amzn-RequestId') ?? '',
    });
  }
  return new ApiError({ status, title: fallbackTitle, detail: text.slice(0, 300) || response.statusText });
}

export function networkError(url, cause) {
  return new ApiError({
    title: 'Network error',
    detail: `Could not reach ${url} (${cause?.message || 'connection failed'}). Is the API running, and does it allow this page's origin?`,
  });
}

/**
 * The API, for one base URL. The key (sent as x-api-key) and the optional ID token (sent as
 * Authorization: Bearer, for a deployment with the user-pool authorizer) are read on every call, so a
 * new one takes effect at once.
 */
export function createApi(apiUrl, getKey, getToken = () => '') {
  async function call(method, path, { body, query, signal } = {}) {
    const url = new URL(apiUrl + path);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
    }
    const headers = { accept: 'application/json, application/problem+json' };
    const key = getKey();
    if (key) headers['x-api-key'] = key;
    const token = normalizeToken(getToken?.());
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        cache: 'no-store',
      });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw networkError(apiUrl, e);
    }
    if (!response.ok) throw await problemOf(response);
    return response.status === 204 ? null : response.json();
  }

  const file = (id) => `/files/${encodeURIComponent(id)}`;
  const collection = (cid) => `/collections/${encodeURIComponent(cid)}`;
  return {
    createFile: (request, options) => call('POST', '/files', { ...options, body: request }),
    listFiles: (query, options) => call('GET', '/files', { ...options, query }),
    getFile: (id, options) => call('GET', file(id), options),
    storeFile: (id) => call('POST', `${file(id)}/store`),
    downloadFile: (id, query) => call('GET', `${file(id)}/download`, { query }),
    deleteFile: (id) => call('DELETE', file(id)),

    createCollection: (request) => call('POST', '/collections', { body: request }),
    listCollections: (query, options) => call('GET', '/collections', { ...options, query }),
    getCollection: (cid, options) => call('GET', collection(cid), options),
    putMember: (cid, principal, role) =>
      call('PUT', `${collection(cid)}/members/${encodeURIComponent(principal)}`, { body: { role } }),
    removeMember: (cid, principal) => call('DELETE', `${collection(cid)}/members/${encodeURIComponent(principal)}`),
    createCollectionFile: (cid, request, options) =>
      call('POST', `${collection(cid)}/files`, { ...options, body: request }),
    listCollectionFiles: (cid, query, options) => call('GET', `${collection(cid)}/files`, { ...options, query }),
  };
}

/** The base64 SHA-256 of a file's bytes, or null where Web Crypto is unavailable (an insecure context). */
export async function sha256Base64(blob) {
  if (!globalThis.crypto?.subtle) return null;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary);
}

// Headers a page may not set (the Fetch standard's forbidden request headers); the browser sets
// Content-Length and Host itself, from the body and the URL.
const FORBIDDEN_HEADERS = new Set([
  'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method',
  'connection', 'content-length', 'cookie', 'cookie2', 'date', 'dnt', 'expect', 'host', 'keep-alive',
  'origin', 'referer', 'set-cookie', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'via',
]);

export function settableHeader(name) {
  const lower = name.toLowerCase();
  return !FORBIDDEN_HEADERS.has(lower) && !lower.startsWith('proxy-') && !lower.startsWith('sec-');
}

/** S3 answers errors as XML: <Error><Code>…</Code><Message>…</Message></Error>. */
function s3Error(xhr) {
  const text = typeof xhr.responseText === 'string' ? xhr.responseText : '';
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  return new ApiError({
    status: xhr.status,
    title: 'Upload refused by storage',
    detail: [code, message].filter(Boolean).join(': ') || `HTTP ${xhr.status} ${xhr.statusText}`,
  });
}

/**
 * Sends the bytes as the upload ticket says, with XMLHttpRequest for its upload progress.
 * Returns { promise, abort }; the promise rejects with an ApiError, or an AbortError after abort().
 */
export function uploadBytes(ticket, blob, onProgress) {
  const xhr = new XMLHttpRequest();
  const promise = new Promise((resolve, reject) => {
    xhr.open(ticket.method || 'PUT', ticket.url);
    for (const [name, value] of Object.entries(ticket.headers ?? {})) {
      if (settableHeader(name)) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => onProgress(event.lengthComputable, event.loaded, event.total);
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(s3Error(xhr)));
    xhr.onerror = () => reject(networkError(new URL(ticket.url).origin, null));
    xhr.ontimeout = () => reject(networkError(new URL(ticket.url).origin, new Error('timed out')));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    xhr.send(blob);
  });
  return { promise, abort: () => xhr.abort() };
}
