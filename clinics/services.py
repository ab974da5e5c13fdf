"""Multi-step writes for the clinic directory: keyword-only arguments, atomic, named thing_verb."""
