-- The shop server's first schema: shops and their members, join codes, rate limits, synced
-- records with their per-shop sequence, applied change ids, and imported buyers and orders.

CREATE TABLE shops (
  id text PRIMARY KEY,
  name text NOT NULL,
  time_zone text NOT NULL DEFAULT 'Asia/Shanghai',
  -- The newest change sequence; a push holds this row locked until it commits, so versions
  -- become visible in sequence order and a pull's cursor never skips one.
  seq bigint NOT NULL DEFAULT 0,
  -- Bumped by every import: the key of cached segment models.
  data_version bigint NOT NULL DEFAULT 0,
  last_change_at timestamptz,
  last_import_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE members (
  id text PRIMARY KEY,
  shop_id text NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent', 'supervisor')),
  -- SHA-256 of the browser's random 256-bit token; the token itself is never stored.
  token_hash bytea NOT NULL UNIQUE,
  invite_id text,
  joined_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX members_shop ON members (shop_id);

CREATE TABLE invites (
  id text PRIMARY KEY,
  shop_id text NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  -- SHA-256 of the normalised code.
  code_hash bytea NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('agent', 'supervisor')),
  uses_left int NOT NULL CHECK (uses_left >= 0),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  created_by text REFERENCES members (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invites_shop ON invites (shop_id);

-- Fixed-window counters shared by every server instance (join attempts per client address).
CREATE TABLE rate_limits (
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  hits int NOT NULL,
  PRIMARY KEY (key, window_start)
);

-- Every synced record's newest version: the merged record, the rules' bookkeeping, its sequence.
CREATE TABLE records (
  shop_id text NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  kind text NOT NULL,
  id text NOT NULL,
  seq bigint NOT NULL,
  data jsonb NOT NULL,
  meta jsonb NOT NULL,
  author text,
  PRIMARY KEY (shop_id, kind, id)
);
CREATE INDEX records_seq ON records (shop_id, seq);

-- Change ids already answered, so a re-push after a lost answer is never applied twice.
CREATE TABLE applied_changes (
  member_id text NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  change_id text NOT NULL,
  status text NOT NULL,
  seq bigint,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (member_id, change_id)
);

-- Imported buyers: the metrics lib/metrics computed from their orders, and the three numbers the
-- segment model is built from as columns.
CREATE TABLE buyers (
  shop_id text NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  platform text NOT NULL,
  buyer_key text NOT NULL,
  nick text NOT NULL,
  metrics jsonb NOT NULL,
  paid_orders int NOT NULL,
  net_cents bigint NOT NULL,
  last_paid_date text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shop_id, platform, buyer_key)
);
CREATE INDEX buyers_nick ON buyers (shop_id, platform, nick);

-- Imported orders (lib/orders mergeOrder's result, without the key columns); buyer_key is null
-- for an order no export has tied to a buyer yet.
CREATE TABLE orders (
  shop_id text NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  platform text NOT NULL,
  order_id text NOT NULL,
  buyer_key text,
  doc jsonb NOT NULL,
  PRIMARY KEY (shop_id, platform, order_id)
);
CREATE INDEX orders_buyer ON orders (shop_id, platform, buyer_key);

CREATE TABLE import_runs (
  id text PRIMARY KEY,
  shop_id text NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  member_id text REFERENCES members (id) ON DELETE SET NULL,
  status text NOT NULL CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
  files jsonb NOT NULL,
  summary jsonb,
  started_at timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
-- One running import per shop, whichever instance runs it.
CREATE UNIQUE INDEX import_runs_one_running ON import_runs (shop_id) WHERE status = 'running';

CREATE TABLE segment_models (
  shop_id text NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  as_of text NOT NULL,
  data_version bigint NOT NULL,
  model jsonb NOT NULL,
  PRIMARY KEY (shop_id, as_of, data_version)
);
