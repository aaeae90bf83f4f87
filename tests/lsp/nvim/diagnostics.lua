-- Attach `nianbao lsp` to the current buffer (Neovim 0.7+), wait for its diagnostics and write them
-- as JSON, with how Neovim read the file. Run headless:
--
--   NIANBAO_LSP_CMD='["nianbao", "lsp"]' NIANBAO_OUT=out.json \
--     nvim --headless --clean -u NONE -i NONE --cmd "set fileencodings=ucs-bom,utf-8,gb18030" \
--     -c "luafile diagnostics.lua" report.txt
--
-- Output: {"diagnostics": [{code, line, col, end_line, end_col}...], "fileencoding", "fileformat", "error"}
-- (lines 0-based; columns 0-based bytes of Neovim's buffer line, as vim.diagnostic counts).

local out_path = assert(vim.env.NIANBAO_OUT, "NIANBAO_OUT not set")
local cmd = vim.fn.json_decode(vim.env.NIANBAO_LSP_CMD or '["nianbao", "lsp"]')
local timeout = tonumber(vim.env.NIANBAO_TIMEOUT or "20000")
local result = { diagnostics = {} }

local ok, err = pcall(function()
  local buf = vim.api.nvim_get_current_buf()
  result.fileencoding = vim.bo[buf].fileencoding
  result.fileformat = vim.bo[buf].fileformat
  local id = vim.lsp.start_client({ name = "nianbao", cmd = cmd, root_dir = vim.fn.getcwd() })
  assert(id, "could not start the server")
  vim.lsp.buf_attach_client(buf, id)
  vim.wait(timeout, function()
    return #vim.diagnostic.get(buf) > 0
  end, 20)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics, {
      code = lsp.code or d.code or vim.NIL,
      line = d.lnum,
      col = d.col,
      end_line = d.end_lnum,
      end_col = d.end_col,
    })
  end
  vim.lsp.stop_client(id)
  vim.wait(2000, function()
    return vim.lsp.get_client_by_id(id) == nil
  end, 20)
end)

if not ok then
  result.error = tostring(err)
end
local f = assert(io.open(out_path, "w"))
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd("qa!")
