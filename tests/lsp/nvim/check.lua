-- Attach `nianbao lsp` to the current buffer with Neovim's own LSP client (0.7+),
-- wait for its diagnostics, fix the (七)总计 row, wait again, and write what Neovim
-- saw as JSON. Run headless:
--
--   NIANBAO_LSP_CMD='["nianbao", "lsp"]' NIANBAO_OUT=out.json \
--     nvim --headless --clean -u NONE -c "luafile check.lua" report.txt
--
-- Output: {"open": [{code, line, col, severity}...], "fixed": [...], "client": name, "error": msg}
-- (line 1-based; col 0-based in bytes, as vim.diagnostic counts).

local out_path = assert(vim.env.NIANBAO_OUT, "NIANBAO_OUT not set")
local cmd = vim.fn.json_decode(vim.env.NIANBAO_LSP_CMD or '["nianbao", "lsp"]')
local timeout = tonumber(vim.env.NIANBAO_TIMEOUT or "20000")
local result = { open = {}, fixed = {} }

local function finish()
  local f = assert(io.open(out_path, "w"))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qa!")
end

local function snapshot(buf)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(items, {
      code = lsp.code or d.code or vim.NIL,
      line = d.lnum + 1,
      col = d.col,
      end_col = d.end_col,
      severity = d.severity,
      source = d.source or vim.NIL,
    })
  end
  return items
end

local function has(items, code)
  for _, d in ipairs(items) do
    if d.code == code then
      return true
    end
  end
  return false
end

local ok, err = pcall(function()
  local buf = vim.api.nvim_get_current_buf()
  local root = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ":p:h")
  local id = vim.lsp.start_client({ name = "nianbao", cmd = cmd, root_dir = root })
  assert(id, "could not start the server")
  vim.lsp.buf_attach_client(buf, id)
  result.client = "neovim " .. tostring(vim.version().major) .. "." .. tostring(vim.version().minor)

  -- 1. diagnostics of the file as opened
  vim.wait(timeout, function()
    return #vim.diagnostic.get(buf) > 0
  end, 20)
  result.open = snapshot(buf)

  -- 2. fix the (七)总计 row (7 lines) as a user would: Neovim sends an incremental didChange
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for i, line in ipairs(lines) do
    if vim.startswith(line, "(七)总计") then
      vim.api.nvim_buf_set_lines(buf, i - 1, i + 6, false, { "(七)总计 | 2 |", "|", "|", "|", "|", "| 2 | ||" })
      break
    end
  end
  vim.wait(timeout, function()
    local now = vim.diagnostic.get(buf)
    return #now > 0 and not has(snapshot(buf), "A301")
  end, 20)
  result.fixed = snapshot(buf)

  vim.lsp.stop_client(id)
  vim.wait(2000, function()
    return vim.lsp.get_client_by_id(id) == nil
  end, 20)
end)

if not ok then
  result.error = tostring(err)
end
finish()
