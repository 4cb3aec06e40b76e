// Lua scripts for the per-(campaign, owner) delivery records (src/adapters/redis-campaign-store.ts).
// A record is one field of the campaign's recipients hash:
//   q                         queued
//   s|<leaseUntil>            sending (claimed; the provider call may be under way)
//   S|<sid>|<status>|<fail>   sent, with the latest status (and the failure counter field, if it failed)
//   k|<reason>                skipped
//   f|<code>|<reason>         failed when sending
//   u                         unknown: the claim's lease ran out without a sid; never resent
// Every transition and the counters it moves change together, in one script.
import { MESSAGE_STATUSES, statusRank } from '../dialogue/store.js';

/**
 * KEYS: recipients, counters, then each owner's campaign index (in ARGV order). ARGV: campaign id, then
 * owner ids. Adds the campaign to the index of every owner it records (erasure finds them there).
 * Returns the owners still queued.
 */
export const MARK_QUEUED = `
local added, queued = 0, {}
for i = 2, #ARGV do
  if redis.call('HSETNX', KEYS[1], ARGV[i], 'q') == 1 then
    added = added + 1
    queued[#queued + 1] = ARGV[i]
    redis.call('SADD', KEYS[i + 1], ARGV[1])
  elseif redis.call('HGET', KEYS[1], ARGV[i]) == 'q' then
    queued[#queued + 1] = ARGV[i]
  end
end
if added > 0 then redis.call('HINCRBY', KEYS[2], 'queued', added) end
return queued`;

/**
 * KEYS: recipients, counters, owner's frequency zset. ARGV: owner, now, leaseUntil, campaign id,
 * cap count (0 = none), cap window ms. Returns {kind, detail}.
 */
export const CLAIM = `
local st = redis.call('HGET', KEYS[1], ARGV[1])
if not st then return {'final', ''} end
local kind = string.sub(st, 1, 1)
local now = tonumber(ARGV[2])
if kind == 's' then
  local lease = tonumber(string.sub(st, 3))
  if lease > now then return {'busy', string.sub(st, 3)} end
  redis.call('HSET', KEYS[1], ARGV[1], 'u')
  redis.call('HINCRBY', KEYS[2], 'unknown', 1)
  return {'unknown', ''}
end
if kind ~= 'q' then return {'final', st} end
local cap = tonumber(ARGV[5])
if cap > 0 then
  local window = tonumber(ARGV[6])
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', string.format('%.0f', now - window))
  if not redis.call('ZSCORE', KEYS[3], ARGV[4]) then
    if redis.call('ZCARD', KEYS[3]) >= cap then
      redis.call('HSET', KEYS[1], ARGV[1], 'k|frequency_cap')
      redis.call('HINCRBY', KEYS[2], 'skipped', 1)
      redis.call('HINCRBY', KEYS[2], 'skipped:frequency_cap', 1)
      return {'capped', ''}
    end
    redis.call('ZADD', KEYS[3], ARGV[2], ARGV[4])
    redis.call('PEXPIRE', KEYS[3], ARGV[6])
  end
end
redis.call('HSET', KEYS[1], ARGV[1], 's|' .. ARGV[3])
return {'claimed', ''}`;

/**
 * KEYS: recipients, counters, owner's frequency zset. ARGV: owner, new record, counter fields joined by
 * '\\n', campaign id whose frequency reservation to release ('' = keep). Returns 1 when it moved.
 */
export const FINISH = `
local st = redis.call('HGET', KEYS[1], ARGV[1])
if not st then return 0 end
local kind = string.sub(st, 1, 1)
if kind ~= 'q' and kind ~= 's' then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
for field in string.gmatch(ARGV[3], '[^\\n]+') do redis.call('HINCRBY', KEYS[2], field, 1) end
if ARGV[4] ~= '' then redis.call('ZREM', KEYS[3], ARGV[4]) end
return 1`;

