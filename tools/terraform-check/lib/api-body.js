'use strict';
// The REST API body as Terraform renders it (aws_api_gateway_rest_api.body). The body is
// jsonencode(yamldecode(templatefile(spec, ...))) and the template receives the api function's
// invoke ARN, which exists only after apply, so a plan-time evaluation sees an opaque value. The
// body is therefore read from a twin evaluation of the same configuration whose templatefile()
// writes UNKNOWN_PLACEHOLDER for such values: everything Terraform adds to the spec (the Cognito
// authorizer) is then visible, and values known only after apply stay symbolic.
const { ModuleContext, isUnknown, Failed } = require('./eval');

/** The same configuration as ctx, evaluated with partially rendered templates. */
function partialContext(ctx) {
  return new ModuleContext({
    module: ctx.module,
    inputs: ctx.inputs,
    workspace: ctx.workspace,
    rootDir: ctx.rootDir,
    address: ctx.address,
    label: ctx.label,
    partialTemplates: true,
  });
}

/**
 * The rendered bodies of the REST APIs of a (partial) context: [{ api, doc, error }], where doc is
 * the decoded document (values known only after apply stay Unknown) or null with error saying why.
 */
async function renderedApiBodies(partial) {
  const out = [];
  for (const api of await partial.instancesOfType('aws_api_gateway_rest_api')) {
    const body = api.body.body;
    if (body instanceof Failed) {
      out.push({ api, doc: null, error: body.error.message });
    } else if (typeof body === 'string') {
      try {
        out.push({ api, doc: JSON.parse(body), error: null });
      } catch (e) {
        out.push({ api, doc: null, error: `the body is not JSON: ${e.message}` });
      }
    } else if (isUnknown(body) && body.encoded && typeof body.encoded === 'object') {
      // jsonencode() of a document with values known only after apply (the user pool ARN).
      out.push({ api, doc: body.encoded, error: null });
    } else {
      out.push({ api, doc: null, error: `the body cannot be read before apply (${isUnknown(body) ? body.display : typeof body})` });
    }
  }
  return out;
}

module.exports = { partialContext, renderedApiBodies };
