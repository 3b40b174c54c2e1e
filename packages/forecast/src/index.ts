// Public API of @talent/forecast: explicit named exports only.
