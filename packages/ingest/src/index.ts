// Public API of @talent/ingest: explicit named exports only.
