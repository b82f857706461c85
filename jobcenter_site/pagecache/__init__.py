"""The page cache: policy (what, how long, when stale), middleware, Redis backend, checks."""
