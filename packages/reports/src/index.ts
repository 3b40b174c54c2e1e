// Public API of @talent/reports: explicit named exports only.
