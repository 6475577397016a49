// Starts `mdbook-design lsp` on standard input and output for Markdown files. Everything the
// editor shows (diagnostics, quick fixes, completion, hover, definition, symbols) comes from
// the server; this file only finds the binary and hands it to vscode-languageclient.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function start() {
  const command = vscode.workspace.getConfiguration('mdbook-design').get('path') || 'mdbook-design';
  const server = { command, args: ['lsp'] };
  client = new LanguageClient('mdbook-design', 'mdbook-design', { run: server, debug: server }, {
    documentSelector: [{ scheme: 'file', language: 'markdown' }],
  });
  return client.start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('mdbook-design.path')) {
        await deactivate();
        await start();
      }
    }),
  );
  await start();
}

function deactivate() {
  const stopping = client;
  client = undefined;
  return stopping ? stopping.stop() : undefined;
}

module.exports = { activate, deactivate };
