-- wrk script: GET {prefix}{id}{suffix} for random lines of a file: "id" or "id etag".
-- usage: wrk ... -s random_ids.lua URL -- FILE PREFIX SUFFIX
local lines = {}
local prefix, suffix = "", ""

function init(args)
  for line in io.lines(args[1]) do lines[#lines + 1] = line end
  prefix = args[2] or ""
  suffix = args[3] or ""
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  local line = lines[math.random(#lines)]
  local id, etag = line:match("^(%S+)%s*(%S*)$")
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end  -- wrk.format replaces, not merges
  if etag ~= nil and etag ~= "" then headers["If-None-Match"] = etag end
  return wrk.format("GET", prefix .. id .. suffix, headers)
end
