-- Neovim headless smoke test: the built-in client starts `mdbook-design lsp`, opens a design and
-- writes the diagnostics it received as JSON lines to the file named by $OUT.
local bin, file, out = os.getenv('MDBOOK_DESIGN_BIN'), os.getenv('DESIGN'), os.getenv('OUT')
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local root = vim.fn.fnamemodify(file, ':p:h')
while root ~= '/' and vim.fn.filereadable(root .. '/book.toml') == 0 do
  root = vim.fn.fnamemodify(root, ':h')
end
local id = vim.lsp.start_client({ name = 'mdbook-design', cmd = { bin, 'lsp' }, root_dir = root })
vim.lsp.buf_attach_client(buf, id)
local ok = vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(lines, vim.fn.json_encode({ line = d.lnum, col = d.col, code = d.code, message = d.message }))
end
vim.fn.writefile(lines, out)
vim.lsp.stop_client(id)
vim.wait(2000, function() return vim.lsp.client_is_stopped(id) end, 50)
vim.cmd(ok and 'qall!' or 'cquit 3')
