// The API docs page: Swagger UI over openapi.json (built from openapi/filestore.yaml without the API
// Gateway parts), pointed at the API URL of config.json, and authorized with the key the sample page saved.

import { loadConfig, savedApiKey } from '../api.js';

async function main() {
  const message = document.getElementById('docs-message');
  try {
    const [config, spec] = await Promise.all([loadConfig('../config.json'), loadSpec('../openapi.json')]);
    spec.servers = [{ url: config.apiUrl, description: 'This deployment (from config.json)' }];
    const key = savedApiKey();
    const ui = window.SwaggerUIBundle({
      spec,
      dom_id: '#swagger-ui',
      deepLinking: true,
      docExpansion: 'list',
      defaultModelsExpandDepth: 0,
      displayRequestDuration: true,
      persistAuthorization: false,
      tryItOutEnabled: false,
      presets: [window.SwaggerUIBundle.presets.apis],
      layout: 'BaseLayout',
      onComplete: () => {
        if (key) ui.preauthorizeApiKey('api_key', key);
        document.body.dataset.ready = 'true';
      },
    });
    window.ui = ui;
  } catch (e) {
    message.textContent = `${e.title ?? 'Cannot show the API docs'}: ${e.detail ?? e.message}`;
    message.hidden = false;
  }
}

async function loadSpec(url) {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return response.json();
}

main();
