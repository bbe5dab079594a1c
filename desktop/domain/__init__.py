"""Pure rules of the proposal office: standard library only, no I/O."""