/** KEYS: recipients. ARGV: owner. sending → queued. */
export const RELEASE = `
local st = redis.call('HGET', KEYS[1], ARGV[1])
if st and string.sub(st, 1, 1) == 's' then redis.call('HSET', KEYS[1], ARGV[1], 'q') return 1 end
return 0`;

/**
 * KEYS: recipients, counters, sid key, owner's last-campaign key. ARGV: owner, sid, status, campaign id,
 * sid ttl s, last-campaign ttl s. sending or unknown → sent.
 */
export const SENT = `
local st = redis.call('HGET', KEYS[1], ARGV[1])
if not st then return 0 end
local kind = string.sub(st, 1, 1)
if kind ~= 's' and kind ~= 'u' then return 0 end
if kind == 'u' then redis.call('HINCRBY', KEYS[2], 'unknown', -1) end
redis.call('HSET', KEYS[1], ARGV[1], 'S|' .. ARGV[2] .. '|' .. ARGV[3] .. '|')
redis.call('HINCRBY', KEYS[2], 'sent', 1)
redis.call('SET', KEYS[3], ARGV[4] .. '|' .. ARGV[1], 'EX', ARGV[5])
redis.call('SET', KEYS[4], ARGV[4], 'EX', ARGV[6])
return 1`;

const rankTable = MESSAGE_STATUSES.map((status) => `${status}=${statusRank(status)}`).join(', ');

/**
 * KEYS: recipients, counters. ARGV: owner, sid, new status, failure counter field ('' unless it failed).
 * Never moves backwards (a late `delivered` keeps `read`). Returns the previous status, or false.
 */
export const APPLY_STATUS = `
local RANK = { ${rankTable} }
local st = redis.call('HGET', KEYS[1], ARGV[1])
if not st or string.sub(st, 1, 2) ~= 'S|' then return false end
local sid, old, oldFail = string.match(st, '^S|([^|]*)|([^|]*)|(.*)$')
if sid ~= ARGV[2] then return false end
local new = ARGV[3]
if (RANK[new] or 0) <= (RANK[old] or 0) then return false end
local function failure(s) return s == 'failed' or s == 'undelivered' or s == 'canceled' end
local fail = ''
if new == 'delivered' then
  redis.call('HINCRBY', KEYS[2], 'delivered', 1)
elseif new == 'read' then
  if old ~= 'delivered' then redis.call('HINCRBY', KEYS[2], 'delivered', 1) end
  redis.call('HINCRBY', KEYS[2], 'read', 1)
  if failure(old) and oldFail ~= '' then
    redis.call('HINCRBY', KEYS[2], 'failed', -1)
    redis.call('HINCRBY', KEYS[2], oldFail, -1)
  end
elseif failure(new) then
  fail = ARGV[4]
  redis.call('HINCRBY', KEYS[2], 'failed', 1)
  redis.call('HINCRBY', KEYS[2], fail, 1)
end
redis.call('HSET', KEYS[1], ARGV[1], 'S|' .. sid .. '|' .. new .. '|' .. fail)
return old`;

/**
 * Erasure of one owner from every campaign in their index: the delivery record, its sid lookup, the
 * reactions counted once; then the index, the last-campaign and frequency keys. Counters stay (they hold
 * no owner). KEYS: owner's campaign index, last-campaign key, frequency zset. ARGV: owner, campaign key
 * prefix (`<prefix>cmp:`), sid key prefix (`<prefix>cmp-sid:`). Returns how many campaigns held a record.
 */
export const ERASE_OWNER = `
local owner, found = ARGV[1], 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local recipients = ARGV[2] .. id .. ':r'
  local st = redis.call('HGET', recipients, owner)
  if st then
    found = found + 1
    local sid = string.match(st, '^S|([^|]*)|')
    if sid and sid ~= '' then redis.call('DEL', ARGV[3] .. sid) end
    redis.call('HDEL', recipients, owner)
  end
  redis.call('HDEL', ARGV[2] .. id .. ':x', owner .. '|replied', owner .. '|interested', owner .. '|opted_out')
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return found`;
