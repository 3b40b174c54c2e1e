// Public API of taxonomy/: add explicit named exports here.
