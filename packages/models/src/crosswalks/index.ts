// Public API of crosswalks/: add explicit named exports here.
