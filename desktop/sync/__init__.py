"""Exchange by file between installations (shared/SYNC.md): signed packages carried on USB
sticks, merged field by field.  Below the services, beside the store: it reads and writes the
change log and knows nothing of screens."""
