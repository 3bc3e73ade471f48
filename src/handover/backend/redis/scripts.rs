//! The Lua scripts of [`RedisBackend`](super::RedisBackend): each runs atomically in Redis, so
//! replicas never see half an operation.

use redis::Script;

/// Lua: `wake(due, lease, pending, conversation, at ms, now ms)` asks for a wake-up, keeping
/// the earliest; while a live lease is held, the wish waits in the pending hash until the
/// lease is settled.
macro_rules! wake_lua {
    () => {
        r"
local function wake(due, lease, pending, conversation, at, now)
  local held = tonumber(redis.call('HGET', lease, conversation) or '0')
  if held > now then
    local waiting = tonumber(redis.call('HGET', pending, conversation) or '9000000000000000')
    if at < waiting then redis.call('HSET', pending, conversation, at) end
  else
    redis.call('ZADD', due, 'LT', at, conversation)
  end
end
"
    };
}

/// Asks for a wake-up (see `wake_lua`).
///
/// KEYS: due set, lease hash, pending hash. ARGV: conversation, due ms, now ms.
pub(super) fn schedule() -> Script {
    Script::new(concat!(
        wake_lua!(),
        r"
wake(KEYS[1], KEYS[2], KEYS[3], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]))
return 0
"
    ))
}

/// Compare-and-set of a session and the events it announces, in one step: a replica dying
/// mid-way leaves both or neither.
///
/// KEYS: session hash, thread index key (or the session key again when there is no thread),
/// active set, the conversation's event list, the stream every replica reads, the due set,
/// lease hash and pending hash of wake-ups. ARGV: expected version (`''`: no session to save,
/// only events), session JSON, conversation id, `1` when the session is done (finished, outbox
/// empty), retention of done sessions in seconds, events kept per conversation, their
/// retention in seconds, approximate stream length, when the session's outbox is next due
/// (ms, `''` when empty), now (ms), stream retention (ms), then one event JSON per event.
///
/// The event counter is the session hash's field `n` (a hash with no session in it expires
/// with the events). A session saved with user messages waiting is woken when the first is
/// due, in the same step: a replica dying right after the save cannot leave them without a
/// wake-up.
///
/// Returns `{new version (0 without a session), id of the last event (0 without one)}`, or
/// `{-1, 0}` when the stored version is not the expected one (nothing written). Event entries
/// are `"{id} {json}"`.
pub(super) fn commit() -> Script {
    Script::new(concat!(
        wake_lua!(),
        r"
local version = 0
if ARGV[1] ~= '' then
  local stored = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
  if stored ~= tonumber(ARGV[1]) then return {-1, 0} end
  version = stored + 1
  redis.call('HSET', KEYS[1], 'v', version, 'd', ARGV[2])
  local indexed = KEYS[2] ~= KEYS[1]
  if indexed then redis.call('SET', KEYS[2], ARGV[3]) end
  if ARGV[4] == '1' then
    redis.call('EXPIRE', KEYS[1], ARGV[5])
    if indexed then redis.call('EXPIRE', KEYS[2], ARGV[5]) end
    redis.call('SREM', KEYS[3], ARGV[3])
  else
    redis.call('PERSIST', KEYS[1])
    redis.call('SADD', KEYS[3], ARGV[3])
  end
  if ARGV[9] ~= '' then
    wake(KEYS[6], KEYS[7], KEYS[8], ARGV[3], tonumber(ARGV[9]), tonumber(ARGV[10]))
  end
end
local id = 0
for n = 12, #ARGV do
  id = redis.call('HINCRBY', KEYS[1], 'n', 1)
  local entry = id .. ' ' .. ARGV[n]
  redis.call('RPUSH', KEYS[4], entry)
  redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[8], '*', 'e', entry)
end
if id > 0 then
  -- Stream ids are Redis's clock in ms: entries older than the retention go.
  local t = redis.call('TIME')
  local oldest = math.max(0, tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) - tonumber(ARGV[11]))
  redis.call('XTRIM', KEYS[5], 'MINID', '~', oldest)
  redis.call('LTRIM', KEYS[4], -tonumber(ARGV[6]), -1)
  redis.call('EXPIRE', KEYS[4], ARGV[7])
  if redis.call('HEXISTS', KEYS[1], 'v') == 0 then redis.call('EXPIRE', KEYS[1], ARGV[7]) end
end
return {version, id}
"
    ))
}

/// Takes due conversations, each leased (and due again when the lease runs out).
///
/// KEYS: due set, lease hash. ARGV: now ms, lease end ms, how many at most.
pub(super) fn take_due() -> Script {
    Script::new(
        r"
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, conversation in ipairs(due) do
  redis.call('ZADD', KEYS[1], ARGV[2], conversation)
  redis.call('HSET', KEYS[2], conversation, ARGV[2])
end
return due
",
    )
}

/// Ends a lease: the next wake-up is the earliest of ours and the pending one; none removes
/// the conversation from the due set. A lease taken over meanwhile only adds our wish.
///
/// KEYS: due set, lease hash, pending hash. ARGV: conversation, lease end ms, next ms or ''.
pub(super) fn settle() -> Script {
    Script::new(
        r"
local next = tonumber(ARGV[3])
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then
  if next then redis.call('ZADD', KEYS[1], 'LT', next, ARGV[1]) end
  return 0
end
redis.call('HDEL', KEYS[2], ARGV[1])
local pending = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or 'x')
redis.call('HDEL', KEYS[3], ARGV[1])
if pending and (not next or pending < next) then next = pending end
-- Scheduled directly meanwhile (the lease had run out): that wish stays too.
local score = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]) or ARGV[2])
if score ~= tonumber(ARGV[2]) and (not next or score < next) then next = score end
if next then redis.call('ZADD', KEYS[1], next, ARGV[1]) else redis.call('ZREM', KEYS[1], ARGV[1]) end
return 1
",
    )
}

/// Drops a dedup claim that was not committed.
///
/// KEYS: the id's key.
pub(super) fn release() -> Script {
    Script::new(
        r"
if redis.call('GET', KEYS[1]) == 'claimed' then redis.call('DEL', KEYS[1]) end
return 0
",
    )
}

/// A sliding log of request times: takes one request from the budget, or says how many
/// milliseconds to wait. Uses Redis's clock, the same for every replica.
///
/// KEYS: the log (sorted set). ARGV: requests per window, window ms, a unique member.
pub(super) fn acquire() -> Script {
    Script::new(
        r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now + 1)
",
    )
}
