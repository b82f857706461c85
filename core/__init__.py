"""Plain helpers every app may use. No models, and no import of any app."""
