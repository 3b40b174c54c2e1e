// Public API of frameworks/: add explicit named exports here.
