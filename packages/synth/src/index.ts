// Public API of @talent/synth.
