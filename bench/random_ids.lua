-- wrk script: requests {prefix}{id}{suffix} for random lines of a file ("id" or "id etag").
-- usage: wrk ... -s random_ids.lua URL -- FILE PREFIX SUFFIX [METHOD] [BODY]
-- BODY may contain {n}, replaced by a per-thread counter (unique e-mails for POSTs).
local lines = {}
local prefix, suffix, method, body = "", "", "GET", nil
local counter = 0
local tag = ""

function init(args)
  for line in io.lines(args[1]) do lines[#lines + 1] = line end
  prefix = args[2] or ""
  suffix = args[3] or ""
  method = args[4] or "GET"
  body = args[5]
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
  tag = tostring(math.random(1, 1e9))
end

function request()
  local line = lines[math.random(#lines)]
  local id, etag = line:match("^(%S+)%s*(%S*)$")
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end  -- wrk.format replaces, not merges
  if etag ~= nil and etag ~= "" then headers["If-None-Match"] = etag end
  local payload = nil
  if body ~= nil then
    counter = counter + 1
    payload = body:gsub("{n}", tag .. "-" .. counter)
    headers["Content-Type"] = "application/json"
  end
  return wrk.format(method, prefix .. id .. suffix, headers, payload)
end
